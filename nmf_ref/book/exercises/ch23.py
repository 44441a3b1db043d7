"""Checkers of chapter 23 (Minimum-volume NMF): check_project_simplex,
check_logdet_gradient, check_scattered_threshold."""

import numpy as np

from ._common import _as_array, _call, _correct, _number, _require


def _simplex_projection(v):
    """The sort-based projection of one vector onto {h ≥ 0, Σ h = 1} (the reference)."""
    u = np.sort(v)[::-1]
    cumulative = np.cumsum(u) - 1.0
    rho = np.nonzero(u - cumulative / np.arange(1, v.size + 1) > 0)[0][-1] + 1
    return np.maximum(v - cumulative[rho - 1] / rho, 0.0)


def check_project_simplex(func):
    """``func(v)`` must return the point of the unit simplex closest to the vector v."""
    from ... import minvol

    _require(func is not minvol.project_simplex,
             "That is nmf_ref's own projection; write yours with NumPy (sort, cumulative "
             "sum, threshold).")
    rng = np.random.default_rng(23)
    cases = [np.array([0.2, 0.3, 0.5]), np.array([2.0, 0.0, -1.0]), np.array([0.4, 0.4, 0.4]),
             np.array([-0.2, 0.1, 0.3, 0.05])] + [2 * rng.standard_normal(5) for _ in range(6)]
    for v in cases:
        got = _as_array(_call(func, v.copy()), "The projection")
        _require(got.shape == v.shape, f"Return a vector of v's shape {v.shape}, got {got.shape}.")
        want = _simplex_projection(v)
        if np.allclose(got, want, atol=1e-9):
            continue
        _require((got >= -1e-12).all() and abs(got.sum() - 1) < 1e-9,
                 f"For v = {np.round(v, 3).tolist()} your point {np.round(got, 3).tolist()} is "
                 "not on the simplex: its entries must be ≥ 0 and sum to 1.")
        clipped = np.maximum(v, 0)
        if clipped.sum() > 0 and np.allclose(got, clipped / clipped.sum(), atol=1e-9):
            _require(False, "Clipping the negatives and then rescaling lands on the simplex, but "
                            "not at the closest point: the projection subtracts one threshold τ "
                            "from every entry, then clips.")
        _require(False, f"For v = {np.round(v, 3).tolist()} the closest point of the simplex is "
                        f"not {np.round(got, 3).tolist()} (it is {np.linalg.norm(v - got):.3g} "
                        f"away; the closest is {np.linalg.norm(v - want):.3g} away). Look for "
                        "τ with Σ max(v − τ, 0) = 1.")
    return _correct("the projection is max(v − τ, 0), with τ found by sorting v: the H step "
                    "of min-vol NMF applies it to every column.")


def check_logdet_gradient(func):
    """``func(W, delta)`` must return the gradient of W ↦ logdet(WᵀW + δI), 2W(WᵀW + δI)⁻¹."""
    rng = np.random.default_rng(230)
    for m, r, delta in ((5, 3, 0.1), (4, 2, 1.0), (6, 4, 0.01)):
        W = rng.uniform(size=(m, r))
        got = _as_array(_call(func, W.copy(), delta), "The gradient")
        _require(got.shape == W.shape,
                 f"The gradient has W's shape {W.shape}; got {got.shape}. (Z = (WᵀW + δI)⁻¹ "
                 "alone is r × r: it still has to meet W.)")
        Z = np.linalg.inv(W.T @ W + delta * np.eye(r))
        want = 2 * W @ Z
        if np.allclose(got, want, rtol=1e-6, atol=1e-9):
            continue
        if np.allclose(got, W @ Z, rtol=1e-6):
            _require(False, "Off by a factor: WᵀW holds W twice, so the derivative brings a 2.")
        if np.allclose(got, 2 * W @ np.linalg.inv(W.T @ W), rtol=1e-6):
            _require(False, "You dropped δ: the gradient of logdet(WᵀW + δI) keeps it inside "
                            "the inverse.")
        _require(False, "Check your formula against a centred finite difference of "
                        "logdet(WᵀW + δI) along a random direction E: the slope equals "
                        "⟨gradient, E⟩.")
    return _correct("∇ logdet(WᵀW + δI) = 2W(WᵀW + δI)⁻¹ = 2WZ; it is the gradient of the "
                    "majorizer tr(Z WᵀW) at the current W, which is why the W step "
                    "only needs Z.")


def check_scattered_threshold(answer):
    """The smallest purity p for which {h ∈ Δ: max h ≤ p} (r = 3) contains the inscribed
    circle of the triangle: 2/3."""
    p = _number(answer, "The purity (between 1/3 and 1)")
    if abs(p - 0.5) < 1e-3:
        _require(False, "At p = 1/2 the region still reaches the midpoints of the edges, where "
                        "the circle touches them; but the circle bulges further towards each "
                        "corner. How far does h₁ go on the circle?")
    if abs(p - 1.0) < 1e-3:
        _require(False, "p = 1 keeps the corners themselves: that is the separable case, far "
                        "more than needed.")
    if abs(p - 1 / 3) < 1e-3:
        _require(False, "At p = 1/3 only the centre (1/3, 1/3, 1/3) is left.")
    _require(abs(p - 2 / 3) < 1e-3,
             f"{p:.4g} is not it. The circle is centred at (1/3, 1/3, 1/3) with radius "
             "1/√6; find the largest value of one coordinate on it.")
    return _correct("on the circle the largest coordinate is 1/3 + 1/3 = 2/3 (the point "
                    "halfway between the centre and a corner), so the cut triangle contains "
                    "the circle exactly when p ≥ 2/3, and touches it only at p = 2/3.")
