"""Recommending from a few percent of the ratings: masked NMF against the baselines.

Book: chapter 15. Every method sees the training ratings only and is scored by
the root mean squared error (RMSE) on held-out ratings:

* ``global mean``, ``user mean``, ``item mean``: the baselines any
  recommender must beat (a user or item without training ratings falls back
  to the global mean);
* ``masked NMF (MU)``: :func:`nmf_ref.nmf` with ``mask`` = the training
  ratings, weighted multiplicative updates (only observed entries enter);
* ``masked NMF (HALS, EM)``: the same mask through a Gram solver, which fills
  the unobserved entries with the current WH before each half-step;
* ``scikit-learn, zero-filled``: ``sklearn.decomposition.NMF`` on the ratings
  with every unobserved entry set to 0, the only thing it can do with them.
"""

import warnings

import numpy as np

from ..solve import nmf

METHODS = ("global mean", "user mean", "item mean", "masked NMF (MU)",
           "masked NMF (HALS, EM)", "scikit-learn, zero-filled")


def rmse(X, prediction, where):
    """√mean((X − prediction)²) over the entries where ``where`` is True."""
    residual = (X - prediction)[where]
    return float(np.sqrt(np.mean(residual * residual)))


def mean_predictions(X, train):
    """The three baselines as full m×n predictions: ``{name: array}``."""
    values = np.where(train, X, 0.0)
    overall = values.sum() / train.sum()

    def means(axis):
        count = train.sum(axis=axis)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, values.sum(axis=axis) / count, overall)

    m, n = X.shape
    return {"global mean": np.full((m, n), overall),
            "user mean": np.repeat(means(1)[:, None], n, axis=1),
            "item mean": np.repeat(means(0)[None, :], m, axis=0)}


def masked_nmf(X, train, rank, solver="mu", max_iter=300, random_state=0, **kwargs):
    """WH from :func:`nmf_ref.nmf` fitted to the training ratings only."""
    res = nmf(np.where(train, X, 0.0), rank, solver=solver, mask=train, init="random",
              random_state=random_state, max_iter=max_iter, tol=0, **kwargs)
    return res.W @ res.H


def zero_filled_sklearn(X, train, rank, max_iter=300, random_state=0):
    """WH from scikit-learn's NMF on the ratings with the unobserved entries set to 0."""
    from sklearn.decomposition import NMF

    model = NMF(rank, init="random", random_state=random_state, max_iter=max_iter, tol=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tol=0: "did not converge", on purpose
        W = model.fit_transform(np.where(train, X, 0.0))
    return W @ model.components_


def compare(X, train, test, rank, max_iter=300, random_state=0, methods=METHODS):
    """Held-out RMSE of each method at one rank: ``{method: rmse}``, in ``methods``' order."""
    predictions = mean_predictions(X, train)
    fits = {"masked NMF (MU)": lambda: masked_nmf(X, train, rank, "mu", max_iter, random_state),
            "masked NMF (HALS, EM)": lambda: masked_nmf(X, train, rank, "hals", max_iter,
                                                        random_state),
            "scikit-learn, zero-filled": lambda: zero_filled_sklearn(X, train, rank, max_iter,
                                                                    random_state)}
    return {name: rmse(X, predictions[name] if name in predictions else fits[name](), test)
            for name in methods}


def rmse_by_rank(X, train, test, ranks, max_iter=300, random_state=0):
    """Held-out RMSE of masked NMF (MU) and of zero-filled scikit-learn at each rank."""
    curves = {"masked NMF (MU)": [], "scikit-learn, zero-filled": []}
    for r in ranks:
        result = compare(X, train, test, r, max_iter, random_state, methods=tuple(curves))
        for name in curves:
            curves[name].append(result[name])
    return {name: np.array(values) for name, values in curves.items()}
