"""Checkers of chapters 23-24 (Part V): each accepts the right answer and rejects the
plausible wrong ones, named."""

import numpy as np
import pytest

from nmf_ref import minvol, orthogonal
from nmf_ref.book.exercises import ch23, ch24
from checking import accepts, rejects  # noqa: E402


# ---------------------------------------------------------------- chapter 23

def right_projection(v):
    u = np.sort(v)[::-1]
    cumulative = np.cumsum(u) - 1
    rho = np.nonzero(u - cumulative / np.arange(1, len(v) + 1) > 0)[0][-1] + 1
    return np.maximum(v - cumulative[rho - 1] / rho, 0)


def test_project_simplex(capsys):
    def wrong_clip_then_rescale(v):
        c = np.maximum(v, 0)
        return c / c.sum()

    def wrong_rescale_only(v):
        return v / v.sum()

    def wrong_clip_only(v):
        return np.maximum(v, 0)

    def wrong_threshold_off_by_one(v):  # tau from one entry too many
        u = np.sort(v)[::-1]
        cumulative = np.cumsum(u) - 1
        return np.maximum(v - cumulative[-1] / len(v), 0)

    def wrong_scalar(v):
        return 1.0

    accepts(capsys, ch23.check_project_simplex, right_projection)
    rejects(ch23.check_project_simplex, wrong_clip_then_rescale, match="rescaling")
    rejects(ch23.check_project_simplex, wrong_rescale_only, match="not on the simplex")
    rejects(ch23.check_project_simplex, wrong_clip_only, match="not on the simplex")
    rejects(ch23.check_project_simplex, wrong_threshold_off_by_one, match="not on the simplex")
    rejects(ch23.check_project_simplex, wrong_scalar, match="shape")
    rejects(ch23.check_project_simplex, minvol.project_simplex, match="nmf_ref's own")
    rejects(ch23.check_project_simplex, None, match="function")


def test_logdet_gradient(capsys):
    def right(W, delta):
        return 2 * W @ np.linalg.inv(W.T @ W + delta * np.eye(W.shape[1]))

    def wrong_no_two(W, delta):
        return W @ np.linalg.inv(W.T @ W + delta * np.eye(W.shape[1]))

    def wrong_no_delta(W, delta):
        return 2 * W @ np.linalg.inv(W.T @ W)

    def wrong_Z_alone(W, delta):
        return np.linalg.inv(W.T @ W + delta * np.eye(W.shape[1]))

    def right_pushed_through(W, delta):  # (WWᵀ + δI)⁻¹W = W(WᵀW + δI)⁻¹
        return 2 * np.linalg.inv(W @ W.T + delta * np.eye(W.shape[0])) @ W

    def wrong_pseudo_inverse(W, delta):  # the gradient of logdet(WᵀW), δ lost
        return 2 * np.linalg.pinv(W).T

    def wrong_inverse_squared(W, delta):
        Z = np.linalg.inv(W.T @ W + delta * np.eye(W.shape[1]))
        return 2 * W @ Z @ Z

    def wrong_plain_W(W, delta):
        return 2 * W

    accepts(capsys, ch23.check_logdet_gradient, right)
    rejects(ch23.check_logdet_gradient, wrong_no_two, match="factor")
    rejects(ch23.check_logdet_gradient, wrong_no_delta, match="dropped δ")
    rejects(ch23.check_logdet_gradient, wrong_Z_alone, match="shape")
    accepts(capsys, ch23.check_logdet_gradient, right_pushed_through)
    rejects(ch23.check_logdet_gradient, wrong_pseudo_inverse, match="dropped δ")
    rejects(ch23.check_logdet_gradient, wrong_inverse_squared, match="finite difference")
    rejects(ch23.check_logdet_gradient, wrong_plain_W, match="finite difference")
    rejects(ch23.check_logdet_gradient, "2WZ", match="function")


def test_scattered_threshold(capsys):
    accepts(capsys, ch23.check_scattered_threshold, 2 / 3)
    accepts(capsys, ch23.check_scattered_threshold, 0.6667)
    rejects(ch23.check_scattered_threshold, 0.5, match="midpoints")  # where it touches the edges
    rejects(ch23.check_scattered_threshold, 1.0, match="separable")
    rejects(ch23.check_scattered_threshold, 1 / 3, match="centre")
    rejects(ch23.check_scattered_threshold, 1 / np.sqrt(6), match="not it")  # the radius
    rejects(ch23.check_scattered_threshold, "2/3", match="one number")
    rejects(ch23.check_scattered_threshold, None, match="one number")
    rejects(ch23.check_scattered_threshold, [2 / 3], match="one number")


# ---------------------------------------------------------------- chapter 24

def right_indicator(labels, k):
    B = np.zeros((len(labels), k))
    B[np.arange(len(labels)), labels] = 1.0
    return B / np.sqrt(B.sum(axis=0))


def test_normalized_indicator(capsys):
    def wrong_zero_one(labels, k):
        B = np.zeros((len(labels), k))
        B[np.arange(len(labels)), labels] = 1.0
        return B

    def wrong_divided_by_size(labels, k):
        B = wrong_zero_one(labels, k)
        return B / B.sum(axis=0)

    def wrong_transposed(labels, k):
        return right_indicator(labels, k).T

    def wrong_shifted_columns(labels, k):  # cluster k in column k + 1
        return right_indicator((labels + 1) % k, k)

    def wrong_unit_rows(labels, k):  # rows of norm 1 instead of columns
        return wrong_zero_one(labels, k) / np.sqrt(k)

    accepts(capsys, ch24.check_normalized_indicator, right_indicator)
    rejects(ch24.check_normalized_indicator, wrong_zero_one, match="diag")
    rejects(ch24.check_normalized_indicator, wrong_divided_by_size, match="square root")
    rejects(ch24.check_normalized_indicator, wrong_transposed, match="shape")
    rejects(ch24.check_normalized_indicator, wrong_shifted_columns, match="column of point")
    rejects(ch24.check_normalized_indicator, wrong_unit_rows, match="norm 1")
    rejects(ch24.check_normalized_indicator, orthogonal.indicator, match="nmf_ref's own")
    rejects(ch24.check_normalized_indicator, None, match="function")


def test_onmf_loss(capsys):
    def right(X, labels):
        W = right_indicator(labels, labels.max() + 1)
        return np.sum((X - W @ (W.T @ X)) ** 2)

    def wrong_norm(X, labels):
        return np.sqrt(right(X, labels))

    def wrong_half(X, labels):
        return right(X, labels) / 2

    def wrong_zero_one_indicator(X, labels):
        B = np.zeros((len(labels), labels.max() + 1))
        B[np.arange(len(labels)), labels] = 1.0
        return np.sum((X - B @ (B.T @ X)) ** 2)

    def wrong_distances_to_origin(X, labels):
        return np.sum(X ** 2)

    def wrong_per_cluster(X, labels):
        W = right_indicator(labels, labels.max() + 1)
        return np.sum((X - W @ (W.T @ X)) ** 2, axis=0)

    accepts(capsys, ch24.check_onmf_loss, right)
    rejects(ch24.check_onmf_loss, wrong_norm, match="square")
    rejects(ch24.check_onmf_loss, wrong_half, match="No ½")
    rejects(ch24.check_onmf_loss, wrong_zero_one_indicator, match="adds up")
    rejects(ch24.check_onmf_loss, wrong_distances_to_origin, match="Expected")
    rejects(ch24.check_onmf_loss, wrong_per_cluster, match="one number")


def test_one_nonzero_per_row(capsys):
    accepts(capsys, ch24.check_one_nonzero_per_row, "b")
    accepts(capsys, ch24.check_one_nonzero_per_row, "(B)")
    rejects(ch24.check_one_nonzero_per_row, "a", match="unit norm")  # norm alone
    rejects(ch24.check_one_nonzero_per_row, "c", match="conclusion")  # circular
    rejects(ch24.check_one_nonzero_per_row, "d", match="rotation")  # permutation claim
    rejects(ch24.check_one_nonzero_per_row, "e", match="one of the letters")
    rejects(ch24.check_one_nonzero_per_row, 2, match="letter")
