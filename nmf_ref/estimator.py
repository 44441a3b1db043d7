"""``NMF``: a scikit-learn estimator around :func:`nmf_ref.nmf`.

A drop-in for ``sklearn.decomposition.NMF``: the same constructor parameters
and defaults, the same attributes, and (for ``solver="cd"`` and ``"mu"``) the
same numbers. It adds the solvers ``"als"``, ``"anls"`` and ``"pgd"``, PGD's
``learning_rate``, and ``loss_curve_``, the objective after each iteration.

This module imports scikit-learn; ``import nmf_ref`` does not.
"""

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import check_is_fitted, validate_data

from ._checks import check_beta
from .losses import reconstruction_error
from .rules import find as find_rule
from .solve import nmf


class NMF(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Non-negative Matrix Factorization, X ≈ W H, computed by :mod:`nmf_ref`.

    Parameters
    ----------
    n_components : int, "auto" or None, default="auto"
        Rank r, with scikit-learn's rules: None means ``n_features``; "auto"
        means the number of rows of H when ``init="custom"`` (W must then have
        as many columns), else ``n_features``.
    init : {None, "random", "nndsvd", "nndsvda", "nndsvdar", "custom"}, default=None
        As in scikit-learn; "custom" uses the W and H passed to ``fit``, which
        must have X's dtype (after validation: float32 stays float32, anything
        else becomes float64), else a TypeError, as in scikit-learn.
    solver : {"cd", "mu", "hals", "ahals", "als", "anls", "pgd"}, default="cd"
        "cd" and "hals" are the same algorithm; "ahals" is accelerated HALS
        (several sweeps per pair of products, :mod:`nmf_ref.rules.ahals`).
    beta_loss : {"frobenius", "kullback-leibler", "itakura-saito"} or float, default="frobenius"
        The loss, as in scikit-learn; only "mu" takes a β other than 2 (Frobenius).
    tol : float, default=1e-4
        Tolerance of the stopping test, as in scikit-learn.
    max_iter : int, default=200
        Maximum number of iterations.
    random_state : None, int or np.random.RandomState, default=None
        Seed of the random start (``init="random"``, ``"nndsvdar"``) and of ``shuffle``.
    alpha_W : float, default=0.0
        Regularization on W, as in scikit-learn.
    alpha_H : float or "same", default="same"
        Regularization on H; "same" takes ``alpha_W``.
    l1_ratio : float, default=0.0
        Share of L1 in the regularization (0 is pure L2, 1 pure L1).
    verbose : int, default=0
        Accepted for compatibility; progress is in ``loss_curve_`` instead.
    shuffle : bool, default=False
        Visit the columns in a random order (solvers "cd", "hals", "ahals"), as in
        scikit-learn.
    learning_rate : float or None, default=None
        PGD's fixed step; None uses Armijo backtracking.

    Attributes
    ----------
    components_ : H, shape (n_components, n_features)
    n_components_, n_features_in_, n_iter_, reconstruction_err_
        As in scikit-learn.
    loss_curve_ : array
        Objective after each iteration, ``loss_curve_[0]`` at the start.

    Notes
    -----
    Where scikit-learn 1.9 differs, on purpose: a custom W and H of different
    ranks is a ValueError (scikit-learn does not check and crashes); the
    caller's W and H are never written into (scikit-learn's ``cd`` writes its
    iterates into W); ``transform`` of data whose dtype differs from
    ``components_`` casts ``components_`` (scikit-learn raises a TypeError
    about an H the user never passed); ``n_components=True`` is rejected.

    The same numbers means the same up to rounding. A run that keeps shrinking
    one factor (say ``alpha_W > 0`` with ``alpha_H=0``) can fork on a rounding
    when a component dies: its column lands on exactly 0 or on one ulp, and the
    ulp is revived by the next H step. scikit-learn itself takes either branch
    when its start moves by 1e-15 (``tests/test_estimator.py``).
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
        """Learn W and H from X; ``params`` go to :meth:`fit_transform` (W, H).

        Parameters
        ----------
        X : array_like or SciPy sparse matrix of shape (n_samples, n_features)
            The non-negative data.
        y : None, default=None
            Ignored, for scikit-learn's API.
        **params
            ``W`` and ``H``, the start when ``init="custom"`` (see :meth:`fit_transform`).

        Returns
        -------
        NMF
            The fitted estimator, ``self``.
        """
        self.fit_transform(X, **params)
        return self

    def fit_transform(self, X, y=None, W=None, H=None):
        """Learn the model and return W, shape (n_samples, n_components).

        Parameters
        ----------
        X : array_like or SciPy sparse matrix of shape (n_samples, n_features)
            The non-negative data.
        y : None, default=None
            Ignored, for scikit-learn's API.
        W : array_like of shape (n_samples, n_components), default=None
            The start for W when ``init="custom"``; otherwise ignored, with a RuntimeWarning.
        H : array_like of shape (n_components, n_features), default=None
            The start for H when ``init="custom"``; otherwise ignored, with a RuntimeWarning.

        Returns
        -------
        ndarray of shape (n_samples, n_components)
            W; H is stored in ``components_``.
        """
        X = self._validate(X, reset=True)
        W, H, res = self._run(X, W, H, update_H=True)
        self._n_components = H.shape[0]  # scikit-learn's private name, which its tests read
        self.reconstruction_err_ = reconstruction_error(X, W, H, check_beta(self.beta_loss))
        self.n_components_ = H.shape[0]
        self.components_ = H
        self.n_iter_ = res.n_iter
        self.loss_curve_ = res.loss
        return W

    def transform(self, X):
        """W for new data, with ``components_`` held fixed (scikit-learn's start).

        Parameters
        ----------
        X : array_like or SciPy sparse matrix of shape (n_samples, n_features)
            New non-negative data, with the features seen in ``fit``.

        Returns
        -------
        ndarray of shape (n_samples, n_components)
            W, solved for with H = ``components_``.
        """
        check_is_fitted(self)
        X = self._validate(X, reset=False)
        return self._run(X, None, self.components_, update_H=False)[0]

    def inverse_transform(self, X):
        """Back to the data space: ``X @ components_``.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_components)
            A W, as returned by :meth:`transform`.

        Returns
        -------
        ndarray of shape (n_samples, n_features)
            The reconstruction ``X @ components_``.
        """
        check_is_fitted(self)
        return X @ self.components_

    @property
    def _n_features_out(self):
        return self.components_.shape[0]

    def _validate(self, X, reset):
        X = validate_data(self, X, accept_sparse=("csr", "csc"),
                          dtype=[np.float64, np.float32], reset=reset,
                          ensure_non_negative=True)  # scikit-learn's message
        return X  # a sparse X stays sparse: nmf_ref.nmf never densifies it

    def _run(self, X, W, H, update_H):
        custom = self.init == "custom" and update_H
        if not custom and update_H and (W is not None or H is not None):
            warnings.warn("When init!='custom', provided W or H are ignored. Set "
                          "init='custom' to use them as initialization.", RuntimeWarning)
            W = H = None
        # scikit-learn's messages for what nmf() would also reject
        rule = find_rule(self.solver)  # None for an unknown name, which nmf() rejects
        if not (rule and rule.any_beta) and self.beta_loss not in (2, "frobenius"):
            raise ValueError(f"Invalid beta_loss parameter: solver {self.solver!r} does "
                             f"not handle beta_loss = {self.beta_loss!r}; only "
                             "solver='mu' minimizes a β-divergence other than Frobenius.")
        rank = _check_n_components(self.n_components)
        if rank is None:  # scikit-learn: None is n_features, even with a custom H
            rank = X.shape[1]
        if custom:
            H = _check_custom(H, (rank, X.shape[1]), "H")
            inferred = ""
            if rank == "auto":
                rank = H.shape[0]
                inferred = (f" (n_components='auto' takes n_components = {rank} from H's "
                            "rows, so W needs as many columns)")
            W = _check_custom(W, (X.shape[0], rank), "W", inferred)
            if H.dtype != X.dtype or W.dtype != X.dtype:
                raise TypeError(
                    f"H and W should have the same dtype as X. Got H.dtype = {H.dtype} "
                    f"and W.dtype = {W.dtype}, X.dtype = {X.dtype}. Convert them, e.g. "
                    f"W.astype(np.{X.dtype}) (X is float32 when passed as float32, "
                    "float64 otherwise)."
                )
        elif not update_H:  # transform: H is components_, W is solved for
            rank = H.shape[0] if rank == "auto" else rank
        elif rank == "auto":
            rank = X.shape[1]
        if (update_H and not custom and self.init in ("nndsvd", "nndsvda", "nndsvdar")
                and rank > min(X.shape)):
            raise ValueError(f"init = {self.init!r} can only be used when n_components <= "
                             f"min(n_samples, n_features) = {min(X.shape)}, got "
                             f"n_components={rank}. Use init='random' for a larger rank.")
        if rule and rule.keeps_zeros and self.init == "nndsvd":
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


def _check_n_components(n_components):
    """A positive int, "auto" or None (scikit-learn's constraint), else a clear error."""
    if n_components is None or (isinstance(n_components, str) and n_components == "auto"):
        return n_components
    if isinstance(n_components, numbers.Integral) and not isinstance(n_components, bool):
        if n_components >= 1:
            return int(n_components)
        raise ValueError(f"n_components must be a positive int, 'auto' or None, got "
                         f"{n_components}.")
    error = ValueError if isinstance(n_components, str) else TypeError
    raise error(f"n_components must be a positive int, 'auto' or None, got "
                f"{n_components!r}.")


def _check_custom(A, shape, name, hint=""):
    """A custom W or H as scikit-learn checks it (``_check_init``), its dtype kept.

    ``shape`` may hold "auto" for the rank, which is then not checked. The
    messages begin as scikit-learn's do, then say how to fix the argument.
    """
    whom = f"NMF (input {name})"
    if A is None:
        raise ValueError(f"init='custom' needs both W and H; {name} is missing. Pass "
                         f"fit(X, W=W, H=H), or choose another init.")
    if hasattr(A, "toarray"):
        raise TypeError(f"{name} is a sparse matrix; a custom start must be dense: "
                        f"pass {name}.toarray().")
    A = np.asarray(A)
    if A.dtype == object or not np.issubdtype(A.dtype, np.number) or np.iscomplexobj(A):
        raise TypeError(f"{name} must hold real numbers, got dtype {A.dtype}.")
    if A.ndim != 2 or A.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {A.shape}.")
    if not np.isfinite(A).all():
        raise ValueError(f"{name} contains NaN or inf; a custom start needs finite values.")
    dims = ("n_samples", "n_components") if name == "W" else ("n_components", "n_features")
    for axis, which in ((0, "first"), (1, "second")):
        if shape[axis] != "auto" and A.shape[axis] != shape[axis]:
            raise ValueError(
                f"Array with wrong {which} dimension passed to {whom}. Expected "
                f"{shape[axis]}, but got {A.shape[axis]}. {name} must have shape "
                f"({dims[0]}, {dims[1]}){hint}."
            )
    if (A < 0).any():
        raise ValueError(f"Negative values in data passed to {whom}; a custom start "
                         "must be non-negative.")
    if A.max() == 0:
        raise ValueError(f"Array passed to {whom} is full of zeros; the updates cannot "
                         "leave that point. Start from positive values.")
    return A
