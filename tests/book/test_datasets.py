"""nmf_ref.book.datasets: the generators and the data that ships in packages."""

import numpy as np
import pytest

from nmf_ref.book import datasets

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
