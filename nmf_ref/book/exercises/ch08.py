"""Checkers of chapter 8 (Convergence): check_projected_gradient, check_stop_iteration,
check_restarts_needed."""

import numpy as np

from ...stopping import kkt_violation, projected_gradient
from ._common import _call, _correct, _number, _require


def check_projected_gradient(func):
    """``func(W, grad)``: the L1 norm of the projected gradient (the KKT violation)."""
    rng = np.random.RandomState(81)
    for _ in range(3):
        W = np.maximum(rng.standard_normal((7, 3)), 0)
        grad = rng.standard_normal((7, 3))
        got = _number(_call(func, W.copy(), grad.copy()), "Your violation")
        want = kkt_violation(W, grad)
        wrong = {
            "Where W is 0, a positive gradient only pushes against the bound: it is no "
            "violation. Count only its negative part.": np.abs(grad).sum(),
            "The sign is flipped where W = 0: keep min(grad, 0) there, the part that "
            "says the entry should grow.": np.abs(np.where(W > 0, grad, np.maximum(grad, 0))).sum(),
            "Where W = 0 a negative gradient is a violation (the entry should grow); "
            "you dropped it.": np.abs(np.where(W > 0, grad, 0)).sum(),
            "That is the Euclidean (L2) norm; the stopping test sums absolute values "
            "(L1).": np.linalg.norm(projected_gradient(W, grad)),
        }
        for hint, value in wrong.items():
            if np.isclose(got, value, rtol=1e-9) and not np.isclose(value, want):
                _require(False, hint)
        _require(np.isclose(got, want, rtol=1e-9),
                 "Keep the gradient where W > 0, keep min(grad, 0) where W = 0, and sum "
                 "absolute values.")
    return _correct("the projected gradient is zero exactly at a KKT point, so its "
                    "size measures how far from stationary the iterate is.")


def check_stop_iteration(func):
    """``func(violations, tol)``: the first iteration (1-based) where violation ≤ tol × the
    first violation, or None if it never happens."""
    cases = [([10.0, 5.0, 1.0, 0.5, 0.01], 1e-2, 5), ([10.0, 5.0, 1.0, 0.5, 0.01], 1e-1, 3),
             ([4.0, 3.0, 2.0], 1e-3, None), ([2.0, 0.001], 1e-3, 2), ([1.0], 1.0, 1)]
    for v, tol, want in cases:
        got = _call(func, list(v), tol)
        _require(got == want, f"For violations {v} and tol={tol:g} you returned {got!r}, "
                              f"expected {want!r}. Compare v[k]/v[0] with tol, count "
                              "from 1, and include equality.")
    return _correct("the KKT test stops when the violation has fallen to tol times its "
                    "first value; tol is relative, not absolute.")


def check_restarts_needed(func):
    """``func(p, confidence)``: the fewest restarts k with P(at least one success) ≥ confidence,
    when each restart succeeds independently with probability p."""
    # the last three are exact: (1 − p)^k = 1 − confidence for a whole k (powers of ½,
    # exact in floating point too), where ⌈x⌉ and ⌊x⌋ + 1 differ
    cases = [(0.5, 0.9), (0.1, 0.95), (0.3, 0.99), (0.9, 0.5), (0.05, 0.9),
             (0.5, 0.75), (0.5, 0.9375), (0.75, 0.9375)]
    for p, conf in cases:
        want = next(k for k in range(1, 10_000) if (1 - p) ** k <= 1 - conf)
        got = _number(_call(func, p, conf), "Your number of restarts", whole=True)
        if got == want + 1 and (1 - p) ** want == 1 - conf:
            _require(False, f"For p={p}, confidence={conf} you gave {got}, but {want} "
                            f"restarts already reach the confidence exactly: "
                            f"(1 − p)^{want} = {1 - conf:g} = 1 − confidence. \"At "
                            "least\" includes equality: round up with ceil, not floor + 1.")
        _require(got == want,
                 f"For p={p}, confidence={conf} you gave {got}. All k restarts fail "
                 "with probability (1 − p)^k; make that ≤ 1 − confidence.")
    return _correct("k = ⌈log(1 − confidence) / log(1 − p)⌉.")
