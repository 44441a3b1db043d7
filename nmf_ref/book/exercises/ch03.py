"""Checkers of chapter 3 (The objective): check_half_frobenius, check_same_product,
check_nonconvexity_witness, check_identifiability."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _problems, _require


def check_half_frobenius(func):
    """``func(X, W, H)`` must return ½‖X − WH‖²_F."""
    for X, W, H in _problems(3):
        got = _number(_call(func, X.copy(), W.copy(), H.copy()), "Your loss")
        R = X - W @ H
        want = 0.5 * np.sum(R * R)
        if np.isclose(got, 2 * want, rtol=1e-9):
            _require(False, "You forgot the ½ (it cancels the 2 of the derivative).")
        if np.isclose(got, np.sqrt(2 * want), rtol=1e-9):
            _require(False, "That is the norm ‖X − WH‖; the loss is half its square.")
        _require(np.isclose(got, want, rtol=1e-9),
                 f"Expected {want:.6g}, got {got:.6g}. Sum the squared entries of "
                 f"X − W @ H, then halve.")
    return _correct("f(W, H) = ½‖X − WH‖² = ½ Σ_ij (X − WH)_ij².")


def check_same_product(W, H, W2, H2):
    """A rescaled pair (W2, H2): every row of H2 sums to 1 and W2 @ H2 == W @ H."""
    W, H = np.asarray(W, dtype=float), np.asarray(H, dtype=float)
    W2, H2 = _as_array(W2, "W2"), _as_array(H2, "H2")
    _require(W2.shape == W.shape and H2.shape == H.shape,
             f"Keep the shapes: W2 {W.shape} and H2 {H.shape}; got {W2.shape}, {H2.shape}.")
    _require((W2 >= 0).all() and (H2 >= 0).all(),
             "W2 and H2 must stay non-negative, or it is not an NMF any more.")
    sums = H2.sum(axis=1)
    _require(np.allclose(sums, 1.0, rtol=1e-9, atol=0),
             f"Each row of H2 (a part) should sum to 1; its row sums are "
             f"{np.round(sums, 4).tolist()}. Divide each row of H by its own sum.")
    _require(np.allclose(H2 * H.sum(axis=1, keepdims=True), H, rtol=1e-9, atol=1e-12),
             "Rescale only: each row of H2 must be a row of H divided by a number, "
             "not a mix of several rows.")
    scale = max(1.0, np.abs(W @ H).max())
    _require(np.abs(W2 @ H2 - W @ H).max() <= 1e-9 * scale,
             "W2 @ H2 must equal W @ H: a row of H divided by d needs its column of W "
             "multiplied by the same d.")
    return _correct("H3 = D⁻¹H and W3 = WD with D the row sums of H: the same product, "
                    "each part now a distribution over the features.")


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


@_chooses
def check_identifiability(answer):
    """Reasoning: which condition makes an exact rank-r NMF unique up to scaling and order?

    (a) sparse rows of H; (b) parts from several starts correlating above 0.99;
    (c) W has r rows and H has r columns that are positive multiples of the unit
    vectors (both factors separable); (d) the tightest cone. Right: (c).
    """
    return _choice(answer, "c", {
        "a": "sparse parts alone do not fix the answer. The chapter's synthetic parts are "
             "half zeros, and it built a second exact pair for them: the weights W "
             "matter as much as the parts.",
        "b": "a correlation near 1 cannot detect non-uniqueness: the chapter's second "
             "exact pair also correlates above 0.99 with the first, and different starts "
             "may simply land on nearby members of a whole family of exact answers.",
        "d": "the tightest cone around the data is one exact answer among many; any "
             "cone between it and the orthant's edges fits just as well.",
    }, "with pure samples in W and pure features in H, any Q with WQ ≥ 0 and Q⁻¹H ≥ 0 "
       "has Q ≥ 0 and Q⁻¹ ≥ 0, and only scaled permutations have both.")
