"""Explorers of Part III (NMF in practice): starts, losses, penalties.

Book: chapters 11, 13 and 14. Each explorer is built by :func:`.explorer.explorer`:
every setting of its controls is drawn once, with a function of
:mod:`nmf_ref.book.plots.practice`, and the page switches between the stored
frames without a kernel. The expensive runs are done once, before drawing, and
shared between the frames that need them.
"""

import numpy as np

from ...metrics import relative_error, sparseness
from ...solve import nmf
from ..plots import practice as plots
from ..restarts import NNDSVD_INITS, best_of_k_probability, restart_errors, start_errors
from .explorer import Control, explorer

EPSILONS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05)  # relative tolerances of chapter 11
BETAS = (-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5)  # chapter 13: IS, KL and Frobenius, and between
ALPHAS = (0.001, 0.003, 0.01, 0.03)  # chapter 14: from barely penalized to dying parts
L1_RATIOS = (0.0, 1.0)  # pure L2 and pure L1


def _with(grid, value):
    """The values of ``grid`` and ``value`` (a start outside the grid joins it), sorted."""
    return sorted(set(grid) | {value})


def starts_explorer(X, rank=8, solvers=("hals", "mu"), n_restarts=30, max_iter=200,
                    eps=0.005, table=None, epsilons=EPSILONS):
    """Random restarts against NNDSVD, NNDSVDa and NNDSVDar, per solver (chapter 11).

    Controls: ``solver`` and ``ε``, the relative tolerance (``epsilons``, plus ``eps``,
    the start). Left, the final errors of ``n_restarts`` random starts (seeds 0, 1,
    ...) and of the three deterministic starts; right, the estimated probability
    that the best of k restarts lands within ε of the best error seen
    (:func:`nmf_ref.book.restarts.best_of_k_probability`). The title says how many
    restarts give 95 % confidence.

    ``table`` (optional) maps a solver to ``(random_errors, start_errors)`` as
    :func:`~nmf_ref.book.restarts.restart_errors` and
    :func:`~nmf_ref.book.restarts.start_errors` return them, so a chapter that
    has computed them already does not pay twice; missing solvers are computed
    here, once.
    """
    X = np.asarray(X, dtype=float)
    errors = dict(table or {})
    solvers = list(solvers)
    if not solvers:
        raise ValueError("solvers must name at least one solver, e.g. ('hals', 'mu').")
    for solver in solvers:
        if solver not in errors:
            errors[solver] = (restart_errors(X, rank, solver, n_restarts, max_iter),
                              start_errors(X, rank, solver, NNDSVD_INITS, max_iter))

    def draw(solver, eps):
        random_errors, deterministic = errors[solver]
        k = np.arange(1, len(random_errors) + 1)
        probability = best_of_k_probability(random_errors, k, eps)
        need = k[probability >= 0.95]
        verdict = ("more restarts than were run are needed for 95%" if not need.size
                   else "1 restart gives 95% confidence" if need[0] == 1
                   else f"{need[0]} restarts give 95% confidence")
        return plots.plot_start_comparison(
            random_errors, deterministic, probability, eps,
            title=f"{solver}, rank {rank}: {verdict} of ending within {eps:.1%} "
                  f"of the best error seen ({random_errors.min():.4f})")

    return explorer(
        draw,
        solver=Control(solvers, "solver"),
        eps=Control(_with(epsilons, eps), "ε (relative)", eps, format=lambda v: f"{v:.1%}"),
        note="Another tolerance: <code>nmf_ref.book.restarts.best_of_k_probability(errors, "
             "k, eps)</code>, drawn by <code>nmf_ref.book.plots.practice."
             "plot_start_comparison</code>; other runs: <code>restarts.restart_errors</code>.")


def beta_explorer(data, rank=4, beta=1.0, max_iter=200, references=(2.0, 1.0, 0.0),
                  betas=BETAS):
    """A β control over several data sets: which entries does each loss fit? (chapter 13)

    ``data`` maps a name to a non-negative matrix. Controls: ``data`` and ``β``
    (``betas``, plus ``beta``, the start). Each setting is a run of MU for the
    β-divergence from NNDSVDa, drawn as the data, the fit and the median relative
    error by entry size, beside the fits for the β in ``references``; every fit is
    computed once and shared. A β ≤ 0 on data with zeros is infinite
    (d_0(0 | y) = ∞): that frame says so instead of fitting.
    """
    data = {name: np.asarray(X, dtype=float) for name, X in data.items()}
    if not data:
        raise ValueError("data must map at least one name to a matrix.")
    fits = {}

    def fit(name, b):
        key = (name, float(b))
        if key not in fits:
            res = nmf(data[name], rank, solver="mu", beta_loss=float(b), init="nndsvda",
                      max_iter=max_iter, tol=0)
            fits[key] = res.W @ res.H
        return fits[key]

    def draw(name, beta):
        X = data[name]
        has_zeros = bool((X == 0).any())
        if beta <= 0 and has_zeros:
            text = (f"{name}: β = {beta:g} ≤ 0 is infinite where X is 0 (d_β(0 | y) = ∞)."
                    f"\nChoose β > 0 for these data, or data without zeros.")
            return _message(text), text.replace("\n", " ")
        refs = {f"β = {b:g}": fit(name, b) for b in references
                if b != beta and not (b <= 0 and has_zeros)}
        WH = fit(name, beta)
        return plots.plot_beta_fit(
            X, WH, beta, refs,
            title=f"{name}, rank {rank}, β = {beta:g}: ‖X − WH‖/‖X‖ = "
                  f"{np.linalg.norm(X - WH) / np.linalg.norm(X):.3f}")

    return explorer(
        draw,
        name=Control(list(data), "data"),
        beta=Control(_with(betas, float(beta)), "β", float(beta)),
        note="Another β or rank: <code>nmf_ref.nmf(X, rank, solver=\"mu\", beta_loss=β, "
             "init=\"nndsvda\")</code>, drawn by <code>nmf_ref.book.plots.practice."
             "plot_beta_fit</code>.")


def _message(text):
    """A small figure that only says ``text`` (for a choice that cannot be drawn)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 1.6))
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=11)
    plt.close(fig)
    return fig


PENALIZE = ("both", "H only", "W only")


def _penalty_weights(alpha, penalize):
    """(alpha_W, alpha_H) for the ``penalize`` choice of :func:`penalty_explorer`."""
    if penalize == "both":
        return alpha, "same"
    if penalize == "H only":
        return 0.0, alpha
    if penalize == "W only":
        return alpha, 0.0
    raise ValueError(f"penalize must be one of {list(PENALIZE)}, got {penalize!r}.")


def _mean_sparseness(F, axis):
    """Mean Hoyer sparseness of the non-zero rows (``axis=1``) or columns (``axis=0``)
    of ``F``, and the number of dead (all-zero) ones. Book: chapter 14."""
    F = np.asarray(F, dtype=float)
    live = F.sum(axis=axis) > 0
    dead = int((~live).sum())
    if not live.any():
        return float("nan"), dead
    kept = F[live] if axis == 1 else F[:, live]
    return float(np.mean(sparseness(kept, axis=axis))), dead


def penalty_explorer(X, rank=10, image_shape=(8, 8), alpha=0.003, l1_ratio=1.0,
                     penalize="both", solver="hals", init="nndsvda", max_iter=200,
                     alphas=ALPHAS, l1_ratios=L1_RATIOS):
    """``alpha``, ``l1_ratio`` and which factor to penalize → parts, error, sparseness
    (chapter 14).

    Controls: ``alpha`` (``alphas``), ``l1_ratio`` (``l1_ratios``), each with its
    start value added, and ``penalize`` (both, H only, W only): one run of
    :func:`nmf_ref.nmf` per setting. The parts are the rows of H drawn as
    ``image_shape`` images; below them the norm of each column of W and row of H,
    on a log scale. The title reports the relative error, the mean Hoyer
    sparseness of the live parts and the number of dead components. Penalizing
    one factor only makes the norms drift apart (the penalty is dodged by
    rescaling).
    """
    X = np.asarray(X, dtype=float)
    _penalty_weights(alpha, penalize)  # a clear error for an unknown ``penalize``

    def draw(alpha, l1_ratio, penalize):
        alpha_W, alpha_H = _penalty_weights(alpha, penalize)
        res = nmf(X, rank, solver=solver, init=init, alpha_W=alpha_W, alpha_H=alpha_H,
                  l1_ratio=l1_ratio, max_iter=max_iter)
        s_H, dead = _mean_sparseness(res.H, axis=1)
        title = (f"alpha = {alpha:.2g}, l1_ratio = {l1_ratio:g}, {penalize}: error "
                 f"{relative_error(X, res.W, res.H):.3f}, sparseness of the parts "
                 f"{s_H:.2f}, {dead} dead")
        fig = plots.plot_penalized_parts(res.W, res.H, image_shape, title=title)
        # the title sits over the parts (a subfigure's); the text alternative adds the norms
        return fig, (f"{title}; ‖W‖ = {np.linalg.norm(res.W):.3g}, "
                     f"‖H‖ = {np.linalg.norm(res.H):.3g}")

    return explorer(
        draw,
        alpha=Control(_with(alphas, alpha), "alpha", alpha),
        l1_ratio=Control(_with(l1_ratios, float(l1_ratio)), "l1_ratio", float(l1_ratio)),
        penalize=Control(list(PENALIZE), "penalize", penalize),
        note="Another setting: <code>nmf_ref.nmf(X, rank, solver=\"hals\", init=\"nndsvda\", "
             "alpha_W=..., alpha_H=..., l1_ratio=...)</code>, drawn by "
             "<code>nmf_ref.book.plots.practice.plot_penalized_parts</code>.")
