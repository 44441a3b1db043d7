"""Figures for choosing the rank, and for the sample clusters of the genomics chapter.

Book: chapters 12 (error curves, cross-validation, consensus maps, cophenetic
correlation) and 20 (metagenes, clusters against the known classes). Every
function takes results of :mod:`nmf_ref.rank` (or plain arrays) and returns a
closed Figure.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from ._style import NMF_CMAP, finish, finish_lines

CONSENSUS_CMAP = "RdBu_r"  # as Brunet et al.: blue = never together, red = always
CLASS_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"]


def _mark_rank(ax, rank, label):
    if rank is not None:
        ax.axvline(rank, color="0.3", ls=":", lw=1.5, label=label)


def _class_codes(classes):
    """Names and integer codes of a sequence of class labels, in order of appearance."""
    classes = np.asarray(classes)
    names = list(dict.fromkeys(classes.tolist()))
    return names, np.array([names.index(c) for c in classes.tolist()])


def _draw_cv(ax, cv, label, colour, train=True):
    """Mean test (and train) error with the spread over repeats/blocks."""
    ranks = np.asarray(cv.ranks)
    test = np.asarray(cv.test_error)
    ax.plot(ranks, test.mean(axis=0), "o-", color=colour, lw=2, label=f"{label}: held out")
    ax.fill_between(ranks, test.min(axis=0), test.max(axis=0), color=colour, alpha=0.15)
    if train:
        ax.plot(ranks, np.asarray(cv.train_error).mean(axis=0), "s--", color=colour, ms=4,
                lw=1, alpha=0.7, label=f"{label}: training")
    best = int(cv.best_rank)
    ax.plot([best], [test.mean(axis=0)[list(ranks).index(best)]], "*", color=colour, ms=16,
            mec="k", zorder=5)


def plot_rank_selection(curve=None, cv=None, bicv=None, true_rank=None, title=None):
    """The error curve (left) and the cross-validation curves (right), against the rank.

    Book: chapter 12. ``curve`` is an :class:`nmf_ref.rank.ErrorCurve`; ``cv`` and
    ``bicv`` are :class:`nmf_ref.rank.CVResult` (RMSE per entry); each is optional.
    A star marks each method's best rank, a dotted line the true one.
    """
    panels = [p for p in (curve, cv or bicv) if p is not None]
    if not panels:
        raise ValueError("Pass at least one of curve, cv and bicv.")
    fig, axes = plt.subplots(1, len(panels), figsize=(5.6 * len(panels), 3.8), squeeze=False)
    axes = list(axes[0])
    if curve is not None:
        ax = axes.pop(0)
        ax.plot(curve.ranks, curve.error, "o-", lw=2, color="C0", label="relative error")
        ax.set(xlabel="rank r", ylabel="‖X − WH‖ / ‖X‖", title="training error: always falls")
        twin = ax.twinx()
        twin.plot(curve.ranks, curve.explained_variance, "^--", color="C2", ms=4,
                  label="explained variance")
        twin.set_ylabel("explained variance", color="C2")
        _mark_rank(ax, true_rank, "true rank")
        ax.legend(loc="center right", fontsize=8)
        ax.grid(alpha=0.3)
    if cv is not None or bicv is not None:
        ax = axes.pop(0)
        if cv is not None:
            _draw_cv(ax, cv, "masked CV", "C1")
        if bicv is not None:
            _draw_cv(ax, bicv, "bi-CV", "C4", train=False)
        _mark_rank(ax, true_rank, "true rank")
        ax.set(xlabel="rank r", ylabel="RMSE per entry",
               title="cross-validation: a minimum (★ best rank)")
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    return finish(fig, title, fontsize=11)


def _draw_consensus(ax, result, classes=None, title=None):
    """The consensus matrix in its leaf order, with a strip of known classes on top."""
    order = np.asarray(result.order)
    ax.imshow(result.matrix[np.ix_(order, order)], cmap=CONSENSUS_CMAP, vmin=0, vmax=1,
              interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if classes is not None:
        names, codes = _class_codes(classes)
        cmap = ListedColormap(CLASS_COLOURS[:len(names)])
        strip = ax.inset_axes([0, 1.01, 1, 0.05])
        strip.imshow(codes[order][None, :], cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5,
                     aspect="auto", interpolation="nearest")
        strip.set_axis_off()
    ax.set_title(title or f"k = {result.rank}: cophenetic {result.cophenetic:.3f}",
                 fontsize=9, pad=14 if classes is not None else 4)


def _class_legend(fig, classes):
    names, _ = _class_codes(classes)
    handles = [plt.Rectangle((0, 0), 1, 1, color=CLASS_COLOURS[i]) for i in range(len(names))]
    where = "outside lower center" if fig.get_layout_engine() is not None else "lower center"
    fig.legend(handles, names, loc=where, ncol=len(names), fontsize=8, frameon=False,
               title="known class (strip above the map)", title_fontsize=8)


def plot_consensus_maps(results, classes=None, title=None):
    """Reordered consensus matrices side by side, one per result (k = 2, 3, ...).

    Book: chapter 12, as Brunet et al.'s figure: red blocks are groups of samples
    that land together in (almost) every run. ``classes`` (one label per sample)
    draws a coloured strip of the known classes above each map.
    """
    results = list(results)
    fig, axes = plt.subplots(1, len(results), figsize=(2.7 * len(results) + 0.8, 3.3),
                             squeeze=False, layout="constrained")
    for ax, res in zip(axes[0], results):
        _draw_consensus(ax, res, classes)
    mappable = plt.cm.ScalarMappable(cmap=CONSENSUS_CMAP, norm=plt.Normalize(0, 1))
    fig.colorbar(mappable, ax=list(axes[0]), shrink=0.8, label="share of runs together")
    if classes is not None:
        _class_legend(fig, classes)
    return finish(fig, title, fontsize=11, layout=None)


def plot_cophenetic(results, title=None):
    """Cophenetic correlation and dispersion against k (one result per k).

    Book: chapter 12. Brunet et al. pick the ranks before a drop of the cophenetic
    correlation; dispersion (Kim & Park) reads the same way.
    """
    results = list(results)
    ks = [r.rank for r in results]
    fig, ax = plt.subplots(figsize=(5.4, 3.4))
    ax.plot(ks, [r.cophenetic for r in results], "o-", lw=2, label="cophenetic correlation")
    ax.plot(ks, [r.dispersion for r in results], "s--", lw=1.5, label="dispersion")
    ax.set(xlabel="rank k", ylabel="stability (1 = perfect)", xticks=ks)
    return finish_lines(fig, (ax,), title)


def plot_rank_explorer(result, cv=None, classes=None, title=None):
    """One rank at a time: its reordered consensus map, beside the CV curve with that rank marked.

    Book: chapter 12's widget. ``result`` is a :class:`nmf_ref.rank.Consensus`,
    ``cv`` a :class:`nmf_ref.rank.CVResult` (optional).
    """
    ncols = 2 if cv is not None else 1
    fig, axes = plt.subplots(1, ncols, figsize=(4.4 * ncols + 0.6, 4.2), squeeze=False,
                             gridspec_kw={"width_ratios": [1, 1.4][:ncols]},
                             layout="constrained")
    _draw_consensus(axes[0, 0], result, classes,
                    f"consensus, k = {result.rank}\ncophenetic {result.cophenetic:.3f}, "
                    f"dispersion {result.dispersion:.3f}")
    if cv is not None:
        ax = axes[0, 1]
        _draw_cv(ax, cv, "masked CV", "C1")
        ax.axvline(result.rank, color="k", lw=6, alpha=0.12, label=f"k = {result.rank}")
        ax.set(xlabel="rank", ylabel="RMSE per entry", title="held-out error",
               xticks=list(cv.ranks))
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    if classes is not None:
        _class_legend(fig, classes)
    return finish(fig, title, layout=None)


# --- chapter 20: metagenes and clusters ---

def contingency(clusters, classes):
    """Counts of each (cluster, known class) pair: ``(table, cluster_ids, class_names)``."""
    clusters = np.asarray(clusters)
    class_names, codes = _class_codes(classes)
    ids = np.unique(clusters)
    table = np.array([[np.sum((clusters == c) & (codes == j)) for j in range(len(class_names))]
                      for c in ids])
    return table, ids, class_names


def _metagene_order(W, clusters):
    """Metagenes in cluster order: row c of the picture is the metagene weighing most on
    cluster c (a matching, so each metagene appears once)."""
    from scipy.optimize import linear_sum_assignment

    ids = np.unique(clusters)
    means = np.array([W[clusters == c].mean(axis=0) for c in ids])  # clusters × metagenes
    scale = np.where(W.max(axis=0) > 0, W.max(axis=0), 1.0)
    rows, cols = linear_sum_assignment(-means / scale)
    rest = [j for j in range(W.shape[1]) if j not in set(cols)]
    return np.array(list(cols[np.argsort(rows)]) + rest, dtype=int)


def plot_metagenes(sample_weights, classes, clusters=None, title=None):
    """Brunet's picture: the metagene expression of each sample (heatmap, k × samples),
    the samples grouped by known class, beside the table of clusters × classes.

    Book: chapter 20. ``sample_weights`` is W (samples × k) of X ≈ WH (samples as
    rows); each column is scaled to a maximum of 1 for the picture. ``clusters``
    defaults to the largest metagene of each sample.
    """
    W = np.asarray(sample_weights, dtype=float)
    clusters = W.argmax(axis=1) if clusters is None else np.asarray(clusters)
    names, codes = _class_codes(classes)
    order = np.lexsort((clusters, codes))  # by known class, then by cluster
    metagenes = _metagene_order(W, clusters)
    scaled = W / np.where(W.max(axis=0) > 0, W.max(axis=0), 1.0)
    scaled = scaled[:, metagenes]
    fig, (ax, ax_table) = plt.subplots(1, 2, figsize=(11, 2.6 + 0.25 * W.shape[1]),
                                       gridspec_kw={"width_ratios": [3, 1]})
    ax.imshow(scaled[order].T, cmap=NMF_CMAP, aspect="auto", vmin=0, vmax=1,
              interpolation="nearest")
    ax.set(yticks=range(W.shape[1]), yticklabels=[f"metagene {j}" for j in metagenes],
           xlabel="samples, grouped by known class")
    ax.set_xticks([])
    for j, name in enumerate(names):
        where = np.flatnonzero(codes[order] == j)
        ax.axvline(where[0] - 0.5, color="w", lw=1.5)
        ax.text(where.mean(), -0.55, name, ha="center", va="bottom", fontsize=9,
                color=CLASS_COLOURS[j], fontweight="bold")
    table, ids, class_names = contingency(clusters, classes)
    ax_table.imshow(table, cmap="Greys", vmin=0, vmax=max(table.max(), 1) * 1.6)
    for (i, j), n in np.ndenumerate(table):
        ax_table.text(j, i, int(n), ha="center", va="center", fontsize=10)
    ax_table.set(xticks=range(len(class_names)), xticklabels=class_names,
                 yticks=range(len(ids)), yticklabels=[f"cluster {c}" for c in ids],
                 title="clusters × known classes")
    return finish(fig, title)
