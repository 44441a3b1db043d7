"""Many random starts of one solver: where do they end?

Book: chapter 8 (restarts as a remedy for local minima) and Part III.
"""

import numpy as np

from ..metrics import relative_error
from ..solve import nmf


def restart_errors(X, rank, solver="hals", n_restarts=20, max_iter=200, tol=1e-4):
    """Final relative errors ‖X − WH‖/‖X‖ of ``n_restarts`` random starts (seeds 0, 1, ...)."""
    errors = []
    for seed in range(n_restarts):
        res = nmf(X, rank, solver=solver, init="random", random_state=seed,
                  max_iter=max_iter, tol=tol)
        errors.append(relative_error(X, res.W, res.H))
    return np.array(errors)
