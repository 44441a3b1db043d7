"""Sparse input: nmf_ref against scikit-learn on a large sparse matrix, time and peak memory.

The matrix: 100000 × 20000 with 500000 stored entries (0.025 % of 2·10⁹; dense it
would take 16 GB), values 1-5 at random positions, a fixed seed. Rank 10, 20
iterations (``tol=0``) of HALS (scikit-learn's ``cd``) and of KL multiplicative
updates (``mu``, ``beta_loss="kullback-leibler"``), both libraries from the same
random start (``init="random"``, the same draw). Targets: time within 2× of
scikit-learn's, peak memory under 1 GB.

Each (library, solver) runs in a fresh subprocess, so that its memory is its own:
``peak`` is the largest traced allocation during the fit (``tracemalloc``) and
``max RSS`` the process's resident high-water mark (interpreter and libraries
included). Times are the best of ``--repeats`` subprocesses (the machine may be
shared). The final W of both libraries is compared (relative difference).

HALS's sweep over the 100000 rows of W is a loop of thin matrix-vector
products, which a multi-threaded BLAS can slow down badly on a busy machine;
``--blas-threads 1`` shows the single-threaded times of both libraries.

Run: ``python benchmarks/bench_sparse.py [--repeats 3] [--blas-threads 1]
[--rows 100000 --cols 20000 --nnz 500000]``
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tracemalloc
import warnings

import numpy as np

from nmf_ref.book.timing import best_time

RANK, ITERATIONS = 10, 20
SOLVERS = {"hals": dict(solver="cd"),
           "KL-MU": dict(solver="mu", beta_loss="kullback-leibler")}


def matrix(rows, cols, nnz, seed=0):
    """The benchmark's sparse matrix (CSR, float64), the same for every process."""
    import scipy.sparse as sp

    rng = np.random.RandomState(seed)
    i, j = rng.randint(rows, size=nnz), rng.randint(cols, size=nnz)
    return sp.csr_matrix((rng.uniform(1, 5, nnz), (i, j)), shape=(rows, cols))


def fit(library, solver, shape):
    """One timed fit in this process; returns its numbers as a dict."""
    X = matrix(*shape)
    settings = dict(init="random", random_state=0, tol=0, max_iter=ITERATIONS, **SOLVERS[solver])
    if library == "nmf_ref":
        import nmf_ref

        settings["solver"] = {"cd": "hals"}.get(settings["solver"], settings["solver"])
        run = lambda: nmf_ref.nmf(X, RANK, **settings).W  # noqa: E731
    else:
        from sklearn.decomposition import non_negative_factorization

        run = lambda: non_negative_factorization(X, n_components=RANK, **settings)[0]  # noqa: E731
    tracemalloc.start()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tol=0: "did not converge"
        seconds, W = best_time(run)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    np.save(f"/tmp/bench_sparse_{library}_{solver}.npy", W)
    return {"seconds": seconds, "peak": peak,
            "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


def in_subprocess(library, solver, shape, blas_threads=None):
    env = dict(os.environ)
    if blas_threads:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[name] = str(blas_threads)
    out = subprocess.run([sys.executable, __file__, "--one", library, solver,
                          "--rows", str(shape[0]), "--cols", str(shape[1]), "--nnz", str(shape[2])],
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cols", type=int, default=20_000)
    parser.add_argument("--nnz", type=int, default=500_000)
    parser.add_argument("--blas-threads", type=int, default=None,
                        help="threads of the BLAS in each fit (default: the BLAS's own choice)")
    parser.add_argument("--one", nargs=2, metavar=("LIBRARY", "SOLVER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    shape = (args.rows, args.cols, args.nnz)
    if args.one:
        print(json.dumps(fit(*args.one, shape)))
        return
    print(f"X: {args.rows} x {args.cols} sparse, {args.nnz} entries drawn; rank {RANK}, "
          f"{ITERATIONS} iterations; best of {args.repeats} (a shared machine: times vary); "
          f"BLAS threads: {args.blas_threads or 'default'}")
    print(f"{'solver':8s} {'library':13s} {'time s':>8s} {'ratio':>6s} {'peak MB':>8s} "
          f"{'max RSS MB':>10s}")
    for solver in SOLVERS:
        runs = {"scikit-learn": [], "nmf_ref": []}
        for _ in range(args.repeats):  # alternate, so that both see the same load
            for library in runs:
                runs[library].append(in_subprocess(library, solver, shape, args.blas_threads))
        results = {library: {"seconds": min(r["seconds"] for r in done),
                             "peak": max(r["peak"] for r in done),
                             "rss": max(r["rss"] for r in done)}
                   for library, done in runs.items()}
        base = results["scikit-learn"]["seconds"]
        for library, r in results.items():
            print(f"{solver:8s} {library:13s} {r['seconds']:8.2f} {r['seconds'] / base:6.2f} "
                  f"{r['peak'] / 1e6:8.0f} {r['rss'] / 1e6:10.0f}")
        ours, theirs = (np.load(f"/tmp/bench_sparse_{lib}_{solver}.npy")
                        for lib in ("nmf_ref", "scikit-learn"))
        print(f"{solver:8s} final W: relative difference "
              f"{np.linalg.norm(ours - theirs) / np.linalg.norm(theirs):.1e}")
    for solver in SOLVERS:
        for library in ("nmf_ref", "scikit-learn"):
            os.remove(f"/tmp/bench_sparse_{library}_{solver}.npy")


if __name__ == "__main__":
    main()
