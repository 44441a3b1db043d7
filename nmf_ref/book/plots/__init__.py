"""The book's figures: pure functions that take data or results and return a Figure.

Every function builds its own figure with ``plt.subplots`` and closes it in
pyplot before returning, so nothing leaks into pyplot's global state and a
notebook shows each figure exactly once (when it is displayed, or when it is
the last value of a cell). Nothing here is random, so the same input draws the
same picture. One module per kind of picture:

* :mod:`.factors`: components as images, heatmaps of X, W, H and WH;
* :mod:`.geometry`: the rank-one landscape, cones and simplices, the NNLS plane;
* :mod:`.curves`: loss curves, step sizes, stopping tests, restarts, the race;
* one module per later chapter or topic (:mod:`.acceleration`, :mod:`.practice`,
  :mod:`.rank`, :mod:`.recommend`, :mod:`.scale`, :mod:`.faces`, :mod:`.topics`,
  :mod:`.audio`, :mod:`.polytopes`), imported from there (``from nmf_ref.book.plots import rank``).

This package imports matplotlib; ``import nmf_ref`` does not.
"""

from ._style import NMF_CMAP, SIGNED_CMAP
from .curves import (plot_learning_rates, plot_loss_curves, plot_race, plot_restarts,
                     plot_stopping)
from .factors import (plot_components, plot_factorization, plot_nmf_vs_pca,
                      plot_parts_of_sample)
from .geometry import (plot_cone_2d, plot_cone_simplex, plot_nnls_2d,
                       plot_rank_one_landscape, simplex_coordinates)

__all__ = ["NMF_CMAP", "SIGNED_CMAP", "plot_components", "plot_factorization",
           "plot_nmf_vs_pca", "plot_parts_of_sample", "plot_cone_2d", "plot_cone_simplex",
           "plot_nnls_2d", "plot_rank_one_landscape", "simplex_coordinates",
           "plot_learning_rates", "plot_loss_curves", "plot_race", "plot_restarts",
           "plot_stopping"]
