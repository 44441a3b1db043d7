"""Checkers of chapter 14 (Penalties and sparsity): check_balance,
check_masked_hals_column, check_copies."""

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


def _masked_column(X, M, W, H, t):
    """The exact minimizer over W[:, t] ≥ 0 of ½ Σ M ∘ (X − WH)², the rest fixed."""
    h = H[t]
    others = W @ H - np.outer(W[:, t], h)  # the model without component t
    numerator = (M * (X - others)) @ h
    denominator = M @ (h * h)
    return np.maximum(numerator / denominator, 0.0)


def check_masked_hals_column(func):
    """``func(X, M, W, H, t)``: the new column t of W in HALS with a mask M (1 = seen,
    0 = hidden), the exact minimizer over W[:, t] ≥ 0 of ½ Σ_ij M_ij (X − WH)_ij²
    with the other columns of W and all of H fixed."""
    rng = np.random.RandomState(142)
    m, n, r = 7, 9, 3
    X = rng.uniform(0.0, 1.0, size=(m, n)) * rng.uniform(0.2, 2.0, size=(m, 1))
    W, H = rng.uniform(0.1, 1.0, size=(m, r)), rng.uniform(0.1, 1.0, size=(r, n))
    M = (rng.uniform(size=(m, n)) > 0.35).astype(float)
    M[:, 0] = 1.0  # every row has a seen entry
    for t in range(r):
        got = _call(func, X.copy(), M.copy(), W.copy(), H.copy(), t)
        _require(got is not None, "Your function returned None: return the new column "
                                  f"t of W, {m} numbers.")
        got = _as_array(got, "the new column")
        if got.shape == W.shape:
            _require(False, f"Return only the new column t of W (shape ({m},)), not all of W.")
        _require(got.size == m, f"Return the new column t of W: {m} numbers, got shape "
                                f"{got.shape}.")
        got = got.reshape(m)
        want = _masked_column(X, M, W, H, t)
        if np.allclose(got, want, rtol=1e-9, atol=1e-12):
            continue
        ones = np.ones_like(M)
        _require(not np.allclose(got, _masked_column(X, ones, W, H, t)),
                 "That is the unmasked update: the hidden entries still count. Write the "
                 "subproblem with M and set its derivative in W[i, t] to 0.")
        _require(not np.allclose(got, _masked_column(M * X, ones, W, H, t)),
                 "Putting zeros in the hidden entries of X fits them as observed zeros. "
                 "The mask removes those entries from the sum, for the model too.")
        h = H[t]
        others = W @ H - np.outer(W[:, t], h)
        unclipped = (M * (X - others)) @ h / (M @ (h * h))
        _require(not np.allclose(got, unclipped),
                 "Some entries are negative: the minimizer over w ≥ 0 of a 1-D parabola "
                 "is its unconstrained minimizer clipped at 0.")
        _require(not np.allclose(got, np.maximum((M * (X - others)) @ h / (h @ h), 0)),
                 "The numerator is right; the denominator is the curvature of each row's "
                 "parabola, which only the seen entries make: Σ_j M_ij H_tj².")
        _require(False, f"Wrong column for t = {t}. Row i's problem is a parabola in W[i, t]: "
                        "½ Σ_j M_ij (X_ij − Σ_(k≠t) W_ik H_kj − W_it H_tj)².")
    return _correct("each row is a 1-D parabola: W[i, t] = max(0, Σ_j M_ij H_tj R_ij / "
                    "Σ_j M_ij H_tj²), with R the residual without component t. Every row "
                    "now has its own denominator, so the mask costs HALS its Gram form.")


def check_copies(func):
    """``func(k_rows, k_cols)``: with raw penalties λ_W‖W‖₁ + λ_H‖H‖₁ (no scaling by n
    and m), X is tiled k_rows × k_cols times (W → k_rows copies stacked, H → k_cols copies
    side by side); the factors ``(f_W, f_H)`` by which λ_W and λ_H must be multiplied so
    that the copies of the same W and H stay optimal."""
    for k_rows, k_cols in ((1, 2), (3, 1), (2, 5), (4, 3)):
        got = _call(func, k_rows, k_cols)
        _require(isinstance(got, (tuple, list)) and len(got) == 2,
                 f"Return a pair (f_W, f_H), got {got!r}.")
        f_W, f_H = (float(_as_array(g, "a factor").reshape(-1)[0])
                    if np.size(_as_array(g, "a factor")) == 1 else np.nan for g in got)
        _require(np.isfinite(f_W) and np.isfinite(f_H),
                 f"Each factor is one number; got {got!r}.")
        if np.isclose(f_W, k_cols) and np.isclose(f_H, k_rows):
            continue
        case = f"For {k_rows} × {k_cols} copies"
        if np.isclose(f_W, k_rows) and np.isclose(f_H, k_cols):
            _require(False, f"{case}: swapped. Stacking k_rows copies of W also multiplies "
                            "‖W‖₁ by k_rows; what does the penalty on W still lack?")
        if np.isclose(f_W, k_rows * k_cols) and np.isclose(f_H, k_rows * k_cols):
            _require(False, f"{case}: the data term grows by k_rows · k_cols, but the "
                            "penalties grow too: ‖[W; W]‖₁ = 2‖W‖₁.")
        if np.isclose(f_W, 1) and np.isclose(f_H, 1):
            _require(False, f"{case}: the data term is not unchanged: every residual "
                            "appears k_rows · k_cols times.")
        _require(False, f"{case}: write the tiled objective with the tiled factors and "
                        "divide it by k_rows · k_cols; compare the penalty weights.")
    return _correct("(k_cols, k_rows): the data term grows by k_rows·k_cols, ‖W‖₁ by "
                    "k_rows and ‖H‖₁ by k_cols, so λ_W must grow by k_cols and λ_H by "
                    "k_rows. scikit-learn's n·alpha_W and m·alpha_H do exactly that.")
