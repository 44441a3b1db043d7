"""Side-by-side runs of nmf_ref and scikit-learn, for the chapters' checks.

Book: chapters 2 and 4. scikit-learn (imported inside each function) does not
record the objective after each iteration, so ``sklearn_loss_curve`` rebuilds
it: it restarts scikit-learn from the same custom start with ``max_iter=k``
for k = 1, 2, ..., K and ``tol=0``. That costs K(K+1)/2 iterations in all, so
keep K and the data small.
"""

import warnings

import numpy as np

from ..losses import frobenius
from ..solve import nmf


def sklearn_loss_curve(X, W0, H0, n_iter, solver="mu"):
    """½‖X − WH‖² of scikit-learn's iterates 0..n_iter from the start (W0, H0).

    Entry 0 is the loss at the start, entry k after k iterations, exactly the
    layout of ``nmf_ref.nmf(...).loss``.
    """
    from sklearn.decomposition import non_negative_factorization

    X = np.asarray(X, dtype=float)
    losses = [frobenius(X, W0, H0)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # max_iter reached, on purpose, every time
        for k in range(1, n_iter + 1):
            W, H, _ = non_negative_factorization(
                X, W=W0.copy(), H=H0.copy(), n_components=W0.shape[1], init="custom",
                solver=solver, max_iter=k, tol=0.0,
            )
            losses.append(frobenius(X, W, H))
    return np.array(losses)


def loss_curves(X, rank, init="random", n_iter=30, random_state=0, solver="mu"):
    """The loss curves of nmf_ref and of scikit-learn, from one shared start.

    ``solver`` is nmf_ref's name, ``"mu"`` or ``"hals"``; scikit-learn runs the
    same algorithm (``"mu"``, or ``"cd"`` for HALS). Returns a dict
    ``{"nmf_ref": array, "scikit-learn": array}``, each of length
    ``n_iter + 1`` (entry 0 at the start).
    """
    from ..init import initialize

    W0, H0 = initialize(X, rank, init, random_state)
    ours = nmf(X, rank, solver=solver, W=W0, H=H0, max_iter=n_iter, tol=0.0).loss
    theirs = sklearn_loss_curve(X, W0, H0, n_iter, solver={"hals": "cd"}.get(solver, solver))
    return {"nmf_ref": ours, "scikit-learn": theirs}
