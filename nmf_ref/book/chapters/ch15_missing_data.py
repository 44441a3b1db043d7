"""Book: chapter 15 (Missing data and recommendations).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Computations: :mod:`nmf_ref.book.recommend`.
* Figures: :mod:`nmf_ref.book.plots.curves`, :mod:`nmf_ref.book.plots.recommend`.
* Explorers: :mod:`nmf_ref.book.widgets.recommend`.
* Timing: :mod:`nmf_ref.book.timing`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch15``; neither goes through this door.
"""

from nmf_ref.book.plots.curves import plot_loss_curves
from nmf_ref.book.plots.recommend import plot_observed_pattern, plot_rmse, plot_rmse_by_rank
from nmf_ref.book.recommend import (BIAS_METHODS, METHODS, choose_bias_reg, compare, masked_nmf,
                                    rmse, rmse_by_rank, zero_filled_sklearn)
from nmf_ref.book.timing import stopwatch
from nmf_ref.book.widgets.recommend import recommender_explorer

__all__ = ["plot_loss_curves", "plot_observed_pattern", "plot_rmse", "plot_rmse_by_rank",
           "BIAS_METHODS", "METHODS", "choose_bias_reg", "compare", "masked_nmf", "rmse",
           "rmse_by_rank", "zero_filled_sklearn", "stopwatch", "recommender_explorer"]
