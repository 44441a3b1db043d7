"""Book: chapter 13 (Losses: the β-divergences).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Scikit-learn from the same start: :mod:`nmf_ref.book.compare`.
* Figures: :mod:`nmf_ref.book.plots.curves`, :mod:`nmf_ref.book.plots.practice`.
* Explorers: :mod:`nmf_ref.book.widgets.practice`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch13``; neither goes through this door.
"""

from nmf_ref.book.compare import sklearn_from
from nmf_ref.book.plots.curves import plot_loss_curves
from nmf_ref.book.plots.practice import plot_beta_divergences, relative_error_by_magnitude
from nmf_ref.book.widgets.practice import beta_explorer

__all__ = ["sklearn_from", "plot_loss_curves", "plot_beta_divergences",
           "relative_error_by_magnitude", "beta_explorer"]
