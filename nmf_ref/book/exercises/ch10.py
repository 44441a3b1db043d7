"""Checkers of chapter 10 (The race): check_relative_gap, check_time_to_reach,
check_first_finisher, check_misleading_median."""

import numpy as np

from ._common import _as_array, _call, _correct, _number, _require


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
        got = _number(_call(func, seconds.copy(), loss.copy(), 10.0, tol),
                      f"For tol={tol:g}, the time (seconds, or np.inf for never)")
        _require(np.isclose(got, want),
                 f"For tol={tol:g} you returned {got!r}, expected {want}. Find the first "
                 "index where (loss − best)/best ≤ tol.")
    got = _number(_call(func, seconds.copy(), loss.copy(), 9.0, 1e-3),
                  "For a curve that never gets there, the time (np.inf)")
    _require(np.isinf(got), f"A curve that never gets within tol must give np.inf, got {got!r}.")
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


def check_misleading_median(ours, cd):
    """A counterexample: per-start seconds (np.inf = never arrived) of a runner, ``ours``,
    and of scikit-learn's cd, ``cd``, from the same starts, such that the median of
    ours/cd with "cd never arrived" counted as a ratio of 0 is below 1 (ours looks
    faster) while ours is slower than cd from every start where both arrived."""
    ours, cd = _as_array(ours, "ours"), _as_array(cd, "cd")
    _require(ours.ndim == 1 and ours.shape == cd.shape and len(ours) >= 2,
             "Give two 1-D arrays of the same length, one time per start (at least two "
             f"starts); got shapes {ours.shape} and {cd.shape}.")
    _require(not np.isnan(ours).any() and not np.isnan(cd).any() and (ours > 0).all()
             and (cd > 0).all(), "Times are positive seconds, or np.inf for a start where "
                                 "the runner never arrived.")
    both = np.isfinite(ours) & np.isfinite(cd)
    _require(both.any(), "From at least one start both must arrive: the claim is about "
                         "the starts where both arrived, so it needs some.")
    _require((ours[both] > cd[both]).all(),
             "From some start where both arrived, ours is not slower than cd: the "
             "counterexample needs ours slower from every such start.")
    with np.errstate(invalid="ignore"):
        counted = np.where(np.isinf(cd) & np.isfinite(ours), 0.0, ours / cd)
    counted = counted[~np.isnan(counted)]  # neither arrived: no ratio
    _require(len(counted) and np.median(counted) < 1,
             f"With never counted as 0 your median is {np.median(counted):.2f}, not below 1. "
             "Which starts contribute a 0, and how many does it take to pull the median "
             "down?")
    return _correct("enough starts where only ours arrived turn into zeros that pull the "
                    "median below 1, whatever happens where both arrived. Report the "
                    "ratio over the starts where both arrived, with their count, and "
                    "the arrivals separately.")
