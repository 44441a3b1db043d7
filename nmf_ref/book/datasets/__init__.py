"""Data for the chapters: generators with known factors, and real data that ships in packages.

Nothing here downloads anything: the machines that build the book have no
internet. One module per source, each naming its origin and licence:

* :mod:`.synthetic`: seeded generators (``low_rank``, ``cone_data``, ``separable``, ``topic_counts``);
* :mod:`.bundled`: scikit-learn's digits, scikit-image's faces;
* :mod:`.hyperspectral`: a generated hyperspectral image (generated spectra, not real
  ones: no installed package ships reflectance spectra).

Further loaders live beside them and are imported from their own module
(``from nmf_ref.book.datasets import golub``).
"""

from .bundled import digits, faces
from .synthetic import cone_data, low_rank, separable, topic_counts

__all__ = ["digits", "faces", "cone_data", "low_rank", "separable", "topic_counts"]
