"""nmf_ref.book.compare: scikit-learn from a given start, beside nmf_ref."""

import numpy as np
import pytest

import nmf_ref
from nmf_ref.book import compare, datasets

pytest.importorskip("sklearn")

def test_sklearn_loss_curve_matches_nmf_ref_mu():
    X = datasets.load("low_rank", m=12, n=9, r=3, noise=0.05, random_state=0).X
    curves = compare.loss_curves(X, 3, init="random", n_iter=8, random_state=0, solver="mu")
    ours, theirs = curves["nmf_ref"], curves["scikit-learn"]
    assert len(ours) == len(theirs) == 9
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)
    assert (np.diff(ours) <= 0).all()


@pytest.mark.parametrize("k", [1, 7])
def test_sklearn_from_runs_exactly_k_iterations_from_the_start(k):
    X = datasets.load("low_rank", m=15, n=10, r=3, noise=0.05, random_state=2).X
    W0, H0 = nmf_ref.initialize(X, 3, "random", 0)
    W0_before = W0.copy()
    W, H, n_iter = compare.sklearn_from(X, W0, H0, k, "cd")
    assert n_iter == k
    np.testing.assert_array_equal(W0, W0_before)  # the start is copied, not consumed
    ours = nmf_ref.nmf(X, 3, solver="hals", W=W0, H=H0, max_iter=k, tol=0)
    np.testing.assert_allclose(W, ours.W, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(H, ours.H, rtol=1e-10, atol=1e-13)
