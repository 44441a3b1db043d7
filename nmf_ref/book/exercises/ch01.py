"""Checkers of chapter 1 (What NMF is): check_factor_shapes, check_largest_saving_rank,
check_nmf_ready, check_feature_scaling."""

import numpy as np

from ._common import _call, _choice, _chooses, _correct, _number, _require


def check_factor_shapes(func):
    """``func(m, n, r)`` must return the shapes ``(W.shape, H.shape)``."""
    for m, n, r in [(1797, 64, 12), (3, 4, 2), (100, 10, 1), (5, 5, 5)]:
        got = _call(func, m, n, r)
        try:
            W_shape, H_shape = (tuple(int(d) for d in s) for s in got)
        except Exception:
            raise AssertionError(
                f"Not yet. Return two shapes, like ((m, r), (r, n)); got {got!r}."
            ) from None
        _require(W_shape[0] == m and H_shape[-1] == n,
                 f"For X of shape ({m}, {n}): W has one row per sample (row of X) "
                 f"and H one column per feature (column of X). You gave "
                 f"W {W_shape}, H {H_shape}.")
        _require(W_shape == (m, r) and H_shape == (r, n),
                 f"The inner dimension must be r = {r} for W @ H to be defined "
                 f"and of rank at most r. You gave W {W_shape}, H {H_shape}.")
    return _correct("W is m×r and H is r×n, so W @ H is m×n like X.")


def check_largest_saving_rank(func):
    """``func(m, n)``: the largest r for which W and H hold fewer numbers than X."""
    for m, n in [(1797, 64), (3, 4), (4, 4), (10, 10), (1000, 1), (2, 2)]:
        want = -(-m * n // (m + n)) - 1  # ceil(mn/(m+n)) - 1: r(m+n) < mn
        got = _number(_call(func, m, n), "Your r", whole=True)
        if got != want:
            if got * (m + n) == m * n:
                hint = (f"For m={m}, n={n}, r={got} stores exactly as many numbers "
                        f"as X ({m * n}), not fewer.")
            elif got * (m + n) > m * n:
                hint = (f"For m={m}, n={n}, r={got} stores {got * (m + n)} numbers, "
                        f"more than X's {m * n}.")
            else:
                hint = (f"For m={m}, n={n}, r={got + 1} also stores fewer numbers "
                        f"than X: count r·m + r·n.")
            _require(False, hint)
    return _correct("W and H hold r(m + n) numbers, fewer than mn exactly when "
                    "r < mn/(m + n).")


def check_nmf_ready(func):
    """``func(X)`` must return True exactly when X can be factored by NMF."""
    cases = [
        (np.array([[1.0, 2.0], [3.0, 4.0]]), True, "a positive matrix"),
        (np.array([[0.0, 2.0], [0.0, 0.0]]), True, "a matrix with zeros (zeros are allowed)"),
        (np.array([[1.0, -0.5], [3.0, 4.0]]), False, "a matrix with a negative entry"),
        (np.array([[1.0, np.nan], [3.0, 4.0]]), False, "a matrix with NaN"),
        (np.array([[1.0, np.inf], [3.0, 4.0]]), False, "a matrix with inf"),
        (np.array([[-0.0, 1e-300], [5.0, 1e300]]), True, "tiny and huge but non-negative values"),
    ]
    for X, want, what in cases:
        got = _call(func, X.copy())
        _require(isinstance(got, (bool, np.bool_)),
                 f"Return True or False, got {got!r} for {what}.")
        _require(bool(got) == want,
                 f"For {what} your function returned {bool(got)}, expected {want}.")
    return _correct("NMF needs every entry finite and ≥ 0; zeros are fine.")


@_chooses
def check_feature_scaling(answer):
    """Reasoning: the letter of the true statement about multiplying one feature by 10.

    (a) NMF no longer applies; (b) only column j of H changes, by a factor 10;
    (c) still valid for NMF, but the loss weights feature j 100 times more, so
    the best W and H can change; (d) nothing changes. Right: (c).
    """
    return _choice(answer, "c", {
        "a": "multiplying by a positive number keeps every entry finite and ≥ 0, so "
             "the scaled data are as valid for NMF as before.",
        "b": "(W, H with column j times 10) does fit the scaled data exactly as well as "
             "(W, H) fitted X. But feature j's errors are now 10 times larger and count "
             "100 times more in the sum of squares, so another pair that fits feature j "
             "better can have a smaller loss: the old answer is no longer the best one.",
        "d": "the Frobenius norm adds squared errors of all features; scaling column j "
             "by c multiplies its squared errors by c².",
    }, "scaling keeps the data non-negative (feasible), but it is a choice of weights: "
       "the loss counts feature j's errors c² times more, and the factors follow.")
