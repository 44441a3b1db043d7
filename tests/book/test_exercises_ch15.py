"""Every checker of chapter 15 (missing data), one table: (checker, answer, expected), where
expected is ACCEPTED or the hint the checker's AssertionError must match."""

import numpy as np

from checking import checker_table, verdict
from nmf_ref.book.exercises import ch15

ACCEPTED = None


# ------------------------------------------------------------ ex-15-masked-loss
def right_masked_loss(X, W, H, mask):
    residual = (X - W @ H)[mask]
    return 0.5 * residual @ residual


def wrong_masked_loss_nan(X, W, H, mask):  # forgets the mask: NaN everywhere
    return 0.5 * np.sum((X - W @ H) ** 2)


def wrong_masked_loss_zero_filled(X, W, H, mask):
    return 0.5 * np.sum((np.where(mask, X, 0) - W @ H) ** 2)


def wrong_masked_loss_no_half(X, W, H, mask):
    return 2 * right_masked_loss(X, W, H, mask)


def wrong_masked_loss_mean(X, W, H, mask):
    return right_masked_loss(X, W, H, mask) / mask.sum()


# ------------------------------------------------------------ ex-15-fill-in
def right_fill_in(X, W, H, mask):
    return np.where(mask, X, W @ H)


def wrong_fill_in_swapped(X, W, H, mask):
    return np.where(mask, W @ H, X)


def wrong_fill_in_zero_filling(X, W, H, mask):
    return np.where(mask, X, 0.0)


def wrong_fill_in_model_everywhere(X, W, H, mask):
    return W @ H


def wrong_fill_in_in_place(X, W, H, mask):
    X[~mask] = (W @ H)[~mask]
    return X


# ------------------------------------------------------------ ex-15-weighted-mu
def right_weighted_mu_step(X, W, H, C):
    W = W * ((C * X) @ H.T) / ((C * (W @ H)) @ H.T)
    H = H * (W.T @ (C * X)) / (W.T @ (C * (W @ H)))
    return W, H


def right_weighted_mu_step_as_list(X, W, H, C):
    return list(right_weighted_mu_step(X, W, H, C))


def wrong_weighted_mu_zero_filled_unweighted(X, W, H, C):  # plain MU: the weights ignored
    return right_weighted_mu_step(X, W, H, np.ones_like(C))


def wrong_weighted_mu_binary_mask(X, W, H, C):  # the chapter's 0/1 mask from C > 0
    return right_weighted_mu_step(X, W, H, 1.0 * (C > 0))


def wrong_weighted_mu_squared_weights(X, W, H, C):  # ½‖C ∘ (X − WH)‖² instead
    return right_weighted_mu_step(X, W, H, C**2)


def wrong_weighted_mu_h_first(X, W, H, C):
    H = H * (W.T @ (C * X)) / (W.T @ (C * (W @ H)))
    W = W * ((C * X) @ H.T) / ((C * (W @ H)) @ H.T)
    return W, H


def wrong_weighted_mu_old_w_in_h(X, W, H, C):  # both from the old pair (Jacobi)
    W_new = W * ((C * X) @ H.T) / ((C * (W @ H)) @ H.T)
    H_new = H * (W.T @ (C * X)) / (W.T @ (C * (W @ H)))
    return W_new, H_new


def wrong_weighted_mu_library_mask(X, W, H, C):  # the library's mask route: X not weighted
    W = W * (X @ H.T) / ((C * (W @ H)) @ H.T)
    H = H * (W.T @ X) / (W.T @ (C * (W @ H)))
    return W, H


def wrong_weighted_mu_only_w(X, W, H, C):
    return right_weighted_mu_step(X, W, H, C)[0]


def wrong_weighted_mu_transposed(X, W, H, C):
    W, H = right_weighted_mu_step(X, W, H, C)
    return W.T, H.T


CASES = [
    (ch15.check_masked_loss, right_masked_loss, ACCEPTED),
    (ch15.check_masked_loss, wrong_masked_loss_nan, "NaN"),
    (ch15.check_masked_loss, wrong_masked_loss_zero_filled, "as zeros"),
    (ch15.check_masked_loss, wrong_masked_loss_no_half, "½"),
    (ch15.check_masked_loss, wrong_masked_loss_mean, "mean"),
    (ch15.check_masked_loss, None, "Pass a function"),
    (ch15.check_fill_in, right_fill_in, ACCEPTED),
    (ch15.check_fill_in, wrong_fill_in_swapped, "Swapped"),
    (ch15.check_fill_in, wrong_fill_in_zero_filling, "zero-filling"),
    (ch15.check_fill_in, wrong_fill_in_model_everywhere, "observed entries too"),
    (ch15.check_fill_in, wrong_fill_in_in_place, "in place"),
    (ch15.check_fill_in, "np.where", "Pass a function"),
    (ch15.check_zero_filling, "(a)", ACCEPTED),
    (ch15.check_zero_filling, "b", "bounds"),  # NMF cannot exceed one
    (ch15.check_zero_filling, "c", "convergence"),  # did not converge
    (ch15.check_zero_filling, "d", "larger rank"),  # rank too small
    (ch15.check_zero_filling, None, "letter"),
    (ch15.check_zero_filling, "e", "one of the letters"),
    (ch15.check_weighted_mu_step, right_weighted_mu_step, ACCEPTED),
    (ch15.check_weighted_mu_step, right_weighted_mu_step_as_list, ACCEPTED),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_zero_filled_unweighted, "unweighted"),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_binary_mask, "0/1 mask"),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_squared_weights, "squares the weights"),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_h_first, "updated first"),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_old_w_in_h, "old W"),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_library_mask, "not the weighted MU"),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_only_w, "pair"),
    (ch15.check_weighted_mu_step, wrong_weighted_mu_transposed, "shape"),
    (ch15.check_weighted_mu_step, None, "Pass a function"),
]


@checker_table(CASES, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)
