"""Chapter 23's explorer: the weight of the volume term against how scattered the data are.

Book: chapter 23. Built by :func:`.explorer.explorer`, so it works on the static page.
"""

import functools

from ...minvol import largest_angle, minvol_nmf
from ...solve import nmf
from .. import datasets
from ..plots import minvol as minvol_plots
from .explorer import Control, explorer

LAMS = [0.001, 0.01, 0.1, 1.0]
PURITIES = [0.55, 0.65, 0.7, 0.85, 1.0]


def minvol_explorer(lams=LAMS, purities=PURITIES, n=200, delta=0.1, lam=0.01, purity=0.85,
                    random_state=0, max_iter=200):
    """λ × data spread → the data, the true simplex, plain NMF's and min-vol NMF's.

    Controls, in order: ``lam`` (λ, the weight of logdet(WᵀW + δI)) and ``purity``
    (the largest share of one vertex in a data point: the larger, the more scattered the
    data; see :func:`nmf_ref.book.datasets.planted.scattered_simplex`). Each frame's
    title gives both largest angles to the true vertices.
    """

    @functools.lru_cache(maxsize=None)
    def case(purity):
        data = datasets.load("scattered_simplex", n=n, purity=purity, random_state=random_state)
        X, W_true = data.X, data.W
        plain = nmf(X, W_true.shape[1], max_iter=1000, tol=1e-8, random_state=random_state)
        return X, W_true, plain.W

    def draw(lam, purity):
        X, W_true, W_plain = case(purity)
        W, _, _ = minvol_nmf(X, W_true.shape[1], lam=lam, delta=delta, max_iter=max_iter,
                             tol=1e-6)
        a_plain, a_minvol = largest_angle(W_true, W_plain)[0], largest_angle(W_true, W)[0]
        return minvol_plots.plot_simplices(
            X, W_true, {"plain NMF": W_plain, "min-vol NMF": W},
            title=f"purity {purity:g}, λ = {lam:g}: largest angle to the truth\n"
                  f"plain NMF {a_plain:.1f}°, min-vol NMF {a_minvol:.1f}°")

    return explorer(
        draw,
        lam=Control(list(lams), "λ (volume weight)", lam),
        purity=Control(list(purities), "purity (spread)", purity),
        note="Another setting: <code>nmf_ref.minvol.minvol_nmf(X, 3, lam=..., delta=0.1)</code> "
             "on <code>nmf_ref.book.datasets.load(\"scattered_simplex\", n=300, "
             "purity=...)</code>.")
