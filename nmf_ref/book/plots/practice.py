"""Figures of Part III (NMF in practice): starts and restarts, losses, penalties.

Book: chapters 11 (starts and restarts), 13 (the β-divergences) and 14
(penalties and sparsity). Like every module of :mod:`nmf_ref.book.plots`,
each function takes data or results, draws a new figure, detaches it from
pyplot and returns it; nothing here is random.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, NullFormatter

from ...losses import beta_divergence
from ._style import NMF_CMAP, finish, finish_lines


# --------------------------------------------------------------- chapter 11

def plot_starts(starts, title=None):
    """Where each start puts its zeros: one row per start, W (transposed) and H.

    ``starts`` maps a label to ``(W, H)``. Exact zeros are drawn white, every
    other entry on the ``viridis`` scale of its own panel; each panel's title
    gives the share of zeros. Book: chapter 11 (NNDSVD leaves about half of
    each factor at zero; NNDSVDa/ar fill them in).
    """
    if not starts:
        raise ValueError("starts must map at least one label to a pair (W, H).")
    fig, axes = plt.subplots(len(starts), 2, figsize=(11, 1.1 + 1.0 * len(starts)),
                             squeeze=False, gridspec_kw={"width_ratios": [3, 1]})
    cmap = plt.get_cmap(NMF_CMAP).with_extremes(bad="white")
    for row, (label, (W, H)) in zip(axes, starts.items()):
        for ax, F, name in ((row[0], np.asarray(W, float).T, "Wᵀ"),
                            (row[1], np.asarray(H, float), "H")):
            ax.imshow(np.ma.masked_equal(F, 0.0), cmap=cmap, aspect="auto",
                      interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(f"{label}: {name}, {np.mean(F == 0):.0%} zeros", fontsize=9)
    return finish(fig, title)


def plot_start_comparison(random_errors, start_errors, probability, eps, title=None):
    """Random restarts against deterministic starts, and what k restarts buy.

    Left: histogram of the final errors of random restarts, with one vertical
    line per deterministic start (``start_errors``: label → error). Right:
    ``probability[k-1]``, the estimated chance that the best of k restarts is
    within ``eps`` (relative) of the best error seen, against k. Book: chapter 11.
    """
    random_errors = np.asarray(random_errors, dtype=float)
    probability = np.asarray(probability, dtype=float)
    if random_errors.ndim != 1 or random_errors.size == 0 or probability.ndim != 1:
        raise ValueError("random_errors and probability must be non-empty 1-D arrays "
                         "(one final error per restart; one probability per k = 1, 2, ...).")
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 3.8))
    values = np.concatenate([random_errors, list(start_errors.values())])
    bins = np.linspace(values.min(), values.max(), 30) if np.ptp(values) > 0 else 10
    left.hist(random_errors, bins=bins, color="0.6",
              label=f"{len(random_errors)} random starts")
    for k, (label, error) in enumerate(start_errors.items()):
        left.axvline(error, color=["C0", "C1", "C3", "C4"][k % 4], lw=2,
                     ls=["-", "--", ":", "-."][k % 4], label=f"{label}: {error:.4f}")
    best = random_errors.min()
    left.axvspan(best, best * (1 + eps), color="C2", alpha=0.15,
                 label=f"within {eps:.1%} of the best")
    left.set(xlabel="final ‖X − WH‖ / ‖X‖", ylabel="runs", title="where the runs end")
    left.legend(fontsize=7)
    k = np.arange(1, len(probability) + 1)
    right.plot(k, probability, "o-", ms=3, color="C2")
    right.axhline(0.95, color="k", ls=":", lw=1)
    right.set(xlabel="k restarts", ylabel="P(best of k within ε of the best)",
              ylim=(0, 1.03), title=f"what k restarts buy (ε = {eps:.1%})")
    for ax in (left, right):
        ax.grid(alpha=0.3)
    return finish(fig, title)


# --------------------------------------------------------------- chapter 13

def _d_beta(x, y, beta):
    """d_β(x | y) for scalars, through the core's β-divergence on 1×1 matrices."""
    return beta_divergence(np.array([[x]]), np.array([[y]]), np.ones((1, 1)), beta)


def plot_beta_divergences(betas=(2, 1.5, 1, 0.5, 0), x=1.0, y_max=4.0):
    """The β-divergences: their shape around x, and how they scale.

    Left: :math:`d_\\beta(x \\mid y)` against y for fixed ``x``, one curve per
    β; all vanish at y = x, Frobenius symmetrically, small β penalizing
    y < x (underestimates) far more than y > x. Right: :math:`d_\\beta(\\lambda x
    \\mid 2\\lambda x)` against λ on log–log axes: straight lines of slope β
    (scale-invariance at β = 0). Values come from :func:`nmf_ref.beta_divergence`.
    Book: chapter 13.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 3.8))
    y = np.linspace(0.05 * x, y_max * x, 200)
    scales = np.logspace(-2, 2, 9)
    for k, beta in enumerate(betas):
        name = {2: "Frobenius", 1: "KL", 0: "IS"}.get(beta, "")
        label = f"β = {beta:g}" + (f" ({name})" if name else "")
        left.plot(y, [_d_beta(x, v, beta) for v in y], lw=2, color=f"C{k}", label=label)
        right.loglog(scales, [_d_beta(s * x, 2 * s * x, beta) for s in scales], "o-",
                     ms=3, color=f"C{k}", label=f"slope {beta:g}")
    left.axvline(x, color="k", lw=0.8, ls=":")
    left.set(xlabel="y (the model's value)", ylabel=f"d_β({x:g} | y)",
             ylim=(0, 2.5 * _d_beta(x, 0.25 * x, 2) + 1e-12),
             title=f"the cost of fitting x = {x:g} by y")
    right.set(xlabel="λ", ylabel="d_β(λx | 2λx)", title="d_β(λx | λy) = λ^β d_β(x | y)")
    return finish_lines(fig, (left, right))


def _magnitude_bins(X, n_bins):
    """Edges of quantile bins of the positive entries of X (ties merged)."""
    positive = X[X > 0]
    if positive.size == 0:
        raise ValueError("X has no positive entry, so relative errors are undefined.")
    edges = np.unique(np.quantile(positive, np.linspace(0, 1, n_bins + 1)))
    if edges.size < 2:
        edges = np.array([positive.min(), positive.max() * (1 + 1e-12)])
    return edges


def relative_error_by_magnitude(X, WH, n_bins=6):
    """Median entrywise relative error |X − WH| / X in quantile bins of X's magnitude.

    Book: chapter 13. Only positive entries count (the relative error of a zero
    is undefined). Returns ``(centres, medians)``: the geometric centre of each
    bin and the median relative error of its entries.
    """
    X = np.asarray(X, dtype=float)
    WH = np.asarray(WH, dtype=float)
    if X.shape != WH.shape:
        raise ValueError(f"X and WH must have the same shape, got {X.shape} and {WH.shape}.")
    edges = _magnitude_bins(X, n_bins)
    positive = X > 0
    x, rel = X[positive], np.abs(X - WH)[positive] / X[positive]
    which = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, len(edges) - 2)
    centres, medians = [], []
    for b in range(len(edges) - 1):
        if np.any(which == b):
            centres.append(np.sqrt(edges[b] * edges[b + 1]))
            medians.append(np.median(rel[which == b]))
    return np.array(centres), np.array(medians)


def plot_beta_fit(X, WH, beta, references=None, title=None, n_bins=6):
    """One β-NMF fit: the data, the model, and which entries the loss cares about.

    Panels: log₁₀ X, log₁₀ WH (same colour scale), and the median relative error
    |X − WH|/X by magnitude of X (:func:`relative_error_by_magnitude`), for this
    fit (bold) and for the fits in ``references`` (label → WH, dashed). A loss
    that cares about large entries only (β = 2) leaves the small ones badly
    fitted in relative terms; Itakura–Saito (β = 0) spreads the relative error
    evenly. Book: chapter 13.
    """
    X = np.asarray(X, dtype=float)
    WH = np.asarray(WH, dtype=float)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), layout="constrained",
                             gridspec_kw={"width_ratios": [1, 1, 1.3]})
    positive = X[X > 0]
    low, high = np.log10(positive.min()), np.log10(max(X.max(), WH.max()))
    with np.errstate(divide="ignore"):
        for ax, M, name in ((axes[0], X, "the data X"),
                            (axes[1], WH, f"the fit WH, β = {beta:g}")):
            image = ax.imshow(np.log10(np.maximum(M, 10 ** low)), cmap=NMF_CMAP,
                              vmin=low, vmax=high, aspect="auto", interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(name, fontsize=9)
    fig.colorbar(image, ax=axes[1], fraction=0.05, pad=0.02, label="log₁₀")
    ax = axes[2]
    for k, (label, ref) in enumerate((references or {}).items()):
        c, med = relative_error_by_magnitude(X, ref, n_bins)
        ax.plot(c, med, ls="--", marker="x", color=f"C{k + 1}", alpha=0.8, label=label)
    c, med = relative_error_by_magnitude(X, WH, n_bins)
    ax.plot(c, med, "o-", lw=2.5, color="C0", label=f"β = {beta:g} (this fit)")
    ax.set(xscale="log", xlabel="magnitude of X_ij (bins)",
           ylabel="median |X − WH| / X", title="relative error by entry size")
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    return finish(fig, title, layout=None)


# --------------------------------------------------------------- chapter 14

def plot_tradeoff(errors, sparsities, alphas, title=None, labels=None):
    """The price of sparsity: relative error against Hoyer sparseness as alpha grows.

    ``errors``, ``sparsities`` and ``alphas`` are equal-length sequences (one
    point per penalty weight), or dicts label → sequence for several paths
    (``alphas`` then shared). Book: chapter 14.
    """
    if not isinstance(errors, dict):
        errors, sparsities = {labels or "path": errors}, {labels or "path": sparsities}
    fig, ax = plt.subplots(figsize=(6.4, 4))
    for k, label in enumerate(errors):
        e = np.asarray(errors[label], dtype=float)
        s = np.asarray(sparsities[label], dtype=float)
        if not (len(e) == len(s) == len(alphas)):
            raise ValueError("errors, sparsities and alphas need one entry per alpha.")
        ax.plot(s, e, "o-", color=f"C{k}", label=label)
        for a, x, y in zip(alphas, s, e):
            ax.annotate(f"{a:g}", (x, y), textcoords="offset points", xytext=(4, 4),
                        fontsize=7, color=f"C{k}")
    ax.set(xlabel="mean Hoyer sparseness of the parts", ylabel="‖X − WH‖ / ‖X‖",
           title=title or "error against sparseness (labels: alpha)")
    return finish_lines(fig, (ax,))


def plot_rescaling(scales, curves, floor=None, title=None):
    """The penalized objective along the rescalings (W/c, cH), one curve per setting.

    ``curves`` maps a label to the objective at each c of ``scales`` (the data
    term is the same for every c; pass it as ``floor`` to draw it). With an L1
    penalty on one factor only, the curve falls for ever towards the data term
    (no minimum); penalize both and it has one. Log–log axes. Book: chapter 14.
    """
    scales = np.asarray(scales, dtype=float)
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for k, (label, values) in enumerate(curves.items()):
        values = np.asarray(values, dtype=float)
        ax.plot(scales, values, lw=2, color=f"C{k}", label=label)
        i = int(np.argmin(values))
        ax.plot(scales[i], values[i], "o", color=f"C{k}")
    if floor is not None:
        ax.axhline(floor, color="k", ls="--", lw=1, label="the data term alone")
    ax.axvline(1.0, color="k", ls=":", lw=1)
    ax.set(xscale="log", yscale="log", xlabel="c in (W / c, c H)",
           ylabel="data term + penalty", title=title or "same product WH, different penalty")
    return finish_lines(fig, (ax,))


def plot_penalized_parts(W, H, image_shape, title=None, ncols=10):
    """Parts (rows of H as images) above, the norms of each component below.

    The bottom panel shows ‖W_:k‖ and ‖H_k:‖ on a log scale: when only one factor
    is penalized the two drift apart by orders of magnitude (the penalty is
    dodged by rescaling). A dead component (all zeros) is drawn blank.
    Book: chapter 14.
    """
    W = np.asarray(W, dtype=float)
    H = np.asarray(H, dtype=float)
    if W.ndim != 2 or H.ndim != 2 or W.shape[1] != H.shape[0]:
        raise ValueError(f"W (m×r) and H (r×n) must be 2-D with matching r, got shapes "
                         f"{W.shape} and {H.shape}.")
    if int(np.prod(image_shape)) != H.shape[1]:
        raise ValueError(f"image_shape {tuple(image_shape)} has {int(np.prod(image_shape))} "
                         f"pixels but each row of H has {H.shape[1]}; pass the shape of "
                         f"one image, e.g. (8, 8) for the digits.")
    r = H.shape[0]
    ncols = min(ncols, r)
    nrows = int(np.ceil(r / ncols))
    fig = plt.figure(figsize=(1.05 * ncols + 0.5, 1.15 * nrows + 2.6))
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.15 * nrows + 0.4, 2.2])
    axes = np.atleast_1d(top.subplots(nrows, ncols, squeeze=False)).ravel()
    for k, ax in enumerate(axes):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= r:
            ax.set_visible(False)
            continue
        ax.imshow(H[k].reshape(image_shape), cmap="gray_r", vmin=0,
                  vmax=H[k].max() or 1.0)
        ax.set_title(f"{k}", fontsize=7)
    ax = bottom.subplots()
    k = np.arange(r)
    tiny = 1e-12
    ax.bar(k - 0.2, np.maximum(np.linalg.norm(W, axis=0), tiny), 0.4, label="‖W_:k‖")
    ax.bar(k + 0.2, np.maximum(np.linalg.norm(H, axis=1), tiny), 0.4, label="‖H_k:‖")
    ax.set(yscale="log", xlabel="component k", xticks=k)
    ax.set_ylim(bottom=1e-3)
    ax.legend(fontsize=7, ncol=2)
    ax.grid(alpha=0.3, axis="y")
    if title:
        top.suptitle(title, fontsize=10)  # over the parts, not the bars below
    return finish(fig, layout=None)
