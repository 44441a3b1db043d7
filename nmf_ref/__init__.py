"""nmf_ref: a readable, pure-NumPy reference implementation of NMF.

>>> import numpy as np, nmf_ref
>>> X = np.array([[1., 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
>>> res = nmf_ref.nmf(X, 2, init="random", random_state=0)
>>> res.W.shape, res.H.shape
((3, 2), (2, 4))

The core (this namespace, and :mod:`nmf_ref.rank` for choosing the rank) needs
NumPy only. ``nmf_ref.estimator.NMF`` needs scikit-learn, and the book layer
:mod:`nmf_ref.book` (figures, widgets, exercise checkers, data loaders)
matplotlib, ipywidgets, scikit-learn and SciPy; each imports them itself.
"""

from . import rank
from .init import initialize
from .losses import beta_divergence, frobenius, reconstruction_error
from .result import NMFResult
from .solve import nmf

__all__ = ["nmf", "NMFResult", "initialize", "frobenius", "beta_divergence",
           "reconstruction_error", "rank"]
__version__ = "0.1.0"
