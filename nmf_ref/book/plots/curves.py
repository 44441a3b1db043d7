"""Curves of runs: loss per iteration or second, step sizes, stopping tests, restarts, the race.

Book: chapters 4 and 6-9, and Part III."""

import matplotlib.pyplot as plt
import numpy as np

from ._style import finish, finish_lines

def plot_loss_curves(curves, title=None, logy=True, xlabel="iteration",
                     ylabel="½‖X − WH‖²", overlay=True):
    """Loss against iteration, one curve per entry of the dict ``curves``.

    With ``overlay`` (default) the first curve is drawn as a line and the others
    as markers on top of it, so curves that coincide (nmf_ref and scikit-learn,
    chapter 4) stay visible. ``overlay=False`` draws every curve as a line.
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    markers = ["o", "x", "s", "^", "d"]
    for k, (label, loss) in enumerate(curves.items()):
        loss = np.asarray(loss, dtype=float)
        it = np.arange(len(loss))
        if k == 0 or not overlay:
            ax.plot(it, loss, lw=2, label=label)
        else:
            ax.plot(it, loss, ls="none", marker=markers[(k - 1) % len(markers)],
                    ms=5, mfc="none", label=label)
    if logy:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    return finish_lines(fig, (ax,), title, legend_size=None)


def plot_learning_rates(curves, title=None):
    """Loss against iteration for several step sizes (dict label → loss), log scale.

    Book: chapter 6. Values beyond 1e12 × the first loss are clipped so that a
    diverging run stays on the picture (it runs off the top).
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    top = None
    for label, loss in curves.items():
        loss = np.asarray(loss, dtype=float)
        top = top or 1e6 * loss[0]
        ax.plot(np.arange(len(loss)), np.minimum(loss, top), lw=2, label=label)
    ax.set_yscale("log")
    ax.set(xlabel="iteration", ylabel="½‖X − WH‖²")
    return finish_lines(fig, (ax,), title)


def plot_stopping(curves, tol=None, floor=1e-10):
    """Three views of one run per entry of ``curves`` (label → NMFResult), side by side:
    the loss above the best loss of all runs, (f − f_best)/f_best, the relative
    decrease per iteration and the KKT violation (``res.violation``, relative to its
    first value), all against iterations.

    Book: chapter 8. The gap, not the raw loss, shows the tail: on a raw log
    scale every run looks flat after a few dozen iterations. Gaps below ``floor``
    (the best run's last point) are drawn at ``floor``. ``tol`` draws the
    stopping threshold on the last two panels.
    """
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    best = min(float(np.min(res.loss)) for res in curves.values())
    for label, res in curves.items():
        loss = np.asarray(res.loss, dtype=float)
        it = np.arange(len(loss))
        axes[0].plot(it, np.maximum((loss - best) / best, floor), lw=2, label=label)
        change = -np.diff(loss) / loss[0]
        axes[1].plot(it[1:], np.maximum(change, 1e-18), lw=1.5, label=label)
        if len(res.violation):
            v = np.asarray(res.violation, dtype=float)
            axes[2].plot(np.arange(1, len(v) + 1), v / v[0], lw=1.5, label=label)
    axes[0].set(yscale="log", xlabel="iteration", ylabel="(f − f_best) / f_best",
                title="the loss above the best loss seen")
    axes[1].set(yscale="log", xlabel="iteration", ylabel="(f_{k−1} − f_k) / f_0",
                title="relative decrease")
    axes[2].set(yscale="log", xlabel="iteration", ylabel="violation / first violation",
                title="KKT violation (projected gradient)")
    for ax in axes[1:]:
        if tol:
            ax.axhline(tol, color="k", ls=":", lw=1, label=f"tol = {tol:g}")
    return finish_lines(fig, axes, legend_size=7)


def plot_restarts(final_errors, title=None, floor=1e-6):
    """Where restarts end, as gaps to the best: (e − e_best)/e_best, with e_best the
    lowest final error of all runs. Left: histogram of the gaps (log scale). Right:
    the gap of the best of the first k restarts against k.

    Book: chapter 8. ``final_errors`` is a dict label → array (one entry per seed).
    Gaps below ``floor`` (the best run itself, and runs that reached it) are drawn
    at ``floor``, in the first bin. The gap, not the raw error, shows the tail:
    which restarts reach the best basin and which stop short.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    errors = {label: np.asarray(e, dtype=float) for label, e in final_errors.items()}
    best = min(float(e.min()) for e in errors.values())
    gaps = {label: np.maximum((e - best) / best, floor) for label, e in errors.items()}
    top = max(float(g.max()) for g in gaps.values())
    bins = np.logspace(np.log10(floor), np.log10(max(top, 10 * floor)) + 1e-9, 31)
    for label, gap in gaps.items():
        left.hist(gap, bins=bins, alpha=0.6, label=label)
        best_of_k = np.maximum((np.minimum.accumulate(errors[label]) - best) / best, floor)
        right.plot(np.arange(1, len(gap) + 1), best_of_k, "o-", ms=3, label=label)
    left.set(xscale="log", xlabel=f"(e − e_best) / e_best   (≤ {floor:g} drawn at {floor:g})",
             ylabel="restarts", title="where the restarts end, above the best")
    right.set(yscale="log", xlabel="k restarts", ylabel="(best of k − e_best) / e_best",
              title="best of k restarts")
    return finish_lines(fig, (left, right), title)


def plot_race(curves, best, title=None):
    """The race: relative loss gap (f − f_best)/f_best against iterations (left) and
    seconds (right), one line per solver.

    Book: chapter 10. ``curves`` maps a label to ``(iterations, seconds, loss)``;
    labels starting with "sklearn" are dashed with markers (their points are
    separate timed runs).
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    floor = 1e-9
    for k, (label, (iters, seconds, loss)) in enumerate(curves.items()):
        gap = np.maximum((np.asarray(loss, float) - best) / best, floor)
        style = dict(ls="--", marker="o", ms=3) if label.startswith("sklearn") else dict(lw=2)
        color = f"C{k}"
        left.plot(iters, gap, color=color, label=label, **style)
        right.plot(np.maximum(seconds, 1e-5), gap, color=color, label=label, **style)
    left.set(xscale="symlog", yscale="log", xlabel="iterations",
             ylabel="(f − f_best) / f_best")
    right.set(xscale="log", yscale="log", xlabel="seconds (log scale)")
    for ax in (left, right):
        for tol in (1e-3, 1e-4):
            ax.axhline(tol, color="gray", ls=":", lw=1)
        ax.grid(alpha=0.3)
    left.legend(fontsize=8, ncol=2)
    return finish(fig, title)
