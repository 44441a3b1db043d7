"""Topics in text: top words as bars, coherence against rank, each document's topic mix.

Book: chapter 18. Topic k has the same colour in every figure
(:func:`topic_color`), so a topic's bars and its slice of a document's mix match.
"""

import matplotlib.pyplot as plt
import numpy as np

from ._style import finish

_MARKERS = ["o", "s", "^", "d", "v"]


def topic_color(k):
    """The colour of topic ``k`` in every figure of the chapter: ``tab10``'s ten
    colours for topics 0-9, their lighter ``tab20`` twins for topics 10-19, and so on."""
    k = k % 20
    return plt.get_cmap("tab10")(k) if k < 10 else plt.get_cmap("tab20")(2 * (k - 10) + 1)


def plot_top_words(H, vocab, n_words=8, coherence=None, title=None, ncols=5,
                   curves=None, labels=None, highlight=None):
    """The ``n_words`` heaviest words of each topic (row of ``H``), one bar chart per topic.

    Bars are the word's weight divided by the topic's largest weight, heaviest
    at the top. With ``coherence`` (one number per topic) each panel's title
    carries it. With ``curves`` (``{model: (ranks, mean coherence)}``, as
    :func:`nmf_ref.book.topics.coherence_by_rank` returns it) a first panel
    draws coherence against rank, with ``highlight = (model, rank)`` circled;
    ``labels`` maps model keys to legend labels.
    """
    H = np.asarray(H, dtype=float)
    vocab = np.asarray(vocab)
    if H.ndim != 2 or H.shape[1] != len(vocab):
        raise ValueError(f"H must have one column per word of vocab ({len(vocab)}), "
                         f"got shape {H.shape}.")
    r = H.shape[0]
    ncols = min(ncols, r)
    nrows = -(-r // ncols)
    top_h = 2.6 if curves else 0.0
    fig = plt.figure(figsize=(2.5 * ncols + 0.6, top_h + 0.24 * n_words * nrows + 0.5 * nrows + 0.5))
    grid = fig.add_gridspec(nrows + bool(curves), ncols,
                            height_ratios=([top_h] if curves else []) + [0.24 * n_words + 0.5] * nrows)
    if curves:
        _draw_coherence(fig.add_subplot(grid[0, :]), curves, labels, highlight)
    top = np.argsort(-H, axis=1, kind="stable")[:, :n_words]
    for k in range(r):
        ax = fig.add_subplot(grid[bool(curves) + k // ncols, k % ncols])
        weights = H[k, top[k]] / max(H[k, top[k][0]], np.finfo(float).tiny)
        y = np.arange(n_words)[::-1]
        ax.barh(y, weights, color=topic_color(k), height=0.75)
        ax.set_yticks(y, vocab[top[k]], fontsize=8)
        ax.set_xlim(0, 1.05)
        ax.set_xticks([])
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        head = f"topic {k}"
        if coherence is not None:
            head += f" · NPMI {coherence[k]:.2f}"
        ax.set_title(head, fontsize=8.5)
    return finish(fig, title)


def plot_coherence_by_rank(curves, labels=None, highlight=None, title=None):
    """Mean topic coherence (NPMI) against rank, one line per model.

    ``curves`` is ``{model: (ranks, values)}``; ``labels`` maps model keys to
    legend labels; ``highlight = (model, rank)`` circles one point.
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    _draw_coherence(ax, curves, labels, highlight)
    return finish(fig, title, ax=ax)


def _draw_coherence(ax, curves, labels, highlight):
    labels = labels or {}
    all_ranks = sorted({int(r) for ranks, _ in curves.values() for r in ranks})
    for k, (model, (ranks, values)) in enumerate(curves.items()):
        ax.plot(ranks, values, marker=_MARKERS[k % len(_MARKERS)], lw=1.8, ms=5,
                label=labels.get(model, model))
        if highlight and highlight[0] == model and highlight[1] in list(ranks):
            v = values[list(ranks).index(highlight[1])]
            ax.plot([highlight[1]], [v], "o", ms=14, mfc="none", mec="k", mew=1.5)
    ax.set(xlabel="rank r (number of topics)", ylabel="mean NPMI of top 10 words")
    ax.set_xticks(all_ranks)
    ax.axhline(0, color="0.6", lw=0.8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")


def plot_topic_mix(shares, doc_labels, topic_labels=None, title=None):
    """Each document's topic mix as one horizontal stacked bar (shares sum to 1).

    ``shares`` is documents × topics (rows summing to 1, as
    :func:`nmf_ref.book.topics.topic_shares` returns them); ``doc_labels`` are
    the bars' labels (for example each article's first words); ``topic_labels``
    name the topics in the legend (default "topic k").
    """
    shares = np.asarray(shares, dtype=float)
    if shares.ndim != 2 or len(doc_labels) != shares.shape[0]:
        raise ValueError(f"shares must be documents × topics with one label per document; "
                         f"got shape {shares.shape} and {len(doc_labels)} labels.")
    n, r = shares.shape
    topic_labels = topic_labels or [f"topic {k}" for k in range(r)]
    fig, ax = plt.subplots(figsize=(10, 0.4 * max(n, r / 2) + 1.2))
    left = np.zeros(n)
    y = np.arange(n)[::-1]
    for k in range(r):
        ax.barh(y, shares[:, k], left=left, color=topic_color(k), height=0.7,
                label=topic_labels[k])
        left += shares[:, k]
    ax.set_yticks(y, doc_labels, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the document's weight")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return finish(fig, title, ax=ax)
