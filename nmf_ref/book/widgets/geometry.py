"""Explorers of Part V, chapters 21 and 22: polygons and their NMFs, SPA under noise.

Book: chapters 21 (the nonnegative rank) and 22 (separable NMF). Built with
:func:`.explorer.explorer`: every setting is drawn once and the page switches frames
with no kernel.
"""

import numpy as np

from ...separable import spa
from .. import datasets
from ..plots import polytopes as polytope_plots
from ..polytopes import best_of_restarts, slack_matrix
from .explorer import Control, explorer


def polygon_explorer(ns=(5, 6, 7, 8), ranks=(3, 4, 5, 6), n=6, rank=5, n_starts=6,
                     max_iter=200):
    """The regular n-gon's slack matrix and its best NMF with r parts (chapter 21).

    Controls: ``n`` (the polygon) and ``rank`` (the parts r). Each frame: the nested
    polygons with the shadow of W's columns, and the residual; the title gives the
    relative error of the best of ``n_starts`` random starts of HALS (``max_iter``
    iterations each).
    """

    def draw(n, rank):
        S = slack_matrix(n)
        best, errors = best_of_restarts(S, rank, n_starts=n_starts, max_iter=max_iter)
        err = errors.min()
        exact = "exact" if err < 1e-9 else "not exact"
        title = (f"regular {n}-gon (rank 3), r = {rank} parts: best of {n_starts} starts, "
                 f"relative error {err:.1e} ({exact})")
        return polytope_plots.plot_polygon_nmf(S, best.W, best.H, title)

    return explorer(
        draw,
        n=Control(list(ns), "polygon: n vertices", n),
        rank=Control(list(ranks), "parts r", rank),
        note="Another setting: <code>nmf_ref.book.polytopes.best_of_restarts("
             "slack_matrix(n), r)</code>, drawn by <code>nmf_ref.book.plots.polytopes."
             "plot_polygon_nmf</code>.")


def spa_explorer(noises=(0.0, 0.01, 0.03, 0.1), ranks=(3, 4, 6), noise=0.0,
                 rank=3, m=30, n=300, random_state=0):
    """SPA on synthetic separable data, noise level × rank (chapter 22).

    Each frame: the columns scaled to sum 1 (a 2-D view), the true pure columns and
    SPA's anchors; the title counts the anchors that are pure columns and gives the
    largest distance from a true (scaled) pure column to the nearest anchor.
    """

    def draw(noise, rank):
        data = datasets.load("separable", m=m, n=n, r=rank, noise=noise,
                             random_state=random_state)
        X, W, pure = data.X, data.W, data.anchors
        J = spa(X, rank)
        hits = len(set(J.tolist()) & set(pure.tolist()))
        Ws, Xs = W / W.sum(axis=0), X / X.sum(axis=0)
        dist = max(np.abs(Xs[:, J] - Ws[:, [k]]).sum(axis=0).min() for k in range(rank))
        title = (f"r = {rank}, noise σ = {noise:g}: {hits} of {rank} anchors are pure "
                 f"columns;\nworst L1 distance to a true vertex {dist:.2f}")
        return polytope_plots.plot_separable(X, J, truth=W, title=title)

    return explorer(
        draw,
        noise=Control(list(noises), "noise σ", noise),
        rank=Control(list(ranks), "rank r", rank),
        note="Another setting: <code>data = nmf_ref.book.datasets.load(\"separable\", m=m, n=n, "
             "r=r, noise=σ)</code>, then <code>nmf_ref.separable.spa(data.X, r)</code>.")
