"""The nonnegative rank in pictures and bounds: slack matrices, nested polygons, rectangles.

Book: chapters 21 (the nonnegative rank) and 22 (separable NMF). NumPy only, no
randomness except where a ``random_state`` is passed.

* :func:`slack_matrix`: the slack matrix of the regular n-gon (vertices × facets);
* :func:`simplex_chart`: 2-D coordinates of columns scaled to sum 1, for data of rank 3;
* :func:`outer_polygon`: the vertices of {x in col(X) : x ≥ 0, sum(x) = 1} in that chart;
* :func:`rectangle_covering_number`: the smallest number of all-positive combinatorial
  rectangles that cover the support of X, a lower bound on the nonnegative rank;
* :func:`is_fooling_set`: whether (row, column) pairs form a fooling set (another bound);
* :func:`best_of_restarts`: the NMF of lowest error among several random starts.
"""

import itertools

import numpy as np

from ..metrics import relative_error
from ..solve import nmf


def slack_matrix(n):
    """The slack matrix of the regular n-gon: S[i, j] = 1 − a_jᵀ v_i ≥ 0.

    Vertex i is v_i = (cos 2πi/n, sin 2πi/n); facet j joins v_j and v_{j+1} and is
    written a_jᵀ x ≤ 1. So S[i, j] = 0 exactly when vertex i lies on facet j (i = j or
    i = j + 1), rank S = 3 for n ≥ 3, and for n = 6 the entries are 0, 1 and 2.
    Entries within 1e-12 of 0 are set to 0, and when every entry is that close to an
    integer (n = 3, 4, 6) the matrix is rounded, so that it comes out exact.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 3:
        raise ValueError(f"n must be an integer >= 3 (a polygon), got {n!r}.")
    vertices = 2 * np.pi * np.arange(n) / n
    normals = 2 * np.pi * (np.arange(n) + 0.5) / n
    V = np.c_[np.cos(vertices), np.sin(vertices)]
    A = np.c_[np.cos(normals), np.sin(normals)] / np.cos(np.pi / n)
    S = 1.0 - V @ A.T
    S[np.abs(S) < 1e-12] = 0.0
    if np.allclose(S, np.round(S), rtol=0, atol=1e-12):
        S = np.round(S)
    return S


def simplex_chart(X, dim=2):
    """A chart of the columns of X scaled to sum 1: centre c and orthonormal directions U.

    For X of rank ``dim`` + 1 the scaled columns x̃_j lie in an affine plane of
    dimension ``dim``; y_j = Uᵀ(x̃_j − c) are their coordinates in it, and any vector v
    summing to 1 is drawn at Uᵀ(v − c) (its orthogonal projection onto the plane).

    Returns
    -------
    c : ndarray (m,), the mean of the scaled columns
    U : ndarray (m, dim), orthonormal, each column summing to 0
    Y : ndarray (dim, n), the coordinates of the scaled columns
    """
    X = np.asarray(X, dtype=float)
    Xs = X / X.sum(axis=0)
    c = Xs.mean(axis=1)
    U = np.linalg.svd(Xs - c[:, None], full_matrices=False)[0][:, :dim]
    return c, U, U.T @ (Xs - c[:, None])


def to_chart(V, c, U):
    """Coordinates in the chart (c, U) of the columns of V, each scaled to sum 1."""
    V = np.asarray(V, dtype=float)
    return U.T @ (V / V.sum(axis=0) - c[:, None])


def outer_polygon(c, U, tol=1e-9):
    """The polygon {y : c + U y ≥ 0} (the outer polytope of a rank-3 X), its vertices
    in counter-clockwise order as a (2, k) array.

    Every pair of the m lines c_i + U_i y = 0 meets at a candidate point; those that
    satisfy all m inequalities are the vertices.
    """
    points = []
    for i, j in itertools.combinations(range(len(c)), 2):
        M = U[[i, j]]
        if abs(np.linalg.det(M)) < 1e-12:
            continue
        y = np.linalg.solve(M, -c[[i, j]])
        if (c + U @ y >= -tol).all():
            points.append(y)
    P = np.unique(np.round(np.array(points), 9), axis=0)
    centre = P.mean(axis=0)
    order = np.argsort(np.arctan2(P[:, 1] - centre[1], P[:, 0] - centre[0]))
    return P[order].T


def maximal_rectangles(X, tol=0.0):
    """Every maximal all-positive combinatorial rectangle of X: pairs (rows, columns)
    of frozensets with X[rows][:, columns] > tol and no row or column to add.

    Enumerates row subsets, so it is meant for small matrices (m ≤ 16 or so).
    """
    support = np.asarray(X) > tol
    m = support.shape[0]
    found = set()
    for k in range(1, m + 1):
        for rows in itertools.combinations(range(m), k):
            cols = np.flatnonzero(support[list(rows)].all(axis=0))
            if cols.size == 0:
                continue
            closed = np.flatnonzero(support[:, cols].all(axis=1))
            found.add((frozenset(closed.tolist()), frozenset(cols.tolist())))
    return sorted(found, key=lambda rc: (sorted(rc[0]), sorted(rc[1])))


def rectangle_covering_number(X, tol=0.0):
    """The fewest all-positive rectangles whose union is the support of X.

    A lower bound on the nonnegative rank: each term W[:, k] H[k, :] of an exact NMF is
    positive exactly on a rectangle inside the support, and together they cover it.
    Brute force over maximal rectangles (enough, since any rectangle of a cover can be
    enlarged to a maximal one): small matrices only.
    """
    support = np.asarray(X) > tol
    cells = {(i, j) for i, j in zip(*np.nonzero(support))}
    if not cells:
        return 0
    rects = [{(i, j) for i in rows for j in cols} for rows, cols in maximal_rectangles(X, tol)]
    for k in range(1, len(rects) + 1):
        for combo in itertools.combinations(rects, k):
            if set().union(*combo) == cells:
                return k
    raise AssertionError("unreachable: the maximal rectangles cover the support")


def is_fooling_set(X, pairs, tol=0.0):
    """True when ``pairs`` [(i, j), ...] is a fooling set of X: every X[i, j] > tol, and
    for any two pairs (i, j), (k, l), X[i, l] · X[k, j] = 0 (within tol).

    No rectangle inside the support can hold two entries of a fooling set, so the
    nonnegative rank is at least its size.
    """
    X = np.asarray(X, dtype=float)
    pairs = [tuple(int(v) for v in p) for p in pairs]
    if len(set(pairs)) < len(pairs) or any(X[i, j] <= tol for i, j in pairs):
        return False
    return all(X[i, l] <= tol or X[k, j] <= tol
               for (i, j), (k, l) in itertools.combinations(pairs, 2))


def best_of_restarts(X, rank, n_starts=10, max_iter=300, solver="hals"):
    """The NMF of X with the lowest relative error among ``n_starts`` random starts
    (seeds 0, 1, …), and every start's error.

    Returns
    -------
    best : NMFResult
    errors : ndarray (n_starts,), ‖X − WH‖/‖X‖ of each start, in seed order
    """
    runs = [nmf(X, rank, init="random", random_state=seed, max_iter=max_iter, tol=0,
                solver=solver) for seed in range(n_starts)]
    errors = np.array([relative_error(X, r.W, r.H) for r in runs])
    return runs[int(np.argmin(errors))], errors
