"""The objectives NMF minimizes: Frobenius and the β-divergence family.

Conventions follow scikit-learn so the numbers compare directly:

* ``frobenius(X, W, H)`` is **half** the squared Frobenius norm,
  :math:`\\tfrac12\\|X - WH\\|_F^2` (β = 2);
* ``beta_divergence(X, W, H, beta)`` is :math:`\\sum_{ij} d_\\beta(X_{ij} \\mid (WH)_{ij})`
  with β = 1 the generalized Kullback–Leibler divergence and β = 0 Itakura–Saito.

Every function takes an optional boolean ``mask`` (True = observed); masked-out
entries contribute nothing.

X may also be a SciPy sparse matrix (CSR, see :mod:`nmf_ref.sparse`; no mask).
Then WH is evaluated at the stored entries only, and the unstored zeros, where
:math:`d_\\beta(0 \\mid y)` sums in closed form, are added from the factors:
:math:`\\sum_{ij} (WH)_{ij}^2 = \\langle W^TW, HH^T\\rangle` (Frobenius),
:math:`\\sum_{ij} (WH)_{ij} = \\langle W\\mathbf 1, H^T\\mathbf 1\\rangle` (KL). Other β sum
:math:`(WH)^\\beta` a block of rows at a time, O(mnr) time but one block of memory.
"""

import numpy as np

from ._checks import check_beta
from .sparse import canonical, dense_sums, is_sparse, stored_product

# scikit-learn floors (WH)_ij and drops X_ij at this value in the β-divergence.
EPSILON = np.finfo(np.float32).eps


def frobenius(X, W, H, mask=None):
    """Half the squared Frobenius norm of the residual, over observed entries.

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix of shape (m, n)
        The data.
    W : ndarray of shape (m, r)
        The left factor.
    H : ndarray of shape (r, n)
        The right factor.
    mask : ndarray of bool of shape (m, n), default=None
        True where X is observed (dense X only); None: every entry is.

    Returns
    -------
    float
        :math:`\\tfrac12\\|M \\circ (X - WH)\\|_F^2`.
    """
    if is_sparse(X):
        return _sparse_frobenius(canonical(X, mask), W, H)
    R = X - W @ H
    if mask is not None:
        R = R[mask]
    return 0.5 * float(np.dot(R.ravel(), R.ravel()))


def beta_divergence(X, W, H, beta, mask=None):
    """The β-divergence :math:`D_\\beta(X \\mid WH)`, for any real β.

    .. math::

        d_\\beta(x \\mid y) = \\frac{x^\\beta + (\\beta-1)y^\\beta - \\beta x y^{\\beta-1}}
                               {\\beta(\\beta-1)}

    with its limits :math:`x\\log(x/y) - x + y` at β = 1 and
    :math:`x/y - \\log(x/y) - 1` at β = 0. As in scikit-learn, entries with
    :math:`x \\le \\varepsilon` are dropped from the x-dependent terms and
    :math:`y` is floored at :math:`\\varepsilon` (float32 machine epsilon).

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix of shape (m, n)
        The data.
    W : ndarray of shape (m, r)
        The left factor.
    H : ndarray of shape (r, n)
        The right factor.
    beta : float or {"frobenius", "kullback-leibler", "itakura-saito"}
        β, or its name (:func:`nmf_ref._checks.check_beta`).
    mask : ndarray of bool of shape (m, n), default=None
        True where X is observed (dense X only); None: every entry is.

    Returns
    -------
    float
        :math:`D_\\beta(X \\mid WH)` over the observed entries (for β = 2, half the
        squared Frobenius norm).

    Raises
    ------
    ValueError
        If ``beta`` is an unknown name or not finite.
    TypeError
        If ``beta`` is neither a string nor a real number.
    """
    return divergence(X, W, H, check_beta(beta), mask)


def divergence(X, W, H, beta, mask=None):
    """:func:`beta_divergence` for a β that is already a float: the loop's call,
    which checks nothing (it runs every iteration).

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix of shape (m, n)
        The data.
    W : ndarray of shape (m, r)
        The left factor.
    H : ndarray of shape (r, n)
        The right factor.
    beta : float
        β.
    mask : ndarray of bool of shape (m, n), default=None
        True where X is observed (dense X only); None: every entry is.

    Returns
    -------
    float
        :math:`D_\\beta(X \\mid WH)` over the observed entries.
    """
    if beta == 2:
        return frobenius(X, W, H, mask)
    if is_sparse(X):
        return _sparse_divergence(canonical(X, mask), W, H, beta)
    WH = W @ H
    if mask is not None:
        X, WH = X[mask], WH[mask]
    X, WH = X.ravel(), WH.ravel()
    keep = X > EPSILON
    x, y = X[keep], np.maximum(WH[keep], EPSILON)
    if beta == 1:
        # sum(WH) over all entries is sum_k (column sums of W)_k (row sums of H)_k
        sum_WH = WH.sum() if mask is not None else np.dot(W.sum(axis=0), H.sum(axis=1))
        return float(np.dot(x, np.log(x / y)) + sum_WH - x.sum())
    if beta == 0:
        ratio = x / y
        return float(ratio.sum() - X.size - np.log(ratio).sum())
    res = (x**beta).sum() - beta * np.dot(x, y ** (beta - 1))
    res += (WH**beta).sum() * (beta - 1)
    return float(res / (beta * (beta - 1)))


def _sparse_frobenius(X, W, H):
    """½‖X − WH‖² for a sparse X: the residual on the stored entries, plus
    Σ (WH)² over the unstored ones as ⟨WᵀW, HHᵀ⟩ − Σ_stored (WH)². That
    difference is exact up to eps·‖WH‖² (it is clipped at 0)."""
    y = stored_product(X, W, H)
    r = X.data - y
    unstored = float(np.vdot(W.T @ W, H @ H.T)) - float(y @ y)
    return 0.5 * (float(r @ r) + max(unstored, 0.0))


def _sparse_divergence(X, W, H, beta):
    """:func:`divergence` for a sparse X (β ≠ 2): the same formula, term by term,
    with the x-dependent terms on the stored entries only (an unstored x is 0,
    dropped like any x ≤ ε) and the sums over all of WH in closed form or by blocks."""
    x, y = X.data, stored_product(X, W, H)
    keep = x > EPSILON
    x, y = x[keep], np.maximum(y[keep], EPSILON)
    if beta == 1:
        sum_WH = np.dot(W.sum(axis=0), H.sum(axis=1))
        return float(np.dot(x, np.log(x / y)) + sum_WH - x.sum())
    if beta == 0:
        ratio = x / y
        return float(ratio.sum() - X.shape[0] * X.shape[1] - np.log(ratio).sum())
    res = (x**beta).sum() - beta * np.dot(x, y ** (beta - 1))
    res += dense_sums(W, H, beta) * (beta - 1)
    return float(res / (beta * (beta - 1)))


def reconstruction_error(X, W, H, beta=2, mask=None):
    """scikit-learn's ``reconstruction_err_``: :math:`\\sqrt{2 D_\\beta(X \\mid WH)}`.

    For β = 2 this is the Frobenius norm :math:`\\|X - WH\\|_F`.

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix of shape (m, n)
        The data.
    W : ndarray of shape (m, r)
        The left factor.
    H : ndarray of shape (r, n)
        The right factor.
    beta : float or str, default=2
        As in :func:`beta_divergence`.
    mask : ndarray of bool of shape (m, n), default=None
        True where X is observed (dense X only); None: every entry is.

    Returns
    -------
    float
        :math:`\\sqrt{2 \\max(D_\\beta, 0)}`.
    """
    return float(np.sqrt(2 * max(divergence(X, W, H, check_beta(beta), mask), 0.0)))


def penalty(W, H, l1_reg_W=0.0, l1_reg_H=0.0, l2_reg_W=0.0, l2_reg_H=0.0):
    """The regularization terms scikit-learn adds to the objective.

    :math:`l_{1,W}\\|W\\|_1 + \\tfrac12 l_{2,W}\\|W\\|_F^2 + l_{1,H}\\|H\\|_1 + \\tfrac12 l_{2,H}\\|H\\|_F^2`
    (the factors are non-negative, so the L1 norm is a plain sum).

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The left factor (non-negative).
    H : ndarray of shape (r, n)
        The right factor (non-negative).
    l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H : float, default=0.0
        The scaled weights of :func:`nmf_ref.solve.regularization`.

    Returns
    -------
    float
        The penalty; 0.0 when every weight is zero.
    """
    regs = (l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H)
    if not any(regs):
        return 0.0
    return penalty_of(W.sum(), np.vdot(W, W), H, regs)


def penalty_of(W_sum, W_sq, H, regs):
    """:func:`penalty` from W's sum and squared norm, for a W held in row blocks
    (:mod:`nmf_ref.dask_blocks`), whose blocks add up their own.

    Parameters
    ----------
    W_sum, W_sq : float
        :math:`\\sum_{ij} W_{ij}` and :math:`\\|W\\|_F^2`.
    H : ndarray
    regs : tuple of float
        ``(l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H)``.

    Returns
    -------
    float
    """
    l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H = regs
    if not (l1_reg_W or l1_reg_H or l2_reg_W or l2_reg_H):
        return 0.0
    return float(
        l1_reg_W * W_sum
        + l1_reg_H * H.sum()
        + 0.5 * l2_reg_W * W_sq
        + 0.5 * l2_reg_H * np.vdot(H, H)
    )


def frobenius_from_products(norm2, cross, WtW, HHt):
    """½‖X − WH‖² = ½(‖X‖² − 2⟨WᵀX, H⟩ + ⟨WᵀW, HHᵀ⟩), from the products the Gram
    loop has made anyway, or None where that is not precise enough.

    The terms are of size ‖X‖², so the difference keeps only eps·‖X‖²/loss of
    relative precision: for a near-exact fit (loss ≤ 1e-6·‖X‖²) the caller pays
    for the direct residual instead.

    Parameters
    ----------
    norm2 : float
        ‖X‖² (over the entries fitted).
    cross : float
        ⟨WᵀX, H⟩ (equivalently ⟨XHᵀ, W⟩).
    WtW, HHt : ndarrays of shape (r, r)

    Returns
    -------
    float or None
    """
    loss = 0.5 * (norm2 - 2 * cross + float(np.vdot(WtW, HHt)))
    return loss if loss > 1e-6 * norm2 else None
