"""Book: chapter 12 (Choosing the rank).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Figures: :mod:`nmf_ref.book.plots.rank`.
* Explorers: :mod:`nmf_ref.book.widgets.rank`.
* Timing: :mod:`nmf_ref.book.timing`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch12``; neither goes through this door.
"""

from nmf_ref.book.plots.rank import plot_consensus_maps, plot_cophenetic, plot_rank_selection
from nmf_ref.book.timing import best_time, stopwatch
from nmf_ref.book.widgets.rank import rank_explorer

__all__ = ["plot_consensus_maps", "plot_cophenetic", "plot_rank_selection", "best_time",
           "stopwatch", "rank_explorer"]
