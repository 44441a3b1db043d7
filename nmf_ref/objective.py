"""The objective from what the loops have made anyway: products and sums, never WH.

Every kind of X shares these closed forms (:mod:`nmf_ref.data`, and the row blocks of
:mod:`nmf_ref.dask_blocks`, whose blocks add up their own sums), so they sit below
both, beside nothing that asks what kind X is.
"""

import numpy as np


def frobenius_from_products(norm2, cross, WtW, HHt):
    """½‖X − WH‖² = ½(‖X‖² − 2⟨WᵀX, H⟩ + ⟨WᵀW, HHᵀ⟩) from the products the Gram loop
    made anyway (``norm2`` = ‖X‖², ``cross`` = ⟨WᵀX, H⟩ or ⟨XHᵀ, W⟩, two r×r Grams).

    The terms are of size ‖X‖², so the difference keeps only eps·‖X‖²/loss of relative
    precision: for a near-exact fit (loss ≤ 1e-6·‖X‖²) it returns None, and the caller
    pays for the residual.

    Parameters
    ----------
    norm2, cross : float
    WtW, HHt : ndarrays of shape (r, r)

    Returns
    -------
    float or None
    """
    loss = 0.5 * (norm2 - 2 * cross + float(np.vdot(WtW, HHt)))
    return loss if loss > 1e-6 * norm2 else None


def penalty_of(W_sum, W_sq, H, regs):
    """:func:`penalty` from W's sum and squared norm, for a W held in row blocks
    (:mod:`nmf_ref.dask_blocks`), whose blocks add up their own.

    Parameters
    ----------
    W_sum, W_sq : float
        :math:`\\sum_{ij} W_{ij}` and :math:`\\|W\\|_F^2`.
    H : ndarray
    regs : tuple of float
        ``(l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H)``.

    Returns
    -------
    float
    """
    l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H = regs
    if not (l1_reg_W or l1_reg_H or l2_reg_W or l2_reg_H):
        return 0.0
    return float(
        l1_reg_W * W_sum
        + l1_reg_H * H.sum()
        + 0.5 * l2_reg_W * W_sq
        + 0.5 * l2_reg_H * np.vdot(H, H)
    )
