"""Run the race of chapter 9 at full size and print the table.

The engine is :mod:`nmf_ref.book.race` (see its docstring for what is measured
and how); this script only chooses the sizes and prints.

    python benchmarks/race.py [--size small|full] [--repeats 2] [--threads 1]
"""

import argparse

from nmf_ref.book.race import DATASETS, TOLS, format_table, load, race, time_to_reach

# Full-size settings: iterations and a time budget per solver and data set.
FULL = {"digits": dict(max_iter=1000, max_seconds=10),
        "faces": dict(max_iter=2000, max_seconds=10),
        "text": dict(max_iter=200, max_seconds=15)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["small", "full"], default="full")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--inits", nargs="+", default=["nndsvda"],
                        help="one table per shared start (random uses random_state=0)")
    parser.add_argument("--data", nargs="*", default=list(DATASETS), choices=DATASETS)
    args = parser.parse_args()
    for init in args.inits:
        rows = []
        for name in args.data:
            X, rank, description = load(name, args.size)
            settings = FULL[name] if args.size == "full" else dict(max_iter=200)
            out = race(X, rank, init=init, repeats=args.repeats, threads=args.threads,
                       **settings)
            by_tol = {t: time_to_reach(out, t) for t in TOLS}
            rows.append((f"{description}, r={rank}", by_tol))
            print(f"[{init}] {description}: best loss {out.best:.6g}", flush=True)
            print(format_table(rows[-1:]), flush=True)
        print()
        print(f"init={init}. Time to reach a relative loss gap (f − f_best)/f_best ≤ tol, "
              f"f_best = the lowest loss\nany solver reached from this start. Best of "
              f"{args.repeats} runs, {args.threads} BLAS thread(s). ratio = seconds / "
              f"sklearn cd's seconds (lower is better).\n")
        print(format_table(rows), flush=True)


if __name__ == "__main__":
    main()
