"""Checkers of chapter 19 (Audio): check_wiener_masks, check_activations,
check_zero_locking."""

import numpy as np

from ...losses import beta_divergence
from ...solve import nmf
from ._common import _as_array, _call, _choice, _chooses, _correct, _require


def _masks(models):
    total = models.sum(axis=0)
    empty = total == 0
    return np.where(empty, 1.0 / len(models), models / np.where(empty, 1.0, total))


def _model_cases():
    rng = np.random.RandomState(19)
    two = rng.uniform(size=(2, 6, 5)) ** 2
    two[:, 1, 2] = 0.0  # a bin where both models are silent
    three = rng.uniform(size=(3, 4, 7))
    three[:, :, 0] = 0.0  # a silent frame
    three[1, 2, 3] = 0.0
    return [two, three, rng.uniform(0.5, 2.0, size=(2, 3, 3))]


def check_wiener_masks(func):
    """``func(models)``: one soft mask per source, M_s = V_s / Σ_t V_t, sharing
    equally where every model is 0 (``models``: array sources × bins × frames)."""
    cases = _model_cases()
    answers = []
    for V in cases:
        M = _as_array(_call(func, V.copy()), "The masks")
        _require(M.shape == V.shape, f"Return one mask per source, an array of the models' "
                                     f"shape {V.shape}; got shape {M.shape}.")
        answers.append(M)
    silent = [V.sum(axis=0) == 0 for V in cases]
    for V, M, off in zip(cases, answers, silent):
        _require(not np.isnan(M).any(),
                 "Your masks hold NaN: where every model is 0 you divide 0 by 0. Share "
                 "equally there (1/S for S sources), so the masks still sum to 1.")
        _require(np.allclose(M[:, ~off].sum(axis=0), 1.0),
                 "Where the models are not all 0 your masks do not sum to 1: divide each "
                 "model by the sum of all the models (not by the mixture, nor not at all).")
        _require(np.allclose(M[:, off].sum(axis=0), 1.0),
                 "Where every model is 0 your masks do not sum to 1 (returning 0 there "
                 "loses the mixture): share equally, 1/S for each of S sources.")
    for V, M in zip(cases, answers):
        _require(not (set(np.unique(M)) <= {0.0, 1.0, 1.0 / len(V)} and
                      not np.allclose(M, _masks(V))),
                 "Your masks are binary: each bin goes whole to the loudest model. A soft "
                 "mask shares each bin in proportion to the models.")
        power = _masks(V**2)
        _require(not np.allclose(M, power) or np.allclose(power, _masks(V)),
                 "You shared in proportion to the squared models (a power-domain mask). "
                 "Here the models are magnitudes: share in proportion to V_s itself.")
        _require(np.allclose(M, _masks(V), rtol=1e-9, atol=1e-12),
                 "Each mask must be V_s / Σ_t V_t: the share of the bin that model s "
                 "explains.")
    return _correct("M_s = V_s / Σ_t V_t, shared equally where all models are 0: the masks "
                    "sum to 1 everywhere, so the separated sources add up to the mixture.")


def _activation_problem(seed):
    rng = np.random.RandomState(seed)
    W = rng.uniform(size=(30, 4)) ** 3
    W[rng.uniform(size=W.shape) < 0.3] = 0.0
    H = rng.gamma(0.5, 1.0, size=(4, 25))
    V = W @ H * rng.gamma(20, 1 / 20, size=(30, 25)) + 1e-3
    return V, W


def check_activations(func):
    """``func(V, W, beta)``: activations H (r × frames) with V ≈ W H for the
    fixed templates W, fitted by nmf_ref's MU (``nmf(Vᵀ, r, H=Wᵀ, update_H=False)``)
    for 100 iterations or more. Accepted: any H ≥ 0 that fits V at least as
    well (in the β-divergence) as 100 such iterations."""
    for seed, beta in ((190, 1.0), (191, 0.0), (192, 1.0)):
        V, W = _activation_problem(seed)
        r, frames = W.shape[1], V.shape[1]
        _require(callable(func), f"Pass a function, not {type(func).__name__}.")
        try:
            H = func(V.copy(), W.copy(), beta)
        except Exception as exc:  # the student's code failed: say why, or where
            _require(not (isinstance(exc, ValueError) and "H has shape" in str(exc)),
                     "nmf raised a shape error: nmf_ref keeps its *second* factor fixed "
                     "(update_H=False), so fit the transpose, Vᵀ ≈ Hᵀ Wᵀ, passing H=W.T.")
            raise AssertionError(f"Not yet. Your function raised {type(exc).__name__}: "
                                 f"{exc}") from exc
        H = _as_array(H, "H")
        _require(H.shape != (frames, r),
                 f"You returned shape {H.shape}: that is Hᵀ, the first factor of the "
                 f"transposed fit. Return H, one row per template ({r} × {frames}).")
        _require(H.shape == (r, frames), f"H should have shape ({r}, {frames}), one row "
                                         f"per template; got {H.shape}.")
        _require(np.isfinite(H).all() and (H >= 0).all(), "H must be finite and ≥ 0.")
        reference = nmf(V.T, r, solver="mu", beta_loss=beta, H=W.T, update_H=False,
                        max_iter=100, tol=0).W.T
        best = beta_divergence(V, W, reference, beta)
        yours = beta_divergence(V, W, H, beta)
        if yours > best * (1 + 1e-6):
            frobenius = nmf(V.T, r, solver="mu", H=W.T, update_H=False, max_iter=100,
                            tol=0).W.T
            _require(not np.allclose(H, frobenius, rtol=1e-6),
                     f"You fitted the Frobenius loss: pass beta_loss=beta (here {beta}) "
                     "to nmf.")
            _require(yours > best * 1.02,
                     f"For β = {beta} your H gives D_β(V | W H) = {yours:.6g}, close to "
                     f"but above the {best:.6g} of 100 MU iterations: run them all "
                     "(max_iter=100 or more, and tol=0 so the stopping test cannot end "
                     "the run early).")
            _require(False, f"For β = {beta} your H gives D_β(V | W H) = {yours:.6g}, but "
                            f"100 MU iterations with W fixed reach {best:.6g}. Did the "
                            "templates move? Keep them fixed (update_H=False on the "
                            "transpose) and fit only the activations.")
    return _correct("nmf_ref fixes its second factor, so the templates go in as H = Wᵀ "
                    "and the activations come out as (the fitted W)ᵀ.")


@_chooses
def check_zero_locking(answer):
    """Reasoning: which statement about score-informed zeros is true? Right: "a"."""
    return _choice(answer, "a", {
        "b": "MU's step for an entry is the entry itself times a ratio, so a zero stays "
             "zero whatever the gradient there: the update is multiplicative, not "
             "additive.",
        "c": "Frobenius MU is multiplicative too, H ← H ∘ (WᵀV)/(WᵀWH): it keeps zeros "
             "exactly like the KL and IS updates.",
        "d": "A zero is a KKT point only where the gradient is ≥ 0. HALS and projected "
             "gradient add a step and clip at 0, so where the gradient is negative a "
             "zero becomes positive.",
    }, "each MU step multiplies an entry by a finite non-negative ratio, so a zero "
       "stays zero for every β; HALS adds a step and clips, and can switch it on.")
