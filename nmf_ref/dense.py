"""A dense X with every entry observed: the answers every other kind starts from.

:mod:`nmf_ref.data` makes it at the door and extends it (``Masked``, ``Sparse``), as
:mod:`nmf_ref.dask_blocks` does (``Blocks``, which holds W on the workers and answers
the W half-step in one pass); the one loop (:func:`nmf_ref.solve.nmf`) asks each the
same few questions. It lives in its own module so that :mod:`nmf_ref.data`, the only
module that asks what kind X is, stays short.
"""

from functools import cached_property

import numpy as np

from .objective import frobenius_from_products, gram, inner, penalty, transpose_times

# Up to this size X_Ht reads a row-major copy of Xᵀ: on one BLAS thread, H Xᵀ from it
# takes 0.5-0.95x the time it takes from the transposed view (65 against 81 µs on the
# 1797×64 digits at r = 10; r = 10 and 30, up to 1797×300 and 300×1000). On larger X it
# gains little or loses (1.05x on 2000×1000 at r = 30), and the copy costs X's memory again.
XT_COPY_BYTES = 2**22


class Dense:
    """A dense X with every entry observed: two products and a loss, each asked at the
    current ``W`` (m×r) and ``H`` (r×n).

    Parameters
    ----------
    X : ndarray of shape (m, n), validated
    """

    mask, masked = None, False  # every entry observed
    gram = True  # in memory: the loop may extrapolate on it
    needs = None  # what a rule's record must accept: (its fact, the refusal; read by nmf)

    def __init__(self, X):
        self.X, self.shape, self.dtype = X, X.shape, X.dtype
        self.entries = self.size = X.size  # what a product reads (A-HALS); entries fitted
        self._last = None  # (W, H, WH): copies of the last pair asked about, and its WH

    @cached_property
    def norm2(self):
        """float: ‖X‖² over the entries fitted."""
        return float(np.vdot(self.X, self.X))

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
        # (H Xᵀ)ᵀ is X Hᵀ to rounding, but faster (BLAS), and column-major for HALS
        return (H @ self._Xt).T

    @cached_property
    def _Xt(self):
        """Xᵀ as X_Ht reads it: a row-major copy for an X of at most XT_COPY_BYTES."""
        return np.ascontiguousarray(self.X.T) if self.X.nbytes <= XT_COPY_BYTES else self.X.T

    def Wt_X(self, W, H):
        """:math:`W^TX` (r×n), from ``W`` and ``H`` of shapes (m, r) and (r, n), in
        row blocks where BLAS multiplies those faster (:func:`nmf_ref.objective.transpose_times`).

        Parameters
        ----------
        W, H : ndarrays

        Returns
        -------
        ndarray of shape (r, n)
        """
        return transpose_times(W, self.X)

    def hold(self, W):
        """W as the loop holds it: a copy it may update (:meth:`release` gives it back).

        Parameters
        ----------
        W : ndarray of shape (m, r)

        Returns
        -------
        ndarray of shape (m, r), column-major
        """
        # column-major, the layout of XHᵀ as X_Ht forms it: HALS writes W a column at a
        # time, and MU's W-step then runs every entrywise pass in one layout (mixing
        # layouts made its division strided: 15 µs of a 200 µs iteration on the digits)
        return np.array(W, order="F")

    def release(self, W):
        """W as the user sees it (the callback, the result): the array itself.

        Parameters
        ----------
        W : ndarray of shape (m, r)

        Returns
        -------
        ndarray of shape (m, r)
        """
        return W

    def w_step(self, W, H, HHt, step, l1, l2, options, with_WtX=True, move=None):
        """The W half-step and what the rest of the iteration needs of X, in one question.

        Parameters
        ----------
        W, H, HHt : ndarrays of shape (m, r), (r, n) and (r, r)
        step : callable
            The rule's ``step(W, HHt, XHt, l1, l2, **options) -> (W_new, violation)``.
        l1, l2 : float
            W's penalty weights.
        options : dict
            The keyword options of ``step``.
        with_WtX : bool, default=True
            Whether to make :math:`W^TX` (the H half-step needs it).
        move : callable, optional
            Applied to the new W before its products (the extrapolation).

        Returns
        -------
        W_new, violation, WtW, WtX, cross
            The new W, its step's violation, :math:`W^TW`, and either :math:`W^TX` and
            None, or (``with_WtX=False``: H is fixed) None and
            :math:`\\langle X, WH\\rangle` at the new W and this H, for the loss.
        """
        XHt = self.X_Ht(W, H)
        W, violation = step(W, HHt, XHt, l1, l2, **options)
        if move is not None:
            W = move(W)
        # ⟨X, WH⟩ only for a fixed H (the loop takes ⟨WᵀX, H⟩ after H's step)
        if with_WtX:
            return W, violation, gram(W), self.Wt_X(W, H), None
        return W, violation, gram(W), None, inner(XHt, W)

    def penalty(self, W, H, regs):
        """:func:`nmf_ref.losses.penalty` at ``(W, H)``.

        Parameters
        ----------
        W, H : ndarrays
        regs : tuple of float
            ``(l1_W, l1_H, l2_W, l2_H)``.

        Returns
        -------
        float
        """
        return penalty(W, H, *regs)

    def loss(self, W, H, cross, WtW, HHt):
        """½‖X − WH‖² from the products (:func:`nmf_ref.objective.frobenius_from_products`),
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
        R = self.X - W @ H
        return 0.5 * float(np.dot(R.ravel(), R.ravel()))

    def _model(self, W, H):
        """WH (m×n) at ``(W, H)`` (m×r, r×n), computed once per pair: consecutive
        questions often share one."""
        last = self._last
        if last is None or not (np.array_equal(last[0], W) and np.array_equal(last[1], H)):
            last = self._last = (W.copy(), H.copy(), W @ H)
        return last[2]

    def pairs(self, W, H):
        """X and WH at ``(W, H)``, flat, at every entry where X may be non-zero.

        Parameters
        ----------
        W, H : ndarrays

        Returns
        -------
        x, y : 1-D ndarrays
        """
        return self.X.ravel(), self._model(W, H).ravel()

    def model_sum(self, W, H, power=1):
        """:math:`\\sum_{ij} (WH)_{ij}^{power}` over the entries fitted.

        Parameters
        ----------
        W, H : ndarrays
        power : float, default=1

        Returns
        -------
        float
        """
        if power == 1:  # ⟨W1, Hᵀ1⟩: column sums of W times row sums of H
            return np.dot(W.sum(axis=0), H.sum(axis=1))
        return (self._model(W, H).ravel() ** power).sum()

    def beta_terms(self, W, H, top, bottom, side):
        """The two products of MU's β-step for the factor ``side``.

        Parameters
        ----------
        W, H : ndarrays of shape (m, r) and (r, n)
        top : callable ``top(X, WH)``
            The numerator's entrywise term, :math:`X \\circ (WH)^{\\beta-2}`.
        bottom : callable ``bottom(WH)``, or None
            The denominator's, :math:`(WH)^{\\beta-1}`; None where it is 1 (KL).
        side : {"W", "H"}

        Returns
        -------
        numerator, denominator : ndarrays
            ``top`` and ``bottom`` times :math:`H^T` (side W), or :math:`W^T` times them
            (side H); None for a None ``bottom`` (the caller's closed form).
        """
        WH = W @ H
        terms = (top(self.X, WH), None if bottom is None else bottom(WH))
        if side == "W":
            return tuple(None if T is None else T @ H.T for T in terms)
        return tuple(None if T is None else W.T @ T for T in terms)
