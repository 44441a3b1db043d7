"""Explorer of chapter 15: how much is observed, what rank, and who predicts best.

Built by :func:`.explorer.explorer`: every setting is computed and drawn once, and
the page switches between the stored frames without a kernel.
"""

from threadpoolctl import threadpool_limits

from .. import datasets, recommend
from ..datasets.ratings import split
from ..plots.recommend import plot_rmse
from .explorer import Control, explorer

DENSITIES = (0.02, 0.05, 0.2)  # 8, 20 and 80 ratings per user (n = 400)
RANKS = (1, 2, 3, 4)  # the ratings were made at rank 3


def recommender_explorer(density=0.05, rank=2, m=600, n=400, max_iter=100, random_state=0,
                         densities=DENSITIES, ranks=RANKS):
    """Fraction observed and rank → held-out RMSE of every method (:mod:`nmf_ref.book.recommend`).

    Controls, in order: ``density`` (share of the entries rated: ``densities``) and
    ``rank`` (``ranks``), each with its start value added. At each density the
    ratings are drawn once (same seed, same tastes) and 20 % of them held out; at
    each rank every method is fitted to the rest, ``max_iter`` iterations. The
    title names the best method and its RMSE; the text alternative lists them all.
    """
    densities = sorted(set(densities) | {density})
    observed = {}
    for d in densities:  # the ratings and their split depend on the density only
        data = datasets.load("ratings", m=m, n=n, density=d, random_state=random_state)
        observed[d] = (data.X, *split(data.observed, 0.2, random_state))

    def draw(density, rank):
        X, train, test = observed[density]
        results = recommend.compare(X, train, test, rank, max_iter, random_state)
        best = min(results, key=results.get)
        setting = f"{density:.0%} observed ({train.sum()} training ratings), rank {rank}"
        verdict = f"best {best}, RMSE {results[best]:.3f}"
        every = ", ".join(f"{name} {value:.3f}" for name, value in results.items())
        return (plot_rmse(results, title=f"{setting}:\n{verdict}"),
                f"{setting}: {verdict}; {every}")

    # small matrices: one BLAS thread is faster than several sharing a busy machine
    with threadpool_limits(limits=1, user_api="blas"):
        return explorer(
            draw,
            density=Control(densities, "fraction observed", density,
                            format=lambda v: f"{v:.0%}"),
            rank=Control(sorted(set(ranks) | {rank}), "rank r", rank),
            note="Another setting: <code>nmf_ref.book.recommend.compare(X, train, test, "
                 "rank)</code> on <code>nmf_ref.book.datasets.load(\"ratings\", density=...)"
                 "</code>, drawn by <code>nmf_ref.book.plots.recommend.plot_rmse</code>.")
