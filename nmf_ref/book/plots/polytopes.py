"""Pictures of Part V: nested polygons of an exact NMF, the data simplex and SPA's anchors,
spectra and abundance maps.

Book: chapters 21 and 22. Each function returns a Figure, detached from pyplot.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon

from ..polytopes import outer_polygon, simplex_chart, to_chart
from ._style import NMF_CMAP, finish

_HULL = dict(fill=False, lw=2)


def _turn(o, a, b):
    """The z-component of (a − o) × (b − o): > 0 for a left turn."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points):
    """The vertices of the convex hull of 2-D points (2, k), counter-clockwise
    (Andrew's monotone chain)."""
    pts = sorted(set(map(tuple, np.round(np.asarray(points).T, 12))))
    if len(pts) <= 2:
        return np.array(pts).T

    def half(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and _turn(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out[:-1]

    return np.array(half(pts) + half(pts[::-1])).T


def draw_nested(ax, X, W=None, WH=None):
    """On ``ax``, in the chart of X's scaled columns (X of rank 3): the outer polygon
    (col X ∩ simplex, grey), the data polygon (the hull of the columns, blue) and, if
    given, the shadows of W's columns (orange, with their hull) and the columns of WH
    (crosses)."""
    c, U, Y = simplex_chart(X)
    outer = outer_polygon(c, U)
    ax.add_patch(Polygon(outer.T, closed=True, color="0.85", label="outer: col(X) ∩ simplex"))
    inner = _hull(Y)
    ax.add_patch(Polygon(inner.T, closed=True, ec="tab:blue", label="inner: hull of X's columns",
                         **_HULL))
    ax.plot(*Y, "o", color="tab:blue", ms=5)
    extent = [outer]
    if W is not None:
        Wc = to_chart(W, c, U)
        hull = _hull(Wc)
        ax.add_patch(Polygon(hull.T, closed=True, ec="tab:orange", ls="--",
                             label=f"shadow of W's {W.shape[1]} columns", **_HULL))
        ax.plot(*Wc, "s", color="tab:orange", ms=6)
        extent.append(Wc)
    if WH is not None:
        ax.plot(*to_chart(np.maximum(WH, 1e-300), c, U), "x", color="black", ms=7,
                label="columns of WH")
    pts = np.hstack(extent)
    pad = 0.1 * np.ptp(pts, axis=1).max()
    ax.set(xlim=(pts[0].min() - pad, pts[0].max() + pad),
           ylim=(pts[1].min() - pad, pts[1].max() + pad), aspect="equal")
    ax.set_xticks([]), ax.set_yticks([])
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=2,
              frameon=False)


def plot_nested_polygons(X, W=None, WH=None, title=None):
    """The nested polygons of a rank-3 X, with the shadow of an NMF's W (chapter 21)."""
    fig, ax = plt.subplots(figsize=(5, 5))
    draw_nested(ax, X, W, WH)
    return finish(fig, title or "Inner and outer polygons", ax=ax, layout=(0, 0.1, 1, 1))


def plot_polygon_nmf(X, W, H, title):
    """Left: the nested polygons with the shadow of W; right: the residual |X − WH|."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4.6),
                                      gridspec_kw={"width_ratios": [1.2, 1]})
    draw_nested(left, X, W, W @ H)
    R = np.abs(X - W @ H)
    im = right.imshow(R, cmap=NMF_CMAP, vmin=0, vmax=max(R.max(), 0.05 * X.max()))
    fig.colorbar(im, ax=right, shrink=0.8, label="|X − WH|")
    right.set(xlabel="column (facet)", ylabel="row (vertex)", title="residual")
    return finish(fig, title, layout=(0, 0.1, 1, 1))


def plot_separable(X, anchors, truth=None, title=None, ax=None):
    """The columns of X scaled to sum 1, drawn in 2-D (the plane of the three anchors
    for rank 3; the top two principal directions of the scaled columns otherwise),
    with the anchors SPA chose (circled, numbered in SPA's order) and the true pure
    columns (stars)."""
    X = np.asarray(X, dtype=float)
    keep = X.sum(axis=0) > 0
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(6, 5))
    c, U, Y = simplex_chart(X[:, keep])
    ax.plot(*Y, ".", color="0.55", ms=3, label="columns of X (scaled to sum 1)")
    if truth is not None:
        T = to_chart(np.asarray(truth, dtype=float), c, U)
        ax.add_patch(Polygon(_hull(T).T, closed=True, ec="tab:blue", **_HULL))
        ax.plot(*T, "*", color="tab:blue", ms=13, label="pure columns (truth)")
    A = to_chart(X[:, anchors], c, U)
    ax.plot(*A, "o", mfc="none", mec="tab:orange", mew=2, ms=12, label="SPA's anchors")
    for k, (a, b) in enumerate(A.T):
        ax.annotate(str(k + 1), (a, b), xytext=(6, 6), textcoords="offset points",
                    color="tab:orange", fontsize=9, weight="bold")
    ax.set(aspect="equal", xticks=[], yticks=[])
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3,
              frameon=False)
    if title:
        ax.set_title(title, fontsize=9)
    if own:
        return finish(fig, layout=(0, 0.06, 1, 1))
    return ax


def plot_spectra(wavelengths, spectra, labels, found=None, title=None):
    """Spectra (columns of an m × r array) as lines, with ``found`` (the same shape,
    e.g. the anchors' columns, matched in order) dashed on top, each scaled to peak 1."""
    fig, ax = plt.subplots(figsize=(7, 3.2))
    colours = plt.cm.viridis(np.linspace(0, 0.9, spectra.shape[1]))
    for k in range(spectra.shape[1]):
        ax.plot(wavelengths, spectra[:, k] / spectra[:, k].max(), color=colours[k],
                lw=2, label=labels[k])
        if found is not None:
            ax.plot(wavelengths, found[:, k] / found[:, k].max(), "--", color="black", lw=1)
    if found is not None:
        ax.plot([], [], "--", color="black", lw=1, label="anchor pixel found by SPA")
    ax.set(xlabel="wavelength (nm)", ylabel="reflectance (scaled to peak 1)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    return finish(fig, title or "Spectra", ax=ax)


def plot_abundances(H, shape, labels, title=None):
    """One image per row of H (abundances of each material, pixels in ``shape``)."""
    r = H.shape[0]
    fig, axes = plt.subplots(1, r, figsize=(2.2 * r, 2.5))
    for k, ax in enumerate(np.atleast_1d(axes)):
        ax.imshow(H[k].reshape(shape), cmap=NMF_CMAP, vmin=0, vmax=1)
        ax.set(title=labels[k], xticks=[], yticks=[])
    return finish(fig, title)
