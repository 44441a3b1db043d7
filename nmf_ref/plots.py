"""The book's figures: pure functions that take data or results and return a Figure.

Book: chapters 1–4 (and later ones). Every function builds its own figure with
``plt.subplots`` and closes it in pyplot before returning, so nothing leaks
into pyplot's global state and a notebook shows each figure exactly once (when
it is displayed, or when it is the last value of a cell). Nothing here is
random, so the same input draws the same picture.

This module imports matplotlib; ``import nmf_ref`` does not.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon

from .metrics import relative_error

NMF_CMAP = "viridis"  # non-negative quantities: dark = 0
SIGNED_CMAP = "RdBu_r"  # signed quantities: white = 0, red > 0, blue < 0


def _finish(fig):
    """Detach ``fig`` from pyplot (no global state left behind) and return it."""
    plt.close(fig)
    return fig


def _image_grid(axes, components, image_shape, signed, labels):
    """Draw one component per axis; a shared, symmetric colour scale if ``signed``."""
    vmax = np.abs(components).max() or 1.0
    for k, ax in enumerate(axes):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= len(components):
            ax.set_visible(False)
            continue
        image = components[k].reshape(image_shape)
        if signed:
            ax.imshow(image, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
        else:
            ax.imshow(image, cmap="gray_r", vmin=0, vmax=image.max() or 1.0)
        if labels:
            ax.set_title(labels[k], fontsize=8)


def plot_components(components, image_shape, ncols=8, title=None, signed=None,
                    labels=None):
    """Components (one per row of ``components``) drawn as small images.

    Parameters
    ----------
    components : array (r, n_pixels)
    image_shape : tuple
        e.g. ``(8, 8)`` for scikit-learn's digits.
    signed : bool or None
        True draws with a diverging map (blue < 0 < red); None decides from
        the data (signed if any entry is negative). Non-negative components are
        drawn black on white.
    labels : list of str, optional
        A title for each image.
    """
    components = np.asarray(components, dtype=float)
    if signed is None:
        signed = bool((components < 0).any())
    r = len(components)
    ncols = min(ncols, r)
    nrows = int(np.ceil(r / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.25 * nrows + 0.4),
                             squeeze=False)
    _image_grid(axes.ravel(), components, image_shape, signed, labels)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return _finish(fig)


def plot_nmf_vs_pca(nmf_components, pca_components, image_shape, ncols=None):
    """Two rows of images: NMF's parts above, PCA's signed components below.

    Book: chapter 1. Each row has its own colour scale: grey for NMF (all ≥ 0),
    red/blue for PCA (red > 0, blue < 0).
    """
    nmf_components = np.asarray(nmf_components, dtype=float)
    pca_components = np.asarray(pca_components, dtype=float)
    r = max(len(nmf_components), len(pca_components))
    ncols = ncols or r
    nrows = int(np.ceil(r / ncols))
    fig = plt.figure(figsize=(1.1 * ncols, 2 * (1.15 * nrows + 0.5)))
    top, bottom = fig.subfigures(2, 1)
    for subfig, comps, signed, name in (
        (top, nmf_components, False, f"NMF: {len(nmf_components)} parts, all entries ≥ 0"),
        (bottom, pca_components, True,
         f"PCA: {len(pca_components)} components, red > 0, blue < 0"),
    ):
        axes = subfig.subplots(nrows, ncols, squeeze=False)
        _image_grid(axes.ravel(), comps, image_shape, signed, None)
        subfig.suptitle(name, fontsize=11)
    return _finish(fig)


def plot_parts_of_sample(x, w, H, image_shape, n_parts=4):
    """One sample rebuilt by adding its parts: x, its largest pieces w_k H_k, and w H.

    Book: chapter 1. ``x`` is a row of X, ``w`` its row of W, ``H`` the parts.
    The pieces are ranked by how much they add to the sample in total
    (:math:`w_k \\sum_j H_{kj}`); the last image is the sum of *all* parts.
    """
    x, w, H = (np.asarray(A, dtype=float) for A in (x, w, H))
    order = np.argsort(w * H.sum(axis=1))[::-1][:n_parts]
    pieces = [x] + [w[k] * H[k] for k in order] + [w @ H]
    labels = (["sample"] + [f"+ {w[k]:.2f}×part {k}" for k in order]
              + [f"= all {len(w)} parts"])
    return plot_components(np.array(pieces), image_shape, ncols=len(pieces),
                           labels=labels, signed=False)


def _heatmap(ax, A, title, vmax, annotate):
    ax.imshow(A, cmap=NMF_CMAP, vmin=0, vmax=vmax, aspect="equal")
    ax.set_title(title, fontsize=10)
    ax.set_xticks(range(A.shape[1]))
    ax.set_yticks(range(A.shape[0]))
    ax.tick_params(labelsize=7, length=0)
    if annotate:
        for (i, j), v in np.ndenumerate(A):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                    color="white" if v < 0.6 * vmax else "black")


def plot_factorization(X, W, H, title=None, annotate=None):
    """X, W, H and WH side by side as heatmaps, with the relative error in the title.

    Book: chapter 2. All four panels share one colour scale. ``annotate``
    writes the values into the cells (default: when X has at most 60 entries).
    The figure's suptitle reads ``"rank r: ‖X − WH‖/‖X‖ = e"`` (after ``title``).
    """
    X, W, H = (np.asarray(A, dtype=float) for A in (X, W, H))
    WH = W @ H
    if annotate is None:
        annotate = X.size <= 60
    vmax = max(X.max(), WH.max(), W.max(), H.max()) or 1.0
    widths = [X.shape[1], W.shape[1], H.shape[1], WH.shape[1]]
    fig, axes = plt.subplots(1, 4, figsize=(0.8 + 0.5 * sum(widths), 2.6),
                             gridspec_kw={"width_ratios": widths})
    r = W.shape[1]
    panels = [(X, f"X ({X.shape[0]}×{X.shape[1]})"), (W, f"W ({W.shape[0]}×{r})"),
              (H, f"H ({r}×{H.shape[1]})"), (WH, "WH")]
    for ax, (A, name) in zip(axes, panels):
        _heatmap(ax, A, name, vmax, annotate)
    error = relative_error(X, W, H)
    head = f"{title}: " if title else ""
    fig.suptitle(f"{head}rank {r}: ‖X − WH‖/‖X‖ = {error:.2e}", fontsize=11)
    fig.tight_layout()
    return _finish(fig)


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
    fig.tight_layout()
    return _finish(fig)


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
    fig.tight_layout()
    return _finish(fig)


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
    fig.tight_layout()
    return _finish(fig)


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


# --- Part II: the solvers ---
# Book: chapters 5–9. Same conventions as above: each function returns a
# Figure that is already closed in pyplot.

def nnls_2d_points(Q, c):
    """The points of the two-variable picture of chapter 5, as a dict of 2-vectors.

    For :math:`q(x) = \\tfrac12 x^TQx - c^Tx`: ``"unconstrained"`` = :math:`Q^{-1}c`,
    ``"clipped"`` = its negative entries set to 0 (what ALS does),
    ``"nnls"`` = the minimizer over :math:`x \\ge 0`, and ``"candidates"``:
    the four points of block principal pivoting, one per passive set
    ∅, {1}, {2}, {1, 2}.
    """
    Q, c = np.asarray(Q, dtype=float), np.asarray(c, dtype=float)
    unconstrained = np.linalg.solve(Q, c)
    candidates = np.array([[0.0, 0.0], [c[0] / Q[0, 0], 0.0], [0.0, c[1] / Q[1, 1]],
                           unconstrained])
    best, best_value = None, np.inf
    for x in candidates:  # the feasible candidate with the lowest q is the answer
        value = 0.5 * x @ Q @ x - c @ x
        if (x >= -1e-12).all() and value < best_value:
            best, best_value = x, value
    return {"unconstrained": unconstrained, "clipped": np.maximum(unconstrained, 0),
            "nnls": best, "candidates": candidates}


def plot_nnls_2d(Q, c, extent=None):
    """Contours of :math:`q(x) = \\tfrac12 x^TQx - c^Tx` in the (x₁, x₂) plane, with the
    non-negative orthant shaded, the unconstrained minimum, ALS's clipped point and the
    constrained (NNLS) minimum.

    Book: chapter 5. The title gives q at the clipped and the NNLS point.
    """
    Q, c = np.asarray(Q, dtype=float), np.asarray(c, dtype=float)
    pts = nnls_2d_points(Q, c)
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
