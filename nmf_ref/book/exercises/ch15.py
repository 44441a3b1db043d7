"""Checkers of chapter 15 (missing data and recommendations): check_masked_loss,
check_fill_in, check_zero_filling."""

import numpy as np

from ...losses import frobenius
from ._common import _as_array, _call, _choice, _chooses, _correct, _problems, _require


def _with_holes(seed):
    """Small problems whose X has NaN where the mask is False."""
    rng = np.random.RandomState(seed)
    for X, W, H in _problems(seed):
        mask = rng.uniform(size=X.shape) < 0.6
        mask[0, 0] = False  # at least one hole
        yield np.where(mask, X, np.nan), mask, W, H


def check_masked_loss(func):
    """``func(X, W, H, mask)``: ½ Σ over observed (i, j) of (X − WH)²; X is NaN elsewhere."""
    for X, mask, W, H in _with_holes(151):
        got = _call(func, X.copy(), W, H, mask)
        _require(np.ndim(got) == 0, f"Return one number, got shape {np.shape(got)}.")
        got = float(got)
        _require(not np.isnan(got), "Your loss is NaN: the unobserved entries of X are NaN, "
                                    "so leave them out before summing (index with the mask).")
        want = frobenius(np.where(mask, X, 0.0), W, H, mask)
        zero_filled = frobenius(np.where(mask, X, 0.0), W, H)
        if np.isclose(got, zero_filled, rtol=1e-9):
            _require(False, "That counts the unobserved entries as zeros: they are unknown, "
                            "not 0. Sum over the observed entries only.")
        if np.isclose(got, 2 * want, rtol=1e-9):
            _require(False, "Twice the loss: keep the ½ of the chapter's convention.")
        if np.isclose(got, want / mask.sum(), rtol=1e-9):
            _require(False, "That is a mean; the loss is the sum over the observed entries.")
        _require(np.isclose(got, want, rtol=1e-9),
                 "½ Σ_{(i,j) observed} (X_ij − (WH)_ij)²: take (X − W @ H)[mask].")
    return _correct("only what was observed counts; the unobserved entries do not enter "
                    "the loss at all.")


def check_fill_in(func):
    """``func(X, W, H, mask)``: X where observed, WH where not (the EM step)."""
    for X, mask, W, H in _with_holes(152):
        X_before = X.copy()
        got = _as_array(_call(func, X, W, H, mask), "your filled-in matrix")
        _require(np.array_equal(X, X_before, equal_nan=True),
                 "Your function changed X in place; build a new array.")
        _require(got.shape == X.shape, f"Return an array of X's shape {X.shape}, got {got.shape}.")
        WH = W @ H
        want = np.where(mask, X, WH)
        if np.allclose(got, np.where(mask, WH, X), equal_nan=True):
            _require(False, "Swapped: keep the data where it is observed (mask True) and use "
                            "the model's WH where it is not.")
        if np.allclose(got, np.where(mask, X, 0.0)):
            _require(False, "That is zero-filling: the unobserved entries get the model's "
                            "current guess WH, not 0.")
        if np.allclose(got, WH):
            _require(False, "That replaces the observed entries too; keep X where mask is True.")
        _require(np.allclose(got, want, rtol=1e-12),
                 "np.where(mask, X, W @ H).")
    return _correct("the filled-in matrix agrees with X where it is known and with the "
                    "model elsewhere, so a Gram solver can take one ordinary step on it.")


@_chooses
def check_zero_filling(answer):
    """Reasoning: why do zero-filled ratings make scikit-learn predict about 0 stars?

    (a) with 95 % of the entries set to 0, the least-squares fit is mostly about
    reproducing those zeros, so WH is small on held-out entries too; (b) NMF cannot
    represent ratings above 1; (c) scikit-learn's solver did not converge;
    (d) the rank is too small. Right: (a).
    """
    return _choice(answer, "a", {
        "b": "nothing bounds WH by 1; the same NMF, fitted to the observed entries only "
             "(masked), predicts 3-4 stars.",
        "c": "more iterations drive it further to the zero-filled optimum, which is itself "
             "near 0 on unobserved entries: convergence is not the problem, the objective is.",
        "d": "a larger rank fits the zeros even better; the chapter's rank curve shows the "
             "zero-filled error does not come down with r.",
    }, "the zero-filled objective counts each unknown rating as a 0-star rating, and "
       "they outnumber the real ones about 20 to 1.")
