"""The race: each solver from several starts, timed to a gap measured from that start.

Book: chapter 10 runs :func:`book_race` (small sizes, a few starts); ``python
benchmarks/race.py`` runs :func:`race` at full size, prints :func:`format_table` and
writes the results file the chapter renders (:mod:`nmf_ref.book.race_results`).

What is raced
    nmf_ref configurations (:data:`RUNNERS`: a solver, with or without
    ``extrapolate=True``, written ``+x``) and scikit-learn's ``cd`` and ``mu``,
    on four data sets (:data:`DATASETS`), from ``n_starts`` random starts
    (``init="random"``, seeds 0, 1, ...). Every runner of a start begins at the same
    (W0, H0).

The finish line, per start
    ``f_best`` is the lowest loss ½‖X − WH‖² that any run from *this* start
    reached, the reference run included (``anls+x`` with a longer budget, not
    timed). A run reaches the gap ``tol`` at its first iteration with
    ``(f − f_best)/f_best ≤ tol``. A run that never does (it stopped in a
    worse basin, or ran out of budget) is reported with its final gap.

How nmf_ref is timed
    One run per runner with ``tol=0`` until ``max_iter`` or ``max_seconds``;
    ``NMFResult.time`` gives the seconds at every iteration, and the set-up
    before the loop is timed around the call and added. The repeats run the
    same number of iterations; each entry is the best of them.

How scikit-learn is timed
    Its iterates are nmf_ref's (``cd`` = ``hals``, ``mu`` = ``mu``; chapters 4
    and 7), so the iteration k where it reaches a gap is known from nmf_ref's
    run. It is then run once more from (W0, H0) with ``max_iter=k``, ``tol=0``,
    timed from call to return, best of ``repeats``; its loss is checked against
    nmf_ref's ``loss[k]`` (:attr:`Start.checks`). Where nmf_ref's twin never
    reaches the gap, scikit-learn is run to the twin's last iteration instead,
    which gives its final gap (and one more check).

BLAS runs on ``threads`` threads (1 by default) for everyone.
"""

import functools
import time
import warnings
from dataclasses import dataclass, field

import numpy as np

import nmf_ref
from . import datasets

RUNNERS = {"hals": {"solver": "hals"}, "ahals": {"solver": "ahals"},
           "anls": {"solver": "anls"}, "mu": {"solver": "mu"},
           "als": {"solver": "als"}, "pgd": {"solver": "pgd"},
           "hals+x": {"solver": "hals", "extrapolate": True},
           "ahals+x": {"solver": "ahals", "extrapolate": True},
           "anls+x": {"solver": "anls", "extrapolate": True},
           "mu+x": {"solver": "mu", "extrapolate": True}}
SKLEARN = {"sklearn cd": ("cd", "hals"), "sklearn mu": ("mu", "mu")}  # its solver, its twin
RACED = ("hals", "ahals", "anls", "mu", "hals+x", "ahals+x", "anls+x")
REFERENCE = "anls+x"  # run longer from each start, for f_best only
TOLS = (1e-3, 1e-4)
DATASETS = ("digits", "faces", "text", "lowrank")


def load(name, size="small"):
    """``(X, rank, description)`` for one of :data:`DATASETS`; ``size`` "small" (the
    book) or "full" (``benchmarks/race.py``)."""
    if size not in ("small", "full"):
        raise ValueError(f"size must be 'small' or 'full', got {size!r}.")
    full = size == "full"
    if name == "digits":
        X = datasets.load("digits").X
        X = X if full else X[:300]
        return X, 10, f"digits {X.shape[0]}×{X.shape[1]}"
    if name == "faces":
        X = datasets.load("faces", n_faces=100).X
        return X, 10, f"faces {X.shape[0]}×{X.shape[1]}"
    if name == "text":
        shape = (1500, 2000) if full else (300, 500)
        X = datasets.load("topic_counts", n_docs=shape[0], n_words=shape[1], n_topics=30,
                          doc_length=300, concentration=0.3, random_state=0).X
        return X, 10, f"text {X.shape[0]}×{X.shape[1]} ({(X > 0).mean():.0%} non-zero)"
    if name == "lowrank":
        (m, n), r = ((2000, 1000), 30) if full else ((400, 300), 10)
        rng = np.random.RandomState(0)  # benchmarks/bench_solvers.py's matrix at full size
        X = rng.rand(m, r) @ rng.rand(r, n) + 0.1 * rng.rand(m, n)
        return X, r, f"rank-{r} {m}×{n} + noise"
    raise ValueError(f"unknown data set {name!r}; choose one of {DATASETS}.")


@dataclass
class Curve:
    """One run: loss and elapsed seconds after each iteration (index 0 = the start)."""

    label: str
    seconds: np.ndarray
    loss: np.ndarray

    @property
    def iters(self):
        return np.arange(len(self.loss))


@dataclass
class Start:
    """Everything measured from one (W0, H0)."""

    seed: int
    W0: np.ndarray
    H0: np.ndarray
    curves: dict  # label -> Curve, nmf_ref runners only
    best: float  # f_best of this start
    sklearn: dict = field(default_factory=dict)  # (label, tol) -> (k or None, seconds, loss)
    checks: list = field(default_factory=list)  # (label, k, sklearn's loss, nmf_ref's loss[k])

    def gap(self, loss):
        return (np.asarray(loss, dtype=float) - self.best) / self.best


@dataclass
class Race:
    """A data set raced from several starts."""

    description: str
    X: np.ndarray
    rank: int
    starts: list
    runners: tuple
    sklearn_labels: tuple
    tols: tuple = TOLS


def _limit_threads(threads):
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads)


def run_nmf_ref(X, rank, W0, H0, label, max_iter, max_seconds=np.inf, repeats=1):
    """The :class:`Curve` of one runner (:data:`RUNNERS`), best of ``repeats`` runs."""
    best, loss = None, None
    for _ in range(repeats):
        deadline = time.perf_counter() + max_seconds
        start = time.perf_counter()
        res = nmf_ref.nmf(X, rank, W=W0, H=H0, max_iter=max_iter, tol=0,
                          callback=lambda *_: time.perf_counter() > deadline,
                          **RUNNERS[label])
        seconds = res.time + (time.perf_counter() - start - res.time[-1])  # + the set-up
        seconds[0] = 0.0
        if best is None:  # the repeats run as many iterations as the first one
            best, loss, max_iter, max_seconds = seconds, res.loss, res.n_iter, np.inf
        else:
            best = np.minimum(best, seconds)
    return Curve(label, best, loss)


def run_sklearn(X, W0, H0, solver, k, repeats=1):
    """``(seconds, loss)`` of scikit-learn's ``solver`` with ``max_iter=k`` from (W0, H0)."""
    from sklearn.decomposition import non_negative_factorization

    seconds = np.inf
    for _ in range(repeats):
        W, H = W0.copy(), H0.copy()  # copied off the clock
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tol=0: "did not converge", on purpose
            start = time.perf_counter()
            W, H, _ = non_negative_factorization(
                X, W, H, n_components=W0.shape[1], init="custom", solver=solver,
                beta_loss="frobenius", max_iter=int(k), tol=0.0)
            seconds = min(seconds, time.perf_counter() - start)
    return seconds, nmf_ref.frobenius(X, W, H)


def first_reach(gap, tol):
    """The first index where ``gap <= tol``, or None."""
    hits = np.flatnonzero(np.asarray(gap) <= tol)
    return int(hits[0]) if len(hits) else None


def race(X, rank, *, runners=RACED, sklearn=tuple(SKLEARN), n_starts=3, init="random",
         max_iter=500, max_seconds=5.0, repeats=1, threads=1, tols=TOLS,
         reference=REFERENCE, reference_factor=3.0, description=""):
    """Race ``runners`` and scikit-learn's ``sklearn`` solvers from ``n_starts`` starts.

    ``max_iter`` and ``max_seconds`` bound each run; the reference run (for
    f_best only, not timed) gets ``reference_factor`` times both. Returns a
    :class:`Race`.
    """
    X = np.asarray(X, dtype=float)
    unknown = [r for r in (*runners, reference) if r is not None and r not in RUNNERS]
    unknown += [s for s in sklearn if s not in SKLEARN]
    if unknown:
        raise ValueError(f"unknown runner(s) {unknown}; choose from {list(RUNNERS)} "
                         f"and {list(SKLEARN)}.")
    twins = tuple(SKLEARN[s][1] for s in sklearn if SKLEARN[s][1] not in runners)
    out = Race(description, X, rank, [], tuple(runners), tuple(sklearn), tuple(tols))
    with _limit_threads(threads):
        for seed in range(n_starts):
            W0, H0 = nmf_ref.initialize(X, rank, init, random_state=seed)
            curves = {label: run_nmf_ref(X, rank, W0, H0, label, max_iter, max_seconds,
                                         repeats) for label in (*runners, *twins)}
            lows = [c.loss.min() for c in curves.values()]
            if reference is not None:
                f = reference_factor
                lows.append(run_nmf_ref(X, rank, W0, H0, reference, int(f * max_iter),
                                        f * max_seconds).loss.min())
            start = Start(seed, W0, H0, curves, float(min(lows)))
            for label in sklearn:
                _time_sklearn(out.X, start, label, tols, repeats)
            out.starts.append(start)
    return out


def _time_sklearn(X, start, label, tols, repeats):
    """Time scikit-learn where its nmf_ref twin reaches each gap (or at the twin's end)."""
    solver, twin = SKLEARN[label]
    twin_loss = start.curves[twin].loss
    gap = start.gap(twin_loss)
    for tol in tols:
        k = first_reach(gap, tol)
        if k is not None:
            seconds, loss = run_sklearn(X, start.W0, start.H0, solver, k, repeats)
            start.sklearn[label, tol] = (k, seconds, loss)
            start.checks.append((label, k, loss, float(twin_loss[k])))
    if not any(start.sklearn.get((label, tol)) for tol in tols):  # never: its final gap
        k = len(twin_loss) - 1  # (one run: a check, its time is not used)
        seconds, loss = run_sklearn(X, start.W0, start.H0, solver, k, 1)
        start.checks.append((label, k, loss, float(twin_loss[k])))
    for tol in tols:
        start.sklearn.setdefault((label, tol), (None, np.inf, float(twin_loss[-1])))


def reach(out, label, tol):
    """Per start: ``(iterations, seconds, final_gap)``; iterations None and seconds inf
    where the run never reached ``tol`` (then final_gap says how far it stopped)."""
    rows = []
    for s in out.starts:
        if label in s.curves:
            c = s.curves[label]
            k = first_reach(s.gap(c.loss), tol)
            rows.append((k, np.inf if k is None else float(c.seconds[k]),
                         float(s.gap(c.loss[-1]))))
        else:
            k, seconds, loss = s.sklearn[label, tol]
            rows.append((k, seconds, float(s.gap(loss))))
    return rows


def reaches(out):
    """``{label: {tol: reach(out, label, tol)}}`` for every runner and scikit-learn
    solver of a :class:`Race`: all that :func:`summarize` and the results file need."""
    return {label: {tol: reach(out, label, tol) for tol in out.tols}
            for label in (*out.runners, *out.sklearn_labels)}


def summarize(out, reference="sklearn cd"):
    """``{label: {tol: stats}}`` of a :class:`Race`, or of its :func:`reaches` (as
    :func:`read_results` gives them back from a results file).

    stats: ``reached`` (starts), ``median``, ``lo``, ``hi`` (seconds over the starts
    that reached); ``both`` (the starts where this runner and the reference both
    reached); ``ratio`` and ``worst``, the median and the largest of seconds / the
    reference's seconds from the same start over those ``both`` starts only (NaN
    when there are none: a start where one of the two never arrived has no ratio);
    ``final_gap`` (median final gap of the starts that did not reach).
    """
    table = out if isinstance(out, dict) else reaches(out)
    stats = {}
    for label, by_tol in table.items():
        stats[label] = {}
        for tol, rows in by_tol.items():
            ref = table[reference][tol] if reference in table else [(None, np.inf, 0.0)] * len(rows)
            secs = np.array([s for _, s, _ in rows])
            ratios = np.array([a / b for (_, a, _), (_, b, _) in zip(rows, ref)
                               if np.isfinite(a) and np.isfinite(b)])
            done = np.isfinite(secs)
            missed = [g for (_, s, g) in rows if not np.isfinite(s)]
            stats[label][tol] = dict(
                reached=int(done.sum()), starts=len(rows), both=len(ratios),
                median=float(np.median(secs[done])) if done.any() else np.inf,
                lo=float(secs[done].min()) if done.any() else np.inf,
                hi=float(secs[done].max()) if done.any() else np.inf,
                ratio=float(np.median(ratios)) if len(ratios) else np.nan,
                worst=float(ratios.max()) if len(ratios) else np.nan,
                final_gap=float(np.median(missed)) if missed else np.nan)
    return stats


def best_runner(table, tol=1e-4, runners=None):
    """The nmf_ref runner that reached ``tol`` from the most starts, and among those the
    one with the lowest median ratio to scikit-learn's cd (then the lower median time)."""
    labels = [label for label in table if not label.startswith("sklearn")
              and (runners is None or label in runners)]
    return min(labels, key=lambda label: (-table[label][tol]["reached"],
                                          np.nan_to_num(table[label][tol]["ratio"], nan=np.inf),
                                          table[label][tol]["median"]))


def format_table(rows, tols=TOLS):
    """The race table as text. ``rows``: ``[(description, summarize(...)), ...]``.

    Per tolerance: how many starts reached it, the median seconds [fastest,
    slowest], the median ratio to scikit-learn's cd from the same start and the
    worst one, over the [n] starts where both reached it; where some starts never
    reached it, the median final gap of those.
    """
    head = f"{'data':<38}{'solver':<12}" + "".join(
        f"{'reached':>8}{'median s':>10}{'[min–max]':>17}{'×cd':>6}{'worst':>6}{'[n]':>4}"
        f"{'gap if not':>11}"
        for _ in tols)
    top = " " * 50 + "".join(f"{'gap ≤ %g' % t:^62}" for t in tols)
    lines = [top, head, "-" * len(head)]
    for description, table in rows:
        for k, (label, by_tol) in enumerate(table.items()):
            cells = ""
            for t in tols:
                s = by_tol[t]
                spread = (f"[{s['lo']:.3g}–{s['hi']:.3g}]" if np.isfinite(s["lo"]) else "")
                cells += (f"{s['reached']:>5}/{s['starts']:<2}"
                          f"{_num(s['median'], '.3g'):>10}{spread:>17}"
                          f"{_num(s['ratio'], '.2f'):>6}{_num(s['worst'], '.2f'):>6}"
                          f"{'[%d]' % s['both']:>4}{_num(s['final_gap'], '.1e'):>11}")
            lines.append(f"{description if k == 0 else '':<38}{label:<12}{cells}")
        lines.append("")
    return "\n".join(lines)


def _num(x, spec):
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "—"
    return "never" if np.isinf(x) else format(x, spec)


# The book's settings (chapter 10): small data, two starts, short runs.
BOOK = dict(n_starts=2, max_iter=300, max_seconds=0.4, repeats=1, reference_factor=2.0)
BOOK_RUNNERS = ("hals", "ahals", "anls", "hals+x", "ahals+x", "anls+x")


@functools.lru_cache(maxsize=16)
def book_race(name, runners=BOOK_RUNNERS):
    """The race the book runs on :func:`load`'s small data, cached (the chapter's
    table, figures and widget share it)."""
    X, rank, description = load(name, "small")
    return race(X, rank, runners=runners, description=description, **BOOK)


def plot_data(out, start=0, labels=None):
    """``(curves, best)`` of one start as :func:`nmf_ref.book.plots.plot_race` takes
    them: nmf_ref's runs as lines, scikit-learn's timed runs as points."""
    s = out.starts[start]
    curves = {label: (c.iters, c.seconds, c.loss) for label, c in s.curves.items()
              if labels is None or label in labels}
    for label in out.sklearn_labels:
        if labels is not None and label not in labels:
            continue
        timed = sorted({(k, sec, loss) for (lab, _), (k, sec, loss) in s.sklearn.items()
                        if lab == label and k is not None})
        if timed:
            k, sec, loss = map(np.array, zip(*timed))
            loss0 = s.curves[SKLEARN[label][1]].loss[0]
            curves[label] = (np.r_[0, k], np.r_[0.0, sec], np.r_[loss0, loss])
    return curves, s.best
