"""nmf_ref.nmf on a Dask array chunked by rows (nmf_ref.dask_blocks), on a LocalCluster.

The cluster (2 workers, threads in this process, to start fast) is created by
the module fixture and closed after the last test, as a reader's notebook would.
The row-block path must give the in-memory numbers to 1e-10, and its work must
run on the workers.
"""

import subprocess
import sys
from collections import Counter

import numpy as np
import pytest

import nmf_ref

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("dask.distributed")

RANK = 4
RNG = np.random.RandomState(0)
X_NP = RNG.uniform(0.1, 1, (230, 4)) @ RNG.uniform(0.1, 1, (4, 37)) + 0.1 * RNG.uniform(size=(230, 37))
W0, H0 = nmf_ref.initialize(X_NP, RANK, "random", random_state=1)
CHUNK = 50  # five row blocks, the last one shorter


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  memory_limit="1GB", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def X(client):
    return da.from_array(X_NP, chunks=(CHUNK, -1)).persist()


def assert_same_run(a, b, rtol=1e-10):
    W = a.W.compute() if hasattr(a.W, "compute") else a.W
    for ours, mem in ((W, b.W), (a.H, b.H), (a.loss, b.loss)):
        np.testing.assert_allclose(ours, mem, rtol=rtol, atol=rtol * np.abs(mem).max())
    if b.violation:
        np.testing.assert_allclose(a.violation, b.violation, rtol=rtol, atol=rtol * b.violation[0])
    assert (a.n_iter, a.converged, a.init) == (b.n_iter, b.converged, b.init)


@pytest.mark.parametrize("solver, settings", [
    ("hals", {}), ("mu", {}), ("hals", {"alpha_W": 0.01, "l1_ratio": 0.5}),
    ("hals", {"shuffle": True, "random_state": 3}), ("anls", {}),
    ("mu", {"tol": 3e-2, "max_iter": 100}), ("hals", {"tol": 3e-2, "max_iter": 100})],
    ids=["hals", "mu", "hals-penalties", "hals-shuffle", "anls", "mu-stops", "hals-stops"])
def test_blocks_equal_numpy(X, solver, settings):
    kwargs = {"solver": solver, "W": W0, "H": H0, "max_iter": 6, "tol": 0, **settings}
    res = nmf_ref.nmf(X, RANK, **kwargs)
    assert isinstance(res.W, da.Array) and res.W.chunks[0] == X.chunks[0]
    assert_same_run(res, nmf_ref.nmf(X_NP, RANK, **kwargs))
    if settings.get("tol"):  # the stopping rule fired at the same iteration (12 and 20)
        assert res.converged


@pytest.mark.parametrize("init", ["random", "nndsvda"])
def test_initializations_on_the_cluster(X, init):
    """random needs X's mean; NNDSVD an SVD, exact here (TSQR over the row blocks)."""
    kwargs = {"init": init, "random_state": 0, "max_iter": 3, "tol": 0}
    assert_same_run(nmf_ref.nmf(X, RANK, **kwargs), nmf_ref.nmf(X_NP, RANK, **kwargs), rtol=1e-9)


def test_the_work_runs_on_the_workers(client, X):
    with distributed.get_task_stream(client) as stream:
        nmf_ref.nmf(X, RANK, W=W0, H=H0, max_iter=3, tol=0)
    ran = Counter()
    for task in stream.data:
        key = task["key"][0] if isinstance(task["key"], tuple) else task["key"]
        ran[key.rsplit("-", 1)[0].split("-")[0], task["worker"]] += 1
    w_blocks = {worker: count for (name, worker), count in ran.items() if name == "_w_block"}
    assert sum(w_blocks.values()) == 3 * len(X.chunks[0])  # one task per block and iteration
    assert set(w_blocks) <= set(client.scheduler_info()["workers"])
    assert len(w_blocks) == 2, w_blocks  # both workers took blocks


def test_callback_sees_the_blocks_and_can_stop(X):
    seen = []
    res = nmf_ref.nmf(X, RANK, W=W0, H=H0, max_iter=10, tol=0,
                      callback=lambda it, W, H, loss: seen.append(type(W)) or it == 2)
    assert res.n_iter == 2 and seen == [da.Array, da.Array]


def test_bad_dask_input_gets_a_clear_error(X):
    with pytest.raises(ValueError, match=r"chunked along its columns.*rechunk\(\{1: -1\}\)"):
        nmf_ref.nmf(X.rechunk((CHUNK, 10)), RANK)
    with pytest.raises(ValueError, match="Negative values"):
        nmf_ref.nmf(X - 1.0, RANK)
    with pytest.raises(ValueError, match="NaN"):
        nmf_ref.nmf(da.where(X > 0.5, np.nan, X), RANK)
    with pytest.raises(ValueError, match="mask is not supported with a Dask X"):
        nmf_ref.nmf(X, RANK, mask=np.ones(X.shape, bool))
    with pytest.raises(ValueError, match="Frobenius loss only"):
        nmf_ref.nmf(X, RANK, solver="mu", beta_loss="kullback-leibler")
    with pytest.raises(ValueError, match="does not split by rows"):
        nmf_ref.nmf(X, RANK, solver="pgd")
    with pytest.raises(ValueError, match="2-D"):
        nmf_ref.nmf(X[:, 0], RANK)
    with pytest.raises(ValueError, match="has shape"):
        nmf_ref.nmf(X, RANK, W=W0[:10], H=H0)


def test_import_nmf_ref_does_not_import_dask():
    code = ("import sys, nmf_ref, numpy as np; nmf_ref.nmf(np.ones((4, 3)), 1, max_iter=2); "
            "assert 'dask' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
