"""Symmetric NMF (nmf_ref.symmetric) and orthogonal NMF (nmf_ref.orthogonal): planted
communities recovered, parity with scikit-learn's spectral clustering and k-means,
monotone objective, bad input, determinism."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import KMeans, SpectralClustering
from sklearn.metrics import adjusted_rand_score

from nmf_ref.book import datasets
from nmf_ref.orthogonal import indicator, kmeans_loss, orthogonal_nmf
from nmf_ref.symmetric import check_symmetric, clusters, symnmf, symnmf_objective


def test_symnmf_recovers_planted_communities():
    data = datasets.load("stochastic_block_model", sizes=(40, 40, 40),
                         p_in=0.5, p_out=0.05, random_state=0)
    A, labels = data.X, data.labels
    H = symnmf(A, 3, random_state=0)
    assert H.shape == (120, 3) and (H >= 0).all()
    assert adjusted_rand_score(labels, clusters(H)) == 1.0


def test_symnmf_of_an_exact_product_fits_it():
    rng = np.random.default_rng(0)
    H_true = rng.uniform(size=(30, 3)) * (rng.uniform(size=(30, 3)) < 0.5)
    A = H_true @ H_true.T
    H = symnmf(A, 3, random_state=1, max_iter=2000, tol=1e-12)
    assert symnmf_objective(A, H) < 1e-4 * np.sum(A * A)


def test_symnmf_as_good_as_spectral_clustering_on_a_balanced_sbm():
    scores = []
    for seed in range(3):
        data = datasets.load("stochastic_block_model", sizes=(50,) * 4,
                             p_in=0.3, p_out=0.05, random_state=seed)
        A, labels = data.X, data.labels
        ours = adjusted_rand_score(labels, clusters(symnmf(A, 4, random_state=0)))
        sc = SpectralClustering(4, affinity="precomputed", random_state=0).fit(A)
        scores.append((ours, adjusted_rand_score(labels, sc.labels_)))
    ours, theirs = np.mean(scores, axis=0)
    assert ours > 0.95 and abs(ours - theirs) < 0.05


def test_penalized_objective_never_increases():
    A = datasets.load("stochastic_block_model", sizes=(30, 30),
                      p_in=0.3, p_out=0.1, random_state=1).X
    H, history = symnmf(A, 2, random_state=0, tol=0, max_iter=50, return_history=True)
    assert np.all(np.diff(history) <= 1e-12 * history[0])
    assert history[-1] < 0.9 * history[0]


def test_symnmf_is_deterministic_and_leaves_A_alone():
    A = datasets.load("stochastic_block_model", sizes=(20, 20),
                      p_in=0.4, p_out=0.1, random_state=2).X
    A0 = A.copy()
    assert np.array_equal(symnmf(A, 2, random_state=5), symnmf(A, 2, random_state=5))
    assert not np.array_equal(symnmf(A, 2, random_state=5), symnmf(A, 2, random_state=6))
    assert np.array_equal(A, A0)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 12), st.integers(1, 3), st.integers(0, 1000))
def test_symnmf_gives_a_nonnegative_H_of_the_right_shape(n, r, seed):
    rng = np.random.default_rng(seed)
    B = rng.uniform(size=(n, n))
    H = symnmf(B + B.T, min(r, n), random_state=seed, max_iter=20)
    assert H.shape == (n, min(r, n)) and (H >= 0).all() and np.isfinite(H).all()


@pytest.mark.parametrize("A, match", [
    (np.ones((3, 4)), "A must be square"),
    (np.array([[0.0, 1.0], [0.0, 0.0]]), "A must be symmetric"),
    (-np.ones((3, 3)), "Negative values.*A"),
    (np.full((3, 3), np.nan), "A contains NaN"),
    (np.ones(3), "A must be 2-D"),
])
def test_symnmf_bad_A(A, match):
    with pytest.raises((ValueError, TypeError), match=match):
        symnmf(A, 2)


@pytest.mark.parametrize("rank, kwargs, match", [
    (0, {}, "rank"), (2.5, {}, "rank"), (5, {}, "rank is 5, above"),
    (2, {"alpha": 0.0}, "alpha must be > 0"), (2, {"max_iter": 0}, "max_iter"),
])
def test_symnmf_bad_options(rank, kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        symnmf(np.ones((4, 4)), rank, **kwargs)


def test_check_symmetric_tolerates_rounding():
    A = np.array([[1.0, 0.3], [0.3 + 1e-12, 2.0]])
    S = check_symmetric(A)
    assert np.array_equal(S, S.T)


# ---------------------------------------------------------------- orthogonal NMF

def test_indicator_is_nonnegative_with_orthonormal_columns():
    W = indicator(np.array([0, 2, 1, 2, 2]))
    np.testing.assert_allclose(W.T @ W, np.eye(3))
    assert ((W > 0).sum(axis=1) == 1).all()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 5))
def test_onmf_loss_of_an_indicator_is_the_kmeans_loss(seed, k):
    rng = np.random.default_rng(seed)
    X = rng.uniform(size=(30, 4))
    labels = np.arange(30) % k
    rng.shuffle(labels)
    W = indicator(labels)
    np.testing.assert_allclose(np.sum((X - W @ (W.T @ X)) ** 2), kmeans_loss(X, labels),
                               rtol=1e-10)


def test_kmeans_loss_is_sklearns_inertia():
    X = datasets.load("blobs", random_state=0).X
    km = KMeans(3, n_init=10, random_state=0).fit(X)
    np.testing.assert_allclose(kmeans_loss(X, km.labels_), km.inertia_, rtol=1e-8)


def test_orthogonal_nmf_finds_the_kmeans_assignment():
    data = datasets.load("blobs", random_state=0)
    X, labels = data.X, data.labels
    W, H = orthogonal_nmf(X, 3, random_state=0)
    ours = W.argmax(axis=1)
    km = KMeans(3, n_init=10, random_state=0).fit(X)
    assert adjusted_rand_score(km.labels_, ours) == 1.0
    assert adjusted_rand_score(labels, ours) == 1.0
    Wn = W / np.linalg.norm(W, axis=0)
    assert np.abs(Wn.T @ Wn - np.eye(3)).max() < 0.1  # nearly orthogonal
    np.testing.assert_allclose(kmeans_loss(X, ours), km.inertia_, rtol=1e-8)


def test_orthogonal_nmf_is_deterministic_and_checks_input():
    X = datasets.load("blobs", random_state=1).X
    a, b = orthogonal_nmf(X, 3, random_state=2), orthogonal_nmf(X, 3, random_state=2)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    with pytest.raises(ValueError, match="Negative values.*X"):
        orthogonal_nmf(-X, 3)
    with pytest.raises(ValueError, match="rank is"):
        orthogonal_nmf(X[:2], 3)
    with pytest.raises(ValueError, match="labels"):
        indicator(np.array([0.5, 1.0]))
