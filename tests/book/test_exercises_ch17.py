"""Every checker of chapter 17 (faces), one table: (checker, answer, expected), where
expected is ACCEPTED or the hint the checker's AssertionError must match."""

import numpy as np

import nmf_ref
from checking import checker_table, verdict
from nmf_ref.book.exercises import ch17

ACCEPTED = None


# ------------------------------------------------------------ ex-17-hoyer (per column)
def _columns(W, top, ratio):
    """Hoyer-like values of each column of W, NaN for an all-zero column."""
    W = np.asarray(W, dtype=float)
    out = np.full(W.shape[1], np.nan)
    for k in range(W.shape[1]):
        if np.any(W[:, k]):
            out[k] = (top(W.shape[0]) - ratio(W[:, k])) / (top(W.shape[0]) - 1)
    return out


def right_hoyer_columns(W):
    return _columns(W, np.sqrt, lambda x: np.abs(x).sum() / np.linalg.norm(x))


def right_hoyer_columns_vectorized(W):
    W = np.abs(np.asarray(W, dtype=float))
    n = W.shape[0]
    l1, l2 = W.sum(axis=0), np.sqrt((W * W).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.sqrt(n) - l1 / l2) / (np.sqrt(n) - 1)  # 0/0 is NaN, as asked


def wrong_hoyer_without_abs(W):
    return _columns(W, np.sqrt, lambda x: x.sum() / np.linalg.norm(x))


def wrong_hoyer_with_n(W):
    return _columns(W, lambda n: n, lambda x: np.abs(x).sum() / np.linalg.norm(x))


def wrong_hoyer_inverted(W):
    return _columns(W, np.sqrt, lambda x: np.linalg.norm(x) / np.abs(x).sum())


def wrong_hoyer_library(W):  # the library's function raises on an all-zero column
    return nmf_ref.metrics.sparseness(W, axis=0)


def wrong_hoyer_zero_column_is_zero(W):
    return np.nan_to_num(right_hoyer_columns(W), nan=0.0)


def wrong_hoyer_zero_column_is_one(W):
    return np.nan_to_num(right_hoyer_columns(W), nan=1.0)


def wrong_hoyer_rows(W):  # per row of W (per image), not per column
    return right_hoyer_columns(np.asarray(W).T)


def wrong_hoyer_whole_matrix(W):
    return nmf_ref.metrics.sparseness(W)


def wrong_hoyer_normalized_entries(W):  # an array of W's shape, not one number per column
    return np.abs(W) / np.abs(W).max()


def wrong_hoyer_constant(W):
    return np.where(np.any(W, axis=0), 0.5, np.nan)


def wrong_hoyer_crashes(W):
    return W.nonexistent


# ------------------------------------------------------------ ex-17-energy
def energy_right(x, share):
    e = np.sort(x**2)[::-1]
    c = np.cumsum(e) / e.sum()
    return (np.searchsorted(c, share - 1e-12) + 1) / x.size


def energy_l1(x, share):
    e = np.sort(np.abs(x))[::-1]
    c = np.cumsum(e) / e.sum()
    return (np.searchsorted(c, share - 1e-12) + 1) / x.size


def energy_ascending(x, share):
    e = np.sort(x**2)
    c = np.cumsum(e) / e.sum()
    return (np.searchsorted(c, share - 1e-12) + 1) / x.size


def energy_count(x, share):
    return energy_right(x, share) * x.size


def energy_strict(x, share):
    e = np.sort(x**2)[::-1]
    c = np.cumsum(e) / e.sum()
    return min(np.searchsorted(c, share + 1e-12, side="right") + 1, x.size) / x.size


# ------------------------------------------------------------ ex-17-rank (any limbs, positions)
def right_swimmer_rank(n_limbs, n_positions):
    return 1 + n_limbs * (n_positions - 1)


def right_swimmer_rank_float(n_limbs, n_positions):
    return float(right_swimmer_rank(n_limbs, n_positions))


def right_swimmer_rank_numpy(n_limbs, n_positions):
    return np.int64(right_swimmer_rank(n_limbs, n_positions))


def wrong_rank_torso_plus_limbs(n_limbs, n_positions):  # 17: every part independent
    return 1 + n_limbs * n_positions


def wrong_rank_one_relation(n_limbs, n_positions):  # 16
    return n_limbs * n_positions


def wrong_rank_three_relations(n_limbs, n_positions):  # 14 for the swimmer
    return 1 + n_limbs * n_positions - (n_limbs - 1)


def wrong_rank_centred(n_limbs, n_positions):  # 12: what PCA sees
    return n_limbs * (n_positions - 1)


def wrong_rank_body_parts(n_limbs, n_positions):  # 5
    return n_limbs + 1


def wrong_rank_images(n_limbs, n_positions):  # 256
    return n_positions**n_limbs


def wrong_rank_pixels(n_limbs, n_positions):  # 1024: no formula at all
    return 1024


def wrong_rank_the_pages_13(n_limbs, n_positions):  # right for the swimmer only
    return 13


def wrong_rank_half(n_limbs, n_positions):
    return right_swimmer_rank(n_limbs, n_positions) + 0.5


def wrong_rank_string(n_limbs, n_positions):
    return "13"


def wrong_rank_list(n_limbs, n_positions):
    return [right_swimmer_rank(n_limbs, n_positions)]


CASES = [
    (ch17.check_hoyer_columns, right_hoyer_columns, ACCEPTED),
    (ch17.check_hoyer_columns, right_hoyer_columns_vectorized, ACCEPTED),
    (ch17.check_hoyer_columns, wrong_hoyer_without_abs, "absolute values"),
    (ch17.check_hoyer_columns, wrong_hoyer_with_n, "√n"),
    (ch17.check_hoyer_columns, wrong_hoyer_inverted, "‖x‖₁ / ‖x‖₂"),
    (ch17.check_hoyer_columns, wrong_hoyer_library, "all zero.*return NaN"),
    (ch17.check_hoyer_columns, wrong_hoyer_zero_column_is_zero, "neither 0 nor 1"),
    (ch17.check_hoyer_columns, wrong_hoyer_zero_column_is_one, "neither 0 nor 1"),
    (ch17.check_hoyer_columns, wrong_hoyer_rows, "one number per column"),
    (ch17.check_hoyer_columns, wrong_hoyer_whole_matrix, "one number per column"),
    (ch17.check_hoyer_columns, wrong_hoyer_normalized_entries, "one number per column"),
    (ch17.check_hoyer_columns, wrong_hoyer_constant, "expected"),
    (ch17.check_hoyer_columns, wrong_hoyer_crashes, "AttributeError"),
    (ch17.check_hoyer_columns, None, "Pass a function"),
    (ch17.check_energy_pixels, energy_right, ACCEPTED),
    (ch17.check_energy_pixels, energy_l1, "sum of squares"),
    (ch17.check_energy_pixels, energy_ascending, "largest entries first"),
    (ch17.check_energy_pixels, energy_count, "fraction"),
    (ch17.check_energy_pixels, energy_strict, "≥"),
    (ch17.check_energy_pixels, lambda x, s: [0.5, 0.5], "one number"),
    (ch17.check_energy_pixels, lambda x, s: 0.3, "expected"),
    (ch17.check_energy_pixels, None, "Pass a function"),
    (ch17.check_swimmer_rank, right_swimmer_rank, ACCEPTED),
    (ch17.check_swimmer_rank, right_swimmer_rank_float, ACCEPTED),
    (ch17.check_swimmer_rank, right_swimmer_rank_numpy, ACCEPTED),
    (ch17.check_swimmer_rank, wrong_rank_torso_plus_limbs, "torso's column"),
    (ch17.check_swimmer_rank, wrong_rank_one_relation, "one per limb"),
    (ch17.check_swimmer_rank, wrong_rank_three_relations, "Count the relations"),
    (ch17.check_swimmer_rank, wrong_rank_centred, "centring"),
    (ch17.check_swimmer_rank, wrong_rank_body_parts, "body parts"),
    (ch17.check_swimmer_rank, wrong_rank_images, "part images"),
    (ch17.check_swimmer_rank, wrong_rank_pixels, "you returned 1024"),
    (ch17.check_swimmer_rank, wrong_rank_the_pages_13, "you returned 13"),
    (ch17.check_swimmer_rank, wrong_rank_half, "whole number"),
    (ch17.check_swimmer_rank, wrong_rank_string, "one whole number"),
    (ch17.check_swimmer_rank, wrong_rank_list, "one whole number"),
    (ch17.check_swimmer_rank, 13, "Pass a function"),  # the old pre-filled answer
    (ch17.check_swimmer_rank, None, "Pass a function"),
]


@checker_table(CASES, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)
