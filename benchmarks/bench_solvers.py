"""Time nmf_ref's HALS and MU against scikit-learn's, in the same run.

Both libraries start from the same W, H and run the same fixed number of
iterations (``tol=0``), so the ratio compares the cost of an iteration and
nothing else. Printed ratios (nmf_ref time / scikit-learn time, lower is better;
targets in brackets):

* ``hals / sklearn cd``   [<= 1.0 where the products dominate; <= 1.2 on the digits]
* ``mu / sklearn mu``     [<= 1.0]
* ``hals iter / 2 GEMMs`` [<= 1.5]: one HALS iteration over the time of its
  two big products X Hᵀ and Wᵀ X (formed as nmf_ref forms them), i.e. how
  close the sweep is to the floor.
* ``ahals iter / 2 GEMMs`` [<= 1.2 on the rank-30 matrix]: the same for one
  accelerated-HALS iteration with all its inner sweeps (``sweeps`` gives their
  mean number per half-step, W and H).

Run: ``python benchmarks/bench_solvers.py [--repeats N] [--threads T]``. Each time is
the best of N runs (default 5), which is the least noisy estimate on a shared machine;
the runs of the five contenders take turns.
``--threads`` limits BLAS to T threads for both libraries (default: BLAS's own
choice); on a loaded machine one thread is the steadier comparison, since a BLAS
thread that waits for a busy core stalls the whole product.
"""

import argparse
import contextlib
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import non_negative_factorization

import nmf_ref


def best_time(fn, repeats):
    return best_times({"fn": fn}, repeats)["fn"]


def best_times(fns, repeats):
    """The best of ``repeats`` runs of each callable of ``fns`` (name -> callable), run in
    turns (each round runs every one once): a busy spell on the shared machine then
    slows every contender of that round, not the repeats of one of them."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def blas_threads(threads):
    """At most ``threads`` BLAS threads inside the block (None: no limit)."""
    if threads is None:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads, user_api="blas")


def datasets():
    """(name, X, rank, iterations): the digits (NumPy's per-call cost dominates), a
    1500×800 matrix at rank 20 (the two products dominate), and a large noisy low-rank
    matrix."""
    digits = load_digits().data.astype(np.float64)
    rng = np.random.RandomState(0)
    low_rank = rng.rand(2000, 30) @ rng.rand(30, 1000) + 0.1 * rng.rand(2000, 1000)
    tall = np.random.RandomState(1).rand(1500, 800)
    return [("digits 1797x64", digits, 10, 200), ("uniform 1500x800", tall, 20, 50),
            ("rank-30 2000x1000", low_rank, 30, 50)]


def count_sweeps(X, rank, W0, H0, iters):
    """Mean inner sweeps of an ahals run per half-step: (W, H)."""
    from nmf_ref.rules import ahals

    done, real = [], ahals.sweep_until

    def counting(*args, **kwargs):
        out = real(*args, **kwargs)
        done.append(out[2])
        return out

    ahals.sweep_until = counting
    try:
        nmf_ref.nmf(X, rank, solver="ahals", W=W0, H=H0, tol=0, max_iter=iters)
    finally:
        ahals.sweep_until = real
    return float(np.mean(done[0::2])), float(np.mean(done[1::2]))


def run(repeats=5):
    rows = []
    for name, X, rank, iters in datasets():
        W0, H0 = nmf_ref.initialize(X, rank, "random", random_state=0)

        def ours(solver):
            return lambda: nmf_ref.nmf(X, rank, solver=solver, W=W0, H=H0, tol=0, max_iter=iters)

        def sklearns(solver):
            return lambda: non_negative_factorization(
                X, W0.copy(), H0.copy(), n_components=rank, init="custom",
                solver=solver, tol=0, max_iter=iters)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tol=0 always "fails to converge"
            t = best_times({"hals": ours("hals"), "cd": sklearns("cd"), "mu": ours("mu"),
                            "sklearn mu": sklearns("mu"), "ahals": ours("ahals")}, repeats)
        t_hals, t_cd, t_mu, t_skmu, t_ahals = t.values()
        sweeps = count_sweeps(X, rank, W0, H0, iters)
        W, H = W0.copy(), H0.copy()
        # the two products exactly as nmf_ref's loop forms them (X Hᵀ as (H Xᵀ)ᵀ)
        t_gemm = best_time(lambda: ((H @ X.T).T, W.T @ X), max(repeats, 20))
        rows.append((name, rank, iters, t_hals / t_cd, t_mu / t_skmu,
                     (t_hals / iters) / t_gemm, (t_ahals / iters) / t_gemm, sweeps, t_hals,
                     t_cd, t_mu, t_skmu, t_ahals))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    with blas_threads(args.threads):
        rows = run(args.repeats)
    print(f"{'data':<20}{'r':>4}{'iters':>6}  {'hals/cd':>8}  {'mu/mu':>6}  "
          f"{'hals iter/2 GEMMs':>17}  {'ahals iter/2 GEMMs':>18}  {'sweeps W, H':>12}   "
          "seconds: hals, cd, mu, sklearn mu, ahals")
    for name, r, it, a, b, c, d, (sw, sh), *secs in rows:
        print(f"{name:<20}{r:>4}{it:>6}  {a:8.2f}  {b:6.2f}  {c:17.2f}  {d:18.2f}  "
              f"{sw:5.1f}, {sh:5.1f}   " + ", ".join(f"{s:.3f}" for s in secs))
    print("targets:                      <=1.00  <=1.00             <=1.50  <=1.20 (rank-30)\n"
          "                        (hals/cd <= 1.2 on the digits)\n"
          f"BLAS threads: {args.threads or 'not limited'}")


if __name__ == "__main__":
    main()
