"""Out-of-core NMF on a Dask cluster: an X on disk larger than the workers' memory.

X (``--gb`` GB, default 4, float64, ``--cols`` columns, a noisy rank-``--rank``
matrix) is written to disk as a stack of ``.npy`` files, one per row chunk
(``dask.array.to_npy_stack``), and read back memory-mapped
(``from_npy_stack(mmap_mode="r")``): each task reads its block when it runs. A
``LocalCluster`` of ``--workers`` processes with ``--memory-limit`` each (default
2 × 1 GB, far below the data) runs ``nmf_ref.nmf(X, 20, solver="hals")`` for 10
iterations (the row-block path of :mod:`nmf_ref.dask_blocks`), then times, on the same
cluster, the two big products alone: :math:`XH^T` and :math:`W^TX` (each one
pass over X), and both in one pass.

Printed: time per iteration (median), the products' times, their ratio, and the
workers' largest resident memory (sampled every 0.5 s) against their limit, and
whether any worker was restarted (a worker over its limit is killed). The
machine may be shared: the times are those of one run.

Run: ``python benchmarks/bench_dask.py [--gb 4] [--dir /tmp] [--keep]``. The
script checks the free disk space first (twice the data), and removes the data
afterwards unless ``--keep``.
"""

import argparse
import shutil
import tempfile
import threading
from pathlib import Path

import dask
import dask.array as da
import numpy as np
import psutil
from dask.distributed import Client, LocalCluster, wait

import nmf_ref
from nmf_ref.book.timing import best_time

CHUNK_MB = 128


def noisy_low_rank(block_info=None, *, cols, rank, seed):
    """One row block of X: W_b H + noise, H shared (seed), W_b and noise per block."""
    info = block_info[None]
    (start, stop), _ = info["array-location"]
    H = np.random.RandomState(seed).uniform(0, 1, (rank, cols))
    rng = np.random.RandomState([seed, start])
    return rng.uniform(0, 1, (stop - start, rank)) @ H + 0.1 * rng.uniform(0, 1, (stop - start, cols))


def write(path, rows, cols, rank, chunk_rows):
    X = da.map_blocks(noisy_low_rank, dtype=np.float64,
                      chunks=(da.core.normalize_chunks(chunk_rows, (rows,))[0], (cols,)),
                      cols=cols, rank=rank, seed=0)
    da.to_npy_stack(path, X, axis=0)


class MemorySampler:
    """Largest RSS of every worker, sampled from a thread while the benchmark runs."""

    def __init__(self, client, every=0.5):
        self.client, self.every, self.peak = client, every, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            try:
                for worker, rss in self.client.run(lambda: psutil.Process().memory_info().rss).items():
                    self.peak[worker] = max(self.peak.get(worker, 0), rss)
            except Exception:  # a worker restarting: sample again next time
                pass
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=4.0, help="size of X on disk, GB")
    parser.add_argument("--cols", type=int, default=2000)
    parser.add_argument("--rank", type=int, default=20)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="1GB")
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--keep", action="store_true", help="keep the data on disk")
    args = parser.parse_args()

    rows = int(args.gb * 1e9 / (8 * args.cols))
    chunk_rows = max(1, CHUNK_MB * 2**20 // (8 * args.cols))
    free = shutil.disk_usage(args.dir).free
    if free < 2 * args.gb * 1e9:
        raise SystemExit(f"{args.dir} has {free / 1e9:.1f} GB free; {2 * args.gb:.1f} GB "
                         "needed. Pass a smaller --gb or another --dir.")
    path = Path(tempfile.mkdtemp(prefix="nmf_ref_bench_dask_", dir=args.dir))
    try:
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          memory_limit=args.memory_limit, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            seconds, _ = best_time(lambda: write(path, rows, args.cols, args.rank, chunk_rows))
            print(f"X: {rows} x {args.cols} float64 = {rows * args.cols * 8 / 1e9:.2f} GB in "
                  f"{len(range(0, rows, chunk_rows))} chunks of {chunk_rows} rows "
                  f"({chunk_rows * args.cols * 8 / 2**20:.0f} MiB), written to {path} in "
                  f"{seconds:.0f} s")
            print(f"cluster: {args.workers} worker processes x 1 thread, memory limit "
                  f"{args.memory_limit} each")
            X = da.from_npy_stack(path, mmap_mode="r")
            workers_before = set(client.scheduler_info()["workers"])
            with MemorySampler(client) as memory:
                res = nmf_ref.nmf(X, args.rank, solver="hals", init="random", random_state=0,
                                  max_iter=args.iterations, tol=0)
                per_iteration = np.diff(res.time)
                W = res.W.persist()
                wait(W)
                H = res.H
                t_xht, _ = best_time(lambda: (X @ H.T).compute())
                t_wtx, _ = best_time(lambda: (W.T @ X).compute())
                t_both, _ = best_time(lambda: dask.compute(X @ H.T, W.T @ X))
            restarted = workers_before != set(client.scheduler_info()["workers"])
            limit = dask.utils.parse_bytes(args.memory_limit)
        print(f"nmf_ref.nmf(X, {args.rank}, solver='hals'): {args.iterations} iterations, "
              f"time per iteration median {np.median(per_iteration):.1f} s "
              f"(min {per_iteration.min():.1f}, max {per_iteration.max():.1f})")
        print(f"loss ½‖X − WH‖²: {res.loss[0]:.4g} at the start, {res.loss[-1]:.4g} after "
              f"{args.iterations} iterations")
        print(f"products on the same cluster: X Hᵀ {t_xht:.1f} s, Wᵀ X {t_wtx:.1f} s, both in "
              f"one pass {t_both:.1f} s")
        print(f"iteration / (X Hᵀ + Wᵀ X): {np.median(per_iteration) / (t_xht + t_wtx):.2f}; "
              f"iteration / (both in one pass): {np.median(per_iteration) / t_both:.2f}")
        peaks = ", ".join(f"{p / 1e6:.0f} MB" for p in memory.peak.values())
        print(f"workers' largest RSS: {peaks} (limit {limit / 1e6:.0f} MB each); "
              f"a worker restarted: {restarted}")
    finally:
        if not args.keep:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
