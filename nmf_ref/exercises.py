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

import textwrap

import numpy as np

from .rules import mu


def _correct(message):
    print(textwrap.fill(f"Correct: {message}", width=66, subsequent_indent="  "))


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


# --- Part II: the solvers ---
# Chapter 5: check_ls_update_W, check_nnls_kkt, check_nnls_2d.
# Chapter 6: check_gradient_W, check_safe_step, check_divergent_rate.
# Chapter 7: check_hals_column, check_hals_sweep, check_cd_loss.
# Chapter 8: check_projected_gradient, check_stop_iteration, check_restarts_needed.
# Chapter 9: check_relative_gap, check_time_to_reach, check_first_finisher.

from .rules import hals as _hals  # noqa: E402


def _nnls_kkt(Q, c, x, tol=1e-9):
    """True when x ≥ 0, y = Qx − c ≥ 0 and x·y = 0 (up to rounding)."""
    y = Q @ x - c
    scale = tol * (1 + np.abs(Q).max() * np.abs(x).max() + np.abs(c).max())
    return bool((x >= -scale).all() and (y >= -scale).all() and abs(x @ y) <= scale)


# ---------------------------------------------------------------- chapter 5

def check_ls_update_W(func):
    """``func(X, H)``: the *unconstrained* least-squares W, i.e. X Hᵀ (HHᵀ)⁻¹."""
    for X, _, H in _problems(51):
        got = _as_array(_call(func, X.copy(), H.copy()), "your W")
        want = np.linalg.solve(H @ H.T, H @ X.T).T
        _require(got.shape == (X.shape[0], H.shape[0]),
                 f"W is m×r = {(X.shape[0], H.shape[0])}, got {got.shape}.")
        if (want < 0).any() and np.allclose(got, np.maximum(want, 0), rtol=1e-8):
            _require(False, "You clipped at zero: that is the ALS step. This exercise "
                            "asks for the unconstrained solution, negatives included.")
        _require(np.allclose(got, want, rtol=1e-8, atol=1e-10),
                 "Set the gradient W HHᵀ − XHᵀ to zero and solve for W. Prefer "
                 "np.linalg.solve on the r×r system to forming an inverse.")
    return _correct("W = XHᵀ(HHᵀ)⁻¹ zeroes the gradient: the normal equations of "
                    "least squares, solved for all m rows at once.")


def check_nnls_kkt(func):
    """``func(Q, c, x)`` must return True exactly when x minimizes ½xᵀQx − cᵀx over x ≥ 0."""
    Q = np.array([[2.0, 1.5], [1.5, 2.0]])
    cases = [
        (np.array([2.0, -0.5]), np.array([1.0, 0.0]), True, "the NNLS solution on an edge"),
        (np.array([2.0, -0.5]), np.linalg.solve(Q, [2.0, -0.5]), False,
         "the unconstrained minimum (it has a negative entry)"),
        (np.array([2.0, -0.5]), np.maximum(np.linalg.solve(Q, [2.0, -0.5]), 0), False,
         "the clipped point (feasible, but the gradient is not zero where x > 0)"),
        (np.array([1.0, 1.0]), np.linalg.solve(Q, [1.0, 1.0]), True,
         "an interior minimum (both entries positive, gradient zero)"),
        (np.array([-1.0, -1.0]), np.zeros(2), True, "the origin, when c ≤ 0"),
        (np.array([2.0, 2.0]), np.zeros(2), False, "the origin, when the gradient there is negative"),
    ]
    for c, x, want, what in cases:
        got = _call(func, Q.copy(), c.copy(), x.copy())
        _require(isinstance(got, (bool, np.bool_)), f"Return True or False, got {got!r}.")
        _require(bool(got) == want, f"For {what} you returned {bool(got)}, expected {want}. "
                                    "Check x ≥ 0, y = Qx − c ≥ 0 and x·y = 0 (with a "
                                    "small tolerance for rounding).")
    return _correct("x ≥ 0, Qx − c ≥ 0 and complementarity: the KKT conditions that "
                    "block principal pivoting tests after every solve.")


def check_nnls_2d(x):
    """The minimizer of ½xᵀQx − cᵀx over x ≥ 0 for Q = [[1, .5], [.5, 1]], c = (−1, 2)."""
    x = _as_array(x, "x")
    _require(x.shape == (2,), f"Give the point (x₁, x₂), got shape {x.shape}.")
    Q, c = np.array([[1.0, 0.5], [0.5, 1.0]]), np.array([-1.0, 2.0])
    unconstrained = np.linalg.solve(Q, c)
    if np.allclose(x, unconstrained):
        _require(False, "That is the unconstrained minimum; x₁ < 0 is not allowed.")
    if np.allclose(x, np.maximum(unconstrained, 0)):
        _require(False, "That is the clipped point, what ALS would return. Clipping x₁ "
                        "changes the best x₂: re-minimize over x₂ with x₁ = 0.")
    _require(_nnls_kkt(Q, c, x, 1e-6),
             "Try the four candidates (0, 0), (c₁/Q₁₁, 0), (0, c₂/Q₂₂) and Q⁻¹c; keep the "
             "one that is ≥ 0 and whose gradient Qx − c is ≥ 0 where x is 0.")
    return _correct("x = (0, 2): on the edge x₁ = 0, where the gradient in x₁ is "
                    "Q₁₂·2 − c₁ = 2 ≥ 0.")


# ---------------------------------------------------------------- chapter 6

def check_gradient_W(func):
    """``func(X, W, H)``: the gradient of ½‖X − WH‖² with respect to W."""
    for X, W, H in _problems(61):
        got = _as_array(_call(func, X.copy(), W.copy(), H.copy()), "the gradient")
        want = W @ (H @ H.T) - X @ H.T
        _require(got.shape == W.shape, f"The gradient has W's shape {W.shape}, got {got.shape}.")
        if np.allclose(got, -want):
            _require(False, "The sign is flipped: d/dW of ½‖X − WH‖² is −(X − WH)Hᵀ.")
        if np.allclose(got, 2 * want):
            _require(False, "Twice too large: the ½ in the loss cancels the 2.")
        _require(np.allclose(got, want, rtol=1e-9),
                 "Differentiate ½‖X − WH‖²: the result is (WH − X)Hᵀ.")
    return _correct("∇_W f = (WH − X)Hᵀ = W(HHᵀ) − XHᵀ, two small products in Gram form.")


def check_safe_step(func):
    """``func(H)``: the largest fixed step 1/L that is safe for the W-subproblem, L = λmax(HHᵀ)."""
    for _, _, H in _problems(62):
        got = _call(func, H.copy())
        _require(np.ndim(got) == 0, f"Return one number, got shape {np.shape(got)}.")
        got = float(got)
        L = np.linalg.eigvalsh(H @ H.T)[-1]
        if got < 1 / L * (1 - 1e-9):
            _require(False, f"{got:.4g} is safe but smaller than needed (1/L is "
                            f"{1 / L:.4g}). Bounds like the trace or the Frobenius norm "
                            "overestimate L; use the largest eigenvalue itself.")
        _require(np.isclose(got, 1 / L, rtol=1e-8),
                 "The gradient W HHᵀ − XHᵀ changes at rate L = the largest eigenvalue of "
                 "HHᵀ (np.linalg.eigvalsh); the step is 1/L.")
    return _correct("α = 1/λmax(HHᵀ): the descent lemma guarantees a decrease for any "
                    "step up to this one.")


def check_divergent_rate(X, W0, H0, learning_rate, n_iter=30):
    """A fixed learning rate for which projected gradient makes the loss go *up*."""
    from .solve import nmf

    _require(np.ndim(learning_rate) == 0 and float(learning_rate) > 0,
             f"Give one positive number, got {learning_rate!r}.")
    with np.errstate(over="ignore", invalid="ignore"):
        loss = nmf(X, W0.shape[1], solver="pgd", W=W0, H=H0, tol=0, max_iter=n_iter,
                   learning_rate=float(learning_rate)).loss
    rises = int((np.diff(loss) > 0).sum())
    _require(rises > 0, f"With {float(learning_rate):.3g} the loss never went up in "
                        f"{n_iter} iterations. Compare your step with 1/L for the start.")
    return _correct(f"with learning_rate={float(learning_rate):.3g} the loss went up "
                    f"{rises} times in {n_iter} iterations.")


# ---------------------------------------------------------------- chapter 7

def check_hals_column(func):
    """``func(W, HHt, XHt, t)``: the new column t of W after its HALS update (others fixed)."""
    for X, W, H in _problems(71):
        HHt, XHt = H @ H.T, X @ H.T
        for t in range(W.shape[1]):
            got = _as_array(_call(func, W.copy(), HHt, XHt, t), "the column")
            step = (XHt[:, t] - W @ HHt[:, t]) / HHt[t, t]
            want = np.maximum(W[:, t] + step, 0)
            _require(got.shape == (W.shape[0],),
                     f"Return column t, a vector of length {W.shape[0]}, got {got.shape}.")
            if (W[:, t] + step < 0).any() and np.allclose(got, W[:, t] + step):
                _require(False, "Clip at zero: the exact minimizer over w ≥ 0 of a "
                                "1-D quadratic per entry is the clipped one.")
            _require(np.allclose(got, want, rtol=1e-9),
                     "Minimize over column t alone: w_t ← max(0, w_t + ((XHᵀ)_t − "
                     "(W HHᵀ)_t) / (HHᵀ)_tt).")
    return _correct("each column's subproblem is separable by rows and solved in "
                    "closed form, clipping included.")


def check_hals_sweep(func):
    """``func(W, HHt, XHt)``: W after one HALS sweep over columns 0..r−1 (a new array)."""
    for X, W, H in _problems(72):
        HHt, XHt = H @ H.T, X @ H.T
        before = W.copy()
        got = _as_array(_call(func, W, HHt, XHt), "your W")
        _require(np.array_equal(W, before), "Your function changed W in place; copy it first.")
        want = _hals.update_W(W, HHt, XHt)[0]
        jacobi = np.maximum(W + (XHt - W @ HHt) / np.diag(HHt), 0)
        if np.allclose(got, jacobi) and not np.allclose(jacobi, want):
            _require(False, "You updated all columns from the old W at once (Jacobi). "
                            "HALS uses each new column as soon as it is computed.")
        _require(np.allclose(got, want, rtol=1e-9),
                 "Loop t = 0..r−1, updating column t in place from the current W.")
    return _correct("a sweep is r column updates in a row, each seeing the ones before.")


def check_cd_loss(X, W0, H0, n_iter, answer):
    """½‖X − WH‖² of scikit-learn's ``cd`` after ``n_iter`` iterations from (W0, H0)."""
    from .solve import nmf

    _require(np.ndim(answer) == 0, f"Give one number, got shape {np.shape(answer)}.")
    answer = float(answer)
    want = nmf(X, W0.shape[1], solver="hals", W=W0, H=H0, max_iter=n_iter, tol=0).loss[-1]
    if np.isclose(answer, np.sqrt(2 * want), rtol=1e-6):
        _require(False, "That is ‖X − WH‖ (scikit-learn's reconstruction error); the "
                        "loss here is ½‖X − WH‖².")
    _require(np.isclose(answer, want, rtol=1e-8),
             f"Run non_negative_factorization(X, W0.copy(), H0.copy(), init='custom', "
             f"solver='cd', max_iter={n_iter}, tol=0) and compute ½‖X − WH‖².")
    return _correct(f"{want:.6f}, which is also nmf_ref's HALS loss after {n_iter} "
                    "iterations: the same iterates.")


# ---------------------------------------------------------------- chapter 8

def check_projected_gradient(func):
    """``func(W, grad)``: the L1 norm of the projected gradient (the KKT violation)."""
    rng = np.random.RandomState(81)
    for _ in range(3):
        W = np.maximum(rng.standard_normal((7, 3)), 0)
        grad = rng.standard_normal((7, 3))
        got = _call(func, W.copy(), grad.copy())
        _require(np.ndim(got) == 0, f"Return one number, got shape {np.shape(got)}.")
        want = np.abs(np.where(W > 0, grad, np.minimum(grad, 0))).sum()
        if np.isclose(float(got), np.abs(grad).sum()):
            _require(False, "Where W is 0, a positive gradient only pushes against "
                            "the bound: it is no violation. Count only its negative part.")
        _require(np.isclose(float(got), want, rtol=1e-9),
                 "Keep the gradient where W > 0, keep min(grad, 0) where W = 0, and sum "
                 "absolute values.")
    return _correct("the projected gradient is zero exactly at a KKT point, so its "
                    "size measures how far from stationary the iterate is.")


def check_stop_iteration(func):
    """``func(violations, tol)``: the first iteration (1-based) where violation ≤ tol × the
    first violation, or None if it never happens."""
    cases = [([10.0, 5.0, 1.0, 0.5, 0.01], 1e-2, 5), ([10.0, 5.0, 1.0, 0.5, 0.01], 1e-1, 3),
             ([4.0, 3.0, 2.0], 1e-3, None), ([2.0, 0.001], 1e-3, 2), ([1.0], 1.0, 1)]
    for v, tol, want in cases:
        got = _call(func, list(v), tol)
        _require(got == want, f"For violations {v} and tol={tol:g} you returned {got!r}, "
                              f"expected {want!r}. Compare v[k]/v[0] with tol, count "
                              "from 1, and include equality.")
    return _correct("the KKT test stops when the violation has fallen to tol times its "
                    "first value; tol is relative, not absolute.")


def check_restarts_needed(func):
    """``func(p, confidence)``: the fewest restarts k with P(at least one success) ≥ confidence,
    when each restart succeeds independently with probability p."""
    for p, conf in [(0.5, 0.9), (0.1, 0.95), (0.3, 0.99), (0.9, 0.5), (0.05, 0.9)]:
        want = int(np.ceil(np.log(1 - conf) / np.log(1 - p) - 1e-12))
        got = _call(func, p, conf)
        _require(np.ndim(got) == 0 and float(got) == int(float(got)),
                 f"Return a whole number, got {got!r}.")
        _require(int(got) == want,
                 f"For p={p}, confidence={conf} you gave {int(got)}. All k restarts fail "
                 "with probability (1 − p)^k; make that ≤ 1 − confidence.")
    return _correct("k = ⌈log(1 − confidence) / log(1 − p)⌉.")


# ---------------------------------------------------------------- chapter 9

def check_relative_gap(func):
    """``func(loss, best)``: the relative loss gap (loss − best)/best, elementwise."""
    loss, best = np.array([10.0, 4.0, 2.02, 2.002, 2.0]), 2.0
    got = _as_array(_call(func, loss.copy(), best), "the gaps")
    want = (loss - best) / best
    _require(got.shape == loss.shape, f"One gap per loss: shape {loss.shape}, got {got.shape}.")
    if np.allclose(got, loss - best):
        _require(False, "Divide by best: the gap is relative.")
    _require(np.allclose(got, want), "The gap is (loss − best) / best.")
    return _correct("0 at the best loss, 1e-3 when a solver is 0.1% above it.")


def check_time_to_reach(func):
    """``func(seconds, loss, best, tol)``: seconds at the first entry with gap ≤ tol, or inf."""
    seconds = np.array([0.0, 0.1, 0.25, 0.4, 0.6])
    loss = np.array([100.0, 20.0, 10.1, 10.005, 10.0])
    for tol, want in [(1e-2, 0.25), (1e-3, 0.4), (0.0, 0.6), (1.5, 0.1)]:
        got = _call(func, seconds.copy(), loss.copy(), 10.0, tol)
        _require(np.ndim(got) == 0 and np.isclose(float(got), want),
                 f"For tol={tol:g} you returned {got!r}, expected {want}. Find the first "
                 "index where (loss − best)/best ≤ tol.")
    got = _call(func, seconds.copy(), loss.copy(), 9.0, 1e-3)
    _require(np.ndim(got) == 0 and np.isinf(float(got)),
             f"A curve that never gets within tol must give np.inf, got {got!r}.")
    return _correct("the first crossing, not the last point, and inf for never.")


def check_first_finisher(func):
    """``func(iterations, seconds_per_iteration)`` (two dicts by solver): the solver that
    reaches the target first in *seconds*."""
    cases = [({"hals": 100, "anls": 20, "mu": 900}, {"hals": 1.0, "anls": 15.0, "mu": 0.6},
              "hals"),
             ({"hals": 100, "anls": 20, "mu": 900}, {"hals": 1.0, "anls": 4.0, "mu": 0.6},
              "anls"),
             ({"hals": 300, "mu": 400}, {"hals": 1.0, "mu": 0.5}, "mu")]
    for iters, cost, want in cases:
        got = _call(func, dict(iters), dict(cost))
        _require(got == want, f"For {iters} iterations at {cost} ms each you answered "
                              f"{got!r}. Multiply iterations by the cost of one.")
    return _correct("time = iterations × seconds per iteration: the fewest iterations "
                    "win only when iterations cost the same.")
