"""Checkers behind the book's exercises.

Book: the exercises at the end of each chapter. Each checker takes a
student's answer (a number, arrays, or a function) and either prints a short
``Correct: ...`` (returning None, so a notebook shows only the verdict) or
raises ``AssertionError`` with a hint that says what is wrong without giving
the answer away. NumPy only.

Chapter 1: :func:`check_factor_shapes`, :func:`check_largest_saving_rank`,
:func:`check_nmf_ready`.
Chapter 2: :func:`check_relative_error`, :func:`check_exact_factorization`,
:func:`check_part_shares`.
Chapter 3: :func:`check_half_frobenius`, :func:`check_same_product`,
:func:`check_nonconvexity_witness`.
Chapter 4: :func:`check_mu_step_size`, :func:`check_mu_update_H`,
:func:`check_zero_sticks`.
"""

import numpy as np

from .rules import mu


def _correct(message):
    print(f"Correct: {message}")


def _require(condition, hint):
    if not condition:
        raise AssertionError(f"Not yet. {hint}")


def _as_array(value, name):
    try:
        A = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"Not yet. {name} should be numbers (an array), got {value!r}.") from None
    return A


def _call(func, *args):
    """Call the student's function, turning its errors into a hint."""
    _require(callable(func), f"Pass a function, not {type(func).__name__}.")
    try:
        return func(*args)
    except Exception as exc:  # the student's code failed: say where
        raise AssertionError(
            f"Not yet. Your function raised {type(exc).__name__}: {exc} "
            f"(when called with arguments of shapes "
            f"{[np.shape(a) for a in args]})."
        ) from exc


def _problems(seed, m=6, n=5, r=3):
    """A few small random NMF problems (X, W, H), reproducible."""
    rng = np.random.RandomState(seed)
    for _ in range(3):
        yield rng.uniform(size=(m, n)), rng.uniform(0.1, 1, (m, r)), rng.uniform(0.1, 1, (r, n))
        m, n = n + 2, m + 1


# ---------------------------------------------------------------- chapter 1

def check_factor_shapes(func):
    """``func(m, n, r)`` must return the shapes ``(W.shape, H.shape)``."""
    for m, n, r in [(1797, 64, 12), (3, 4, 2), (100, 10, 1), (5, 5, 5)]:
        got = _call(func, m, n, r)
        try:
            W_shape, H_shape = (tuple(int(d) for d in s) for s in got)
        except Exception:
            raise AssertionError(
                f"Not yet. Return two shapes, like ((m, r), (r, n)); got {got!r}."
            ) from None
        _require(W_shape[0] == m and H_shape[-1] == n,
                 f"For X of shape ({m}, {n}): W has one row per sample (row of X) "
                 f"and H one column per feature (column of X). You gave "
                 f"W {W_shape}, H {H_shape}.")
        _require(W_shape == (m, r) and H_shape == (r, n),
                 f"The inner dimension must be r = {r} for W @ H to be defined "
                 f"and of rank at most r. You gave W {W_shape}, H {H_shape}.")
    return _correct("W is m×r and H is r×n, so W @ H is m×n like X.")


def check_largest_saving_rank(func):
    """``func(m, n)``: the largest r for which W and H hold fewer numbers than X."""
    for m, n in [(1797, 64), (3, 4), (4, 4), (10, 10), (1000, 1), (2, 2)]:
        want = -(-m * n // (m + n)) - 1  # ceil(mn/(m+n)) - 1: r(m+n) < mn
        got = _call(func, m, n)
        _require(np.ndim(got) == 0 and float(got) == int(float(got)),
                 f"Return a whole number r, got {got!r}.")
        got = int(got)
        if got != want:
            if got * (m + n) == m * n:
                hint = (f"For m={m}, n={n}, r={got} stores exactly as many numbers "
                        f"as X ({m * n}), not fewer.")
            elif got * (m + n) > m * n:
                hint = (f"For m={m}, n={n}, r={got} stores {got * (m + n)} numbers, "
                        f"more than X's {m * n}.")
            else:
                hint = (f"For m={m}, n={n}, r={got + 1} also stores fewer numbers "
                        f"than X: count r·m + r·n.")
            _require(False, hint)
    return _correct("W and H hold r(m + n) numbers, fewer than mn exactly when "
                    "r < mn/(m + n).")


def check_nmf_ready(func):
    """``func(X)`` must return True exactly when X can be factored by NMF."""
    cases = [
        (np.array([[1.0, 2.0], [3.0, 4.0]]), True, "a positive matrix"),
        (np.array([[0.0, 2.0], [0.0, 0.0]]), True, "a matrix with zeros (zeros are allowed)"),
        (np.array([[1.0, -0.5], [3.0, 4.0]]), False, "a matrix with a negative entry"),
        (np.array([[1.0, np.nan], [3.0, 4.0]]), False, "a matrix with NaN"),
        (np.array([[1.0, np.inf], [3.0, 4.0]]), False, "a matrix with inf"),
        (np.array([[-0.0, 1e-300], [5.0, 1e300]]), True, "tiny and huge but non-negative values"),
    ]
    for X, want, what in cases:
        got = _call(func, X.copy())
        _require(isinstance(got, (bool, np.bool_)),
                 f"Return True or False, got {got!r} for {what}.")
        _require(bool(got) == want,
                 f"For {what} your function returned {bool(got)}, expected {want}.")
    return _correct("NMF needs every entry finite and ≥ 0; zeros are fine.")


# ---------------------------------------------------------------- chapter 2

def check_relative_error(X, W, H, answer):
    """``answer`` must be ‖X − WH‖_F / ‖X‖_F."""
    X, W, H = (np.asarray(A, dtype=float) for A in (X, W, H))
    _require(np.ndim(answer) == 0, f"Give one number, got an array of shape {np.shape(answer)}.")
    answer = float(answer)
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


# ---------------------------------------------------------------- chapter 3

def check_half_frobenius(func):
    """``func(X, W, H)`` must return ½‖X − WH‖²_F."""
    for X, W, H in _problems(3):
        got = _call(func, X.copy(), W.copy(), H.copy())
        _require(np.ndim(got) == 0, f"Return one number, got shape {np.shape(got)}.")
        R = X - W @ H
        want = 0.5 * np.sum(R * R)
        got = float(got)
        if np.isclose(got, 2 * want, rtol=1e-9):
            _require(False, "You forgot the ½ (it cancels the 2 of the derivative).")
        if np.isclose(got, np.sqrt(2 * want), rtol=1e-9):
            _require(False, "That is the norm ‖X − WH‖; the loss is half its square.")
        _require(np.isclose(got, want, rtol=1e-9),
                 f"Expected {want:.6g}, got {got:.6g}. Sum the squared entries of "
                 f"X − W @ H, then halve.")
    return _correct("f(W, H) = ½‖X − WH‖² = ½ Σ_ij (X − WH)_ij².")


def check_same_product(W, H, W2, H2):
    """A *different* non-negative pair (W2, H2) with W2 @ H2 == W @ H."""
    W, H = np.asarray(W, dtype=float), np.asarray(H, dtype=float)
    W2, H2 = _as_array(W2, "W2"), _as_array(H2, "H2")
    _require(W2.shape == W.shape and H2.shape == H.shape,
             f"Keep the shapes: W2 {W.shape} and H2 {H.shape}; got {W2.shape}, {H2.shape}.")
    _require((W2 >= 0).all() and (H2 >= 0).all(),
             "W2 and H2 must stay non-negative, or it is not an NMF any more.")
    scale = max(1.0, np.abs(W @ H).max())
    _require(np.abs(W2 @ H2 - W @ H).max() <= 1e-9 * scale,
             "W2 @ H2 must equal W @ H. If you multiply W by a matrix Q, multiply "
             "H by Q's inverse.")
    _require(not (np.allclose(W2, W) and np.allclose(H2, H)),
             "That is the same pair (W, H); change the factors, keep the product.")
    return _correct("two different factorizations with the same product WH, "
                    "so the loss cannot tell them apart.")


def check_nonconvexity_witness(p, q, x=1.0):
    """Points p, q ≥ 0 in (w, h) where f(w, h) = (x − wh)² breaks convexity at the midpoint."""
    p, q = _as_array(p, "p"), _as_array(q, "q")
    _require(p.shape == (2,) and q.shape == (2,), "p and q are points (w, h): two numbers each.")
    _require((p >= 0).all() and (q >= 0).all(), "Stay in the non-negative quadrant: w, h ≥ 0.")

    def f(point):
        return (x - point[0] * point[1]) ** 2

    mid = (p + q) / 2
    chord = (f(p) + f(q)) / 2
    _require(f(mid) > chord + 1e-9,
             f"At the midpoint f = {f(mid):.4g}, not above the average "
             f"{chord:.4g} of f(p) and f(q). Try two points on the valley wh = {x:g} "
             f"far apart, like (w, {x:g}/w) for a small and a large w.")
    return _correct(f"f(midpoint) = {f(mid):.3g} > {chord:.3g} = average of the ends, "
                    "which a convex function never allows.")


# ---------------------------------------------------------------- chapter 4

def check_mu_step_size(func):
    """``func(W, H)``: the step η (same shape as H) that makes H − η∘∇_H the MU step."""
    for X, W, H in _problems(4):
        eta = _as_array(_call(func, W.copy(), H.copy()), "the step size")
        _require(eta.shape == H.shape,
                 f"One step size per entry of H: shape {H.shape}, got {eta.shape}.")
        WtW, WtX = W.T @ W, W.T @ X
        gradient = WtW @ H - WtX
        _require(np.allclose(H - eta * gradient, mu.update_H(H, WtW, WtX), rtol=1e-9),
                 "H − η∘∇ does not give the MU step. Choose η so that the "
                 "term η∘(WᵀWH) cancels H exactly.")
    return _correct("η = H / (WᵀWH) turns the gradient step into H ∘ WᵀX / (WᵀWH).")


def check_mu_update_H(func):
    """``func(X, W, H)`` must return one multiplicative update of H."""
    for X, W, H in _problems(5):
        before = (X.copy(), W.copy(), H.copy())
        got = _as_array(_call(func, *before), "your H")
        want = mu.update_H(H, W.T @ W, W.T @ X)
        _require(got.shape == H.shape, f"Return an array of H's shape {H.shape}, got {got.shape}.")
        if np.allclose(got, want / H, rtol=1e-9):
            _require(False, "That is the ratio alone; the new H is the old H times it.")
        _require(np.allclose(got, want, rtol=1e-9),
                 "Multiply H entrywise by (WᵀX) / (WᵀW H), the negative part of the "
                 "gradient over its positive part.")
        _require(all(np.array_equal(a, b) for a, b in zip(before, (X, W, H))),
                 "Your function changed its inputs in place; return a new array instead.")
    return _correct("H ← H ∘ (WᵀX) / (WᵀWH), as in nmf_ref.rules.mu.update_H.")


def check_zero_sticks(value):
    """The value of an entry of H that started at 0, after many MU steps."""
    _require(np.ndim(value) == 0, f"Give one number, got shape {np.shape(value)}.")
    _require(float(value) == 0.0,
             f"You gave {float(value):.4g}. Look at the update: the new entry is the "
             f"old one times a ratio. What is 0 times anything?")
    return _correct("an entry that is 0 stays 0 under multiplicative updates, "
                    "whatever the gradient says.")
