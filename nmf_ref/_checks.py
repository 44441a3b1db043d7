"""Input validation of the arrays (X, W, H, the mask) shared by every public entry point
of :mod:`nmf_ref`; the scalar and option checks live in :mod:`nmf_ref._options`.

Each check names the argument it rejects and says how to fix it, and none of
them modifies the caller's array: they return a fresh float array instead.
"""

import numbers

import numpy as np

from ._options import (BETA_NAMES, check_beta, check_choice,  # noqa: F401 (re-exported)
                       check_nonnegative_number, check_random_state, check_rank)

SPARSE_FORMATS = ("csr", "csc")


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
    modified. Values are checked by :func:`check_values`.

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
    if fmt not in SPARSE_FORMATS:
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


def float_dtype(X):
    """The float dtype to compute in: float32 stays float32 (as in scikit-learn), else float64.

    Parameters
    ----------
    X : array_like
        Any array; only its dtype is read.

    Returns
    -------
    type
        ``np.float32`` if ``X``'s dtype is float32, else ``np.float64``.
    """
    return np.float32 if np.asarray(X).dtype == np.float32 else np.float64


def check_matrix(X, name="X", *, dtype=None):
    """Return a float copy of the 2-D, non-empty, finite, non-negative matrix ``X``.

    Parameters
    ----------
    X : array_like of shape (m, n)
        The matrix to check (dense only: a sparse matrix is a TypeError).
    name : str, default="X"
        The argument's name, for the messages.
    dtype : numpy dtype, default=None
        The copy's dtype; None keeps float32 and makes everything else float64.

    Returns
    -------
    ndarray of shape (m, n)
        A fresh float copy of ``X``.
    """
    A = as_matrix(X, name, dtype)
    check_values(A, name)
    return A


def check_values(A, name="X", observed=None):
    """NaN, inf and negative values are errors among the ``observed`` entries; returns None.

    ``observed`` is a mask from :func:`check_mask`: what stands elsewhere (NaN,
    inf, a -1 sentinel) is never read.

    Parameters
    ----------
    A : ndarray of shape (m, n), SciPy sparse matrix, or nmf_ref.dask_blocks.Blocks
        The matrix to check; of a sparse matrix only its stored values are read, and
        row blocks check themselves (:meth:`nmf_ref.dask_blocks.Blocks.check_values`).
    name : str, default="X"
        The argument's name, for the messages.
    observed : ndarray of bool of shape (m, n), default=None
        True where an entry is observed; None reads every entry.
    """
    if is_dask(A):  # nmf_ref.dask_blocks.Blocks: one pass over the blocks, done once
        return A.check_values(name)
    values = A.data if is_sparse(A) else A if observed is None else A[observed]
    if np.isnan(values).any():
        if is_sparse(A):
            hint = (" among its stored values. A sparse X cannot mark missing entries (its "
                    "unstored entries are observed zeros): pass a dense X with NaN and "
                    "mask=~np.isnan(X), or drop the NaN entries.")
        elif observed is not None:
            hint = " where mask is True; mark those entries False in mask."
        elif name == "X":
            hint = (". If those entries are missing values, pass mask=~np.isnan(X) "
                    "to nmf_ref.nmf so they are left out of the fit.")
        else:
            hint = "; NMF needs finite values."
        raise ValueError(f"{name} contains NaN{hint}")
    if np.isinf(values).any():
        raise ValueError(f"{name} contains inf; NMF needs finite values.")
    if (values < 0).any():
        raise ValueError(
            f"Negative values in data passed as {name} (min {values.min():.3g}); NMF "
            f"needs a non-negative matrix: shift or clip the data first."
        )


def is_dask(X):
    """True for a Dask array, or the row-block view of one (:class:`nmf_ref.dask_blocks.Blocks`).

    Parameters
    ----------
    X : object
        Anything; only the module of its type is read (Dask is not imported).

    Returns
    -------
    bool
        Whether ``X``'s type comes from a ``dask.`` module or from ``nmf_ref.dask_blocks``.
    """
    module = type(X).__module__
    return module.startswith("dask.") or module == "nmf_ref.dask_blocks"


def as_matrix(X, name="X", dtype=None, *, sparse=False, blocks=False):
    """A float copy of ``X`` if it is a 2-D, non-empty array of real numbers.

    ``sparse=True`` lets a SciPy sparse matrix through as a canonical CSR copy
    (:func:`as_sparse`), and ``blocks=True`` a Dask array as it is:
    the caller turns it into row blocks (:func:`nmf_ref.dask_blocks.as_blocks`), so that
    this module imports nothing above it. Neither imports SciPy or Dask.

    Parameters
    ----------
    X : array_like, or a SciPy sparse matrix, or a Dask array
    name : str, default="X"
        The argument's name, for the messages.
    dtype : numpy dtype, optional
        Default: float32 stays float32, everything else becomes float64.
    sparse, blocks : bool, default=False
        Let a sparse matrix, or a Dask array, through (see above).

    Returns
    -------
    ndarray of shape (m, n), a fresh copy (or the sparse copy, or the Dask array)
    """
    if is_sparse(X) or hasattr(X, "toarray"):
        if sparse and is_sparse(X):
            return as_sparse(X, name, dtype)
        raise TypeError(
            f"{name} is a sparse matrix; this function works on dense arrays. "
            f"Pass {name}.toarray()."
        )
    if blocks and is_dask(X):
        return X
    try:
        A = np.asarray(X)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a 2-D array of numbers: {exc}") from None
    if A.dtype == object or not (
        np.issubdtype(A.dtype, np.number) or A.dtype == bool
    ) or np.iscomplexobj(A):
        raise TypeError(
            f"{name} must hold real numbers, got dtype {A.dtype}. "
            f"Convert it with np.asarray({name}, dtype=float)."
        )
    if A.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (rows x columns), got {A.ndim} dimension(s) with "
            f"shape {A.shape}. Reshape it, e.g. {name}.reshape(1, -1) for one row."
        )
    if A.size == 0:
        raise ValueError(f"{name} is empty (shape {A.shape}); it needs at least one entry.")
    return np.array(A, dtype=dtype or float_dtype(A), copy=True)


def check_row_chunked(X, name="X"):
    """A Dask array fit for the row-block path (:func:`nmf_ref.dask_blocks.as_blocks`), in float.

    Read from its attributes only, so that this module does not import Dask.

    Parameters
    ----------
    X : dask.array.Array
    name : str
        The argument's name, for the messages.

    Returns
    -------
    dask.array.Array
        ``X``, or ``X.astype(float64)`` when it holds neither float32 nor float64.
    """
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D (rows x columns), got {X.ndim} dimension(s).")
    if any(np.isnan(c) for chunks in X.chunks for c in chunks):
        raise ValueError(f"{name} has unknown chunk sizes; call {name}.compute_chunk_sizes() "
                         "first.")
    if 0 in X.shape:
        raise ValueError(f"{name} is empty (shape {X.shape}); it needs at least one entry.")
    if len(X.chunks[1]) > 1:
        raise ValueError(
            f"{name} is chunked along its columns too (column chunks {X.chunks[1]}); the "
            f"row-block path needs whole rows in each block. Rechunk it: "
            f"{name} = {name}.rechunk({{1: -1}}).")
    if type(X._meta).__module__.split(".")[0] != "numpy":
        raise TypeError(f"{name}'s blocks are {type(X._meta).__name__}, not NumPy arrays; "
                        "the row-block path needs dense NumPy blocks.")
    kind = np.dtype(X.dtype)
    if not (np.issubdtype(kind, np.number) or kind == bool) or np.issubdtype(kind, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got dtype {kind}. Convert it with "
                        f"{name}.astype(float).")
    if kind not in (np.float32, np.float64):
        X = X.astype(np.float64)
    return X


def check_factor(A, shape, name, dtype):
    """A user-supplied W or H: right shape, finite, non-negative; returns a copy.

    Parameters
    ----------
    A : array_like
        The factor given by the user.
    shape : tuple of int
        The shape it must have, ``(m, r)`` for W or ``(r, n)`` for H.
    name : str
        ``"W"`` or ``"H"``, for the messages.
    dtype : numpy dtype or None
        The copy's dtype (X's); None keeps float32 and makes everything else float64.

    Returns
    -------
    ndarray of shape ``shape``
        A fresh float copy of ``A``.
    """
    A = check_matrix(A, name, dtype=dtype)
    if A.shape != shape:
        raise ValueError(
            f"{name} has shape {A.shape}, expected {shape} for this X and rank."
        )
    return A


def check_mask(mask, shape, X=None):
    """A boolean mask of X's shape, True where an entry is observed (dense X only).

    Parameters
    ----------
    mask : array_like of bool of shape (m, n)
        True where an entry of X is observed.
    shape : tuple of int
        X's shape ``(m, n)``.
    X : array_like, SciPy sparse matrix or Dask array, default=None
        X itself, read only to refuse a mask with a sparse or Dask X.

    Returns
    -------
    ndarray of bool of shape (m, n)
        A copy of ``mask``.
    """
    if is_sparse(X):
        raise ValueError("mask is not supported with a sparse X, whose unstored entries are "
                         "observed zeros. For missing entries pass a dense X with NaN (or any "
                         "value) there and mask=~np.isnan(X).")
    if is_dask(X):
        raise ValueError("mask is not supported with a Dask X (the row-block path fits every "
                         "entry). Fit a dense X with a mask, or fill the missing entries first.")
    M = np.asarray(mask)
    if M.dtype != bool:
        raise TypeError(
            f"mask must be a boolean array (True = observed), got dtype {M.dtype}. "
            "Build it with a comparison, e.g. mask=~np.isnan(X)."
        )
    if M.shape != shape:
        raise ValueError(f"mask has shape {M.shape}, expected X's shape {shape}.")
    if not M.any():
        raise ValueError("mask has no True entry: nothing is observed, nothing to fit.")
    return M.copy()


def check_observed(X, mask=None, name="X"):
    """A dense X and the entries to fit: ``(X, observed)``.

    Without a mask every entry is observed and X must be finite; with one, only
    the observed entries are checked, and the others are set to 0 in the copy
    (never read, but they keep the arithmetic finite).

    Parameters
    ----------
    X : array_like of shape (m, n)
    mask : bool array of shape (m, n), optional
        True where X is observed.
    name : str
        The argument's name, for the messages.

    Returns
    -------
    X : ndarray, a fresh float copy
    observed : bool ndarray of X's shape (all True without a mask)
    """
    if mask is None:
        X = check_matrix(X, name)
        return X, np.ones(X.shape, dtype=bool)
    X = as_matrix(X, name)
    mask = check_mask(mask, X.shape)
    check_values(X, name, observed=mask)
    X[~mask] = 0
    return X, mask
