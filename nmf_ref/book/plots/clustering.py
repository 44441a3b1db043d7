"""Chapter 24's pictures: clusters of points, and a graph's adjacency ordered by clusters.

Book: chapter 24.
"""

import matplotlib.pyplot as plt
import numpy as np

from ._style import NMF_CMAP, finish

# Okabe-Ito colours, safe for colour-blind readers
CLUSTER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                   "#F0E442", "#000000"]


def plot_clusters_2d(X, labelings, *, features=(0, 1), title=None):
    """Points (rows of X) in two of their features, coloured by each labeling in turn.

    Parameters
    ----------
    X : ndarray of shape (n, m)
    labelings : dict
        Name → labels (n,), one panel each.
    features : pair of int
        Which two columns of X to draw.
    title : str, optional
    """
    X = np.asarray(X, dtype=float)
    a, b = features
    fig, axes = plt.subplots(1, len(labelings), figsize=(3.6 * len(labelings), 3.4),
                             squeeze=False)
    for ax, (name, labels) in zip(axes[0], labelings.items()):
        labels = np.asarray(labels)
        for k in np.unique(labels):
            ax.scatter(X[labels == k, a], X[labels == k, b], s=10,
                       color=CLUSTER_COLOURS[k % len(CLUSTER_COLOURS)], label=f"cluster {k}")
        ax.set(xlabel=f"feature {a}", ylabel=f"feature {b}", title=name)
        ax.legend(fontsize=7)
    return finish(fig, title)


def plot_ordered_adjacency(A, labels, *, title=None, ax=None):
    """The adjacency matrix with its nodes sorted by ``labels``, cluster borders drawn.

    A good clustering shows dense blocks on the diagonal.

    Parameters
    ----------
    A : ndarray of shape (n, n)
    labels : ndarray of shape (n,)
    title : str, optional
    ax : matplotlib Axes, optional
    """
    A, labels = np.asarray(A, dtype=float), np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(4.8, 4.8))
    else:
        fig = ax.figure
    ax.imshow(A[np.ix_(order, order)], cmap=NMF_CMAP, interpolation="nearest")
    borders = np.cumsum(np.bincount(labels))[:-1] - 0.5
    for x in borders:
        ax.axhline(x, color="white", lw=0.8)
        ax.axvline(x, color="white", lw=0.8)
    ax.set(xticks=[], yticks=[], xlabel="nodes, sorted by cluster", ylabel="nodes, sorted by cluster")
    if title:
        ax.set_title(title, fontsize=9)
    if own:
        return finish(fig)
    return fig
