"""Symmetric NMF: A ≈ HHᵀ with H ≥ 0, for a symmetric non-negative A (a graph, a similarity).

Book: chapter 24. Kuang, Ding & Park (2012) proposed symmetric NMF for graph clustering:

.. math::

    \\min_{H \\ge 0} \\; \\|A - HH^T\\|_F^2 ,

with H of size n × r, row i of H the memberships of node i in r clusters (its largest
entry is node i's cluster). The problem is quartic in H. We solve it by splitting H in
two, W and H, held together by a penalty:

.. math::

    \\min_{W, H \\ge 0} \\; \\|A - WH^T\\|_F^2 + \\alpha\\,\\|W - H\\|_F^2 ,

where each block is a non-negative least-squares problem, solved exactly by the book's
NNLS (:func:`nmf_ref.rules.anls.nnls`): with H fixed,
:math:`W^T = \\arg\\min_{V \\ge 0} \\|[H;\\sqrt\\alpha I]\\,V - [A;\\sqrt\\alpha H^T]\\|`,
whose Gram form is :math:`(H^TH + \\alpha I)\\,V = H^TA + \\alpha H^T`. Each block is an
exact minimization, so the penalized objective never goes up; α = max(A)² (at least
the scale of A's entries squared) makes W and H meet. The answer is their average.
"""

import numpy as np

from ._checks import as_matrix, check_rank, check_values
from .rules.anls import nnls


def check_symmetric(A, name="A", rtol=1e-8):
    """A float copy of ``A`` if it is square, symmetric within ``rtol``, non-negative, finite.

    Parameters
    ----------
    A : array-like of shape (n, n)
        The matrix to check.
    name : str, default="A"
        How the argument is called in the messages.
    rtol : float, default=1e-8
        Largest allowed max|A − Aᵀ| relative to max|A|.

    Returns
    -------
    ndarray of shape (n, n), exactly symmetric ((A + Aᵀ)/2).
    """
    A = as_matrix(A, name, np.float64)
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"{name} must be square (a graph's adjacency or a similarity "
                         f"matrix), got shape {A.shape}.")
    check_values(A, name)
    gap = np.abs(A - A.T).max()
    if gap > rtol * max(np.abs(A).max(), np.finfo(float).tiny):
        raise ValueError(f"{name} must be symmetric: max|{name} - {name}.T| = {gap:.3g}. "
                         f"For a directed graph, symmetrize it first, e.g. ({name} + {name}.T) / 2.")
    return (A + A.T) / 2


def symnmf_objective(A, H):
    """‖A − HHᵀ‖²_F.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        The symmetric similarity matrix.
    H : ndarray of shape (n, r)
        The factor.

    Returns
    -------
    float
        The squared Frobenius norm of ``A - H @ H.T`` (not halved).
    """
    R = A - H @ H.T
    return float(np.sum(R * R))


def symnmf(A, rank, *, max_iter=200, tol=1e-6, random_state=None, alpha=None,
           return_history=False):
    """Symmetric NMF: H ≥ 0 of shape (n, rank) with A ≈ HHᵀ.

    Parameters
    ----------
    A : array-like of shape (n, n)
        Symmetric, non-negative (an adjacency or similarity matrix).
    rank : int
        r, the number of clusters; at most n.
    max_iter : int, default 200
        Alternations (one W and one H block each).
    tol : float, default 1e-6
        Stop when the penalized objective falls by less than ``tol`` times its value.
    random_state : int, numpy Generator or None, default=None
        Seeds the start, H₀ uniform on [0, 2·sqrt(mean(A) / r)] (so that H₀H₀ᵀ has A's
        average entry scale). The same seed gives the same H, bit for bit.
    alpha : float, optional
        The penalty α > 0 coupling the two copies; default max(A)².
    return_history : bool, default False
        Also return the penalized objective after each iteration (index 0: the start).

    Returns
    -------
    H : ndarray of shape (n, rank), non-negative.
    history : ndarray, only with ``return_history=True``: never increasing.

    Raises
    ------
    ValueError, TypeError
        A not square, not symmetric within 1e-8 relative, negative, NaN or inf; rank
        not a positive integer or above n; alpha ≤ 0.
    """
    A = check_symmetric(A, "A")
    rank = check_rank(rank)
    n = A.shape[0]
    if rank > n:
        raise ValueError(f"rank is {rank}, above the {n} nodes of A; pick rank <= {n}.")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}.")
    if alpha is None:
        alpha = max(float(A.max()) ** 2, np.finfo(float).tiny)
    elif not alpha > 0:
        raise ValueError(f"alpha must be > 0 (it holds the two copies of H together), "
                         f"got {alpha!r}.")
    rng = np.random.default_rng(random_state)
    H = rng.uniform(0, 2 * np.sqrt(A.mean() / rank), size=(n, rank))
    W = H.copy()
    I = np.eye(rank)

    def penalized(W, H):
        R = A - W @ H.T
        D = W - H
        return float(np.sum(R * R) + alpha * np.sum(D * D))

    history = [penalized(W, H)]
    for _ in range(max_iter):
        # W given H: (HᵀH + αI) Wᵀ = HᵀA + αHᵀ, column by column (A symmetric)
        W = nnls(H.T @ H + alpha * I, H.T @ A + alpha * H.T, passive=W.T > 0).T
        H = nnls(W.T @ W + alpha * I, W.T @ A + alpha * W.T, passive=H.T > 0).T
        history.append(penalized(W, H))
        if history[-2] - history[-1] <= tol * history[-2]:
            break
    H = (W + H) / 2
    return (H, np.array(history)) if return_history else H


def clusters(H):
    """Each node's cluster: the column of its largest membership (argmax of each row).

    Parameters
    ----------
    H : array_like of shape (n, r)
        A symmetric NMF factor, as :func:`symnmf` returns.

    Returns
    -------
    ndarray of int of shape (n,)
        The cluster of each node, in ``0 .. r-1`` (the first column on a tie).
    """
    return np.argmax(np.asarray(H), axis=1)
