"""Checkers of chapter 19 (Audio): check_wiener_masks, check_activations,
check_zero_locking, check_divergence_scaling."""

import numpy as np

from ...losses import beta_divergence
from ...solve import nmf
from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _require


def _masks(models, p=1.0):
    models = models ** p
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
    """``func(models, p)``: one soft mask per source, M_s = V_s^p / Σ_t V_t^p, sharing
    equally where every model is 0 (``models``: array sources × bins × frames of
    magnitude models; p = 1 the chapter's masks, p = 2 Wiener's power masks)."""
    cases = [(V, p) for V in _model_cases() for p in (1.0, 2.0)] + [(_model_cases()[0], 0.5)]
    answers = []
    for V, p in cases:
        _require(callable(func), f"Pass a function, not {type(func).__name__}.")
        try:
            M = func(V.copy(), p)
        except TypeError as exc:
            _require("positional argument" not in str(exc),
                     f"Your function takes the wrong arguments ({exc}): it is called as "
                     f"func(models, p), with the exponent p as its second argument.")
            raise AssertionError(f"Not yet. Your function raised TypeError: {exc}") from exc
        except Exception as exc:  # the student's code failed: say where
            raise AssertionError(f"Not yet. Your function raised {type(exc).__name__}: "
                                 f"{exc} (called with models of shape {V.shape}, p = {p}).") from exc
        M = _as_array(M, "The masks")
        _require(M.shape == V.shape, f"Return one mask per source, an array of the models' "
                                     f"shape {V.shape}; got shape {M.shape}.")
        answers.append(M)
    for (V, p), M in zip(cases, answers):
        off = V.sum(axis=0) == 0
        _require(not np.isnan(M).any(),
                 "Your masks hold NaN: where every model is 0 you divide 0 by 0. Share "
                 "equally there (1/S for S sources), so the masks still sum to 1.")
        _require(np.allclose(M[:, ~off].sum(axis=0), 1.0),
                 f"With p = {p}, where the models are not all 0 your masks do not sum to 1: "
                 "divide each V_s^p by the sum of all the V_t^p (not by (Σ V_t)^p, nor not "
                 "at all).")
        _require(np.allclose(M[:, off].sum(axis=0), 1.0),
                 "Where every model is 0 your masks do not sum to 1 (returning 0 there "
                 "loses the mixture): share equally, 1/S for each of S sources.")
    for (V, p), M in zip(cases, answers):
        _require(not (set(np.unique(M)) <= {0.0, 1.0, 1.0 / len(V)} and
                      not np.allclose(M, _masks(V, p))),
                 "Your masks are binary: each bin goes whole to the loudest model. A soft "
                 "mask shares each bin in proportion to the models.")
        _require(p == 1 or not np.allclose(M, _masks(V)),
                 f"With p = {p} your masks are those of p = 1: raise each model to the "
                 "power p before sharing.")
        _require(p == 2 or not np.allclose(M, _masks(V, 2.0)),
                 f"With p = {p} you shared in proportion to the squared models: use the "
                 "exponent p you were given.")
        _require(np.allclose(M, _masks(V, p), rtol=1e-9, atol=1e-12),
                 f"With p = {p} each mask must be V_s^p / Σ_t V_t^p: the share of the bin "
                 "that model s explains.")
    return _correct("M_s = V_s^p / Σ_t V_t^p, shared equally where all models are 0: the "
                    "masks sum to 1 everywhere, so the separated sources add up to the "
                    "mixture, whichever p; p = 2 on magnitude models is Wiener's filter.")


def _activation_problem(seed):
    rng = np.random.RandomState(seed)
    W = rng.uniform(size=(30, 4)) ** 3
    W[rng.uniform(size=W.shape) < 0.3] = 0.0
    H = rng.gamma(0.5, 1.0, size=(4, 25))
    V = W @ H * rng.gamma(20, 1 / 20, size=(30, 25)) + 1e-3
    return V, W


def check_activations(func):
    """``func(V, W, beta)``: the pair ``(H, per_frame)``: activations H (r × frames)
    with V ≈ W H for the fixed templates W, fitted by nmf_ref's MU
    (``nmf(Vᵀ, r, H=Wᵀ, update_H=False)``) for 100 iterations or more, and the
    β-divergence of each frame, d_β(V[:, t] | (W H)[:, t]) summed over the bins.
    Accepted: any H ≥ 0 that fits V at least as well (in the β-divergence) as 100
    such iterations, with its own per-frame divergences."""
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
        _require(isinstance(H, (tuple, list)) and len(H) == 2,
                 f"Return the pair (H, per_frame): the activations and the divergence of "
                 f"each of the {frames} frames; got {type(H).__name__}.")
        H, per_frame = H
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
        per_frame = _as_array(per_frame, "per_frame")
        bins = V.shape[0]
        _require(per_frame.ndim != 0,
                 "per_frame should hold one number per frame (a column of V), not the "
                 "total divergence.")
        _require(per_frame.shape != (bins,),
                 f"Your per_frame has one number per frequency bin ({bins}): sum the "
                 "divergence over the bins of each frame (axis 0), not over the frames.")
        _require(per_frame.shape == (frames,),
                 f"per_frame should have shape ({frames},), one number per frame; got "
                 f"{per_frame.shape}.")
        want = np.array([beta_divergence(V[:, [t]], W, H[:, [t]], beta)
                         for t in range(frames)])
        frobenius = np.array([beta_divergence(V[:, [t]], W, H[:, [t]], 2.0)
                              for t in range(frames)])
        _require(not np.allclose(per_frame, frobenius, rtol=1e-6),
                 f"Your per_frame is the Frobenius loss of each frame: measure it with the "
                 f"β-divergence of the fit (here β = {beta}).")
        _require(np.allclose(per_frame, want, rtol=1e-6, atol=1e-12),
                 f"per_frame[t] should be d_β(V[:, t] | (W H)[:, t]) summed over the bins, "
                 f"with your H and β = {beta}; they add up to the total divergence, "
                 f"{beta_divergence(V, W, H, beta):.6g}, and yours add up to "
                 f"{per_frame.sum():.6g}.")
    return _correct("nmf_ref fixes its second factor, so the templates go in as H = Wᵀ "
                    "and the activations come out as (the fitted W)ᵀ; the divergence of "
                    "each frame says when the templates cannot explain the sound.")


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


def _beta_divergence_of(x, y, beta):
    """d_β(x | y) summed, for positive arrays, straight from its definition."""
    if beta == 0:
        return np.sum(x / y - np.log(x / y) - 1)
    if beta == 1:
        return np.sum(x * np.log(x / y) - x + y)
    return np.sum(x**beta + (beta - 1) * y**beta - beta * x * y**(beta - 1)) / (beta * (beta - 1))


def check_divergence_scaling(func):
    """``func(beta, lam)``: the factor d_β(λx | λy) / d_β(x | y), the same for every
    x, y > 0 (x ≠ y), as a function of β and λ > 0. Right: λ**β."""
    x = np.array([0.2, 1.5, 3.0])
    y = np.array([0.5, 1.0, 4.0])
    # β = 0.5 first: there 1, λ, λ², λ^(β−1) and λ^β all differ, so each hint is the right one
    for beta, lam in ((0.5, 3.0), (2.0, 10.0), (1.0, 10.0), (0.0, 10.0), (1.5, 0.25),
                      (-1.0, 4.0), (3.0, 2.0)):
        got = _number(_call(func, beta, lam), "The factor")
        want = _beta_divergence_of(lam * x, lam * y, beta) / _beta_divergence_of(x, y, beta)
        if np.isclose(want, got, rtol=1e-6):
            continue
        _require(not np.isclose(got, 1.0),
                 f"For β = {beta} and λ = {lam} the divergence does change: only one β "
                 "(Itakura–Saito) is blind to the scale. Put λx and λy into d_β and factor λ "
                 "out of each term.")
        _require(not np.isclose(got, lam**2),
                 f"λ² is the Frobenius loss's factor (β = 2); for β = {beta} put λx and λy "
                 "into d_β and see which power of λ every term carries.")
        _require(not np.isclose(got, lam ** (beta - 1)),
                 "λ^(β−1) is the factor of the divergence's derivative, not of the "
                 "divergence itself; every term of d_β carries one more λ.")
        _require(not np.isclose(got, lam),
                 f"λ is the KL loss's factor (β = 1); for β = {beta} each term of d_β is a "
                 "product of powers of x and y of total degree β.")
        _require(False, f"For β = {beta} and λ = {lam}, d_β(λx | λy) / d_β(x | y) = "
                        f"{want:.6g}; yours gives {got:.6g}. Each term of d_β has total "
                        "degree β in (x, y).")
    return _correct("d_β(λx | λy) = λ^β d_β(x | y): the Frobenius loss (β = 2) weighs a bin "
                    "40 dB louder 10⁴ times more, KL 100 times, and Itakura–Saito (β = 0) "
                    "the same: quiet bins count as much as loud ones.")
