"""Hierarchical ALS, i.e. cyclic coordinate descent (Cichocki & Phan 2009).

scikit-learn calls it ``solver="cd"``. With everything but column t of W fixed,
the objective is a quadratic in that column with a closed-form non-negative
minimizer:

.. math::

    W_{:t} \\leftarrow \\max\\!\\Big(0,\\; W_{:t} - \\frac{(W\\,HH^T)_{:t} - (XH^T)_{:t}}{(HH^T)_{tt}}\\Big)

One sweep visits every column once, so it costs the two products
:math:`XH^T` and :math:`HH^T` (made once by the caller) plus :math:`O(mr^2)`.
L1/L2 penalties enter only through the Gram products: the caller passes
:math:`XH^T - \\lambda_1` and :math:`HH^T + \\lambda_2 I`.

**How the sweep is written.** Column t's own term cancels in the formula
(:math:`W_{:t} - W_{:t}(HH^T)_{tt}/(HH^T)_{tt}`), which leaves

.. math::

    W_{:t} \\leftarrow \\max\\!\\big(0,\\; B_{:t} - W A_{t:}^T\\big), \\qquad
    B = XH^T D^{-1}, \\quad A = D^{-1} HH^T \\text{ with its diagonal set to } 0,

where :math:`D = \\operatorname{diag}(HH^T)`: the residual form
:math:`R_t h_t / \\|h_t\\|^2` of chapter 7. Dividing by the diagonal once per
sweep instead of once per column leaves three NumPy calls per column (a
matrix-vector product, a subtraction, the clip), each writing into memory
that already exists. When r is small the sweep is made of these calls, and
their count is its cost. The iterates are scikit-learn's to rounding.
"""

import numpy as np

from ..stopping import KKTTest, kkt_violation
from ._gram import penalized
from .record import Rule


def update_W(W, HHt, XHt, order=None):
    """One HALS sweep over the columns of W (:func:`step` also reports the violation).

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The current W (not modified).
    HHt : ndarray of shape (r, r)
        :math:`HH^T` (plus :math:`\\lambda_2 I` with an L2 penalty).
    XHt : ndarray of shape (m, r)
        :math:`XH^T` (minus :math:`\\lambda_1` with an L1 penalty).
    order : sequence of int, optional
        The column order (default 0..r-1).

    Returns
    -------
    ndarray of shape (m, r), a new column-major array.
    """
    A, B = sweep_constants(HHt, XHt)
    W_new = np.array(W, order="F")  # a column-major copy: the sweep writes one column at a time
    sweep(W_new, A, B, order)
    return W_new


def sweep_constants(HHt, XHt):
    """``(A, B)`` of the module docstring: the Grams divided by their diagonal once.

    A dead component (a zero row of H, so :math:`(HH^T)_{tt} = 0`) keeps its
    column: its row of A selects that column (:math:`A_{tt} = -1`) and its
    column of B is 0, so the update gives back :math:`\\max(0, W_{:t})`.

    Parameters
    ----------
    HHt : ndarray of shape (r, r)
        :math:`HH^T`.
    XHt : ndarray of shape (m, r)
        :math:`XH^T`.

    Returns
    -------
    A : ndarray of shape (r, r)
        Row t of :math:`HH^T` divided by :math:`(HH^T)_{tt}`, with a zero diagonal
        (-1 for a dead component).
    B : ndarray of shape (m, r)
        Column t of :math:`XH^T` divided by :math:`(HH^T)_{tt}` (0 for a dead one),
        column-major.
    """
    d = HHt.diagonal()
    if d.all():  # the usual case: no dead component
        inverse, own = 1.0 / d, 0.0
    else:
        dead = d == 0
        inverse, own = np.where(dead, 0.0, 1.0 / np.where(dead, 1.0, d)), np.where(dead, -1.0, 0.0)
    A = HHt * inverse[:, None]
    A.ravel()[:: A.shape[0] + 1] = own  # (A is new and contiguous: ravel is a view)
    return A, np.multiply(XHt, inverse, order="F")  # one division per column, not per entry


def sweep(W, A, B, order=None, unclipped=None):
    """Update the columns of the column-major ``W`` in place, one after the other:
    :math:`W_{:t} \\leftarrow \\max(0, B_{:t} - W A_{t:}^T)`.

    Each column sees the columns updated before it (Gauss–Seidel). Returns
    the values before the clip, one column each: they hold the gradient each
    column met, for :func:`violation`. They are written into ``unclipped`` if
    given, else over ``B`` (which a single sweep no longer needs: no new array).

    Parameters
    ----------
    W : ndarray of shape (m, r), column-major
        Updated in place.
    A : ndarray of shape (r, r)
        From :func:`sweep_constants`.
    B : ndarray of shape (m, r)
        From :func:`sweep_constants`; overwritten when ``unclipped`` is None.
    order : sequence of int, default=None
        The column order; None: 0, 1, ..., r-1.
    unclipped : ndarray of shape (m, r), default=None
        Where to write the values before the clip.

    Returns
    -------
    ndarray of shape (m, r)
        The unclipped values: ``unclipped``, or ``B``, overwritten.
    """
    V = B if unclipped is None else unclipped
    v = np.empty(W.shape[0], dtype=W.dtype)
    # an array of zeros, not the scalar 0.0: NumPy's maximum against a scalar takes a
    # slower loop (1.4 µs against 0.8 µs for 1797 entries, and 2.8x on whole factors)
    zero = np.zeros(W.shape[0], dtype=W.dtype)
    dot, subtract, maximum = np.dot, np.subtract, np.maximum
    for t in range(W.shape[1]) if order is None else order:
        dot(W, A[t], out=v)  # W A_tᵀ, with the columns before t already new
        subtract(B[:, t], v, out=V[:, t])
        maximum(V[:, t], zero, out=W[:, t])
    return V


def violation(W_old, W_new, unclipped, HHt, XHt):
    """The KKT violation of ``W_old`` from one sweep (:func:`nmf_ref.stopping.kkt_violation`).

    Column t met the gradient :math:`g = (W_{:t} - V_{:t})\\,(HH^T)_{tt}` just
    before its update, V being the unclipped values. Where the old entry was
    0 only the negative part of g counts, and :math:`-\\min(g, 0)` is there
    :math:`\\max(V, 0)\\,(HH^T)_{tt}`, the new entry times the diagonal. So the
    violation is :math:`\\sum_t (HH^T)_{tt} \\sum_i |W_{it} - U_{it}|` with U = V
    where W > 0 and U = the new W where W = 0. ``unclipped`` is overwritten: at
    the sizes where HALS is fast, a new array costs as much as the arithmetic.

    A dead column (:math:`(HH^T)_{tt} = 0`) does not move, but its gradient,
    :math:`-(XH^T)_{:t}` since its row of :math:`HH^T` is 0, counts, as in
    scikit-learn: it is positive where the column is.

    Parameters
    ----------
    W_old : ndarray of shape (m, r)
        W before the sweep.
    W_new : ndarray of shape (m, r)
        W after it.
    unclipped : ndarray of shape (m, r)
        The values before the clip, as :func:`sweep` returns them; overwritten.
    HHt : ndarray of shape (r, r)
        :math:`HH^T`.
    XHt : ndarray of shape (m, r)
        :math:`XH^T` (read for dead columns only).

    Returns
    -------
    float
        The KKT violation of ``W_old``.
    """
    was_zero = W_old == 0
    size = np.subtract(W_old, unclipped, out=unclipped)
    np.abs(size, out=size)  # |g| / (HHᵀ)_tt
    per_column = size.sum(axis=0)
    size -= W_new  # where the old entry was 0, count the new entry instead of |g|
    size *= was_zero  # (arithmetic with the mask: np.where and copyto branch, 8x slower)
    per_column -= size.sum(axis=0)
    diagonal = HHt.diagonal()
    total = float(per_column @ diagonal)
    if not diagonal.all():
        dead = diagonal == 0
        total += kkt_violation(W_old[:, dead], -XHt[:, dead])
    return total


def update_H(H, WtW, WtX, order=None):
    """The same sweep over the rows of H (the W-step of :math:`X^T \\approx H^T W^T`).

    Parameters
    ----------
    H : ndarray of shape (r, n)
        The current H.
    WtW : ndarray of shape (r, r)
        :math:`W^TW`.
    WtX : ndarray of shape (r, n)
        :math:`W^TX`.
    order : sequence of int, optional
        The row order of H (default 0..r-1).

    Returns
    -------
    ndarray of shape (r, n)
    """
    return update_W(H.T, WtW, WtX.T, order).T


def step(W, HHt, XHt, l1=0.0, l2=0.0, rng=None):
    """The loop's call: penalties through the Grams, one sweep.

    Parameters
    ----------
    W, HHt, XHt : ndarrays
        As in :func:`update_W`, without the penalties.
    l1, l2 : float, default=0.0
        The L1 and L2 weights of W's penalty.
    rng : np.random.RandomState, optional
        Visit the columns in a random order (``shuffle``).

    Returns
    -------
    W_new : ndarray of shape (m, r), column-major
    violation : float
        scikit-learn's stopping quantity: the L1 norm of the projected gradient
        that each column met just before its own update
        (:func:`nmf_ref.stopping.kkt_violation`).
    """
    order = rng.permutation(W.shape[1]) if rng is not None else None
    HHt, XHt = penalized(HHt, XHt, l1, l2)
    A, B = sweep_constants(HHt, XHt)
    W_old = np.asfortranarray(W)  # every array of the sweep column-major: mixing
    W_new = W_old.copy(order="F")  # layouts makes the violation's passes strided
    unclipped = sweep(W_new, A, B, order)  # B turns into the unclipped values
    return W_new, violation(W_old, W_new, unclipped, HHt, XHt)


RULE = Rule("hals", step, update_W, update_H, KKTTest,
            options=("rng",),  # a RandomState: visit the columns in a random order (shuffle)
            row_separable=True)
