"""Figures of factors: components as images, heatmaps of X = WH, parts of a sample.

Book: chapters 1, 2 and the applications."""

import matplotlib.pyplot as plt
import numpy as np

from ...metrics import relative_error
from ._style import NMF_CMAP, SIGNED_CMAP, finish

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
    return finish(fig, title, fontsize=None)


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
    return finish(fig, layout=None)


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
    return finish(fig, f"{head}rank {r}: ‖X − WH‖/‖X‖ = {error:.2e}", fontsize=11)
