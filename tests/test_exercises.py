"""Every checker in nmf_ref.exercises accepts a right answer (printing
"Correct: ...") and rejects wrong ones with a hint (AssertionError)."""

import numpy as np
import pytest

from nmf_ref.book.exercises import ch01, ch02, ch03, ch04
from nmf_ref.rules import mu

X_EX = np.arange(1.0, 13.0).reshape(3, 4)
RNG = np.random.RandomState(0)
W_EX, H_EX = RNG.uniform(0.1, 1, (3, 2)), RNG.uniform(0.1, 1, (2, 4))


def accepts(capsys, checker, *args, **kwargs):
    assert checker(*args, **kwargs) is None
    out = capsys.readouterr().out
    assert out.startswith("Correct: "), out


def rejects(checker, *args, match=None, **kwargs):
    with pytest.raises(AssertionError, match=match or "Not yet") as info:
        checker(*args, **kwargs)
    assert str(info.value).startswith("Not yet.")
    return str(info.value)


# chapter 1

def test_factor_shapes(capsys):
    accepts(capsys, ch01.check_factor_shapes, lambda m, n, r: ((m, r), (r, n)))
    rejects(ch01.check_factor_shapes, lambda m, n, r: ((r, m), (n, r)), match="one row per sample")
    rejects(ch01.check_factor_shapes, lambda m, n, r: ((m, n), (n, n)), match="inner dimension")
    rejects(ch01.check_factor_shapes, lambda m, n, r: (m, r), match="two shapes")
    rejects(ch01.check_factor_shapes, lambda m, n, r: 1 / 0, match="ZeroDivisionError")
    rejects(ch01.check_factor_shapes, 42, match="function")


def test_largest_saving_rank(capsys):
    accepts(capsys, ch01.check_largest_saving_rank, lambda m, n: -(-m * n // (m + n)) - 1)
    # the off-by-one at mn/(m+n) integral (4x4: r = 2 stores exactly 16 numbers)
    rejects(ch01.check_largest_saving_rank, lambda m, n: m * n // (m + n), match="exactly as many")
    rejects(ch01.check_largest_saving_rank, lambda m, n: 1, match="also stores fewer")
    rejects(ch01.check_largest_saving_rank, lambda m, n: min(m, n), match="more than")
    rejects(ch01.check_largest_saving_rank, lambda m, n: 1.5, match="whole number")


def test_nmf_ready(capsys):
    accepts(capsys, ch01.check_nmf_ready,
            lambda X: bool(np.isfinite(X).all() and (X >= 0).all()))
    rejects(ch01.check_nmf_ready, lambda X: bool((X >= 0).all()), match="NaN|inf")
    rejects(ch01.check_nmf_ready, lambda X: bool((X > 0).all()), match="zeros")
    rejects(ch01.check_nmf_ready, lambda X: "yes", match="True or False")


# chapter 2

def test_relative_error(capsys):
    R = X_EX - W_EX @ H_EX
    right = np.linalg.norm(R) / np.linalg.norm(X_EX)
    accepts(capsys, ch02.check_relative_error, X_EX, W_EX, H_EX, right)
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, np.linalg.norm(R), match="divide")
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, right**2, match="squared")
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, 0.5 * np.sum(R**2), match="loss")
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, 0.123)
    rejects(ch02.check_relative_error, X_EX, W_EX, H_EX, [right, right], match="one number")


def test_exact_factorization(capsys):
    W = np.array([[1, 0], [0.5, 0.5], [0, 1]])
    accepts(capsys, ch02.check_exact_factorization, X_EX, W, X_EX[[0, 2]])
    rejects(ch02.check_exact_factorization, X_EX, np.array([[1, 0], [0, 1], [-1, 2]]),
            X_EX[[0, 1]], match="≥ 0")
    rejects(ch02.check_exact_factorization, X_EX, W, X_EX[[0, 1]], match="differs")
    rejects(ch02.check_exact_factorization, X_EX, np.eye(3), X_EX, match="must be 3×2")


def test_part_shares(capsys):
    C = W_EX * H_EX.sum(axis=1)
    accepts(capsys, ch02.check_part_shares, W_EX, H_EX, C / C.sum(axis=1, keepdims=True))
    rejects(ch02.check_part_shares, W_EX, H_EX, W_EX / W_EX.sum(axis=1, keepdims=True),
            match="how big each part")
    rejects(ch02.check_part_shares, W_EX, H_EX, C, match="add up to 1")
    rejects(ch02.check_part_shares, W_EX, H_EX, np.full((2, 3), 0.5), match="shape")


# chapter 3

def test_half_frobenius(capsys):
    accepts(capsys, ch03.check_half_frobenius, lambda X, W, H: 0.5 * np.sum((X - W @ H) ** 2))
    rejects(ch03.check_half_frobenius, lambda X, W, H: np.sum((X - W @ H) ** 2), match="½")
    rejects(ch03.check_half_frobenius, lambda X, W, H: np.linalg.norm(X - W @ H), match="norm")
    rejects(ch03.check_half_frobenius, lambda X, W, H: 0.5 * np.sum(X - W @ H) ** 2)
    rejects(ch03.check_half_frobenius, lambda X, W, H: X - W @ H, match="one number")


def test_same_product(capsys):
    D = np.array([2.0, 0.5])
    accepts(capsys, ch03.check_same_product, W_EX, H_EX, W_EX * D, H_EX / D[:, None])
    Q = np.array([[1.0, 0.0], [0.05, 1.0]])
    accepts(capsys, ch03.check_same_product, W_EX, H_EX, W_EX @ Q, np.linalg.inv(Q) @ H_EX)
    rejects(ch03.check_same_product, W_EX, H_EX, W_EX, H_EX, match="same pair")
    rejects(ch03.check_same_product, W_EX, H_EX, 2 * W_EX, H_EX, match="must equal")
    Q = np.array([[1.0, 0.0], [-3.0, 1.0]])
    rejects(ch03.check_same_product, W_EX, H_EX, W_EX @ Q, np.linalg.inv(Q) @ H_EX,
            match="non-negative")


def test_nonconvexity_witness(capsys):
    accepts(capsys, ch03.check_nonconvexity_witness, (1, 4), (4, 1), x=4.0)
    accepts(capsys, ch03.check_nonconvexity_witness, (0.5, 2), (2, 0.5))
    rejects(ch03.check_nonconvexity_witness, (1, 4), (1, 4), x=4.0, match="midpoint")
    rejects(ch03.check_nonconvexity_witness, (-1, 4), (4, 1), x=4.0, match="non-negative")
    rejects(ch03.check_nonconvexity_witness, (1, 2, 3), (4, 1), match="two numbers")


# chapter 4

def test_mu_step_size(capsys):
    accepts(capsys, ch04.check_mu_step_size, lambda W, H: H / (W.T @ W @ H))
    rejects(ch04.check_mu_step_size, lambda W, H: np.full(H.shape, 0.1), match="cancels")
    rejects(ch04.check_mu_step_size, lambda W, H: 0.1, match="shape")


def test_mu_update_H(capsys):
    accepts(capsys, ch04.check_mu_update_H, lambda X, W, H: H * (W.T @ X) / (W.T @ W @ H))
    accepts(capsys, ch04.check_mu_update_H, lambda X, W, H: mu.update_H(H, W.T @ W, W.T @ X))
    rejects(ch04.check_mu_update_H, lambda X, W, H: (W.T @ X) / (W.T @ W @ H), match="ratio")
    rejects(ch04.check_mu_update_H, lambda X, W, H: H * (W.T @ W @ H) / (W.T @ X))

    def in_place(X, W, H):
        H *= (W.T @ X) / (W.T @ W @ H)
        return H

    rejects(ch04.check_mu_update_H, in_place, match="in place")


def test_zero_sticks(capsys):
    accepts(capsys, ch04.check_zero_sticks, 0.0)
    accepts(capsys, ch04.check_zero_sticks, np.float64(0))
    rejects(ch04.check_zero_sticks, 1e-12, match="0 times")
    rejects(ch04.check_zero_sticks, [0.0, 0.0], match="one number")
