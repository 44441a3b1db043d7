"""Chapter 11's exercise checkers, one table: (checker, answer, None when it is accepted,
else the hint the rejection must match). The check_nndsvd_pair and check_zero_pattern
rows moved here from tests/book/test_practice.py."""

import numpy as np

from nmf_ref.book import restarts
from nmf_ref.book.exercises import ch11
from checking import checker_table, verdict


# ------------------------------------------------------------------ NNDSVD, one pair

def right_nndsvd_pair(x, y, sigma):
    xp, yp, xn, yn = (np.maximum(x, 0), np.maximum(y, 0), np.maximum(-x, 0),
                      np.maximum(-y, 0))
    mp, mn = np.linalg.norm(xp) * np.linalg.norm(yp), np.linalg.norm(xn) * np.linalg.norm(yn)
    a, b, m = (xp, yp, mp) if mp > mn else (xn, yn, mn)
    s = np.sqrt(sigma * m)
    return s * a / np.linalg.norm(a), s * b / np.linalg.norm(b)


def right_nndsvd_pair_as_list(x, y, sigma):
    return list(right_nndsvd_pair(x, y, sigma))


def wrong_always_positive(x, y, sigma):
    a, b = np.maximum(x, 0), np.maximum(y, 0)
    s = np.sqrt(sigma * np.linalg.norm(a) * np.linalg.norm(b))
    return s * a / np.linalg.norm(a), s * b / np.linalg.norm(b)


def wrong_by_x_alone(x, y, sigma):
    sign = 1 if np.linalg.norm(np.maximum(x, 0)) > np.linalg.norm(np.maximum(-x, 0)) else -1
    return wrong_always_positive(sign * x, sign * y, sigma)


def wrong_absolute_values(x, y, s):
    return np.sqrt(s) * np.abs(x), np.sqrt(s) * np.abs(y)


def wrong_unscaled(x, y, sigma):
    w, h = right_nndsvd_pair(x, y, sigma)
    return w / np.linalg.norm(w), h / np.linalg.norm(h)


def wrong_uneven(x, y, sigma):
    w, h = right_nndsvd_pair(x, y, sigma)
    return 2 * w, h / 2


def wrong_one_vector(x, y, s):
    return x


def wrong_transposed(x, y, s):
    w, h = right_nndsvd_pair(x, y, s)
    return h, w


# ------------------------------------------------------------------ restarts needed

def q_of(errors, eps):
    return np.mean(errors <= errors.min() * (1 + eps))


def right_restarts_needed(errors, eps, confidence):
    q = q_of(errors, eps)
    if q == 1:
        return 1
    return int(np.ceil(np.log(1 - confidence) / np.log(1 - q)))


def right_restarts_needed_by_search(errors, eps, confidence):
    k = 1
    while 1 - (1 - q_of(errors, eps)) ** k < confidence:
        k += 1
    return k


def wrong_rounded_down(errors, eps, confidence):
    q = q_of(errors, eps)
    return 1 if q == 1 else int(np.floor(np.log(1 - confidence) / np.log(1 - q)))


def wrong_zero_when_all_succeed(errors, eps, confidence):
    with np.errstate(divide="ignore"):
        return int(np.ceil(np.log(1 - confidence) / np.log(1 - q_of(errors, eps))))


def wrong_scan_to_30(errors, eps, confidence):
    k = np.arange(1, 31)
    p = restarts.best_of_k_probability(errors, k, eps)
    return int(k[p >= confidence][0]) if (p >= confidence).any() else 30


def wrong_absolute_eps(errors, eps, confidence):
    q = np.mean(errors <= errors.min() + eps)
    return 1 if q == 1 else int(np.ceil(np.log(1 - confidence) / np.log(1 - q)))


def wrong_strict(errors, eps, confidence):
    q = np.mean(errors < errors.min() * (1 + eps))
    return 1 if q == 1 else int(np.ceil(np.log(1 - confidence) / np.log(1 - q)))


def wrong_failures_for_successes(errors, eps, confidence):
    q = 1 - q_of(errors, eps)
    return 1 if q >= 1 else int(np.ceil(np.log(1 - confidence) / np.log(1 - q)))


def wrong_the_probability(errors, eps, confidence):
    return restarts.best_of_k_probability(errors, 5, eps)


def wrong_none(errors, eps, confidence):
    return None


# ------------------------------------------------------------------ the MU trap

def right_trap():
    W0, H0 = np.ones((5, 2)), np.ones((2, 4))
    W0[1, 0] = 0.0  # no exact factorization of this X has a zero in row 2 of W
    return W0, H0


def right_trap_in_H():
    W0, H0 = np.ones((5, 2)), np.ones((2, 4))
    W0[0, 0] = 2.0
    H0[0, 0] = 0.0
    return [W0.tolist(), H0.tolist()]


def wrong_trap_compatible_zero():
    W0, H0 = right_trap()
    W0[1, 0], W0[0, 0] = 1.0, 0.0  # row 1 of W: the edge of the cone, exact fits exist
    W0[:, 0] += 0.5 * np.arange(5)
    return W0, H0


def wrong_trap_positive():
    return np.ones((5, 2)) + np.eye(5, 2), np.ones((2, 4))


def wrong_trap_zero_column():
    W0, H0 = right_trap()
    W0[:, 0] = 0.0
    return W0, H0


def wrong_trap_negative():
    W0, H0 = right_trap()
    W0[1, 0] = -1.0
    return W0, H0


def wrong_trap_shapes():
    W0, H0 = right_trap()
    return W0.T, H0.T


CASES = [
    (ch11.check_nndsvd_pair, right_nndsvd_pair, None),
    (ch11.check_nndsvd_pair, right_nndsvd_pair_as_list, None),
    (ch11.check_nndsvd_pair, wrong_always_positive, "sign of a singular pair"),
    (ch11.check_nndsvd_pair, wrong_by_x_alone, "larger part of x"),
    (ch11.check_nndsvd_pair, wrong_absolute_values, "Absolute values"),
    (ch11.check_nndsvd_pair, wrong_unscaled, "not the size"),
    (ch11.check_nndsvd_pair, wrong_uneven, "unevenly"),
    (ch11.check_nndsvd_pair, wrong_one_vector, "two vectors"),
    (ch11.check_nndsvd_pair, wrong_transposed, "shape"),
    (ch11.check_nndsvd_pair, None, "Pass a function"),
    (ch11.check_restarts_needed, right_restarts_needed, None),
    (ch11.check_restarts_needed, right_restarts_needed_by_search, None),
    (ch11.check_restarts_needed, wrong_rounded_down, "round up"),
    (ch11.check_restarts_needed, wrong_zero_when_all_succeed, "at least one restart"),
    (ch11.check_restarts_needed, wrong_scan_to_30, "nothing bounds k by 30"),
    (ch11.check_restarts_needed, wrong_absolute_eps, "relative"),
    (ch11.check_restarts_needed, wrong_strict, "include equality"),
    (ch11.check_restarts_needed, wrong_failures_for_successes, "share of successes"),
    (ch11.check_restarts_needed, wrong_the_probability, "you gave"),
    (ch11.check_restarts_needed, restarts.best_of_k_probability, "raised ValueError"),
    (ch11.check_restarts_needed, wrong_none, "count of restarts should be one number"),
    (ch11.check_restarts_needed, None, "Pass a function"),
    (ch11.check_mu_trap, right_trap(), None),
    (ch11.check_mu_trap, right_trap_in_H(), None),
    (ch11.check_mu_trap, wrong_trap_compatible_zero(), "MU fitted X"),
    (ch11.check_mu_trap, wrong_trap_positive(), "positive start"),
    (ch11.check_mu_trap, wrong_trap_zero_column(), "zero column"),
    (ch11.check_mu_trap, wrong_trap_negative(), "non-negative"),
    (ch11.check_mu_trap, wrong_trap_shapes(), "5 × 2"),
    (ch11.check_mu_trap, right_trap()[0], "pair"),
    (ch11.check_mu_trap, ("W", "H"), "numbers"),
    (ch11.check_mu_trap, None, "pair"),
    (ch11.check_zero_pattern, "b", None),
    (ch11.check_zero_pattern, "(B)", None),
    (ch11.check_zero_pattern, "a", "0 times any ratio"),  # MU revives zeros
    (ch11.check_zero_pattern, "c", "HALS"),  # HALS keeps zeros too
    (ch11.check_zero_pattern, "d", "rescaling"),  # zeros are harmless
    (ch11.check_zero_pattern, "e", "one of the letters"),
    (ch11.check_zero_pattern, 2, "letter"),
    (ch11.check_zero_pattern, None, "letter"),
]


@checker_table(CASES, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_choices_are_worth_one_point():
    assert ch11.check_zero_pattern.points == 1
    assert not hasattr(ch11.check_restarts_needed, "points")
    assert not hasattr(ch11.check_mu_trap, "points")
