"""nmf_ref.metrics, nmf_ref.datasets and nmf_ref.compare."""

import numpy as np
import pytest

import nmf_ref
from nmf_ref import metrics
from nmf_ref.book import compare, datasets

# ---------------------------------------------------------------- metrics


def test_relative_error_and_explained_variance():
    X = np.array([[3.0, 4.0]])
    W, H = np.ones((1, 1)), np.array([[3.0, 0.0]])
    assert metrics.relative_error(X, W, H) == pytest.approx(4 / 5)
    assert metrics.explained_variance(X, W, H) == pytest.approx(1 - 16 / 25)
    assert metrics.relative_error(X, W, np.array([[3.0, 4.0]])) == 0
    assert metrics.relative_error(X, np.zeros((1, 1)), H) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="all zeros"):
        metrics.relative_error(np.zeros((2, 2)), np.ones((2, 1)), np.ones((1, 2)))


def test_relative_error_matches_sklearn_norm_convention():
    X, _, _ = datasets.low_rank(8, 6, 2, noise=0.1, random_state=0)
    res = nmf_ref.nmf(X, 2, max_iter=50)
    err = nmf_ref.reconstruction_error(X, res.W, res.H) / np.linalg.norm(X)
    assert metrics.relative_error(X, res.W, res.H) == pytest.approx(err)


def test_sparseness_extremes_and_axes():
    assert metrics.sparseness([0, 0, 5, 0]) == pytest.approx(1.0)
    assert metrics.sparseness(np.ones(7)) == pytest.approx(0.0)
    assert 0 < metrics.sparseness([1, 2, 0, 0]) < 1
    A = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    np.testing.assert_allclose(metrics.sparseness(A, axis=1), [1.0, 1.0, 1.0])
    s_cols = metrics.sparseness(A, axis=0)
    assert s_cols.shape == (2,) and s_cols[0] > s_cols[1]
    assert metrics.sparseness([-3, 0, 0]) == pytest.approx(1.0)  # magnitudes
    with pytest.raises(ValueError, match="zero vector"):
        metrics.sparseness([0.0, 0.0])
    with pytest.raises(ValueError, match="length"):
        metrics.sparseness([1.0])


def test_sparseness_scale_invariant():
    x = np.random.RandomState(0).rand(20)
    assert metrics.sparseness(x) == pytest.approx(metrics.sparseness(7.5 * x))


@pytest.mark.parametrize("r", [3, 10])  # exhaustive search and the Hungarian algorithm
def test_match_components_undoes_permutation_and_scaling(r):
    rng = np.random.RandomState(r)
    A = rng.rand(r, 30)
    perm = rng.permutation(r)
    B = A[perm] * rng.uniform(0.5, 3, (r, 1))
    order, corr = metrics.match_components(A, B)
    np.testing.assert_array_equal(perm[order], np.arange(r))
    np.testing.assert_allclose(corr, 1.0)


def test_match_components_shape_error():
    with pytest.raises(ValueError, match="same shape"):
        metrics.match_components(np.ones((2, 3)), np.ones((3, 3)))


# ---------------------------------------------------------------- datasets


def test_low_rank_shapes_rank_and_determinism():
    X, W, H = datasets.low_rank(20, 15, 3, random_state=0)
    assert X.shape == (20, 15) and W.shape == (20, 3) and H.shape == (3, 15)
    np.testing.assert_allclose(X, W @ H)
    assert np.linalg.matrix_rank(X) == 3
    X2, _, _ = datasets.low_rank(20, 15, 3, random_state=0)
    np.testing.assert_array_equal(X, X2)


def test_low_rank_noise_and_sparsity():
    X, W, H = datasets.low_rank(30, 20, 4, noise=0.1, sparsity=0.5, random_state=1)
    assert (X >= 0).all()
    assert not np.allclose(X, W @ H)
    assert 0.3 < (H == 0).mean() < 0.7


@pytest.mark.parametrize("kwargs, match", [
    (dict(m=0, n=3, r=1), "m must"), (dict(m=3, n=2.5, r=1), "n must"),
    (dict(m=3, n=3, r=0), "rank"), (dict(m=3, n=3, r=1, noise=-1), "noise"),
    (dict(m=3, n=3, r=1, sparsity=1.0), "sparsity"),
])
def test_low_rank_rejects_bad_arguments(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        datasets.low_rank(**kwargs)


def test_cone_data_inside_the_cone():
    H = np.array([[1.0, 0.2, 0.0], [0.0, 1.0, 0.5]])
    X, W = datasets.cone_data(50, H, random_state=0)
    assert X.shape == (50, 3) and W.shape == (50, 2)
    assert (W >= 0).all()
    np.testing.assert_allclose(X, W @ H)
    with pytest.raises(ValueError, match="non-negative"):
        datasets.cone_data(5, -H)


def test_digits():
    pytest.importorskip("sklearn")
    X, y = datasets.digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0 and X.max() == 1
    X16, _ = datasets.digits(scale=False)
    assert X16.max() == 16


# ---------------------------------------------------------------- compare


def test_sklearn_loss_curve_matches_nmf_ref_mu():
    pytest.importorskip("sklearn")
    X, _, _ = datasets.low_rank(12, 9, 3, noise=0.05, random_state=0)
    curves = compare.loss_curves(X, 3, init="random", n_iter=8, random_state=0, solver="mu")
    ours, theirs = curves["nmf_ref"], curves["scikit-learn"]
    assert len(ours) == len(theirs) == 9
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)
    assert (np.diff(ours) <= 0).all()
