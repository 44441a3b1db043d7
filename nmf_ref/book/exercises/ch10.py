"""Checkers of chapter 10 (The race): check_relative_gap, check_time_to_reach, check_first_finisher."""

import numpy as np

from ._common import _as_array, _call, _correct, _require


def check_relative_gap(func):
    """``func(loss, best)``: the relative loss gap (loss − best)/best, elementwise."""
    loss, best = np.array([10.0, 4.0, 2.02, 2.002, 2.0]), 2.0
    got = _as_array(_call(func, loss.copy(), best), "the gaps")
    want = (loss - best) / best
    _require(got.shape == loss.shape, f"One gap per loss: shape {loss.shape}, got {got.shape}.")
    if np.allclose(got, loss - best):
        _require(False, "Divide by best: the gap is relative.")
    _require(np.allclose(got, want), "The gap is (loss − best) / best.")
    return _correct("0 at the best loss, 1e-3 when a solver is 0.1% above it.")


def check_time_to_reach(func):
    """``func(seconds, loss, best, tol)``: seconds at the first entry with gap ≤ tol, or inf."""
    seconds = np.array([0.0, 0.1, 0.25, 0.4, 0.6])
    loss = np.array([100.0, 20.0, 10.1, 10.005, 10.0])
    for tol, want in [(1e-2, 0.25), (1e-3, 0.4), (0.0, 0.6), (1.5, 0.1)]:
        got = _call(func, seconds.copy(), loss.copy(), 10.0, tol)
        _require(np.ndim(got) == 0 and np.isclose(float(got), want),
                 f"For tol={tol:g} you returned {got!r}, expected {want}. Find the first "
                 "index where (loss − best)/best ≤ tol.")
    got = _call(func, seconds.copy(), loss.copy(), 9.0, 1e-3)
    _require(np.ndim(got) == 0 and np.isinf(float(got)),
             f"A curve that never gets within tol must give np.inf, got {got!r}.")
    return _correct("the first crossing, not the last point, and inf for never.")


def check_first_finisher(func):
    """``func(iterations, seconds_per_iteration)`` (two dicts by solver): the solver that
    reaches the target first in *seconds*."""
    cases = [({"hals": 100, "anls": 20, "mu": 900}, {"hals": 1.0, "anls": 15.0, "mu": 0.6},
              "hals"),
             ({"hals": 100, "anls": 20, "mu": 900}, {"hals": 1.0, "anls": 4.0, "mu": 0.6},
              "anls"),
             ({"hals": 300, "mu": 400}, {"hals": 1.0, "mu": 0.5}, "mu")]
    for iters, cost, want in cases:
        got = _call(func, dict(iters), dict(cost))
        _require(got == want, f"For {iters} iterations at {cost} ms each you answered "
                              f"{got!r}. Multiply iterations by the cost of one.")
    return _correct("time = iterations × seconds per iteration: the fewest iterations "
                    "win only when iterations cost the same.")
