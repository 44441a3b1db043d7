"""nmf_ref.nmf on a SciPy sparse X: the same numbers as on its dense copy, never densified.

A sparse X's unstored entries are zeros (observed), so from the same start and
settings a sparse run and a dense run are the same computation in another
order of summation: they must agree to rounding (1e-10 relative here).
"""

import subprocess
import sys
import tracemalloc

import numpy as np
import pytest

import nmf_ref
from nmf_ref import losses
from nmf_ref.data import Sparse
from nmf_ref.sparse import as_sparse, dense_sums, stored_product

sp = pytest.importorskip("scipy.sparse")

RANK = 4


def ratings_like(m=70, n=45, density=0.15, seed=0, fmt="csr"):
    """A sparse non-negative matrix with some low-rank structure in its stored values."""
    rng = np.random.RandomState(seed)
    X = sp.random(m, n, density=density, random_state=rng, format="coo")
    values = (rng.uniform(0.2, 1, (m, 3)) @ rng.uniform(0.2, 1, (3, n)))[X.row, X.col]
    return sp.coo_matrix((values, (X.row, X.col)), shape=(m, n)).asformat(fmt)


X_SP = ratings_like()
X_DENSE = X_SP.toarray()
W0, H0 = nmf_ref.initialize(X_DENSE, RANK, "random", random_state=1)


def assert_same_run(a, b, rtol=1e-10):
    for ours, dense in ((a.W, b.W), (a.H, b.H), (a.loss, b.loss)):
        np.testing.assert_allclose(ours, dense, rtol=rtol, atol=rtol * np.abs(dense).max())
    if b.violation:  # it falls towards 0: compare it on the scale of the first one
        np.testing.assert_allclose(a.violation, b.violation, rtol=rtol,
                                   atol=rtol * b.violation[0])
    assert a.n_iter == b.n_iter and a.converged == b.converged


PENALTIES = {"none": {}, "l1+l2": {"alpha_W": 0.02, "l1_ratio": 0.4},
             "l2 on H only": {"alpha_W": 0.0, "alpha_H": 0.05}}
CASES = [("hals", 2), ("anls", 2), ("mu", 2), ("mu", 1), ("als", 2), ("pgd", 2),
         ("mu", 0.5), ("mu", 1.5), ("mu", 3)]


@pytest.mark.parametrize("penalty", PENALTIES, ids=list(PENALTIES))
@pytest.mark.parametrize("solver, beta", CASES, ids=[f"{s}-beta{b}" for s, b in CASES])
def test_sparse_equals_dense(solver, beta, penalty):
    kwargs = dict(solver=solver, beta_loss=beta, W=W0, H=H0, max_iter=40, tol=0,
                  **PENALTIES[penalty])
    assert_same_run(nmf_ref.nmf(X_SP, RANK, **kwargs), nmf_ref.nmf(X_DENSE, RANK, **kwargs))


@pytest.mark.parametrize("solver, beta", [("hals", 2), ("mu", 2), ("mu", 1)])
def test_stopping_rules_stop_at_the_same_iteration(solver, beta):
    kwargs = dict(solver=solver, beta_loss=beta, W=W0, H=H0, max_iter=500, tol=1e-3)
    a, b = nmf_ref.nmf(X_SP, RANK, **kwargs), nmf_ref.nmf(X_DENSE, RANK, **kwargs)
    assert a.converged and a.n_iter < 500
    assert_same_run(a, b)


def test_csc_float32_and_fixed_H_runs():
    csc = nmf_ref.nmf(X_SP.tocsc(), RANK, W=W0, H=H0, max_iter=20, tol=0)
    assert_same_run(csc, nmf_ref.nmf(X_DENSE, RANK, W=W0, H=H0, max_iter=20, tol=0))
    small = nmf_ref.nmf(X_SP.astype(np.float32), RANK, init="random", random_state=0, max_iter=5)
    assert small.W.dtype == small.H.dtype == np.float32
    for solver in ("hals", "mu"):  # transform: H fixed, scikit-learn's start for W
        kwargs = dict(solver=solver, H=H0, update_H=False, max_iter=30, tol=0)
        assert_same_run(nmf_ref.nmf(X_SP, RANK, **kwargs), nmf_ref.nmf(X_DENSE, RANK, **kwargs))


@pytest.mark.parametrize("init", nmf_ref.init.INITS)
def test_initializations_see_the_same_matrix(init):
    """NNDSVD's SVD comes from scipy.sparse.linalg.svds on a sparse X, a full SVD on a
    dense one: the same triplets to ~1e-13, so the same start. (``start`` reads X
    through its data object, :class:`nmf_ref.data.Sparse`, as ``nmf`` passes it.)"""
    a = nmf_ref.initialize(X_DENSE, RANK, init, random_state=0)
    b = nmf_ref.init.start(Sparse(as_sparse(X_SP)), RANK, init, random_state=0)
    for dense, ours in zip(a, b):
        np.testing.assert_allclose(ours, dense, rtol=1e-9, atol=1e-9 * dense.max())


@pytest.mark.parametrize("beta", [2, 1, 0.5, 1.5, 3])
def test_losses_from_stored_entries(beta):
    W, H = W0 * 1.3, H0
    want = nmf_ref.beta_divergence(X_DENSE, W, H, beta)
    got = nmf_ref.beta_divergence(X_SP, W, H, beta)
    assert got == pytest.approx(want, rel=1e-12)
    full = sp.csr_matrix(X_DENSE + 0.5)  # every entry stored: Itakura–Saito is finite
    assert nmf_ref.beta_divergence(full, W, H, 0) == pytest.approx(
        nmf_ref.beta_divergence(X_DENSE + 0.5, W, H, 0), rel=1e-12)
    assert losses.reconstruction_error(X_SP.tocsc(), W, H, beta) == pytest.approx(
        losses.reconstruction_error(X_DENSE, W, H, beta), rel=1e-12)


def test_stored_product_and_block_sums():
    WH = W0 @ H0
    X = as_sparse(X_SP)
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    np.testing.assert_allclose(stored_product(X, W0, H0, chunk=7), WH[rows, X.indices], rtol=1e-14)
    assert dense_sums(W0, H0, lambda P: P**1.5) == pytest.approx((WH**1.5).sum(), rel=1e-13)
    np.testing.assert_allclose(
        dense_sums(W0, H0, lambda P: np.maximum(P, 1e-3) ** -0.5, times_Ht=True),
        np.maximum(WH, 1e-3) ** -0.5 @ H0.T, rtol=1e-13)
    np.testing.assert_allclose(dense_sums(W0, H0, np.sqrt, Wt_times=W0), W0.T @ WH**0.5,
                               rtol=1e-13)


def scattered(m, n, nnz, seed=0):
    rng = np.random.RandomState(seed)
    rows, cols = rng.randint(m, size=nnz), rng.randint(n, size=nnz)
    return sp.csr_matrix((rng.uniform(1, 5, nnz), (rows, cols)), shape=(m, n))


def peak_bytes(run):
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_huge_sparse_matrix_is_never_densified():
    """10⁶ × 10⁶ with 5000 entries: its dense form would need 8 TB. W and H are 24 MB each."""
    X = scattered(10**6, 10**6, 5000)

    def run():
        for solver, beta in (("hals", 2), ("mu", 1)):  # the Gram loop, and stored entries
            res = nmf_ref.nmf(X, 3, solver=solver, beta_loss=beta, init="random",
                              random_state=0, max_iter=2, tol=0)
            assert np.isfinite(res.loss).all() and res.loss[-1] < res.loss[0]

    peak = peak_bytes(run)
    assert peak < 600e6, f"peak {peak / 1e6:.0f} MB"


def test_nndsvd_of_a_sparse_matrix_is_never_densified():
    """NNDSVD takes its SVD from svds (ARPACK, whose cost grows with m + n, hence a
    smaller matrix than above): 30000 × 30000 would be 7 GB dense."""
    X = scattered(30000, 30000, 5000, seed=1)
    peak = peak_bytes(lambda: nmf_ref.nmf(X, 3, init="nndsvda", max_iter=2, tol=0))
    assert peak < 100e6, f"peak {peak / 1e6:.0f} MB"


def test_the_callers_matrix_is_not_modified():
    X = ratings_like(fmt="csc")
    X.data[0] = 0.0  # an explicitly stored zero, which the copy drops
    before = (X.format, X.nnz, X.data.copy(), X.indices.copy())
    nmf_ref.nmf(X, RANK, max_iter=3)
    assert (X.format, X.nnz) == before[:2]
    np.testing.assert_array_equal(X.data, before[2])
    np.testing.assert_array_equal(X.indices, before[3])


def test_bad_sparse_input_gets_a_clear_error():
    X = X_SP.copy()
    X.data[3] = -1.0
    with pytest.raises(ValueError, match="Negative values in data passed as X"):
        nmf_ref.nmf(X, RANK)
    X.data[3] = np.nan
    with pytest.raises(ValueError, match="NaN among its stored values.*mask=~np.isnan"):
        nmf_ref.nmf(X, RANK)
    X.data[3] = np.inf
    with pytest.raises(ValueError, match="inf"):
        nmf_ref.nmf(X, RANK)
    with pytest.raises(ValueError, match="mask is not supported with a sparse X"):
        nmf_ref.nmf(X_SP, RANK, mask=np.ones(X_SP.shape, bool))
    with pytest.raises(TypeError, match=r"'coo' format.*X.tocsr\(\)"):
        nmf_ref.nmf(X_SP.tocoo(), RANK)
    with pytest.raises(ValueError, match="β <= 0"):
        nmf_ref.nmf(X_SP, RANK, solver="mu", beta_loss="itakura-saito")
    with pytest.raises(TypeError, match="real numbers"):
        nmf_ref.nmf(X_SP.astype(complex), RANK)
    with pytest.raises(TypeError, match="dense arrays"):  # other functions stay dense-only
        nmf_ref.initialize(X_SP, RANK)


def test_core_modules_do_not_import_scipy():
    code = ("import sys, nmf_ref, nmf_ref.sparse, nmf_ref.data; "
            "bad = [m for m in ('scipy', 'dask') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_estimator_passes_sparse_input_through():
    pytest.importorskip("sklearn")
    from nmf_ref.estimator import NMF

    for solver, beta in (("cd", "frobenius"), ("mu", "kullback-leibler")):
        settings = dict(n_components=RANK, solver=solver, beta_loss=beta, init="nndsvda",
                        max_iter=50, tol=0)
        sparse_model, dense_model = NMF(**settings), NMF(**settings)
        W, W_dense = sparse_model.fit_transform(X_SP), dense_model.fit_transform(X_DENSE)
        np.testing.assert_allclose(W, W_dense, rtol=1e-8, atol=1e-8 * W_dense.max())
        assert sparse_model.reconstruction_err_ == pytest.approx(dense_model.reconstruction_err_,
                                                                 rel=1e-8)
        np.testing.assert_allclose(sparse_model.transform(X_SP.tocsc()),
                                   dense_model.transform(X_DENSE), rtol=1e-8,
                                   atol=1e-8 * W_dense.max())
