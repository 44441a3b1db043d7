"""The race: every solver's loss against iterations and against seconds, from one start.

Book: chapter 9 calls :func:`race` and :func:`time_to_reach` on small sizes;
``python benchmarks/race.py`` (a command-line script) runs them at full size
and prints the table.

What is raced
    nmf_ref's five Frobenius solvers (mu, hals, als, anls, pgd) and
    scikit-learn's ``cd`` and ``mu``, all from the same (W0, H0), on three data
    sets that ship with a package or are generated: scikit-learn's digits,
    scikit-image's faces, and a document-term count matrix from a topic model.

How the loss of scikit-learn is measured
    scikit-learn does not report the loss per iteration, and a callback would
    distort its timing. So it is run from (W0, H0) with ``max_iter=k`` and
    ``tol=0`` for a grid of k, each run timed on its own (start to return of
    ``non_negative_factorization``), and the loss of each result computed
    afterwards, outside the clock. To find the *fewest* iterations k* that
    reach a tolerance, the grid is refined by bisection (``cd`` and ``mu`` never
    increase the loss, so "reached" is monotone in k), and the time reported is
    that of the run with ``max_iter=k*``.

How nmf_ref is measured
    One run per solver with ``tol=0``; ``NMFResult.time`` gives the seconds
    since the loop started, at every iteration. The time spent before the loop
    (validation, copies, the first loss) is measured around the call and added,
    so both libraries are charged for everything from call to result. The
    per-iteration loss that nmf_ref records is part of its timed work.

What "reaching a tolerance" means
    The relative loss gap ``(f - f_best) / f_best``, where f is ½‖X − WH‖²
    and f_best the lowest loss any solver reached in this race. A solver
    reaches tolerance ``tol`` at the first iteration where its gap is ≤ tol.
    A solver that settles in a worse local minimum never reaches it ("—").

Times are the best of ``repeats`` runs, with BLAS limited to ``threads``
threads (1 by default: on a shared machine it is the least noisy choice, and
it charges both libraries alike).
"""

import functools
import time
import warnings
from dataclasses import dataclass, field

import numpy as np

import nmf_ref
from . import datasets

SOLVERS = ("mu", "hals", "als", "anls", "pgd")
SKLEARN_SOLVERS = ("cd", "mu")
TOLS = (1e-3, 1e-4)
DATASETS = ("digits", "faces", "text")


def load(name, size="small"):
    """``(X, rank, description)`` for one of :data:`DATASETS`.

    ``size="small"`` is what the book runs in a few seconds; ``"full"`` is
    what ``python benchmarks/race.py`` runs.
    """
    full = size == "full"
    if size not in ("small", "full"):
        raise ValueError(f"size must be 'small' or 'full', got {size!r}.")
    if name == "digits":
        X = datasets.digits()[0]
        X = X if full else X[:300]
        return X, 10, f"digits {X.shape[0]}×{X.shape[1]}"
    if name == "faces":
        X = datasets.faces(100)
        return X, 10, f"faces {X.shape[0]}×{X.shape[1]}"
    if name == "text":
        shape = (1500, 2000) if full else (300, 500)
        # 30 topics behind a rank-10 fit, so that the fit has work to do
        X = datasets.topic_counts(*shape, n_topics=30, doc_length=300, concentration=0.3,
                                  random_state=0)[0]
        return X, 10, f"text {X.shape[0]}×{X.shape[1]} ({(X > 0).mean():.0%} non-zero)"
    raise ValueError(f"unknown data set {name!r}; choose one of {DATASETS}.")


@dataclass
class Curve:
    """One solver's race: loss and elapsed seconds after each recorded iteration count."""

    label: str
    iters: np.ndarray
    seconds: np.ndarray
    loss: np.ndarray


@dataclass
class Race:
    """Everything :func:`race` measured, and what :func:`time_to_reach` needs to refine it."""

    X: np.ndarray
    rank: int
    W0: np.ndarray
    H0: np.ndarray
    curves: dict
    repeats: int = 1
    threads: int = 1
    sklearn_runs: dict = field(default_factory=dict)  # (solver, k) -> (seconds, loss)

    @property
    def best(self):
        """The lowest loss any solver reached: the reference of every gap."""
        return min(c.loss.min() for c in self.curves.values())

    def gap(self, label):
        """Relative loss gap ``(f - f_best) / f_best`` of one curve."""
        best = self.best
        return (self.curves[label].loss - best) / best


def _limit_threads(threads):
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads)


def run_nmf_ref(X, rank, W0, H0, solver, max_iter, max_seconds=np.inf, repeats=1):
    """Curve of one nmf_ref solver: best of ``repeats`` times, iteration by iteration."""
    best = None
    for _ in range(repeats):
        deadline = time.perf_counter() + max_seconds
        start = time.perf_counter()
        res = nmf_ref.nmf(X, rank, solver=solver, W=W0, H=H0, max_iter=max_iter, tol=0,
                          callback=lambda *_: time.perf_counter() > deadline)
        total = time.perf_counter() - start
        seconds = res.time + (total - res.time[-1])  # charge the set-up as well
        seconds[0] = 0.0
        if best is None:
            best, loss = seconds, res.loss
        else:  # a time limit may end repeats at different iterations
            n = min(len(best), len(seconds))
            best, loss = np.minimum(best[:n], seconds[:n]), loss[:n]
    return Curve(f"nmf_ref {solver}", np.arange(len(loss)), best, loss)


def run_sklearn(X, W0, H0, solver, k, repeats=1):
    """``(seconds, loss)`` of scikit-learn with ``max_iter=k`` from (W0, H0); best of ``repeats``."""
    from sklearn.decomposition import non_negative_factorization

    seconds = np.inf
    for _ in range(repeats):
        W, H = W0.copy(), H0.copy()  # copied outside the clock, for both libraries
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tol=0: "did not converge", on purpose
            start = time.perf_counter()
            W, H, _ = non_negative_factorization(
                X, W, H, n_components=W0.shape[1], init="custom", solver=solver,
                beta_loss="frobenius", max_iter=k, tol=0.0)
            seconds = min(seconds, time.perf_counter() - start)
    return seconds, nmf_ref.frobenius(X, W, H)


def iteration_grid(max_iter, points=15):
    """About ``points`` iteration counts from 1 to ``max_iter``, evenly spaced in log scale."""
    return np.unique(np.round(np.geomspace(1, max_iter, points)).astype(int))


def race(X, rank, *, solvers=SOLVERS, sklearn_solvers=SKLEARN_SOLVERS, init="nndsvda",
         random_state=0, max_iter=200, max_seconds=np.inf, grid_points=15, repeats=1,
         threads=1):
    """Run every solver from the same start; return a :class:`Race`.

    Parameters
    ----------
    X : array (m, n), non-negative
    rank : int
    solvers : names of nmf_ref solvers
    sklearn_solvers : names of scikit-learn solvers ("cd", "mu")
    init : initialization of the shared start (nmf_ref's, passed to both libraries)
    max_iter : iterations for nmf_ref; the largest k of scikit-learn's grid
    max_seconds : time budget per solver (nmf_ref stops, scikit-learn's grid ends)
    grid_points : number of k's in scikit-learn's grid (log-spaced)
    repeats : each time is the best of this many runs
    threads : BLAS threads for both libraries
    """
    X = np.asarray(X, dtype=float)
    W0, H0 = nmf_ref.initialize(X, rank, init, random_state)
    loss0 = nmf_ref.frobenius(X, W0, H0)
    out = Race(X, rank, W0, H0, {}, repeats, threads)
    with _limit_threads(threads):
        for solver in solvers:
            curve = run_nmf_ref(X, rank, W0, H0, solver, max_iter, max_seconds, repeats)
            out.curves[curve.label] = curve
        for solver in sklearn_solvers:
            for k in iteration_grid(max_iter, grid_points):
                out.sklearn_runs[solver, int(k)] = run_sklearn(X, W0, H0, solver, k, repeats)
                if out.sklearn_runs[solver, int(k)][0] > max_seconds:
                    break
            _sklearn_curve(out, solver, loss0)
    return out


def _sklearn_curve(out, solver, loss0):
    ks = sorted(k for s, k in out.sklearn_runs if s == solver)
    runs = [out.sklearn_runs[solver, k] for k in ks]
    out.curves[f"sklearn {solver}"] = Curve(
        f"sklearn {solver}", np.array([0] + ks),
        np.array([0.0] + [s for s, _ in runs]), np.array([loss0] + [f for _, f in runs]))


def time_to_reach(out, tol):
    """``{label: (iterations, seconds)}`` to reach gap ≤ ``tol``; ``(None, inf)`` if never.

    For scikit-learn, the grid is refined by bisection first (each probe is a
    timed run), so its count is the fewest iterations that reach ``tol``.
    """
    best = out.best
    labels = list(out.curves)
    with _limit_threads(out.threads):
        for label in labels:
            if not label.startswith("sklearn "):
                continue
            solver = label.split()[1]
            curve = out.curves[label]
            reached = np.flatnonzero((curve.loss - best) / best <= tol)
            if not len(reached) or reached[0] == 0:
                continue
            lo, hi = int(curve.iters[reached[0] - 1]), int(curve.iters[reached[0]])
            while hi - lo > 1:  # invariant: lo does not reach tol, hi does
                mid = (lo + hi) // 2
                if (solver, mid) not in out.sklearn_runs:
                    out.sklearn_runs[solver, mid] = run_sklearn(
                        out.X, out.W0, out.H0, solver, mid, out.repeats)
                if (out.sklearn_runs[solver, mid][1] - best) / best <= tol:
                    hi = mid
                else:
                    lo = mid
            _sklearn_curve(out, solver, curve.loss[0])
    table = {}
    for label, curve in out.curves.items():
        reached = np.flatnonzero((curve.loss - best) / best <= tol)
        table[label] = ((int(curve.iters[reached[0]]), float(curve.seconds[reached[0]]))
                        if len(reached) else (None, np.inf))
    return table


def format_table(rows, tols=TOLS, reference="sklearn cd"):
    """The race table as text: per data set and solver, iterations, seconds and the ratio
    of seconds to ``reference``'s, for each tolerance. ``rows`` is a list of
    ``(description, {tol: time_to_reach(...)})``."""
    head = f"{'data':<38}{'solver':<14}" + "".join(
        f"{'iters':>7}{'seconds':>9}{'ratio':>7}  " for _ in tols)
    top = " " * 52 + "".join(f"{'gap ≤ %g' % t:^25}" for t in tols)
    lines = [top, head, "-" * len(head)]
    for description, by_tol in rows:
        for k, label in enumerate(by_tol[tols[0]]):
            cells = ""
            for t in tols:
                iters, secs = by_tol[t][label]
                ref = by_tol[t].get(reference, (None, np.inf))[1]
                if iters is None:
                    cells += f"{'—':>7}{'—':>9}{'—':>7}  "
                else:
                    ratio = f"{secs / ref:.2f}" if np.isfinite(ref) else "—"
                    cells += f"{iters:>7}{secs:>9.3f}{ratio:>7}  "
            lines.append(f"{description if k == 0 else '':<38}{label:<14}{cells}")
        lines.append("")
    return "\n".join(lines)



# The book's settings (chapter 9): small data, short runs, one timing each.
BOOK = dict(max_iter=60, max_seconds=0.4, grid_points=7, repeats=1)
LABELS = tuple(f"nmf_ref {s}" for s in SOLVERS) + tuple(f"sklearn {s}" for s in SKLEARN_SOLVERS)


@functools.lru_cache(maxsize=32)
def book_race(name, rank=10, init="nndsvda", labels=LABELS):
    """The race the book runs: small data, :data:`BOOK` settings; cached, so the widget
    and the table of chapter 9 share their runs. ``labels`` as in :data:`LABELS`."""
    X = load(name, "small")[0]
    ours = tuple(label.split()[1] for label in labels if label.startswith("nmf_ref "))
    theirs = tuple(label.split()[1] for label in labels if label.startswith("sklearn "))
    return race(X, rank, solvers=ours, sklearn_solvers=theirs, init=init, **BOOK)


def plot_data(out):
    """``(curves, best)`` in the form :func:`nmf_ref.book.plots.plot_race` takes."""
    return {label: (c.iters, c.seconds, c.loss) for label, c in out.curves.items()}, out.best
