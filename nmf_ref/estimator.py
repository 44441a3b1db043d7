"""``NMF``: a scikit-learn estimator around :func:`nmf_ref.nmf`.

A drop-in for ``sklearn.decomposition.NMF``: the same constructor parameters
and defaults, the same attributes, and (for ``solver="cd"`` and ``"mu"``) the
same numbers. It adds the solvers ``"als"``, ``"anls"`` and ``"pgd"``, PGD's
``learning_rate``, and ``loss_curve_``, the objective after each iteration.

This module imports scikit-learn; ``import nmf_ref`` does not.
"""

import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import check_is_fitted, validate_data

from ._checks import check_beta
from .losses import reconstruction_error
from .solve import nmf


class NMF(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Non-negative Matrix Factorization, X ≈ W H, computed by :mod:`nmf_ref`.

    Parameters
    ----------
    n_components : int, "auto" or None, default="auto"
        Rank r. "auto"/None: from a custom W/H if given, else ``n_features``.
    init : {None, "random", "nndsvd", "nndsvda", "nndsvdar", "custom"}
        As in scikit-learn; "custom" uses the W and H passed to ``fit``.
    solver : {"cd", "mu", "hals", "als", "anls", "pgd"}, default="cd"
        "cd" and "hals" are the same algorithm.
    beta_loss : {"frobenius", "kullback-leibler", "itakura-saito"} or float
    tol, max_iter, random_state, alpha_W, alpha_H, l1_ratio, shuffle
        As in scikit-learn.
    verbose : int
        Accepted for compatibility; progress is in ``loss_curve_`` instead.
    learning_rate : float or None
        PGD's fixed step; None uses Armijo backtracking.

    Attributes
    ----------
    components_ : H, shape (n_components, n_features)
    n_components_, n_features_in_, n_iter_, reconstruction_err_
        As in scikit-learn.
    loss_curve_ : array
        Objective after each iteration, ``loss_curve_[0]`` at the start.
    """

    def __init__(self, n_components="auto", *, init=None, solver="cd",
                 beta_loss="frobenius", tol=1e-4, max_iter=200, random_state=None,
                 alpha_W=0.0, alpha_H="same", l1_ratio=0.0, verbose=0,
                 shuffle=False, learning_rate=None):
        self.n_components = n_components
        self.init = init
        self.solver = solver
        self.beta_loss = beta_loss
        self.tol = tol
        self.max_iter = max_iter
        self.random_state = random_state
        self.alpha_W = alpha_W
        self.alpha_H = alpha_H
        self.l1_ratio = l1_ratio
        self.verbose = verbose
        self.shuffle = shuffle
        self.learning_rate = learning_rate

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        tags.input_tags.sparse = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags

    def fit(self, X, y=None, **params):
        """Learn W and H from X; ``params`` go to :meth:`fit_transform` (W, H)."""
        self.fit_transform(X, **params)
        return self

    def fit_transform(self, X, y=None, W=None, H=None):
        """Learn the model and return W, shape (n_samples, n_components)."""
        X = self._validate(X, reset=True)
        W, H, res = self._run(X, W, H, update_H=True)
        self.reconstruction_err_ = reconstruction_error(X, W, H, check_beta(self.beta_loss))
        self.n_components_ = H.shape[0]
        self.components_ = H
        self.n_iter_ = res.n_iter
        self.loss_curve_ = res.loss
        return W

    def transform(self, X):
        """W for new data, with ``components_`` held fixed (scikit-learn's start)."""
        check_is_fitted(self)
        X = self._validate(X, reset=False)
        return self._run(X, None, self.components_, update_H=False)[0]

    def inverse_transform(self, X):
        """Back to the data space: ``X @ components_``."""
        check_is_fitted(self)
        return X @ self.components_

    @property
    def _n_features_out(self):
        return self.components_.shape[0]

    def _validate(self, X, reset):
        X = validate_data(self, X, accept_sparse=("csr", "csc"),
                          dtype=[np.float64, np.float32], reset=reset)
        return X.toarray() if hasattr(X, "toarray") else X  # nmf_ref works densely

    def _run(self, X, W, H, update_H):
        custom = self.init == "custom" and update_H
        if not custom and update_H and (W is not None or H is not None):
            warnings.warn("When init!='custom', provided W or H are ignored. Set "
                          "init='custom' to use them as initialization.", RuntimeWarning)
            W = H = None
        rank = self.n_components
        if rank in ("auto", None):
            rank = H.shape[0] if (custom or not update_H) and H is not None else X.shape[1]
        if self.solver == "mu" and self.init == "nndsvd":
            warnings.warn("The multiplicative update ('mu') solver cannot update zeros "
                          "present in the initialization; try init='nndsvda' or "
                          "'nndsvdar' instead of 'nndsvd'.", UserWarning)
        res = nmf(X, rank, solver=self.solver,
                  init=None if custom or not update_H else self.init,
                  beta_loss=self.beta_loss, max_iter=self.max_iter, tol=self.tol,
                  alpha_W=self.alpha_W, alpha_H=self.alpha_H, l1_ratio=self.l1_ratio,
                  random_state=self.random_state, W=W, H=H, update_H=update_H,
                  shuffle=self.shuffle, learning_rate=self.learning_rate)
        if res.n_iter == self.max_iter and self.tol > 0:
            warnings.warn(f"Maximum number of iterations {self.max_iter} reached. "
                          "Increase it to improve convergence.", ConvergenceWarning)
        return res.W, res.H, res
