"""Checkers of chapter 5 (ALS and ANLS): check_ls_update_W, check_nnls_kkt, check_nnls_2d."""

import numpy as np

from ._common import _as_array, _call, _correct, _nnls_kkt, _problems, _require


def check_ls_update_W(func):
    """``func(X, H)``: the *unconstrained* least-squares W, i.e. X Hᵀ (HHᵀ)⁻¹."""
    for X, _, H in _problems(51):
        got = _as_array(_call(func, X.copy(), H.copy()), "your W")
        want = np.linalg.solve(H @ H.T, H @ X.T).T
        _require(got.shape == (X.shape[0], H.shape[0]),
                 f"W is m×r = {(X.shape[0], H.shape[0])}, got {got.shape}.")
        if (want < 0).any() and np.allclose(got, np.maximum(want, 0), rtol=1e-8):
            _require(False, "You clipped at zero: that is the ALS step. This exercise "
                            "asks for the unconstrained solution, negatives included.")
        _require(np.allclose(got, want, rtol=1e-8, atol=1e-10),
                 "Set the gradient W HHᵀ − XHᵀ to zero and solve for W. Prefer "
                 "np.linalg.solve on the r×r system to forming an inverse.")
    return _correct("W = XHᵀ(HHᵀ)⁻¹ zeroes the gradient: the normal equations of "
                    "least squares, solved for all m rows at once.")


def check_nnls_kkt(func):
    """``func(Q, c, x)`` must return True exactly when x minimizes ½xᵀQx − cᵀx over x ≥ 0."""
    Q = np.array([[2.0, 1.5], [1.5, 2.0]])
    cases = [
        (np.array([2.0, -0.5]), np.array([1.0, 0.0]), True, "the NNLS solution on an edge"),
        (np.array([2.0, -0.5]), np.linalg.solve(Q, [2.0, -0.5]), False,
         "the unconstrained minimum (it has a negative entry)"),
        (np.array([2.0, -0.5]), np.maximum(np.linalg.solve(Q, [2.0, -0.5]), 0), False,
         "the clipped point (feasible, but the gradient is not zero where x > 0)"),
        (np.array([1.0, 1.0]), np.linalg.solve(Q, [1.0, 1.0]), True,
         "an interior minimum (both entries positive, gradient zero)"),
        (np.array([-1.0, -1.0]), np.zeros(2), True, "the origin, when c ≤ 0"),
        (np.array([2.0, 2.0]), np.zeros(2), False, "the origin, when the gradient there is negative"),
        (np.array([2.0, -0.5]), np.array([2.0, 0.0]), False,
         "a point past the minimum on an edge (x ≥ 0 and Qx − c ≥ 0, but x₁ > 0 where "
         "the gradient is positive)"),
    ]
    for c, x, want, what in cases:
        got = _call(func, Q.copy(), c.copy(), x.copy())
        _require(isinstance(got, (bool, np.bool_)), f"Return True or False, got {got!r}.")
        _require(bool(got) == want, f"For {what} you returned {bool(got)}, expected {want}. "
                                    "Check x ≥ 0, y = Qx − c ≥ 0 and x·y = 0 (with a "
                                    "small tolerance for rounding).")
    return _correct("x ≥ 0, Qx − c ≥ 0 and complementarity: the KKT conditions that "
                    "block principal pivoting tests after every solve.")


def check_nnls_2d(x):
    """The minimizer of ½xᵀQx − cᵀx over x ≥ 0 for Q = [[1, .5], [.5, 1]], c = (−1, 2)."""
    x = _as_array(x, "x")
    _require(x.shape == (2,), f"Give the point (x₁, x₂), got shape {x.shape}.")
    Q, c = np.array([[1.0, 0.5], [0.5, 1.0]]), np.array([-1.0, 2.0])
    unconstrained = np.linalg.solve(Q, c)
    if np.allclose(x, unconstrained):
        _require(False, "That is the unconstrained minimum; x₁ < 0 is not allowed.")
    if np.allclose(x, np.maximum(unconstrained, 0)):
        _require(False, "That is the clipped point, what ALS would return. Clipping x₁ "
                        "changes the best x₂: re-minimize over x₂ with x₁ = 0.")
    _require(_nnls_kkt(Q, c, x, 1e-6),
             "Try the four candidates (0, 0), (c₁/Q₁₁, 0), (0, c₂/Q₂₂) and Q⁻¹c; keep the "
             "one that is ≥ 0 and whose gradient Qx − c is ≥ 0 where x is 0.")
    return _correct("x = (0, 2): on the edge x₁ = 0, where the gradient in x₁ is "
                    "Q₁₂·2 − c₁ = 2 ≥ 0.")
