"""Separable NMF: the successive projection algorithm (SPA) and the weights of its anchors.

Book: chapter 22. A non-negative matrix X (m × n, one data point per column) is
*separable* when r of its own columns generate all the others,

.. math::

    X = X_{:,J}\\, H, \\qquad |J| = r, \\quad H \\ge 0,

as with pure pixels in a hyperspectral image or anchor words in a corpus. Scale
every column to unit L1 norm (its entries sum to 1); then every column is a convex
combination of the anchors' columns, the anchors are the vertices of the data's
convex hull, and SPA finds them one by one (Araújo et al. 2001; Gillis and Vavasis
2014): take the column of largest Euclidean norm (a strongly convex function is
maximized over a polytope at a vertex), project every column onto the orthogonal
complement of the chosen one, and repeat on the residual,

.. math::

    j_k = \\operatorname*{arg\\,max}_j \\|R_{:,j}\\|_2, \\qquad
    R \\leftarrow \\Big(I - \\frac{u u^T}{u^T u}\\Big) R, \\quad u = R_{:,j_k}.

Once the anchors are known, H is a non-negative least-squares problem, solved
exactly by :func:`nmf_ref.rules.anls.nnls` (block principal pivoting).

NumPy only, deterministic (no random numbers; ties go to the first column).
"""

import numpy as np

from ._checks import check_matrix, check_rank
from .rules.anls import nnls

__all__ = ["spa", "snpa", "anchor_weights", "normalize_columns"]


def normalize_columns(X):
    """The columns of X scaled to sum to 1; zero columns stay zero.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Non-negative data, one point per column.

    Returns
    -------
    ndarray of shape (m, n)
        A new array: column j divided by its L1 norm (its sum), where that is positive.
    """
    X = check_matrix(X)
    sums = X.sum(axis=0)
    return X / np.where(sums > 0, sums, 1.0)


def spa(X, rank, *, normalize=True):
    """The successive projection algorithm: the indices of ``rank`` anchor columns.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Non-negative data, one point per column (for a documents × words matrix, pass
        its transpose to find anchor *words*: columns are what SPA picks).
    rank : int
        How many anchors to pick, 1 ≤ rank ≤ min(m, n).
    normalize : bool, default True
        Scale every column to unit L1 norm first, as Gillis and Vavasis (2014) assume
        (it makes every column a convex combination of the anchors, and SPA blind to
        the columns' scales). With ``False``, SPA runs on X as given, where a large
        column wins whatever its direction.

    Returns
    -------
    ndarray of int, shape (rank,)
        The indices J of the anchor columns, in the order SPA chose them, so that
        ``X ≈ X[:, J] @ anchor_weights(X, J)``.

    Raises
    ------
    ValueError
        X not a non-negative 2-D matrix, or rank outside 1..min(m, n), or X (after the
        projections) has fewer than ``rank`` independent columns.
    TypeError
        rank not an integer, or X not numeric.

    Examples
    --------
    Columns 1 and 2 are pure; columns 0 and 3 mix them:

    >>> W = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> X = W @ np.array([[0.5, 1.0, 0.0, 0.2], [0.5, 0.0, 1.0, 0.8]])
    >>> spa(X, 2)
    array([1, 2])
    """
    R = normalize_columns(X) if normalize else check_matrix(X)
    rank = check_rank(rank)
    m, n = R.shape
    if rank > min(m, n):
        raise ValueError(f"rank must be at most min(m, n) = {min(m, n)} for X of shape "
                         f"{R.shape}: SPA picks rank independent columns; pass a smaller "
                         "rank.")
    scale = np.sum(R * R, axis=0).max()
    anchors = []
    for k in range(rank):
        norms = np.sum(R * R, axis=0)
        j = int(np.argmax(norms))
        if norms[j] <= 1e-24 * scale:  # nothing left to project: rank(X) = k
            raise ValueError(f"X has only {k} linearly independent columns, so SPA cannot "
                             f"pick rank={rank} anchors; pass rank={k} or less.")
        u = R[:, j] / np.sqrt(norms[j])
        R -= np.outer(u, u @ R)
        anchors.append(j)
    return np.array(anchors, dtype=int)


def anchor_weights(X, anchors):
    """H ≥ 0 that best rebuilds X from its anchor columns: min ‖X − X[:, J] H‖_F.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Non-negative data, one point per column.
    anchors : sequence of int
        Distinct column indices J (for example what :func:`spa` returns).

    Returns
    -------
    ndarray of shape (len(anchors), n)
        The non-negative least-squares weights, one column per column of X, solved
        exactly by :func:`nmf_ref.rules.anls.nnls`; on separable data, column j of H
        is the mixture that makes X[:, j] (a unit vector on an anchor's own column).

    Raises
    ------
    ValueError
        X not a non-negative 2-D matrix, or anchors empty, repeated or out of range.
    TypeError
        anchors not integers.
    """
    X = check_matrix(X)
    J = np.asarray(anchors)
    if J.ndim != 1 or J.size == 0:
        raise ValueError(f"anchors must be a non-empty 1-D sequence of column indices, "
                         f"got {anchors!r}.")
    if not np.issubdtype(J.dtype, np.integer):
        raise TypeError(f"anchors must be integers (column indices of X), got dtype "
                        f"{J.dtype}; e.g. the output of nmf_ref.separable.spa.")
    n = X.shape[1]
    if J.min() < -n or J.max() >= n:
        raise ValueError(f"anchors must index the {n} columns of X (0..{n - 1}), got "
                         f"{J.tolist()}.")
    J = J % n
    if np.unique(J).size != J.size:
        raise ValueError(f"anchors must be distinct columns of X, got {J.tolist()}.")
    W = X[:, J]
    return nnls(W.T @ W, W.T @ X)


def snpa(X, rank, *, normalize=True, max_iter=500):
    """The successive nonnegative projection algorithm (Gillis 2014): SPA with the
    orthogonal projection replaced by a projection onto the chosen columns' hull.

    After each choice the residual is R = X − X[:, J] H with H the best weights in
    Δ = {h ≥ 0, Σ h ≤ 1}: every column's distance to the convex hull of the anchors and
    the origin. Columns inside that hull have residual 0 and are never chosen, so SNPA
    can pick more anchors than X has rows (anchors that are not linearly independent,
    as long as none lies in the hull of the others), where SPA must stop at rank(X).

    Parameters
    ----------
    X : array-like of shape (m, n)
        Non-negative data, one point per column.
    rank : int
        How many anchors to pick, 1 ≤ rank ≤ n.
    normalize : bool, default True
        Scale every column to unit L1 norm first, as for :func:`spa`.
    max_iter : int, default 500
        Iterations of the accelerated projected gradient that computes H at each step.

    Returns
    -------
    ndarray of int, shape (rank,)
        The anchors' indices, in the order chosen.

    Raises
    ------
    ValueError
        X not a non-negative 2-D matrix, rank outside 1..n, or every column already
        (within rounding) in the hull of the anchors chosen so far.
    TypeError
        rank not an integer.
    """
    X = normalize_columns(X) if normalize else check_matrix(X)
    rank = check_rank(rank)
    n = X.shape[1]
    if rank > n:
        raise ValueError(f"rank must be at most the number of columns n = {n}; pass a "
                         "smaller rank.")
    scale = np.sum(X * X, axis=0).max()
    R, anchors, H = X, [], np.zeros((0, n))
    for k in range(rank):
        norms = np.sum(R * R, axis=0)
        j = int(np.argmax(norms))
        if norms[j] <= 1e-20 * scale:
            raise ValueError(f"every column lies in the hull of the {k} anchors chosen so "
                             f"far; pass rank={k} or less.")
        anchors.append(j)
        H = _weights_in_simplex(X, X[:, anchors], np.vstack([H, np.zeros(n)]), max_iter)
        R = X - X[:, anchors] @ H
    return np.array(anchors, dtype=int)


def _weights_in_simplex(X, W, H, max_iter):
    """argmin ½‖X − WH‖² over H with every column in {h ≥ 0, Σh ≤ 1}, by accelerated
    projected gradient (Nesterov's method, step 1/L with L = ‖WᵀW‖₂), from H."""
    WtW, WtX = W.T @ W, W.T @ X
    L = np.linalg.eigvalsh(WtW)[-1]
    Y, t = H.copy(), 1.0
    for _ in range(max_iter):
        H_next = _project_capped_simplex(Y - (WtW @ Y - WtX) / L)
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        Y = H_next + ((t - 1) / t_next) * (H_next - H)
        H, t = H_next, t_next
    return H


def _project_capped_simplex(V):
    """Project each column of V onto {h ≥ 0, Σh ≤ 1}: clip at 0, and where the sum
    still exceeds 1, project onto the simplex {h ≥ 0, Σh = 1} (sort-based)."""
    P = np.maximum(V, 0)
    over = P.sum(axis=0) > 1
    if over.any():
        U = np.sort(V[:, over], axis=0)[::-1]
        cum = np.cumsum(U, axis=0) - 1
        k = np.arange(1, V.shape[0] + 1)[:, None]
        rho = (U - cum / k > 0).sum(axis=0)
        theta = cum[rho - 1, np.arange(U.shape[1])] / rho
        P[:, over] = np.maximum(V[:, over] - theta, 0)
    return P
