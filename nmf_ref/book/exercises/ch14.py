"""Checkers of chapter 14 (Penalties and sparsity): check_balance,
check_normalize_and_order, check_duplicated_columns."""

import numpy as np

from ._common import _as_array, _call, _correct, _require


def _l1_penalty(W, H, lam_W, lam_H):
    return lam_W * np.abs(W).sum() + lam_H * np.abs(H).sum()


def check_balance(func):
    """``func(W, H, lam_W, lam_H)``: ``(W D, D⁻¹ H)`` with the positive diagonal D that
    makes the penalty lam_W‖W D‖₁ + lam_H‖D⁻¹H‖₁ as small as it can be."""
    rng = np.random.RandomState(14)
    W = rng.uniform(0.0, 1.0, size=(7, 3)) * np.array([5.0, 0.2, 1.0])
    H = rng.uniform(0.0, 1.0, size=(3, 6)) * np.array([[0.1], [8.0], [1.0]])
    lam_W, lam_H = 0.3, 2.0
    got = _call(func, W.copy(), H.copy(), lam_W, lam_H)
    _require(isinstance(got, (tuple, list)) and len(got) == 2, "Return two arrays, (W2, H2).")
    W2, H2 = _as_array(got[0], "W2"), _as_array(got[1], "H2")
    _require(W2.shape == W.shape and H2.shape == H.shape,
             f"W2 and H2 keep the shapes {W.shape} and {H.shape}.")
    _require(np.allclose(W2 @ H2, W @ H),
             "W2 H2 must equal W H: scale W's column k by d_k and H's row k by 1/d_k.")
    best = 2 * np.sqrt(lam_W * lam_H * np.abs(W).sum(axis=0) * np.abs(H).sum(axis=1)).sum()
    value = _l1_penalty(W2, H2, lam_W, lam_H)
    if np.isclose(value, best, rtol=1e-9):
        return _correct("d_k = √(λ_H‖H_k:‖₁ / (λ_W‖W_:k‖₁)): at the optimum both factors "
                        "pay the same penalty, and the total is 2Σ√(λ_Wλ_H‖W_:k‖₁‖H_k:‖₁).")
    if np.allclose(W2, W):
        _require(False, "You returned W and H as they were. Some rescaling lowers the "
                        "penalty without changing W H: find the best d_k for each k.")
    d = W2.sum(axis=0) / W.sum(axis=0)
    right = np.sqrt(lam_H * H.sum(axis=1) / (lam_W * W.sum(axis=0)))
    if np.allclose(d, 1 / right):
        _require(False, "Your scaling goes the wrong way: d_k multiplies W's column, "
                        "1/d_k divides H's row.")
    if np.allclose(d, np.sqrt(H.sum(axis=1) / W.sum(axis=0))):
        _require(False, "You equalized ‖W_:k‖₁ and ‖H_k:‖₁, forgetting the weights "
                        "lam_W and lam_H.")
    if np.allclose(d, right**2) or np.allclose(d, lam_H * H.sum(axis=1) / (lam_W * W.sum(axis=0))):
        _require(False, "Minimize λ_W a d + λ_H b / d over d > 0: set the derivative to 0; "
                        "a square root appears.")
    _require(False, f"Your penalty is {value:.4g}; the smallest possible is {best:.4g}. "
                    "Minimize λ_W d_k‖W_:k‖₁ + λ_H‖H_k:‖₁ / d_k for each k.")


def check_normalize_and_order(func):
    """``func(W, H)``: ``(W2, H2)``, the same components with each row of H2 of unit
    Euclidean norm (the scale moved into W2), in decreasing order of energy
    ‖W_:k‖ ‖H_k:‖."""
    rng = np.random.RandomState(141)
    W = rng.uniform(0.0, 1.0, size=(8, 4)) * np.array([1.0, 20.0, 0.5, 3.0])
    H = rng.uniform(0.0, 1.0, size=(4, 6)) * np.array([[9.0], [0.1], [4.0], [1.0]])
    energy = np.linalg.norm(W, axis=0) * np.linalg.norm(H, axis=1)
    order = np.argsort(-energy)
    got = _call(func, W.copy(), H.copy())
    _require(isinstance(got, (tuple, list)) and len(got) == 2, "Return two arrays, (W2, H2).")
    W2, H2 = _as_array(got[0], "W2"), _as_array(got[1], "H2")
    _require(W2.shape == W.shape and H2.shape == H.shape,
             f"W2 and H2 keep the shapes {W.shape} and {H.shape}.")
    if not np.allclose(W2 @ H2, W @ H):
        hint = ("W2 H2 must still equal W H. Whatever you divide H's row k by, multiply "
                "W's column k by, and permute W's columns and H's rows together.")
        _require(False, hint)
    _require(np.allclose(np.linalg.norm(H2, axis=1), 1),
             "Each row of H2 must have unit Euclidean norm.")
    got_energy = np.linalg.norm(W2, axis=0) * np.linalg.norm(H2, axis=1)
    if np.allclose(got_energy, energy[order[::-1]]):
        _require(False, "Sort in decreasing order of energy: the strongest component first.")
    if np.allclose(got_energy, energy[np.argsort(-np.linalg.norm(H, axis=1))]):
        _require(False, "You sorted by the norm of H's rows, which depends on an "
                        "arbitrary scale. Sort by the energy ‖W_:k‖‖H_k:‖, which does not.")
    _require(np.allclose(got_energy, energy[order]),
             "Order the components by decreasing energy ‖W_:k‖ ‖H_k:‖.")
    return _correct("unit parts, weights that carry the scale, strongest first: a "
                    "canonical form, so two runs can be compared component by component.")


def check_duplicated_columns(answer):
    """Reasoning: with a raw penalty λ‖W‖₁ (no scaling by n), every column of X is
    duplicated (n → 2n, H → [H H]); by what factor must λ be multiplied so that the
    same W stays optimal?"""
    _require(np.ndim(answer) == 0, f"Give one number, got {answer!r}.")
    value = float(answer)
    if np.isclose(value, 2.0):
        return _correct("the data term doubles (every residual appears twice) and so "
                        "must λ. scikit-learn's n·alpha_W does it for you: the same "
                        "alpha_W keeps the same W.")
    hints = {1.0: "The data term is not unchanged: every residual now appears twice.",
             0.5: "The data term doubles; to keep the balance the penalty must grow, "
                  "not shrink.",
             4.0: "The data term is a sum of squares over entries: twice the entries "
                  "means twice the sum, not four times.",
             np.sqrt(2): "Count the entries: twice as many residuals, each as large as "
                         "before."}
    for wrong, hint in hints.items():
        if np.isclose(value, wrong):
            _require(False, hint)
    _require(False, "Write the objective for the duplicated data with W and [H H] and "
                    "compare it with the original one.")
