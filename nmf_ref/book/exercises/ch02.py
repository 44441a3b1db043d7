"""Checkers of chapter 2 (The worked example): check_relative_error, check_exact_factorization,
check_part_shares, check_rank_one_error."""

import numpy as np

from ._common import _as_array, _correct, _number, _require


def check_relative_error(X, W, H, answer):
    """``answer`` must be ‖X − WH‖_F / ‖X‖_F."""
    X, W, H = (np.asarray(A, dtype=float) for A in (X, W, H))
    answer = _number(answer, "Your relative error")
    residual = np.linalg.norm(X - W @ H)
    want = residual / np.linalg.norm(X)
    if np.isclose(answer, want, rtol=1e-6, atol=0):
        return _correct(f"‖X − WH‖/‖X‖ = {want:.3e}.")
    if np.isclose(answer, residual, rtol=1e-6):
        _require(False, "That is ‖X − WH‖ itself; divide by ‖X‖ to make it relative.")
    if np.isclose(answer, want**2, rtol=1e-6):
        _require(False, "That is the squared ratio; take norms, not squared norms.")
    if np.isclose(answer, 0.5 * residual**2, rtol=1e-6):
        _require(False, "That is the loss ½‖X − WH‖²; the relative error is a ratio of norms.")
    _require(False, "Compute np.linalg.norm(X - W @ H) / np.linalg.norm(X) "
                    "(the Frobenius norm is NumPy's default for matrices).")


def check_exact_factorization(X, W, H, rank=2):
    """``W`` (m×rank) and ``H`` (rank×n) must be non-negative with W @ H == X."""
    X = np.asarray(X, dtype=float)
    W, H = _as_array(W, "W"), _as_array(H, "H")
    m, n = X.shape
    _require(W.shape == (m, rank) and H.shape == (rank, n),
             f"W must be {m}×{rank} and H {rank}×{n}; got {W.shape} and {H.shape}.")
    _require((W >= 0).all() and (H >= 0).all(),
             "Every entry of W and H must be ≥ 0. Hint: can one row of X be written "
             "as an average of two others?")
    gap = np.abs(W @ H - X).max()
    _require(gap <= 1e-9 * max(1.0, np.abs(X).max()),
             f"W @ H differs from X by up to {gap:.3g}. Try taking rows of X "
             f"themselves as the rows of H.")
    return _correct("an exact non-negative factorization: ‖X − WH‖ = 0, "
                    "better than the solver's approximate answer.")


def check_part_shares(W, H, shares):
    """``shares[i, k]``: the fraction of row i's total that part k contributes."""
    W, H = np.asarray(W, dtype=float), np.asarray(H, dtype=float)
    S = _as_array(shares, "shares")
    contributions = W * H.sum(axis=1)  # (i, k): sum over features of W[i,k] H[k, :]
    want = contributions / contributions.sum(axis=1, keepdims=True)
    _require(S.shape == want.shape,
             f"shares must have one row per sample and one column per part, "
             f"shape {want.shape}; got {S.shape}.")
    _require(np.allclose(S.sum(axis=1), 1.0),
             "Each row of shares should add up to 1 (the parts make up the whole row).")
    row_normalized = W / W.sum(axis=1, keepdims=True)
    if np.allclose(S, row_normalized) and not np.allclose(S, want):
        _require(False, "Normalizing the rows of W ignores how big each part is: part k "
                        "adds W[i, k] * H[k, :].sum() to row i's total.")
    _require(np.allclose(S, want, rtol=1e-6, atol=1e-9),
             "Part k adds W[i, k] * H[k, :] to row i; sum that over the features, "
             "then divide by the row's total.")
    return _correct("each row's total splits into W[i, k]·ΣH[k, :] per part.")


def check_rank_one_error(X, answer):
    """Reasoning: the smallest relative error ‖X − WH‖_F/‖X‖_F of any rank-1 NMF of X ≥ 0.

    No rank-1 matrix beats the truncated SVD (Eckart–Young), and for X ≥ 0 the
    leading singular vectors can be taken ≥ 0 (Perron–Frobenius), so the SVD's
    rank-1 term is itself an NMF: the answer is √(σ₂² + σ₃² + …)/‖X‖_F.
    """
    X = np.asarray(X, dtype=float)
    answer = _number(answer, "Your relative error")
    s = np.linalg.svd(X, compute_uv=False)
    norm = np.linalg.norm(X)
    want = np.sqrt(np.sum(s[1:] ** 2)) / norm
    if np.isclose(answer, want, rtol=1e-6, atol=0):
        return _correct(f"{want:.6f}: the best rank-1 approximation (σ₁u₁v₁ᵀ) is "
                        "non-negative here, so NMF reaches the SVD's bound exactly.")
    wrong = {
        "σ₂/σ₁ compares two singular values; the error's norm is √(σ₂² + σ₃² + …) "
        "and the relative error divides it by ‖X‖_F = √(σ₁² + σ₂² + …).": s[1] / s[0],
        "That is the error itself, not relative: divide by ‖X‖_F.": np.sqrt(np.sum(s[1:] ** 2)),
        "That is the squared ratio; take norms, not squared norms.": want ** 2,
        "That is the share of ‖X‖ that the first term captures, σ₁/‖X‖_F; "
        "the error is what is left.": s[0] / norm,
    }
    for hint, value in wrong.items():
        if np.isclose(answer, value, rtol=1e-6):
            _require(False, hint)
    if np.isclose(answer, want, rtol=1e-2):
        _require(False, f"Close ({answer:.6f}), but not the minimum: a solver's run stops "
                        "near it. Get the exact value from the singular values "
                        "(np.linalg.svd(X, compute_uv=False)).")
    _require(False, "Compare with the best rank-1 approximation of any sign (the "
                    "truncated SVD): can an NMF do better? Can it do as well?")
