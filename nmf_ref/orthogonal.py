"""Orthogonal NMF: X ≈ WH with W ≥ 0 and WᵀW = I, which is k-means (Ding, He & Simon 2005).

Book: chapter 24. Rows of X (n × m) are the data points, as everywhere in the book.
A non-negative W with orthonormal columns has at most one non-zero per row (two
non-negative columns are orthogonal only if they never overlap), so W is a cluster
assignment, and with it the best H is WᵀX. For the normalized indicator
(W_ik = 1/√n_k when point i is in cluster k) the loss is exactly the k-means loss:

.. math::

    \\|X - WW^TX\\|_F^2 = \\sum_k \\sum_{i \\in C_k} \\|x_i - \\mu_k\\|^2 ,

since WWᵀX replaces every row by its cluster's mean μ_k (:func:`kmeans_loss`).

:func:`orthogonal_nmf` runs the multiplicative rules of Ding, Li, Peng & Park (2006)
for X ≈ WH with WᵀW = I (their F Gᵀ with GᵀG = I, transposed to the book's rows):

.. math::

    W \\leftarrow W \\odot \\sqrt{\\frac{XH^T}{WW^TXH^T}}, \\qquad
    H \\leftarrow H \\odot \\frac{W^TX}{W^TWH} .

This module holds orthogonal NMF apart from :mod:`nmf_ref.symmetric`: it factors a
rectangular X into two different factors, a model of its own (named after the math),
and needs none of symmetric NMF's checks.
"""

import numpy as np

from ._checks import check_matrix, check_rank

EPS = np.finfo(np.float64).eps  # keeps a denominator off zero


def indicator(labels, rank=None):
    """The normalized cluster indicator: W_ik = 1/√n_k if point i is in cluster k, else 0.

    Non-negative with orthonormal columns (WᵀW = I), for clusters 0 .. rank − 1
    (empty clusters give a zero column).

    Parameters
    ----------
    labels : array-like of int, shape (n,)
        Each point's cluster, in 0 .. rank-1.
    rank : int, optional
        The number of clusters; default max(labels) + 1.

    Returns
    -------
    ndarray of shape (n, rank)
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer) or (labels < 0).any():
        raise ValueError("labels must be a 1-D array of non-negative integers (cluster "
                         "numbers 0, 1, ...).")
    rank = int(labels.max()) + 1 if rank is None else check_rank(rank)
    W = np.zeros((labels.size, rank))
    W[np.arange(labels.size), labels] = 1.0
    sizes = W.sum(axis=0)
    return W / np.sqrt(np.where(sizes > 0, sizes, 1.0))


def kmeans_loss(X, labels):
    """Σ_k Σ_{i ∈ C_k} ‖x_i − μ_k‖²: what k-means minimizes (scikit-learn's ``inertia_``).

    Parameters
    ----------
    X : array_like of shape (n, m)
        One data point per row.
    labels : array_like of shape (n,)
        Each point's cluster label (any values; μ_k is the mean of the points labelled k).

    Returns
    -------
    float
        The within-cluster sum of squares.
    """
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels)
    return float(sum(np.sum((X[labels == k] - X[labels == k].mean(axis=0)) ** 2)
                     for k in np.unique(labels)))


def orthogonal_nmf(X, rank, *, max_iter=500, tol=1e-8, random_state=None):
    """Orthogonal NMF by the multiplicative rules of Ding et al. (2006).

    Parameters
    ----------
    X : array-like of shape (n, m)
        Non-negative, one data point per row.
    rank : int
        k, the number of clusters.
    max_iter : int, default 500
        The most iterations.
    tol : float, default 1e-8
        Stop when ‖X − WH‖² falls by less than ``tol`` times its value in an iteration.
    random_state : int, numpy Generator or None, default=None
        Seeds the uniform start; the same seed gives the same answer, bit for bit.

    Returns
    -------
    W : ndarray of shape (n, rank), non-negative, nearly orthonormal columns; the
        largest entry of row i is point i's cluster.
    H : ndarray of shape (rank, m), non-negative: the (scaled) cluster centres.

    Raises
    ------
    ValueError, TypeError
        X negative, NaN, not 2-D; rank not a positive integer or above n.
    """
    X = check_matrix(X, "X", dtype=np.float64)
    rank = check_rank(rank)
    n, m = X.shape
    if rank > n:
        raise ValueError(f"rank is {rank}, above the {n} rows (points) of X; pick rank <= {n}.")
    rng = np.random.default_rng(random_state)
    W = rng.uniform(0, 1, (n, rank))
    W /= np.linalg.norm(W, axis=0)
    H = W.T @ X
    loss = np.inf
    for _ in range(max_iter):
        XHt = X @ H.T
        W *= np.sqrt(XHt / (W @ (W.T @ XHt) + EPS))
        H *= (W.T @ X) / ((W.T @ W) @ H + EPS)
        R = X - W @ H
        new = float(np.sum(R * R))
        if loss - new <= tol * new:
            break
        loss = new
    return W, H
