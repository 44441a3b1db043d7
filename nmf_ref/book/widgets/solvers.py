"""Explorers of Parts I and II: the factorization, and each solver against scikit-learn.

Book: chapters 2 and 4-10. See :mod:`nmf_ref.book.widgets` for the pattern
every explorer follows.
"""

import numpy as np

from .. import plots
from ..compare import loss_curves
from ..restarts import restart_errors
from ...solve import nmf
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


def mu_explorer(X, rank=4, init="random", n_iter=30, random_state=0, max_rank=None,
                ranks=(2, 4, 8, 16), iterations=(10, 30, 60)):
    """Rank, initialization and iterations → MU loss curves of nmf_ref and scikit-learn
    (chapter 4).

    Controls, in order: ``rank`` (``ranks`` up to ``max_rank``), ``init``,
    ``iterations``. Both runs start from the same (W, H); the title reports the
    largest relative gap between the two curves (rounding, about 1e-15).
    """
    return _versus_sklearn(X, "mu", rank, init, n_iter, random_state, max_rank, ranks,
                           iterations)


def _versus_sklearn(X, solver, rank, init, n_iter, random_state, max_rank, ranks, iterations):
    """nmf_ref's ``solver`` against scikit-learn's, loss per iteration from one start.
    Each (rank, init) is run once for the most iterations; fewer iterations are the
    first entries of those curves (scikit-learn's is rebuilt one ``max_iter`` at a
    time, so its shorter curves are exactly these prefixes)."""
    X = np.asarray(X, dtype=float)
    theirs_name = {"hals": "cd"}.get(solver, solver)
    ranks = [r for r in ranks if r <= (max_rank or min(X.shape))]
    runs = {}

    def draw(rank, init, iterations):
        if (rank, init) not in runs:
            runs[rank, init] = loss_curves(X, rank, init, max(iterations_grid), random_state,
                                           solver)
        curves = runs[rank, init]
        ours, theirs = curves["nmf_ref"][:iterations + 1], curves["scikit-learn"][:iterations + 1]
        gap = float(np.max(np.abs(ours - theirs) / theirs))
        return plots.plot_loss_curves(
            {f"nmf_ref (rules/{solver}.py)": ours, f"scikit-learn, solver='{theirs_name}'": theirs},
            title=f"{solver.upper()} vs {theirs_name}, rank {rank}, init={init}: loss "
                  f"{ours[0]:.3g} → {ours[-1]:.3g}; largest relative gap {gap:.1e}")

    iterations_grid = sorted(set(iterations) | {n_iter})
    return explorer(
        draw,
        rank=Control(sorted(set(ranks) | {rank}), "rank r", rank),
        init=Control(INITS, "init", init),
        iterations=Control(iterations_grid, "iterations", n_iter),
        note="Another setting: <code>nmf_ref.book.compare.loss_curves(X, rank, init, "
             f"n_iter, solver='{solver}')</code>.")


# --- Part II: the solvers ---
# Book: chapters 5–8. Same pattern: a grid of settings, each drawn once by a plots function.

def nnls_explorer(c1=2.0, c2=-0.5, coupling=0.75, c1s=(1.0, 2.0), c2s=(-1.5, -0.5, 0.5, 2.0),
                  couplings=(-0.5, 0.0, 0.5, 0.75, 0.9)):
    """The two-variable NNLS picture of chapter 5, with the linear term and the
    coupling of the quadratic as controls.

    Q = [[2, 2ρ], [2ρ, 2]] with ρ = ``coupling`` in (−1, 1), c = (c₁, c₂). The
    more the two variables are coupled, the further ALS's clipped point lands
    from the constrained minimum.
    """

    def draw(c1, c2, coupling):
        Q = np.array([[2.0, 2 * coupling], [2 * coupling, 2.0]])
        return plots.plot_nnls_2d(Q, np.array([c1, c2]), extent=4.0)

    return explorer(
        draw,
        c1=Control(sorted(set(c1s) | {c1}), "c₁", c1),
        c2=Control(sorted(set(c2s) | {c2}), "c₂", c2),
        coupling=Control(sorted(set(couplings) | {coupling}), "coupling ρ", coupling),
        note="Another setting: <code>nmf_ref.book.plots.plot_nnls_2d(Q, c)</code>.")


LEARNING_RATES = (1e-4, 1e-3, 0.01, 0.03, 0.035, 0.05, 0.2)


def learning_rate_explorer(X, rank=8, init="random", learning_rate=1e-3, n_iter=50,
                           random_state=0, learning_rates=LEARNING_RATES):
    """Projected gradient with a fixed learning rate (log-spaced values, and the two
    the chapter discusses, 0.03 and 0.035) against Lin's Armijo search, from the same
    start (chapter 6).

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
        return plots.plot_learning_rates(
            {f"fixed step {learning_rate:.2g}": fixed, "Armijo (learning_rate=None)": armijo},
            title=f"fixed step {learning_rate:.2g}: the loss {verdict}")

    return explorer(
        draw,
        learning_rate=Control(sorted(set(learning_rates) | {learning_rate}), "learning rate",
                              learning_rate, format=lambda v: f"{v:.2g}"),
        note="Another step: <code>nmf_ref.nmf(X, rank, solver='pgd', W=W0, H=H0, "
             "learning_rate=...)</code>.")


def hals_cd_explorer(X, rank=8, init="random", n_iter=20, random_state=0, max_rank=None,
                     ranks=(2, 4, 8, 16), iterations=(5, 10, 20, 40)):
    """nmf_ref's HALS against scikit-learn's ``cd``, iteration by iteration (chapter 7).

    Controls: ``rank``, ``init``, ``iterations``. scikit-learn's curve is rebuilt
    by restarting it with ``max_iter = k`` (see :mod:`nmf_ref.compare`).
    """
    return _versus_sklearn(X, "hals", rank, init, n_iter, random_state, max_rank, ranks,
                           iterations)


def restarts_explorer(X, rank=8, solvers=("hals", "mu"), n_restarts=20, max_iter=200,
                      tol=1e-4, ranks=(4, 8, 12), restarts=(5, 10, 15)):
    """Many random restarts: where do they end? (chapter 8). Controls: ``rank``,
    ``restarts`` (the first k of the same seeded starts).

    The figure shows each final error's gap to the best one (see
    :func:`nmf_ref.book.plots.plot_restarts`); the title gives each solver's
    range of final errors and how many of its runs converged (the stopping test
    fired before ``max_iter``): unconverged runs mix unfinished work into the spread.
    """
    X = np.asarray(X, dtype=float)
    restarts = sorted(set(restarts) | {n_restarts})
    runs = {}  # (rank, solver) → errors and convergence of the most restarts

    def draw(rank, restarts):
        errors, notes = {}, []
        for s in solvers:
            if (rank, s) not in runs:
                runs[rank, s] = restart_errors(X, rank, s, max(restarts_grid), max_iter, tol,
                                               return_converged=True)
            all_errors, all_converged = runs[rank, s]
            errors[s], converged = all_errors[:restarts], all_converged[:restarts]
            notes.append(f"{s}: {errors[s].min():.4f}–{errors[s].max():.4f}, "
                         f"{int(converged.sum())}/{restarts} converged")
        return plots.plot_restarts(errors, title=f"rank {rank}, {restarts} random starts; "
                                                 + "; ".join(notes))

    restarts_grid = restarts
    return explorer(
        draw,
        rank=Control(sorted(set(ranks) | {rank}), "rank r", rank),
        restarts=Control(restarts_grid, "restarts", n_restarts),
        note="Other settings: <code>nmf_ref.book.restarts.restart_errors(X, rank, solver, "
             "n_restarts, max_iter, tol)</code>.")
