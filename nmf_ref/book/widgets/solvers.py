"""Explorers of Parts I and II: the factorization, and each solver against scikit-learn.

Book: chapters 2 and 4-10. See :mod:`nmf_ref.book.widgets` for the pattern
every explorer follows.
"""

import ipywidgets as ipw
import numpy as np

from .. import plots
from ..compare import loss_curves
from ..restarts import restart_errors
from ...solve import nmf
from ._common import STYLE as _STYLE, show as _show
from .explorer import Control, explorer

INITS = ["random", "nndsvd", "nndsvda", "nndsvdar"]
SOLVERS = ["cd", "mu"]


def factorization_explorer(X, rank=2, init="random", solver="cd", random_state=0,
                           max_iter=200):
    """Rank, initialization and solver → X, W, H and WH as heatmaps (chapter 2).

    Controls, in order: ``rank`` (1 .. min(m, n)), ``init``, ``solver``; every
    combination is drawn once (see :func:`.explorer.explorer`). The figure's title
    carries the relative error ‖X − WH‖/‖X‖ and the number of iterations.
    """
    X = np.asarray(X, dtype=float)

    def draw(rank, init, solver):
        res = nmf(X, rank, solver=solver, init=init, random_state=random_state,
                  max_iter=max_iter)
        title = f"{solver}, init={init}, {res.n_iter} iterations"
        return plots.plot_factorization(X, res.W, res.H, title=title)

    return explorer(
        draw,
        rank=Control(range(1, min(X.shape) + 1), "rank r", rank),
        init=Control(INITS, "init", init),
        solver=Control(SOLVERS, "solver", solver),
        note="Another setting: <code>nmf_ref.nmf(X, rank, init=..., solver=...)</code>, "
             "drawn by <code>nmf_ref.book.plots.plot_factorization</code>.")


def mu_explorer(X, rank=4, init="random", n_iter=30, random_state=0, max_rank=None):
    """Rank, initialization and iterations → MU loss curves of nmf_ref and scikit-learn.

    Controls, in order: ``rank``, ``init``, ``iterations``. Both runs start
    from the same (W, H); the title reports the largest relative gap between
    the two curves (rounding, about 1e-15).
    """
    return _versus_sklearn(X, "mu", rank, init, n_iter, random_state, max_rank, 60)


def _versus_sklearn(X, solver, rank, init, n_iter, random_state, max_rank, most_iterations):
    """nmf_ref's ``solver`` against scikit-learn's, loss per iteration from one start."""
    X = np.asarray(X, dtype=float)
    theirs_name = {"hals": "cd"}.get(solver, solver)

    def draw(rank, init, iterations):
        curves = loss_curves(X, rank, init, iterations, random_state, solver)
        ours, theirs = curves["nmf_ref"], curves["scikit-learn"]
        gap = float(np.max(np.abs(ours - theirs) / theirs))
        return _show(plots.plot_loss_curves(
            {f"nmf_ref (rules/{solver}.py)": ours, f"scikit-learn, solver='{theirs_name}'": theirs},
            title=f"{solver.upper()} vs {theirs_name}, rank {rank}, init={init}: loss "
                  f"{ours[0]:.3g} → {ours[-1]:.3g}; largest relative gap {gap:.1e}"))

    return ipw.interactive(
        draw,
        rank=ipw.IntSlider(value=rank, min=1, max=max_rank or min(X.shape),
                           description="rank r", continuous_update=False, style=_STYLE),
        init=ipw.Dropdown(options=INITS, value=init, description="init", style=_STYLE),
        iterations=ipw.IntSlider(value=n_iter, min=5, max=most_iterations, step=5,
                                 description="iterations", continuous_update=False,
                                 style=_STYLE),
    )


# --- Part II: the solvers ---
# Book: chapters 5–10. Same pattern: a thin ``interactive`` over a plots function,
# the figure displayed in the output area and kept in ``widget.result``.

def nnls_explorer(c1=2.0, c2=-0.5, coupling=0.75):
    """The two-variable NNLS picture of chapter 5, with the linear term and the
    coupling of the quadratic as sliders.

    Q = [[2, 2ρ], [2ρ, 2]] with ρ = ``coupling`` in (−1, 1), c = (c₁, c₂). The
    more the two variables are coupled, the further ALS's clipped point lands
    from the constrained minimum.
    """

    def draw(c1, c2, coupling):
        Q = np.array([[2.0, 2 * coupling], [2 * coupling, 2.0]])
        return _show(plots.plot_nnls_2d(Q, np.array([c1, c2]), extent=4.0))

    slider = dict(continuous_update=False, style=_STYLE)
    return ipw.interactive(
        draw,
        c1=ipw.FloatSlider(value=c1, min=-3, max=3, step=0.25, description="c₁", **slider),
        c2=ipw.FloatSlider(value=c2, min=-3, max=3, step=0.25, description="c₂", **slider),
        coupling=ipw.FloatSlider(value=coupling, min=-0.9, max=0.9, step=0.05,
                                 description="coupling ρ", **slider),
    )


def learning_rate_explorer(X, rank=8, init="random", learning_rate=1e-3, n_iter=50,
                           random_state=0):
    """Projected gradient with a fixed learning rate (slider, log scale) against Lin's
    Armijo search, from the same start (chapter 6).

    The title says whether the fixed-step run ever increased the loss.
    """
    X = np.asarray(X, dtype=float)
    from ...init import initialize

    W0, H0 = initialize(X, rank, init, random_state)
    armijo = nmf(X, rank, solver="pgd", W=W0, H=H0, max_iter=n_iter, tol=0).loss

    def draw(learning_rate):
        with np.errstate(over="ignore", invalid="ignore"):
            fixed = nmf(X, rank, solver="pgd", W=W0, H=H0, max_iter=n_iter, tol=0,
                        learning_rate=learning_rate).loss
        rises = int((np.diff(fixed) > 0).sum())
        verdict = "never goes up" if rises == 0 else f"goes up {rises} times"
        return _show(plots.plot_learning_rates(
            {f"fixed step {learning_rate:.2g}": fixed, "Armijo (learning_rate=None)": armijo},
            title=f"fixed step {learning_rate:.2g}: the loss {verdict}"))

    return ipw.interactive(
        draw,
        learning_rate=ipw.FloatLogSlider(value=learning_rate, base=10, min=-4, max=-0.7,
                                         step=0.1, description="learning rate",
                                         readout_format=".2g", continuous_update=False,
                                         style=_STYLE),
    )


def hals_cd_explorer(X, rank=8, init="random", n_iter=20, random_state=0, max_rank=None):
    """nmf_ref's HALS against scikit-learn's ``cd``, iteration by iteration (chapter 7).

    Controls: ``rank``, ``init``, ``iterations``. scikit-learn's curve is rebuilt
    by restarting it with ``max_iter = k`` (see :mod:`nmf_ref.compare`).
    """
    return _versus_sklearn(X, "hals", rank, init, n_iter, random_state, max_rank, 40)


def restarts_explorer(X, rank=8, solvers=("hals", "mu"), n_restarts=20, max_iter=200,
                      tol=1e-4):
    """Many random restarts: where do they end? (chapter 8). Controls: ``rank``,
    ``restarts``.

    The figure shows each final error's gap to the best one (see
    :func:`nmf_ref.book.plots.plot_restarts`); the title gives each solver's
    range of final errors and how many of its runs converged (the stopping test
    fired before ``max_iter``): unconverged runs mix unfinished work into the spread.
    """
    X = np.asarray(X, dtype=float)

    def draw(rank, restarts):
        errors, notes = {}, []
        for s in solvers:
            errors[s], converged = restart_errors(X, rank, s, restarts, max_iter, tol,
                                                  return_converged=True)
            notes.append(f"{s}: {errors[s].min():.4f}–{errors[s].max():.4f}, "
                         f"{int(converged.sum())}/{restarts} converged")
        return _show(plots.plot_restarts(errors, title=f"rank {rank}, {restarts} random "
                                                       f"starts; " + "; ".join(notes)))

    return ipw.interactive(
        draw,
        rank=ipw.IntSlider(value=rank, min=2, max=min(16, min(X.shape)),
                           description="rank r", continuous_update=False, style=_STYLE),
        restarts=ipw.IntSlider(value=n_restarts, min=5, max=40, step=5,
                               description="restarts", continuous_update=False,
                               style=_STYLE),
    )


RACE_SOLVERS = ["nmf_ref mu", "nmf_ref hals", "nmf_ref als", "nmf_ref anls",
                "nmf_ref pgd", "sklearn cd", "sklearn mu"]


def race_explorer(run_race, data_sets, data_set=None, rank=10, init="nndsvda",
                  solvers=tuple(RACE_SOLVERS)):
    """The race of chapter 10, with data set, rank, start and solvers as controls.

    ``run_race(data_set, rank, init, solvers)`` must return ``(curves, best)``
    as :func:`nmf_ref.plots.plot_race` takes them (the chapter passes a thin
    wrapper around ``benchmarks/race.py``). ``data_sets`` lists the names.
    """

    def draw(data_set, rank, init, solvers):
        if not solvers:
            solvers = ("nmf_ref hals",)
        curves, best = run_race(data_set, rank, init, tuple(solvers))
        return _show(plots.plot_race(curves, best, title=f"{data_set}, rank {rank}, "
                                                         f"init={init}: same start for all"))

    return ipw.interactive(
        draw,
        data_set=ipw.Dropdown(options=list(data_sets), value=data_set or data_sets[0],
                              description="data", style=_STYLE),
        rank=ipw.IntSlider(value=rank, min=2, max=20, description="rank r",
                           continuous_update=False, style=_STYLE),
        init=ipw.Dropdown(options=INITS, value=init, description="init", style=_STYLE),
        solvers=ipw.SelectMultiple(options=RACE_SOLVERS, value=tuple(solvers), rows=7,
                                   description="solvers", style=_STYLE),
    )
