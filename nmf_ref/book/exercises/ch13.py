"""Checkers of chapter 13 (Losses: the β-divergences): check_beta_divergence,
check_break_even, check_is_identity."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _require


def _d_beta(x, y, beta):
    """d_β(x | y) entrywise, with its limits at β = 1 (KL) and β = 0 (IS)."""
    if beta == 1:
        return x * np.log(x / y) - x + y
    if beta == 0:
        return x / y - np.log(x / y) - 1
    return (x**beta + (beta - 1) * y**beta - beta * x * y ** (beta - 1)) / (beta * (beta - 1))


def check_beta_divergence(func):
    """``func(x, y, beta)``: the β-divergence d_β(x | y) entry by entry (arrays in,
    an array of the same shape out), for any real β including 0 and 1."""
    rng = np.random.RandomState(13)
    x = rng.uniform(0.2, 3.0, size=(4, 5))
    y = rng.uniform(0.2, 3.0, size=(4, 5))
    for beta in (2, 1, 0, 0.5, 1.5, 3, -1):
        with np.errstate(all="ignore"):
            got = _call(func, x.copy(), y.copy(), beta)
        got = _as_array(got, "d_β(x | y)")
        want = _d_beta(x, y, beta)
        if got.shape != x.shape:
            if np.ndim(got) == 0 and np.isclose(float(got), want.sum()):
                _require(False, "Return the divergence entry by entry (an array shaped "
                                "like x), not its sum.")
            _require(False, f"Return an array shaped like x {x.shape}, got {got.shape}.")
        if not np.isfinite(got).all():
            _require(False, f"At β = {beta:g} you returned NaN or inf: the general formula "
                            "divides by β(β − 1). Use its limits at β = 1 and β = 0.")
        if np.allclose(got, _d_beta(y, x, beta)) and beta != 2:
            _require(False, f"At β = {beta:g} you computed d_β(y | x): the divergence is "
                            "not symmetric; x is the data, y the model.")
        if beta == 2 and np.allclose(got, (x - y) ** 2):
            _require(False, "At β = 2 the divergence is ½(x − y)², half the square.")
        if beta not in (0, 1) and np.allclose(got, want * beta * (beta - 1)):
            _require(False, f"At β = {beta:g}: divide by β(β − 1).")
        _require(np.allclose(got, want, rtol=1e-9, atol=1e-12),
                 f"Wrong values at β = {beta:g}. Check the formula against the chapter "
                 "(and the limits at β = 1, x log(x/y) − x + y, and β = 0, "
                 "x/y − log(x/y) − 1).")
    return _correct("one formula, two limits: β = 2 Frobenius, β = 1 KL, β = 0 IS.")


def _break_even(beta):
    """The λ at which d_β(λ | 1.1λ) = d_β(1 | 2); inf at β = 0, where none exists."""
    if beta == 0:
        return np.inf
    one = np.ones(1)
    return float((_d_beta(one, 2 * one, beta) / _d_beta(one, 1.1 * one, beta))[0] ** (1 / beta))


def check_break_even(func):
    """``func(beta)``: the scale λ > 0 at which an entry x = λ fitted 10% too high
    (y = 1.1λ) costs as much under d_β as an entry x = 1 fitted 100% too high (y = 2);
    ``np.inf`` where no such λ exists."""
    one = np.ones(1)
    for beta in (2, 1.5, 1, 0.5, -1, 0):
        with np.errstate(all="ignore"):
            got = _call(func, beta)
        _require(got is not None, f"At β = {beta:g} your function returned None: return "
                                  "a number.")
        got = _as_array(got, "λ")
        _require(got.size == 1, f"Return one number λ, got an array of shape {got.shape}.")
        got = float(got.reshape(-1)[0])
        want = _break_even(beta)
        if beta == 0:
            _require(got == np.inf, "At β = 0 the loud entry costs d_0(1 | 1.1) at every "
                                    "scale, less than d_0(1 | 2): no λ makes them equal. "
                                    "Return np.inf.")
            continue
        ratio = (_d_beta(one, 2 * one, beta) / _d_beta(one, 1.1 * one, beta))[0]
        if np.isclose(got, ratio, rtol=1e-6) and not np.isclose(ratio, want, rtol=1e-6):
            _require(False, f"At β = {beta:g} you returned the ratio of the two costs; "
                            "that ratio is λ^β, not λ.")
        if np.isclose(got, 1 / want, rtol=1e-6) and want != 1:
            _require(False, f"At β = {beta:g} you returned 1/λ: the loud entry must cost "
                            "more as λ grows when β > 0, so λ > 1 there.")
        if np.isclose(got, want**0.5, rtol=1e-6) or np.isclose(got, want**2, rtol=1e-6):
            _require(False, f"At β = {beta:g}: d_β(λx | λy) = λ^β d_β(x | y), with the "
                            "power β itself, not β/2 or 2β.")
        _require(np.isfinite(got) and np.isclose(got, want, rtol=1e-6),
                 f"Wrong λ at β = {beta:g}. Write d_β(λ | 1.1λ) with the scaling identity "
                 "and solve for λ; check your λ by computing both costs.")
    return _correct("λ^β d_β(1 | 1.1) = d_β(1 | 2) gives λ = (d_β(1 | 2) / d_β(1 | 1.1))^(1/β): "
                    "10 under Frobenius, about 65 under KL, and no λ under IS, where a "
                    "relative misfit costs the same at every scale.")


@_chooses
def check_is_identity(answer):
    """Reasoning (a prediction): which quantity is 1 at the end of a long IS-MU run (β = 0)
    on the spectrogram S, with Y = WH."""
    return _choice(
        answer, "b",
        {"a": "Σ Y = Σ X is KL's identity (β = 1); it comes from the same argument at "
              "β = 1, and at β = 0 the run ends 8% away from it on S.",
         "c": "the mean of Y/X is not the mean of X/Y inverted; at β = 0 it ends far "
              "from 1 on S (about 1.6).",
         "d": "Frobenius (β = 2) would give ‖Y‖² = ⟨X, Y⟩, not ‖Y‖ = ‖X‖; at β = 0 "
              "the run ends 15% away from it on S."},
        "at a stationary point the loss cannot drop by scaling H by t: "
        "d/dt D_β(X | tWH) at t = 1 is Σ Y^β − Σ X Y^(β−1) = 0. At β = 0 that reads "
        "Σ X/Y = mn, the mean of X/Y is 1; at β = 1 it is KL's Σ Y = Σ X.")
