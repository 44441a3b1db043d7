"""Book: chapter 14 (Penalties and sparsity).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Scikit-learn from the same start: :mod:`nmf_ref.book.compare`.
* Figures: :mod:`nmf_ref.book.plots.factors`, :mod:`nmf_ref.book.plots.practice`.
* Explorers: :mod:`nmf_ref.book.widgets.practice`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch14``; neither goes through this door.
"""

from nmf_ref.book.compare import sklearn_from
from nmf_ref.book.plots.factors import plot_components
from nmf_ref.book.plots.practice import plot_rescaling, plot_tradeoff
from nmf_ref.book.widgets.practice import penalty_explorer

__all__ = ["sklearn_from", "plot_components", "plot_rescaling", "plot_tradeoff",
           "penalty_explorer"]
