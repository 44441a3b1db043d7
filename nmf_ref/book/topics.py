"""Topics in text: the document-term matrices, topic coherence (NPMI), topic shares.

Book: chapter 18. Small on purpose: the chapter fits NMF with :func:`nmf_ref.nmf`
and latent Dirichlet allocation with scikit-learn; this module holds what the
chapter needs around them and what its tests check.

* :func:`document_term_matrices`: tf-idf and raw counts over one vocabulary;
* :func:`npmi` and :func:`topic_coherence`: normalized pointwise mutual
  information (Bouma 2009) of a topic's top words, from document co-occurrence
  in the corpus itself;
* :func:`top_words`, :func:`topic_shares`: what a topic is and which document is
  about what;
* :func:`fit_topic_models`: every model at every rank, once, so that the
  chapter's explorer only redraws.
"""

from dataclasses import dataclass

import numpy as np

from ..solve import nmf

TOKEN_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z]+\b"  # words of two letters or more, no numbers
MODELS = {
    "frobenius": "NMF, Frobenius, on tf-idf",
    "kullback-leibler": "NMF, KL (PLSA), on counts",
    "lda": "LDA (scikit-learn), on counts",
}


def document_term_matrices(docs, min_df=3, max_df=0.5):
    """tf-idf and counts of ``docs`` over one vocabulary: ``(X_tfidf, X_counts, vocab)``.

    The vocabulary keeps the words (two letters or more, no digits, not in
    scikit-learn's English stop-word list) that occur in at least ``min_df``
    documents and in at most a fraction ``max_df`` of them. Rows of
    ``X_tfidf`` have unit Euclidean norm (scikit-learn's default). Both
    matrices are dense float arrays (documents × words); ``vocab`` is an array
    of the words, in column order.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    if isinstance(docs, str) or not all(isinstance(d, str) for d in docs):
        raise TypeError("docs must be a list of strings, one per document.")
    counts = CountVectorizer(stop_words="english", token_pattern=TOKEN_PATTERN,
                             min_df=min_df, max_df=max_df)
    C = counts.fit_transform(docs)
    X = TfidfTransformer().fit_transform(C)  # = TfidfVectorizer with the same settings
    return X.toarray(), C.toarray().astype(float), counts.get_feature_names_out()


def npmi(D, i, j):
    """NPMI of words ``i`` and ``j`` from a binary document-word matrix ``D``.

    With N documents, p_i the fraction of documents that contain word i and
    p_ij the fraction that contain both,

        NPMI(i, j) = log(p_ij / (p_i p_j)) / (−log p_ij),

    which lies in [−1, 1]: −1 when the words never meet (p_ij = 0), 0 when
    they are independent, 1 when each occurs only with the other. ``i`` and
    ``j`` may be arrays of word indices (NPMI of each pair, elementwise).
    A pair that occurs together in every document (p_ij = 1) gets 1.
    """
    D = _binary(D)
    i, j = np.asarray(i), np.asarray(j)
    N = D.shape[0]
    df = D.sum(axis=0)
    p_i, p_j = df[i] / N, df[j] / N
    p_ij = np.einsum("dk,dk->k", D[:, i.ravel()], D[:, j.ravel()]).reshape(i.shape) / N
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.log(p_ij / (p_i * p_j)) / -np.log(p_ij)
    value = np.where(p_ij == 0, -1.0, np.where(p_ij == 1, 1.0, value))
    return value if value.ndim else float(value)


def top_words(H, n_words=10):
    """Indices of the ``n_words`` largest entries of each row of ``H``, largest first
    (ties broken by the lower index, so the order is deterministic)."""
    H = np.asarray(H, dtype=float)
    if H.ndim != 2:
        raise ValueError(f"H must be 2-D (topics × words), got shape {H.shape}.")
    if isinstance(n_words, bool) or not isinstance(n_words, (int, np.integer)) \
            or not 1 <= n_words <= H.shape[1]:
        raise ValueError(f"n_words must be an integer in 1..{H.shape[1]}, got {n_words!r}.")
    return np.argsort(-H, axis=1, kind="stable")[:, :n_words]


def topic_coherence(H, D, n_words=10):
    """Coherence of each topic (row of ``H``): the mean NPMI over the
    n(n−1)/2 pairs of its ``n_words`` top words, co-occurrence counted in the
    documents of ``D`` (documents × words; any count > 0 means "present").
    Returns an array with one value per topic, each in [−1, 1]."""
    H = np.asarray(H, dtype=float)
    D = _binary(D)
    if H.ndim != 2 or H.shape[1] != D.shape[1]:
        raise ValueError(f"H must have one column per word of D ({D.shape[1]}), "
                         f"got shape {np.shape(H)}.")
    if n_words < 2:
        raise ValueError(f"n_words must be at least 2 (coherence is about pairs), got {n_words!r}.")
    top = top_words(H, n_words)
    a, b = np.triu_indices(n_words, k=1)
    return np.array([npmi(D, t[a], t[b]).mean() for t in top])


def topic_shares(W, H):
    """Each document's mix of topics: row d holds the share of document d's total
    weight (the sum of row d of WH) that each topic accounts for.

    Scaling a topic (row of H) by c and its column of W by 1/c leaves WH
    unchanged, so W's rows alone mean nothing until H's scale is fixed: the
    share of topic k in document d is W_dk · Σ_j H_kj, normalized over k
    (with H's rows summed to one, this is PLSA's P(topic | document)). A
    document with no weight at all gets shares of zero.
    """
    W, H = np.asarray(W, dtype=float), np.asarray(H, dtype=float)
    if W.ndim != 2 or H.ndim != 2 or W.shape[1] != H.shape[0]:
        raise ValueError(f"W (m×r) and H (r×n) must share r, got shapes {W.shape} and {H.shape}.")
    C = W * H.sum(axis=1)
    total = C.sum(axis=1, keepdims=True)
    return np.divide(C, total, out=np.zeros_like(C), where=total > 0)


@dataclass
class TopicFit:
    """One model at one rank: its topics ``H`` (rank × words), its document
    weights ``W`` (documents × rank), and each topic's coherence."""

    model: str
    rank: int
    W: np.ndarray
    H: np.ndarray
    coherence: np.ndarray


def fit_topic_model(model, rank, X_tfidf, X_counts, max_iter=200, random_state=0,
                    n_words=10):
    """Fit one of :data:`MODELS` at ``rank`` and score its topics on ``X_counts``.

    * ``"frobenius"``: ``nmf_ref.nmf(X_tfidf, rank, solver="hals")`` (NNDSVDa start);
    * ``"kullback-leibler"``: ``nmf_ref.nmf(X_counts, rank, solver="mu",
      beta_loss="kullback-leibler")``, which is PLSA (NNDSVDa start);
    * ``"lda"``: ``LatentDirichletAllocation(rank, random_state=random_state)``
      with scikit-learn's defaults otherwise (the practitioner's first try); its
      ``W`` is the document-topic distribution.
    """
    if model == "frobenius":
        res = nmf(X_tfidf, rank, solver="hals", init="nndsvda", max_iter=max_iter)
        W, H = res.W, res.H
    elif model == "kullback-leibler":
        res = nmf(X_counts, rank, solver="mu", beta_loss="kullback-leibler",
                  init="nndsvda", max_iter=max_iter)
        W, H = res.W, res.H
    elif model == "lda":
        from sklearn.decomposition import LatentDirichletAllocation

        lda = LatentDirichletAllocation(n_components=rank, random_state=random_state)
        W, H = lda.fit_transform(X_counts), lda.components_
    else:
        raise ValueError(f"model must be one of {list(MODELS)}, got {model!r}.")
    return TopicFit(model, rank, W, H, topic_coherence(H, X_counts, n_words))


def fit_topic_models(X_tfidf, X_counts, ranks, models=tuple(MODELS), **kwargs):
    """:func:`fit_topic_model` for every model and rank: ``{(model, rank): TopicFit}``."""
    return {(model, int(r)): fit_topic_model(model, int(r), X_tfidf, X_counts, **kwargs)
            for model in models for r in ranks}


def coherence_by_rank(fits):
    """``{model: (ranks, mean coherence at each rank)}`` from :func:`fit_topic_models`."""
    out = {}
    for (model, rank), fit in fits.items():  # models in the order they were fitted
        out.setdefault(model, []).append((rank, float(fit.coherence.mean())))
    return {m: tuple(np.array(c) for c in zip(*sorted(pairs))) for m, pairs in out.items()}


def _binary(D):
    D = np.asarray(D)
    if D.ndim != 2 or D.size == 0:
        raise ValueError(f"D must be a non-empty 2-D array (documents × words), got shape {D.shape}.")
    if not np.issubdtype(D.dtype, np.number) and D.dtype != bool:
        raise TypeError(f"D must hold numbers (counts or 0/1), got dtype {D.dtype}.")
    if (D < 0).any():
        raise ValueError("D must be non-negative (counts or 0/1 presence).")
    return (D > 0).astype(float)
