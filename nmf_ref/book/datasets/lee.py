"""The Lee background corpus: 300 short news articles, read from inside gensim's wheel.

Book: chapter 18 (topics in text). The corpus was collected by Lee, Pincombe and
Welsh (2005) as background text for their study of document similarity (articles
selected from the Australian Broadcasting Corporation's news e-mail service). gensim
(LGPL-2.1) ships it for its own tests as ``gensim/test/test_data/lee_background.cor``,
one article per line. This module finds that file with
``importlib.util.find_spec``, which locates the installed package **without
importing it** (gensim itself is never imported, so its compiled parts and their
NumPy requirements play no role), and reads it as plain UTF-8 text. Nothing is
downloaded.
"""

import importlib.util
import os

from .registry import register

N_DOCS = 300
_PARTS = ("test", "test_data", "lee_background.cor")
_INSTALL = "pip install 'gensim>=4.4,<5'"


def corpus_path():
    """The path of ``lee_background.cor`` inside the installed gensim package.

    Raises
    ------
    ModuleNotFoundError
        If gensim is not installed (the message says how to install it).
    FileNotFoundError
        If this gensim does not ship the file.
    """
    spec = importlib.util.find_spec("gensim")  # finds the package, does not import it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "The Lee corpus is read from inside the gensim package, which is not "
            f"installed. Install it with: {_INSTALL}")
    for root in spec.submodule_search_locations:
        path = os.path.join(root, *_PARTS)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        f"This gensim ({list(spec.submodule_search_locations)}) has no "
        f"{'/'.join(_PARTS)}; reinstall it with: {_INSTALL}")


@register("lee",
          source="M. D. Lee, B. Pincombe and M. Welsh, An empirical evaluation of models of "
                 "text document similarity (CogSci 2005): the Lee background corpus, as "
                 "shipped in gensim (gensim/test/test_data/lee_background.cor)",
          licence="shipped in gensim (LGPL-2.1) as test data; the articles are from the "
                  "Australian Broadcasting Corporation's news e-mail service")
def lee_background():
    """The 300 articles of the Lee background corpus and their tf-idf matrix.

    ``X`` is the articles × words tf-idf matrix of chapter 18
    (:func:`nmf_ref.book.topics.document_term_matrices`, its default settings).
    Extras: ``docs``, the articles as a list of strings, in file order (leading
    and trailing white space removed; the same index always means the same
    article); ``counts``, the word counts over the same vocabulary; ``words``,
    the vocabulary in column order.
    """
    from ..topics import document_term_matrices

    with open(corpus_path(), encoding="utf-8") as f:
        docs = [line.strip() for line in f if line.strip()]
    if len(docs) != N_DOCS:
        raise ValueError(f"Expected {N_DOCS} articles in {corpus_path()}, found {len(docs)}.")
    X, counts, words = document_term_matrices(docs)
    return {"X": X, "docs": docs, "counts": counts, "words": words}


def first_words(doc, n_words=10):
    """The first ``n_words`` words of ``doc``, with "…" if there are more (the
    articles have no titles, so their opening words stand in for one)."""
    if not isinstance(doc, str):
        raise TypeError(f"doc must be a string (one article), got {type(doc).__name__}.")
    if isinstance(n_words, bool) or not isinstance(n_words, int) or n_words < 1:
        raise ValueError(f"n_words must be a positive integer, got {n_words!r}.")
    words = doc.split()
    return " ".join(words[:n_words]) + (" …" if len(words) > n_words else "")
