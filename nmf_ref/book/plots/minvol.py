"""Chapter 23's pictures: data points, the true simplex and recovered ones, seen on the
triangle of three features.

Book: chapter 23. Here the data points are the columns of X (3 × n) and the vertices
the columns of W, as in the min-vol literature.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon

from ._style import finish
from .geometry import simplex_coordinates

# Okabe-Ito colours (safe for colour-blind readers), one per kind of simplex
COLOURS = {"truth": "black", "plain NMF": "#E69F00", "min-vol NMF": "#0072B2"}
EXTRA = ["#CC79A7", "#009E73", "#D55E00"]


def plot_simplices(X, W_true, fits=None, *, title=None, ax=None):
    """Data (columns of X), the true simplex (columns of W_true) and recovered ones.

    Parameters
    ----------
    X : ndarray of shape (3, n)
    W_true : ndarray of shape (3, r)
    fits : dict, optional
        Label → W (3 × r) drawn as a dashed triangle each ("plain NMF", "min-vol NMF"
        get their fixed colours).
    title : str, optional
    ax : matplotlib Axes, optional
        Draw there (the caller owns the figure); default a new figure.

    Returns
    -------
    matplotlib Figure
    """
    X, W_true = np.asarray(X, dtype=float), np.asarray(W_true, dtype=float)
    if X.shape[0] != 3 or W_true.shape[0] != 3:
        raise ValueError("plot_simplices draws three features: X and W need 3 rows.")
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(5.2, 5.0))
    else:
        fig = ax.figure
    corners = simplex_coordinates(np.eye(3))
    ax.add_patch(Polygon(corners, fill=False, color="0.6", lw=1))
    points = simplex_coordinates(X.T)
    ax.scatter(points[:, 0], points[:, 1], s=6, color="0.45", alpha=0.6, label="data (columns of X)")
    ax.add_patch(Polygon(simplex_coordinates(W_true.T), fill=False, color=COLOURS["truth"],
                         lw=2.2, label="true W"))
    extra = iter(EXTRA)
    for label, W in (fits or {}).items():
        colour = COLOURS.get(label) or next(extra)
        ax.add_patch(Polygon(simplex_coordinates(np.maximum(W, 0).T + 1e-300), fill=False,
                             color=colour, lw=2, ls="--", label=label))
    for k, (u, v) in enumerate(corners):
        ax.text(u, v - 0.06 if v < 0.5 else v + 0.03, f"feature {k}", ha="center",
                fontsize=8, color="0.4")
    ax.set(xlim=(-0.08, 1.08), ylim=(-0.1, 0.93), aspect="equal")
    ax.axis("off")
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    if title:
        ax.set_title(title, fontsize=9)
    if own:
        return finish(fig)
    return fig


def plot_simplices_side_by_side(panels, *, title=None):
    """Several :func:`plot_simplices` pictures in a row.

    Parameters
    ----------
    panels : list of dict
        Each the keyword arguments of one :func:`plot_simplices` call (X, W_true, fits,
        title).
    title : str, optional
        Over the whole figure.
    """
    fig, axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 4.6))
    for ax, panel in zip(np.atleast_1d(axes), panels):
        plot_simplices(ax=ax, **panel)
    return finish(fig, title)
