"""Every checker of chapters 1–8 (nmf_ref.book.exercises) accepts a right answer,
printing "Correct: ...", and rejects the plausible wrong ones, each named below
(``wrong_...``), with a hint that says what is wrong (AssertionError "Not yet. ...").
Chapters 9–20 have a table each (test_exercises_chNN.py)."""

import warnings

import numpy as np
import pytest

import nmf_ref
from nmf_ref.book.exercises import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08
from nmf_ref.rules import anls, mu
from checking import accepts, rejects  # noqa: E402

X_EX = np.arange(1.0, 13.0).reshape(3, 4)  # chapter 2's matrix
RNG = np.random.RandomState(0)
W_EX, H_EX = RNG.uniform(0.1, 1, (3, 2)), RNG.uniform(0.1, 1, (2, 4))
X_SMALL = np.random.RandomState(1).uniform(size=(40, 12))


def start(X, rank, seed=0):
    return nmf_ref.initialize(X, rank, "random", random_state=seed)


# ---------------------------------------------------------------- chapter 1

def test_factor_shapes(capsys):
    def right(m, n, r):
        return (m, r), (r, n)

    def wrong_transposed(m, n, r):  # the column-per-sample convention
        return (n, r), (r, m)

    def wrong_inner_dimension(m, n, r):
        return (m, n), (n, n)

    def wrong_one_shape(m, n, r):
        return (m, r)

    def wrong_crashes(m, n, r):
        return 1 / 0

    accepts(capsys, ch01.check_factor_shapes, right)
    rejects(ch01.check_factor_shapes, wrong_transposed, match="one row per sample")
    rejects(ch01.check_factor_shapes, wrong_inner_dimension, match="inner dimension")
    rejects(ch01.check_factor_shapes, wrong_one_shape, match="two shapes")
    rejects(ch01.check_factor_shapes, wrong_crashes, match="ZeroDivisionError")
    rejects(ch01.check_factor_shapes, 42, match="function")


def test_largest_saving_rank(capsys):
    def right(m, n):
        return -(-m * n // (m + n)) - 1

    def wrong_floor(m, n):  # off by one when mn/(m+n) is whole (4×4: r = 2 ties)
        return m * n // (m + n)

    def wrong_always_one(m, n):
        return 1

    def wrong_smaller_dimension(m, n):
        return min(m, n)

    def wrong_fraction(m, n):
        return m * n / (m + n)

    accepts(capsys, ch01.check_largest_saving_rank, right)
    rejects(ch01.check_largest_saving_rank, wrong_floor, match="exactly as many")
    rejects(ch01.check_largest_saving_rank, wrong_always_one, match="also stores fewer")
    rejects(ch01.check_largest_saving_rank, wrong_smaller_dimension, match="more than")
    rejects(ch01.check_largest_saving_rank, wrong_fraction, match="whole number")


def test_nmf_ready(capsys):
    def right(X):
        return bool(np.isfinite(X).all() and (X >= 0).all())

    def wrong_ignores_nan_and_inf(X):
        return bool((X >= 0).all())

    def wrong_rejects_zeros(X):
        return bool((X > 0).all())

    def wrong_not_a_bool(X):
        return "yes"

    accepts(capsys, ch01.check_nmf_ready, right)
    rejects(ch01.check_nmf_ready, wrong_ignores_nan_and_inf, match="NaN|inf")
    rejects(ch01.check_nmf_ready, wrong_rejects_zeros, match="zeros")
    rejects(ch01.check_nmf_ready, wrong_not_a_bool, match="True or False")


def test_feature_scaling(capsys):
    right = "c"
    wrong_no_longer_nmf = "a"
    wrong_only_H_changes = "b"
    wrong_nothing_changes = "d"
    accepts(capsys, ch01.check_feature_scaling, right)
    accepts(capsys, ch01.check_feature_scaling, " (C) ")
    rejects(ch01.check_feature_scaling, wrong_no_longer_nmf, match="≥ 0")
    rejects(ch01.check_feature_scaling, wrong_only_H_changes, match="100 times more")
    rejects(ch01.check_feature_scaling, wrong_nothing_changes, match="c²")
    rejects(ch01.check_feature_scaling, "e", match="one of the letters")
    rejects(ch01.check_feature_scaling, 3, match="letter")


# ---------------------------------------------------------------- chapter 2

def test_relative_error(capsys):
    R = X_EX - W_EX @ H_EX
    right = np.linalg.norm(R) / np.linalg.norm(X_EX)
    wrong_not_relative = np.linalg.norm(R)
    wrong_squared = right ** 2
    wrong_the_loss = 0.5 * np.sum(R ** 2)
    wrong_unrelated = 0.123
    wrong_array = [right, right]
    accepts(capsys, ch02.check_relative_error, X_EX, W_EX, H_EX, right)
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, wrong_not_relative, match="divide")
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, wrong_squared, match="squared")
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, wrong_the_loss, match="loss")
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, wrong_unrelated, match="norm")
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, wrong_array, match="one number")


def test_exact_factorization(capsys):
    W = np.array([[1, 0], [0.5, 0.5], [0, 1]])
    right = (W, X_EX[[0, 2]])
    wrong_negative = (np.array([[1, 0], [0, 1], [-1, 2]]), X_EX[[0, 1]])
    wrong_not_exact = (W, X_EX[[0, 1]])
    wrong_shape = (np.eye(3), X_EX)
    accepts(capsys, ch02.check_exact_factorization, X_EX, *right)
    rejects(ch02.check_exact_factorization, X_EX, *wrong_negative, match="≥ 0")
    rejects(ch02.check_exact_factorization, X_EX, *wrong_not_exact, match="differs")
    rejects(ch02.check_exact_factorization, X_EX, *wrong_shape, match="must be 3×2")


def test_part_shares(capsys):
    C = W_EX * H_EX.sum(axis=1)
    right = C / C.sum(axis=1, keepdims=True)
    wrong_rows_of_W_normalized = W_EX / W_EX.sum(axis=1, keepdims=True)
    wrong_not_normalized = C
    wrong_normalized_by_columns = C / C.sum(axis=0, keepdims=True)
    wrong_shape = np.full((2, 3), 0.5)
    accepts(capsys, ch02.check_part_shares, W_EX, H_EX, right)
    rejects(ch02.check_part_shares, W_EX, H_EX, wrong_rows_of_W_normalized,
            match="how big each part")
    rejects(ch02.check_part_shares, W_EX, H_EX, wrong_not_normalized, match="add up to 1")
    rejects(ch02.check_part_shares, W_EX, H_EX, wrong_normalized_by_columns,
            match="add up to 1")
    rejects(ch02.check_part_shares, W_EX, H_EX, wrong_shape, match="shape")


def test_rank_one_error(capsys):
    s = np.linalg.svd(X_EX, compute_uv=False)
    norm = np.linalg.norm(X_EX)
    right = np.sqrt(s[1] ** 2 + s[2] ** 2) / norm
    run = nmf_ref.nmf(X_EX, 1, solver="hals", init="nndsvda", max_iter=500, tol=1e-10)
    also_right = nmf_ref.metrics.relative_error(X_EX, run.W, run.H)  # a converged run
    wrong_ratio_of_singular_values = s[1] / s[0]
    wrong_not_relative = np.sqrt(s[1] ** 2 + s[2] ** 2)
    wrong_squared = right ** 2
    wrong_captured_share = s[0] / norm
    wrong_unfinished_run = right * 1.003
    wrong_rank_two_error = s[2] / norm
    accepts(capsys, ch02.check_rank_one_error, X_EX, right)
    accepts(capsys, ch02.check_rank_one_error, X_EX, also_right)
    rejects(ch02.check_rank_one_error, X_EX, wrong_ratio_of_singular_values, match="σ₂/σ₁")
    rejects(ch02.check_rank_one_error, X_EX, wrong_not_relative, match="not relative")
    rejects(ch02.check_rank_one_error, X_EX, wrong_squared, match="squared")
    rejects(ch02.check_rank_one_error, X_EX, wrong_captured_share, match="captures")
    rejects(ch02.check_rank_one_error, X_EX, wrong_unfinished_run, match="Close")
    rejects(ch02.check_rank_one_error, X_EX, wrong_rank_two_error, match="truncated SVD")
    rejects(ch02.check_rank_one_error, X_EX, [right], match="one number")


# ---------------------------------------------------------------- chapter 3

def test_half_frobenius(capsys):
    def right(X, W, H):
        return 0.5 * np.sum((X - W @ H) ** 2)

    def wrong_no_half(X, W, H):
        return np.sum((X - W @ H) ** 2)

    def wrong_norm(X, W, H):
        return np.linalg.norm(X - W @ H)

    def wrong_square_of_sum(X, W, H):
        return 0.5 * np.sum(X - W @ H) ** 2

    def wrong_matrix(X, W, H):
        return X - W @ H

    accepts(capsys, ch03.check_half_frobenius, right)
    rejects(ch03.check_half_frobenius, wrong_no_half, match="½")
    rejects(ch03.check_half_frobenius, wrong_norm, match="norm")
    rejects(ch03.check_half_frobenius, wrong_square_of_sum, match="squared entries")
    rejects(ch03.check_half_frobenius, wrong_matrix, match="one number")


def test_same_product(capsys):
    d = H_EX.sum(axis=1)
    right = (W_EX * d, H_EX / d[:, None])
    wrong_W_not_compensated = (W_EX, H_EX / d[:, None])
    wrong_W_divided = (W_EX / d, H_EX / d[:, None])
    wrong_columns_normalized = (W_EX, H_EX / H_EX.sum(axis=0))
    m = H_EX.max(axis=1)
    wrong_max_normalized = (W_EX * m, H_EX / m[:, None])  # same product, rows don't sum to 1
    wrong_same_pair = (W_EX, H_EX)
    Q = np.array([[1.0, 0.0], [0.1, 1.0]])  # same product, rows mixed, then normalized
    H_mix = np.linalg.inv(Q) @ H_EX
    wrong_mixed_rows = (W_EX @ Q * H_mix.sum(axis=1), H_mix / H_mix.sum(axis=1, keepdims=True))
    wrong_negative = (-W_EX * d, -H_EX / d[:, None])
    accepts(capsys, ch03.check_same_product, W_EX, H_EX, *right)
    rejects(ch03.check_same_product, W_EX, H_EX, *wrong_W_not_compensated, match="must equal")
    rejects(ch03.check_same_product, W_EX, H_EX, *wrong_W_divided, match="must equal")
    rejects(ch03.check_same_product, W_EX, H_EX, *wrong_columns_normalized, match="sum to 1")
    rejects(ch03.check_same_product, W_EX, H_EX, *wrong_max_normalized, match="sum to 1")
    rejects(ch03.check_same_product, W_EX, H_EX, *wrong_same_pair, match="sum to 1")
    rejects(ch03.check_same_product, W_EX, H_EX, *wrong_mixed_rows, match="Rescale only")
    rejects(ch03.check_same_product, W_EX, H_EX, *wrong_negative, match="non-negative")
    rejects(ch03.check_same_product, W_EX, H_EX, W_EX.T, H_EX, match="shapes")


def test_nonconvexity_witness(capsys):
    right = ((1, 4), (4, 1))
    wrong_same_point = ((1, 4), (1, 4))
    wrong_fixed_w = ((1, 4), (1, 2))  # along h alone f is convex
    wrong_negative = ((-1, 4), (4, 1))
    wrong_three_numbers = ((1, 2, 3), (4, 1))
    accepts(capsys, ch03.check_nonconvexity_witness, *right, x=4.0)
    accepts(capsys, ch03.check_nonconvexity_witness, (0.5, 2), (2, 0.5))
    rejects(ch03.check_nonconvexity_witness, *wrong_same_point, x=4.0, match="midpoint")
    rejects(ch03.check_nonconvexity_witness, *wrong_fixed_w, x=4.0, match="midpoint")
    rejects(ch03.check_nonconvexity_witness, *wrong_negative, x=4.0, match="non-negative")
    rejects(ch03.check_nonconvexity_witness, *wrong_three_numbers, match="two numbers")


def test_identifiability(capsys):
    right = "c"
    wrong_sparse_parts = "a"
    wrong_correlation_across_starts = "b"
    wrong_tightest_cone = "d"
    accepts(capsys, ch03.check_identifiability, right)
    rejects(ch03.check_identifiability, wrong_sparse_parts, match="second exact pair")
    rejects(ch03.check_identifiability, wrong_correlation_across_starts,
            match="cannot detect")
    rejects(ch03.check_identifiability, wrong_tightest_cone, match="one exact answer")


# ---------------------------------------------------------------- chapter 4

def test_mu_step_size(capsys):
    def right(W, H):
        return H / (W.T @ W @ H)

    def wrong_constant_step(W, H):
        return np.full(H.shape, 0.1)

    def wrong_reciprocal(W, H):
        return (W.T @ W @ H) / H

    def wrong_scalar(W, H):
        return 0.1

    accepts(capsys, ch04.check_mu_step_size, right)
    rejects(ch04.check_mu_step_size, wrong_constant_step, match="cancels")
    rejects(ch04.check_mu_step_size, wrong_reciprocal, match="cancels")
    rejects(ch04.check_mu_step_size, wrong_scalar, match="shape")


def test_mu_update_H(capsys):
    def right(X, W, H):
        return H * (W.T @ X) / (W.T @ W @ H)

    def also_right(X, W, H):
        return mu.update_H(H, W.T @ W, W.T @ X)

    def wrong_ratio_only(X, W, H):
        return (W.T @ X) / (W.T @ W @ H)

    def wrong_ratio_upside_down(X, W, H):
        return H * (W.T @ W @ H) / (W.T @ X)

    def wrong_in_place(X, W, H):
        H *= (W.T @ X) / (W.T @ W @ H)
        return H

    accepts(capsys, ch04.check_mu_update_H, right)
    accepts(capsys, ch04.check_mu_update_H, also_right)
    rejects(ch04.check_mu_update_H, wrong_ratio_only, match="ratio")
    rejects(ch04.check_mu_update_H, wrong_ratio_upside_down, match="negative part")
    rejects(ch04.check_mu_update_H, wrong_in_place, match="in place")


def test_zero_sticks(capsys):
    W0, H0 = start(X_SMALL, 3)
    j = 5
    H0_zero = H0.copy()
    H0_zero[0, j] = 0.0

    def entries(solver, H, n_iter=100):
        return nmf_ref.nmf(X_SMALL, 3, solver=solver, W=W0, H=H, max_iter=n_iter,
                           tol=0).H[[0, 1], j]

    right = entries("mu", H0_zero)
    wrong_typed_zero = 0.0
    wrong_not_run = (0.0, H0_zero[1, j])
    wrong_not_zeroed = (0.0, entries("mu", H0)[1])
    wrong_hals = entries("hals", H0_zero)  # HALS revives the zero
    wrong_fewer_iterations = entries("mu", H0_zero, n_iter=10)
    assert right[0] == 0 and wrong_hals[0] > 0
    check = ch04.check_zero_sticks
    accepts(capsys, check, X_SMALL, W0, H0, right, j=j)
    rejects(check, X_SMALL, W0, H0, wrong_typed_zero, j=j, match="two numbers")
    rejects(check, X_SMALL, W0, H0, wrong_not_run, j=j, match="run the iterations")
    rejects(check, X_SMALL, W0, H0, wrong_not_zeroed, j=j, match="original start")
    rejects(check, X_SMALL, W0, H0, wrong_hals, j=j, match="0 times anything")
    rejects(check, X_SMALL, W0, H0, wrong_fewer_iterations, j=j, match="H\\[1, 5\\] is not")
    np.testing.assert_array_equal(H0, start(X_SMALL, 3)[1])  # the caller's H0 untouched


def test_fixed_point(capsys):
    right = "b"
    wrong_fixed_points_are_kkt = "a"
    wrong_not_a_fixed_point = "c"
    wrong_monotone_means_minimum = "d"
    accepts(capsys, ch04.check_fixed_point, right)
    rejects(ch04.check_fixed_point, wrong_fixed_points_are_kkt, match="only where")
    rejects(ch04.check_fixed_point, wrong_not_a_fixed_point, match="stays 0")
    rejects(ch04.check_fixed_point, wrong_monotone_means_minimum, match="not even")


# ---------------------------------------------------------------- chapter 5

def test_ls_update_W(capsys):
    def right(X, H):
        return np.linalg.solve(H @ H.T, H @ X.T).T

    def wrong_clipped(X, H):  # the ALS step, not the least-squares one
        return np.maximum(right(X, H), 0)

    def wrong_no_inverse(X, H):
        return X @ H.T

    def wrong_not_transposed(X, H):
        return np.linalg.solve(H @ H.T, H @ X.T)

    accepts(capsys, ch05.check_ls_update_W, right)
    rejects(ch05.check_ls_update_W, wrong_clipped, match="clipped")
    rejects(ch05.check_ls_update_W, wrong_no_inverse, match="normal|gradient")
    rejects(ch05.check_ls_update_W, wrong_not_transposed, match="m×r")


def test_nnls_kkt(capsys):
    def right(Q, c, x, tol=1e-9):
        y = Q @ x - c
        return bool((x >= -tol).all() and (y >= -tol).all() and abs(x @ y) <= tol)

    def wrong_only_feasible(Q, c, x):
        return bool((x >= 0).all())

    def wrong_gradient_zero(Q, c, x):  # the unconstrained condition
        return bool(np.allclose(Q @ x - c, 0))

    def wrong_no_complementarity(Q, c, x):
        return bool((x >= -1e-9).all() and (Q @ x - c >= -1e-9).all())

    def wrong_not_a_bool(Q, c, x):
        return 1

    accepts(capsys, ch05.check_nnls_kkt, right)
    for wrong in (wrong_only_feasible, wrong_gradient_zero, wrong_no_complementarity):
        rejects(ch05.check_nnls_kkt, wrong, match="x·y = 0")
    assert "clipped point" in rejects(ch05.check_nnls_kkt, wrong_no_complementarity)
    rejects(ch05.check_nnls_kkt, wrong_not_a_bool, match="True or False")


def test_nnls_2d(capsys):
    Q, c = np.array([[1.0, 0.5], [0.5, 1.0]]), np.array([-1.0, 2.0])
    right = [0.0, 2.0]
    also_right = anls.nnls(Q, c[:, None])[:, 0]
    wrong_unconstrained = np.linalg.solve(Q, c)
    wrong_clipped = np.maximum(wrong_unconstrained, 0)  # ALS's answer: (0, 10/3)
    wrong_origin = [0.0, 0.0]
    wrong_one_number = 2.0
    accepts(capsys, ch05.check_nnls_2d, right)
    accepts(capsys, ch05.check_nnls_2d, also_right)
    rejects(ch05.check_nnls_2d, wrong_unconstrained, match="unconstrained")
    rejects(ch05.check_nnls_2d, wrong_clipped, match="clipped point")
    rejects(ch05.check_nnls_2d, wrong_origin, match="four candidates")
    rejects(ch05.check_nnls_2d, wrong_one_number, match="shape")


# ---------------------------------------------------------------- chapter 6

def test_gradient_W(capsys):
    def right(X, W, H):
        return W @ (H @ H.T) - X @ H.T

    def wrong_sign(X, W, H):
        return X @ H.T - W @ (H @ H.T)

    def wrong_twice(X, W, H):
        return 2 * right(X, W, H)

    def wrong_gradient_of_H(X, W, H):
        return W.T @ (W @ H - X)

    def wrong_missing_transpose(X, W, H):
        return (W @ H - X) @ H.T @ (H @ H.T)

    accepts(capsys, ch06.check_gradient_W, right)
    rejects(ch06.check_gradient_W, wrong_sign, match="sign")
    rejects(ch06.check_gradient_W, wrong_twice, match="Twice")
    rejects(ch06.check_gradient_W, wrong_gradient_of_H, match="W's shape")
    rejects(ch06.check_gradient_W, wrong_missing_transpose, match="Differentiate")


def test_safe_step(capsys):
    def right(H):
        return 2.0 / np.linalg.eigvalsh(H @ H.T)[-1]

    def wrong_classic_one_over_L(H):
        return 1.0 / np.linalg.eigvalsh(H @ H.T)[-1]

    def wrong_trace_bound(H):
        return 2.0 / np.trace(H @ H.T)

    def wrong_frobenius_bound(H):
        return 2.0 / np.linalg.norm(H @ H.T)

    def wrong_smallest_eigenvalue(H):
        return 2.0 / np.linalg.eigvalsh(H @ H.T)[0]

    def wrong_singular_value_not_squared(H):
        return 2.0 / np.linalg.svd(H, compute_uv=False)[0]

    def wrong_array(H):
        return 2.0 / np.linalg.eigvalsh(H @ H.T)

    accepts(capsys, ch06.check_safe_step, right)
    rejects(ch06.check_safe_step, wrong_classic_one_over_L, match="classic safe step")
    rejects(ch06.check_safe_step, wrong_trace_bound, match="overestimate")
    rejects(ch06.check_safe_step, wrong_frobenius_bound, match="overestimate")
    rejects(ch06.check_safe_step, wrong_smallest_eigenvalue, match="too long")
    rejects(ch06.check_safe_step, wrong_singular_value_not_squared, match="square")
    rejects(ch06.check_safe_step, wrong_array, match="one number")


def test_divergent_rate(capsys):
    W0, H0 = start(X_SMALL, 4)
    L = max(np.linalg.eigvalsh(H0 @ H0.T)[-1], np.linalg.eigvalsh(W0.T @ W0)[-1])
    right = 1.2 * 2 / L
    wrong_too_small = 1e-5
    wrong_classic_step = 1 / L
    wrong_blows_up = 1e9  # makes the loss "rise" but says nothing about the edge
    wrong_just_huge = 10 * 2 / L
    accepts(capsys, ch06.check_divergent_rate, X_SMALL, W0, H0, right)
    rejects(ch06.check_divergent_rate, X_SMALL, W0, H0, wrong_too_small, match="never went up")
    rejects(ch06.check_divergent_rate, X_SMALL, W0, H0, wrong_classic_step,
            match="never went up")
    rejects(ch06.check_divergent_rate, X_SMALL, W0, H0, wrong_blows_up, match="far past")
    rejects(ch06.check_divergent_rate, X_SMALL, W0, H0, wrong_just_huge, match="far past")
    rejects(ch06.check_divergent_rate, X_SMALL, W0, H0, -0.1, match="positive")


def test_projected_descent(capsys):
    right = "b"
    wrong_only_below_one_over_L = "a"
    wrong_coefficient = "c"
    wrong_no_clipping = "d"
    accepts(capsys, ch06.check_projected_descent, right)
    rejects(ch06.check_projected_descent, wrong_only_below_one_over_L, match="every α < 2/L")
    rejects(ch06.check_projected_descent, wrong_coefficient, match="1/α − L/2")
    rejects(ch06.check_projected_descent, wrong_no_clipping, match="clipping included")


# ---------------------------------------------------------------- chapter 7

def hals_column(W, HHt, XHt, t):
    return np.maximum(0, W[:, t] + (XHt[:, t] - W @ HHt[:, t]) / HHt[t, t])


def test_hals_column(capsys):
    def wrong_not_clipped(W, HHt, XHt, t):
        return W[:, t] + (XHt[:, t] - W @ HHt[:, t]) / HHt[t, t]

    def wrong_step_sign(W, HHt, XHt, t):
        return np.maximum(0, W[:, t] - (XHt[:, t] - W @ HHt[:, t]) / HHt[t, t])

    def wrong_step_size(W, HHt, XHt, t):  # divides by the trace, not the curvature
        return np.maximum(0, W[:, t] + (XHt[:, t] - W @ HHt[:, t]) / np.trace(HHt))

    def wrong_whole_W(W, HHt, XHt, t):
        return W

    accepts(capsys, ch07.check_hals_column, hals_column)
    rejects(ch07.check_hals_column, wrong_not_clipped, match="Clip at zero")
    rejects(ch07.check_hals_column, wrong_step_sign, match="Minimize over column t")
    rejects(ch07.check_hals_column, wrong_step_size, match="Minimize over column t")
    rejects(ch07.check_hals_column, wrong_whole_W, match="vector of length")


def test_hals_sweep(capsys):
    def right(W, HHt, XHt):
        W = W.copy()
        for t in range(W.shape[1]):
            W[:, t] = hals_column(W, HHt, XHt, t)
        return W

    def wrong_jacobi(W, HHt, XHt):  # every column from the old W
        return np.maximum(W + (XHt - W @ HHt) / np.diag(HHt), 0)

    def wrong_in_place(W, HHt, XHt):
        for t in range(W.shape[1]):
            W[:, t] = hals_column(W, HHt, XHt, t)
        return W

    def wrong_backwards(W, HHt, XHt):
        W = W.copy()
        for t in reversed(range(W.shape[1])):
            W[:, t] = hals_column(W, HHt, XHt, t)
        return W

    accepts(capsys, ch07.check_hals_sweep, right)
    rejects(ch07.check_hals_sweep, wrong_jacobi, match="Jacobi")
    rejects(ch07.check_hals_sweep, wrong_in_place, match="in place")
    rejects(ch07.check_hals_sweep, wrong_backwards, match="Loop t = 0..r−1")


def test_cd_loss(capsys):
    sklearn = pytest.importorskip("sklearn.decomposition")
    W0, H0 = start(X_SMALL, 3)

    def sklearn_loss(n_iter):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            W, H, _ = sklearn.non_negative_factorization(
                X_SMALL, W0.copy(), H0.copy(), n_components=3, init="custom",
                solver="cd", max_iter=n_iter, tol=0)
        return 0.5 * np.linalg.norm(X_SMALL - W @ H) ** 2

    right = sklearn_loss(4)
    wrong_sklearn_norm = np.sqrt(2 * right)
    wrong_no_half = 2 * right
    wrong_iterations = sklearn_loss(3)
    wrong_array = [right]
    accepts(capsys, ch07.check_cd_loss, X_SMALL, W0, H0, 4, right)
    rejects(ch07.check_cd_loss, X_SMALL, W0, H0, 4, wrong_sklearn_norm, match="reconstruction")
    rejects(ch07.check_cd_loss, X_SMALL, W0, H0, 4, wrong_no_half, match="keep the ½")
    rejects(ch07.check_cd_loss, X_SMALL, W0, H0, 4, wrong_iterations, match="max_iter=4")
    rejects(ch07.check_cd_loss, X_SMALL, W0, H0, 4, wrong_array, match="one number")


def test_exact_clipping(capsys):
    right = "a"
    wrong_smaller_steps = "b"
    wrong_diagonal_gram = "c"
    wrong_clips_both = "d"
    accepts(capsys, ch07.check_exact_clipping, right)
    rejects(ch07.check_exact_clipping, wrong_smaller_steps, match="coupling")
    rejects(ch07.check_exact_clipping, wrong_diagonal_gram, match="full r×r")
    rejects(ch07.check_exact_clipping, wrong_clips_both, match="independent")


# ---------------------------------------------------------------- chapter 8

def test_projected_gradient(capsys):
    def right(W, grad):
        return np.abs(np.where(W > 0, grad, np.minimum(grad, 0))).sum()

    def wrong_not_projected(W, grad):
        return np.abs(grad).sum()

    def wrong_sign_flipped(W, grad):
        return np.abs(np.where(W > 0, grad, np.maximum(grad, 0))).sum()

    def wrong_zero_where_W_is_zero(W, grad):
        return np.abs(np.where(W > 0, grad, 0)).sum()

    def wrong_l2_norm(W, grad):
        return np.linalg.norm(np.where(W > 0, grad, np.minimum(grad, 0)))

    def wrong_matrix(W, grad):
        return np.where(W > 0, grad, np.minimum(grad, 0))

    accepts(capsys, ch08.check_projected_gradient, right)
    rejects(ch08.check_projected_gradient, wrong_not_projected, match="pushes against")
    rejects(ch08.check_projected_gradient, wrong_sign_flipped, match="sign is flipped")
    rejects(ch08.check_projected_gradient, wrong_zero_where_W_is_zero, match="dropped it")
    rejects(ch08.check_projected_gradient, wrong_l2_norm, match="L1")
    rejects(ch08.check_projected_gradient, wrong_matrix, match="one number")


def test_stop_iteration(capsys):
    def right(v, tol):
        return next((k for k, x in enumerate(v, 1) if x <= tol * v[0]), None)

    def wrong_zero_based(v, tol):
        return next((k for k, x in enumerate(v) if x <= tol * v[0]), None)

    def wrong_strict(v, tol):
        return next((k for k, x in enumerate(v, 1) if x < tol * v[0]), None)

    def wrong_absolute_tol(v, tol):
        return next((k for k, x in enumerate(v, 1) if x <= tol), None)

    def wrong_last_iteration(v, tol):
        return len(v)

    accepts(capsys, ch08.check_stop_iteration, right)
    for wrong in (wrong_zero_based, wrong_strict, wrong_absolute_tol, wrong_last_iteration):
        rejects(ch08.check_stop_iteration, wrong, match="include equality")


def test_restarts_needed(capsys):
    def right(p, c):
        return int(np.ceil(np.log(1 - c) / np.log(1 - p) - 1e-12))

    def also_right(p, c):  # count until all-fail drops to 1 − confidence
        k = 1
        while (1 - p) ** k > 1 - c:
            k += 1
        return k

    def wrong_floor_plus_one(p, c):  # differs from ceil exactly at whole ratios
        return int(np.floor(np.log(1 - c) / np.log(1 - p))) + 1

    def wrong_linear(p, c):
        return int(np.ceil(c / p))

    def wrong_log_of_p(p, c):
        return int(np.ceil(np.log(1 - c) / np.log(p)))

    def wrong_not_whole(p, c):
        return np.log(1 - c) / np.log(1 - p)

    accepts(capsys, ch08.check_restarts_needed, right)
    accepts(capsys, ch08.check_restarts_needed, also_right)
    rejects(ch08.check_restarts_needed, wrong_floor_plus_one, match="includes equality")
    rejects(ch08.check_restarts_needed, wrong_linear, match="\\(1 − p\\)\\^k")
    rejects(ch08.check_restarts_needed, wrong_log_of_p, match="\\(1 − p\\)\\^k")
    rejects(ch08.check_restarts_needed, wrong_not_whole, match="whole number")
