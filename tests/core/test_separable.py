"""nmf_ref.separable: SPA finds the pure columns of separable data whatever their order
and scale, agrees with QR with column pivoting (its textbook twin), degrades gracefully
with noise; anchor_weights is exact NNLS; bad input gets a clear error."""

import numpy as np
import pytest
import scipy.linalg
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st

from nmf_ref.book import datasets
from nmf_ref.separable import anchor_weights, normalize_columns, spa


def mixed(m, n, r, seed, noise=0.0):
    """Separable data made here, independently of the book's generator."""
    rng = np.random.RandomState(seed)
    W = rng.uniform(0.05, 1, (m, r))
    H = np.hstack([np.eye(r), rng.dirichlet(np.ones(r), n - r).T])
    X = W @ H + noise * rng.standard_normal((m, n))
    return np.maximum(X, 0), W, H


# ------------------------------------------------------------------ exact anchors

@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), r=st.integers(2, 6), extra=st.integers(0, 30),
       m_extra=st.integers(0, 10))
def test_spa_finds_the_pure_columns_whatever_their_order(seed, r, extra, m_extra):
    # (r = 1 is degenerate: normalized, every column is the same point, every one pure)
    X, _, _ = mixed(r + m_extra, r + extra, r, seed)
    order = np.random.RandomState(seed + 1).permutation(X.shape[1])
    found = spa(X[:, order], r)
    pure = np.argsort(order)[:r]  # where columns 0..r-1 went
    assert sorted(found) == sorted(pure)


def test_spa_on_the_book_generator_returns_its_anchors():
    data = datasets.load("separable", m=30, n=200, r=5, random_state=3)
    X, W, H, anchors = data.X, data.W, data.H, data.anchors
    found = spa(X, 5)
    assert sorted(found) == sorted(anchors)
    np.testing.assert_array_equal(X[:, anchors], W)


def test_spa_picks_the_column_of_largest_norm_first_then_the_farthest_from_it():
    # without normalization: the longest column, then the one farthest from its line
    X = np.array([[3.0, 0.0, 1.0, 2.0],
                  [0.0, 1.0, 1.0, 0.1]])
    assert spa(X, 2, normalize=False).tolist() == [0, 1]


def test_spa_equals_qr_with_column_pivoting():
    # Businger-Golub pivoting picks, at each step, the column of largest residual norm
    # after projecting out the pivots so far: exactly SPA
    rng = np.random.RandomState(0)
    for trial in range(5):
        X = rng.uniform(size=(12, 40))
        _, _, pivots = scipy.linalg.qr(normalize_columns(X), pivoting=True, mode="economic")
        np.testing.assert_array_equal(spa(X, 8), pivots[:8])
        _, _, pivots_raw = scipy.linalg.qr(X, pivoting=True, mode="economic")
        np.testing.assert_array_equal(spa(X, 8, normalize=False), pivots_raw[:8])


# ------------------------------------------------------------------ scaling

@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_normalized_spa_ignores_the_scale_of_each_column(seed):
    rng = np.random.RandomState(seed)
    X = rng.uniform(size=(8, 25))
    scale = rng.uniform(0.01, 100, size=25)
    np.testing.assert_array_equal(spa(X * scale, 5), spa(X, 5))


def test_without_normalization_a_long_mixed_column_can_win():
    X, _, _ = mixed(10, 30, 4, seed=0)
    mixed_col = next(j for j in range(4, 30) if X[:, j].sum() > 0)
    Y = X.copy()
    Y[:, mixed_col] *= 100.0  # a mixture, made long
    assert mixed_col not in spa(Y, 4)  # normalized: still the pure columns
    assert spa(Y, 4, normalize=False)[0] == mixed_col  # raw: length wins


def test_normalize_columns_sums_to_one_and_keeps_zero_columns():
    X = np.array([[1.0, 0.0, 2.0], [3.0, 0.0, 2.0]])
    N = normalize_columns(X)
    np.testing.assert_allclose(N.sum(axis=0), [1, 0, 1])
    np.testing.assert_allclose(N[:, 0], [0.25, 0.75])


# ------------------------------------------------------------------ noise

def test_spa_degrades_gracefully_with_noise():
    # the error of the recovered columns grows in proportion to the noise, not faster
    X0, W, H = mixed(20, 300, 4, seed=5)
    rng = np.random.RandomState(6)
    E = rng.standard_normal(X0.shape)
    errors = []
    for eps in (1e-6, 1e-4, 1e-3, 1e-2):
        X = np.maximum(X0 + eps * E, 0)
        J = spa(X, 4)
        Wn, Xn = normalize_columns(W), normalize_columns(X)
        err = max(min(np.linalg.norm(Wn[:, k] - Xn[:, j]) for j in J) for k in range(4))
        errors.append(err)
    assert sorted(spa(np.maximum(X0 + 1e-6 * E, 0), 4)) == [0, 1, 2, 3]
    assert errors[0] < 1e-5
    for eps, err in zip((1e-6, 1e-4, 1e-3, 1e-2), errors):
        assert err < 50 * eps, (eps, err)


def test_spa_breaks_when_the_noise_swamps_the_simplex():
    X0, _, _ = mixed(20, 300, 4, seed=5)
    X = np.maximum(X0 + 0.5 * np.random.RandomState(7).standard_normal(X0.shape), 0)
    assert sorted(spa(X, 4)) != [0, 1, 2, 3]


# ------------------------------------------------------------------ anchor_weights

def test_anchor_weights_recover_H_on_separable_data():
    data = datasets.load("separable", m=15, n=60, r=4, random_state=1)
    X, W, H, anchors = data.X, data.W, data.H, data.anchors
    J = spa(X, 4)
    Hhat = anchor_weights(X, J)
    assert Hhat.shape == (4, 60) and (Hhat >= 0).all()
    np.testing.assert_allclose(X[:, J] @ Hhat, X, atol=1e-10)
    order = [list(anchors).index(j) for j in J]  # anchor k of J is part order[k]
    np.testing.assert_allclose(Hhat, H[order], atol=1e-10)


def test_anchor_weights_match_scipy_nnls_column_by_column():
    rng = np.random.RandomState(2)
    X = rng.uniform(size=(10, 20))
    J = [3, 7, 11]
    H = anchor_weights(X, J)
    for j in range(20):
        ref, _ = scipy.optimize.nnls(X[:, J], X[:, j])
        np.testing.assert_allclose(H[:, j], ref, atol=1e-10)
    assert (H == 0).any()  # the constraint is active somewhere: not plain least squares


def test_anchor_weights_accept_negative_indices():
    X = np.random.RandomState(3).uniform(size=(5, 6))
    np.testing.assert_allclose(anchor_weights(X, [-1, 0]), anchor_weights(X, [5, 0]))


# ------------------------------------------------------------------ contracts

def test_inputs_are_not_modified_and_results_repeat():
    X, _, _ = mixed(10, 40, 3, seed=8)
    before = X.copy()
    a, b = spa(X, 3), spa(X, 3)
    anchor_weights(X, a)
    np.testing.assert_array_equal(X, before)
    np.testing.assert_array_equal(a, b)
    assert a.dtype.kind == "i"


@pytest.mark.parametrize("rank, error, match", [
    (0, ValueError, "positive integer"),
    (-1, ValueError, "positive integer"),
    (2.0, TypeError, "positive integer"),
    (True, TypeError, "positive integer"),
    (7, ValueError, "at most min"),
])
def test_spa_rejects_a_bad_rank(rank, error, match):
    X = np.random.RandomState(0).uniform(size=(6, 10))
    with pytest.raises(error, match=match):
        spa(X, rank)


@pytest.mark.parametrize("X, error, match", [
    (-np.ones((3, 4)), ValueError, "Negative"),
    (np.ones(4), ValueError, "2-D"),
    (np.array([[1.0, np.nan], [1.0, 1.0]]), ValueError, "NaN"),
    (np.array([["a", "b"], ["c", "d"]]), TypeError, "real numbers"),
])
def test_spa_and_anchor_weights_reject_bad_data(X, error, match):
    with pytest.raises(error, match=match):
        spa(X, 1)
    with pytest.raises(error, match=match):
        anchor_weights(X, [0])


def test_spa_says_when_X_has_fewer_independent_columns_than_rank():
    X = np.outer([1.0, 2.0, 3.0], [1.0, 2.0, 1.0, 3.0])  # rank 1
    with pytest.raises(ValueError, match="only 1 linearly independent"):
        spa(X, 2)


@pytest.mark.parametrize("anchors, error, match", [
    ([], ValueError, "non-empty"),
    ([[0, 1]], ValueError, "1-D"),
    ([0, 0], ValueError, "distinct"),
    ([0, 6], ValueError, "0..5"),
    ([0.0, 1.0], TypeError, "integers"),
])
def test_anchor_weights_reject_bad_anchors(anchors, error, match):
    X = np.random.RandomState(0).uniform(size=(4, 6))
    with pytest.raises(error, match=match):
        anchor_weights(X, anchors)


def test_core_module_imports_numpy_only():
    import subprocess
    import sys

    code = ("import sys, nmf_ref.separable; bad = [m for m in ('scipy', 'sklearn', "
            "'matplotlib') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_separable_generator_contract():
    data = datasets.load("separable", m=8, n=20, r=3, random_state=0)
    X, W, H, anchors = data.X, data.W, data.H, data.anchors
    np.testing.assert_allclose(H.sum(axis=0), 1)
    np.testing.assert_allclose(X, W @ H)
    np.testing.assert_array_equal(H[:, anchors], np.eye(3))
    X2 = datasets.load("separable", m=8, n=20, r=3, random_state=0).X
    np.testing.assert_array_equal(X, X2)
    with pytest.raises(ValueError, match="n must be"):
        datasets.load("separable", m=8, n=2, r=3)


# ------------------------------------------------------------------ SNPA

from nmf_ref.separable import _project_capped_simplex, snpa  # noqa: E402


def quadrilateral(n_mixed=200, seed=0):
    """Four vertices in convex position in the 2-D simplex of R³: rank 3, r = 4."""
    u, v = np.array([1, -1, 0]) / np.sqrt(2), np.array([1, 1, -2]) / np.sqrt(6)
    W = np.array([np.ones(3) / 3 + 0.25 * (np.cos(a) * u + np.sin(a) * v)
                  for a in np.pi / 2 * np.arange(4) + 0.3]).T
    H = np.hstack([np.eye(4), np.random.RandomState(seed).dirichlet(np.ones(4), n_mixed).T])
    return W @ H


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), r=st.integers(2, 5))
def test_snpa_finds_the_pure_columns_whatever_their_order(seed, r):
    X, _, _ = mixed(r + 3, 40, r, seed)
    order = np.random.RandomState(seed + 1).permutation(40)
    assert sorted(snpa(X[:, order], r)) == sorted(np.argsort(order)[:r])


def test_snpa_picks_more_anchors_than_rows_where_spa_cannot():
    X = quadrilateral()
    assert np.linalg.matrix_rank(X) == 3
    assert sorted(snpa(X, 4)) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="at most min"):
        spa(X, 4)


def test_snpa_ignores_column_scales_and_repeats():
    X, _, _ = mixed(8, 40, 4, seed=3)
    scale = np.random.RandomState(4).uniform(0.01, 100, 40)
    np.testing.assert_array_equal(snpa(X * scale, 4), snpa(X, 4))
    np.testing.assert_array_equal(snpa(X, 4), snpa(X, 4))


def test_snpa_with_noise_stays_close():
    X0, W, _ = mixed(20, 300, 4, seed=5)
    X = np.maximum(X0 + 0.01 * np.random.RandomState(6).standard_normal(X0.shape), 0)
    J = snpa(X, 4)
    Wn, Xn = normalize_columns(W), normalize_columns(X)
    assert max(min(np.abs(Wn[:, k] - Xn[:, j]).sum() for j in J) for k in range(4)) < 0.1


def test_snpa_rejects_bad_input():
    X = quadrilateral(5)
    with pytest.raises(ValueError, match="at most the number of columns"):
        snpa(X, 10)
    with pytest.raises(TypeError, match="positive integer"):
        snpa(X, 2.5)
    with pytest.raises(ValueError, match="Negative"):
        snpa(-X, 2)
    with pytest.raises(ValueError, match="hull of the 4 anchors"):
        snpa(quadrilateral(20), 5)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_capped_simplex_projection_is_the_nearest_point(seed):
    rng = np.random.RandomState(seed)
    V = rng.standard_normal((5, 8)) * rng.choice([0.2, 1, 3])
    P = _project_capped_simplex(V)
    assert (P >= 0).all() and (P.sum(axis=0) <= 1 + 1e-12).all()
    # the projection's characterization: (v − p)·(z − p) ≤ 0 for every z in the set
    Z = rng.dirichlet(np.ones(5), 50).T * rng.uniform(0, 1, 50)
    for j in range(8):
        assert ((V[:, j] - P[:, j]) @ (Z - P[:, [j]]) <= 1e-10).all()
