"""Chapter 9's exercise checkers, one table: (checker, answer, None when it is accepted,
else the hint the rejection must match). Moved here from tests/book/test_acceleration.py."""

import numpy as np

from nmf_ref.book.exercises import ch09
from checking import checker_table, verdict


def rho(m, n, r):
    return 1 + (m * n + n * r) / (m * (r + 1))


def right_budget(m, n, r, alpha):
    return int(np.floor(1 + alpha * rho(m, n, r)))


def wrong_budget_not_rounded(m, n, r, a):
    return 1 + a * rho(m, n, r)


def wrong_budget_of_H(m, n, r, a):
    return right_budget(n, m, r, a)


def wrong_rho_without_its_1(m, n, r, a):
    return int(1 + a * (rho(m, n, r) - 1))


def wrong_budget_without_first_sweep(m, n, r, a):
    return int(a * rho(m, n, r))


def wrong_sweep_cost_mr(m, n, r, a):
    return int(1 + a * (1 + (m * n + n * r) / (m * r)))


def right_sparse_h_budget(m, n, nnz, r, alpha):
    # WᵀX: 2·nnz·r, WᵀW: 2mr², one sweep over H: 2nr(r + 1)
    return int(np.floor(1 + alpha * (1 + (nnz + m * r) / (n * (r + 1)))))


def wrong_sparse_budget_of_W(m, n, nnz, r, alpha):
    return int(np.floor(1 + alpha * (1 + (nnz + n * r) / (m * (r + 1)))))


def wrong_sparse_as_dense(m, n, nnz, r, alpha):
    return right_sparse_h_budget(m, n, m * n, r, alpha)


def wrong_sparse_gram_nr(m, n, nnz, r, alpha):
    return int(np.floor(1 + alpha * (1 + (nnz + n * r) / (n * (r + 1)))))


def wrong_sparse_not_rounded(m, n, nnz, r, alpha):
    return 1 + alpha * (1 + (nnz + m * r) / (n * (r + 1)))


def right_her(beta, bar, prev, improved, eta, gamma, gamma_bar):
    if improved:
        return min(bar, gamma * beta), min(1.0, gamma_bar * bar)
    return beta / eta, prev


def right_her_as_list(*args):
    return list(right_her(*args))


def variant(success=None, failure=None):
    def f(beta, bar, prev, improved, eta, gamma, gamma_bar):
        if improved and success:
            return success(beta, bar, prev, eta, gamma, gamma_bar)
        if not improved and failure:
            return failure(beta, bar, prev, eta, gamma, gamma_bar)
        return right_her(beta, bar, prev, improved, eta, gamma, gamma_bar)
    return f


wrong_beta_uncapped = variant(success=lambda b, bar, p, e, g, gb: (g * b, min(1, gb * bar)))
wrong_cap_frozen = variant(success=lambda b, bar, p, e, g, gb: (min(bar, g * b), bar))
wrong_cap_above_1 = variant(success=lambda b, bar, p, e, g, gb: (min(bar, g * b), gb * bar))
wrong_capped_by_new_cap = variant(
    success=lambda b, bar, p, e, g, gb: (min(min(1, gb * bar), g * b), min(1, gb * bar)))
wrong_failure_multiplies = variant(failure=lambda b, bar, p, e, g, gb: (b * e, p))
wrong_cap_to_failed_beta = variant(failure=lambda b, bar, p, e, g, gb: (b / e, b))
wrong_cap_kept = variant(failure=lambda b, bar, p, e, g, gb: (b / e, bar))

CASES = [
    (ch09.check_inner_budget, right_budget, None),
    (ch09.check_inner_budget, wrong_budget_not_rounded, "Round down"),
    (ch09.check_inner_budget, wrong_budget_of_H, "budget for H"),
    (ch09.check_inner_budget, wrong_rho_without_its_1, "starts at 1"),
    (ch09.check_inner_budget, wrong_budget_without_first_sweep, "first sweep always runs"),
    (ch09.check_inner_budget, wrong_sweep_cost_mr, "m\\(r \\+ 1\\)"),
    (ch09.check_inner_budget, lambda m, n, r, a: 3, "you gave 3"),
    (ch09.check_inner_budget, lambda m, n, r, a: [1, 2], "one number"),
    (ch09.check_inner_budget, lambda m, n, r, a: None, "one number"),
    (ch09.check_inner_budget, None, "Pass a function"),
    (ch09.check_sparse_h_budget, right_sparse_h_budget, None),
    (ch09.check_sparse_h_budget, wrong_sparse_budget_of_W, "budget for W"),
    (ch09.check_sparse_h_budget, wrong_sparse_as_dense, "stored entries"),
    (ch09.check_sparse_h_budget, wrong_sparse_gram_nr, "WᵀW, an m-long sum"),
    (ch09.check_sparse_h_budget, wrong_sparse_not_rounded, "Round down"),
    (ch09.check_sparse_h_budget, lambda *a: "2", "one number"),
    (ch09.check_sparse_h_budget, lambda *a: None, "one number"),
    (ch09.check_sparse_h_budget, None, "Pass a function"),
    (ch09.check_next_beta, right_her, None),
    (ch09.check_next_beta, right_her_as_list, None),
    (ch09.check_next_beta, wrong_beta_uncapped, "never past its cap"),
    (ch09.check_next_beta, wrong_cap_frozen, "grows too"),
    (ch09.check_next_beta, wrong_cap_above_1, "at most 1"),
    (ch09.check_next_beta, wrong_capped_by_new_cap, "old β̄"),
    (ch09.check_next_beta, wrong_failure_multiplies, "divide by η"),
    (ch09.check_next_beta, wrong_cap_to_failed_beta, "iteration before"),
    (ch09.check_next_beta, wrong_cap_kept, "cap must fall"),
    (ch09.check_next_beta, lambda *a: 0.5, "two numbers"),
    (ch09.check_next_beta, lambda *a: None, "two numbers"),
    (ch09.check_next_beta, lambda *a: ("a", "b"), "two numbers"),
    (ch09.check_next_beta, None, "Pass a function"),
    (ch09.check_costlier, "b", None),
    (ch09.check_costlier, "(B)", None),
    (ch09.check_costlier, "a", "2mnr"),
    (ch09.check_costlier, "c", "m cancels"),
    (ch09.check_costlier, "d", "slow per flop"),
    (ch09.check_costlier, 2, "letter"),
    (ch09.check_costlier, None, "letter"),
]


@checker_table(CASES, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_choices_are_worth_one_point():
    assert getattr(ch09.check_costlier, "points", None) == 1
    assert not hasattr(ch09.check_sparse_h_budget, "points")
