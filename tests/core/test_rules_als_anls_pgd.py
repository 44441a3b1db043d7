"""Unit and property tests for the ALS, ANLS (block principal pivoting) and PGD rules."""

import warnings

import numpy as np
import pytest
import scipy.linalg
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st

from nmf_ref.rules import als, anls, pgd

FAST = settings(deadline=None, max_examples=60, derandomize=True)


def objective(W, HHt, XHt):
    """½‖X − WH‖² − ½‖X‖² in Gram form (written out here, independently of pgd)."""
    return 0.5 * np.sum((W @ HHt) * W) - np.sum(XHt * W)


def kkt_violation(Q, c, x):
    """Largest relative violation of x ≥ 0, y = Qx − c ≥ 0, x·y = 0."""
    if not np.any(x) and not np.any(c):
        return 0.0
    y = Q @ x - c
    x_size = np.abs(x).max() or 1.0
    y_size = np.abs(c).max() + np.abs(Q).max() * np.abs(x).max()  # size of the terms of y
    return max(
        np.max(-x, initial=0) / x_size,
        np.max(-y, initial=0) / y_size,
        np.max(np.abs(x * y), initial=0) / x_size / y_size,
    )


def nmf_grams(seed, m, n, r, dead=False, l1=0.0, l2=0.0, dtype=np.float64):
    """W, HHt, XHt from a random non-negative X (m×n), H (r×n) and W (m×r),
    optionally with a dead component (a zero row of H) and L1/L2 penalties."""
    rng = np.random.default_rng(seed)
    X, H = rng.random((m, n)), rng.random((r, n))
    W = rng.random((m, r)) * (rng.random((m, r)) < 0.7)
    if dead:
        H[0] = 0
    HHt = H @ H.T + l2 * np.eye(r)
    XHt = X @ H.T - l1
    return W.astype(dtype), HHt.astype(dtype), XHt.astype(dtype)


# ---------------------------------------------------------------- ANLS / nnls


@st.composite
def nnls_problems(draw):
    """A (m×r) and B (m×k) with small integer entries, so that a rank-deficient A
    (inner dimension q < r, or m < r) is exactly rank-deficient in floating point.
    With A ≥ 0, the columns of B made ≤ 0 have an all-negative (or zero) AᵀB."""
    r = draw(st.integers(1, 12))
    m = draw(st.integers(1, 20))
    k = draw(st.integers(1, 50))
    q = draw(st.integers(1, r))
    nonnegative_A = draw(st.booleans())
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    low = 0 if nonnegative_A else -3
    A = (rng.integers(low, 4, (m, q)) @ rng.integers(low, 4, (q, r))).astype(float)
    B = rng.integers(-5, 6, (m, k)).astype(float)
    negative = rng.random(k) < 0.3
    B[:, negative] = -np.abs(B[:, negative])
    return A, B


def scipy_nnls_columns(A, B):
    return np.column_stack([scipy.optimize.nnls(A, b, maxiter=50 * A.shape[1])[0] for b in B.T])


@FAST
@given(nnls_problems())
def test_nnls_matches_scipy_and_satisfies_kkt(problem):
    A, B = problem
    Q, C = A.T @ A, A.T @ B
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "did not settle" would be a failure
        X = anls.nnls(Q, C)
    assert X.shape == C.shape
    X_scipy = scipy_nnls_columns(A, B)
    for j in range(B.shape[1]):
        assert kkt_violation(Q, C[:, j], X[:, j]) < 1e-10
        if np.all(C[:, j] <= 0):  # x = 0 is optimal, and found with no exchange
            assert np.all(X[:, j] == 0)
        if kkt_violation(Q, C[:, j], X_scipy[:, j]) > 1e-8:
            continue  # scipy's nnls can fail on rank-deficient A (x of size 1e15)
        # x need not be unique when A is rank-deficient, but the fit Ax is
        # (and ‖Ax*‖ ≤ ‖b‖, since Ax* is a projection of b)
        fit_gap = np.linalg.norm(A @ (X[:, j] - X_scipy[:, j]))
        assert fit_gap <= 1e-8 * np.linalg.norm(B[:, j])


@FAST
@given(
    st.integers(1, 12), st.integers(0, 20), st.integers(1, 50), st.integers(0, 2**32 - 1)
)
def test_nnls_matches_scipy_solution_when_full_rank(r, extra_rows, k, seed):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((r + 3 + extra_rows, r))  # well-conditioned, so x is unique
    B = rng.standard_normal((A.shape[0], k))
    X = anls.nnls(A.T @ A, A.T @ B)
    X_scipy = scipy_nnls_columns(A, B)
    np.testing.assert_allclose(X, X_scipy, rtol=1e-8, atol=1e-8 * np.abs(X_scipy).max())


@FAST
@given(nnls_problems(), st.integers(0, 2**32 - 1))
def test_nnls_warm_start_gives_the_same_answer(problem, seed):
    A, B = problem
    Q, C = A.T @ A, A.T @ B
    X_cold = anls.nnls(Q, C)
    guess = np.random.default_rng(seed).random(C.shape) < 0.5
    guess_copy = guess.copy()
    X_warm = anls.nnls(Q, C, passive=guess)
    np.testing.assert_array_equal(guess, guess_copy)
    for j in range(C.shape[1]):
        assert kkt_violation(Q, C[:, j], X_warm[:, j]) < 1e-10
        fit_gap = np.linalg.norm(A @ (X_warm[:, j] - X_cold[:, j]))
        assert fit_gap <= 1e-8 * np.linalg.norm(B[:, j])


def test_nnls_warm_started_at_the_answer_needs_no_exchange():
    rng = np.random.default_rng(3)
    A, B = rng.standard_normal((15, 6)), rng.standard_normal((15, 40))
    Q, C = A.T @ A, A.T @ B
    X = anls.nnls(Q, C)
    assert 0 < (X > 0).sum() < X.size  # both sides occur, so the test means something
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_allclose(anls.nnls(Q, C, passive=X > 0, max_iter=0), X, rtol=1e-13)
    with pytest.warns(RuntimeWarning, match="did not settle"):
        anls.nnls(Q, C, max_iter=0)  # a cold start does need exchanges


def test_nnls_two_variables_picks_the_one_kkt_point_of_four():
    """The 2-variable picture of the chapter: four candidate passive sets."""
    Q = np.array([[2.0, 1.0], [1.0, 1.0]])
    for c, expected in [
        ([3.0, 2.0], [1.0, 1.0]),  # F = {1, 2}: the unconstrained minimizer is feasible
        ([2.0, -1.0], [1.0, 0.0]),  # F = {1}
        ([-1.0, 1.0], [0.0, 1.0]),  # F = {2}
        ([-1.0, -1.0], [0.0, 0.0]),  # F = ∅
        ([1.0, 2.0], [0.0, 2.0]),  # Q⁻¹c = (−1, 3) is infeasible; the answer is on an edge
    ]:
        x = anls.nnls(Q, np.array(c)[:, None])[:, 0]
        np.testing.assert_allclose(x, expected, atol=1e-12)


def test_full_exchanges_alone_cycle_and_the_backup_rule_ends_it(monkeypatch):
    """A 3-variable problem (found by search) on which full exchanges cycle through
    the passive sets {3} → {1, 2, 3} → {2} → {3} → ... forever."""
    rng = np.random.default_rng(852)
    rng.integers(3, 6)  # the search drew the size first
    A, b = rng.standard_normal((3, 3)), rng.standard_normal((3, 1))
    Q, c = A.T @ A, A.T @ b
    x = anls.nnls(Q, c)
    np.testing.assert_allclose(x[:, 0], scipy.optimize.nnls(A, b[:, 0])[0], rtol=1e-8)
    monkeypatch.setattr(anls, "FULL_EXCHANGES", 10**9)  # never fall back
    with pytest.warns(RuntimeWarning, match="did not settle"):
        anls.nnls(Q, c)


def test_nnls_larger_problems_satisfy_kkt():
    rng = np.random.default_rng(11)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(10):
            A = rng.standard_normal((40, 30)) + 2 * rng.random((1, 30))
            Q, C = A.T @ A, A.T @ rng.standard_normal((40, 50))
            X = anls.nnls(Q, C)
            assert max(kkt_violation(Q, C[:, j], X[:, j]) for j in range(50)) < 1e-10


def test_anls_update_W_warm_starts_at_the_positive_entries_of_W(monkeypatch):
    seen, nnls = {}, anls.nnls

    def spy(AtA, AtB, passive=None, max_iter=None):
        seen["passive"] = passive
        return nnls(AtA, AtB, passive, max_iter)

    monkeypatch.setattr(anls, "nnls", spy)
    W, HHt, XHt = nmf_grams(6, 10, 8, 3)
    anls.update_W(W, HHt, XHt)
    np.testing.assert_array_equal(seen["passive"], (W > 0).T)


@FAST
@given(st.integers(0, 2**32 - 1), st.integers(1, 15), st.integers(1, 15), st.integers(1, 6))
def test_anls_update_W_is_the_exact_row_by_row_minimizer(seed, m, n, r):
    rng = np.random.default_rng(seed)
    X, H, W = rng.random((m, n)), rng.random((r, n)), rng.random((m, r))
    W_new = anls.update_W(W, H @ H.T, X @ H.T)
    for i in range(m):
        w = scipy.optimize.nnls(H.T, X[i])[0]
        # the fit is unique even when H has fewer columns than rows
        assert np.linalg.norm((W_new[i] - w) @ H) <= 1e-8 * max(np.linalg.norm(X[i]), 1e-300)
    if n >= r + 3:  # H full row rank (almost surely): the minimizer itself is unique
        W_scipy = np.array([scipy.optimize.nnls(H.T, x)[0] for x in X])
        np.testing.assert_allclose(W_new, W_scipy, rtol=1e-8, atol=1e-10)


def test_anls_update_W_with_penalties_and_a_dead_component():
    W, HHt, XHt = nmf_grams(0, 30, 20, 5, dead=True, l1=0.05, l2=0.0)
    assert np.linalg.matrix_rank(HHt) == 4 and (W[:, 0] > 0).any()  # warm start on it
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        W_new = anls.update_W(W, HHt, XHt)
    assert np.all(W_new[:, 0] == 0)  # its gradient there is λ1 > 0
    for i in range(W.shape[0]):
        assert kkt_violation(HHt, XHt[i], W_new[i]) < 1e-10
    W, HHt, XHt = nmf_grams(1, 30, 20, 5, dead=True)  # no L1: XHt[:, 0] == 0 exactly
    W_new = anls.update_W(W, HHt, XHt)
    assert np.all(np.isfinite(W_new)) and np.all(W_new[:, 0] == 0)


def test_nnls_all_zero_gram():
    X = anls.nnls(np.zeros((3, 3)), -np.ones((3, 4)))
    np.testing.assert_array_equal(X, 0)


# ---------------------------------------------------------------- ALS


def test_als_equals_the_least_squares_solution_when_it_is_non_negative():
    rng = np.random.default_rng(0)
    W_true, H = rng.random((8, 3)) + 0.1, rng.random((3, 10))
    X = W_true @ H  # exact fit, so the unconstrained solution is W_true > 0
    W_new = als.update_W(np.zeros_like(W_true), H @ H.T, X @ H.T)
    np.testing.assert_allclose(W_new, W_true, rtol=1e-10)


@FAST
@given(st.integers(0, 2**32 - 1), st.integers(1, 12), st.integers(1, 12), st.integers(1, 6))
def test_als_equals_the_clipped_least_squares_solution(seed, m, n, r):
    rng = np.random.default_rng(seed)
    X, H = rng.random((m, n)), rng.random((r, n))
    W_ls = scipy.linalg.lstsq(H.T, X.T)[0].T  # minimum-norm solution of min ‖X − WH‖
    W_new = als.update_W(rng.random((m, r)), H @ H.T, X @ H.T)
    if n >= r + 3:
        np.testing.assert_allclose(W_new, np.maximum(W_ls, 0), rtol=1e-7, atol=1e-9)
    else:  # HHᵀ singular or nearly so: only the clipped fit is well defined
        assert np.all(W_new >= 0) and np.all(np.isfinite(W_new))


def test_als_clips_a_negative_least_squares_entry():
    rng = np.random.default_rng(5)
    X, H = rng.random((10, 12)), rng.random((4, 12))
    W_ls = np.linalg.solve(H @ H.T, H @ X.T).T
    assert (W_ls < 0).any()  # the case the clipping is for
    np.testing.assert_allclose(als.update_W(X[:, :4], H @ H.T, X @ H.T), np.maximum(W_ls, 0))


def test_als_singular_gram_does_not_crash():
    W, HHt, XHt = nmf_grams(2, 10, 8, 4, dead=True)
    W_new = als.update_W(W, HHt, XHt)
    assert np.all(np.isfinite(W_new)) and np.all(W_new[:, 0] == 0)
    H = np.random.default_rng(3).random((5, 2))  # r = 5 > n = 2: rank-2 HHᵀ
    W_new = als.update_W(np.ones((4, 5)), H @ H.T, np.ones((4, 2)) @ H.T)
    assert np.all(np.isfinite(W_new)) and np.all(W_new >= 0)
    assert np.all(als.update_W(np.ones((3, 2)), np.zeros((2, 2)), np.zeros((3, 2))) == 0)


def test_one_als_step_can_increase_the_loss():
    """The fact the ALS chapter shows: clipping does not solve the constrained problem."""
    rng = np.random.default_rng(1)  # the first seed in 0..199 that shows it
    X, W, H = rng.random((6, 5)), rng.random((6, 2)), rng.random((2, 5))
    loss_before = 0.5 * np.linalg.norm(X - W @ H) ** 2
    W_als = als.update_W(W, H @ H.T, X @ H.T)
    loss_after = 0.5 * np.linalg.norm(X - W_als @ H) ** 2
    assert loss_after > 1.1 * loss_before  # 3.84 -> 4.28
    # ANLS, from the same point, goes down
    W_anls = anls.update_W(W, H @ H.T, X @ H.T)
    assert 0.5 * np.linalg.norm(X - W_anls @ H) ** 2 < loss_before


def test_als_from_the_constrained_optimum_goes_up_in_two_variables():
    HHt = np.array([[1.0, 0.9], [0.9, 1.0]])
    XHt = np.array([[1.0, 0.5]])
    w_opt = anls.update_W(np.zeros((1, 2)), HHt, XHt)
    np.testing.assert_allclose(w_opt, [[1.0, 0.0]])
    w_als = als.update_W(w_opt, HHt, XHt)  # clip((2.89, -2.11)) = (2.89, 0)
    assert objective(w_als, HHt, XHt) > objective(w_opt, HHt, XHt) + 1.5  # 1.29 vs -0.5


# ---------------------------------------------------------------- PGD


@FAST
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 15),
    st.integers(1, 15),
    st.integers(1, 6),
    st.booleans(),
    st.sampled_from([0.0, 0.1]),
    st.sampled_from([0.01, 0.5, 0.9]),
)
def test_pgd_armijo_never_increases_the_objective(seed, m, n, r, dead, l1, sigma):
    W, HHt, XHt = nmf_grams(seed, m, n, r, dead=dead, l1=l1)
    for _ in range(5):
        W_new = pgd.update_W(W, HHt, XHt, sigma=sigma)
        assert np.all(W_new >= 0)
        # allow for rounding in f's two terms, at either point
        size = max(np.sum(np.abs(V @ HHt) * V) + np.sum(np.abs(XHt) * V) for V in (W, W_new))
        assert objective(W_new, HHt, XHt) <= objective(W, HHt, XHt) + 1e-14 * size
        W = W_new


def test_pgd_returns_W_unchanged_when_no_step_decreases_enough():
    W, HHt, XHt = nmf_grams(5, 10, 12, 3)
    # with σ = 1 sufficient decrease would need ½⟨D HHᵀ, D⟩ ≤ 0: no step qualifies
    # (until α is so small that ½⟨D HHᵀ, D⟩ is lost in rounding, hence max_steps=5)
    np.testing.assert_array_equal(pgd.update_W(W, HHt, XHt, sigma=1.0, max_steps=5), W)
    grad = pgd.gradient_W(W, HHt, XHt)
    assert pgd.armijo_step_size(W, grad, HHt, sigma=1.0, max_steps=5) == 0


def test_pgd_stays_put_at_the_optimum():
    W, HHt, XHt = nmf_grams(4, 20, 30, 4)
    W_opt = anls.update_W(W, HHt, XHt)
    W_new = pgd.update_W(W_opt, HHt, XHt)
    assert objective(W_new, HHt, XHt) <= objective(W_opt, HHt, XHt) + 1e-12
    np.testing.assert_allclose(W_new, W_opt, atol=1e-10)


def test_pgd_small_fixed_step_decreases_and_large_one_increases():
    W, HHt, XHt = nmf_grams(0, 20, 30, 4)
    L = np.linalg.eigvalsh(HHt)[-1]
    f = objective(W, HHt, XHt)
    assert objective(pgd.update_W(W, HHt, XHt, learning_rate=0.1 / L), HHt, XHt) < f
    # near the optimum, a step of 10/L overshoots along the top eigenvector by a factor 9
    W_near = anls.update_W(W, HHt, XHt) + 0.01 * np.random.default_rng(0).random(W.shape)
    f_near = objective(W_near, HHt, XHt)
    assert objective(pgd.update_W(W_near, HHt, XHt, learning_rate=10 / L), HHt, XHt) > f_near
    assert objective(pgd.update_W(W_near, HHt, XHt), HHt, XHt) < f_near  # Armijo does not


def test_pgd_armijo_converges_to_the_subproblem_optimum():
    W, HHt, XHt = nmf_grams(0, 20, 30, 4)
    W_opt = anls.update_W(W, HHt, XHt)
    for _ in range(200):
        W = pgd.update_W(W, HHt, XHt)
    np.testing.assert_allclose(W, W_opt, rtol=1e-9, atol=1e-9)


def test_pgd_zero_gram_does_not_divide_by_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        W_new = pgd.update_W(np.ones((3, 2)), np.zeros((2, 2)), -0.1 * np.ones((3, 2)))
    assert np.all(np.isfinite(W_new)) and np.all(W_new <= 1)
    # f = <0.1, W> is linear; the longest accepted step reaches its minimum W = 0
    np.testing.assert_array_equal(W_new, 0)


def test_pgd_armijo_step_size_on_a_quadratic():
    HHt, XHt = np.array([[4.0]]), np.array([[8.0]])  # f = 2w² − 8w, minimum at w = 2
    W = np.array([[1.0]])
    grad = pgd.gradient_W(W, HHt, XHt)
    np.testing.assert_array_equal(grad, [[-4.0]])
    # α0 = 1/L = 1/4 lands on the minimum; 10 × that overshoots to w = 11, rejected
    assert pgd.armijo_step_size(W, grad, HHt) == pytest.approx(0.25)
    np.testing.assert_allclose(pgd.update_W(W, HHt, XHt), [[2.0]])
    assert pgd.objective(W, HHt, XHt) == pytest.approx(2 - 8)


# ---------------------------------------------------------------- all three


RULES = [
    pytest.param(als.update_W, als.update_H, id="als"),
    pytest.param(anls.update_W, anls.update_H, id="anls"),
    pytest.param(pgd.update_W, pgd.update_H, id="pgd"),
    pytest.param(
        lambda *a: pgd.update_W(*a, learning_rate=0.01),
        lambda *a: pgd.update_H(*a, learning_rate=0.01),
        id="pgd-fixed",
    ),
]


@pytest.mark.parametrize("update_W, update_H", RULES)
@pytest.mark.parametrize("dead", [False, True])
def test_inputs_are_not_modified(update_W, update_H, dead):
    W, HHt, XHt = nmf_grams(7, 12, 9, 4, dead=dead, l1=0.05)
    copies = W.copy(), HHt.copy(), XHt.copy()
    W_new = update_W(W, HHt, XHt)
    for before, after in zip(copies, (W, HHt, XHt)):
        np.testing.assert_array_equal(before, after)
    assert W_new is not W and W_new.shape == W.shape and np.all(W_new >= 0)
    H = W.T.copy()
    update_H(H, HHt, XHt.T)
    np.testing.assert_array_equal(H, copies[0].T)


@pytest.mark.parametrize("update_W, update_H", RULES)
def test_update_H_is_update_W_on_the_transpose(update_W, update_H):
    rng = np.random.default_rng(8)
    X, W, H = rng.random((12, 9)), rng.random((12, 4)), rng.random((4, 9))
    np.testing.assert_array_equal(
        update_H(H, W.T @ W, W.T @ X), update_W(H.T, W.T @ W, (W.T @ X).T).T
    )


@pytest.mark.parametrize("update_W, update_H", RULES)
def test_float32_in_float32_out(update_W, update_H):
    W, HHt, XHt = nmf_grams(9, 12, 9, 4, dtype=np.float32)
    W_new = update_W(W, HHt, XHt)
    assert W_new.dtype == np.float32
    W64 = update_W(W.astype(np.float64), HHt.astype(np.float64), XHt.astype(np.float64))
    np.testing.assert_allclose(W_new, W64, rtol=1e-3, atol=1e-4)
    assert update_H(W.T, HHt, XHt.T).dtype == np.float32
