"""Explorer of chapter 15: how much is observed, what rank, and who predicts best.

See :mod:`nmf_ref.book.widgets` for the pattern every explorer follows.
"""

import ipywidgets as ipw

from .. import recommend
from ..datasets.ratings import ratings, split
from ..plots.recommend import plot_rmse
from ._common import STYLE as _STYLE, show as _show


def recommender_explorer(density=0.05, rank=2, m=600, n=400, max_iter=150, random_state=0):
    """Fraction observed and rank → held-out RMSE of every method (:mod:`nmf_ref.book.recommend`).

    Controls, in order: ``density`` (share of the entries rated, 2-20 %) and
    ``rank`` (1-8). Each change draws the ratings again at that density (same
    seed, same tastes), holds out 20 % of them and refits every method.
    """

    def draw(density, rank):
        data = ratings(m, n, density=density, random_state=random_state)
        train, test = split(data.observed, 0.2, random_state)
        results = recommend.compare(data.X, train, test, rank, max_iter, random_state)
        return _show(plot_rmse(results, title=f"{density:.0%} observed ({train.sum()} training "
                                              f"ratings), rank {rank}"))

    return ipw.interactive(
        draw,
        density=ipw.FloatSlider(value=density, min=0.02, max=0.2, step=0.01,
                                readout_format=".0%", description="fraction observed",
                                continuous_update=False, style=_STYLE),
        rank=ipw.IntSlider(value=rank, min=1, max=8, description="rank r",
                           continuous_update=False, style=_STYLE),
    )
