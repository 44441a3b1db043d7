"""X as one object at the door: the only place that asks what kind X is.

:func:`nmf_ref.nmf` hands its X (and mask) to :func:`as_data` once; from then on
the loop (:mod:`nmf_ref.solve`) asks the object its few questions and never
looks at X itself. Four kinds, one set of answers:

* :class:`Dense`: a dense X, every entry observed;
* :class:`Masked`: a dense X under a mask; the Gram rules see it filled in with the
  model's value WH at the unobserved entries (the EM / majorize-minimize view);
* :class:`Sparse`: a SciPy sparse X (CSR), never densified (:mod:`nmf_ref.sparse`);
* row blocks of a Dask array (:class:`nmf_ref.dask_blocks.Blocks`, in the module that
  imports Dask), its W held on the workers (the loop holds a handle): it answers the
  fused question ``w_step`` with one pass over X's blocks, where the products asked
  one at a time would read X three times.

:class:`Dense` is defined in :mod:`nmf_ref.dense` (the others extend it), so that the
module that asks what kind X is and the answers stay short.

The questions of the Gram loop take the current pair ``(W, H)`` and depend on
nothing else: ``w_step`` (the W half-step with :math:`XH^T`, then :math:`W^TW` and
:math:`W^TX`), ``loss(W, H, cross, WtW, HHt)``, ``exact_loss(W, H)``
(:math:`\\tfrac12\\|X-WH\\|^2`, over the observed entries) and ``penalty``; ``hold``
and ``release`` turn W into what the loop holds and back. The formulas that read X
entry by entry (:func:`nmf_ref.losses.divergence`, MU's β-steps) ask ``pairs``,
``model_sum``, ``size`` and ``beta_terms``; given a bare X, they wrap it with :func:`view`.
The initializations read ``shape``, ``dtype``, ``mean()`` and ``truncated_svd(rank)``.
"""

from functools import cached_property

import numpy as np

from . import _checks as checks
from .dense import Dense
from .objective import transpose_times
from .sparse import (canonical, dense_sums, half_residual, stored_product, truncated_svd,
                     with_data)
from .sparse import has_zero as sparse_has_zero


def as_data(X, mask=None, rule=None, beta=2.0):
    """Validate X (and its mask) and return it as one data object.

    Parameters
    ----------
    X : array_like, SciPy sparse matrix (CSR or CSC), or Dask array chunked by rows
        Non-negative; NaN allowed where ``mask`` is False.
    mask : bool array of shape (m, n), optional
        True where X is observed (dense X only).
    rule : nmf_ref.rules.Rule, optional
        The solver's record, for what the row blocks refuse (β ≠ 2, a rule that is not
        row-separable); the other kinds state theirs (``needs``, read by ``nmf``).
    beta : float
        The β of the loss.

    Returns
    -------
    Dense, Masked, Sparse or nmf_ref.dask_blocks.Blocks
        X copied, checked (:mod:`nmf_ref._checks`'s errors), zero where unobserved.
    """
    X = checks.as_matrix(X, sparse=True, blocks=True)
    if checks.is_dask(X):
        from .dask_blocks import as_blocks  # imports Dask

        X = as_blocks(X)
        if rule is not None:
            X.check_supported(beta)
    if mask is not None:
        mask = checks.check_mask(mask, X.shape, X)
    checks.check_values(X, "X", observed=mask)
    if mask is not None:
        X[~mask] = 0  # never read again, but keeps the arithmetic finite
        return Masked(X, mask)
    if checks.is_dask(X):
        return X  # nmf_ref.dask_blocks.Blocks answers for itself
    return Sparse(X) if checks.is_sparse(X) else Dense(X)


def view(X, mask=None):
    """X (zero where ``mask`` is False) as a data object, as it is (no copy, no check), for
    the public formulas that take a bare X (:mod:`nmf_ref.losses`, MU's β-steps).

    Parameters
    ----------
    X : ndarray, SciPy sparse matrix, or a data object (returned as it is)
    mask : bool ndarray of X's shape, optional

    Returns
    -------
    Dense, Masked or Sparse
    """
    if isinstance(X, Dense):
        return X
    if checks.is_sparse(X):
        if mask is not None:
            checks.check_mask(mask, X.shape, X)  # refuses it, in nmf's words
        return Sparse(canonical(X))
    return Dense(X) if mask is None else Masked(X, mask)


class Masked(Dense):
    """A dense X under a mask. For the Gram solvers, the EM surrogate: the unobserved
    entries take the model's value WH at the pair asked about (:meth:`filled`).

    Each product needs WH at its pair, and consecutive questions often share a pair
    (the loss at the end of an iteration, then XHᵀ at its start), so the last WH is
    kept with its pair (``Dense._model``): two m×n products per iteration, whatever
    order the questions come in. The β formulas count the observed entries only.

    Parameters
    ----------
    X : ndarray of shape (m, n), zero where ``mask`` is False
    mask : bool ndarray of shape (m, n), True where X is observed
    """

    masked = True
    needs = ("accepts_mask", "does not fit a mask; use one of {takers}.")

    def __init__(self, X, mask):
        super().__init__(X)
        self.mask = mask
        self.size = int(mask.sum())

    def has_zero(self):
        """True if some observed entry is zero."""
        return bool((self.X[self.mask] == 0).any())

    def filled(self, W, H):
        """X with its unobserved entries filled in by WH at ``(W, H)``.

        Parameters
        ----------
        W, H : ndarrays

        Returns
        -------
        ndarray of shape (m, n)
        """
        return np.where(self.mask, self.X, self._model(W, H))

    def X_Ht(self, W, H):
        """:math:`\\tilde X H^T` for the filled-in :math:`\\tilde X` at ``(W, H)``."""
        return (H @ self.filled(W, H).T).T

    def Wt_X(self, W, H):
        """:math:`W^T\\tilde X` for the filled-in :math:`\\tilde X` at ``(W, H)``."""
        return transpose_times(W, self.filled(W, H))

    def loss(self, W, H, *products):
        """½‖M∘(X − WH)‖², from WH at ``(W, H)`` (the products are not needed)."""
        residual = (self.X - self._model(W, H))[self.mask]
        return 0.5 * float(residual @ residual)

    def exact_loss(self, W, H):
        """½‖M∘(X − WH)‖²."""
        return self.loss(W, H)

    def pairs(self, W, H):
        """X and WH at the observed entries."""
        return self.X[self.mask], self._model(W, H)[self.mask]

    def model_sum(self, W, H, power=1):
        """:math:`\\sum (WH)^{power}` over the observed entries."""
        return (self._model(W, H)[self.mask] ** power).sum()

    def beta_terms(self, W, H, top, bottom, side):
        """Dense's, with the model's term masked (where it is 1, KL, the mask itself)."""
        ones = (lambda WH: WH ** 0) if bottom is None else bottom
        return super().beta_terms(W, H, top, lambda WH: ones(WH) * self.mask, side)


class Sparse(Dense):
    """A SciPy sparse X (canonical CSR): both products are sparse × dense, O(nnz·r), and
    no formula forms WH whole (:mod:`nmf_ref.sparse`). Xᵀ is kept as a CSR too, so that
    both products run row by row over the stored entries.

    Parameters
    ----------
    X : SciPy sparse matrix of shape (m, n), canonical CSR
    """

    needs = ("accepts_sparse",
             "does not take a sparse X; use one of {takers}, or pass X.toarray().")

    def __init__(self, X):
        self.X, self.shape, self.dtype = X, X.shape, X.dtype
        self.entries, self.size = X.nnz, X.shape[0] * X.shape[1]

    @cached_property
    def norm2(self):
        """float: ‖X‖², from the stored entries."""
        return float(self.X.data @ self.X.data)

    Xt = cached_property(lambda self: self.X.T.tocsr())  # one more copy, made when first needed

    def has_zero(self):
        """True if some entry is zero (unstored, or stored as 0)."""
        return sparse_has_zero(self.X)

    def truncated_svd(self, rank):
        """:func:`nmf_ref.sparse.truncated_svd`: X is never densified."""
        return truncated_svd(self.X, rank)

    def X_Ht(self, W, H):
        """:math:`XH^T`, sparse × dense."""
        return np.asfortranarray(self.X @ H.T)  # column-major, as HALS wants

    def Wt_X(self, W, H):
        """:math:`W^TX`, as :math:`(X^TW)^T`, sparse × dense."""
        return (self.Xt @ W).T

    def exact_loss(self, W, H):
        """:func:`nmf_ref.sparse.half_residual`: WH is never formed whole."""
        return half_residual(self.X, W, H)

    def pairs(self, W, H):
        """X and WH at the stored entries (an unstored x is 0)."""
        return self.X.data, stored_product(self.X, W, H)

    def model_sum(self, W, H, power=1):
        """Over all entries: Dense's closed form for 1, else by blocks of rows of WH."""
        return super().model_sum(W, H) if power == 1 else dense_sums(W, H, lambda P: P**power)

    def beta_terms(self, W, H, top, bottom, side):
        """``top`` at the stored entries only (X is zero elsewhere), as a matrix of X's
        pattern; ``bottom`` over all of WH, a block of rows at a time."""
        top = with_data(self.X, top(self.X.data, stored_product(self.X, W, H)))
        sums = None if bottom is None else dense_sums(W, H, bottom, side == "W", W)
        return (top @ H.T if side == "W" else (top.T @ W).T), sums
