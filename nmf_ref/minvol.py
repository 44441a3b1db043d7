"""Minimum-volume NMF (Leplat, Ang & Gillis 2019).

Book: chapter 23. Here, as in the min-vol literature, the data points are the
**columns** of X (m × n): X ≈ WH, the r columns of W are the vertices of a simplex,
and each column of H, on the unit simplex Δ = {h ≥ 0, Σ h = 1}, says how a data
point mixes them. Among all such factorizations, min-vol NMF prefers the one whose W
spans the least volume:

.. math::

    \\min_{W \\ge 0,\\; H(:, j) \\in \\Delta}\\;
    \\|X - WH\\|_F^2 + \\lambda \\log\\det(W^TW + \\delta I).

``lam`` is λ and ``delta`` is δ, named as in the paper. The block algorithm is
theirs:

* **W**: the log-det is concave in WᵀW, so its tangent at the current W_k majorizes
  it: with :math:`Z = (W_k^TW_k + \\delta I)^{-1}`,
  :math:`\\log\\det(W^TW + \\delta I) \\le \\operatorname{tr}(Z\\,W^TW) + \\text{const}`.
  The majorizer is a convex quadratic in W, minimized over W ≥ 0 by a projected fast
  (Nesterov) gradient with step 1/L, L = ‖HHᵀ + λZ‖₂.
* **H**: a projected fast gradient on ‖X − WH‖², each column projected onto Δ
  (:func:`project_simplex`), step 1/‖WᵀW‖₂.

Each inner loop keeps its best iterate (the start included), so neither block can
raise its objective, and the min-vol objective never goes up (the majorizer touches
it at W_k).
"""

import itertools

import numpy as np

from ._checks import check_matrix, check_rank
from .separable import spa


def project_simplex(V):
    """Project every column of ``V`` onto the unit simplex {h ≥ 0, Σ h = 1}.

    The sort-based projection: the answer is max(v − τ, 0) with τ the one threshold
    that makes the entries sum to 1.

    Parameters
    ----------
    V : ndarray of shape (r, n)
        Any real numbers.

    Returns
    -------
    ndarray of shape (r, n): the closest points of the simplex, column by column.
    """
    V = np.asarray(V, dtype=float)
    r = V.shape[0]
    U = -np.sort(-V, axis=0)  # each column in decreasing order
    cumulative = np.cumsum(U, axis=0) - 1.0
    k = np.arange(1, r + 1)[:, None]
    support = U - cumulative / k > 0  # True for the first rho entries of each column
    rho = support.sum(axis=0)  # at least 1: the largest entry always passes
    tau = cumulative[rho - 1, np.arange(V.shape[1])] / rho
    return np.maximum(V - tau, 0.0)


def minvol_objective(X, W, H, lam, delta):
    """‖X − WH‖²_F + λ logdet(WᵀW + δI): the min-vol objective (no ½, as in the paper).

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The data, one point per column.
    W : ndarray of shape (m, r)
        The vertices.
    H : ndarray of shape (r, n)
        The weights, columns on the simplex.
    lam, delta : float
        λ and δ.

    Returns
    -------
    float
    """
    R = X - W @ H
    _, logdet = np.linalg.slogdet(W.T @ W + delta * np.eye(W.shape[1]))
    return float(np.sum(R * R) + lam * logdet)


def _fast_gradient(value, gradient, project, start, step, n_steps):
    """Projected fast gradient (Nesterov), keeping the best iterate seen (start included)."""
    best, best_value = start, value(start)
    x = y = start
    t = 1.0
    for _ in range(n_steps):
        x_new = project(y - step * gradient(y))
        t_new = (1 + np.sqrt(1 + 4 * t * t)) / 2
        y = x_new + ((t - 1) / t_new) * (x_new - x)
        x, t = x_new, t_new
        v = value(x)
        if v < best_value:
            best, best_value = x, v
    return best


def update_W(X, W, H, lam, delta, n_steps=10):
    """One W block: the log-det majorized at W, the quadratic minimized over W ≥ 0.

    Minimizes :math:`\\|X - WH\\|_F^2 + \\lambda\\operatorname{tr}(Z W^TW)`, with
    :math:`Z = (W^TW + \\delta I)^{-1}` taken at the current W, by ``n_steps`` projected
    fast-gradient steps. Returns the new W (the best iterate; never worse than W).

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The data, one point per column.
    W : ndarray of shape (m, r)
        The current W (the majorizer's point and the first iterate).
    H : ndarray of shape (r, n)
        The current H, held fixed.
    lam : float
        λ, the weight of the log-det.
    delta : float
        δ, added to the diagonal of WᵀW.
    n_steps : int, default=10
        Number of projected fast-gradient steps.

    Returns
    -------
    ndarray of shape (m, r)
        The new W, non-negative.
    """
    r = W.shape[1]
    Z = np.linalg.inv(W.T @ W + delta * np.eye(r))
    HHt, XHt = H @ H.T, X @ H.T
    Q = HHt + lam * Z  # the majorizer is ⟨W, W Q⟩ − 2⟨W, XHᵀ⟩ + const
    step = 1.0 / (2 * np.linalg.norm(Q, 2))

    def value(V):
        return float(np.sum(V * (V @ Q)) - 2 * np.sum(V * XHt))

    def gradient(V):
        return 2 * (V @ Q - XHt)

    return _fast_gradient(value, gradient, lambda V: np.maximum(V, 0.0), W, step, n_steps)


def update_H(X, W, H, n_steps=10):
    """One H block: ‖X − WH‖² minimized with every column of H on the unit simplex,
    by ``n_steps`` projected fast-gradient steps (the best iterate; never worse than H).

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The data, one point per column.
    W : ndarray of shape (m, r)
        The current W, held fixed.
    H : ndarray of shape (r, n)
        The current H (the first iterate).
    n_steps : int, default=10
        Number of projected fast-gradient steps.

    Returns
    -------
    ndarray of shape (r, n)
        The new H, each column on the unit simplex.
    """
    WtW, WtX = W.T @ W, W.T @ X
    step = 1.0 / (2 * (np.linalg.norm(WtW, 2) or 1.0))

    def value(V):
        return float(np.sum(V * (WtW @ V)) - 2 * np.sum(V * WtX))

    def gradient(V):
        return 2 * (WtW @ V - WtX)

    return _fast_gradient(value, gradient, project_simplex, H, step, n_steps)


def minvol_nmf(X, rank, *, lam=0.1, delta=0.1, max_iter=500, tol=1e-7, W=None,
               inner_steps=10):
    """Minimum-volume NMF: X ≈ WH, columns of H on the simplex, W of least volume.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Non-negative data, one data point per **column**.
    rank : int
        r, the number of columns of W (vertices of the simplex).
    lam : float, default 0.1
        λ ≥ 0, the weight of the volume term. λ = 0 is plain NMF with H on the simplex.
        Leplat, Ang & Gillis scale it to the data, λ = λ̃ ‖X − W₀H₀‖² / |logdet(W₀ᵀW₀ + δI)|
        at the start (W₀, H₀); :func:`scaled_lam` computes that.
    delta : float, default 0.1
        δ > 0: keeps the log-det finite when W is rank deficient.
    max_iter : int, default 500
        Outer iterations (one W block and one H block each).
    tol : float, default 1e-7
        Stop when the objective falls by less than ``tol`` times its value in an iteration.
    W : array-like of shape (m, rank), optional
        The start. Default: the r columns of X that the successive projection
        algorithm picks (deterministic).
    inner_steps : int, default 10
        Fast-gradient steps per block.

    Returns
    -------
    W : ndarray of shape (m, rank)
    H : ndarray of shape (rank, n), every column on the unit simplex.
    objective : ndarray
        The min-vol objective at the start and after each iteration (never increasing).

    Raises
    ------
    ValueError, TypeError
        X negative, NaN, not 2-D; rank not a positive integer or above min(m, n);
        lam < 0; delta ≤ 0; W of the wrong shape or negative.
    """
    X = check_matrix(X, "X", dtype=np.float64)
    rank = check_rank(rank)
    m, n = X.shape
    if rank > min(m, n):
        raise ValueError(f"rank is {rank}, above min(m, n) = {min(m, n)} for X of shape "
                         f"{X.shape}; pick rank <= {min(m, n)}.")
    lam, delta = _check_weights(lam, delta)
    for name, value in (("max_iter", max_iter), ("inner_steps", inner_steps)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    if W is None:
        W = X[:, spa(X, rank, normalize=False)].copy()  # SPA's corners: a start inside the data
    else:
        W = check_matrix(W, "W", dtype=np.float64)
        if W.shape != (m, rank):
            raise ValueError(f"W has shape {W.shape}, expected {(m, rank)} for this X and rank.")
    H = update_H(X, W, np.full((rank, n), 1.0 / rank), n_steps=50)
    objective = [minvol_objective(X, W, H, lam, delta)]
    for _ in range(max_iter):
        W = update_W(X, W, H, lam, delta, inner_steps)
        H = update_H(X, W, H, inner_steps)
        objective.append(minvol_objective(X, W, H, lam, delta))
        if objective[-2] - objective[-1] <= tol * abs(objective[-2]):
            break
    return W, H, np.array(objective)


def scaled_lam(X, W, H, lam_tilde, delta=0.1):
    """λ = λ̃ ‖X − WH‖²_F / |logdet(WᵀW + δI)|: the paper's way to make λ̃ scale-free.

    Parameters
    ----------
    X, W, H : ndarray
        The data and a start (for instance a plain NMF with H on the simplex).
    lam_tilde : float
        λ̃ ≥ 0, the weight of the volume relative to the start's misfit.
    delta : float, default=0.1
        δ, as in :func:`minvol_nmf`.

    Returns
    -------
    float
    """
    lam_tilde, delta = _check_weights(lam_tilde, delta, "lam_tilde")
    R = X - W @ H
    _, logdet = np.linalg.slogdet(W.T @ W + delta * np.eye(W.shape[1]))
    return float(lam_tilde * np.sum(R * R) / max(abs(logdet), np.finfo(float).tiny))


def _check_weights(lam, delta, lam_name="lam"):
    for name, value in ((lam_name, lam), ("delta", delta)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise TypeError(f"{name} must be a number, got {value!r}.")
        if not np.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value}.")
    if lam < 0:
        raise ValueError(f"{lam_name} must be >= 0 (0 switches the volume term off), got {lam}.")
    if delta <= 0:
        raise ValueError(f"delta must be > 0 (it keeps logdet(WᵀW + δI) finite), got {delta}.")
    return float(lam), float(delta)


def largest_angle(W_true, W):
    """The largest angle, in degrees, between a true column and its match in ``W``.

    Columns are matched one to one by the pairing with the smallest total angle (every
    pairing is tried: r ≤ 8). Angles ignore scale, as the factorization does.

    Parameters
    ----------
    W_true, W : ndarray of shape (m, r)
        The true vertices, and the estimated ones (any scale).

    Returns
    -------
    angle : float
        In degrees; 0 when every column of W points along its true column.
    order : tuple of int
        ``W[:, order[k]]`` is matched to ``W_true[:, k]``.
    """
    A, B = np.asarray(W_true, dtype=float), np.asarray(W, dtype=float)
    if A.shape != B.shape or A.ndim != 2:
        raise ValueError(f"W_true and W must have the same 2-D shape, got {A.shape} and "
                         f"{B.shape}.")
    r = A.shape[1]
    if r > 8:
        raise ValueError(f"largest_angle tries every pairing; r = {r} > 8 is too many.")
    A = A / np.maximum(np.linalg.norm(A, axis=0), np.finfo(float).tiny)
    B = B / np.maximum(np.linalg.norm(B, axis=0), np.finfo(float).tiny)
    angles = np.degrees(np.arccos(np.clip(A.T @ B, -1.0, 1.0)))
    order = min(itertools.permutations(range(r)),
                key=lambda p: angles[np.arange(r), list(p)].sum())
    return float(angles[np.arange(r), list(order)].max()), order
