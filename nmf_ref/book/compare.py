"""Side-by-side runs of nmf_ref and scikit-learn, for the chapters' checks.

Book: chapters 2, 4, 7, 9, 13, 14, 17, 18 and the race. :func:`sklearn_from` is
the one way this repository runs scikit-learn "from this start for exactly k
iterations" (the parity cells of those chapters call it; a chapter's exercise that
asks the reader to call scikit-learn's API is the one exception).

scikit-learn (imported inside each function) does not record the objective after
each iteration, so ``sklearn_loss_curve`` rebuilds it: it restarts scikit-learn
from the same custom start with ``max_iter=k`` for k = 1, 2, ..., K and ``tol=0``.
That costs K(K+1)/2 iterations in all, so keep K and the data small.
"""

import warnings

import numpy as np

from ..losses import frobenius
from ..solve import nmf


def sklearn_from(X, W0, H0, n_iter, solver="cd", copy=True, **kwargs):
    """scikit-learn's ``non_negative_factorization`` from (W0, H0) for exactly ``n_iter``
    iterations: ``tol=0`` and ``max_iter=n_iter``, its "did not converge" warning
    silenced (that is the point). Returns ``(W, H, n_iter)`` as scikit-learn does.

    ``solver`` is scikit-learn's name (``"cd"`` or ``"mu"``); ``kwargs`` go to
    scikit-learn (``beta_loss``, ``alpha_W``, ...). ``copy=False`` hands W0 and H0
    over as they are, for a caller that copied them outside its clock.
    """
    from sklearn.decomposition import non_negative_factorization

    if copy:
        W0, H0 = W0.copy(), H0.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # max_iter reached, on purpose
        return non_negative_factorization(X, W0, H0, n_components=W0.shape[1],
                                          init="custom", solver=solver, max_iter=n_iter,
                                          tol=0.0, **kwargs)


def sklearn_loss_curve(X, W0, H0, n_iter, solver="mu"):
    """½‖X − WH‖² of scikit-learn's iterates 0..n_iter from the start (W0, H0).

    Entry 0 is the loss at the start, entry k after k iterations, exactly the
    layout of ``nmf_ref.nmf(...).loss``.
    """
    X = np.asarray(X, dtype=float)
    losses = [frobenius(X, W0, H0)]
    for k in range(1, n_iter + 1):
        W, H, _ = sklearn_from(X, W0, H0, k, solver)
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
