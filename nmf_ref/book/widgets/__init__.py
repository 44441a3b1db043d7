"""Explorers: every one built by :func:`.explorer.explorer`, which draws a figure of
:mod:`nmf_ref.book.plots` for every setting of a small grid when the notebook runs,
and lets the page switch between the frames in the browser, with no kernel. The
tests drive them without a kernel too (``ex.controls``, ``ex.current()``,
``ex.draw(...)``). One module per part or topic of the book (:mod:`.solvers` for
Parts I-II, then ``practice``, ``rank``, ``recommend``, ``scale``, ``acceleration``,
``faces``, ``topics``, ``audio``, and ``geometry``, ``minvol``, ``clustering`` for
Part V); this package imports ipywidgets and matplotlib, ``import nmf_ref`` does not.
"""

from .solvers import (factorization_explorer, hals_cd_explorer, learning_rate_explorer,
                      mu_explorer, nnls_explorer, restarts_explorer)

__all__ = ["factorization_explorer", "hals_cd_explorer", "learning_rate_explorer",
           "mu_explorer", "nnls_explorer", "restarts_explorer"]
