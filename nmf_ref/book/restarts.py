"""Many random starts of one solver: where do they end?

Book: chapter 8 (restarts as a remedy for local minima) and Part III.
"""

import numpy as np

from ..metrics import relative_error
from ..solve import nmf


def restart_runs(X, rank, solver="hals", n_restarts=20, max_iter=200, tol=1e-4):
    """The ``NMFResult`` of each of ``n_restarts`` random starts (seeds 0, 1, ...).

    Each result says whether its stopping test fired (``converged``) or the run
    ran out of ``max_iter``: compare restarts only among converged runs, or the
    spread mixes different minima with unfinished runs.
    """
    return [nmf(X, rank, solver=solver, init="random", random_state=seed,
                max_iter=max_iter, tol=tol)
            for seed in range(n_restarts)]


def restart_errors(X, rank, solver="hals", n_restarts=20, max_iter=200, tol=1e-4,
                   return_converged=False):
    """Final relative errors ‖X − WH‖/‖X‖ of ``n_restarts`` random starts (seeds 0, 1, ...).

    With ``return_converged``, also return a boolean array: did each run's
    stopping test fire before ``max_iter``?
    """
    runs = restart_runs(X, rank, solver, n_restarts, max_iter, tol)
    errors = np.array([relative_error(X, res.W, res.H) for res in runs])
    if return_converged:
        return errors, np.array([bool(res.converged) for res in runs])
    return errors


# --- Part III, chapter 11: starting points, restarts, reproducibility ---

from ..init import INITS  # noqa: E402  (the names are defined once, in the core)

NNDSVD_INITS = tuple(name for name in INITS if name.startswith("nndsvd"))


def start_errors(X, rank, solver="hals", inits=NNDSVD_INITS, max_iter=200, tol=1e-4,
                 random_state=0):
    """Final relative errors ‖X − WH‖/‖X‖ of one run from each deterministic start.

    Book: chapter 11. Returns a dict ``{init: error}`` in the order of
    ``inits``; ``random_state`` only matters for ``"nndsvdar"`` (and
    ``"random"``, if listed). Compare with :func:`restart_errors`, which runs
    the same solver from many random starts.
    """
    if isinstance(inits, str):
        raise TypeError(f"inits must be a list of initialization names, got the string "
                        f"{inits!r}; write inits=({inits!r},).")
    errors = {}
    for init in inits:
        res = nmf(X, rank, solver=solver, init=init, random_state=random_state,
                  max_iter=max_iter, tol=tol)
        errors[init] = relative_error(X, res.W, res.H)
    return errors


def best_of_k_probability(errors, k, eps=0.005):
    """P(the best of ``k`` restarts is within ``eps`` of the best error seen), estimated.

    Book: chapter 11. ``errors`` are final errors of independent restarts (from
    :func:`restart_errors`). A restart "succeeds" when its error is at most
    ``min(errors) * (1 + eps)`` (``eps`` is relative); the share of successes,
    q, estimates the chance that one more restart succeeds, and k independent
    restarts all fail with probability :math:`(1 - q)^k`. Hence the estimate
    :math:`1 - (1 - q)^k`, elementwise in ``k`` (an int or an array of ints).

    The estimate is only as good as the sample: the best error *seen* may not be
    the best there is, and q from 30 restarts is uncertain by ±0.1 or so.
    """
    errors = np.asarray(errors, dtype=float)
    if errors.ndim != 1 or errors.size == 0 or not np.isfinite(errors).all():
        raise ValueError("errors must be a non-empty 1-D array of finite final errors "
                         "(one per restart), e.g. from restart_errors(...).")
    if not np.isscalar(eps) or not eps >= 0:
        raise ValueError(f"eps must be a number >= 0 (a relative tolerance such as "
                         f"0.005), got {eps!r}.")
    k_array = np.asarray(k)
    if k_array.dtype.kind not in "iu" or (k_array < 1).any():
        raise ValueError(f"k must be a positive integer or an array of them, got {k!r}.")
    q = float(np.mean(errors <= errors.min() * (1 + eps)))
    probability = 1.0 - (1.0 - q) ** k_array
    return float(probability) if probability.ndim == 0 else probability


def environment():
    """What a run's bits depend on, beyond the seed: versions and the BLAS in use.

    Book: chapter 11 (reproducibility). Returns a dict of short strings:
    Python, NumPy, SciPy, scikit-learn and nmf_ref versions, the BLAS library
    NumPy was built against, and the BLAS threads in use (from ``threadpoolctl``
    when it is installed, as it is with scikit-learn). Record it with the
    results: the same seed gives the same bits only with the same stack.
    """
    import platform

    from .. import __version__ as nmf_ref_version

    info = {"python": platform.python_version(), "numpy": np.__version__,
            "nmf_ref": nmf_ref_version}
    for name in ("scipy", "sklearn"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        info["scikit-learn" if name == "sklearn" else name] = module.__version__
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["numpy BLAS"] = f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except (KeyError, TypeError, ValueError):  # older NumPy: no dict mode
        pass
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return info
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    if pools:
        info["BLAS threads"] = ", ".join(
            f"{p.get('internal_api', '?')} {p.get('version', '')}: {p.get('num_threads')}"
            for p in pools)
    return info
