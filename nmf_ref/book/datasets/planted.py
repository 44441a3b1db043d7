"""Generated data with a planted answer, for chapters 23-24: points mixed from a simplex,
graphs with communities, clusters of points. Seeded; NumPy only.

Source: generated here; no licence needed.
"""

import numpy as np

from ..._checks import check_rank
from .registry import GENERATED, register

# Chapter 23's three vertices in three features: every column sums to 1, and every
# entry is positive, so the true simplex lies strictly inside the non-negative orthant.
W_TRIANGLE = np.full((3, 3), 0.15) + 0.55 * np.eye(3)


@register("scattered_simplex",
          source="generated here by nmf_ref.book.datasets.planted.scattered_simplex (points "
                 "mixed from a simplex's vertices, none purer than a bound)", licence=GENERATED)
def scattered_simplex(n=300, purity=0.8, W=None, noise=0.0, random_state=None,
                      on_faces=0.2):
    """X = WH (+ noise): columns of H uniform on the simplex, none purer than ``purity``.

    Book: chapter 23. Each column of H is drawn uniformly on the unit simplex
    (Dirichlet(1, …, 1)) and kept only if its largest entry is at most ``purity``, so no
    data point is near a vertex of W unless ``purity`` is near 1. A share ``on_faces``
    of the columns mixes only r − 1 vertices (one weight exactly 0, chosen at random):
    points on the faces of the simplex, which the circle inscribed in the simplex
    touches. For r = 3 the data then fill the triangle with its corners cut off; that
    region contains the inscribed circle (the data are *sufficiently scattered*) when
    purity > 2/3, and misses it below.

    Parameters
    ----------
    n : int
        Number of data points (columns of X).
    purity : float in (1/r, 1]
        The largest share of one vertex allowed in a data point.
    W : ndarray of shape (m, r), optional
        The vertices; default :data:`W_TRIANGLE`.
    noise : float
        Standard deviation of Gaussian noise, relative to X's mean entry; negative
        entries are then set to 0.
    random_state : int or None

    Returns
    -------
    Dataset
        ``X`` (m, n); ``W`` (m, r), the true vertices; ``H`` (r, n), the true mixing
        weights (columns sum to 1).
    """
    W = W_TRIANGLE.copy() if W is None else np.array(W, dtype=float)
    r = W.shape[1]
    if not 1.0 / r < purity <= 1.0:
        raise ValueError(f"purity must be in (1/r, 1] = ({1 / r:.3g}, 1], got {purity}.")
    if not 0 <= on_faces <= 1:
        raise ValueError(f"on_faces is a share of the points, in [0, 1]; got {on_faces}.")
    rng = np.random.default_rng(random_state)
    n_faces = int(round(on_faces * n))
    inside = _capped_dirichlet(rng, n - n_faces, r, purity)
    faces = np.zeros((n_faces, r))
    zero = rng.integers(r, size=n_faces)
    rest = _capped_dirichlet(rng, n_faces, r - 1, purity)
    for i, k in enumerate(zero):
        faces[i, np.arange(r) != k] = rest[i]
    H = np.concatenate([inside, faces])[rng.permutation(n)].T
    X = W @ H
    if noise:
        X = np.maximum(X + noise * X.mean() * rng.standard_normal(X.shape), 0.0)
    return {"X": X, "W": W, "H": H}


def _capped_dirichlet(rng, n, r, purity):
    """n points uniform on the r-simplex with no entry above ``purity`` (rejection)."""
    kept, total = [], 0
    while total < n:
        draw = rng.dirichlet(np.ones(r), size=4 * n + 8)
        draw = draw[draw.max(axis=1) <= purity]
        kept.append(draw)
        total += len(draw)
    return np.concatenate(kept)[:n]


@register("stochastic_block_model",
          source="generated here by nmf_ref.book.datasets.planted.stochastic_block_model "
                 "(a graph with planted communities)", licence=GENERATED)
def stochastic_block_model(sizes=(50, 50, 50, 50), p_in=0.2, p_out=0.05, random_state=None):
    """A stochastic block model: an undirected graph with planted communities.

    Book: chapter 24. Nodes in the same community are linked with probability
    ``p_in``, others with ``p_out``, independently; no self-loops.

    Parameters
    ----------
    sizes : sequence of int
        The communities' sizes.
    p_in, p_out : float in [0, 1]
    random_state : int or None

    Returns
    -------
    Dataset
        ``X`` (n, n), the symmetric 0/1 adjacency matrix, zero diagonal; ``labels``
        (n,), each node's community.
    """
    for name, p in (("p_in", p_in), ("p_out", p_out)):
        if not 0 <= p <= 1:
            raise ValueError(f"{name} is a probability, in [0, 1]; got {p}.")
    labels = np.repeat(np.arange(len(sizes)), sizes)
    P = np.where(labels[:, None] == labels[None, :], p_in, p_out)
    rng = np.random.default_rng(random_state)
    A = np.triu(rng.uniform(size=P.shape) < P, 1).astype(float)
    return {"X": A + A.T, "labels": labels}


@register("blobs", source="generated here by nmf_ref.book.datasets.planted.blobs (Gaussian "
                          "clusters, clipped at 0)", licence=GENERATED)
def blobs(n_per_cluster=60, centers=None, spread=0.5, random_state=None):
    """Non-negative points in clusters around ``centers`` (rows), clipped at 0.

    Book: chapter 24. The default centres point in three different directions of the
    non-negative orthant of R⁴, so the clusters differ in angle as well as position.

    Returns
    -------
    Dataset
        ``X`` (n_per_cluster · k, m) and ``labels`` (n_per_cluster · k,).
    """
    centers = (np.array([[4.0, 1, 1, 0.5], [1, 4, 1, 1], [1, 1, 4, 2]]) if centers is None
               else np.asarray(centers, dtype=float))
    check_rank(int(n_per_cluster))
    rng = np.random.default_rng(random_state)
    k, m = centers.shape
    X = np.concatenate([c + spread * rng.standard_normal((n_per_cluster, m)) for c in centers])
    return {"X": np.maximum(X, 0.0), "labels": np.repeat(np.arange(k), n_per_cluster)}
