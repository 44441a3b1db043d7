"""Figures of chapter 17 (Faces): photographs, rows of galleries, error against rank.

Book: chapter 17. Pure functions: each builds its own figure and returns it
closed in pyplot (see :mod:`nmf_ref.book.plots`).
"""

import matplotlib.pyplot as plt
import numpy as np

from ._style import finish, finish_lines
from .factors import _image_grid


def plot_faces(X, image_shape, ncols=10, labels=None, title=None):
    """Images drawn as photographs: grey levels, 0 black, the largest value white.

    Parameters
    ----------
    X : array (n_images, n_pixels), non-negative
    image_shape : tuple, e.g. ``(56, 46)``
    labels : list of str, optional, a title per image
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != np.prod(image_shape):
        raise ValueError(f"X must be 2-D with {np.prod(image_shape)} columns (one image of "
                         f"shape {tuple(image_shape)} per row), got shape {X.shape}.")
    ncols = min(ncols, len(X))
    nrows = int(np.ceil(len(X) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.0 * ncols, 1.3 * nrows + 0.4),
                             squeeze=False)
    vmax = X.max() or 1.0
    for k, ax in enumerate(axes.ravel()):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= len(X):
            ax.set_visible(False)
            continue
        ax.imshow(X[k].reshape(image_shape), cmap="gray", vmin=0, vmax=vmax)
        if labels:
            ax.set_title(labels[k], fontsize=8)
    return finish(fig, title, fontsize=11)


def plot_galleries(rows, image_shape, ncols=None, labels=None):
    """Several galleries of components, one band per entry of ``rows``.

    Book: chapter 17 (NMF, MiniBatchNMF and PCA at the same rank; the swimmer's
    true limbs above the recovered ones).

    Parameters
    ----------
    rows : dict
        Band title → components (array r × n_pixels, one image per row). A band
        with negative entries is drawn red (> 0) and blue (< 0) on one symmetric
        scale; a non-negative band black on white, each image on its own scale.
    image_shape : tuple
    ncols : int, optional
        Images per line (default: the largest r); longer bands wrap.
    labels : dict, optional
        Band title → list of str, a title per image.
    """
    if not rows:
        raise ValueError("rows must hold at least one band (title → components).")
    bands = {name: np.asarray(C, dtype=float) for name, C in rows.items()}
    for name, C in bands.items():
        if C.ndim != 2 or C.shape[1] != np.prod(image_shape):
            raise ValueError(f"rows[{name!r}] must be 2-D with {np.prod(image_shape)} "
                             f"columns (images of shape {tuple(image_shape)}), got {C.shape}.")
    labels = labels or {}
    ncols = ncols or max(len(C) for C in bands.values())
    lines = [int(np.ceil(len(C) / ncols)) for C in bands.values()]
    height = [1.15 * n + 0.45 + 0.15 * (name in labels) for n, name in zip(lines, bands)]
    fig = plt.figure(figsize=(0.95 * ncols, sum(height)))
    subfigs = fig.subfigures(len(bands), 1, height_ratios=height, squeeze=False)[:, 0]
    for subfig, n, (name, C) in zip(subfigs, lines, bands.items()):
        axes = subfig.subplots(n, ncols, squeeze=False)
        _image_grid(axes.ravel(), C, image_shape, bool((C < 0).any()), labels.get(name))
        subfig.suptitle(name, fontsize=10)
    return finish(fig, layout=None)


def plot_error_vs_rank(ranks, errors, title=None):
    """Relative error ‖X − X̂‖/‖X‖ against the rank, one line per method.

    Book: chapter 17 (NMF against the truncated SVD and PCA).

    Parameters
    ----------
    ranks : sequence of int
    errors : dict
        Label → one relative error per rank.
    """
    ranks = np.asarray(ranks)
    fig, ax = plt.subplots(figsize=(6.0, 3.6))
    markers = iter("osd^vx*")
    for label, values in errors.items():
        values = np.asarray(values, dtype=float)
        if values.shape != ranks.shape:
            raise ValueError(f"errors[{label!r}] must have one value per rank "
                             f"({len(ranks)}), got {values.shape}.")
        ax.plot(ranks, values, marker=next(markers, "o"), label=label)
    ax.set_xlabel("rank r")
    ax.set_ylabel("relative error ‖X − X̂‖ / ‖X‖")
    ax.set_xticks(ranks)
    return finish_lines(fig, (ax,), title, legend_size=None)


__all__ = ["plot_faces", "plot_galleries", "plot_error_vs_rank"]
