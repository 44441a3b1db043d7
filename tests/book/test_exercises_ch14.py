"""Chapter 14's checkers (nmf_ref.book.exercises.ch14): one table of right and wrong
answers, each wrong one named for its mistake and the hint it must get."""

import numpy as np

import nmf_ref
from nmf_ref.book import datasets
from nmf_ref.book.exercises import ch14
from checking import checker_table, verdict


# --- the best rescaling

def right_balance(W, H, lam_W, lam_H):
    d = np.sqrt(lam_H * H.sum(axis=1) / (lam_W * W.sum(axis=0)))
    return W * d, H / d[:, None]


def right_balance_as_a_list(W, H, lam_W, lam_H):
    return list(right_balance(W, H, lam_W, lam_H))


def wrong_unchanged(W, H, lam_W, lam_H):
    return W, H


def wrong_inverted(W, H, lam_W, lam_H):
    d = np.sqrt(lam_H * H.sum(axis=1) / (lam_W * W.sum(axis=0)))
    return W / d, H * d[:, None]


def wrong_no_weights(W, H, lam_W, lam_H):
    return right_balance(W, H, 1.0, 1.0)


def wrong_no_square_root(W, H, lam_W, lam_H):
    d = lam_H * H.sum(axis=1) / (lam_W * W.sum(axis=0))
    return W * d, H / d[:, None]


def wrong_product_changed(W, H, lam_W, lam_H):
    return 2 * W, H


# --- the masked HALS column

def right_masked_column(X, M, W, H, t):
    h = H[t]
    residual = X - W @ H + np.outer(W[:, t], h)
    return np.maximum((M * residual) @ h / (M @ h**2), 0)


def right_masked_column_row_by_row(X, M, W, H, t):
    column = np.empty(X.shape[0])
    for i in range(X.shape[0]):
        seen = M[i] > 0
        h = H[t, seen]
        rest = X[i, seen] - W[i] @ H[:, seen] + W[i, t] * h
        column[i] = max(0.0, rest @ h / (h @ h))
    return column.tolist()


def wrong_unmasked(X, M, W, H, t):  # the page's HALS update, hidden entries counted
    return right_masked_column(X, np.ones_like(M), W, H, t)


def wrong_zero_filled(X, M, W, H, t):
    return right_masked_column(M * X, np.ones_like(M), W, H, t)


def wrong_not_clipped(X, M, W, H, t):
    h = H[t]
    residual = X - W @ H + np.outer(W[:, t], h)
    return (M * residual) @ h / (M @ h**2)


def wrong_unmasked_denominator(X, M, W, H, t):
    h = H[t]
    residual = X - W @ H + np.outer(W[:, t], h)
    return np.maximum((M * residual) @ h / (h @ h), 0)


def wrong_all_of_W(X, M, W, H, t):
    W = W.copy()
    W[:, t] = right_masked_column(X, M, W, H, t)
    return W


def wrong_one_gradient_step(X, M, W, H, t):
    h = H[t]
    return np.maximum(W[:, t] + (M * (X - W @ H)) @ h, 0)


# --- tiled copies

def right_copies(k_rows, k_cols):
    return k_cols, k_rows


def right_copies_as_a_list(k_rows, k_cols):
    return [float(k_cols), float(k_rows)]


def wrong_swapped(k_rows, k_cols):
    return k_rows, k_cols


def wrong_the_data_term_only(k_rows, k_cols):
    return k_rows * k_cols, k_rows * k_cols


def wrong_unchanged_weights(k_rows, k_cols):
    return 1, 1


def wrong_columns_only(k_rows, k_cols):  # the page's duplicated columns, read as always 2
    return 2, 1


CASES = [
    (ch14.check_balance, right_balance, None),
    (ch14.check_balance, right_balance_as_a_list, None),
    (ch14.check_balance, wrong_unchanged, "as they were"),
    (ch14.check_balance, wrong_inverted, "wrong way"),
    (ch14.check_balance, wrong_no_weights, "forgetting the weights"),
    (ch14.check_balance, wrong_no_square_root, "square root"),
    (ch14.check_balance, wrong_product_changed, "W2 H2 must equal"),
    (ch14.check_balance, lambda W, H, a, b: None, "two arrays"),
    (ch14.check_balance, lambda W, H, a, b: (W, H.T), "keep the shapes"),
    (ch14.check_balance, None, "function"),
    (ch14.check_masked_hals_column, right_masked_column, None),
    (ch14.check_masked_hals_column, right_masked_column_row_by_row, None),
    (ch14.check_masked_hals_column, wrong_unmasked, "unmasked update"),
    (ch14.check_masked_hals_column, wrong_zero_filled, "observed zeros"),
    (ch14.check_masked_hals_column, wrong_not_clipped, "clipped at 0"),
    (ch14.check_masked_hals_column, wrong_unmasked_denominator, "denominator"),
    (ch14.check_masked_hals_column, wrong_all_of_W, "not all of W"),
    (ch14.check_masked_hals_column, wrong_one_gradient_step, "parabola"),
    (ch14.check_masked_hals_column, lambda X, M, W, H, t: None, "returned None"),
    (ch14.check_masked_hals_column, lambda X, M, W, H, t: "w", "numbers"),
    (ch14.check_masked_hals_column, lambda X, M, W, H, t: W[:3, t], "shape"),
    (ch14.check_masked_hals_column, None, "function"),
    (ch14.check_copies, right_copies, None),
    (ch14.check_copies, right_copies_as_a_list, None),
    (ch14.check_copies, wrong_swapped, "swapped"),
    (ch14.check_copies, wrong_the_data_term_only, "penalties grow too"),
    (ch14.check_copies, wrong_unchanged_weights, "not unchanged"),
    (ch14.check_copies, wrong_columns_only, "tiled objective"),
    (ch14.check_copies, lambda k_rows, k_cols: 2, "pair"),
    (ch14.check_copies, lambda k_rows, k_cols: None, "pair"),
    (ch14.check_copies, lambda k_rows, k_cols: ("k_cols", "k_rows"), "numbers"),
    (ch14.check_copies, lambda k_rows, k_cols: ([1, 2], 1), "one number"),
    (ch14.check_copies, 2, "function"),
]


@checker_table(CASES, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_the_copies_answer_is_true_for_nmf_ref():
    """The reasoning exercise's claim on a real solver: X tiled 2 × 3 with scikit-learn's
    weights (which carry the factors n and m) keeps the tiled W and H."""
    X = datasets.load("digits").X[:60]
    W0, H0 = nmf_ref.initialize(X, 3, "nndsvda")
    run = dict(solver="hals", alpha_W=0.01, alpha_H=0.02, l1_ratio=1.0, max_iter=30, tol=0)
    one = nmf_ref.nmf(X, 3, W=W0, H=H0, **run)
    tiled = nmf_ref.nmf(np.tile(X, (2, 3)), 3, W=np.tile(W0, (2, 1)), H=np.tile(H0, (1, 3)), **run)
    np.testing.assert_allclose(tiled.W, np.tile(one.W, (2, 1)), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(tiled.H, np.tile(one.H, (1, 3)), rtol=1e-9, atol=1e-12)


def test_the_masked_column_is_what_nmf_ref_s_masked_hals_reaches():
    """The masked subproblem's minimizer is a fixed point of nmf_ref's masked HALS: after a
    converged run, the formula leaves every column of W where it is."""
    rng = np.random.RandomState(0)
    X = rng.uniform(size=(12, 10))
    M = rng.uniform(size=X.shape) > 0.3
    res = nmf_ref.nmf(X, 2, solver="hals", mask=M, init="random", random_state=0,
                      max_iter=3000, tol=0)
    for t in range(2):
        np.testing.assert_allclose(right_masked_column(X, M.astype(float), res.W, res.H, t),
                                   res.W[:, t], rtol=1e-5, atol=1e-8)
