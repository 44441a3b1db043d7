"""Book: chapter 16 (Scaling up).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Computations: :mod:`nmf_ref.book.scaling`.
* Figures: :mod:`nmf_ref.book.plots.scale`.
* Explorers: :mod:`nmf_ref.book.widgets.scale`.
* Timing: :mod:`nmf_ref.book.timing`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch16``; neither goes through this door.
"""

from nmf_ref.book.plots.scale import plot_error_vs_time
from nmf_ref.book.scaling import batch_vs_minibatch, costs, time_parts
from nmf_ref.book.timing import stopwatch
from nmf_ref.book.widgets.scale import cost_explorer

__all__ = ["plot_error_vs_time", "batch_vs_minibatch", "costs", "time_parts", "stopwatch",
           "cost_explorer"]
