"""Geometric pictures: the rank-one landscape, the cone of the parts, the NNLS plane.

Book: chapters 3 and 5."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon

from ...rules.anls import candidates_2d
from ._style import NMF_CMAP, finish

def plot_rank_one_landscape(x=1.0, extent=None, points=None):
    """The loss :math:`f(w, h) = (x - wh)^2` of a 1×1 "matrix", and a cut through it.

    Book: chapter 3. Left: contours of f over :math:`[0, \\text{extent}]^2`
    with its valley of minima :math:`wh = x` (a hyperbola, not a single point)
    and two minimizers joined by a segment. Right: f along that segment. It
    rises between two points where f = 0, so f is not convex. The default
    ``points`` are :math:`(1/2, 2x)` and :math:`(2, x/2)`, both on the valley;
    the default ``extent`` is :math:`\\max(3, 2.5x)`.
    """
    if points is None:
        points = ((0.5, 2.0 * x), (2.0, 0.5 * x))
    if extent is None:
        extent = max(3.0, 2.5 * x)
    grid = np.linspace(0, extent, 241)
    w, h = np.meshgrid(grid, grid)
    f = (x - w * h) ** 2
    (w1, h1), (w2, h2) = points
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8))
    levels = np.linspace(0, min(f.max(), 4 * x * x), 17)
    cs = left.contourf(w, h, np.minimum(f, levels[-1]), levels=levels, cmap=NMF_CMAP)
    fig.colorbar(cs, ax=left, label="f(w, h)")
    ws = np.linspace(x / extent, extent, 200)
    left.plot(ws, x / ws, color="white", lw=2, label=f"minima: wh = {x:g}")
    left.plot([w1, w2], [h1, h2], "o--", color="tab:orange", label="a segment")
    left.set(xlim=(0, extent), ylim=(0, extent), xlabel="w", ylabel="h",
             title=f"f(w, h) = ({x:g} − wh)²")
    left.legend(loc="upper right", fontsize=8)
    t = np.linspace(0, 1, 201)
    on_segment = (x - ((1 - t) * w1 + t * w2) * ((1 - t) * h1 + t * h2)) ** 2
    chord = (1 - t) * (x - w1 * h1) ** 2 + t * (x - w2 * h2) ** 2
    right.plot(t, on_segment, color="tab:orange", label="f on the segment")
    right.plot(t, chord, "k:", label="chord (convexity bound)")
    right.set(xlabel="t  (0 = first point, 1 = second)", ylabel="f",
              title="f rises above its chord: not convex")
    right.legend(fontsize=8)
    return finish(fig)


def plot_cone_2d(X, H, ax_max=None):
    """Data points (rows of X, 2 features) inside the cone spanned by the 2 rows of H.

    Book: chapter 3. Each row of H is drawn as a ray from the origin; the cone
    between them is shaded. Any non-negative combination of the rows lands in it.
    """
    X, H = np.asarray(X, dtype=float), np.asarray(H, dtype=float)
    if X.shape[1] != 2 or H.shape[1] != 2:
        raise ValueError("plot_cone_2d draws 2 features: X and H need 2 columns.")
    reach = ax_max or 1.25 * max(X.max(), H.max())
    fig, ax = plt.subplots(figsize=(4.6, 5.0))
    directions = H / np.linalg.norm(H, axis=1, keepdims=True)
    angles = np.sort(np.arctan2(directions[:, 1], directions[:, 0]))
    arc = np.linspace(angles[0], angles[-1], 50)
    far = 3 * reach
    ax.add_patch(Polygon(np.vstack([[0, 0], far * np.c_[np.cos(arc), np.sin(arc)]]),
                         color="tab:green", alpha=0.15, label="cone of the rows of H"))
    ax.scatter(X[:, 0], X[:, 1], s=12, color="tab:blue", label="rows of X (data)")
    for k, row in enumerate(H):
        ax.plot([0, far * directions[k, 0]], [0, far * directions[k, 1]],
                color="tab:green", lw=1)
        ax.annotate("", xy=row, xytext=(0, 0),
                    arrowprops={"arrowstyle": "-|>", "color": "tab:red", "lw": 2})
        ax.text(*(row * 1.06), f"H[{k}]", color="tab:red", fontsize=10,
                ha="center", va="center")
    ax.set(xlim=(0, reach), ylim=(0, reach), xlabel="feature 0", ylabel="feature 1",
           aspect="equal", title="r = 2: every sample is a ≥ 0 mix of two rays")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8,
              frameon=False)
    return finish(fig)


def simplex_coordinates(P):
    """Rows of P (3 non-negative features) rescaled to sum 1, in 2-D triangle coordinates.

    The corners (1,0,0), (0,1,0), (0,0,1) go to (0,0), (1,0), (1/2, √3/2).
    """
    P = np.asarray(P, dtype=float)
    S = P / P.sum(axis=1, keepdims=True)
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    return S @ corners


def plot_cone_simplex(X, H):
    """r = 3, three features: the cone seen through the simplex x₀ + x₁ + x₂ = 1.

    Book: chapter 3. Scaling every row to sum 1 (the ray through a point meets
    the simplex once) turns the 3-D cone into a 2-D picture: the rows of H
    become the corners of a triangle and every data point falls inside it.
    """
    X, H = np.asarray(X, dtype=float), np.asarray(H, dtype=float)
    if X.shape[1] != 3 or H.shape[1] != 3:
        raise ValueError("plot_cone_simplex draws 3 features: X and H need 3 columns.")
    corners = simplex_coordinates(np.eye(3))
    fig, ax = plt.subplots(figsize=(4.8, 4.8))
    ax.add_patch(Polygon(corners, fill=False, color="gray", lw=1,
                         label="all non-negative data (simplex)"))
    hull = simplex_coordinates(H)
    ax.add_patch(Polygon(hull, color="tab:green", alpha=0.2, label="cone of the rows of H"))
    points = simplex_coordinates(X)
    ax.scatter(points[:, 0], points[:, 1], s=10, color="tab:blue", label="rows of X (data)")
    ax.scatter(hull[:, 0], hull[:, 1], s=60, color="tab:red", zorder=3)
    centre = hull.mean(axis=0)
    for k, corner in enumerate(hull):  # label each corner outside the triangle
        away = (corner - centre) / (np.linalg.norm(corner - centre) or 1.0)
        u, v = corner + 0.07 * away
        ax.text(u, v, f"H[{k}]", color="tab:red", fontsize=10, ha="center", va="center")
    for k, (u, v) in enumerate(corners):
        ax.text(u, v - 0.06 if v < 0.5 else v + 0.03, f"feature {k}", ha="center",
                fontsize=8, color="gray")
    ax.set(xlim=(-0.1, 1.1), ylim=(-0.12, 0.95), aspect="equal")
    ax.set_title("r = 3, seen on the simplex")
    ax.axis("off")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=8,
              frameon=False)
    return finish(fig)


def plot_nnls_2d(Q, c, extent=None):
    """Contours of :math:`q(x) = \\tfrac12 x^TQx - c^Tx` in the (x₁, x₂) plane, with the
    non-negative orthant shaded, the unconstrained minimum, ALS's clipped point and the
    constrained (NNLS) minimum.

    Book: chapter 5. The title gives q at the clipped and the NNLS point.
    """
    Q, c = np.asarray(Q, dtype=float), np.asarray(c, dtype=float)
    pts = candidates_2d(Q, c)
    q = lambda x: 0.5 * x @ Q @ x - c @ x  # noqa: E731
    corners = np.vstack([pts["unconstrained"], pts["candidates"], [0, 0]])
    extent = extent or 1.3 * np.abs(corners).max() + 0.5
    grid = np.linspace(-extent, extent, 201)
    x1, x2 = np.meshgrid(grid, grid)
    values = (0.5 * (Q[0, 0] * x1**2 + 2 * Q[0, 1] * x1 * x2 + Q[1, 1] * x2**2)
              - c[0] * x1 - c[1] * x2)
    fig, ax = plt.subplots(figsize=(5.2, 4.8))
    ax.fill_between([0, extent], 0, extent, color="tab:green", alpha=0.12,
                    label="x ≥ 0 (the orthant)")
    ax.contour(x1, x2, values, levels=np.quantile(values, np.linspace(0.002, 0.6, 14)),
               cmap=NMF_CMAP, linewidths=1)
    ax.axhline(0, color="gray", lw=0.8)
    ax.axvline(0, color="gray", lw=0.8)
    cand = pts["candidates"]
    ax.scatter(cand[:, 0], cand[:, 1], marker="s", s=30, facecolor="none",
               edgecolor="gray", label="the 4 candidates of pivoting")
    u, cl, x = pts["unconstrained"], pts["clipped"], pts["nnls"]
    ax.plot(*u, "*", ms=14, color="tab:blue", label=f"unconstrained min, q = {q(u):.2f}")
    ax.plot(*cl, "X", ms=10, color="tab:red", label=f"clipped (ALS), q = {q(cl):.2f}")
    ax.plot(*x, "o", ms=9, color="tab:green", mec="k",
            label=f"constrained min (NNLS), q = {q(x):.2f}")
    ax.annotate("", xy=cl, xytext=u, arrowprops={"arrowstyle": "->", "color": "tab:red"})
    ax.set(xlim=(-extent, extent), ylim=(-extent, extent), xlabel="x₁", ylabel="x₂",
           aspect="equal", title="q(x) = ½xᵀQx − cᵀx: clipping is not minimizing")
    ax.legend(loc="lower left", fontsize=7.5)
    return finish(fig)
