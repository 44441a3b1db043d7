"""Chapter 13's checkers (nmf_ref.book.exercises.ch13): one table of right and wrong
answers, each wrong one named for its mistake and the hint it must get."""

import numpy as np
import pytest

from nmf_ref.book.exercises import ch13
from nmf_ref.losses import beta_divergence
from checking import checker_table, verdict


# --- the β-divergence

def right_d_beta(x, y, beta):
    if beta == 1:
        return x * np.log(x / y) - x + y
    if beta == 0:
        return x / y - np.log(x / y) - 1
    return (x**beta + (beta - 1) * y**beta - beta * x * y ** (beta - 1)) / (beta * (beta - 1))


def wrong_arguments_swapped(x, y, beta):
    return right_d_beta(y, x, beta)


def wrong_no_limits(x, y, b):
    return (x**b + (b - 1) * y**b - b * x * y ** (b - 1)) / (b * (b - 1))


def wrong_the_sum(x, y, beta):
    return right_d_beta(x, y, beta).sum()


def wrong_full_square(x, y, beta):
    return (x - y) ** 2 if beta == 2 else right_d_beta(x, y, beta)


def wrong_not_divided(x, y, b):
    return right_d_beta(x, y, b) * (b * (b - 1) if b not in (0, 1, 2) else 1)


def test_the_answer_is_the_core_beta_divergence():
    x, y = np.array([[0.5, 2.0]]), np.array([[1.5, 0.7]])
    for beta in (0, 0.5, 1, 2, 3):
        # W = [[1]] (1×1), H = y (1×2): WH = y
        assert right_d_beta(x, y, beta).sum() == pytest.approx(
            beta_divergence(x, np.ones((1, 1)), y, beta))


# --- the break-even scale (replaces the cost ratio, whose answer the page printed)

def d(x, y, beta):
    return right_d_beta(np.array(x, float), np.array(y, float), beta)


def right_break_even(beta):
    if beta == 0:
        return np.inf
    return (d(1, 2, beta) / d(1, 1.1, beta)) ** (1 / beta)


def right_break_even_by_bisection(beta):  # no algebra: solve d(λ | 1.1λ) = d(1 | 2) numerically
    if beta == 0:
        return np.inf
    gap = lambda lam: np.log(d(lam, 1.1 * lam, beta) / d(1, 2, beta))  # noqa: E731
    lo, hi = 1e-6, 1e6
    for _ in range(200):
        mid = np.sqrt(lo * hi)
        if (gap(mid) > 0) == (beta > 0):
            hi = mid
        else:
            lo = mid
    return np.sqrt(lo * hi)


def wrong_the_cost_ratio(beta):  # the page's λ^β, not λ
    return np.inf if beta == 0 else d(1, 2, beta) / d(1, 1.1, beta)


def wrong_inverted(beta):
    return np.inf if beta == 0 else 1 / right_break_even(beta)


def wrong_half_power(beta):  # λ^(β/2)
    return np.inf if beta == 0 else right_break_even(beta) ** 2


def wrong_zero_at_is(beta):
    return 0.0 if beta == 0 else right_break_even(beta)


def wrong_nan_at_is(beta):
    return (d(1, 2, beta) / d(1, 1.1, beta)) ** (1 / beta)  # divides by zero at β = 0


def wrong_misfits_swapped(beta):  # the loud entry 100% off, the quiet one 10%
    return np.inf if beta == 0 else (d(1, 1.1, beta) / d(1, 2, beta)) ** (1 / beta)


def wrong_an_array(beta):
    return np.full(3, right_break_even(beta))


# --- what an IS fit preserves: a choice

CASES = [
    (ch13.check_beta_divergence, right_d_beta, None),
    (ch13.check_beta_divergence, wrong_arguments_swapped, "not symmetric"),
    (ch13.check_beta_divergence, wrong_no_limits, "limits"),
    (ch13.check_beta_divergence, wrong_the_sum, "not its sum"),
    (ch13.check_beta_divergence, wrong_full_square, "half the square"),
    (ch13.check_beta_divergence, wrong_not_divided, "divide by"),
    (ch13.check_beta_divergence, None, "function"),
    (ch13.check_break_even, right_break_even, None),
    (ch13.check_break_even, right_break_even_by_bisection, None),
    (ch13.check_break_even, wrong_the_cost_ratio, "ratio of the two costs"),
    (ch13.check_break_even, wrong_inverted, "1/λ"),
    (ch13.check_break_even, wrong_half_power, "ratio of the two costs|power β itself"),
    (ch13.check_break_even, wrong_zero_at_is, "np.inf"),
    (ch13.check_break_even, wrong_nan_at_is, "ZeroDivisionError"),
    (ch13.check_break_even, wrong_misfits_swapped, "1/λ"),
    (ch13.check_break_even, wrong_an_array, "one number"),
    (ch13.check_break_even, lambda beta: None, "returned None"),
    (ch13.check_break_even, lambda beta: "ten", "numbers"),
    (ch13.check_break_even, None, "function"),
    (ch13.check_break_even, 10.0, "function"),
    (ch13.check_is_identity, "b", None),
    (ch13.check_is_identity, "(B)", None),
    (ch13.check_is_identity, "a", "KL's identity"),
    (ch13.check_is_identity, "c", "not the mean of X/Y inverted"),
    (ch13.check_is_identity, "d", "Frobenius"),
    (ch13.check_is_identity, "e", "one of the letters"),
    (ch13.check_is_identity, None, "letter"),
    (ch13.check_is_identity, 1, "letter"),
]


@checker_table(CASES, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_the_choice_is_worth_one_point():
    assert ch13.check_is_identity.points == 1
    assert not hasattr(ch13.check_break_even, "points")
