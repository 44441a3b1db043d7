"""nmf_ref.stopping: the projected gradient, the KKT test and MU's error test."""

import numpy as np
import pytest

from nmf_ref import stopping
from nmf_ref.rules import anls


def test_projected_gradient_keeps_only_the_negative_part_at_zero_entries():
    W = np.array([[0.0, 1.0], [0.0, 2.0]])
    grad = np.array([[3.0, 3.0], [-2.0, -1.0]])
    # at W = 0 a positive gradient pushes against the bound: allowed, so it counts 0
    np.testing.assert_array_equal(stopping.projected_gradient(W, grad),
                                  [[0.0, 3.0], [-2.0, -1.0]])
    assert stopping.kkt_violation(W, grad) == 6.0


def test_violation_is_zero_at_the_nnls_solution_and_positive_elsewhere():
    rng = np.random.RandomState(0)
    A = rng.rand(10, 3)
    Q, c = A.T @ A, A.T @ (rng.rand(10, 1) - 0.5)
    x = anls.nnls(Q, c)
    assert (x == 0).any()  # a bound is active, so the projection matters
    assert stopping.kkt_violation(x.T, (Q @ x - c).T) < 1e-12
    moved = x + 0.1
    assert stopping.kkt_violation(moved.T, (Q @ moved - c).T) > 1e-3


def test_kkt_test_boundary_is_inclusive_and_a_zero_start_is_done():
    assert stopping.kkt_converged(1e-4, 1.0, 1e-4)  # exactly tol · first: stop (<=)
    assert not stopping.kkt_converged(1.0001e-4, 1.0, 1e-4)
    assert stopping.kkt_converged(5.0, 0.0, 1e-4)  # started at a KKT point


def test_error_test_boundary_is_strict():
    assert not stopping.error_converged(1.0, 0.75, 1.0, 0.25)  # dropped by exactly tol: go on
    assert stopping.error_converged(1.0, 0.875, 1.0, 0.25)
    assert not stopping.error_converged(1.0, 0.5, 0.0, 0.1)  # e0 = 0: never by this rule


def test_error_test_looks_every_ten_iterations_and_only_then_computes_the_error():
    calls = []

    def error():
        calls.append(1)
        return 1.0  # no progress at all

    test = stopping.ErrorTest(1e-4, initial_error=2.0)
    verdicts = [test(it, None, error) for it in range(1, 21)]
    assert len(calls) == 2  # iterations 10 and 20
    assert verdicts[9] is False  # 2.0 -> 1.0 is progress
    assert verdicts[19] is True and not any(verdicts[:19])


def test_error_test_with_tol_zero_never_stops():
    test = stopping.ErrorTest(0.0, initial_error=1.0)
    assert not any(test(it, None, lambda: 1.0) for it in range(1, 31))


def test_kkt_test_compares_with_the_first_violation():
    test = stopping.KKTTest(0.1)
    assert [test(it, v, None) for it, v in enumerate([10.0, 5.0, 2.0, 1.0, 0.5], 1)] == \
        [False, False, False, True, True]


@pytest.mark.parametrize("solver", ["hals", "anls", "pgd"])  # ALS need not converge
def test_the_loop_stops_at_the_first_iteration_the_kkt_test_passes(solver):
    import nmf_ref

    X = np.random.RandomState(1).rand(12, 9)
    res = nmf_ref.nmf(X, 3, solver=solver, init="random", random_state=0, tol=1e-2,
                      max_iter=500)
    v = np.array(res.violation)
    assert res.converged and v[-1] <= 1e-2 * v[0]
    assert (v[:-1] > 1e-2 * v[0]).all()
