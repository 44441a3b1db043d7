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
  with every unobserved entry set to 0, the only thing it can do with them;
* ``bias model`` (in :data:`BIAS_METHODS`): global mean + user bias + item bias,
  L2-regularized (Koren, Bell & Volinsky 2009), the regularization chosen on a
  validation split of the training ratings (:func:`choose_bias_reg`);
* ``bias model + NMF of residual``: masked NMF (MU) of what the user and item
  biases leave, ``X − b_u − b_i`` (non-negative on these ratings), added back.
"""

import warnings
from typing import NamedTuple

import numpy as np

from ..solve import nmf
from .datasets.ratings import split

METHODS = ("global mean", "user mean", "item mean", "masked NMF (MU)",
           "masked NMF (HALS, EM)", "scikit-learn, zero-filled")
BIAS_METHODS = ("bias model", "bias model + NMF of residual")
BIAS_REGS = (0.0, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0)  # the grid choose_bias_reg searches


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


class Biases(NamedTuple):
    """A fitted bias model: ``mean + user[u] + item[i]`` predicts rating (u, i)."""

    mean: float
    user: np.ndarray
    item: np.ndarray

    def prediction(self):
        """The full m×n prediction ``mean + user[:, None] + item[None, :]``."""
        return self.mean + self.user[:, None] + self.item[None, :]


def fit_biases(X, train, reg, n_sweeps=50):
    """The L2-regularized bias model fitted to the training ratings.

    Minimizes, over the user biases ``b_u`` and item biases ``b_i``,

        Σ_{(u,i) in train} (X_ui − μ − b_u − b_i)² + reg (Σ_u b_u² + Σ_i b_i²),

    with μ the mean training rating, by alternating the two closed-form
    minimizers (each a ridge regression on one coefficient per row):
    ``b_u = Σ_i (X_ui − μ − b_i) / (reg + n_u)`` over u's training ratings, then
    the same for the items. Each update minimizes the (convex) objective
    exactly in its block, so it never goes up.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Ratings; only the entries where ``train`` is True are read.
    train : ndarray of bool, shape (m, n)
        The training ratings.
    reg : float
        The L2 penalty λ ≥ 0; a user with n_u ratings has its bias shrunk
        by the factor n_u / (λ + n_u) towards 0.
    n_sweeps : int
        Alternations of the two updates.

    Returns
    -------
    Biases
        ``mean``, ``user`` (m,), ``item`` (n,).
    """
    if reg < 0:
        raise ValueError(f"reg must be non-negative, got {reg!r}.")
    train = np.asarray(train, dtype=bool)
    mean = float(X[train].mean())
    centred = np.where(train, X - mean, 0.0)
    n_user, n_item = train.sum(axis=1), train.sum(axis=0)
    user, item = np.zeros(X.shape[0]), np.zeros(X.shape[1])
    with np.errstate(invalid="ignore", divide="ignore"):  # reg = 0 and no rating: bias 0
        for _ in range(n_sweeps):
            user = np.nan_to_num((centred - train * item[None, :]).sum(axis=1) / (reg + n_user))
            item = np.nan_to_num((centred - train * user[:, None]).sum(axis=0) / (reg + n_item))
    return Biases(mean, user, item)


def choose_bias_reg(X, train, regs=BIAS_REGS, validation_share=0.2, random_state=1):
    """The bias model's ``reg`` with the lowest RMSE on a validation split of ``train``.

    ``train`` is split again (:func:`~nmf_ref.book.datasets.ratings.split`); the
    bias model is fitted on one part for each ``reg`` and scored on the other,
    so the test ratings are never looked at. Returns ``(best_reg, {reg: rmse})``.
    """
    fit, validation = split(train, test_share=validation_share, random_state=random_state)
    scores = {reg: rmse(X, fit_biases(X, fit, reg).prediction(), validation) for reg in regs}
    return min(scores, key=scores.get), scores


def residual_nmf(X, train, rank, biases, max_iter=300, random_state=0):
    """Bias model + masked NMF (MU) of its residual ``X − b_u − b_i`` (the mean stays in,
    so the residual is non-negative on ratings in 1–5 with moderate biases)."""
    offset = biases.user[:, None] + biases.item[None, :]
    residual = np.where(train, X - offset, 0.0)
    if residual.min() < 0:
        raise ValueError("X − b_u − b_i is negative somewhere: NMF cannot fit that residual.")
    return offset + masked_nmf(residual, train, rank, "mu", max_iter, random_state)


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


def compare(X, train, test, rank, max_iter=300, random_state=0, methods=METHODS,
            bias_reg=None):
    """Held-out RMSE of each method at one rank: ``{method: rmse}``, in ``methods``' order.

    ``methods`` may include :data:`BIAS_METHODS`; their ``bias_reg`` is chosen by
    :func:`choose_bias_reg` on the training ratings when not given.
    """
    predictions = mean_predictions(X, train)
    if any(name in BIAS_METHODS for name in methods):
        if bias_reg is None:
            bias_reg, _ = choose_bias_reg(X, train)
        biases = fit_biases(X, train, bias_reg)
        predictions["bias model"] = biases.prediction()
    fits = {"masked NMF (MU)": lambda: masked_nmf(X, train, rank, "mu", max_iter, random_state),
            "masked NMF (HALS, EM)": lambda: masked_nmf(X, train, rank, "hals", max_iter,
                                                        random_state),
            "scikit-learn, zero-filled": lambda: zero_filled_sklearn(X, train, rank, max_iter,
                                                                    random_state),
            "bias model + NMF of residual": lambda: residual_nmf(X, train, rank, biases,
                                                                 max_iter, random_state)}
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
