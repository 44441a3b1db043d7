"""Book: chapter 11 (Starting points and restarts).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Computations: :mod:`nmf_ref.book.restarts`.
* Figures: :mod:`nmf_ref.book.plots.practice`.
* Explorers: :mod:`nmf_ref.book.widgets.practice`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch11``; neither goes through this door.
"""

from nmf_ref.book.plots.practice import plot_starts
from nmf_ref.book.restarts import (NNDSVD_INITS, best_of_k_probability, environment,
                                   restart_errors, start_errors)
from nmf_ref.book.widgets.practice import starts_explorer

__all__ = ["plot_starts", "NNDSVD_INITS", "best_of_k_probability", "environment",
           "restart_errors", "start_errors", "starts_explorer"]
