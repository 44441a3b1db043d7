"""Checkers of chapter 6 (Projected gradient): check_gradient_W, check_safe_step, check_divergent_rate."""

import numpy as np

from ._common import _as_array, _call, _correct, _problems, _require


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
    """``func(H)``: the largest fixed step 1/L that is safe for the W-subproblem, L = λmax(HHᵀ)."""
    for _, _, H in _problems(62):
        got = _call(func, H.copy())
        _require(np.ndim(got) == 0, f"Return one number, got shape {np.shape(got)}.")
        got = float(got)
        L = np.linalg.eigvalsh(H @ H.T)[-1]
        if got < 1 / L * (1 - 1e-9):
            _require(False, f"{got:.4g} is safe but smaller than needed (1/L is "
                            f"{1 / L:.4g}). Bounds like the trace or the Frobenius norm "
                            "overestimate L; use the largest eigenvalue itself.")
        _require(np.isclose(got, 1 / L, rtol=1e-8),
                 "The gradient W HHᵀ − XHᵀ changes at rate L = the largest eigenvalue of "
                 "HHᵀ (np.linalg.eigvalsh); the step is 1/L.")
    return _correct("α = 1/λmax(HHᵀ): the descent lemma guarantees a decrease for any "
                    "step up to this one.")


def check_divergent_rate(X, W0, H0, learning_rate, n_iter=30):
    """A fixed learning rate for which projected gradient makes the loss go *up*."""
    from ...solve import nmf

    _require(np.ndim(learning_rate) == 0 and float(learning_rate) > 0,
             f"Give one positive number, got {learning_rate!r}.")
    with np.errstate(over="ignore", invalid="ignore"):
        loss = nmf(X, W0.shape[1], solver="pgd", W=W0, H=H0, tol=0, max_iter=n_iter,
                   learning_rate=float(learning_rate)).loss
    rises = int((np.diff(loss) > 0).sum())
    _require(rises > 0, f"With {float(learning_rate):.3g} the loss never went up in "
                        f"{n_iter} iterations. Compare your step with 1/L for the start.")
    return _correct(f"with learning_rate={float(learning_rate):.3g} the loss went up "
                    f"{rises} times in {n_iter} iterations.")
