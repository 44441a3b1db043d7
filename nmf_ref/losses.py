"""The objectives NMF minimizes: Frobenius and the β-divergence family.

Conventions follow scikit-learn so the numbers compare directly:

* ``frobenius(X, W, H)`` is **half** the squared Frobenius norm,
  :math:`\\tfrac12\\|X - WH\\|_F^2` (β = 2);
* ``beta_divergence(X, W, H, beta)`` is :math:`\\sum_{ij} d_\\beta(X_{ij} \\mid (WH)_{ij})`
  with β = 1 the generalized Kullback–Leibler divergence and β = 0 Itakura–Saito.

Every function takes an optional boolean ``mask`` (True = observed); masked-out
entries contribute nothing.

X may also be a SciPy sparse matrix (CSR, see :mod:`nmf_ref.sparse`; no mask).
Each formula is written once; X, as a data object (:func:`nmf_ref.data.view`),
answers what differs between the kinds. A sparse X gives WH at its stored entries
only, and the unstored zeros, where :math:`d_\\beta(0 \\mid y)` sums in closed form,
are added from the factors:
:math:`\\sum_{ij} (WH)_{ij}^2 = \\langle W^TW, HH^T\\rangle` (Frobenius),
:math:`\\sum_{ij} (WH)_{ij} = \\langle W\\mathbf 1, H^T\\mathbf 1\\rangle` (KL). Other β sum
:math:`(WH)^\\beta` a block of rows at a time, O(mnr) time but one block of memory.
"""

import numpy as np

from ._checks import check_beta
from .data import view
from .objective import penalty  # noqa: F401 (nmf_ref.losses.penalty: the book's name)

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
    return view(X, mask).exact_loss(W, H)


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
    data = view(X, mask)
    if beta == 2:
        return data.exact_loss(W, H)
    x, y = data.pairs(W, H)  # X and WH, where X may be non-zero (a sparse X: its stored entries)
    keep = x > EPSILON
    x, y = x[keep], np.maximum(y[keep], EPSILON)
    if beta == 1:
        return float(np.dot(x, np.log(x / y)) + data.model_sum(W, H) - x.sum())
    if beta == 0:
        ratio = x / y
        return float(ratio.sum() - data.size - np.log(ratio).sum())
    res = (x**beta).sum() - beta * np.dot(x, y ** (beta - 1))
    res += data.model_sum(W, H, beta) * (beta - 1)
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
