"""Multiplicative updates (Lee & Seung 2001; Févotte & Idier 2011).

Frobenius loss, Gram form (:math:`\\lambda_1, \\lambda_2` are the L1/L2 weights):

.. math::

    W \\leftarrow W \\circ \\frac{X H^T}{W (H H^T) + \\lambda_1 + \\lambda_2 W}

β-divergence, with the exponent γ(β) that makes every step decrease the
objective (Févotte & Idier 2011):

.. math::

    W \\leftarrow W \\circ \\left(
        \\frac{\\big((WH)^{\\beta-2} \\circ X\\big) H^T}
             {(WH)^{\\beta-1} H^T + \\lambda_1 + \\lambda_2 W}\\right)^{\\gamma(\\beta)},
    \\qquad \\gamma(\\beta) = \\begin{cases} 1/(2-\\beta) & \\beta < 1\\\\
    1 & 1 \\le \\beta \\le 2 \\\\ 1/(\\beta-1) & \\beta > 2 \\end{cases}

The two entrywise terms are written once (:func:`_ratio_terms`); X, as a data object
(:meth:`nmf_ref.data.Dense.beta_terms`), forms their products its own way. With a
mask M (1 = observed) both products only run over observed entries: X becomes M∘X
and :math:`(WH)^{\\beta-1}` becomes :math:`M \\circ (WH)^{\\beta-1}`. With a sparse X
(:mod:`nmf_ref.sparse`), the numerator is formed on the stored entries only (X is
zero elsewhere), as scikit-learn does; the denominator is a closed form for KL and,
for other β, is summed a block of rows at a time.

Every numerical guard below is scikit-learn's, so that the iterates agree with
``sklearn.decomposition.NMF(solver="mu")`` to rounding.
"""

import numpy as np

from ..data import view
from ..losses import EPSILON
from ..stopping import ErrorTest
from .record import Rule

TINY = np.finfo(np.float64).eps  # entries below this are snapped to 0 when β < 1


def mm_exponent(beta):
    """γ(β): the exponent that turns the heuristic ratio into a majorize-minimize step.

    Parameters
    ----------
    beta : float
        β of the divergence.

    Returns
    -------
    float
        1/(2 − β) for β < 1, 1/(β − 1) for β > 2, else 1.
    """
    if beta < 1:
        return 1.0 / (2.0 - beta)
    if beta > 2:
        return 1.0 / (beta - 1.0)
    return 1.0


def _multiply(F, numerator, denominator, l1_reg, l2_reg, gamma=1.0):
    """F ∘ (numerator / (denominator + λ1 + λ2 F))^γ, never dividing by zero.

    ``denominator`` must be a fresh array: it is reused in place for speed (it
    becomes the result when it has F's shape, in its own layout).
    """
    if l1_reg > 0:
        denominator += l1_reg
    if l2_reg > 0:
        denominator = denominator + l2_reg * F
    denominator[denominator == 0] = EPSILON
    # into the denominator, unless it is broadcast (KL's sums) or of a narrower dtype
    in_place = (denominator.shape == numerator.shape
                and denominator.dtype == np.result_type(numerator, denominator))
    ratio = np.divide(numerator, denominator, out=denominator if in_place else None)
    if gamma != 1:
        ratio **= gamma
    ratio *= F
    return ratio


def update_W(W, HHt, XHt, l1_reg=0.0, l2_reg=0.0):
    """Frobenius MU step for W, from the Gram products :math:`HH^T` and :math:`XH^T`.

    Parameters
    ----------
    W : ndarray of shape (m, r), positive where it may move
        The current W (a zero entry stays zero).
    HHt : ndarray of shape (r, r)
        :math:`HH^T`.
    XHt : ndarray of shape (m, r)
        :math:`XH^T`.
    l1_reg, l2_reg : float, default=0.0
        The L1 and L2 weights, kept in the denominator.

    Returns
    -------
    ndarray of shape (m, r), a new array.
    """
    return _multiply(W, XHt, W @ HHt, l1_reg, l2_reg)


def update_H(H, WtW, WtX, l1_reg=0.0, l2_reg=0.0):
    """Frobenius MU step for H: :math:`H \\circ W^TX / (W^TW H + \\lambda_1 + \\lambda_2 H)`.

    Parameters
    ----------
    H : ndarray of shape (r, n)
        The current H.
    WtW : ndarray of shape (r, r)
        :math:`W^TW`.
    WtX : ndarray of shape (r, n)
        :math:`W^TX`.
    l1_reg, l2_reg : float, default=0.0
        The L1 and L2 weights of the penalty on H.

    Returns
    -------
    ndarray of shape (r, n), a new array.
    """
    return _multiply(H, WtX, WtW @ H, l1_reg, l2_reg)


def _ratio_terms(beta):
    """The two entrywise terms of the β-update, as functions of X and WH (any shape:
    a dense X's m×n arrays, or a sparse X's stored entries): the numerator's
    :math:`X\\circ(WH)^{\\beta-2}` and the denominator's :math:`(WH)^{\\beta-1}` (None
    for KL, where it is 1)."""

    def top(X, WH):
        y = np.maximum(WH, EPSILON) if beta < 2 else WH  # no negative power of zero
        if beta == 1:
            return X / y
        if beta == 0:
            return X * (y**-1) ** 2  # scikit-learn's order of operations, for equal rounding
        return y ** (beta - 2) * X

    def bottom(WH):
        return (np.maximum(WH, EPSILON) if beta < 1 else WH) ** (beta - 1)

    return top, None if beta == 1 else bottom


def update_W_beta(X, W, H, beta, l1_reg=0.0, l2_reg=0.0, mask=None):
    """β-divergence MU step for W (X must be zero where ``mask`` is False).

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix (CSR) of shape (m, n)
        The data, zero where ``mask`` is False.
    W : ndarray of shape (m, r)
        The current W.
    H : ndarray of shape (r, n)
        The current H.
    beta : float
        β of the divergence.
    l1_reg : float, default=0.0
        The L1 weight of the penalty on the updated factor.
    l2_reg : float, default=0.0
        The L2 weight of the penalty on the updated factor.
    mask : ndarray of bool of shape (m, n), default=None
        True where X is observed (dense X only); None: every entry is.

    Returns
    -------
    ndarray of shape (m, r)
        The new W, a new array (entries below ``TINY`` set to 0 when β < 1).
    """
    numerator, denominator = view(X, mask).beta_terms(W, H, *_ratio_terms(beta), side="W")
    if denominator is None:  # KL: (WH)^0 H^T is a row of H's row sums
        denominator = H.sum(axis=1)[np.newaxis, :]
    W = _multiply(W, numerator, denominator, l1_reg, l2_reg, mm_exponent(beta))
    if beta < 1:
        W[W < TINY] = 0.0  # stability for β < 1, as in scikit-learn
    return W


def update_H_beta(X, W, H, beta, l1_reg=0.0, l2_reg=0.0, mask=None):
    """β-divergence MU step for H (X must be zero where ``mask`` is False).

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix (CSR) of shape (m, n)
        The data, zero where ``mask`` is False.
    W : ndarray of shape (m, r)
        The current W.
    H : ndarray of shape (r, n)
        The current H.
    beta : float
        β of the divergence.
    l1_reg : float, default=0.0
        The L1 weight of the penalty on the updated factor.
    l2_reg : float, default=0.0
        The L2 weight of the penalty on the updated factor.
    mask : ndarray of bool of shape (m, n), default=None
        True where X is observed (dense X only); None: every entry is.

    Returns
    -------
    ndarray of shape (r, n)
        The new H, a new array (entries below ``TINY`` set to 0 when β ≤ 1).
    """
    numerator, denominator = view(X, mask).beta_terms(W, H, *_ratio_terms(beta), side="H")
    if denominator is None:  # KL: W^T (WH)^0 is a column of W's column sums
        W_sum = W.sum(axis=0)
        W_sum[W_sum == 0] = 1.0  # a dead component keeps its H row
        denominator = W_sum[:, np.newaxis]
    H = _multiply(H, numerator, denominator, l1_reg, l2_reg, mm_exponent(beta))
    if beta <= 1:
        H[H < TINY] = 0.0
    return H


def step(W, HHt, XHt, l1=0.0, l2=0.0):
    """The loop's call. MU keeps the penalties in its denominator (scikit-learn's
    form) and its stopping test compares errors, so there is no violation.

    Parameters
    ----------
    W, HHt, XHt : ndarrays
        As in :func:`update_W`.
    l1, l2 : float, default=0.0
        The L1 and L2 weights of W's penalty.

    Returns
    -------
    (W_new, None)
    """
    if W.flags.f_contiguous and not W.flags.c_contiguous:
        # the loop passes column-major arrays (W, XHᵀ as it holds them; Hᵀ, WᵀW,
        # (WᵀX)ᵀ as views): the denominator as (HHᵀ Wᵀ)ᵀ is one more of them (HHᵀ is
        # symmetric), so every entrywise pass runs in one layout and the new factor
        # comes out column-major (H row-major without a copy). The H-step's product
        # is scikit-learn's WᵀW H to the bit; the W-step's equals its W HHᵀ to rounding
        # (BLAS may sum in another order); the pass was 6-15 % faster than row-major
        # on the matrices of benchmarks/bench_solvers.py
        return _multiply(W, XHt, (HHt @ W.T).T, l1, l2), None
    return update_W(W, HHt, XHt, l1, l2), None


RULE = Rule("mu", step, update_W, update_H, ErrorTest, row_separable=True, keeps_zeros=True,
            update_W_X=update_W_beta, update_H_X=update_H_beta)
