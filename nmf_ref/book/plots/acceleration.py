"""Acceleration and the race: inner sweeps, extrapolation traces, time to a gap per start.

Book: chapters 9 and 10. The data come from :mod:`nmf_ref.book.acceleration` and
:mod:`nmf_ref.book.race`."""

import matplotlib.pyplot as plt
import numpy as np

from ._style import finish, finish_lines


def plot_sweeps(progress, title=None):
    """What repeated sweeps with the same products buy (from
    :func:`nmf_ref.book.acceleration.sweep_progress`).

    Left: the W-subproblem's loss above its last value, after each sweep.
    Right: how far each sweep moves W, against ε times the first move; the
    dotted lines mark where A-HALS's ε rule stops and its sweep budget.
    """
    loss, change = progress["loss"], progress["change"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    floor = max(loss[-1] * 1e-16, 1e-300)
    left.plot(np.arange(len(loss) - 1), np.maximum(loss[:-1] - loss[-1], floor), "o-", ms=3)
    left.set(yscale="log", xlabel="sweeps with the same XHᵀ, HHᵀ",
             ylabel="subproblem loss − its last value")
    k = np.arange(1, len(change) + 1)
    right.plot(k, change, "o-", ms=3, label="‖W_k − W_{k−1}‖")
    right.axhline(0.1 * change[0], color="gray", ls="--", lw=1, label="ε = 0.1 × the first move")
    right.set(yscale="log", xlabel="sweep k", ylabel="how far the sweep moves W")
    for ax in (left, right):
        ax.axvline(progress["stop"], color="C3", ls=":", lw=1.5, label="ε rule stops")
        if progress["budget"] <= len(change):
            ax.axvline(progress["budget"], color="C2", ls=":", lw=1.5,
                       label="budget ⌊1 + αρ⌋")
        ax.grid(alpha=0.3)
    right.legend(fontsize=8)
    return finish(fig, title)


def plot_extrapolation(trace, title=None):
    """Extrapolation with restarts, iteration by iteration (from
    :func:`nmf_ref.book.acceleration.trace_extrapolation`).

    Left: the error measured at each extrapolated pair and the best so far
    (what ``nmf`` reports), relative to the final best; restarts are marked.
    Right: β and its cap β̄.
    """
    trial, best = np.asarray(trace["trial"]), np.asarray(trace["best"])
    restart = np.asarray(trace["restart"], dtype=bool)
    it = np.arange(1, len(trial) + 1)
    ref = best[-1]

    def above(values):  # the last value itself (gap 0) has no place on a log scale
        gap = (values - ref) / ref
        return np.where(gap > 0, gap, np.nan)

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    left.plot(it, above(trial), color="C0", lw=1, label="measured")
    left.plot(it, above(best), color="C1", lw=2, label="reported (best so far)")
    left.plot(it[restart], above(trial[restart]), "x", color="C3", label="restart")
    left.set(yscale="log", xlabel="iteration", ylabel="(error − final) / final")
    right.plot(it, trace["beta"], label="β", color="C0")
    right.plot(it, trace["beta_bar"], label="β̄ (cap)", color="C2", ls="--")
    right.plot(it[restart], np.asarray(trace["beta"])[restart], "x", color="C3", label="restart")
    right.set(xlabel="iteration", ylabel="extrapolation weight", ylim=(0, 1.05))
    return finish_lines(fig, (left, right), title)


def plot_race_starts(rows, tol, title=None):
    """Time to reach the gap ``tol`` from every start, one row per solver.

    ``rows`` maps a label to the per-start ``(iterations, seconds, final_gap)``
    of :func:`nmf_ref.book.race.reach`. A dot per start that reached ``tol``,
    a bar at their median; the starts that never did are counted at the right,
    with their median final gap.
    """
    labels = list(rows)
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(labels) + 1.2))
    finite = [s for r in rows.values() for _, s, _ in r if np.isfinite(s)]
    right = max(finite) * 3 if finite else 1.0
    for y, label in enumerate(labels):
        secs = np.array([s for _, s, _ in rows[label]])
        done = np.isfinite(secs)
        color = "C1" if label.startswith("sklearn") else "C0"
        ax.plot(secs[done], np.full(done.sum(), y), "o", color=color, alpha=0.7)
        if done.any():
            ax.plot([np.median(secs[done])] * 2, [y - 0.3, y + 0.3], color=color, lw=2)
        if (~done).any():
            gaps = [g for (_, s, g) in rows[label] if not np.isfinite(s)]
            ax.text(right, y, f"  {(~done).sum()} never (gap {np.median(gaps):.0e})",
                    va="center", fontsize=8, color="gray")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set(xscale="log", xlabel=f"seconds to reach a gap of {tol:g} (one dot per start)")
    ax.set_xlim(right=right * 8)
    ax.grid(alpha=0.3, axis="x")
    return finish(fig, title, ax=ax)
