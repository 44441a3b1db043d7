"""Chapter 12's exercise checkers, one table: (checker, answer, None when it is accepted,
else the hint the rejection must match). Moved here from tests/core/test_rank.py."""

import numpy as np

import nmf_ref
from nmf_ref.book.exercises import ch12
from checking import checker_table, verdict


def right_connectivity(labels):
    return np.equal.outer(labels, labels).astype(float)


def wrong_connectivity_product(labels):
    return np.outer(labels, labels)


def wrong_connectivity_distance(labels):
    return 1.0 - np.equal.outer(labels, labels)


def wrong_connectivity_no_diagonal(labels):
    return np.equal.outer(labels, labels) - np.eye(len(labels))


def wrong_connectivity_shape(labels):
    return np.ones((len(labels), 2))


def wrong_connectivity_all_ones(labels):
    return np.ones((len(labels), len(labels)))


def right_heldout_rmse(X, W, H, test):
    return np.sqrt(np.mean((X - W @ H)[test] ** 2))


def wrong_heldout_every_entry(X, W, H, test):
    return np.sqrt(np.mean((X - W @ H) ** 2))


def wrong_heldout_training_entries(X, W, H, test):
    return np.sqrt(np.mean((X - W @ H)[~test] ** 2))


def wrong_heldout_no_root(X, W, H, test):
    return np.mean((X - W @ H)[test] ** 2)


def wrong_heldout_sum(X, W, H, test):
    return np.sqrt(np.sum((X - W @ H)[test] ** 2))


def wrong_heldout_array(X, W, H, test):
    return np.zeros(2)


def right_bcv(B, C, W_D, H_D):
    W_A = nmf_ref.nmf(B, W_D.shape[1], solver="anls", H=H_D, update_H=False,
                      max_iter=50, tol=1e-12).W
    H_At = nmf_ref.nmf(C.T, W_D.shape[1], solver="anls", H=W_D.T, update_H=False,
                       max_iter=50, tol=1e-12).W
    return W_A @ H_At.T


def wrong_bcv_least_squares(B, C, W_D, H_D):
    return B @ np.linalg.pinv(H_D) @ np.linalg.pinv(W_D) @ C


def wrong_bcv_clipped(B, C, W_D, H_D):
    return np.maximum(B @ np.linalg.pinv(H_D), 0) @ np.maximum(np.linalg.pinv(W_D) @ C, 0)


def wrong_bcv_the_D_block(B, C, W_D, H_D):
    return W_D @ H_D


def wrong_bcv_no_prediction(B, C, W_D, H_D):  # uses the fitted D block: no prediction of A
    return np.full((B.shape[0], C.shape[1]), B.mean())


def right_rank_gap_cycle():
    return np.eye(4) + np.roll(np.eye(4), 1, axis=1)  # rank 3, rank₊ 4


def right_rank_gap_hexagon_slack():
    angles = 2 * np.pi * np.arange(6) / 6  # the regular hexagon: rank 3, rank₊ 5
    V = np.c_[np.cos(angles), np.sin(angles)]
    A = np.c_[np.cos(angles + np.pi / 6), np.sin(angles + np.pi / 6)] / np.cos(np.pi / 6)
    return np.maximum(1 - V @ A.T, 0)


def wrong_rank_gap_low_rank():  # rank 3 with positive factors: rank₊ = rank
    rng = np.random.RandomState(0)
    return rng.uniform(0.1, 1, (6, 3)) @ rng.uniform(0.1, 1, (3, 5))


def wrong_rank_gap_rank_2():
    return np.array([[1.0, 0, 1], [0, 1, 1], [1, 1, 2]])


def wrong_rank_gap_full_rank():
    return np.eye(4)


def wrong_rank_gap_negative():
    M = right_rank_gap_cycle()
    M[0, 2] = -1.0
    return M


CASES = [
    (ch12.check_connectivity, right_connectivity, None),
    (ch12.check_connectivity, wrong_connectivity_product, "values"),
    (ch12.check_connectivity, wrong_connectivity_distance, "distance"),
    (ch12.check_connectivity, wrong_connectivity_no_diagonal, "diagonal"),
    (ch12.check_connectivity, wrong_connectivity_shape, "shape"),
    (ch12.check_connectivity, wrong_connectivity_all_ones, "labels\\[i\\]"),
    (ch12.check_connectivity, lambda labels: None, "shape"),
    (ch12.check_connectivity, None, "Pass a function"),
    (ch12.check_heldout_rmse, right_heldout_rmse, None),
    (ch12.check_heldout_rmse, wrong_heldout_every_entry, "every entry"),
    (ch12.check_heldout_rmse, wrong_heldout_training_entries, "training error"),
    (ch12.check_heldout_rmse, wrong_heldout_no_root, "square root"),
    (ch12.check_heldout_rmse, wrong_heldout_sum, "a mean, not a sum"),
    (ch12.check_heldout_rmse, wrong_heldout_array, "one number"),
    (ch12.check_heldout_rmse, lambda X, W, H, t: None, "one number"),
    (ch12.check_heldout_rmse, lambda X, W, H, t: "0.3", "one number"),
    (ch12.check_heldout_rmse, None, "Pass a function"),
    (ch12.check_bcv_prediction, right_bcv, None),
    (ch12.check_bcv_prediction, wrong_bcv_least_squares, "negative"),
    (ch12.check_bcv_prediction, wrong_bcv_clipped, "Clipping"),
    (ch12.check_bcv_prediction, wrong_bcv_the_D_block, "shape"),
    (ch12.check_bcv_prediction, wrong_bcv_no_prediction, "Not yet"),
    (ch12.check_bcv_prediction, lambda *a: None, "shape"),
    (ch12.check_bcv_prediction, None, "Pass a function"),
    (ch12.check_training_error_reason, "b", None),
    (ch12.check_training_error_reason, " B ", None),
    (ch12.check_training_error_reason, "a", "optimizer"),
    (ch12.check_training_error_reason, "c", "noise is in the data"),
    (ch12.check_training_error_reason, "d", "one run"),
    (ch12.check_training_error_reason, "e", "one of the letters"),
    (ch12.check_training_error_reason, 2, "letter"),
    (ch12.check_training_error_reason, None, "letter"),
    (ch12.check_rank_gap, right_rank_gap_cycle(), None),
    (ch12.check_rank_gap, right_rank_gap_cycle().tolist(), None),
    (ch12.check_rank_gap, right_rank_gap_hexagon_slack(), None),
    (ch12.check_rank_gap, wrong_rank_gap_low_rank(), "fits your X"),
    (ch12.check_rank_gap, wrong_rank_gap_rank_2(), "rank 1 or 2"),
    (ch12.check_rank_gap, wrong_rank_gap_full_rank(), "full rank"),
    (ch12.check_rank_gap, wrong_rank_gap_negative(), "non-negative"),
    (ch12.check_rank_gap, np.ones((9, 9)), "at most 8 × 8"),
    (ch12.check_rank_gap, np.ones(4), "2-D"),
    (ch12.check_rank_gap, None, "2-D"),
    (ch12.check_rank_gap, "cycle", "numbers"),
]


@checker_table(CASES, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_choices_are_worth_one_point():
    assert ch12.check_training_error_reason.points == 1
    assert not hasattr(ch12.check_rank_gap, "points")
