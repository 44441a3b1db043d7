"""Checkers of chapter 11 (Starting points and restarts): check_nndsvd_pair,
check_best_of_k, check_zero_pattern."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _require


def _pair_cases():
    """Singular-vector pairs (x, y, σ) where each wrong rule of NNDSVD gives itself away."""
    rng = np.random.RandomState(11)
    unit = lambda v: v / np.linalg.norm(v)  # noqa: E731
    # 1. a generic pair
    yield unit(rng.standard_normal(7)), unit(rng.standard_normal(5)), 3.0
    # 2. the negative parts dominate both vectors (the sign of an SVD pair is arbitrary)
    yield (unit(np.array([-0.9, -0.5, 0.1, -0.3, 0.05])),
           unit(np.array([-0.8, 0.1, -0.6, -0.2])), 2.0)
    # 3. x's positive part is the larger, but the *product* favours the negative parts
    yield (unit(np.array([0.8, 0.5, -0.3, -0.2])),
           unit(np.array([0.15, 0.1, -0.9, -0.7, -0.3])), 5.0)


def _candidate(x, y, sigma, sign):
    """The rank-one piece NNDSVD builds from the positive (sign=+1) or negative parts."""
    a, b = np.maximum(sign * x, 0), np.maximum(sign * y, 0)
    scale = np.sqrt(sigma * np.linalg.norm(a) * np.linalg.norm(b))
    return scale * a / np.linalg.norm(a), scale * b / np.linalg.norm(b)


def _nndsvd_pair(x, y, sigma):
    m_p = np.linalg.norm(np.maximum(x, 0)) * np.linalg.norm(np.maximum(y, 0))
    m_n = np.linalg.norm(np.maximum(-x, 0)) * np.linalg.norm(np.maximum(-y, 0))
    return _candidate(x, y, sigma, 1 if m_p > m_n else -1)


def check_nndsvd_pair(func):
    """``func(x, y, sigma)``: NNDSVD's non-negative pair ``(w, h)`` for the singular
    triplet (σ, x, y) with unit x, y."""
    for x, y, sigma in _pair_cases():
        got = _call(func, x.copy(), y.copy(), sigma)
        _require(isinstance(got, (tuple, list)) and len(got) == 2,
                 "Return two vectors, (w, h).")
        w, h = _as_array(got[0], "w"), _as_array(got[1], "h")
        _require(w.shape == x.shape and h.shape == y.shape,
                 f"w has x's shape {x.shape} and h has y's shape {y.shape}; got "
                 f"{w.shape} and {h.shape}.")
        _require((w >= 0).all() and (h >= 0).all(), "w and h must be non-negative.")
        want_w, want_h = _nndsvd_pair(x, y, sigma)
        if np.allclose(np.outer(w, h), np.outer(np.abs(x), np.abs(y)) * sigma):
            _require(False, "Absolute values mix the positive and the negative parts of "
                            "the pair; keep one of the two.")
        unscaled = np.outer(want_w, want_h) / np.linalg.norm(np.outer(want_w, want_h))
        if np.allclose(np.outer(w, h), unscaled) or np.allclose(
                np.outer(w, h), sigma * unscaled):
            _require(False, "The direction is right but not the size: the piece is "
                            "σ·‖a‖‖b‖ times (a/‖a‖)(b/‖b‖)ᵀ, split evenly between w and h.")
        if not np.allclose(np.outer(w, h), np.outer(want_w, want_h)):
            chosen = 1 if (want_w[x > 0] > 0).any() else -1
            other_w, other_h = _candidate(x, y, sigma, -chosen)  # the pair not chosen
            hint = ("Compare the two candidate pairs by the product of their norms, "
                    "‖x₊‖‖y₊‖ against ‖x₋‖‖y₋‖, and keep the larger.")
            if np.allclose(np.outer(w, h), np.outer(other_w, other_h)):
                x_alone = np.linalg.norm(np.maximum(x, 0)) > np.linalg.norm(np.maximum(-x, 0))
                kept_positive = (w[x < 0] == 0).all()
                if x_alone == kept_positive:
                    hint = ("You kept the larger part of x (or of y) alone; the choice "
                            "is made on the product " + hint[hint.index("‖x₊‖"):])
                else:
                    hint = ("You kept the positive parts, but the sign of a singular pair "
                            "is arbitrary ((−x, −y) is as valid as (x, y)). " + hint)
            _require(False, hint)
        _require(np.allclose(w, want_w) and np.allclose(h, want_h),
                 "w hᵀ is right but the scale is split unevenly: give w and h the same "
                 "factor √(σ‖a‖‖b‖).")
    return _correct("NNDSVD keeps, for each singular pair, the sign pattern that carries "
                    "more of it, so every piece is non-negative by construction.")


def _best_of_k(errors, k, eps):
    errors = np.asarray(errors, float)
    q = np.mean(errors <= errors.min() * (1 + eps))
    return 1 - (1 - q) ** k


def check_best_of_k(func):
    """``func(errors, k, eps)``: the estimated probability that the best of ``k`` restarts
    is within ``eps`` (relative) of the best error in ``errors``."""
    cases = [(np.array([10.0, 10.02, 10.3, 10.5, 11.0, 10.04, 12.0, 10.6]), 3, 0.005),
             (np.array([0.30, 0.31, 0.35, 0.30, 0.40]), 2, 0.0),
             (np.array([2.0, 2.1, 2.2, 2.3]), 5, 0.06),
             (np.array([5.0, 5.0, 5.0]), 1, 0.01)]
    for errors, k, eps in cases:
        got = _call(func, errors.copy(), k, eps)
        _require(np.ndim(got) == 0, f"Return one probability, got shape {np.shape(got)}.")
        got = float(got)
        want = _best_of_k(errors, k, eps)
        if np.isclose(got, want):
            continue
        q = np.mean(errors <= errors.min() * (1 + eps))
        q_abs = np.mean(errors <= errors.min() + eps)
        q_strict = np.mean(errors < errors.min() * (1 + eps))
        if np.isclose(got, q ** k):
            hint = "q^k is the chance that *all* k restarts succeed; you need at least one."
        elif np.isclose(got, (1 - q) ** k):
            hint = "(1 − q)^k is the chance that all k fail: take its complement."
        elif np.isclose(got, 1 - (1 - q_abs) ** k):
            hint = ("eps is relative: a restart succeeds when its error is at most "
                    "best × (1 + eps), not best + eps.")
        elif np.isclose(got, 1 - (1 - q_strict) ** k):
            hint = "Include equality: the best restart itself is within eps of the best."
        else:
            hint = ("Estimate q, the share of restarts within eps of the best, then the "
                    "chance that at least one of k independent restarts succeeds.")
        _require(False, f"For errors {errors.tolist()}, k={k}, eps={eps:g} you gave "
                        f"{got:.4g}. {hint}")
    return _correct("1 − (1 − q)^k with q the share of restarts that landed within eps of "
                    "the best: a plug-in estimate, only as good as the restarts behind it.")


@_chooses
def check_zero_pattern(answer):
    """Reasoning: the letter of the true statement about zeros in a start."""
    return _choice(answer, "b", {
        "a": "a multiplicative update multiplies the old entry by a ratio; 0 times any "
             "ratio is 0, whatever the gradient says.",
        "c": "HALS updates additively (a step, then clipping at 0), so an entry that "
             "starts at 0 comes back to life when the gradient pushes it up.",
        "d": "a rescaling multiplies every entry, zeros included: 0 stays 0. That is "
             "why NNDSVD's zeros trap MU in a worse solution.",
    }, "MU never leaves a zero, a trap for NNDSVD (hence NNDSVDa/ar) and a tool for "
       "imposing a known zero pattern.")
