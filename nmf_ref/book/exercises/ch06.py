"""Checkers of chapter 6 (Projected gradient): check_gradient_W, check_safe_step,
check_divergent_rate, check_projected_descent."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _problems, _require


def check_gradient_W(func):
    """``func(X, W, H)``: the gradient of ½‖X − WH‖² with respect to W."""
    for X, W, H in _problems(61):
        got = _as_array(_call(func, X.copy(), W.copy(), H.copy()), "the gradient")
        want = W @ (H @ H.T) - X @ H.T
        _require(got.shape == W.shape, f"The gradient has W's shape {W.shape}, got {got.shape}.")
        if np.allclose(got, -want):
            _require(False, "The sign is flipped: d/dW of ½‖X − WH‖² is −(X − WH)Hᵀ.")
        if np.allclose(got, 2 * want):
            _require(False, "Twice too large: the ½ in the loss cancels the 2.")
        _require(np.allclose(got, want, rtol=1e-9),
                 "Differentiate ½‖X − WH‖²: the result is (WH − X)Hᵀ.")
    return _correct("∇_W f = (WH − X)Hᵀ = W(HHᵀ) − XHᵀ, two small products in Gram form.")


def check_safe_step(func):
    """``func(H)``: the bound 2/L below which every fixed step decreases f on the
    W-subproblem, with L = λmax(HHᵀ) the Lipschitz constant of ∇_W f.

    For x⁺ = P₊(x − α∇f(x)), f(x⁺) ≤ f(x) − (1/α − L/2)‖x⁺ − x‖², so every
    α < 2/L decreases f (strictly unless x⁺ = x); 1/L is only the classic step.
    """
    for _, _, H in _problems(62):
        got = _number(_call(func, H.copy()), "Your step")
        L = np.linalg.eigvalsh(H @ H.T)[-1]
        if np.isclose(got, 1 / L, rtol=1e-8):
            _require(False, "1/L is the classic safe step, but not the bound: the "
                            "projection inequality gives f(x⁺) ≤ f(x) − (1/α − L/2)‖x⁺ − x‖², "
                            "which still decreases f for longer steps.")
        if np.isclose(got, 2 / np.sqrt(L), rtol=1e-8):
            _require(False, "L is the largest eigenvalue of HHᵀ, the *square* of H's "
                            "largest singular value.")
        if got < 2 / L * (1 - 1e-9):
            _require(False, f"{got:.4g} is safe but below the bound (2/L is {2 / L:.4g}). "
                            "Bounds like the trace or the Frobenius norm overestimate L; "
                            "use the largest eigenvalue itself.")
        _require(np.isclose(got, 2 / L, rtol=1e-8),
                 f"{got:.4g} is too long: along the top eigenvector of HHᵀ a step beyond "
                 "2/L overshoots. L is the *largest* eigenvalue of HHᵀ "
                 "(np.linalg.eigvalsh sorts them in ascending order).")
    return _correct("every α < 2/λmax(HHᵀ) decreases f: by at least "
                    "(1/α − L/2)‖x⁺ − x‖², positive unless x⁺ = x.")


def check_divergent_rate(X, W0, H0, learning_rate, n_iter=30, window=3.0):
    """A fixed learning rate, near the edge of stability, for which projected gradient
    makes the loss go *up* within ``n_iter`` iterations.

    Why a window: any huge rate makes the loss rise (a step of 1e9 wipes out a
    factor, or overflows), so accepting it would test nothing. The exercise is about
    *where* the edge is, so the rate must also be below ``window`` × 2/L, with
    L = max(λmax(H0H0ᵀ), λmax(W0ᵀW0)) the larger Lipschitz constant at the start:
    the guarantee ends at 2/L. A rate a little below 2/L that makes the loss rise
    later is accepted too (L changes as W and H change).
    """
    from ...solve import nmf

    W0, H0 = np.asarray(W0, dtype=float), np.asarray(H0, dtype=float)
    rate = _number(learning_rate, "The learning rate")
    _require(rate > 0, f"Give one positive number, got {learning_rate!r}.")
    L = max(np.linalg.eigvalsh(H0 @ H0.T)[-1], np.linalg.eigvalsh(W0.T @ W0)[-1])
    _require(rate < window * 2 / L,
             f"{rate:.3g} is far past the edge: 2/L at the start is {2 / L:.3g}, and any "
             f"huge step makes the loss go up, which shows nothing about where the edge "
             f"is. Find a rate below {window:g} × 2/L = {window * 2 / L:.3g}.")
    with np.errstate(over="ignore", invalid="ignore"):
        loss = nmf(X, W0.shape[1], solver="pgd", W=W0, H=H0, tol=0, max_iter=n_iter,
                   learning_rate=rate).loss
    rises = int((np.diff(loss) > 0).sum())
    _require(rises > 0, f"With {rate:.3g} the loss never went up in {n_iter} iterations. "
                        f"Compare your step with 2/L = {2 / L:.3g} for the start (use the "
                        f"larger L of the two half-steps).")
    where = "above" if rate > 2 / L else "below (L grew during the run)"
    return _correct(f"with learning_rate={rate:.3g}, {where} the start's 2/L = {2 / L:.3g}, "
                    f"the loss went up {rises} times in {n_iter} iterations.")


@_chooses
def check_projected_descent(answer):
    """Reasoning: what the projected-gradient inequality promises for α = 1.5/L.

    (a) f may go up, since α > 1/L; (b) f drops by at least (L/6)‖x⁺ − x‖²,
    strictly unless x⁺ = x; (c) f drops by at least (L/2)‖x⁺ − x‖²; (d) f drops
    only if no entry is clipped. Right: (b), since 1/α − L/2 = 2L/3 − L/2 = L/6.
    """
    return _choice(answer, "b", {
        "a": "1/L is not the limit. The inequality f(x⁺) ≤ f(x) − (1/α − L/2)‖x⁺ − x‖² "
             "promises a decrease for every α < 2/L.",
        "c": "the coefficient is 1/α − L/2; put α = 1.5/L into it.",
        "d": "the inequality holds for the projected step, clipping included: it comes "
             "from the projection's own inequality ⟨x − α∇f − x⁺, x − x⁺⟩ ≤ 0.",
    }, "1/α − L/2 = 2L/3 − L/2 = L/6 > 0, so f(x⁺) ≤ f(x) − (L/6)‖x⁺ − x‖².")
