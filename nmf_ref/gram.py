"""X as the Gram solvers see it: the two products per half-step, and the loss.

A Frobenius rule needs the data only through :math:`XH^T` and :math:`W^TX`
(:mod:`nmf_ref.rules`), so the loop in :mod:`nmf_ref.solve` asks one of these
objects for them and never touches X itself. Each kind of X gets its own class
with the same five methods, ``start_at(W, H)``, ``X_Ht(W, H)``, ``Wt_X(W, H)``,
``loss(W, H, cross, WtW, HHt)`` and ``exact_loss(W, H)``:

* :class:`Dense`: a dense X, every entry observed;
* :class:`FilledIn`: a dense X under a mask (the EM / majorize-minimize view);
* :class:`Sparse`: a SciPy sparse X (CSR), never densified (:mod:`nmf_ref.sparse`).

:func:`for_gram_loop` picks the class: the loop never asks what kind X is. The
loop calls ``start_at`` where it starts, and wherever it jumps to a pair that no
update made (an extrapolation restart, :mod:`nmf_ref.extrapolate`).
"""

import numpy as np

from .losses import frobenius
from .sparse import is_sparse


def for_gram_loop(X, mask=None):
    """X as the Gram loop asks for it.

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix (canonical CSR) of shape (m, n)
        Already validated, zero where ``mask`` is False.
    mask : ndarray of bool of shape (m, n), default=None
        True where X is observed; None: every entry is.

    Returns
    -------
    Dense, FilledIn or Sparse
        :class:`FilledIn` under a mask, else :class:`Sparse` for a sparse X, else
        :class:`Dense`.
    """
    if mask is not None:
        return FilledIn(X, mask)
    return Sparse(X) if is_sparse(X) else Dense(X)


class Dense:
    """A dense X with every entry observed, as the Gram solvers see it: two products and a loss.

    Every method takes the current ``W`` (m×r) and ``H`` (r×n): ``X_Ht`` returns
    :math:`XH^T` (m×r), ``Wt_X`` :math:`W^TX` (r×n), ``loss`` and ``exact_loss``
    :math:`\\tfrac12\\|X - WH\\|^2` as a float.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The data, already validated.
    """

    def __init__(self, X):
        self.X, self.norm2 = X, float(np.vdot(X, X))
        self.entries = X.size  # what one product reads (for A-HALS's sweep budget)

    def start_at(self, W, H):
        """The loop (re)starts at ``(W, H)``: nothing to refresh for an observed X; returns None.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.
        """

    def X_Ht(self, W, H):
        """The product :math:`XH^T`.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W; not read (one signature for every kind of X).
        H : ndarray of shape (r, n)
            The current H.

        Returns
        -------
        ndarray of shape (m, r)
            :math:`XH^T`, column-major.
        """
        # (H Xᵀ)ᵀ is X Hᵀ to the last bit, but BLAS makes the thin r×m product
        # faster (up to 1.5x here), and it comes out column-major, as HALS wants
        return (H @ self.X.T).T

    def Wt_X(self, W, H):
        """The product :math:`W^TX`.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H; not read (one signature for every kind of X).

        Returns
        -------
        ndarray of shape (r, n)
            :math:`W^TX`.
        """
        return W.T @ self.X

    def loss(self, W, H, cross, WtW, HHt):
        """½‖X − WH‖² = ½(‖X‖² − 2⟨WᵀX, H⟩ + ⟨WᵀW, HHᵀ⟩), from the products (``cross``
        is ⟨WᵀX, H⟩). The terms are of size ‖X‖², so the difference keeps only
        eps·‖X‖²/loss of relative precision: for a near-exact fit, where that is
        poor, pay for the direct residual instead.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.
        cross : float
            ⟨WᵀX, H⟩.
        WtW : ndarray of shape (r, r)
            WᵀW.
        HHt : ndarray of shape (r, r)
            HHᵀ.

        Returns
        -------
        float
            ½‖X − WH‖²; computed directly (:func:`nmf_ref.losses.frobenius`) when the
            formula gives at most 1e-6·‖X‖².
        """
        loss = 0.5 * (self.norm2 - 2 * cross + float(np.vdot(WtW, HHt)))
        return loss if loss > 1e-6 * self.norm2 else frobenius(self.X, W, H)

    def exact_loss(self, W, H):
        """½‖X − WH‖², computed from the residual.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.

        Returns
        -------
        float
            ½‖X − WH‖² (:func:`nmf_ref.losses.frobenius`).
        """
        return frobenius(self.X, W, H)


class FilledIn(Dense):
    """X under a mask, for the Gram solvers: the EM surrogate, in which unobserved
    entries take the model's current value WH. Each call below follows a change
    of W or H (the loop's order: X_Ht, W-step, Wt_X, H-step, loss), so WH is
    recomputed there once and reused by the next call: two m×n products per
    iteration.

    Parameters
    ----------
    X : ndarray of shape (m, n), zero where ``mask`` is False
    mask : bool ndarray of shape (m, n), True where X is observed
    """

    def __init__(self, X, mask):
        self.X, self.mask, self.WH = X, mask, None
        self.entries = X.size

    def start_at(self, W, H):  # fill the unobserved entries at the new point
        """Fill the unobserved entries at the new point (WH is recomputed); returns None.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.
        """
        self.WH = W @ H

    def X_Ht(self, W, H):  # W and H as when WH was last computed
        r""":math:`\tilde X H^T`, with :math:`\tilde X` = X where observed, the last WH elsewhere.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.

        Returns
        -------
        ndarray of shape (m, r)
            The product, column-major; W and H must be as when WH was last computed.
        """
        return (H @ np.where(self.mask, self.X, self.WH).T).T

    def Wt_X(self, W, H):  # W has just changed
        r""":math:`W^T\tilde X` after W has changed: WH is recomputed first.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.

        Returns
        -------
        ndarray of shape (r, n)
            :math:`W^T	ilde X`, the unobserved entries filled with the new WH.
        """
        self.WH = W @ H
        return W.T @ np.where(self.mask, self.X, self.WH)

    def loss(self, W, H, *products):  # H (or W, when H is fixed) has just changed
        """½ the squared residual over the observed entries, after H (or W) has changed.

        WH is recomputed here and reused by the next call.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.
        *products
            ``cross, WtW, HHt`` as for :meth:`Dense.loss`; not read.

        Returns
        -------
        float
            ½‖mask ∘ (X − WH)‖².
        """
        self.WH = W @ H
        residual = (self.X - self.WH)[self.mask]  # losses.frobenius with a mask, reusing WH
        return 0.5 * float(residual @ residual)

    def exact_loss(self, W, H):
        """½ of the squared residual over the observed entries, computed afresh.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.

        Returns
        -------
        float
            ½‖mask ∘ (X − WH)‖² (:func:`nmf_ref.losses.frobenius` with the mask).
        """
        return frobenius(self.X, W, H, self.mask)


class Sparse(Dense):
    """A SciPy sparse X (canonical CSR, from :func:`nmf_ref.sparse.as_sparse`): both
    products are sparse × dense, O(nnz·r), and the loss never forms WH.

    Xᵀ is kept as a CSR too (one more copy of the stored entries), so that both
    products run row by row over the stored entries.

    Parameters
    ----------
    X : SciPy sparse matrix (canonical CSR) of shape (m, n)
        The data, already validated.
    """

    def __init__(self, X):
        self.X, self.Xt = X, X.T.tocsr()
        self.norm2 = float(X.data @ X.data)
        self.entries = X.nnz

    def X_Ht(self, W, H):
        """The product :math:`XH^T`, sparse × dense.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W; not read (one signature for every kind of X).
        H : ndarray of shape (r, n)
            The current H.

        Returns
        -------
        ndarray of shape (m, r)
            :math:`XH^T`, column-major (as HALS wants).
        """
        return np.asfortranarray(self.X @ H.T)  # column-major, as HALS wants

    def Wt_X(self, W, H):
        """The product :math:`W^TX`, as :math:`(X^T W)^T` over the stored entries.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H; not read (one signature for every kind of X).

        Returns
        -------
        ndarray of shape (r, n)
            :math:`W^TX`.
        """
        return (self.Xt @ W).T

    # loss: Dense's, from the products, falling back to exact_loss (below)
    # when the fit is so close that the difference of large terms loses its digits

    def exact_loss(self, W, H):
        """½‖X − WH‖² without forming WH: the stored entries plus ‖WH‖² for the zeros.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The current W.
        H : ndarray of shape (r, n)
            The current H.

        Returns
        -------
        float
            ½‖X − WH‖² (:func:`nmf_ref.losses.frobenius`).
        """
        return frobenius(self.X, W, H)  # the stored entries plus ‖WH‖² for the zeros
