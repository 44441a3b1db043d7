"""Chapter 10's checkers (nmf_ref.book.exercises.ch10): one table of right and wrong
answers, each wrong one named for its mistake and the hint it must get."""

import numpy as np

from nmf_ref.book.exercises import ch10
from checking import checker_table, verdict

INF = np.inf


def right_gap(f, best):
    return (f - best) / best


def right_reach(seconds, loss, best, tol):
    hits = np.flatnonzero((loss - best) / best <= tol)
    return float(seconds[hits[0]]) if len(hits) else np.inf


def wrong_last_time(s, f, best, tol):  # the last time instead of the first crossing
    return float(s[-1]) if ((f - best) / best <= tol).any() else np.inf


def wrong_returns_none(s, f, best, tol):  # forgot the return
    np.flatnonzero((f - best) / best <= tol)


def wrong_returns_an_index(s, f, best, tol):
    hits = np.flatnonzero((f - best) / best <= tol)
    return hits[:1]


def wrong_never_is_none(s, f, best, tol):
    hits = np.flatnonzero((f - best) / best <= tol)
    return float(s[hits[0]]) if len(hits) else None


def right_finisher(it, c):
    return min(it, key=lambda s: it[s] * c[s])


CASES = [
    (ch10.check_relative_gap, (right_gap,), None),
    (ch10.check_relative_gap, (lambda f, best: f - best,), "relative"),
    (ch10.check_time_to_reach, (right_reach,), None),
    (ch10.check_time_to_reach, (wrong_last_time,), "first"),
    (ch10.check_time_to_reach, (wrong_returns_none,), "one number"),
    (ch10.check_time_to_reach, (wrong_returns_an_index,), "one number"),
    (ch10.check_time_to_reach, (wrong_never_is_none,), "never"),
    (ch10.check_time_to_reach, ("reach",), "function"),
    (ch10.check_first_finisher, (right_finisher,), None),
    (ch10.check_first_finisher, (lambda it, c: min(it, key=it.get),), "Multiply"),
    # ours arrives alone from 3 starts of 5 (three zeros), and is slower from the other two
    (ch10.check_misleading_median, ([1.0, 2.0, 3.0, 3.0, 3.0], [0.5, 1.0, INF, INF, INF]), None),
    (ch10.check_misleading_median, ((1.0, 2.0, 3.0), (0.5, 1.0, INF)), "median is 2.00"),
    # faster where both arrived: not a counterexample
    (ch10.check_misleading_median, ([0.4, 2.0, 3.0, 3.0, 3.0], [0.5, 1.0, INF, INF, INF]),
     "not slower"),
    (ch10.check_misleading_median, ([1.0, 2.0], [INF, INF]), "at least one start"),
    (ch10.check_misleading_median, ([1.0, 2.0, 3.0], [0.5, 1.0]), "same length"),
    (ch10.check_misleading_median, (None, [1.0]), "1-D arrays"),
    (ch10.check_misleading_median, ([1.0, -2.0], [0.5, 1.0]), "positive"),
]


@checker_table(CASES, one_answer=False, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)
