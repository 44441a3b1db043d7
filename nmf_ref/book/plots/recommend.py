"""Recommendation figures: which ratings are observed, and held-out errors by method and rank.

Book: chapter 15."""

import matplotlib.pyplot as plt
import numpy as np

from ._style import finish, finish_lines


def plot_observed_pattern(observed, title=None):
    """Left: the observed entries, users and items sorted by their number of ratings.
    Right: ratings per item and per user against their rank, log-log (a power law
    is a straight line)."""
    observed = np.asarray(observed, dtype=bool)
    per_user, per_item = observed.sum(axis=1), observed.sum(axis=0)
    rows, cols = np.argsort(-per_user, kind="stable"), np.argsort(-per_item, kind="stable")
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), width_ratios=(1.1, 1))
    left.imshow(observed[np.ix_(rows, cols)], cmap="Greys", aspect="auto", interpolation="nearest")
    left.set(xlabel="items, most rated first", ylabel="users, most active first",
             title=f"observed ratings ({observed.mean():.1%} of the entries)")
    for counts, label in ((per_item, "ratings per item"), (per_user, "ratings per user")):
        right.loglog(np.arange(1, counts.size + 1), np.sort(counts)[::-1], lw=2, label=label)
    right.set(xlabel="rank (1 = most)", ylabel="number of ratings", title="long tails")
    right.legend()
    right.grid(alpha=0.3, which="both")
    return finish(fig, title)


def plot_rmse(results, title=None, best_possible=None):
    """Held-out RMSE per method (dict name → RMSE) as horizontal bars, lowest best.

    ``best_possible`` (optional) draws the error of the noise-free model as a line.
    """
    names, values = list(results), np.array(list(results.values()), dtype=float)
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(names) + 1.2))
    colors = ["0.65" if "mean" in name else "C3" if "zero" in name else "C0" for name in names]
    bars = ax.barh(np.arange(len(names)), values, color=colors)
    ax.bar_label(bars, fmt="%.3f", padding=3, fontsize=8)
    ax.set_yticks(np.arange(len(names)), names)
    ax.invert_yaxis()
    if best_possible is not None:
        ax.axvline(best_possible, color="k", ls=":", lw=1, label="noise level")
        ax.legend(loc="lower right", fontsize=8)
    ax.set(xlabel="held-out RMSE (stars), lower is better", xlim=(0, 1.15 * values.max()))
    return finish(fig, title, ax=ax)


def plot_rmse_by_rank(ranks, curves, baselines=None, title=None):
    """Held-out RMSE against the rank, one line per method (dict name → array), the
    baselines (dict name → number) as horizontal dashed lines."""
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for name, values in curves.items():
        ax.plot(ranks, values, marker="o", lw=2, label=name)
    for k, (name, value) in enumerate((baselines or {}).items()):
        ax.axhline(value, ls="--", lw=1, color=f"{0.3 + 0.2 * k:.1f}", label=name)
    ax.set(xlabel="rank r", ylabel="held-out RMSE (stars)")
    ax.set_xticks(list(ranks))
    return finish_lines(fig, (ax,), title)
