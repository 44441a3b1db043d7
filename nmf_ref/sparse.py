"""A SciPy sparse X, used without ever forming an m×n array.

Book: chapter 16. SciPy is not imported here: a sparse matrix is recognized by
its type's module (:func:`is_sparse`) and used through its own attributes
(``data``, ``indices``, ``indptr``) and its products with dense arrays.

What NMF needs of a sparse X, and what it costs (nnz = number of stored entries):

* the Gram solvers: :math:`XH^T` and :math:`W^TX`, sparse × dense, O(nnz·r)
  (:class:`nmf_ref.data.Sparse`);
* MU for β ≠ 2: WH at the stored entries only, O(nnz·r)
  (:func:`stored_product`), plus, for β ≠ 1, sums over *all* entries of a power
  of WH, computed a block of rows at a time (:func:`dense_sums`): time O(mnr),
  memory one block;
* the losses: on the stored entries, plus a closed form for the unstored zeros
  where one exists (:mod:`nmf_ref.losses`).

The unstored entries of a sparse X are **zeros that were observed**, not missing
values: for missing entries pass a dense X and a ``mask`` (chapter 15).
"""

import numpy as np

BLOCK_ENTRIES = 2**21  # entries of WH formed at once (16 MB in float64)
FORMATS = ("csr", "csc")


def is_sparse(X):
    """True for a SciPy sparse matrix or array (recognized without importing SciPy).

    Parameters
    ----------
    X : object
        Anything; only the module of its type is read.

    Returns
    -------
    bool
        Whether ``type(X)`` comes from ``scipy.sparse``.
    """
    return type(X).__module__.startswith("scipy.sparse")


def as_sparse(X, name="X", dtype=None):
    """A canonical CSR copy of the sparse matrix ``X`` (CSR or CSC), in float.

    float32 stays float32, everything else becomes float64; duplicate entries
    are summed and explicitly stored zeros dropped. The caller's matrix is not
    modified. Values are checked by :func:`nmf_ref._checks.check_values`.

    Parameters
    ----------
    X : SciPy sparse matrix or array of shape (m, n), CSR or CSC
        The matrix to copy.
    name : str, default="X"
        The argument's name, for the messages.
    dtype : numpy dtype, default=None
        The copy's dtype; None keeps float32 and makes everything else float64.

    Returns
    -------
    SciPy sparse matrix (CSR) of shape (m, n)
        A canonical copy: no duplicates, no stored zeros.

    Raises
    ------
    TypeError
        If ``X`` is in another format than CSR or CSC, or does not hold real numbers.
    ValueError
        If ``X`` is not 2-D or is empty.
    """
    fmt = getattr(X, "format", None)
    if fmt not in FORMATS:
        raise TypeError(f"{name} is a sparse matrix in {fmt!r} format; nmf_ref takes CSR or "
                        f"CSC. Convert it with {name}.tocsr().")
    if len(X.shape) != 2:
        raise ValueError(f"{name} must be 2-D, got shape {X.shape}.")
    if 0 in X.shape:
        raise ValueError(f"{name} is empty (shape {X.shape}); it needs at least one entry.")
    kind = np.dtype(X.dtype)
    if not (np.issubdtype(kind, np.number) or kind == bool) or np.issubdtype(kind, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got dtype {kind}. Convert it with "
                        f"{name}.astype(float).")
    target = dtype or (np.float32 if kind == np.float32 else np.float64)
    A = X.astype(target, copy=True).tocsr(copy=True)  # tocsr of a CSC makes a new one anyway
    A.sum_duplicates()
    A.eliminate_zeros()
    return A


def canonical(X, mask=None):
    """``X`` as a CSR without duplicate entries (a copy only when it is not one already).

    Parameters
    ----------
    X : SciPy sparse matrix of shape (m, n)
        Any format with ``tocsr``.
    mask : None, default=None
        Must be None: a mask is refused with a sparse X.

    Returns
    -------
    SciPy sparse matrix (CSR) of shape (m, n)
        ``X`` itself if it is a canonical CSR already, else a canonical copy.

    Raises
    ------
    ValueError
        If ``mask`` is not None.
    """
    if mask is not None:
        raise ValueError("mask is not supported with a sparse X, whose unstored entries are "
                         "observed zeros. For missing entries pass a dense X with NaN and "
                         "mask=~np.isnan(X).")
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


def dense_sums(W, H, power, floor=None, times_Ht=False, Wt_times=None):
    """Sums over every entry of :math:`P = \\max(WH, \\text{floor})^{power}`, a block
    of rows at a time, never holding all of WH.

    Returns :math:`P H^T` (m×r) if ``times_Ht``, :math:`A^T P` (r×n) if the
    (m×r) ``Wt_times`` = A is given, else :math:`\\sum_{ij} P_{ij}`.

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The left factor.
    H : ndarray of shape (r, n)
        The right factor.
    power : float
        The exponent applied to each entry.
    floor : float, default=None
        Entries of WH below it are raised to it first; None: no floor.
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
        P = W[rows] @ H
        if floor is not None:
            np.maximum(P, floor, out=P)
        P **= power
        if times_Ht:
            out[rows] = P @ H.T
        elif Wt_times is not None:
            out += Wt_times[rows].T @ P
        else:
            out += float(P.sum())
    return out
