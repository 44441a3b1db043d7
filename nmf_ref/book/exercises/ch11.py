"""Checkers of chapter 11 (Starting points and restarts): check_nndsvd_pair,
check_restarts_needed, check_mu_trap, check_zero_pattern."""

import numpy as np

from ..restarts import best_of_k_probability

from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _require


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


def _needed(errors, eps, confidence):
    """The fewest restarts whose best is within ``eps`` of the best with probability
    ``confidence``, from the library's estimate (:func:`restarts.best_of_k_probability`)."""
    k = np.arange(1, 100_000)
    return int(k[best_of_k_probability(errors, k, eps) >= confidence][0])


def _needed_cases():
    """(errors, eps, confidence): each wrong way to invert 1 − (1 − q)^k shows in one."""
    # q = 6/30 (the last success sits exactly at best × (1 + eps))
    first = np.r_[1.0, 1.001, 1.002, 1.003, 1.004, 1.0 * (1 + 0.005), np.linspace(1.02, 1.3, 24)]
    yield first, 0.005, 0.95
    # q = 1/40: more restarts are needed than the 30 the page scanned
    yield np.r_[2.0, np.linspace(2.1, 3.0, 39)], 0.01, 0.95
    # q = 1/3 with eps relative, 1/6 if it were read as absolute
    yield np.array([10.0, 10.05, 10.3, 10.8, 12.0, 13.0]), 0.01, 0.9
    # q = 1: every restart succeeds
    yield np.array([5.0, 5.0, 5.0]), 0.01, 0.99


def check_restarts_needed(func):
    """``func(errors, eps, confidence)``: the smallest number k of independent restarts
    whose best ends within ``eps`` (relative) of the best error in ``errors`` with
    probability at least ``confidence``, by the plug-in estimate
    :math:`1 - (1 - q)^k` (the page shows the estimate, not its inverse)."""
    for errors, eps, confidence in _needed_cases():
        said = f"For errors {np.round(errors, 4).tolist()}, eps={eps:g}, confidence={confidence:g}"
        got = _call(func, errors.copy(), eps, confidence)
        _require(np.isfinite(_number(got, f"{said}: the count of restarts")),
                 f"{said}: return one number of restarts, got {got!r}.")
        want = _needed(errors, eps, confidence)
        if got == want:
            continue
        q = np.mean(errors <= errors.min() * (1 + eps))
        q_abs = np.mean(errors <= errors.min() + eps)
        q_strict = np.mean(errors < errors.min() * (1 + eps))
        ratio = np.log(1 - confidence) / np.log(1 - q) if q < 1 else 0.0
        if want == 1 and got < 1:
            hint = ("when every restart succeeds (q = 1), log(1 − q) is −∞ and the formula "
                    "gives 0; but you need at least one restart.")
        elif got == np.floor(ratio):
            hint = ("round up, not down: with ⌊·⌋ restarts the probability falls short of "
                    "the confidence.")
        elif want > 30 and got <= 30:
            hint = ("nothing bounds k by 30 (the page only scanned that far): solve "
                    "1 − (1 − q)^k ≥ confidence for k.")
        elif q_abs != q and got == _from_q(q_abs, confidence):
            hint = ("eps is relative: a restart succeeds when its error is at most "
                    "best × (1 + eps), not best + eps.")
        elif q_strict != q and got == _from_q(q_strict, confidence):
            hint = "include equality: a restart at exactly best × (1 + eps) succeeds."
        elif got == _from_q(1 - q, confidence):
            hint = "q is the share of successes; 1 − q is the chance one restart fails."
        else:
            hint = ("k restarts all fail with probability (1 − q)^k; find the smallest k "
                    "that makes that at most 1 − confidence.")
        _require(False, f"{said} you gave {got}. {hint}")
    return _correct("k = ⌈log(1 − confidence) / log(1 − q)⌉ (and 1 when q = 1): with q = 1/40, "
                    "119 restarts for 95%, far beyond the 30 a scan would try.")


def _from_q(q, confidence):
    if q >= 1:
        return 1
    return int(np.ceil(np.log(1 - confidence) / np.log(1 - q))) if q > 0 else -1


# the data of the MU trap exercise: an exact rank-2 X with positive factors
TRAP_W = np.array([[1.0, 4], [2, 3], [3, 2], [4, 1], [1, 1]])
TRAP_H = np.array([[1.0, 2, 1, 3], [2, 1, 3, 1]])
TRAP_ITER = 3000  # MU from a positive start fits TRAP_W @ TRAP_H to 1e-15 in this many


def check_mu_trap(start):
    """``start = (W0, H0)``: a non-negative start for ``X = TRAP_W @ TRAP_H`` (5 × 4,
    rank 2), with a positive entry in every column of W0 and every row of H0, from which
    MU can never fit X exactly. Checked by running MU from it for :data:`TRAP_ITER`
    iterations: a counterexample the student builds from MU keeping zeros."""
    from ... import nmf
    from ...metrics import relative_error

    X = TRAP_W @ TRAP_H
    _require(isinstance(start, (tuple, list)) and len(start) == 2,
             f"Give the start as a pair (W0, H0), got {type(start).__name__}.")
    W0, H0 = _as_array(start[0], "W0"), _as_array(start[1], "H0")
    _require(W0.shape == (5, 2) and H0.shape == (2, 4),
             f"W0 is 5 × 2 and H0 is 2 × 4 (rank 2); got {W0.shape} and {H0.shape}.")
    _require(np.isfinite(W0).all() and np.isfinite(H0).all() and (W0 >= 0).all()
             and (H0 >= 0).all(), "A start for NMF is non-negative (and finite).")
    _require(W0.any(axis=0).all() and H0.any(axis=1).all(),
             "Every column of W0 and every row of H0 needs a positive entry: a zero column "
             "makes the rank 1, which is no surprise. Use fewer zeros, better placed.")
    _require(not ((W0 > 0).all() and (H0 > 0).all()),
             "From a positive start MU can move every entry, and here it fits X exactly. "
             "Which entries can MU never move?")
    res = nmf(X, 2, solver="mu", W=W0, H=H0, max_iter=TRAP_ITER, tol=0)
    error = relative_error(X, res.W, res.H)
    _require(error > 1e-6,
             f"MU fitted X (relative error {error:.1e}) from your start: X has exact "
             "non-negative factorizations with zeros just where you put them. Put a zero "
             "where no exact factorization of X can have one.")
    _require(error > 1e-3,
             f"MU got down to a relative error of {error:.1e}, and may still be going: "
             "place the zeros so that no exact factorization has them.")
    return _correct(f"MU keeps every zero of the start, and with yours it stalls at a "
                    f"relative error of {error:.3f}: an exact factorization of this X can "
                    "have a zero only in rows 1 and 4 of W (the edges of the cone of its "
                    "columns) and in columns 3 and 4 of H.")


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
