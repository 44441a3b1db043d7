"""Interactive explorers: each one a thin ``ipywidgets.interactive`` over a plot.

Book: chapters 2 and 4. Each explorer computes, hands the result to a
function of :mod:`nmf_ref.plots`, displays the figure inside the widget's
output area and returns it. Displaying it there is what lets the rendered book
show the figure without a kernel: the build stores the output area with the
widget state. The returned figure is kept in ``widget.result``, which is how
the tests drive the explorers without a kernel.

This module imports ipywidgets and matplotlib; ``import nmf_ref`` does not.
"""

import ipywidgets as ipw
import numpy as np
from IPython.display import display

from . import plots
from .compare import mu_loss_curves
from .solve import nmf

INITS = ["random", "nndsvd", "nndsvda", "nndsvdar"]
SOLVERS = ["cd", "mu"]
_STYLE = {"description_width": "initial"}


def _show(fig):
    display(fig)
    return fig


def factorization_explorer(X, rank=2, init="random", solver="cd", random_state=0,
                           max_iter=200):
    """Rank, initialization and solver → X, W, H and WH as heatmaps (chapter 2).

    Controls, in order: ``rank`` (1 .. min(m, n)), ``init``, ``solver``.
    The figure's title carries the relative error ‖X − WH‖/‖X‖.
    """
    X = np.asarray(X, dtype=float)

    def draw(rank, init, solver):
        res = nmf(X, rank, solver=solver, init=init, random_state=random_state,
                  max_iter=max_iter)
        title = f"{solver}, init={init}, {res.n_iter} iterations"
        return _show(plots.plot_factorization(X, res.W, res.H, title=title))

    return ipw.interactive(
        draw,
        rank=ipw.IntSlider(value=rank, min=1, max=min(X.shape), description="rank r",
                           continuous_update=False, style=_STYLE),
        init=ipw.Dropdown(options=INITS, value=init, description="init", style=_STYLE),
        solver=ipw.Dropdown(options=SOLVERS, value=solver, description="solver",
                            style=_STYLE),
    )


def mu_explorer(X, rank=4, init="random", n_iter=30, random_state=0, max_rank=None):
    """Rank, initialization and iterations → MU loss curves of nmf_ref and scikit-learn.

    Controls, in order: ``rank``, ``init``, ``iterations``. Both runs start
    from the same (W, H); the title reports the largest relative gap between
    the two curves (rounding, about 1e-15).
    """
    X = np.asarray(X, dtype=float)
    max_rank = max_rank or min(X.shape)

    def draw(rank, init, iterations):
        curves = mu_loss_curves(X, rank, init, iterations, random_state)
        ours, theirs = curves["nmf_ref"], curves["scikit-learn"]
        gap = float(np.max(np.abs(ours - theirs)) / ours[0])
        title = (f"MU, rank {rank}, init={init}: loss {ours[0]:.3g} → {ours[-1]:.3g}; "
                 f"largest gap {gap:.1e}")
        return _show(plots.plot_loss_curves(
            {"nmf_ref (rules/mu.py)": ours, "scikit-learn, solver='mu'": theirs},
            title=title))

    return ipw.interactive(
        draw,
        rank=ipw.IntSlider(value=rank, min=1, max=max_rank, description="rank r",
                           continuous_update=False, style=_STYLE),
        init=ipw.Dropdown(options=INITS, value=init, description="init", style=_STYLE),
        iterations=ipw.IntSlider(value=n_iter, min=5, max=60, step=5,
                                 description="iterations", continuous_update=False,
                                 style=_STYLE),
    )
