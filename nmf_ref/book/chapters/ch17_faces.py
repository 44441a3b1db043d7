"""Book: chapter 17 (Faces: parts, not eigenfaces).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Scikit-learn from the same start: :mod:`nmf_ref.book.compare`.
* Figures: :mod:`nmf_ref.book.plots.faces`, :mod:`nmf_ref.book.plots.factors`.
* Explorers: :mod:`nmf_ref.book.widgets.faces`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch17``; neither goes through this door.
"""

from nmf_ref.book.compare import sklearn_from
from nmf_ref.book.plots.faces import plot_error_vs_rank, plot_faces, plot_galleries
from nmf_ref.book.plots.factors import plot_components
from nmf_ref.book.widgets.faces import parts_explorer

__all__ = ["sklearn_from", "plot_error_vs_rank", "plot_faces", "plot_galleries",
           "plot_components", "parts_explorer"]
