"""Checkers of chapter 9 (Acceleration): check_inner_budget, check_next_beta, check_costlier,
check_sparse_h_budget.

The right answers come from the library itself (:func:`nmf_ref.rules.ahals.max_sweeps`,
:class:`nmf_ref.extrapolate.Extrapolation`), so a checker cannot drift from what
``nmf`` runs."""

import numbers

import numpy as np

from ...extrapolate import Extrapolation
from ...rules.ahals import max_sweeps
from ._common import _call, _choice, _chooses, _correct, _number, _require


def check_inner_budget(func):
    """``func(m, n, r, alpha)``: A-HALS's most sweeps over W per pair of products,
    :math:`\\lfloor 1 + \\alpha\\rho_W \\rfloor` with :math:`\\rho_W = 1 + (mn + nr)/(m(r+1))`."""
    cases = [(2000, 1000, 30, 0.5), (1797, 64, 10, 0.5), (100, 625, 10, 0.5),
             (625, 100, 10, 1.0), (50, 50, 49, 0.5), (300, 500, 20, 0.25)]
    for m, n, r, alpha in cases:
        got = _number(_call(func, m, n, r, alpha), "Your budget (a count of sweeps)")
        want = max_sweeps(m, n, m * n, r, alpha)  # the library's rule, a dense X
        rho = 1 + (m * n + n * r) / (m * (r + 1))
        wrong = {
            "Round down: the budget is a whole number of sweeps, ⌊1 + αρ⌋.": 1 + alpha * rho,
            "That is the budget for H: for W the products cost mn + nr per m(r + 1), "
            "so m, not n, goes in the denominator.": max_sweeps(n, m, m * n, r, alpha),
            "ρ itself starts at 1 (the first sweep's own cost): ρ = 1 + (mn + nr)/(m(r+1)).":
                np.floor(1 + alpha * (rho - 1)),
            "The first sweep always runs: the budget is ⌊1 + αρ⌋, not ⌊αρ⌋.":
                np.floor(alpha * rho),
            "A sweep costs 2mr(r + 1) flops (the products with the r columns, plus the "
            "updates): divide by m(r + 1), not mr.":
                np.floor(1 + alpha * (1 + (m * n + n * r) / (m * r))),
        }
        for hint, value in wrong.items():
            if np.isclose(got, value) and not np.isclose(value, want):
                _require(False, f"For m={m}, n={n}, r={r}, α={alpha}: {hint}")
        _require(got == want, f"For m={m}, n={n}, r={r}, α={alpha} you gave {got:g}. Count "
                              "the cost of the first sweep (products included) over that of "
                              "one more sweep, then take ⌊1 + αρ⌋.")
    return _correct("2000 × 1000 at rank 30 allows 17 sweeps of W per product: the products "
                    "cost 33 times a sweep.")


def check_sparse_h_budget(func):
    """``func(m, n, nnz, r, alpha)``: A-HALS's most sweeps over H per pair of products
    when X (m × n) is sparse with ``nnz`` stored entries, derived as the page derives
    :math:`\\rho_W`: :math:`\\lfloor 1 + \\alpha\\rho_H \\rfloor` with
    :math:`\\rho_H = 1 + (\\mathrm{nnz} + mr)/(n(r+1))`."""
    cases = [(2000, 1000, 20000, 30, 0.5), (5000, 300, 60000, 10, 0.5),
             (300, 5000, 60000, 10, 0.5), (1000, 1000, 1_000_000, 20, 0.5),
             (400, 900, 9000, 5, 1.0)]
    for m, n, nnz, r, alpha in cases:
        got = _number(_call(func, m, n, nnz, r, alpha), "Your budget (a count of sweeps)")
        want = max_sweeps(n, m, nnz, r, alpha)  # the library's rule for the H-step (on Xᵀ)
        said = f"For m={m}, n={n}, nnz={nnz}, r={r}, α={alpha}"
        wrong = {
            "That is the budget for W. The H-step's sweep runs over the r × n entries "
            "of H, so n(r + 1), not m(r + 1), goes in the denominator, and its small Gram "
            "WᵀW costs 2mr².": max_sweeps(m, n, nnz, r, alpha),
            "X is sparse: WᵀX reads only the stored entries, 2·nnz·r flops, not 2mnr.":
                max_sweeps(n, m, m * n, r, alpha),
            "The Gram product of the H-step is WᵀW, an m-long sum per entry: 2mr², so "
            "its term is mr, not nr.":
                np.floor(1 + alpha * (1 + (nnz + n * r) / (n * (r + 1)))),
            "Round down: the budget is a whole number of sweeps.":
                1 + alpha * (1 + (nnz + m * r) / (n * (r + 1))),
        }
        for hint, value in wrong.items():
            if np.isclose(got, value) and not np.isclose(value, want):
                _require(False, f"{said}: {hint}")
        _require(got == want, f"{said} you gave {got:g}. Count the flops of WᵀX and WᵀW "
                              "for this X, and of one sweep over H, then take "
                              "⌊1 + α(first sweep with products)/(one sweep)⌋.")
    return _correct("a sparse X makes the products cheap, so the budget shrinks toward 1 + α; "
                    "with 20 000 stored entries of a 2000 × 1000 X at rank 30, H gets 2 "
                    "sweeps where a dense X would allow 34.")


def _library_next_beta(beta, beta_bar, previous, improved, eta, gamma, gamma_bar):
    """What nmf_ref's :class:`Extrapolation` sets β and β̄ to after one iteration."""
    W, H = np.ones((2, 1)), np.ones((1, 2))
    state = Extrapolation(W, H, 1.0, None, beta, eta, gamma, gamma_bar, balance=False)
    state.beta_bar, state.beta_before = beta_bar, previous  # the state before the iteration
    state.after(state.first(W), H, 0.5 if improved else 2.0)  # the error went down, or up
    return state.beta, state.beta_bar


def check_next_beta(func):
    """``func(beta, beta_bar, previous_beta, improved, eta, gamma, gamma_bar)`` returns
    ``(next_beta, next_beta_bar)``: Ang & Gillis's update after an iteration whose
    error went down (``improved``) or up, as :class:`nmf_ref.extrapolate.Extrapolation`
    makes it."""
    cases = [(0.5, 1.0, 0.5, True), (0.5, 0.52, 0.45, True), (0.6, 1.0, 0.5, False),
             (0.3, 0.4, 0.35, False), (0.9, 0.96, 0.9, True), (0.2, 0.99, 0.3, True)]
    eta, gamma, gamma_bar = 1.5, 1.1, 1.05
    for beta, bar, prev, improved in cases:
        got = _call(func, beta, bar, prev, improved, eta, gamma, gamma_bar)
        _require(isinstance(got, (tuple, list)) and len(got) == 2
                 and all(isinstance(g, (numbers.Real, np.number)) for g in got),
                 f"Return two numbers (next β, next β̄), got {got!r}.")
        got = tuple(float(g) for g in got)
        want = _library_next_beta(beta, bar, prev, improved, eta, gamma, gamma_bar)
        if improved:
            wrong = {
                "β may grow by γ, but never past its cap β̄.": (gamma * beta, want[1]),
                "The cap β̄ grows too, by γ̄, and never past 1.": (want[0], bar),
                "β̄ is at most 1: β = 1 would jump a whole step ahead.":
                    (want[0], gamma_bar * bar),
                "Cap β with the old β̄ (the one in force during this iteration), then grow "
                "β̄.": (min(min(1.0, gamma_bar * bar), gamma * beta), want[1]),
            }
        else:
            wrong = {
                "After a failure β shrinks: divide by η, do not multiply.": (beta * eta, want[1]),
                "After a failure the cap falls to the β of the iteration before (the last "
                "one that worked), not to the β that just failed.": (want[0], beta),
                "After a failure the cap must fall, or β would climb straight back to the "
                "value that failed.": (want[0], bar),
            }
        for hint, value in wrong.items():
            if np.allclose(got, value) and not np.allclose(value, want):
                _require(False, f"For β={beta}, β̄={bar}, previous β={prev}, "
                                f"improved={improved}: {hint}")
        _require(np.allclose(got, want),
                 f"For β={beta}, β̄={bar}, previous β={prev}, improved={improved} you gave "
                 f"{got}, expected other values. Success: β ← min(β̄, γβ), "
                 "β̄ ← min(1, γ̄β̄); "
                 "failure: β ← β/η, β̄ ← the previous β.")
    return _correct("grow slowly while it works, back off fast when it does not, and remember "
                    "where it last worked.")


@_chooses
def check_costlier(answer):
    """Reasoning: which statement about the cost of a HALS iteration is true? A letter."""
    return _choice(
        answer, "b",
        {"a": "a sweep over W touches W's m·r entries r times (about 2mr² flops); the "
              "product touches all of X's m·n entries r times (2mnr flops).",
         "c": "the ratio 2mnr / 2mr² does not involve m at all: m cancels.",
         "d": "counting flops, the sweep's r matrix-vector products with W add up to about "
              "2mr², far fewer than the product's 2mnr; the loop makes it slow per flop in "
              "NumPy, not large."},
        "XHᵀ costs about n/r sweeps over W, which is why A-HALS can afford several sweeps "
        "per product, and why extrapolation, which costs a few passes over W and H, is "
        "almost free.")
