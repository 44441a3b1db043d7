"""What chapter 9 measures about acceleration: inner sweeps, extrapolation traces, curves.

Book: chapter 9 (Acceleration). The figures of :mod:`nmf_ref.book.plots.acceleration`
draw what these functions return.

* :func:`sweep_progress`: the W-subproblem of one iteration, swept again and
  again with the same two products (what A-HALS buys, sweep by sweep);
* :func:`trace_extrapolation`: what the loop of ``nmf(..., extrapolate=True)``
  recorded at each iteration: β, its cap, every measured error and the restarts;
* :func:`curves_from_start`: several configurations from one start, timed as
  the race times them.
"""

import numpy as np

import nmf_ref
from ..rules import ahals, hals
from .timing import best_time


def sweep_progress(X, W, H, sweeps=30, epsilon=ahals.EPSILON):
    """The W-subproblem ½‖X − WH‖² (H fixed) after 0, 1, ..., ``sweeps`` HALS sweeps.

    Returns a dict: ``loss`` (length sweeps + 1), ``change`` (‖W_k − W_{k−1}‖_F
    for k ≥ 1), ``stop`` (the sweep after which A-HALS's ε rule stops),
    ``budget`` (its ⌊1 + αρ_W⌋ for this X, Gillis & Glineur's count) and
    ``seconds`` (products, one sweep: the times that make the trade-off).
    """
    X = np.asarray(X, dtype=float)
    products, (HHt, XHt) = best_time(lambda: (H @ H.T, (H @ X.T).T))
    norm2 = float(np.vdot(X, X))
    losses, changes = [], []
    current = np.array(W, dtype=float)
    for k in range(sweeps + 1):
        losses.append(0.5 * (norm2 - 2 * np.vdot(XHt, current) + np.vdot(current.T @ current, HHt)))
        if k == sweeps:
            break
        sweep, new = best_time(lambda: hals.update_W(current, HHt, XHt))
        changes.append(float(np.linalg.norm(new - current)))
        current = new
    changes = np.array(changes)
    late = np.flatnonzero(changes[1:] <= epsilon * changes[0])
    m, n = X.shape
    budget = ahals.max_sweeps(m, n, m * n, W.shape[1])
    return {"loss": np.array(losses), "change": changes,
            "stop": int(late[0]) + 2 if len(late) else sweeps, "budget": budget,
            "seconds": {"products": products, "sweep": sweep}}


def trace_extrapolation(X, rank, W, H, solver="hals", n_iter=50, **params):
    """What ``nmf(X, rank, solver=solver, W=W, H=H, extrapolate=params or True)`` did at
    each of its ``n_iter`` iterations (``tol=0``): the run's own record
    (:meth:`nmf_ref.extrapolate.Extrapolation.trace`).

    Returns a dict of arrays, one entry per iteration: ``trial`` (the error
    measured at the extrapolated pair), ``best`` (what ``nmf`` reports),
    ``beta`` and ``beta_bar`` (used in that iteration), and ``restart`` (True
    where the error went up and the run restarted). Frobenius, no mask, no
    penalty: the chapter's setting.
    """
    res = nmf_ref.nmf(np.asarray(X, dtype=float), rank, solver=solver, W=W, H=H,
                      max_iter=n_iter, tol=0, extrapolate=params or True)
    return res.trace


def curves_from_start(X, rank, labels, W0, H0, max_iter=200, max_seconds=2.0):
    """``{label: (iterations, seconds, loss)}`` for race runners (``"hals"``, ``"ahals+x"``,
    ...: :data:`nmf_ref.book.race.RUNNERS`) from (W0, H0), and the lowest loss of all."""
    from .race import run_nmf_ref

    curves = {}
    for label in labels:
        c = run_nmf_ref(np.asarray(X, dtype=float), rank, W0, H0, label, max_iter, max_seconds)
        curves[label] = (c.iters, c.seconds, c.loss)
    return curves, min(float(loss.min()) for _, _, loss in curves.values())
