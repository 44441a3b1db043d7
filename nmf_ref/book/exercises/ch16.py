"""Checkers of chapter 16 (scaling up): check_memory_ratio, check_block_grams,
check_row_separable."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _require


def check_memory_ratio(m, n, r, answer):
    """How many times more memory does a dense float64 X (m×n) take than W and H together?"""
    _require(np.ndim(answer) == 0, f"Give one number, got shape {np.shape(answer)}.")
    answer = float(answer)
    want = m * n / (r * (m + n))
    if np.isclose(answer, 1 / want, rtol=1e-6):
        _require(False, "Upside down: X is the big one. Divide X's entries by the factors'.")
    if np.isclose(answer, m * n / (r * max(m, n)), rtol=1e-6) or np.isclose(
            answer, m * n / (r * min(m, n)), rtol=1e-6):
        _require(False, "Count both factors: W has m·r entries and H has r·n.")
    if np.isclose(answer, 8 * want, rtol=1e-6):
        _require(False, "Both sides are float64, so the 8 bytes cancel in the ratio.")
    _require(np.isclose(answer, want, rtol=1e-6),
             "X has m·n entries, W and H together r·(m + n).")
    return _correct(f"{want:.4g}: the factors are tiny next to X, which is why the "
                    "row-block path ships only them.")


def check_block_grams(func):
    """``func(W_blocks, X_blocks)``: ``(WᵀX, WᵀW)`` from lists of row blocks W_b, X_b."""
    rng = np.random.RandomState(161)
    for sizes in ((3, 5, 2), (4,), (1, 6, 2, 3)):
        n, r = 7, 3
        X_blocks = [rng.uniform(size=(s, n)) for s in sizes]
        W_blocks = [rng.uniform(size=(s, r)) for s in sizes]
        W, X = np.vstack(W_blocks), np.vstack(X_blocks)
        got = _call(func, W_blocks, X_blocks)
        _require(isinstance(got, tuple) and len(got) == 2,
                 "Return a pair (WtX, WtW).")
        WtX, WtW = (_as_array(g, name) for g, name in zip(got, ("WtX", "WtW")))
        _require(WtX.shape == (r, n) and WtW.shape == (r, r),
                 f"WᵀX is r×n = {(r, n)} and WᵀW is r×r = {(r, r)}; got {WtX.shape} and "
                 f"{WtW.shape}. Sum the blocks' products, do not stack them.")
        if len(sizes) > 1 and np.allclose(WtX, W_blocks[0].T @ X_blocks[0]):
            _require(False, "That is the first block only: add up W_bᵀ X_b over every block.")
        if np.allclose(WtX, W.T @ X) and not np.allclose(WtW, W.T @ W):
            _require(False, "WᵀX is right; WᵀW is the sum of W_bᵀ W_b, the Gram of W's blocks.")
        _require(np.allclose(WtX, W.T @ X, rtol=1e-12) and np.allclose(WtW, W.T @ W, rtol=1e-12),
                 "WᵀX = Σ_b W_bᵀ X_b and WᵀW = Σ_b W_bᵀ W_b.")
    return _correct("the sums over blocks are the full products: each worker adds its "
                    "share, and only r×n and r×r matrices travel.")


@_chooses
def check_row_separable(answer):
    """Reasoning: which W-step can NOT be run on row blocks independently with the same result?

    (a) HALS; (b) multiplicative updates; (c) projected gradient with Lin's
    Armijo line search; (d) ANLS. Right: (c).
    """
    return _choice(answer, "c", {
        "a": "each HALS column update sets entry (i, t) from row i of W and of XHᵀ only, "
             "so every block can sweep its own rows: the row-block path does exactly that.",
        "b": "MU multiplies each entry by a ratio built from its own row of XHᵀ and W HHᵀ.",
        "d": "ANLS solves one NNLS problem per row of W, all with the same HHᵀ: rows are "
             "independent by construction.",
    }, "the line search picks one step size from the objective over all of W, so a block "
       "cannot choose it alone: it would need a reduction inside every trial step.")
