"""Curves of runs: loss per iteration or second, step sizes, stopping tests, restarts, the race.

Book: chapters 4 and 6-9, and Part III."""

import matplotlib.pyplot as plt
import numpy as np

from ._style import _finish

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
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return _finish(fig)


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
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return _finish(fig)


def plot_stopping(curves, tol=None):
    """Three views of one run per entry of ``curves`` (label → NMFResult), side by side:
    the loss, the relative decrease per iteration and the KKT violation
    (``res.violation``, relative to its first value), all against iterations.

    Book: chapter 8. ``tol`` draws the stopping threshold on the last two panels.
    """
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    for label, res in curves.items():
        loss = np.asarray(res.loss, dtype=float)
        it = np.arange(len(loss))
        axes[0].plot(it, loss, lw=2, label=label)
        change = -np.diff(loss) / loss[0]
        axes[1].plot(it[1:], np.maximum(change, 1e-18), lw=1.5, label=label)
        if len(res.violation):
            v = np.asarray(res.violation, dtype=float)
            axes[2].plot(np.arange(1, len(v) + 1), v / v[0], lw=1.5, label=label)
    axes[0].set(yscale="log", xlabel="iteration", ylabel="½‖X − WH‖²", title="the loss")
    axes[1].set(yscale="log", xlabel="iteration", ylabel="(f_{k−1} − f_k) / f_0",
                title="relative decrease")
    axes[2].set(yscale="log", xlabel="iteration", ylabel="violation / first violation",
                title="KKT violation (projected gradient)")
    for ax in axes[1:]:
        if tol:
            ax.axhline(tol, color="k", ls=":", lw=1, label=f"tol = {tol:g}")
    for ax in axes:
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    return _finish(fig)


def plot_restarts(final_errors, title=None):
    """Left: histogram of final errors over restarts. Right: the best of the first k
    restarts against k.

    Book: chapter 8. ``final_errors`` is a dict label → array (one entry per seed).
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    all_errors = np.concatenate([np.asarray(e, float) for e in final_errors.values()])
    bins = np.linspace(all_errors.min(), all_errors.max(), 30)
    if bins[0] == bins[-1]:
        bins = 10
    for label, errors in final_errors.items():
        errors = np.asarray(errors, dtype=float)
        left.hist(errors, bins=bins, alpha=0.6, label=label)
        right.plot(np.arange(1, len(errors) + 1), np.minimum.accumulate(errors), "o-",
                   ms=3, label=label)
    left.set(xlabel="final ‖X − WH‖ / ‖X‖", ylabel="restarts",
             title="where the restarts end")
    right.set(xlabel="k restarts", ylabel="best final error so far",
              title="best of k restarts")
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return _finish(fig)


def plot_race(curves, best, title=None):
    """The race: relative loss gap (f − f_best)/f_best against iterations (left) and
    seconds (right), one line per solver.

    Book: chapter 9. ``curves`` maps a label to ``(iterations, seconds, loss)``;
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
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return _finish(fig)
