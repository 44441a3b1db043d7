"""Chapter 16's checkers (nmf_ref.book.exercises.ch16): one table of right and wrong
answers, each wrong one named for its mistake and the hint it must get."""

import numpy as np

from nmf_ref.book.exercises import ch16
from checking import checker_table, verdict

M, N, R = 10**6, 10**5, 20


# --- the memory ratio (answers are numbers for m, n, r = M, N, R)

right_memory_ratio = M * N / (R * (M + N))
wrong_upside_down = R * (M + N) / (M * N)
wrong_only_W = M * N / (R * M)
wrong_bytes = 8 * M * N / (R * (M + N))


# --- the reduction

def right_block_grams(W_blocks, X_blocks):
    return (sum(W.T @ X for W, X in zip(W_blocks, X_blocks)),
            sum(W.T @ W for W in W_blocks))


def right_block_grams_as_a_list(W_blocks, X_blocks):  # a list where a pair is meant
    return list(right_block_grams(W_blocks, X_blocks))


def right_block_grams_with_np_dot(W_blocks, X_blocks):
    WtX = np.zeros((W_blocks[0].shape[1], X_blocks[0].shape[1]))
    WtW = np.zeros((W_blocks[0].shape[1],) * 2)
    for W_b, X_b in zip(W_blocks, X_blocks):
        WtX += np.dot(X_b.T, W_b).T
        WtW += np.dot(W_b.T, W_b)
    return WtX, WtW


def wrong_first_block(W_blocks, X_blocks):
    return W_blocks[0].T @ X_blocks[0], W_blocks[0].T @ W_blocks[0]


def wrong_products_stacked(W_blocks, X_blocks):
    return np.vstack([W.T @ X for W, X in zip(W_blocks, X_blocks)]), W_blocks[0].T @ W_blocks[0]


def wrong_gram_of_X(W_blocks, X_blocks):
    return right_block_grams(W_blocks, X_blocks)[0], sum(X.T @ X for X in X_blocks)[:3, :3]


def wrong_blocks_stacked(W_blocks, X_blocks):  # right numbers, but all of W and X on one machine
    W, X = np.vstack(W_blocks), np.vstack(X_blocks)
    return W.T @ X, W.T @ W


def wrong_three_things(W_blocks, X_blocks):
    return (*right_block_grams(W_blocks, X_blocks), None)


def wrong_a_dict(W_blocks, X_blocks):
    WtX, WtW = right_block_grams(W_blocks, X_blocks)
    return {"WtX": WtX, "WtW": WtW}


# --- the 2-D grid

def right_best_grid(m, n, r, p):
    grids = [(a, p // a) for a in range(1, p + 1) if p % a == 0]
    return min(grids, key=lambda g: m / g[0] + n / g[1])


def right_best_grid_as_a_list(m, n, r, p):
    return list(right_best_grid(m, n, r, p))


def wrong_always_1d(m, n, r, p):
    return p, 1


def wrong_turned_over(m, n, r, p):
    p_r, p_c = right_best_grid(m, n, r, p)
    return p_c, p_r


def wrong_square_root(m, n, r, p):  # p_r/p_c = m/n in real numbers, rounded: not a grid of p
    p_r = max(1, round(np.sqrt(p * m / n)))
    return p_r, max(1, round(p / p_r))


def wrong_nearly_square(m, n, r, p):  # the squarest grid, whatever the shape of X
    a = max(a for a in range(1, int(np.sqrt(p)) + 1) if p % a == 0)
    return p // a, a


CASES = [
    (ch16.check_memory_ratio, (M, N, R, right_memory_ratio), None),
    (ch16.check_memory_ratio, (M, N, R, wrong_upside_down), "Upside down"),
    (ch16.check_memory_ratio, (M, N, R, wrong_only_W), "both factors"),
    (ch16.check_memory_ratio, (M, N, R, wrong_bytes), "cancel"),
    (ch16.check_memory_ratio, (M, N, R, [1, 2]), "one number"),
    (ch16.check_memory_ratio, (M, N, R, None), "one number"),
    (ch16.check_memory_ratio, (M, N, R, "4545"), "one number"),
    (ch16.check_block_grams, (right_block_grams,), None),
    (ch16.check_block_grams, (right_block_grams_as_a_list,), None),
    (ch16.check_block_grams, (right_block_grams_with_np_dot,), None),
    (ch16.check_block_grams, (wrong_first_block,), "first block"),
    (ch16.check_block_grams, (wrong_products_stacked,), "do not stack"),
    (ch16.check_block_grams, (wrong_gram_of_X,), "Gram of W"),
    (ch16.check_block_grams, (wrong_blocks_stacked,), "stacks the blocks"),
    (ch16.check_block_grams, (wrong_three_things,), "pair"),
    (ch16.check_block_grams, (wrong_a_dict,), "pair"),
    (ch16.check_block_grams, (lambda W_blocks, X_blocks: None,), "pair"),
    (ch16.check_block_grams, (None,), "function"),
    (ch16.check_row_separable, ("c",), None),
    (ch16.check_row_separable, ("a",), "HALS"),
    (ch16.check_row_separable, ("b",), "MU"),
    (ch16.check_row_separable, ("d",), "NNLS"),
    (ch16.check_row_separable, (None,), "letter"),
    (ch16.check_best_grid, (right_best_grid,), None),
    (ch16.check_best_grid, (right_best_grid_as_a_list,), None),
    (ch16.check_best_grid, (wrong_always_1d,), "1-D grid"),
    (ch16.check_best_grid, (wrong_turned_over,), "turned over"),
    (ch16.check_best_grid, (wrong_square_root,), "every processor"),
    (ch16.check_best_grid, (wrong_nearly_square,), "better one|turned over"),
    (ch16.check_best_grid, (lambda m, n, r, p: (p / 2.5, 2.5),), "whole number"),
    (ch16.check_best_grid, (lambda m, n, r, p: p,), "pair"),
    (ch16.check_best_grid, (lambda m, n, r, p: None,), "pair"),
    (ch16.check_best_grid, ("8 x 8",), "function"),
]


@checker_table(CASES, one_answer=False, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_the_choice_is_worth_one_point_and_the_others_two():
    assert ch16.check_row_separable.points == 1
    assert not hasattr(ch16.check_best_grid, "points")
    assert not hasattr(ch16.check_block_grams, "points")
