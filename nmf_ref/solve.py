"""``nmf(X, rank, ...)``: the alternating loop around the update rules.

One iteration updates W, then H. The loop keeps the history (``loss``, ``time``),
calls the optional callback, and applies the solver's stopping rule:

* ``"mu"``: scikit-learn's error test (:class:`nmf_ref.stopping.ErrorTest`);
* every other solver: the KKT test of scikit-learn's ``cd``
  (:class:`nmf_ref.stopping.KKTTest`), on the violation each rule reports
  (HALS meets it coordinate by coordinate, as scikit-learn).

The Frobenius solvers see the data through the Gram products only (see
:mod:`nmf_ref.rules`), so the loss comes almost free:
:math:`\\tfrac12\\|X-WH\\|^2 = \\tfrac12(\\|X\\|^2 - 2\\langle W^TX, H\\rangle + \\langle W^TW, HH^T\\rangle)`.

X reaches the loop as one data object (:mod:`nmf_ref.data`: dense, masked,
sparse, or Dask row blocks), which answers the products and the loss; the loop
never asks what kind X is, and one loop serves them all.

Missing data (``mask``): ``mu`` uses the exact weighted updates. The Gram-form
solvers fill the unobserved entries with the current WH before each half-step
(the EM / majorize-minimize view: the filled-in objective lies above the
masked one and touches it at the current point, so any step that lowers it
lowers the masked objective too). Unobserved values of X are never read.
"""

import warnings

import numpy as np

from . import _checks as checks
from .extrapolate import Extrapolation, pair_violation
from .extrapolate import parameters as extrapolation_parameters
from .init import INITS, check_method
from .init import start as initial_factors
from .losses import divergence, penalty
from .objective import gram
from .result import History, NMFResult  # NMFResult: also nmf_ref.solve.NMFResult
from .rules import ALIASES, RULES, names
from .data import as_data


def regularization(shape, alpha_W=0.0, alpha_H="same", l1_ratio=0.0):
    """scikit-learn's scaling of the penalties: ``(l1_W, l1_H, l2_W, l2_H)``.

    W has m rows fitted against n features each, so its weights scale with n
    (and H's with m); this keeps ``alpha`` meaningful whatever the shape.

    Parameters
    ----------
    shape : (m, n)
        X's shape.
    alpha_W, alpha_H, l1_ratio : float, default=0.0, "same", 0.0
        As in :func:`nmf` (``alpha_H="same"`` copies ``alpha_W``).

    Returns
    -------
    (l1_W, l1_H, l2_W, l2_H) : tuple of float
    """
    m, n = shape
    alpha_H = alpha_W if isinstance(alpha_H, str) and alpha_H == "same" else alpha_H
    return (n * alpha_W * l1_ratio, m * alpha_H * l1_ratio,
            n * alpha_W * (1 - l1_ratio), m * alpha_H * (1 - l1_ratio))


def nmf(X, rank, *, solver="hals", init=None, beta_loss="frobenius", max_iter=200,
        tol=1e-4, alpha_W=0.0, alpha_H="same", l1_ratio=0.0, mask=None,
        random_state=None, W=None, H=None, update_H=True, shuffle=False,
        learning_rate=None, callback=None, extrapolate=False):
    """Factor a non-negative ``X`` (m×n) as ``W @ H`` with ``W`` (m×r), ``H`` (r×n) ≥ 0.

    Parameters
    ----------
    X : array_like of shape (m, n), non-negative (NaN allowed where ``mask`` is False)
        Also a SciPy sparse matrix (CSR or CSC), which is never densified
        (:mod:`nmf_ref.sparse`; its unstored entries are observed zeros, no
        mask), or a Dask array chunked by rows, fitted a row block per task on
        the current Dask scheduler (:mod:`nmf_ref.dask_blocks`: Frobenius loss, the
        row-separable solvers, no mask; ``W`` of the result is a Dask array).
    rank : int
        r, the number of components.
    solver : {"hals", "cd", "ahals", "mu", "als", "anls", "pgd"}, default="hals"
        ``"cd"`` is scikit-learn's name for ``"hals"``; ``"ahals"`` is accelerated
        HALS (several sweeps per pair of products, :mod:`nmf_ref.rules.ahals`).
        Only ``"mu"`` handles a β-divergence other than Frobenius.
    init : {None, "random", "nndsvd", "nndsvda", "nndsvdar"}, default=None
        None means scikit-learn's default: ``"nndsvda"`` if ``rank <= min(m, n)``,
        else ``"random"``. Pass ``W`` and ``H`` instead for a custom start.
    beta_loss : {"frobenius", "kullback-leibler", "itakura-saito"} or float, default="frobenius"
        The β-divergence minimized, by name or β (2 is Frobenius); β ≠ 2 needs "mu".
    max_iter : int, default=200
        The most iterations.
    tol : float, default=1e-4
        Tolerance of the stopping rule (module docstring). 0 runs ``max_iter``
        iterations, unless the KKT violation reaches exactly 0 first.
    alpha_W, alpha_H, l1_ratio : float, default=0.0, "same", 0.0
        Regularization, with scikit-learn's meaning and scaling
        (``alpha_H="same"`` copies ``alpha_W``).
    mask : bool array of shape (m, n), optional
        True where X is observed; the rest is left out of the fit. (The
        built-in initializations see the unobserved entries as zeros; pass W
        and H for a better start.)
    random_state : None, int or np.random.RandomState, default=None
        Seeds the random initializations and HALS's ``shuffle``.
    W, H : arrays, optional
        A custom start (both, unless ``update_H=False``).
    update_H : bool, default=True
        False keeps ``H`` fixed and fits W only (scikit-learn's ``transform``).
        W then starts at ``W`` if given, else as scikit-learn starts it.
    shuffle : bool, default=False
        HALS only: visit the components in a random order each sweep.
    learning_rate : float, optional
        PGD only: a fixed step; None (default) uses Lin's Armijo search.
    callback : callable ``callback(it, W, H, loss)``, optional
        Called after each iteration; returning True stops the run.
    extrapolate : bool or dict, default=False
        Frobenius solvers on in-memory X: start each half-step from an
        extrapolated point, with Ang & Gillis's restart rule
        (:mod:`nmf_ref.extrapolate`; a dict overrides ``beta0``, ``eta``,
        ``gamma``, ``gamma_bar``). ``loss`` then records the best error so far
        and ``W, H`` are the best pair; the iterates are no longer
        scikit-learn's. The KKT stopping test must pass at that pair too, not
        only at the extrapolated points the steps start from. A heuristic:
        no convergence guarantee.

    Returns
    -------
    NMFResult

    Warns
    -----
    RuntimeWarning
        If the loss becomes infinite (a fixed PGD ``learning_rate`` far too
        large); the run stops at that iteration.
    """
    solver = checks.check_choice(solver, "solver", RULES, ALIASES)
    rule = RULES[solver]
    beta = checks.check_beta(beta_loss)
    if not rule.any_beta and beta != 2:
        raise ValueError(
            f"solver={solver!r} minimizes the Frobenius loss only; for "
            f"beta_loss={beta_loss!r} use solver={' or '.join(map(repr, names('any_beta')))}."
        )
    # one object from here on, whatever X's kind (nmf_ref.data)
    data = as_data(X, mask, rule, beta)
    if data.needs is not None and not getattr(rule, data.needs[0]):
        fact, refusal = data.needs  # this kind of X needs a rule that accepts it
        raise ValueError(f"solver={solver!r} {refusal.format(takers=names(fact))}")
    rank = checks.check_rank(rank)
    if init is not None:
        checks.check_choice(init, "init", INITS, hint=" (or None; pass W and H for a custom start)")
    checks.check_nonnegative_number(max_iter, "max_iter", integer=True, positive=True)
    checks.check_nonnegative_number(tol, "tol")
    checks.check_nonnegative_number(alpha_W, "alpha_W")
    if not (isinstance(alpha_H, str) and alpha_H == "same"):
        checks.check_nonnegative_number(alpha_H, "alpha_H")
    checks.check_nonnegative_number(l1_ratio, "l1_ratio")
    if l1_ratio > 1:
        raise ValueError(f"l1_ratio must lie in [0, 1], got {l1_ratio!r}.")
    options = _rule_options(solver, shuffle, learning_rate, random_state)
    extrapolate = extrapolation_parameters(
        extrapolate, rule, update_H=update_H,
        gram=data.gram and not rule.reads_X(beta, data.masked))
    if callback is not None and not callable(callback):
        raise TypeError("callback must be callable as callback(it, W, H, loss).")
    if beta <= 0 and data.has_zero():
        raise ValueError(
            f"beta_loss={beta_loss!r} (β <= 0) is infinite where X is zero. Add a "
            "small positive constant to X, or use a β > 0 such as 'kullback-leibler'."
        )

    W, H, init = _start(data, rank, rule, init, random_state, W, H, update_H)
    regs = regularization(data.shape, alpha_W, alpha_H, l1_ratio)
    if rule.reads_X(beta, data.masked):  # these need X itself
        return _beta_loop(data, W, H, solver, rule, beta, regs, max_iter, tol, update_H,
                          callback, init)
    return _gram_loop(data, W, H, solver, rule, options, regs, max_iter, tol, update_H,
                      callback, init, extrapolate)


def _rule_options(solver, shuffle, learning_rate, random_state):
    """The keyword options of ``RULES[solver].step``, from nmf's arguments."""
    given = {}
    if shuffle:
        given["rng"] = ("shuffle", checks.check_random_state(random_state))
    if learning_rate is not None:
        checks.check_nonnegative_number(learning_rate, "learning_rate", positive=True)
        given["learning_rate"] = ("learning_rate", learning_rate)
    for option, (argument, _) in given.items():
        if option not in RULES[solver].options:
            takers = [name for name, rule in RULES.items() if option in rule.options]
            raise ValueError(f"{argument} is for solver={' or '.join(map(repr, takers))} "
                             f"only, not {solver!r}.")
    return {option: value for option, (_, value) in given.items()}


def _start(X, rank, rule, init, random_state, W, H, update_H):
    """Initial (W, H) and the name of the initialization used (``X``: the data object)."""
    if not update_H:
        if H is None:
            raise ValueError("update_H=False keeps H fixed, so H must be given.")
        H = checks.check_factor(H, (rank, X.shape[1]), "H", X.dtype)
        if W is not None:
            return checks.check_factor(W, (X.shape[0], rank), "W", X.dtype), H, "custom"
        # scikit-learn's start for transform: MU cannot move zeros, so a constant
        if rule.keeps_zeros:
            return np.full((X.shape[0], rank), np.sqrt(X.mean() / rank), X.dtype), H, "constant"
        return np.zeros((X.shape[0], rank), X.dtype), H, "zeros"
    if W is None and H is None:
        method = check_method(init, X.shape, rank)
        return (*initial_factors(X, rank, method, random_state), method)
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


def _gram_loop(data, W, H, solver, rule, options, regs, max_iter, tol, update_H,
               callback, init, extrapolate=None):
    """Every Frobenius solver, on every kind of X: each half-step sees X only through
    the products the data object makes.

    The W half-step is one question (``data.w_step``: the step, then WᵀW and WᵀX),
    which the Dask row blocks answer with one pass over X; their W stays on the
    workers, and the loop holds a handle (``data.hold``, ``data.release``).
    ``extrapolate`` (parameters from :func:`nmf_ref.extrapolate.parameters`)
    starts each half-step from an extrapolated point; the run then records and
    returns the best pair it measured (:mod:`nmf_ref.extrapolate`).
    """
    l1_W, l1_H, l2_W, l2_H = regs
    held = data.hold(W)
    loss = data.exact_loss(held, H)
    history = History(loss + data.penalty(held, H, regs), callback)
    stop = rule.stopping(tol, np.sqrt(2 * loss))
    options_W, options_H = _sized_options(rule, options, data)
    W, H = held, H.copy()
    extra = (None if extrapolate is None else  # from the loop's own pair, in its layouts
             Extrapolation(W, H, history.loss[0], rule, balance=not any(regs),
                           **extrapolate))
    move = None if extra is None else extra.first  # the extrapolated Ŵ, before its products
    violations, converged, it = [], False, 0
    HHt = gram(H.T)
    for it in range(1, max_iter + 1):
        W, violation, WtW, WtX, cross = data.w_step(W, H, HHt, rule.step, l1_W, l2_W,
                                                    options_W, update_H, move)
        if update_H:
            Ht, v = rule.step(H.T, WtW, WtX.T, l1_H, l2_H, **options_H)
            H = np.ascontiguousarray(Ht.T)
            violation = None if violation is None else violation + v
            HHt = gram(H.T)  # for the loss now and the W-step next
            cross = np.vdot(WtX, H)
        # else H did not move, so its products are still current (cross: ⟨X, WH⟩)
        loss = data.loss(W, H, cross, WtW, HHt)
        objective = loss + data.penalty(W, H, regs)
        best = (W, H)
        if extra is not None:  # go on from the extrapolated pair, report the best one
            W, H = extra.after(W, H, objective, WtW)  # a pair no update made
            HHt = gram(H.T)
            best, objective = extra.best, extra.best_objective
        if violation is not None:
            violations.append(violation)
        converged = stop(it, violation, lambda: np.sqrt(2 * data.exact_loss(*best)))
        if converged and extra is not None and violation is not None:
            # the test saw extrapolated points; the run returns `best`: it must pass there
            converged = stop(it, pair_violation(data, *best, regs), None)
        if history.record(it, data.release(best[0]), best[1], objective) or converged:
            break
        if not np.isfinite(objective):  # a too-large fixed PGD step, in practice
            hint = (": use a smaller learning_rate, or learning_rate=None for Lin's "
                    "line search" if "learning_rate" in options else "")
            warnings.warn(f"solver={solver!r} diverged at iteration {it} (the loss is "
                          f"{loss}){hint}.", RuntimeWarning, stacklevel=3)
            break
    return history.result(data.release(best[0]), best[1], it, converged, solver, init, 2.0,
                          violations, None if extra is None else extra.trace())


def _sized_options(rule, options, data):
    """The options of the W-step and of the H-step: ``options``, plus the size of the
    data each half-step fits (X, then Xᵀ) for a rule that asks for ``data_shape``."""
    if "data_shape" not in rule.options:
        return options, options
    m, n = data.shape
    entries = data.entries  # a sparse X: its products read nnz entries
    return {**options, "data_shape": (m, n, entries)}, {**options, "data_shape": (n, m, entries)}


def _beta_loop(data, W, H, solver, rule, beta, regs, max_iter, tol, update_H, callback,
               init):
    """A rule's steps on X itself (MU's), for any β-divergence, or with a mask."""
    l1_W, l1_H, l2_W, l2_H = regs
    X, mask = data.X, data.mask
    loss = divergence(X, W, H, beta, mask)
    history = History(loss + penalty(W, H, *regs), callback)
    stop = rule.stopping(tol, np.sqrt(2 * max(loss, 0)))
    converged, it = False, 0
    W, H = W.copy(), H.copy()
    for it in range(1, max_iter + 1):
        W = rule.update_W_X(X, W, H, beta, l1_W, l2_W, mask)
        if update_H:
            H = rule.update_H_X(X, W, H, beta, l1_H, l2_H, mask)
        loss = divergence(X, W, H, beta, mask)
        converged = stop(it, None, lambda: np.sqrt(2 * max(loss, 0)))
        if history.record(it, W, H, loss + penalty(W, H, *regs)) or converged:
            break
    return history.result(W, H, it, converged, solver, init, beta)
