"""Book: chapter 20 (Genomics: leukemia subtypes).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Figures: :mod:`nmf_ref.book.plots.rank`.
* Explorers: :mod:`nmf_ref.book.widgets.rank`.
* Timing: :mod:`nmf_ref.book.timing`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch20``; neither goes through this door.
"""

from nmf_ref.book.plots.rank import plot_metagenes
from nmf_ref.book.timing import stopwatch
from nmf_ref.book.widgets.rank import metagene_explorer

__all__ = ["plot_metagenes", "stopwatch", "metagene_explorer"]
