"""Checkers of chapter 16 (scaling up): check_memory_ratio, check_block_grams,
check_row_separable, check_best_grid."""

import tracemalloc

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _require


def check_memory_ratio(m, n, r, answer):
    """How many times more memory does a dense float64 X (m×n) take than W and H together?"""
    answer = _number(answer, "The ratio")
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


def _peak_bytes(func, *args):
    """What ``func(*args)`` returns, and the peak of the memory it allocated meanwhile."""
    tracemalloc.start()
    try:
        got = _call(func, *args)
        return got, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def check_block_grams(func):
    """``func(W_blocks, X_blocks)``: ``(WᵀX, WᵀW)`` from lists of row blocks W_b, X_b,
    without forming anything of m rows (the blocks are never stacked)."""
    rng = np.random.RandomState(161)
    for sizes in ((3, 5, 2), (4,), (1, 6, 2, 3), (20_000, 30_000, 25_000)):
        n, r = 7, 3
        X_blocks = [rng.uniform(size=(s, n)) for s in sizes]
        W_blocks = [rng.uniform(size=(s, r)) for s in sizes]
        W, X = np.vstack(W_blocks), np.vstack(X_blocks)
        got, peak = _peak_bytes(func, W_blocks, X_blocks)
        _require(isinstance(got, (tuple, list)) and len(got) == 2,
                 f"Return a pair (WtX, WtW), got {type(got).__name__}"
                 f"{'' if not isinstance(got, (tuple, list)) else f' of length {len(got)}'}.")
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
        # stacking the blocks copies all of X (or W): on a cluster no machine holds that
        _require(W.nbytes < 10**6 or peak < W.nbytes / 2,  # measurable on the large case
                 f"The numbers are right, but your function allocated {peak / 1e6:.1f} MB "
                 f"for blocks of {X.nbytes / 1e6:.1f} MB: it stacks the blocks into W or X. "
                 "On a cluster no machine holds all of them: sum the blocks' products.")
    return _correct("the sums over blocks are the full products: each worker adds its "
                    "share, and only r×n and r×r matrices travel.")


def _words(m, n, r, p_r, p_c):
    return r * (m / p_r + n / p_c)


def check_best_grid(func):
    """``func(m, n, r, p)``: the processor grid ``(p_r, p_c)``, p_r · p_c = p, that
    minimizes the factor entries r(m/p_r + n/p_c) each processor needs per iteration."""
    cases = ((10**6, 10**5, 20, 64), (10**5, 10**5, 10, 64), (4000, 10**6, 50, 48),
             (10**6, 10**5, 20, 7), (3 * 10**5, 10**4, 10, 12), (5000, 5000, 8, 1))
    for m, n, r, p in cases:
        got = _call(func, m, n, r, p)
        _require(isinstance(got, (tuple, list)) and len(got) == 2,
                 f"Return a pair (p_r, p_c); got {got!r}.")
        _require(all(isinstance(g, (int, np.integer)) or (isinstance(g, float) and g.is_integer())
                     for g in got),
                 f"A grid has a whole number of processor rows and columns; got {got!r}.")
        p_r, p_c = (int(g) for g in got)
        _require(p_r >= 1 and p_c >= 1 and p_r * p_c == p,
                 f"For p = {p} the grid must use every processor, p_r · p_c = {p}; got "
                 f"{p_r} × {p_c}.")
        best = min(_words(m, n, r, a, p // a) for a in range(1, p + 1) if p % a == 0)
        words = _words(m, n, r, p_r, p_c)
        if np.isclose(words, best, rtol=1e-12):
            continue
        if np.isclose(_words(m, n, r, p_c, p_r), best, rtol=1e-12):
            _require(False, f"For m = {m}, n = {n}, p = {p} your grid is the right shape "
                            "turned over: more processor rows go where X has more rows.")
        if p_c == 1:
            _require(False, f"For m = {m}, n = {n}, p = {p} you chose the 1-D grid ({p} × 1): "
                            f"{words:.3g} words per processor, against {best:.3g} for the best "
                            "grid. Every processor still needs all of H.")
        _require(False, f"For m = {m}, n = {n}, r = {r}, p = {p} your {p_r} × {p_c} grid needs "
                        f"{words:.3g} words per processor; a better one needs {best:.3g}. "
                        "Minimize m/p_r + n/p_c subject to p_r · p_c = p, over whole numbers.")
    return _correct("the best grid balances the two terms, m/p_r ≈ n/p_c (p_r/p_c ≈ m/n), "
                    "among the divisors of p; the 1-D grid (p × 1) is best only for a tall X, "
                    "m/p about n or more.")


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
