"""Explorers of chapters 9 (acceleration) and 10 (the race).

See :mod:`nmf_ref.book.widgets` for the pattern every explorer follows.
"""

import functools

import numpy as np

from .. import plots
from ..acceleration import curves_from_start, trace_extrapolation
from ..plots import acceleration as accel_plots
from ..race import plot_data, reach
from .explorer import Control, explorer

ACCELERABLE = ["hals", "ahals", "anls", "mu"]
BETA0S = [0.25, 0.5, 0.75, 1.0]


def acceleration_explorer(X, rank, W0, H0, solver="hals", extrapolate=True, beta0=0.5,
                          max_iter=150, max_seconds=2.0, beta0s=BETA0S):
    """One solver, with or without extrapolation, against plain HALS from the same start
    (chapter 9). Controls: ``solver``, ``β₀`` (β at the start, one of ``beta0s``) and
    ``extrapolation`` (on or off); every setting is drawn once (4 × 4 × 2 frames).

    With extrapolation on, the figure is the trace of β and the restarts
    (:func:`nmf_ref.book.plots.acceleration.plot_extrapolation`); the title
    compares the losses after ``max_iter`` iterations with plain HALS's. With it
    off, β₀ plays no part, and the solver's curve is drawn against plain HALS's.
    """
    X = np.asarray(X, dtype=float)
    plain = curves_from_start(X, rank, ["hals"], W0, H0, max_iter, max_seconds)[0]["hals"]

    @functools.lru_cache(maxsize=None)  # without extrapolation, β₀ changes nothing
    def without(solver):
        curves, best = curves_from_start(X, rank, [solver], W0, H0, max_iter, max_seconds)
        curves = {"hals (plain)": plain, **curves}
        best = min(best, plain[2].min())
        iters, _, loss = curves[solver]
        return plots.plot_race(curves, best, title=(
            f"{solver} against plain HALS, same start (β₀ not used): loss {loss[-1]:.6g} "
            f"after {iters[-1]} iterations, plain HALS {plain[2][-1]:.6g}"))

    def draw(solver, beta0, extrapolation):
        if extrapolation == "off":
            return without(solver)
        trace = trace_extrapolation(X, rank, W0, H0, solver, max_iter, beta0=beta0)
        n = min(len(plain[2]) - 1, len(trace["best"]))
        title = (f"{solver} + extrapolation (β₀ = {beta0:g}): {int(trace['restart'].sum())} "
                 f"restarts; loss after {n} iterations {trace['best'][n - 1]:.6g}, plain "
                 f"HALS {plain[2][n]:.6g}")
        return accel_plots.plot_extrapolation(trace, title=title)

    return explorer(
        draw,
        solver=Control(ACCELERABLE, "solver", solver),
        beta0=Control(list(beta0s), "β₀", beta0),
        extrapolation=Control(["on", "off"], "extrapolation", "on" if extrapolate else "off"),
        note="Another setting: <code>nmf_ref.book.acceleration.trace_extrapolation(X, r, W0, "
             "H0, solver, n_iter, beta0=...)</code>, drawn by "
             "<code>nmf_ref.book.plots.acceleration.plot_extrapolation</code>.")


RUNNER_GROUPS = {"all": None, "plain": ("hals", "ahals", "anls"),
                 "extrapolated": ("hals+x", "ahals+x", "anls+x")}


def race_starts_explorer(get_race, data_sets, data_set=None, groups=RUNNER_GROUPS):
    """The race of chapter 10, one start at a time. ``get_race(name)`` returns a
    :class:`nmf_ref.book.race.Race` (the chapter passes the cached
    :func:`nmf_ref.book.race.book_race`). Controls: ``data``, ``start`` and
    ``runners`` (a group of ``groups``: its nmf_ref runners, always with scikit-learn's).

    The figure is :func:`nmf_ref.book.plots.plot_race` for that start: nmf_ref's
    runs as lines, scikit-learn's timed runs (at the exact iterations where its
    twin reaches each gap) as markers; the title gives the time to a gap of
    1e-4 of the fastest nmf_ref runner shown and of scikit-learn's cd from this start.
    """
    races = {name: get_race(name) for name in data_sets}
    n_starts = min(len(out.starts) for out in races.values())

    def draw(data_set, start, runners):
        out = races[data_set]
        chosen = [r for r in out.runners if groups[runners] is None or r in groups[runners]]
        curves, best = plot_data(out, start, [*chosen, *out.sklearn_labels])
        ours = {label: reach(out, label, 1e-4)[start][1] for label in chosen}
        fastest = min(ours, key=ours.get)
        cd = (reach(out, "sklearn cd", 1e-4)[start][1] if "sklearn cd" in out.sklearn_labels
              else np.inf)
        title = (f"{out.description}, start {start}: gap 1e-4 in {_secs(ours[fastest])} "
                 f"({fastest}), scikit-learn cd {_secs(cd)}")
        return plots.plot_race(curves, best, title=title)

    return explorer(
        draw,
        data_set=Control(list(data_sets), "data", data_set or data_sets[0]),
        start=Control(list(range(n_starts)), "start"),
        runners=Control(list(groups), "runners"),
        note="Another start or data set: <code>nmf_ref.book.race.race(X, rank, ...)</code>, "
             "drawn with <code>nmf_ref.book.race.plot_data</code> and "
             "<code>nmf_ref.book.plots.plot_race</code>.")


def _secs(seconds):
    return "never" if not np.isfinite(seconds) else f"{seconds:.3g} s"
