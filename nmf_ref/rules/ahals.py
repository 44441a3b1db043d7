"""Accelerated HALS (Gillis & Glineur 2012): several sweeps per pair of big products.

A HALS iteration (:mod:`nmf_ref.rules.hals`) pays for the product
:math:`XH^T` (about :math:`2Kr` flops, K = the entries of X, m·n when X is
dense) and then spends only :math:`O(mr^2)` on its sweep over W. Once the
product is made, a second sweep with the same :math:`XH^T` and :math:`HH^T`
costs a fraction of the first and lowers the objective again: every sweep is
exact coordinate descent on the same W-subproblem, so the objective never
goes up. A-HALS reuses the products for several sweeps before moving on to H.

**How many sweeps.** The first sweep costs the products plus itself, each
further sweep only itself; Gillis & Glineur count flops and take the ratio

.. math::

    \\rho_W = \\frac{2Kr + 2nr^2 + 2mr(r+1)}{2mr(r+1)}
            = 1 + \\frac{K + nr}{m(r+1)} ,

and allow at most :math:`\\lfloor 1 + \\alpha\\rho_W \\rfloor` sweeps, with
α = 0.5 (for H, swap m and n): the extra sweeps may cost up to α times the
first one, products included.

**What a flop costs here.** That count assumes that a flop of the sweep costs
what a flop of the product does, as in compiled code. nmf_ref's sweep is
NumPy, three calls per column, and measured against one big matrix product
(one BLAS thread) its flops cost about four times as much, plus a fixed cost
per column for the calls themselves. :func:`max_sweeps` can put both in the
denominator (``flop_cost``, ``column_cost``, in flops of the product), which
allows fewer sweeps; the default is the paper's count, whose sweeps the ε rule
below cuts short once they stop paying (the race of chapter 10 measures both).
A small W (at most :data:`FUSED_ENTRIES` entries, where the calls are the cost)
is swept in two calls per column instead (:func:`_fused`).

**When to stop early.** Sweeps that barely move W are not worth their cost:
the inner loop stops after the first sweep k with

.. math::

    \\|W_{k} - W_{k-1}\\|_F \\le \\varepsilon\\, \\|W_1 - W_0\\|_F, \\qquad \\varepsilon = 0.1 ,

so early on, when W moves a lot, A-HALS sweeps many times, and near a
solution, where a sweep changes little, about as often as HALS.

The loop tells the rule the size of the data its half-step fits, through the
option ``data_shape = (rows, columns, K)`` (X for the W-step, Xᵀ for the
H-step). Without it (a caller that does not know the data), the budget is
:data:`DEFAULT_SWEEPS`.

The violation reported to the KKT stopping test is that of the factor the
step started from (the first sweep's, as in HALS), so the test means the same
as for HALS; the runs are *not* scikit-learn's iterates any more.
"""

import numpy as np

from ..objective import inner
from ..stopping import KKTTest
from ._gram import penalized
from .hals import sweep, sweep_constants, violation
from .record import Rule

ALPHA = 0.5  # the inner sweeps may cost up to α times the first one, products included
SWEEP_FLOP_COST = 1.0  # κ, a flop of the sweep in flops of the product (paper: 1; NumPy: ~4)
COLUMN_COST = 0.0  # λ, the fixed cost of one column (paper: 0; NumPy: ~75 000)
EPSILON = 0.1  # stop sweeping when a sweep moves W less than ε times the first one did
DEFAULT_SWEEPS = 5  # the budget when the size of the data is not known
FUSED_ENTRIES = 8000  # up to this many entries (m·r) W's sweeps run fused (_fused):
# against hals.sweep on one BLAS thread, 0.74-0.98x its time below (r = 5 to 30),
# 1.0-1.6x above

def max_sweeps(rows, columns, entries, rank, alpha=ALPHA, flop_cost=SWEEP_FLOP_COST,
               column_cost=COLUMN_COST):
    """:math:`\\lfloor 1 + \\alpha\\rho \\rfloor` for a W of ``rows`` × ``rank`` fitted to a
    ``rows`` × ``columns`` X with ``entries`` entries (m·n when dense, nnz when sparse).

    ``flop_cost=1, column_cost=0`` is Gillis & Glineur's
    :math:`\\rho = 1 + (K + nr)/(m(r+1))`.

    Parameters
    ----------
    rows, columns, entries, rank : int
        m, n, the entries X stores (m·n, or nnz), and r.
    alpha : float, default=ALPHA
        The extra sweeps may cost up to α times the first one, products included.
    flop_cost, column_cost : float, default=SWEEP_FLOP_COST, COLUMN_COST
        A flop of the sweep, and one column's fixed cost, in flops of the product.

    Returns
    -------
    int
        The most sweeps per half-step.
    """
    products = 2.0 * rank * (entries + columns * rank)
    sweep = flop_cost * 2.0 * rows * rank * (rank + 1) + column_cost * rank
    return int(np.floor(1 + alpha * (1 + products / sweep)))


def update_W(W, HHt, XHt, sweeps=1, epsilon=EPSILON, order=None):
    """Up to ``sweeps`` HALS sweeps over W with the same Gram products.

    Parameters
    ----------
    W, HHt, XHt : ndarrays
        As in :func:`nmf_ref.rules.hals.update_W`.
    sweeps : int, default=1
        The budget (:func:`max_sweeps`).
    epsilon : float, default=EPSILON
        Stop after a sweep that moves W less than ``epsilon`` times the first one.
    order : sequence of int, optional
        The column order.

    Returns
    -------
    ndarray of shape (m, r): ``W_new`` (:func:`sweep_until` also gives the
    violation and the number of sweeps done).
    """
    return sweep_until(W, HHt, XHt, sweeps, epsilon, order)[0]


def sweep_until(W, HHt, XHt, sweeps=1, epsilon=EPSILON, order=None):
    """Up to ``sweeps`` HALS sweeps over W with the same Gram products.

    Returns ``(W_new, violation, sweeps_done)``: the violation is the KKT
    violation of ``W`` itself (met by the first sweep, as in HALS). The sweeps
    stop early after the first one that changes W by at most ``epsilon`` times
    the change of the first sweep (Frobenius norms).

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The current W (not modified).
    HHt : ndarray of shape (r, r)
        :math:`HH^T`, penalties included.
    XHt : ndarray of shape (m, r)
        :math:`XH^T`, penalties included.
    sweeps : int, default=1
        The budget (:func:`max_sweeps`); at least one sweep is made.
    epsilon : float, default=EPSILON
        Stop after a sweep that moves W less than ``epsilon`` times the first one.
    order : sequence of int, default=None
        The column order; None: 0, 1, ..., r-1.

    Returns
    -------
    W_new : ndarray of shape (m, r)
        The new W, column-major.
    violation : float
        The KKT violation of ``W``.
    sweeps_done : int
        The number of sweeps made, 1 to ``sweeps``.
    """
    A, B = sweep_constants(HHt, XHt)
    W_old = np.asfortranarray(W)  # column-major, as hals.update_W
    m, r = W_old.shape
    if sweeps > 1 and m * r <= FUSED_ENTRIES:
        W_new, one_sweep = _fused(W_old, A, B, order)
    else:
        W_new = W_old.copy(order="F")

        def one_sweep(out):
            return sweep(W_new, A, B, order, out)  # B is needed again: write into out
    unclipped = one_sweep(np.empty_like(W_old))
    previous = np.empty_like(W_old)  # one buffer for every sweep's change
    change = np.subtract(W_new, W_old, out=previous)
    target = epsilon**2 * inner(change, change)
    first = violation(W_old, W_new, unclipped, HHt, XHt)
    done = 1
    while done < sweeps:
        np.copyto(previous, W_new)
        one_sweep(unclipped)
        done += 1
        change = np.subtract(W_new, previous, out=previous)
        if inner(change, change) <= target:
            break
    return W_new, first, done


def _fused(W, A, B, order):
    """The sweeps of a small W in two NumPy calls per column instead of three.

    A sweep of a W with few entries costs its NumPy calls, not its arithmetic. With
    Z = [W | B] and column t of C = (−A_t; e_t), the unclipped column
    :math:`B_{:t} - W A_{t:}^T` is one matrix-vector product :math:`Z C_{:t}`, and
    the clip writes it back into Z. Returns ``(W_new, one_sweep)``: W_new, a view of
    Z, and ``one_sweep(out)``, which sweeps it once and writes the unclipped values
    into ``out``. The same exact coordinate descent as :func:`nmf_ref.rules.hals.sweep`,
    summed in another order (equal to rounding).
    """
    m, r = W.shape
    Z = np.empty((m, 2 * r), dtype=W.dtype, order="F")
    Z[:, :r], Z[:, r:] = W, B
    C = np.zeros((2 * r, r), dtype=W.dtype, order="F")
    C[:r], C[r:] = -A.T, np.eye(r)  # a dead column (A_tt = -1, B_t = 0) gets back W_t
    zero = np.zeros(m, dtype=W.dtype)  # not the scalar 0.0 (hals.sweep says why)
    columns = range(r) if order is None else order

    def one_sweep(out):
        dot, maximum = np.dot, np.maximum
        for t in columns:
            dot(Z, C[:, t], out=out[:, t])
            maximum(out[:, t], zero, out=Z[:, t])
        return out

    return Z[:, :r], one_sweep


def update_H(H, WtW, WtX, sweeps=1, epsilon=EPSILON, order=None):
    """The same for H (the W-step of :math:`X^T \\approx H^T W^T`).

    Parameters
    ----------
    H : ndarray of shape (r, n)
        The current H.
    WtW : ndarray of shape (r, r)
        :math:`W^TW`.
    WtX : ndarray of shape (r, n)
        :math:`W^TX`.
    sweeps, epsilon, order
        As in :func:`update_W`.

    Returns
    -------
    ndarray of shape (r, n)
    """
    return update_W(H.T, WtW, WtX.T, sweeps, epsilon, order).T


def step(W, HHt, XHt, l1=0.0, l2=0.0, rng=None, data_shape=None):
    """The loop's call: penalties through the Grams, the sweep budget from ``data_shape``.

    Parameters
    ----------
    W, HHt, XHt : ndarrays
        As in :func:`update_W`, without the penalties.
    l1, l2 : float, default=0.0
        The L1 and L2 weights of W's penalty.
    rng : np.random.RandomState, optional
        Visit the columns in a random order (``shuffle``).
    data_shape : (rows, columns, entries), optional
        The data this half-step fits; None gives :data:`DEFAULT_SWEEPS`.

    Returns
    -------
    W_new : ndarray of shape (m, r)
    violation : float
        The KKT violation of ``W`` (met by the first sweep).
    """
    order = rng.permutation(W.shape[1]) if rng is not None else None
    budget = (DEFAULT_SWEEPS if data_shape is None else
              max_sweeps(*data_shape, W.shape[1], ALPHA, SWEEP_FLOP_COST, COLUMN_COST))
    W_new, v, _ = sweep_until(W, *penalized(HHt, XHt, l1, l2), budget, EPSILON, order)
    return W_new, v


# not row-separable: the sweep budget and the ε test look at all of W
RULE = Rule("ahals", step, update_W, update_H, KKTTest, options=("rng", "data_shape"))
