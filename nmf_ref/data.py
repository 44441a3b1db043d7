"""X as one object at the door: the only place that asks what kind X is.

:func:`nmf_ref.nmf` hands its X (and mask) to :func:`as_data` once; from then on
the loop (:mod:`nmf_ref.solve`) asks the object its few questions and never
looks at X itself. Four kinds, one set of answers:

* :class:`Dense`: a dense X, every entry observed;
* :class:`Masked`: a dense X under a mask; the Gram rules see it filled in
  with the model's value WH at the unobserved entries (the EM /
  majorize-minimize view);
* :class:`Sparse`: a SciPy sparse X (CSR), never densified (:mod:`nmf_ref.sparse`);
* row blocks of a Dask array (:class:`nmf_ref.dask_blocks.Blocks`, in the module that
  imports Dask), run by its own loop (:func:`nmf_ref.dask_blocks.block_loop`): on a
  cluster one pass over X's blocks makes the W-step, WᵀX and WᵀW together, so the
  questions below, asked one at a time, would read X three times (or the answers
  would have to be kept between calls, in the loop's order). It shares the
  main loop's history, stopping tests, penalty and loss
  (:func:`nmf_ref.losses.penalty_of`, :func:`nmf_ref.losses.frobenius_from_products`).

The questions of the Gram loop take the current pair ``(W, H)`` and depend on
nothing else: ``X_Ht(W, H)`` (:math:`XH^T`), ``Wt_X(W, H)`` (:math:`W^TX`),
``loss(W, H, cross, WtW, HHt)`` and ``exact_loss(W, H)``
(:math:`\\tfrac12\\|X-WH\\|^2`, over the observed entries). The steps that read X
itself (MU's β-divergence and exact masked steps) get ``data.X`` and
``data.mask``. The initializations (:mod:`nmf_ref.init`) read ``shape``, ``dtype``,
``mean()`` and ``truncated_svd(rank)``.
"""

import numpy as np

from . import _checks as checks
from .losses import frobenius, frobenius_from_products
from .rules import names
from .sparse import has_zero as sparse_has_zero
from .sparse import is_sparse


def as_data(X, mask=None, rule=None, beta=2.0):
    """Validate X (and its mask) for ``rule`` and return it as one data object.

    Parameters
    ----------
    X : array_like, SciPy sparse matrix (CSR or CSC), or Dask array chunked by rows
        Non-negative; NaN allowed where ``mask`` is False.
    mask : bool array of shape (m, n), optional
        True where X is observed (dense X only).
    rule : nmf_ref.rules.Rule, optional
        The solver's record: what it accepts (a mask, a sparse X, the row blocks).
        None checks X and the mask only.
    beta : float
        The β of the loss.

    Returns
    -------
    Dense, Masked, Sparse or nmf_ref.dask_blocks.Blocks
        X copied (the caller's array is never modified), checked, zero where unobserved.

    Raises
    ------
    ValueError, TypeError
        With the argument's name and the fix, as :mod:`nmf_ref._checks` words them.
    """
    X = checks.as_matrix(X, sparse=True, blocks=True)
    if checks.is_dask(X):
        from .dask_blocks import as_blocks  # imports Dask

        X = as_blocks(X)
        if rule is not None:
            X.check_supported(rule.name, beta)
    if mask is not None:
        if rule is not None and not rule.accepts_mask:
            raise ValueError(f"solver={rule.name!r} does not fit a mask; use one of "
                             f"{names('accepts_mask')}.")
        mask = checks.check_mask(mask, X.shape, X)
    if is_sparse(X) and rule is not None and not rule.accepts_sparse:
        raise ValueError(f"solver={rule.name!r} does not take a sparse X; use one of "
                         f"{names('accepts_sparse')}, or pass X.toarray().")
    checks.check_values(X, "X", observed=mask)
    if mask is not None:
        X[~mask] = 0  # never read again, but keeps the arithmetic finite
        return Masked(X, mask)
    if checks.is_dask(X):
        return X  # nmf_ref.dask_blocks.Blocks answers for itself
    return Sparse(X) if is_sparse(X) else Dense(X)


class Dense:
    """A dense X with every entry observed: two products and a loss.

    Every method takes the current ``W`` (m×r) and ``H`` (r×n): ``X_Ht`` returns
    :math:`XH^T` (m×r), ``Wt_X`` :math:`W^TX` (r×n), ``loss`` and ``exact_loss``
    :math:`\\tfrac12\\|X - WH\\|^2` as a float.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The validated data.
    """

    mask = None  # every entry observed
    gram = True  # the Gram loop may run on it (and extrapolate)

    def __init__(self, X):
        self.X, self.norm2 = X, float(np.vdot(X, X))
        self.shape, self.dtype = X.shape, X.dtype
        self.entries = X.size  # what one product reads (for A-HALS's sweep budget)

    @property
    def masked(self):
        """True if some entries are left out of the fit."""
        return self.mask is not None

    def has_zero(self):
        """True if some observed entry is zero (β ≤ 0 cannot fit it)."""
        return bool((self.X == 0).any())

    def mean(self):
        """The mean entry (unobserved ones count as 0), for the initializations.

        Returns
        -------
        float
        """
        return self.X.mean()

    def truncated_svd(self, rank):
        """The leading ``rank`` singular triplets ``(U, S, Vt)`` (a full SVD), for NNDSVD.

        Parameters
        ----------
        rank : int

        Returns
        -------
        (U, S, Vt) : ndarrays
        """
        return np.linalg.svd(self.X, full_matrices=False)

    def X_Ht(self, W, H):
        """:math:`XH^T` (m×r), column-major.

        Parameters
        ----------
        W, H : ndarrays of shape (m, r) and (r, n)

        Returns
        -------
        ndarray of shape (m, r)
        """
        # (H Xᵀ)ᵀ is X Hᵀ to the last bit, but BLAS makes the thin r×m product
        # faster (up to 1.5x here), and it comes out column-major, as HALS wants
        return (H @ self.X.T).T

    def Wt_X(self, W, H):
        """:math:`W^TX` (r×n).

        Parameters
        ----------
        W, H : ndarrays of shape (m, r) and (r, n)

        Returns
        -------
        ndarray of shape (r, n)
        """
        return W.T @ self.X

    def loss(self, W, H, cross, WtW, HHt):
        """½‖X − WH‖² from the products (:func:`nmf_ref.losses.frobenius_from_products`),
        or from the residual for a fit too close for the difference of large terms.

        Parameters
        ----------
        W, H : ndarrays
        cross : float
            ⟨WᵀX, H⟩ (or ⟨XHᵀ, W⟩).
        WtW, HHt : ndarrays of shape (r, r)

        Returns
        -------
        float
        """
        loss = frobenius_from_products(self.norm2, cross, WtW, HHt)
        return self.exact_loss(W, H) if loss is None else loss

    def exact_loss(self, W, H):
        """½‖X − WH‖², from the residual.

        Parameters
        ----------
        W, H : ndarrays

        Returns
        -------
        float
        """
        return frobenius(self.X, W, H)


class Masked(Dense):
    """A dense X under a mask. For the Gram solvers, the EM surrogate: the unobserved
    entries take the model's value WH at the pair asked about (:meth:`filled`).

    Each product needs WH at its pair, and consecutive questions often share a pair
    (the loss at the end of an iteration, then XHᵀ at its start), so the last WH is
    kept with the pair it belongs to and reused when asked about the same pair
    again: two m×n products per iteration, whatever order the questions come in.

    Parameters
    ----------
    X : ndarray of shape (m, n), zero where ``mask`` is False
    mask : bool ndarray of shape (m, n), True where X is observed
    """

    def __init__(self, X, mask):
        super().__init__(X)
        self.mask = mask
        self._last = None  # (W, H, WH): copies of the last pair asked about, and its WH

    def has_zero(self):
        """True if some observed entry is zero."""
        return bool((self.X[self.mask] == 0).any())

    def model(self, W, H):
        """WH at ``(W, H)``, computed once per pair.

        Parameters
        ----------
        W, H : ndarrays of shape (m, r) and (r, n)

        Returns
        -------
        ndarray of shape (m, n)
        """
        last = self._last
        if last is None or not (np.array_equal(last[0], W) and np.array_equal(last[1], H)):
            last = self._last = (W.copy(), H.copy(), W @ H)
        return last[2]

    def filled(self, W, H):
        """X with its unobserved entries filled in by WH at ``(W, H)``.

        Parameters
        ----------
        W, H : ndarrays of shape (m, r) and (r, n)

        Returns
        -------
        ndarray of shape (m, n)
        """
        return np.where(self.mask, self.X, self.model(W, H))

    def X_Ht(self, W, H):
        """:math:`\\tilde X H^T` for the filled-in :math:`\\tilde X` at ``(W, H)``."""
        return (H @ self.filled(W, H).T).T

    def Wt_X(self, W, H):
        """:math:`W^T\\tilde X` for the filled-in :math:`\\tilde X` at ``(W, H)``."""
        return W.T @ self.filled(W, H)

    def loss(self, W, H, *products):
        """½‖M∘(X − WH)‖², from WH at ``(W, H)`` (the products are not needed)."""
        residual = (self.X - self.model(W, H))[self.mask]
        return 0.5 * float(residual @ residual)

    def exact_loss(self, W, H):
        """½‖M∘(X − WH)‖²."""
        return frobenius(self.X, W, H, self.mask)


class Sparse(Dense):
    """A SciPy sparse X (canonical CSR, from :func:`nmf_ref.sparse.as_sparse`): both
    products are sparse × dense, O(nnz·r), and the loss never forms WH.

    Xᵀ is kept as a CSR too (one more copy of the stored entries), so that both
    products run row by row over the stored entries.

    Parameters
    ----------
    X : SciPy sparse matrix of shape (m, n), canonical CSR, validated
    """

    def __init__(self, X):
        self.X, self.Xt = X, X.T.tocsr()
        self.shape, self.dtype = X.shape, X.dtype
        self.norm2 = float(X.data @ X.data)
        self.entries = X.nnz

    def has_zero(self):
        """True if some entry is zero (unstored, or stored as 0)."""
        return sparse_has_zero(self.X)

    def truncated_svd(self, rank):
        """``scipy.sparse.linalg.svds`` (imported here), run to machine precision from a
        fixed start, so X is never densified: the leading ``rank`` triplets, decreasing."""
        X = self.X
        if rank >= min(X.shape):  # one side is at most r long: X is no bigger than W or H
            return np.linalg.svd(X.toarray(), full_matrices=False)
        from scipy.sparse.linalg import svds

        k = min(X.shape)
        U, S, Vt = svds(X, k=rank, tol=0, v0=np.full(k, 1 / np.sqrt(k)), solver="arpack")
        order = np.argsort(S)[::-1]  # svds returns them in increasing order
        return U[:, order], S[order], Vt[order]

    def X_Ht(self, W, H):
        """:math:`XH^T`, sparse × dense."""
        return np.asfortranarray(self.X @ H.T)  # column-major, as HALS wants

    def Wt_X(self, W, H):
        """:math:`W^TX`, as :math:`(X^TW)^T`, sparse × dense."""
        return (self.Xt @ W).T

    # loss: Dense's, from the products, falling back to exact_loss (below)
    # when the fit is so close that the difference of large terms loses its digits

    def exact_loss(self, W, H):
        """The stored entries' residual plus ‖WH‖² over the unstored zeros."""
        return frobenius(self.X, W, H)
