"""Checkers of chapter 4 (Multiplicative updates): check_mu_step_size, check_mu_update_H,
check_zero_sticks, check_fixed_point."""

import numpy as np

from ...rules import mu
from ._common import _as_array, _call, _choice, _chooses, _correct, _problems, _require


def check_mu_step_size(func):
    """``func(W, H)``: the step η (same shape as H) that makes H − η∘∇_H the MU step."""
    for X, W, H in _problems(4):
        eta = _as_array(_call(func, W.copy(), H.copy()), "the step size")
        _require(eta.shape == H.shape,
                 f"One step size per entry of H: shape {H.shape}, got {eta.shape}.")
        WtW, WtX = W.T @ W, W.T @ X
        gradient = WtW @ H - WtX
        _require(np.allclose(H - eta * gradient, mu.update_H(H, WtW, WtX), rtol=1e-9),
                 "H − η∘∇ does not give the MU step. Choose η so that the "
                 "term η∘(WᵀWH) cancels H exactly.")
    return _correct("η = H / (WᵀWH) turns the gradient step into H ∘ WᵀX / (WᵀWH).")


def check_mu_update_H(func):
    """``func(X, W, H)`` must return one multiplicative update of H."""
    for X, W, H in _problems(5):
        before = (X.copy(), W.copy(), H.copy())
        got = _as_array(_call(func, *before), "your H")
        want = mu.update_H(H, W.T @ W, W.T @ X)
        _require(got.shape == H.shape, f"Return an array of H's shape {H.shape}, got {got.shape}.")
        if np.allclose(got, want / H, rtol=1e-9):
            _require(False, "That is the ratio alone; the new H is the old H times it.")
        _require(np.allclose(got, want, rtol=1e-9),
                 "Multiply H entrywise by (WᵀX) / (WᵀW H), the negative part of the "
                 "gradient over its positive part.")
        _require(all(np.array_equal(a, b) for a, b in zip(before, (X, W, H))),
                 "Your function changed its inputs in place; return a new array instead.")
    return _correct("H ← H ∘ (WᵀX) / (WᵀWH), as in nmf_ref.rules.mu.update_H.")


def check_zero_sticks(X, W0, H0, answer, j=12, n_iter=100):
    """``answer = (H[0, j], H[1, j])`` after ``n_iter`` MU iterations from (W0, H0) with
    H0[0, j] set to 0 (the checker zeroes it on its own copy)."""
    from ...solve import nmf

    values = _as_array(answer, "the answer")
    _require(values.shape == (2,),
             f"Give two numbers, (H[0, {j}], H[1, {j}]) after the run; got shape "
             f"{values.shape}.")
    X, W0, H0 = (np.array(A, dtype=float) for A in (X, W0, H0))
    start = H0.copy()
    start[0, j] = 0.0
    rank = W0.shape[1]
    run = dict(W=W0, max_iter=n_iter, tol=0)
    want = nmf(X, rank, solver="mu", H=start, **run).H[[0, 1], j]
    _require(values[0] == 0.0,
             f"H[0, {j}] = {values[0]:.4g}. Look at the update: the new entry is the old "
             f"one times a ratio. What is 0 times anything?")
    if np.isclose(values[1], start[1, j], rtol=1e-9) and not np.isclose(want[1], start[1, j]):
        _require(False, f"H[1, {j}] is still its starting value: run the iterations.")
    unzeroed = nmf(X, rank, solver="mu", H=H0, **run).H[1, j]
    if np.isclose(values[1], unzeroed, rtol=1e-8) and not np.isclose(want[1], unzeroed):
        _require(False, f"That H[1, {j}] comes from the original start: set "
                        f"H0[0, {j}] = 0 on a copy first.")
    _require(np.isclose(values[1], want[1], rtol=1e-8),
             f"H[0, {j}] is right, H[1, {j}] is not. Run nmf_ref.nmf(X, {rank}, "
             f"solver='mu', W=W0, H=H0_zero, max_iter={n_iter}, tol=0) and read both "
             "entries.")
    return _correct(f"H[0, {j}] is still exactly 0 after {n_iter} multiplicative steps, "
                    f"while H[1, {j}] moved to {want[1]:.4g}: MU rescales entries, it "
                    "cannot revive a zero.")


@_chooses
def check_fixed_point(answer):
    """Reasoning: MU stops moving at an H with H[0, 0] = 0 and ∂f/∂H[0, 0] < 0. Which is true?

    (a) a KKT point, since MU's fixed points are stationary; (b) a fixed point but
    not a KKT point: raising H[0, 0] would lower f; (c) not a fixed point, since
    the gradient is not zero; (d) the minimum over H ≥ 0 (W fixed), since MU never
    raises f. Right: (b).
    """
    return _choice(answer, "b", {
        "a": "MU's fixed points are stationary only where the entries are positive. "
             "At a zero entry the KKT conditions ask for a gradient ≥ 0; a negative one "
             "says f decreases if the entry grows.",
        "c": "MU multiplies H[0, 0] = 0 by a ratio, so it stays 0 whatever the gradient: "
             "a zero is always a fixed point of the update.",
        "d": "that MU never raises f says nothing about where it stops. Raising H[0, 0] "
             "lowers f (its partial derivative is negative), so this H is not even the "
             "minimum over H ≥ 0.",
    }, "a zero with a negative gradient is fixed under MU but breaks the KKT condition "
       "∇f ≥ 0 where H = 0: the projected gradient there is not zero.")
