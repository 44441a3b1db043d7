"""Explorers of Part III (NMF in practice): starts, losses, penalties.

Book: chapters 11, 13 and 14. Same pattern as :mod:`.solvers`: a thin
``ipywidgets.interactive`` over a function of :mod:`nmf_ref.book.plots.practice`,
the figure displayed in the output area and kept in ``widget.result``.
Expensive runs are cached inside each explorer, so moving a slider back and
forth costs nothing the second time.
"""

import ipywidgets as ipw
import numpy as np

from ...metrics import relative_error, sparseness
from ...solve import nmf
from ..plots import practice as plots
from ..restarts import NNDSVD_INITS, best_of_k_probability, restart_errors, start_errors
from ._common import STYLE as _STYLE, show as _show


def starts_explorer(X, rank=8, solvers=("hals", "mu"), n_restarts=30, max_iter=200,
                    eps=0.005, table=None):
    """Random restarts against NNDSVD, NNDSVDa and NNDSVDar, per solver (chapter 11).

    Controls: ``solver`` and ``ε`` (relative tolerance, log slider). Left, the
    final errors of ``n_restarts`` random starts (seeds 0, 1, ...) and of the
    three deterministic starts; right, the estimated probability that the best
    of k restarts lands within ε of the best error seen
    (:func:`nmf_ref.book.restarts.best_of_k_probability`).

    ``table`` (optional) maps a solver to ``(random_errors, start_errors)`` as
    :func:`~nmf_ref.book.restarts.restart_errors` and
    :func:`~nmf_ref.book.restarts.start_errors` return them, so a chapter that
    has computed them already does not pay twice; missing solvers are computed
    when first chosen.
    """
    X = np.asarray(X, dtype=float)
    cache = dict(table or {})
    solvers = list(solvers)
    if not solvers:
        raise ValueError("solvers must name at least one solver, e.g. ('hals', 'mu').")

    def errors_for(solver):
        if solver not in cache:
            cache[solver] = (restart_errors(X, rank, solver, n_restarts, max_iter),
                             start_errors(X, rank, solver, NNDSVD_INITS, max_iter))
        return cache[solver]

    def draw(solver, eps):
        random_errors, deterministic = errors_for(solver)
        k = np.arange(1, len(random_errors) + 1)
        probability = best_of_k_probability(random_errors, k, eps)
        need = k[probability >= 0.95]
        verdict = (f"{need[0]} restarts give 95% confidence" if need.size
                   else "more restarts than were run are needed for 95%")
        return _show(plots.plot_start_comparison(
            random_errors, deterministic, probability, eps,
            title=f"{solver}, rank {rank}: {verdict} of ending within {eps:.1%} "
                  f"of the best error seen ({random_errors.min():.4f})"))

    return ipw.interactive(
        draw,
        solver=ipw.Dropdown(options=solvers, value=solvers[0], description="solver",
                            style=_STYLE),
        eps=ipw.FloatLogSlider(value=eps, base=10, min=-4, max=-1, step=0.25,
                               description="ε (relative)", readout_format=".2%",
                               continuous_update=False, style=_STYLE),
    )


def beta_explorer(data, rank=4, beta=1.0, max_iter=200, references=(2.0, 1.0, 0.0)):
    """A β slider over several data sets: which entries does each loss fit? (chapter 13)

    ``data`` maps a name to a non-negative matrix. Controls: ``data`` and ``β``
    (−0.5 … 2.5). Each draw runs MU for the β-divergence from NNDSVDa, and shows
    the data, the fit and the median relative error by entry size, beside the
    fits for the β in ``references`` (computed once per data set). A β ≤ 0 on
    data with zeros is infinite (d_0(0 | y) = ∞): the figure then says so
    instead of fitting.
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
            return _show(_message(f"{name}: β = {beta:g} ≤ 0 is infinite where X is 0 "
                                  f"(d_β(0 | y) = ∞).\nChoose β > 0 for these data, or "
                                  f"data without zeros."))
        refs = {f"β = {b:g}": fit(name, b) for b in references
                if b != beta and not (b <= 0 and has_zeros)}
        WH = fit(name, beta)
        return _show(plots.plot_beta_fit(
            X, WH, beta, refs,
            title=f"{name}, rank {rank}, β = {beta:g}: ‖X − WH‖/‖X‖ = "
                  f"{np.linalg.norm(X - WH) / np.linalg.norm(X):.3f}"))

    names = list(data)
    return ipw.interactive(
        draw,
        name=ipw.Dropdown(options=names, value=names[0], description="data", style=_STYLE),
        beta=ipw.FloatSlider(value=beta, min=-0.5, max=2.5, step=0.25, description="β",
                             continuous_update=False, style=_STYLE),
    )


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
                     penalize="both", solver="hals", init="nndsvda", max_iter=200):
    """``alpha``, ``l1_ratio`` and which factor to penalize → parts, error, sparseness
    (chapter 14).

    The parts are the rows of H drawn as ``image_shape`` images; below them the
    norm of each column of W and row of H, on a log scale. The title reports the
    relative error, the mean Hoyer sparseness of the live parts and the number
    of dead components. Penalizing one factor only makes the norms drift apart
    (the penalty is dodged by rescaling).
    """
    X = np.asarray(X, dtype=float)
    _penalty_weights(alpha, penalize)  # a clear error for an unknown ``penalize``
    runs = {}

    def draw(alpha, l1_ratio, penalize):
        key = (float(alpha), float(l1_ratio), penalize)
        if key not in runs:
            alpha_W, alpha_H = _penalty_weights(alpha, penalize)
            runs[key] = nmf(X, rank, solver=solver, init=init, alpha_W=alpha_W,
                            alpha_H=alpha_H, l1_ratio=l1_ratio, max_iter=max_iter)
        res = runs[key]
        s_H, dead = _mean_sparseness(res.H, axis=1)
        return _show(plots.plot_penalized_parts(
            res.W, res.H, image_shape,
            title=f"alpha = {alpha:.2g}, l1_ratio = {l1_ratio:g}, {penalize}: error "
                  f"{relative_error(X, res.W, res.H):.3f}, sparseness of the parts "
                  f"{s_H:.2f}, {dead} dead"))

    return ipw.interactive(
        draw,
        alpha=ipw.FloatLogSlider(value=alpha, base=10, min=-4, max=-0.5, step=0.25,
                                 description="alpha", readout_format=".2g",
                                 continuous_update=False, style=_STYLE),
        l1_ratio=ipw.FloatSlider(value=l1_ratio, min=0.0, max=1.0, step=0.25,
                                 description="l1_ratio", continuous_update=False,
                                 style=_STYLE),
        penalize=ipw.Dropdown(options=list(PENALIZE), value=penalize,
                              description="penalize", style=_STYLE),
    )
