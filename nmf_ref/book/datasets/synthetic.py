"""Generated data with known factors: low-rank matrices, cones, topic-model counts.

Source: generated here; no licence needed. Every generator draws from a seeded
``RandomState`` (``random_state``), so the same seed gives the same data on every
machine. NumPy only.
"""

import numpy as np

from ..._checks import check_random_state, check_rank
from .registry import GENERATED, register


@register("low_rank", source="generated here by nmf_ref.book.datasets.synthetic.low_rank "
                             "(W H with uniform factors, optional noise)", licence=GENERATED)
def low_rank(m, n, r, noise=0.0, random_state=None, sparsity=0.0):
    """A non-negative X (m×n) = W_true H_true (+ noise), with the true factors.

    Book: chapters 1–4 (and every later one that needs ground truth).

    Parameters
    ----------
    m, n : int
        Samples (rows) and features (columns).
    r : int
        The true rank.
    noise : float
        Standard deviation of Gaussian noise added to W_true H_true; the result
        is clipped at 0 so X stays non-negative.
    random_state : None, int or np.random.RandomState
    sparsity : float in [0, 1)
        Fraction of the entries of H_true set to zero (sparse parts are easier
        to identify, see chapter 3).

    Returns
    -------
    Dataset
        ``X`` (m, n); the true factors ``W`` (m, r), entries uniform on [0, 1), and
        ``H`` (r, n), entries uniform on [0, 1), then sparsified.
    """
    for name, v in (("m", m), ("n", n)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}.")
    r = check_rank(r)
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}.")
    if not 0 <= sparsity < 1:
        raise ValueError(f"sparsity must lie in [0, 1), got {sparsity!r}.")
    rng = check_random_state(random_state)
    W = rng.uniform(size=(m, r))
    H = rng.uniform(size=(r, n))
    if sparsity:
        H[rng.uniform(size=H.shape) < sparsity] = 0.0
    X = W @ H
    if noise:
        X = np.maximum(X + noise * rng.standard_normal(size=X.shape), 0.0)
    return {"X": X, "W": W, "H": H}


@register("cone_data", source="generated here by nmf_ref.book.datasets.synthetic.cone_data "
                              "(points W H in the cone of given rows H)", licence=GENERATED)
def cone_data(n_points, H, random_state=None, concentration=1.0):
    """Points inside the cone spanned by the rows of ``H`` (r×n): X = W H, W ≥ 0.

    Book: chapter 3 (geometry). Each row of W is drawn from a Dirichlet
    distribution times a random positive scale, so the points fill the cone.

    Returns
    -------
    Dataset
        ``X`` (n_points, n), ``W`` (n_points, r) and ``H`` (r, n), the cone's edges.
    """
    H = np.asarray(H, dtype=float)
    if H.ndim != 2 or (H < 0).any():
        raise ValueError("H must be a non-negative 2-D array (r×n).")
    rng = check_random_state(random_state)
    r = H.shape[0]
    W = rng.dirichlet(np.full(r, concentration), size=n_points)
    W *= rng.uniform(0.3, 1.0, size=(n_points, 1))
    return {"X": W @ H, "W": W, "H": H}


@register("topic_counts", source="generated here by nmf_ref.book.datasets.synthetic."
                                 "topic_counts (latent Dirichlet allocation's generative "
                                 "model)", licence=GENERATED)
def topic_counts(n_docs=500, n_words=1000, n_topics=10, doc_length=100,
                 concentration=0.1, word_concentration=0.05, random_state=None):
    """A document-term count matrix drawn from a small topic model (mostly zeros).

    Book: chapter 10 (the race), the "text-like" data set. Latent Dirichlet
    allocation's generative story, in a few lines: each topic is a distribution
    over words, ``Dirichlet(word_concentration)``; each document mixes topics
    with weights ``Dirichlet(concentration)``, has a ``Poisson(doc_length)``
    number of words, and draws them from its mixture. Small concentrations make
    topics focus on few words and documents on few topics, so most counts are 0,
    as in real text.

    Returns
    -------
    Dataset
        ``X`` (n_docs, n_words) of counts; ``mix`` (n_docs, n_topics) and ``topics``
        (n_topics, n_words), each row summing to 1.
    """
    rng = check_random_state(random_state)
    topics = rng.dirichlet(np.full(n_words, word_concentration), size=n_topics)
    mix = rng.dirichlet(np.full(n_topics, concentration), size=n_docs)
    lengths = rng.poisson(doc_length, size=n_docs)
    P = mix @ topics
    P /= P.sum(axis=1, keepdims=True)
    X = np.array([rng.multinomial(n, p) for n, p in zip(lengths, P)], dtype=float)
    return {"X": X, "mix": mix, "topics": topics}


@register("separable", source="generated here by nmf_ref.book.datasets.synthetic.separable "
                              "(r pure columns, the rest Dirichlet mixtures)", licence=GENERATED)
def separable(m, n, r, noise=0.0, random_state=None, concentration=1.0):
    """Separable data X = W H (+ noise), one point per column, with r pure columns.

    Book: chapter 22 (separable NMF). W (m × r) has entries uniform on [0, 1); H (r × n)
    holds the r unit vectors (the pure columns: X[:, anchors] = W) and n − r columns
    drawn from a Dirichlet distribution, so every column of H sums to 1 and every column
    of X lies in the convex hull of W's columns. The columns come in a random order.

    Parameters
    ----------
    m, n : int
        Rows (e.g. wavelengths) and columns (data points); n ≥ r.
    r : int
        The number of pure columns (the rank of the clean data, when W has full rank).
    noise : float
        Standard deviation of Gaussian noise added to WH, clipped at 0.
    random_state : None, int or np.random.RandomState
    concentration : float
        The Dirichlet parameter of the mixed columns: small values put them near the
        edges of the simplex, large ones near its centre.

    Returns
    -------
    Dataset
        ``X`` (m, n), ``W`` (m, r), ``H`` (r, n), and ``anchors``, an int array (r,):
        the column of X that is pure in part k, for k = 0..r−1.
    """
    r = check_rank(r)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < r:
        raise ValueError(f"n must be an integer >= r = {r}, got {n!r}.")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}.")
    rng = check_random_state(random_state)
    W = rng.uniform(size=(m, r))
    H = np.hstack([np.eye(r), rng.dirichlet(np.full(r, concentration), size=n - r).T])
    order = rng.permutation(n)
    H = H[:, order]
    anchors = np.argsort(order)[:r]  # where the unit vectors went
    X = W @ H
    if noise:
        X = np.maximum(X + noise * rng.standard_normal(size=X.shape), 0.0)
    return {"X": X, "W": W, "H": H, "anchors": anchors}
