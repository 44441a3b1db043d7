"""nmf_ref.metrics: errors, explained variance, Hoyer sparseness, matching components."""

import numpy as np
import pytest

import nmf_ref
from nmf_ref import metrics
from nmf_ref.book import datasets


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
    X = datasets.load("low_rank", m=8, n=6, r=2, noise=0.1, random_state=0).X
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
