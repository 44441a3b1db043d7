"""Book: chapter 18 (Topics in text).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Computations: :mod:`nmf_ref.book.topics`.
* Scikit-learn from the same start: :mod:`nmf_ref.book.compare`.
* Figures: :mod:`nmf_ref.book.plots.topics`.
* Explorers: :mod:`nmf_ref.book.widgets.topics`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch18``; neither goes through this door.
"""

from nmf_ref.book.compare import sklearn_from
from nmf_ref.book.plots.topics import plot_coherence_by_rank, plot_top_words, plot_topic_mix
from nmf_ref.book.topics import (MODELS, TOKEN_PATTERN, coherence_by_rank, document_term_matrices,
                                 fit_topic_model, fit_topic_models, npmi, top_words,
                                 topic_coherence, topic_shares)
from nmf_ref.book.widgets.topics import topics_explorer

__all__ = ["sklearn_from", "plot_coherence_by_rank", "plot_top_words", "plot_topic_mix", "MODELS",
           "TOKEN_PATTERN", "coherence_by_rank", "document_term_matrices", "fit_topic_model",
           "fit_topic_models", "npmi", "top_words", "topic_coherence", "topic_shares",
           "topics_explorer"]
