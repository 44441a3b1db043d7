"""Explorer of chapter 18 (topics in text): rank and model → top words and coherence.

Book: chapter 18. Every fit is made beforehand (:func:`nmf_ref.book.topics.fit_topic_models`),
and the explorer draws one frame per fit. See :mod:`nmf_ref.book.widgets` for the
pattern every explorer follows.
"""

from ..plots.topics import plot_top_words
from ..topics import MODELS, coherence_by_rank
from .explorer import Control, explorer


def topics_explorer(fits, vocab, rank=10, model="frobenius", n_words=8):
    """Rank and model → each topic's top words as bars, and the
    mean coherence of every model against rank with the current choice circled.

    ``fits`` is ``{(model, rank): TopicFit}`` from
    :func:`nmf_ref.book.topics.fit_topic_models`; the slider offers its ranks,
    the dropdown its models (labelled as in :data:`nmf_ref.book.topics.MODELS`).
    """
    if not fits:
        raise ValueError("fits is empty: pass fit_topic_models(X_tfidf, X_counts, ranks).")
    models = list(dict.fromkeys(m for m, _ in fits))
    ranks = sorted({r for _, r in fits})
    if (model, rank) not in fits:
        raise ValueError(f"(model, rank) = ({model!r}, {rank}) was not fitted; fitted models "
                         f"{models}, ranks {ranks}.")
    curves = coherence_by_rank(fits)

    def draw(rank, model):
        fit = fits[(model, rank)]
        title = (f"{MODELS.get(model, model)}, rank {rank}: mean coherence "
                 f"{fit.coherence.mean():.3f} (NPMI of the top 10 words, averaged over topics)")
        return plot_top_words(fit.H, vocab, n_words, coherence=fit.coherence, title=title,
                              curves=curves, labels=MODELS, highlight=(model, rank))

    return explorer(
        draw,
        rank=Control(ranks, "rank r", rank),
        model=Control(models, "model", model, format=lambda m: MODELS.get(m, m)),
        note="Other ranks or models: <code>nmf_ref.book.topics.fit_topic_models(X_tfidf, "
             "X_counts, ranks)</code>.")
