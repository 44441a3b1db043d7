"""Explorer of chapter 18 (topics in text): rank and model → top words and coherence.

Book: chapter 18. Every fit is made beforehand (:func:`nmf_ref.book.topics.fit_topic_models`),
so moving a control only redraws. See :mod:`nmf_ref.book.widgets` for the
pattern every explorer follows.
"""

import ipywidgets as ipw

from ..plots.topics import plot_top_words
from ..topics import MODELS, coherence_by_rank
from ._common import STYLE as _STYLE, show as _show


def topics_explorer(fits, vocab, rank=10, model="frobenius", n_words=8):
    """Rank slider and model dropdown → each topic's top words as bars, and the
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
        return _show(plot_top_words(fit.H, vocab, n_words, coherence=fit.coherence,
                                    title=title, curves=curves, labels=MODELS,
                                    highlight=(model, rank)))

    return ipw.interactive(
        draw,
        rank=ipw.SelectionSlider(options=ranks, value=rank, description="rank r",
                                 continuous_update=False, style=_STYLE),
        model=ipw.Dropdown(options=[(MODELS.get(m, m), m) for m in models], value=model,
                           description="model", style=_STYLE),
    )
