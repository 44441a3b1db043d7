"""``nmf(X, rank, ...)``: the alternating loop around the update rules.

One iteration updates W, then H. The loop keeps the history (``loss``, ``time``),
calls the optional callback, and applies the solver's stopping rule:

* ``"mu"``: scikit-learn's. Every 10 iterations, stop when the error
  :math:`e = \\sqrt{2 D_\\beta(X \\mid WH)}` has dropped by less than
  ``tol * e_0`` over those 10 iterations.
* ``"hals"``/``"cd"``, ``"als"``, ``"anls"``, ``"pgd"``: the KKT test of
  scikit-learn's ``cd``. The *violation* is the L1 norm of the projected
  gradient (the gradient, with only its negative part kept where the factor is
  zero) met at the start of each half-step (HALS meets it coordinate by
  coordinate, as scikit-learn); stop when it falls to ``tol`` times its value at
  the first iteration.

The Frobenius solvers see the data through the Gram products only (see
:mod:`nmf_ref.rules`), so the loss comes almost free:
:math:`\\tfrac12\\|X-WH\\|^2 = \\tfrac12(\\|X\\|^2 - 2\\langle W^TX, H\\rangle + \\langle W^TW, HH^T\\rangle)`.

Missing data (``mask``): ``mu`` uses the exact weighted updates. The Gram-form
solvers fill the unobserved entries with the current WH before each half-step
(the EM / majorize-minimize view: the filled-in objective lies above the
masked one and touches it at the current point, so any step that lowers it
lowers the masked objective too). Unobserved values of X are never read.
"""

import time
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import _checks as checks
from .init import default_method, initialize
from .losses import beta_divergence, frobenius, penalty
from .rules import als, anls, hals, mu, pgd

GRAM_RULES = {"mu": mu, "hals": hals, "als": als, "anls": anls, "pgd": pgd}


@dataclass
class NMFResult:
    """What :func:`nmf` returns.

    Attributes
    ----------
    W, H : arrays of shape (m, r) and (r, n)
    loss : array
        Objective (β-divergence, or half the squared Frobenius norm, plus the
        penalty) after each iteration; ``loss[0]`` is at the initialization.
    time : array
        Cumulative seconds at each entry of ``loss`` (``time[0] == 0``).
    n_iter : int
    converged : bool
        True when the stopping rule fired (not when ``max_iter`` or the
        callback ended the run).
    solver, init : str
        The solver and the initialization actually used.
    beta : float
        The β of the loss (2 for Frobenius).
    violation : list of float
        Gram solvers other than MU: the KKT violation of each iteration, the
        quantity their stopping rule compares with its first value.
    """

    W: np.ndarray
    H: np.ndarray
    loss: np.ndarray
    time: np.ndarray
    n_iter: int
    converged: bool
    solver: str
    init: str
    beta: float = 2.0
    violation: list = field(default_factory=list, repr=False)


def regularization(shape, alpha_W=0.0, alpha_H="same", l1_ratio=0.0):
    """scikit-learn's scaling of the penalties: ``(l1_W, l1_H, l2_W, l2_H)``.

    W has m rows fitted against n features each, so its weights scale with n
    (and H's with m); this keeps ``alpha`` meaningful whatever the shape.
    """
    m, n = shape
    alpha_H = alpha_W if isinstance(alpha_H, str) and alpha_H == "same" else alpha_H
    return (n * alpha_W * l1_ratio, m * alpha_H * l1_ratio,
            n * alpha_W * (1 - l1_ratio), m * alpha_H * (1 - l1_ratio))


def nmf(X, rank, *, solver="hals", init=None, beta_loss="frobenius", max_iter=200,
        tol=1e-4, alpha_W=0.0, alpha_H="same", l1_ratio=0.0, mask=None,
        random_state=None, W=None, H=None, update_H=True, shuffle=False,
        learning_rate=None, callback=None):
    """Factor a non-negative ``X`` (m×n) as ``W @ H`` with ``W`` (m×r), ``H`` (r×n) ≥ 0.

    Parameters
    ----------
    X : array_like of shape (m, n), non-negative (NaN allowed where ``mask`` is False)
    rank : int
        r, the number of components.
    solver : {"hals", "cd", "mu", "als", "anls", "pgd"}
        ``"cd"`` is scikit-learn's name for ``"hals"``. Only ``"mu"`` handles
        a β-divergence other than Frobenius.
    init : {None, "random", "nndsvd", "nndsvda", "nndsvdar"}
        None means scikit-learn's default: ``"nndsvda"`` if ``rank <= min(m, n)``,
        else ``"random"``. Pass ``W`` and ``H`` instead for a custom start.
    beta_loss : {"frobenius", "kullback-leibler", "itakura-saito"} or float
    max_iter : int
    tol : float
        Tolerance of the stopping rule (module docstring). 0 runs ``max_iter``
        iterations, unless the KKT violation reaches exactly 0 first.
    alpha_W, alpha_H, l1_ratio : float
        Regularization, with scikit-learn's meaning and scaling
        (``alpha_H="same"`` copies ``alpha_W``).
    mask : bool array of shape (m, n), optional
        True where X is observed; the rest is left out of the fit. (The
        built-in initializations see the unobserved entries as zeros; pass W
        and H for a better start.)
    random_state : None, int or np.random.RandomState
        Seeds the random initializations and HALS's ``shuffle``.
    W, H : arrays, optional
        A custom start (both, unless ``update_H=False``).
    update_H : bool
        False keeps ``H`` fixed and fits W only (scikit-learn's ``transform``).
        W then starts at ``W`` if given, else as scikit-learn starts it.
    shuffle : bool
        HALS only: visit the components in a random order each sweep.
    learning_rate : float, optional
        PGD only: a fixed step; None (default) uses Lin's Armijo search.
    callback : callable ``callback(it, W, H, loss)``, optional
        Called after each iteration; returning True stops the run.

    Returns
    -------
    NMFResult

    Warns
    -----
    RuntimeWarning
        If the loss becomes infinite (a fixed PGD ``learning_rate`` far too
        large); the run stops at that iteration.
    """
    solver = checks.check_solver(solver)
    beta = checks.check_beta(beta_loss)
    if solver != "mu" and beta != 2:
        raise ValueError(
            f"solver={solver!r} minimizes the Frobenius loss only; for "
            f"beta_loss={beta_loss!r} use solver='mu'."
        )
    X = checks.as_matrix(X)
    if mask is not None:
        mask = checks.check_mask(mask, X.shape)
    checks.check_values(X, "X", observed=mask)
    if mask is not None:
        X[~mask] = 0  # never read again, but keeps the arithmetic finite
    rank = checks.check_rank(rank)
    init = checks.check_init(init)
    checks.check_nonnegative_number(max_iter, "max_iter", integer=True, positive=True)
    checks.check_nonnegative_number(tol, "tol")
    checks.check_nonnegative_number(alpha_W, "alpha_W")
    if not (isinstance(alpha_H, str) and alpha_H == "same"):
        checks.check_nonnegative_number(alpha_H, "alpha_H")
    checks.check_nonnegative_number(l1_ratio, "l1_ratio")
    if l1_ratio > 1:
        raise ValueError(f"l1_ratio must lie in [0, 1], got {l1_ratio!r}.")
    if learning_rate is not None:
        if solver != "pgd":
            raise ValueError(f"learning_rate is for solver='pgd' only, not {solver!r}.")
        checks.check_nonnegative_number(learning_rate, "learning_rate", positive=True)
    if shuffle and solver != "hals":
        raise ValueError(f"shuffle is for solver='hals' (or 'cd') only, not {solver!r}.")
    if callback is not None and not callable(callback):
        raise TypeError("callback must be callable as callback(it, W, H, loss).")
    observed = X[mask] if mask is not None else X
    if beta <= 0 and (observed == 0).any():
        raise ValueError(
            f"beta_loss={beta_loss!r} (β <= 0) is infinite where X is zero. Add a "
            "small positive constant to X, or use a β > 0 such as 'kullback-leibler'."
        )

    W, H, init = _start(X, rank, solver, init, random_state, W, H, update_H)
    regs = regularization(X.shape, alpha_W, alpha_H, l1_ratio)
    if solver == "mu" and (beta != 2 or mask is not None):
        return _beta_mu_loop(X, W, H, beta, mask, regs, max_iter, tol, update_H,
                             callback, init)
    return _gram_loop(X, W, H, solver, mask, regs, max_iter, tol, update_H,
                      callback, init, shuffle, random_state, learning_rate)


def _start(X, rank, solver, init, random_state, W, H, update_H):
    """Initial (W, H) and the name of the initialization used."""
    if not update_H:
        if H is None:
            raise ValueError("update_H=False keeps H fixed, so H must be given.")
        H = checks.check_factor(H, (rank, X.shape[1]), "H", X.dtype)
        if W is not None:
            return checks.check_factor(W, (X.shape[0], rank), "W", X.dtype), H, "custom"
        # scikit-learn's start for transform: MU cannot move zeros, so a constant
        if solver == "mu":
            return np.full((X.shape[0], rank), np.sqrt(X.mean() / rank), X.dtype), H, "constant"
        return np.zeros((X.shape[0], rank), X.dtype), H, "zeros"
    if W is None and H is None:
        method = init or default_method(X.shape, rank)
        return (*initialize(X, rank, method, random_state), method)
    if W is None or H is None:
        raise ValueError("A custom start needs both W and H (or neither, with init=...).")
    if init is not None:
        raise ValueError(f"Pass either init={init!r} or a custom W and H, not both.")
    W = checks.check_factor(W, (X.shape[0], rank), "W", X.dtype)
    H = checks.check_factor(H, (rank, X.shape[1]), "H", X.dtype)
    for name, F in (("W", W), ("H", H)):
        if not F.any():
            raise ValueError(f"{name} is all zeros; the updates cannot leave that point.")
    return W, H, "custom"


class _History:
    """Loss, time and callback bookkeeping shared by both loops."""

    def __init__(self, loss0, callback):
        self.loss, self.time = [loss0], [0.0]
        self.callback = callback
        self.start = time.perf_counter()

    def record(self, it, W, H, loss):
        """Store one iteration; True if the callback asks to stop."""
        self.loss.append(loss)
        self.time.append(time.perf_counter() - self.start)
        return bool(self.callback is not None and self.callback(it, W, H, loss))

    def result(self, W, H, it, converged, solver, init, beta=2.0, violation=()):
        return NMFResult(W, H, np.array(self.loss), np.array(self.time), it,
                         converged, solver, init, beta, list(violation))


def _gram_loop(X, W, H, solver, mask, regs, max_iter, tol, update_H, callback,
               init, shuffle, random_state, learning_rate):
    """All Frobenius solvers: each half-step sees X only through two products."""
    l1_W, l1_H, l2_W, l2_H = regs
    rng = checks.check_random_state(random_state) if shuffle else None
    rule = GRAM_RULES[solver]

    def step(F, G, FXt, l1, l2):
        """Update F (W, or H transposed) from G = the other factor's Gram and FXt = X·otherᵀ."""
        if solver == "mu":  # MU keeps its penalties in the denominator
            return rule.update_W(F, G, FXt, l1, l2), 0.0
        if l1 or l2:  # the other rules see the penalties through the Grams
            G, FXt = G + l2 * np.eye(G.shape[0], dtype=G.dtype), FXt - l1
        if solver == "hals":
            order = rng.permutation(F.shape[1]) if rng is not None else None
            return rule.update_W(F, G, FXt, order)
        grad = F @ G - FXt
        violation = float(np.abs(np.where(F == 0, np.minimum(grad, 0), grad)).sum())
        if solver == "pgd":
            return rule.update_W(F, G, FXt, learning_rate=learning_rate), violation
        return rule.update_W(F, G, FXt), violation

    def filled(WH):  # the EM surrogate: unobserved entries take the model's value
        return X if mask is None else np.where(mask, X, WH)

    def half_residual(cross, gram_product, W, H):
        """½‖X − WH‖² = ½(‖X‖² − 2⟨WᵀX, H⟩ + ⟨WᵀW, HHᵀ⟩), from the products.

        The terms are of size ‖X‖², so the difference keeps only
        eps·‖X‖²/loss of relative precision: for a near-exact fit, where that
        is poor, pay for the direct residual instead.
        """
        loss = 0.5 * (norm_X2 - 2 * cross + gram_product)
        return loss if loss > 1e-6 * norm_X2 else frobenius(X, W, H)

    norm_X2 = float(np.vdot(X, X))
    data = frobenius(X, W, H, mask)
    history = _History(data + penalty(W, H, *regs), callback)
    if solver == "mu":  # its stopping test compares errors every 10 iterations
        error_init = previous_error = np.sqrt(2 * data)
    violations, converged, it = [], False, 0
    W, H = W.copy(), H.copy()
    HHt = H @ H.T
    WH = W @ H if mask is not None else None  # with a mask, the model's values
    for it in range(1, max_iter + 1):
        # (H Xᵀ)ᵀ is X Hᵀ to the last bit, but BLAS makes the thin r×m product
        # faster (up to 1.5x here), and it comes out column-major, as HALS wants
        XHt = (H @ filled(WH).T).T
        W, violation = step(W, HHt, XHt, l1_W, l2_W)
        WtW = W.T @ W
        if mask is not None:
            WH = W @ H
        if update_H:
            WtX = W.T @ filled(WH)
            Ht, v = step(H.T, WtW, WtX.T, l1_H, l2_H)
            H, violation = np.ascontiguousarray(Ht.T), violation + v
            HHt = H @ H.T  # for the loss now and the W-step next
            if mask is None:
                data = half_residual(np.vdot(WtX, H), np.vdot(WtW, HHt), W, H)
            else:
                WH = W @ H
        elif mask is None:  # H did not move, so its products are still current
            data = half_residual(np.vdot(XHt, W), np.vdot(WtW, HHt), W, H)
        if mask is not None:  # losses.frobenius with a mask, reusing WH
            residual = (X - WH)[mask]
            data = 0.5 * float(residual @ residual)
        if solver == "mu" and tol > 0 and it % 10 == 0:
            error = np.sqrt(2 * frobenius(X, W, H))  # exact, like scikit-learn's test
            converged = error_init > 0 and (previous_error - error) / error_init < tol
            previous_error = error
        elif solver != "mu":
            violations.append(violation)
            converged = violations[0] == 0 or violation / violations[0] <= tol
        if history.record(it, W, H, data + penalty(W, H, *regs)) or converged:
            break
        if not np.isfinite(data):  # a too-large fixed PGD step, in practice
            hint = (": use a smaller learning_rate, or learning_rate=None for Lin's "
                    "line search" if learning_rate is not None else "")
            warnings.warn(f"solver={solver!r} diverged at iteration {it} (the loss is "
                          f"{data}){hint}.", RuntimeWarning, stacklevel=3)
            break
    return history.result(W, H, it, converged, solver, init, 2.0, violations)


def _beta_mu_loop(X, W, H, beta, mask, regs, max_iter, tol, update_H, callback, init):
    """Multiplicative updates for any β-divergence, or with a mask."""
    l1_W, l1_H, l2_W, l2_H = regs
    data = beta_divergence(X, W, H, beta, mask)
    history = _History(data + penalty(W, H, *regs), callback)
    error_init = previous_error = np.sqrt(2 * max(data, 0))
    converged, it = False, 0
    W, H = W.copy(), H.copy()
    for it in range(1, max_iter + 1):
        W = mu.update_W_beta(X, W, H, beta, l1_W, l2_W, mask)
        if update_H:
            H = mu.update_H_beta(X, W, H, beta, l1_H, l2_H, mask)
        data = beta_divergence(X, W, H, beta, mask)
        if tol > 0 and it % 10 == 0:
            error = np.sqrt(2 * max(data, 0))
            converged = error_init > 0 and (previous_error - error) / error_init < tol
            previous_error = error
        if history.record(it, W, H, data + penalty(W, H, *regs)) or converged:
            break
    return history.result(W, H, it, converged, "mu", init, beta)
