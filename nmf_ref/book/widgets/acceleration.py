"""Explorers of chapters 9 (acceleration) and 10 (the race).

See :mod:`nmf_ref.book.widgets` for the pattern every explorer follows.
"""

import ipywidgets as ipw
import numpy as np

from .. import plots
from ..acceleration import curves_from_start, trace_extrapolation
from ..plots import acceleration as accel_plots
from ..race import plot_data, reach
from ._common import STYLE as _STYLE, show as _show

ACCELERABLE = ["hals", "ahals", "anls", "mu"]


def acceleration_explorer(X, rank, W0, H0, solver="hals", extrapolate=True, beta0=0.5,
                          max_iter=150, max_seconds=2.0):
    """One solver, with or without extrapolation, against plain HALS from the same start
    (chapter 9). Controls: ``solver``, ``extrapolate``, ``beta0`` (β at the start).

    With extrapolation on, the figure is the trace of β and the restarts
    (:func:`nmf_ref.book.plots.acceleration.plot_extrapolation`); the title
    compares the losses after ``max_iter`` iterations with plain HALS's.
    """
    X = np.asarray(X, dtype=float)
    plain = curves_from_start(X, rank, ["hals"], W0, H0, max_iter, max_seconds)[0]["hals"]

    def draw(solver, extrapolate, beta0):
        if not extrapolate:
            label = solver
            curves, best = curves_from_start(X, rank, [label], W0, H0, max_iter, max_seconds)
            curves = {"hals (plain)": plain, **curves}
            best = min(best, plain[2].min())
            return _show(plots.plot_race(curves, best, title=f"{solver} against plain HALS, "
                                                             "same start"))
        trace = trace_extrapolation(X, rank, W0, H0, solver, max_iter, beta0=beta0)
        n = min(len(plain[2]) - 1, len(trace["best"]))
        title = (f"{solver} + extrapolation (β₀ = {beta0:g}): {int(trace['restart'].sum())} "
                 f"restarts; loss after {n} iterations {trace['best'][n - 1]:.6g}, plain "
                 f"HALS {plain[2][n]:.6g}")
        return _show(accel_plots.plot_extrapolation(trace, title=title))

    return ipw.interactive(
        draw,
        solver=ipw.Dropdown(options=ACCELERABLE, value=solver, description="solver",
                            style=_STYLE),
        extrapolate=ipw.Checkbox(value=extrapolate, description="extrapolate",
                                 style=_STYLE),
        beta0=ipw.FloatSlider(value=beta0, min=0.0, max=1.0, step=0.1, description="β₀",
                              continuous_update=False, style=_STYLE),
    )


def race_starts_explorer(get_race, data_sets, data_set=None, labels=None):
    """The race of chapter 10, one start at a time. ``get_race(name)`` returns a
    :class:`nmf_ref.book.race.Race` (the chapter passes the cached
    :func:`nmf_ref.book.race.book_race`). Controls: ``data``, ``start``, ``solvers``.

    The figure is :func:`nmf_ref.book.plots.plot_race` for that start: nmf_ref's
    runs as lines, scikit-learn's timed runs (at the exact iterations where its
    twin reaches each gap) as markers; the title gives the time to a gap of
    1e-4 of the fastest nmf_ref solver and of scikit-learn's cd from this start.
    """
    first = get_race(data_set or data_sets[0])
    options = list(first.runners) + list(first.sklearn_labels)
    labels = options if labels is None else list(labels)

    def draw(data_set, start, solvers):
        out = get_race(data_set)
        start = min(start, len(out.starts) - 1)
        chosen = tuple(solvers) or ("hals",)
        curves, best = plot_data(out, start, chosen)
        ours = {label: reach(out, label, 1e-4)[start][1] for label in out.runners}
        fastest = min(ours, key=ours.get)
        cd = (reach(out, "sklearn cd", 1e-4)[start][1] if "sklearn cd" in out.sklearn_labels
              else np.inf)
        title = (f"{out.description}, start {start}: gap 1e-4 in {_secs(ours[fastest])} "
                 f"({fastest}), scikit-learn cd {_secs(cd)}")
        return _show(plots.plot_race(curves, best, title=title))

    return ipw.interactive(
        draw,
        data_set=ipw.Dropdown(options=list(data_sets), value=data_set or data_sets[0],
                              description="data", style=_STYLE),
        start=ipw.Dropdown(options=list(range(len(first.starts))), value=0,
                           description="start", style=_STYLE),
        solvers=ipw.SelectMultiple(options=options, value=tuple(labels), rows=len(options),
                                   description="solvers", style=_STYLE),
    )


def _secs(seconds):
    return "never" if not np.isfinite(seconds) else f"{seconds:.3g} s"
