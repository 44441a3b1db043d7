"""A SciPy sparse X, used without ever forming an m×n array.

Book: chapter 16. SciPy is not imported here: a sparse matrix is recognized at the
door (:func:`nmf_ref._checks.is_sparse`, :class:`nmf_ref.data.Sparse`) and used
through its own attributes (``data``, ``indices``, ``indptr``) and its products
with dense arrays. The functions below take a canonical CSR and never ask.

What NMF needs of a sparse X, and what it costs (nnz = number of stored entries):

* the Gram solvers: :math:`XH^T` and :math:`W^TX`, sparse × dense, O(nnz·r)
  (:class:`nmf_ref.data.Sparse`);
* MU for β ≠ 2: WH at the stored entries only, O(nnz·r)
  (:func:`stored_product`), plus, for β ≠ 1, sums over *all* entries of a power
  of WH, computed a block of rows at a time (:func:`dense_sums`): time O(mnr),
  memory one block;
* the losses: on the stored entries, plus a closed form for the unstored zeros
  where one exists (:func:`half_residual`, :mod:`nmf_ref.losses`), or, in the
  Gram loop, from the products (:mod:`nmf_ref.objective`).

The unstored entries of a sparse X are **zeros that were observed**, not missing
values: for missing entries pass a dense X and a ``mask`` (chapter 15).
"""

import numpy as np

from ._checks import as_sparse, is_sparse  # noqa: F401 (where the book imports them from)

BLOCK_ENTRIES = 2**21  # entries of WH formed at once (16 MB in float64)


def canonical(X):
    """``X`` as a CSR without duplicate entries (a copy only when it is not one already).

    Parameters
    ----------
    X : SciPy sparse matrix of shape (m, n)
        Any format with ``tocsr``.

    Returns
    -------
    SciPy sparse matrix (CSR) of shape (m, n)
        ``X`` itself if it is a canonical CSR already, else a canonical copy.
    """
    if X.format != "csr":
        X = X.tocsr()
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    return X


def has_zero(X):
    """True if some entry of the sparse ``X`` is zero (unstored, or stored as 0).

    Parameters
    ----------
    X : SciPy sparse matrix of shape (m, n)
        The matrix to look in.

    Returns
    -------
    bool
        Whether ``X`` has a zero entry.
    """
    return X.nnz < X.shape[0] * X.shape[1] or bool((X.data == 0).any())


def stored_rows(X):
    """Row index of every stored entry of the CSR ``X``, in storage order.

    Parameters
    ----------
    X : SciPy sparse matrix (CSR) of shape (m, n)
        The matrix.

    Returns
    -------
    ndarray of int of shape (nnz,)
        The row of each stored entry (its column is ``X.indices``).
    """
    return np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))


def stored_product(X, W, H, chunk=2**16):
    """:math:`(WH)_{ij}` at the stored entries (i, j) of the CSR ``X``, in storage order.

    Costs O(nnz·r) and, per chunk of stored entries, two chunk×r gathers; WH
    itself is never formed.

    Parameters
    ----------
    X : SciPy sparse matrix (CSR, canonical) of shape (m, n)
        Only its pattern is read.
    W : ndarray of shape (m, r)
        The left factor.
    H : ndarray of shape (r, n)
        The right factor.
    chunk : int, default=2**16
        Stored entries handled at once.

    Returns
    -------
    ndarray of shape (nnz,)
        ``(W @ H)[i, j]`` for each stored entry, aligned with ``X.data``.
    """
    rows, cols = stored_rows(X), X.indices
    Ht = np.ascontiguousarray(H.T)
    out = np.empty(X.nnz, dtype=np.result_type(W, H))
    for start in range(0, X.nnz, chunk):
        part = slice(start, start + chunk)
        np.einsum("ij,ij->i", W[rows[part]], Ht[cols[part]], out=out[part])
    return out


def with_data(X, data):
    """A sparse matrix of ``X``'s type and pattern holding ``data`` (no SciPy import).

    Parameters
    ----------
    X : SciPy sparse matrix (CSR or CSC) of shape (m, n)
        The pattern (``indices``, ``indptr``) and type to reuse.
    data : ndarray of shape (nnz,)
        The new stored values, aligned with ``X.data``.

    Returns
    -------
    SciPy sparse matrix of shape (m, n)
        Of ``type(X)``, sharing ``X``'s index arrays.
    """
    return type(X)((data, X.indices, X.indptr), shape=X.shape)


def row_blocks(m, n, entries=BLOCK_ENTRIES):
    """Slices of about ``entries / n`` rows covering 0..m: one block of WH at a time.

    Parameters
    ----------
    m : int
        Number of rows.
    n : int
        Number of columns (a block holds about ``entries`` entries).
    entries : int, default=BLOCK_ENTRIES
        Target number of entries per block (at least one row per block).

    Returns
    -------
    list of slice
        Consecutive row slices covering ``range(m)``.
    """
    step = max(1, entries // max(n, 1))
    return [slice(start, min(start + step, m)) for start in range(0, m, step)]


def dense_sums(W, H, entrywise, times_Ht=False, Wt_times=None):
    """Sums over every entry of :math:`P = f(WH)`, a block of rows at a time, never
    holding all of WH.

    Returns :math:`P H^T` (m×r) if ``times_Ht``, :math:`A^T P` (r×n) if the
    (m×r) ``Wt_times`` = A is given, else :math:`\\sum_{ij} P_{ij}`.

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The left factor.
    H : ndarray of shape (r, n)
        The right factor.
    entrywise : callable
        f, applied to a block of rows of WH (an entrywise function, such as a power).
    times_Ht : bool, default=False
        Return :math:`P H^T` (takes precedence over ``Wt_times``).
    Wt_times : ndarray of shape (m, r), default=None
        A; return :math:`A^T P`.

    Returns
    -------
    ndarray of shape (m, r), ndarray of shape (r, n), or float
        :math:`P H^T`, :math:`A^T P`, or :math:`\\sum_{ij} P_{ij}`, as above.
    """
    m, n = W.shape[0], H.shape[1]
    if times_Ht:
        out = np.empty((m, H.shape[0]), dtype=np.result_type(W, H))
    elif Wt_times is not None:
        out = np.zeros((Wt_times.shape[1], n), dtype=np.result_type(W, H))
    else:
        out = 0.0
    for rows in row_blocks(m, n):
        P = entrywise(W[rows] @ H)
        if times_Ht:
            out[rows] = P @ H.T
        elif Wt_times is not None:
            out += Wt_times[rows].T @ P
        else:
            out += float(P.sum())
    return out


def half_residual(X, W, H):
    """½‖X − WH‖² for a sparse X, never forming WH whole.

    The residual on the stored entries, plus Σ (WH)² over the unstored ones as
    ⟨WᵀW, HHᵀ⟩ − Σ_stored (WH)². That difference is exact up to eps·‖WH‖² (it is
    clipped at 0).

    Parameters
    ----------
    X : SciPy sparse matrix (CSR, canonical) of shape (m, n)
    W, H : ndarrays of shape (m, r) and (r, n)

    Returns
    -------
    float
    """
    y = stored_product(X, W, H)
    r = X.data - y
    unstored = float(np.vdot(W.T @ W, H @ H.T)) - float(y @ y)
    return 0.5 * (float(r @ r) + max(unstored, 0.0))


def truncated_svd(X, rank):
    """The leading ``rank`` singular triplets of a sparse X, decreasing, for NNDSVD.

    ``scipy.sparse.linalg.svds`` (imported here), run to machine precision from a fixed
    start, so X is never densified (unless one side is at most ``rank`` long).

    Parameters
    ----------
    X : SciPy sparse matrix of shape (m, n)
    rank : int

    Returns
    -------
    (U, S, Vt) : ndarrays
    """
    if rank >= min(X.shape):  # one side is at most r long: X is no bigger than W or H
        return np.linalg.svd(X.toarray(), full_matrices=False)
    from scipy.sparse.linalg import svds

    k = min(X.shape)
    U, S, Vt = svds(X, k=rank, tol=0, v0=np.full(k, 1 / np.sqrt(k)), solver="arpack")
    order = np.argsort(S)[::-1]  # svds returns them in increasing order
    return U[:, order], S[order], Vt[order]
