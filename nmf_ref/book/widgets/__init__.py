"""Interactive explorers: each one a thin ``ipywidgets.interactive`` over a figure.

Each explorer computes, hands the result to a function of
:mod:`nmf_ref.book.plots`, displays the figure inside the widget's output area
and returns it. Displaying it there is what lets the rendered book show the
figure without a kernel: the build stores the output area with the widget
state. The returned figure is kept in ``widget.result``, which is how the tests
drive the explorers without a kernel. One module per part or topic of the book
(:mod:`.solvers` for Parts I-II, then ``practice``, ``rank``, ``recommend``, ``scale``,
``acceleration``, ``faces``, ``topics``, ``audio``, and ``geometry`` for Part V, built
with :func:`.explorer.explorer`); this
package imports ipywidgets and matplotlib, ``import nmf_ref`` does not.
"""

from .solvers import (factorization_explorer, hals_cd_explorer, learning_rate_explorer,
                      mu_explorer, nnls_explorer, restarts_explorer)

__all__ = ["factorization_explorer", "hals_cd_explorer", "learning_rate_explorer",
           "mu_explorer", "nnls_explorer", "restarts_explorer"]
