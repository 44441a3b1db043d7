"""Checkers of chapter 15 (missing data and recommendations): check_masked_loss,
check_fill_in, check_zero_filling, check_weighted_mu_step."""

import numpy as np

from ...losses import frobenius
from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _problems, _require


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
        got = _number(_call(func, X.copy(), W, H, mask), "Your loss")
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

    (a) the zero-filled entries far outnumber the training ratings, so the
    least-squares fit is mostly about reproducing those zeros, and WH is small on
    held-out entries too; (b) NMF cannot
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
       "they outnumber the real ones many times over (the chapter counts how many).")


def _weighted_problems(seed):
    """Small problems (X, W, H, C) with confidence weights C ≥ 0: zeros, and weights
    that are neither 0 nor 1, so a binary mask, C² and the unweighted update all differ."""
    rng = np.random.RandomState(seed)
    for X, W, H in _problems(seed):
        C = rng.uniform(0.2, 3.0, X.shape) * (rng.uniform(size=X.shape) < 0.7)
        C[:, 0] = C[0, :] = 1.5  # every row and column keeps a positive weight
        yield X, W, H, C


def _weighted_mu(X, W, H, C, order="WH", power=1):
    """The reference: the update of W, then of H (or the other ``order``), for
    ½ Σ C_ij (X − WH)²_ij, with weights ``C ** power`` (power 2 is the mistake)."""
    C = C**power
    for factor in order:
        if factor == "W":
            W = W * ((C * X) @ H.T) / ((C * (W @ H)) @ H.T)
        else:
            H = H * (W.T @ (C * X)) / (W.T @ (C * (W @ H)))
    return W, H


def check_weighted_mu_step(func):
    """``func(X, W, H, C)``: one multiplicative step, W then H (with the new W), on
    ½ Σ_ij C_ij (X_ij − (WH)_ij)², C ≥ 0 confidence weights; returns (W, H)."""
    for X, W, H, C in _weighted_problems(153):
        got = _call(func, X.copy(), W.copy(), H.copy(), C.copy())
        _require(isinstance(got, (tuple, list)) and len(got) == 2,
                 f"Return the pair (W, H), got {type(got).__name__}.")
        W_new, H_new = (_as_array(part, name) for part, name in zip(got, ("your W", "your H")))
        _require(W_new.shape == W.shape and H_new.shape == H.shape,
                 f"Return W of shape {W.shape} and H of shape {H.shape}, got "
                 f"{W_new.shape} and {H_new.shape}.")
        want_W, want_H = _weighted_mu(X, W, H, C)
        wrongs = {
            "That is the unweighted update: every entry counts with weight 1, so the "
            "weights (and the zeros among them) are ignored. Bound the weighted loss, not "
            "the plain one.": _weighted_mu(X, W, H, np.ones_like(C)),
            "That uses only which weights are non-zero (a 0/1 mask): a weight of 3 must "
            "count three times as much as a weight of 1.": _weighted_mu(X, W, H, 1.0 * (C > 0)),
            "That squares the weights: the loss is Σ C_ij (X − WH)²_ij, not "
            "‖C ∘ (X − WH)‖²; C enters the gradient once.": _weighted_mu(X, W, H, C, power=2),
            "H was updated first (or with the old W): update W, then H from the new W.":
                _weighted_mu(X, W, H, C, order="HW"),
        }
        for hint, (wrong_W, wrong_H) in wrongs.items():
            if np.allclose(W_new, wrong_W, rtol=1e-9) and np.allclose(H_new, wrong_H, rtol=1e-9):
                _require(False, hint)
        if np.allclose(W_new, want_W, rtol=1e-9) and not np.allclose(H_new, want_H, rtol=1e-9):
            jacobi = H * (W.T @ (C * X)) / (W.T @ (C * (W @ H)))
            _require(not np.allclose(H_new, jacobi, rtol=1e-9),
                     "Your H was updated with the old W: use the new W in H's update.")
        _require(np.allclose(W_new, want_W, rtol=1e-9),
                 "Your W is not the weighted MU step. Majorize ½ Σ C_ij (X − WH)²_ij in W "
                 "(the chapter 4 argument with C inside), minimize the majorizer, and "
                 "read off the ratio of the gradient's negative and positive parts.")
        _require(np.allclose(H_new, want_H, rtol=1e-9),
                 "Your W is right, your H is not: the same step for H, with the new W.")
    return _correct("the weights enter both terms of the ratio, W ∘ ((C∘X)Hᵀ) / ((C∘WH)Hᵀ), "
                    "so a 0/1 C is the chapter's masked update and a zero weight never "
                    "reads X.")
