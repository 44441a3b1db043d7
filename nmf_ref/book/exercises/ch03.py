"""Checkers of chapter 3 (The objective): check_half_frobenius, check_same_product, check_nonconvexity_witness."""

import numpy as np

from ._common import _as_array, _call, _correct, _problems, _require


def check_half_frobenius(func):
    """``func(X, W, H)`` must return ½‖X − WH‖²_F."""
    for X, W, H in _problems(3):
        got = _call(func, X.copy(), W.copy(), H.copy())
        _require(np.ndim(got) == 0, f"Return one number, got shape {np.shape(got)}.")
        R = X - W @ H
        want = 0.5 * np.sum(R * R)
        got = float(got)
        if np.isclose(got, 2 * want, rtol=1e-9):
            _require(False, "You forgot the ½ (it cancels the 2 of the derivative).")
        if np.isclose(got, np.sqrt(2 * want), rtol=1e-9):
            _require(False, "That is the norm ‖X − WH‖; the loss is half its square.")
        _require(np.isclose(got, want, rtol=1e-9),
                 f"Expected {want:.6g}, got {got:.6g}. Sum the squared entries of "
                 f"X − W @ H, then halve.")
    return _correct("f(W, H) = ½‖X − WH‖² = ½ Σ_ij (X − WH)_ij².")


def check_same_product(W, H, W2, H2):
    """A *different* non-negative pair (W2, H2) with W2 @ H2 == W @ H."""
    W, H = np.asarray(W, dtype=float), np.asarray(H, dtype=float)
    W2, H2 = _as_array(W2, "W2"), _as_array(H2, "H2")
    _require(W2.shape == W.shape and H2.shape == H.shape,
             f"Keep the shapes: W2 {W.shape} and H2 {H.shape}; got {W2.shape}, {H2.shape}.")
    _require((W2 >= 0).all() and (H2 >= 0).all(),
             "W2 and H2 must stay non-negative, or it is not an NMF any more.")
    scale = max(1.0, np.abs(W @ H).max())
    _require(np.abs(W2 @ H2 - W @ H).max() <= 1e-9 * scale,
             "W2 @ H2 must equal W @ H. If you multiply W by a matrix Q, multiply "
             "H by Q's inverse.")
    _require(not (np.allclose(W2, W) and np.allclose(H2, H)),
             "That is the same pair (W, H); change the factors, keep the product.")
    return _correct("two different factorizations with the same product WH, "
                    "so the loss cannot tell them apart.")


def check_nonconvexity_witness(p, q, x=1.0):
    """Points p, q ≥ 0 in (w, h) where f(w, h) = (x − wh)² breaks convexity at the midpoint."""
    p, q = _as_array(p, "p"), _as_array(q, "q")
    _require(p.shape == (2,) and q.shape == (2,), "p and q are points (w, h): two numbers each.")
    _require((p >= 0).all() and (q >= 0).all(), "Stay in the non-negative quadrant: w, h ≥ 0.")

    def f(point):
        return (x - point[0] * point[1]) ** 2

    mid = (p + q) / 2
    chord = (f(p) + f(q)) / 2
    _require(f(mid) > chord + 1e-9,
             f"At the midpoint f = {f(mid):.4g}, not above the average "
             f"{chord:.4g} of f(p) and f(q). Try two points on the valley wh = {x:g} "
             f"far apart, like (w, {x:g}/w) for a small and a large w.")
    return _correct(f"f(midpoint) = {f(mid):.3g} > {chord:.3g} = average of the ends, "
                    "which a convex function never allows.")
