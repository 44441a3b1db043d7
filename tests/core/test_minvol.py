"""Minimum-volume NMF (nmf_ref.minvol): recovery on sufficiently scattered data where plain
NMF fails, a monotone objective, each block's math, bad input, determinism."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nmf_ref
from nmf_ref.book import datasets
from nmf_ref.minvol import (largest_angle, minvol_nmf, minvol_objective, project_simplex,
                            scaled_lam, update_H, update_W)


@pytest.fixture(scope="module")
def scattered():
    return datasets.load("scattered_simplex", n=300, purity=0.8, random_state=0)


def test_minvol_recovers_W_where_plain_nmf_does_not(scattered):
    X, W_true = scattered.X, scattered.W
    W, H, _ = minvol_nmf(X, 3, lam=0.01, delta=0.1, max_iter=1000)
    plain = nmf_ref.nmf(X, 3, max_iter=1000, tol=1e-8, random_state=0)
    ours, _ = largest_angle(W_true, W)
    theirs, _ = largest_angle(W_true, plain.W)
    assert ours < 3.0  # degrees
    assert theirs > 10.0
    np.testing.assert_allclose(H.sum(axis=0), 1.0, atol=1e-12)
    assert (W >= 0).all() and (H >= 0).all()


def test_minvol_recovers_a_tall_W():
    rng = np.random.default_rng(3)
    W_true = rng.uniform(0.2, 1.0, (12, 3))
    W_true /= W_true.sum(axis=0)
    X = datasets.load("scattered_simplex", n=300, purity=0.85, W=W_true, random_state=1).X
    W, _, _ = minvol_nmf(X, 3, lam=0.01, delta=0.1, max_iter=1000)
    plain = nmf_ref.nmf(X, 3, max_iter=1000, tol=1e-8, random_state=0)
    assert largest_angle(W_true, W)[0] < 4.0 < 10.0 < largest_angle(W_true, plain.W)[0]


def test_both_fail_when_the_data_are_not_scattered_enough():
    data = datasets.load("scattered_simplex", n=300, purity=0.55, random_state=0)
    X, W_true = data.X, data.W
    W, _, _ = minvol_nmf(X, 3, lam=0.01, delta=0.1, max_iter=1000)
    assert largest_angle(W_true, W)[0] > 15.0  # min-vol shrinks onto the data


@pytest.mark.parametrize("lam", [0.0, 0.01, 1.0])
def test_objective_never_increases(scattered, lam):
    X = scattered.X + 0.01 * np.random.default_rng(0).uniform(size=scattered.X.shape)
    W, H, objective = minvol_nmf(X, 3, lam=lam, delta=0.1, max_iter=100, tol=0)
    assert 2 < len(objective) <= 101
    assert np.all(np.diff(objective) <= 1e-12 * abs(objective[0]))
    assert objective[-1] < objective[0]
    np.testing.assert_allclose(objective[-1], minvol_objective(X, W, H, lam, 0.1))


def test_objective_is_fit_plus_lam_logdet():
    rng = np.random.default_rng(0)
    X, W, H = rng.uniform(size=(4, 6)), rng.uniform(size=(4, 2)), rng.uniform(size=(2, 6))
    want = np.linalg.norm(X - W @ H) ** 2 + 0.3 * np.log(np.linalg.det(W.T @ W + 0.5 * np.eye(2)))
    np.testing.assert_allclose(minvol_objective(X, W, H, 0.3, 0.5), want, rtol=1e-12)


def test_W_block_does_not_raise_the_majorizer_and_reaches_its_minimum():
    rng = np.random.default_rng(1)
    X, W, H = rng.uniform(size=(5, 30)), rng.uniform(size=(5, 3)), rng.uniform(size=(3, 30))
    lam, delta = 0.5, 0.1
    Z = np.linalg.inv(W.T @ W + delta * np.eye(3))

    def surrogate(V):
        return np.linalg.norm(X - V @ H) ** 2 + lam * np.trace(Z @ V.T @ V)

    V = update_W(X, W, H, lam, delta, n_steps=3000)
    assert surrogate(V) <= surrogate(W)
    # KKT of min_{V>=0} surrogate: gradient >= 0, = 0 where V > 0
    G = 2 * (V @ (H @ H.T + lam * Z) - X @ H.T)
    assert G.min() > -1e-6 and np.abs(G[V > 1e-8]).max() < 1e-6
    # and the true objective is below the majorizer (logdet is concave)
    assert minvol_objective(X, V, H, lam, delta) <= minvol_objective(X, W, H, lam, delta)


def test_H_block_stays_on_the_simplex_and_is_optimal():
    rng = np.random.default_rng(2)
    X, W = rng.uniform(size=(6, 20)), rng.uniform(size=(6, 3))
    H0 = project_simplex(rng.uniform(size=(3, 20)))
    H = update_H(X, W, H0, n_steps=3000)
    np.testing.assert_allclose(H.sum(axis=0), 1.0, atol=1e-12)
    assert (H >= 0).all()
    # optimality on the simplex: no vertex direction improves (gradient entries on
    # the support are equal and minimal)
    G = 2 * (W.T @ (W @ H - X))
    for j in range(20):
        on = H[:, j] > 1e-9
        assert G[on, j].max() - G[:, j].min() < 1e-5


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.integers(0, 10_000))
def test_project_simplex_is_the_closest_point(r, n, seed):
    rng = np.random.default_rng(seed)
    V = 3 * rng.standard_normal((r, n))
    P = project_simplex(V)
    np.testing.assert_allclose(P.sum(axis=0), 1.0, atol=1e-12)
    assert (P >= 0).all()
    # variational inequality: (v - p)·(q - p) <= 0 for every q in the simplex (vertices suffice)
    for j in range(n):
        d = V[:, j] - P[:, j]
        assert np.all(d[:, None] * 0 + (np.eye(r) - P[:, [j]]).T @ d <= 1e-9)


def test_project_simplex_keeps_simplex_points():
    H = np.array([[0.2, 1.0], [0.3, 0.0], [0.5, 0.0]])
    np.testing.assert_allclose(project_simplex(H), H, atol=1e-15)


def test_largest_angle_matches_columns_whatever_their_order():
    W = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 1.0]])
    angle, order = largest_angle(W, 2 * W[:, [2, 0, 1]])
    assert angle < 1e-6 and order == (1, 2, 0)
    tilted = W.copy()
    tilted[:, 0] = [1.0, 1.0, 0.0]
    np.testing.assert_allclose(largest_angle(W, tilted)[0], 45.0)


def test_deterministic_and_input_untouched(scattered):
    X = scattered.X.copy()
    a = minvol_nmf(X, 3, lam=0.1, max_iter=50)
    b = minvol_nmf(X, 3, lam=0.1, max_iter=50)
    for x, y in zip(a, b):
        assert np.array_equal(x, y)
    assert np.array_equal(X, scattered.X)


def test_scaled_lam_is_relative_to_the_misfit(scattered):
    X = scattered.X
    rng = np.random.default_rng(0)
    W, H = rng.uniform(size=(3, 3)), project_simplex(rng.uniform(size=(3, 300)))
    lam = scaled_lam(X, W, H, 0.5, 0.1)
    fit = np.linalg.norm(X - W @ H) ** 2
    vol = abs(np.linalg.slogdet(W.T @ W + 0.1 * np.eye(3))[1])
    np.testing.assert_allclose(lam * vol, 0.5 * fit)


@pytest.mark.parametrize("kwargs, match", [
    (dict(X=-np.ones((3, 5)), rank=2), "Negative values.*X"),
    (dict(X=np.ones(5), rank=2), "X must be 2-D"),
    (dict(X=np.ones((3, 5)), rank=0), "rank"),
    (dict(X=np.ones((3, 5)), rank=2.0), "rank"),
    (dict(X=np.ones((3, 5)), rank=4), "rank is 4, above min"),
    (dict(X=np.ones((3, 5)), rank=2, lam=-1.0), "lam must be >= 0"),
    (dict(X=np.ones((3, 5)), rank=2, delta=0.0), "delta must be > 0"),
    (dict(X=np.ones((3, 5)), rank=2, lam="big"), "lam must be a number"),
    (dict(X=np.ones((3, 5)), rank=2, W=np.ones((2, 2))), "W has shape"),
    (dict(X=np.ones((3, 5)), rank=2, W=-np.ones((3, 2))), "Negative values.*W"),
    (dict(X=np.ones((3, 5)), rank=2, max_iter=0), "max_iter"),
])
def test_bad_input(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        minvol_nmf(**kwargs)
