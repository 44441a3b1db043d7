"""Explorer of chapter 17 (Faces): the rank and the L1 penalty → NMF's parts.

Book: chapter 17. Built by :func:`.explorer.explorer`: one frame per setting of a
small grid, drawn when the notebook runs.
"""

import numpy as np

from .. import plots
from ...metrics import relative_error, sparseness
from ...solve import nmf
from .explorer import Control, explorer

ALPHAS = (0.0, 1e-4, 3e-4, 5e-4, 1e-3, 2e-3)
RANKS = (4, 9, 16, 36)


def _mean_sparseness(components):
    """Mean Hoyer sparseness of the non-zero rows (a switched-off part has none)."""
    alive = np.abs(components).sum(axis=1) > 0
    return float(sparseness(components[alive], axis=1).mean()), int((~alive).sum())


def parts_explorer(X, image_shape, rank=16, alpha=0.0, max_rank=49, alphas=ALPHAS,
                   max_iter=100, random_state=0, ncols=10, ranks=RANKS):
    """Rank and L1 penalty → the gallery of NMF's parts (rows of H), chapter 17.

    Controls, in order: ``rank`` (``ranks`` up to ``max_rank``) and ``alpha``, the L1
    penalty on both factors (``alpha_W = alpha_H = alpha``, ``l1_ratio=1``,
    scikit-learn's scaling). Each fit is HALS from a random start
    (``random_state``) for at most ``max_iter`` iterations, one per frame. The title gives the parts' mean
    Hoyer sparseness and the relative error, beside PCA's sparseness and the
    truncated SVD's error at the same rank (the best any rank-r
    factorization can do), and how many parts the penalty switched off.
    Give it downscaled images (chapter 17 uses 28×23) so that each fit is quick.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != np.prod(image_shape):
        raise ValueError(f"X must be 2-D with {np.prod(image_shape)} columns (images of "
                         f"shape {tuple(image_shape)}), got shape {X.shape}.")
    alphas = tuple(float(a) for a in alphas)
    if float(alpha) not in alphas:
        raise ValueError(f"alpha must be one of alphas={alphas}, got {alpha!r}.")
    max_rank = min(max_rank, *X.shape)
    if not 2 <= rank <= max_rank:
        raise ValueError(f"rank must lie in 2..{max_rank}, got {rank!r}.")
    S = np.linalg.svd(X, compute_uv=False)
    centred = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)[2]  # PCA's axes
    norm = np.linalg.norm(X)

    def draw(rank, alpha):
        res = nmf(X, rank, init="random", max_iter=max_iter, random_state=random_state,
                  alpha_W=alpha, l1_ratio=1.0)
        s_nmf, off = _mean_sparseness(res.H)
        s_pca = float(sparseness(centred[:rank], axis=1).mean())
        e_svd = float(np.sqrt(max(norm**2 - (S[:rank] ** 2).sum(), 0.0)) / norm)
        switched = f", {off} parts switched off" if off else ""
        title = (f"NMF, rank {rank}, L1 penalty α = {alpha:g}{switched}\n"
                 f"sparseness {s_nmf:.2f} (PCA {s_pca:.2f}); "
                 f"error {relative_error(X, res.W, res.H):.3f} (SVD {e_svd:.3f})")
        return plots.plot_components(res.H, image_shape, ncols=min(ncols, rank), title=title,
                                     signed=False)

    return explorer(
        draw,
        rank=Control(sorted({r for r in ranks if 2 <= r <= max_rank} | {rank}), "rank r", rank),
        alpha=Control(list(alphas), "L1 penalty α", float(alpha)),
        note="Another setting: <code>nmf_ref.nmf(X, rank, alpha_W=α, l1_ratio=1.0)</code>, "
             "drawn by <code>nmf_ref.book.plots.plot_components</code>.")
