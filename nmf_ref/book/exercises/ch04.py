"""Checkers of chapter 4 (Multiplicative updates): check_mu_step_size, check_mu_update_H, check_zero_sticks."""

import numpy as np

from ...rules import mu
from ._common import _as_array, _call, _correct, _problems, _require


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


def check_zero_sticks(value):
    """The value of an entry of H that started at 0, after many MU steps."""
    _require(np.ndim(value) == 0, f"Give one number, got shape {np.shape(value)}.")
    _require(float(value) == 0.0,
             f"You gave {float(value):.4g}. Look at the update: the new entry is the "
             f"old one times a ratio. What is 0 times anything?")
    return _correct("an entry that is 0 stays 0 under multiplicative updates, "
                    "whatever the gradient says.")
