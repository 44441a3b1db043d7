"""The objective from what the loop has made anyway: products and sums, never WH.

The Frobenius loss from the Gram products, and the penalty (from W's sums, which
the Dask row blocks add up for a W they hold). Every kind of X shares them
(:mod:`nmf_ref.dense`, :mod:`nmf_ref.data`, :mod:`nmf_ref.dask_blocks`), so they sit
below all of them; :mod:`nmf_ref.losses` re-exports :func:`penalty`.
"""

import numpy as np


def inner(A, B):
    """⟨A, B⟩ = Σ A∘B for two arrays of one shape, read in the order they lie in memory.

    ``np.vdot`` flattens row by row, so it copies a column-major array: the loop
    holds W column-major, and for a 1797×10 W the copy took 200 µs where the sum
    itself takes 14.

    Parameters
    ----------
    A, B : ndarrays of the same shape

    Returns
    -------
    float
    """
    if A.flags.f_contiguous and B.flags.f_contiguous:
        A, B = A.T, B.T  # row-major views of the same entries
    return float(np.vdot(A, B))


# Up to this k·r², gram(A) multiplies A's transpose by a copy of A (measured on one BLAS
# thread: 1797×20 and 20000×5 gain, 1797×30 and 4096×16 lose).
GEMM_GRAM = 800_000


def gram(A):
    """AᵀA for a (k, r) array A: the Gram the Frobenius loop makes every half-step.

    NumPy hands ``A.T @ A`` to BLAS's symmetric product (syrk), which on a thin A is
    slower than the general one: on one thread, for a 1797×10 W, 19 µs against 12 µs
    for ``A.T @ copy`` including the copy. Above :data:`GEMM_GRAM` the copy and the
    doubled arithmetic cost more than syrk saves. Equal to ``A.T @ A`` to rounding.

    Parameters
    ----------
    A : ndarray of shape (k, r)

    Returns
    -------
    ndarray of shape (r, r)
    """
    k, r = A.shape
    if k * r * r <= GEMM_GRAM:
        return A.T @ A.copy(order="K")  # another buffer: NumPy then calls gemm
    return A.T @ A


# OpenBLAS multiplies a product of m·n·k ≤ 10⁶ with its small-matrix kernels, which skip
# the packing of the general one (on AVX-512 cores, its "SkylakeX" kernels: most x86
# servers). AᵀB for a thin A (k×r) and a B of few columns is often a little above that:
# transpose_times cuts it into row blocks under it. Measured on one BLAS thread, k from
# 1000 to 6000, n from 64 to 300: 0.55-0.96x the time of one call at r ≤ 10 and at most
# 5 blocks (the digits' WᵀX: 80 → 48 µs); on two threads 0.44-1.09x; with OpenBLAS's
# Haswell kernels (no small kernels) 0.91-1.01x. With more blocks, or r ≥ 20, the whole
# product's own threading wins on two threads (the split up to 1.8x slower).
SMALL_PRODUCT = 10**6
MAX_BLOCKS, MAX_BLOCKED_RANK = 5, 10


def transpose_times(A, B):
    """AᵀB for A (k×r) and B (k×n): one product, or a sum of row-block products each
    within OpenBLAS's small-matrix size (:data:`SMALL_PRODUCT`), when that takes at most
    :data:`MAX_BLOCKS` blocks and r ≤ :data:`MAX_BLOCKED_RANK`. Equal to ``A.T @ B`` to
    rounding (the sum runs in another order).

    Parameters
    ----------
    A : ndarray of shape (k, r)
    B : ndarray of shape (k, n)

    Returns
    -------
    ndarray of shape (r, n)
    """
    k, r = A.shape
    rows = SMALL_PRODUCT // max(r * B.shape[1], 1)  # the most rows a small product takes
    if k <= rows or r > MAX_BLOCKED_RANK or k > rows * MAX_BLOCKS:
        return A.T @ B
    blocks = -(-k // rows)  # the fewest, of about equal size
    step = -(-k // blocks)
    product = A[:step].T @ B[:step]
    for start in range(step, k, step):
        product += A[start:start + step].T @ B[start:start + step]
    return product


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


def penalty(W, H, l1_reg_W=0.0, l1_reg_H=0.0, l2_reg_W=0.0, l2_reg_H=0.0):
    """The regularization terms scikit-learn adds to the objective.

    :math:`l_{1,W}\\|W\\|_1 + \\tfrac12 l_{2,W}\\|W\\|_F^2 + l_{1,H}\\|H\\|_1 + \\tfrac12 l_{2,H}\\|H\\|_F^2`
    (the factors are non-negative, so the L1 norm is a plain sum).

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The left factor (non-negative).
    H : ndarray of shape (r, n)
        The right factor (non-negative).
    l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H : float, default=0.0
        The scaled weights of :func:`nmf_ref.solve.regularization`.

    Returns
    -------
    float
        The penalty; 0.0 when every weight is zero.
    """
    regs = (l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H)
    if not any(regs):
        return 0.0
    return penalty_of(W.sum(), inner(W, W), H, regs)


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
