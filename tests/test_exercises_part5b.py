"""Checkers of chapters 23-24 (Part V): each accepts the right answer and rejects the
plausible wrong ones, named."""

import numpy as np
import pytest

from nmf_ref import minvol
from nmf_ref.book.exercises import ch23
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
