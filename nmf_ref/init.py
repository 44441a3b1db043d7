"""Starting points for NMF: random and the NNDSVD family.

``initialize(X, rank, method, random_state)`` returns ``(W, H)``. It follows
scikit-learn's ``_initialize_nmf`` rule for rule, so that

* ``"random"`` draws exactly scikit-learn's numbers for the same ``random_state``
  (H first, then W, from one ``RandomState``), bit for bit;
* ``"nndsvd"``, ``"nndsvda"`` and ``"nndsvdar"`` are the algorithm of
  Boutsidis & Gallopoulos (2008) on an **exact** SVD. scikit-learn uses a
  randomized SVD instead, so the two agree where that SVD is exact (for data of
  rank at most ``rank``, for instance) and differ slightly elsewhere.
"""

import numpy as np

from ._checks import check_choice, check_matrix, check_random_state, check_rank

INITS = ("random", "nndsvd", "nndsvda", "nndsvdar")  # the names, defined once


def default_method(shape, rank):
    """scikit-learn's choice for ``init=None``: NNDSVDa when it can, else random.

    Parameters
    ----------
    shape : tuple of int
        X's shape ``(m, n)``.
    rank : int
        The number of components r.

    Returns
    -------
    str
        ``"nndsvda"`` if ``rank <= min(shape)``, else ``"random"``.
    """
    return "nndsvda" if rank <= min(shape) else "random"


def initialize(X, rank, method=None, random_state=None, eps=1e-6):
    """Initial factors ``W`` (m×r) and ``H`` (r×n) for ``X`` (m×n).

    Parameters
    ----------
    X : array_like of shape (m, n)
        Non-negative data (validated here, never modified).
    rank : int
        The number of components r.
    method : {"random", "nndsvd", "nndsvda", "nndsvdar"} or None, default=None
        None picks ``"nndsvda"`` when ``rank <= min(m, n)``, else ``"random"``.
    random_state : None, int or np.random.RandomState, default=None
        Used by ``"random"`` and ``"nndsvdar"``.
    eps : float, default=1e-6
        NNDSVD entries below ``eps`` are set to zero (then filled by the a/ar
        variants).

    Returns
    -------
    W : ndarray of shape (m, r)
        Non-negative, X's float dtype.
    H : ndarray of shape (r, n)
        Non-negative, X's float dtype.

    Raises
    ------
    ValueError
        If ``method`` is unknown, or is an NNDSVD with ``rank > min(m, n)``; or if X is
        not a valid non-negative matrix.
    TypeError
        If ``rank`` is not an integer.
    """
    X = check_matrix(X)
    rank = check_rank(rank)
    method = check_method(method, X.shape, rank, "method")
    return start(X, rank, method, random_state, eps)


def check_method(method, shape, rank, name="init"):
    """The initialization to use for this shape and rank: ``method``, or the default for None.

    Parameters
    ----------
    method : {"random", "nndsvd", "nndsvda", "nndsvdar"} or None
        The requested initialization.
    shape : tuple of int
        X's shape ``(m, n)``.
    rank : int
        The number of components r.
    name : str, default="init"
        The argument's name, for the messages.

    Returns
    -------
    str
        One of :data:`INITS`.

    Raises
    ------
    ValueError
        If ``method`` is not in :data:`INITS`, or is an NNDSVD with ``rank > min(shape)``.
    """
    if method is None:
        return default_method(shape, rank)
    check_choice(method, name, INITS, hint=" (pass W and H for a custom start)" * (name == "init"))
    if method != "random" and rank > min(shape):
        raise ValueError(
            f"{method!r} initialization needs rank <= min(X.shape) = {min(shape)}, "
            f"got rank={rank}. Use {name}='random' for a larger rank."
        )
    return method


def start(X, rank, method, random_state=None, eps=1e-6):
    """:func:`initialize` without the checks, for callers that validated already.

    ``X`` is a float array (never modified) or a data object of :mod:`nmf_ref.data`
    (its ``shape``, ``dtype``, ``mean()`` and ``truncated_svd``), ``method`` one of
    :data:`INITS`.

    Parameters
    ----------
    X : ndarray of shape (m, n), or a data object of :mod:`nmf_ref.data`
        Validated non-negative float data; it must have ``mean()`` (and, for the NNDSVDs,
        be accepted by :func:`truncated_svd`).
    rank : int
        The number of components r.
    method : {"random", "nndsvd", "nndsvda", "nndsvdar"}
        The initialization.
    random_state : None, int or np.random.RandomState, default=None
        Used by ``"random"`` and ``"nndsvdar"``.
    eps : float, default=1e-6
        NNDSVD entries below ``eps`` are set to zero.

    Returns
    -------
    W : ndarray of shape (m, r)
        The initial W.
    H : ndarray of shape (r, n)
        The initial H.
    """
    if method == "random":
        return random_init(X, rank, random_state)
    W, H = nndsvd(X, rank, eps)
    if method == "nndsvda":
        # Zeros cannot grow under multiplicative updates: fill them with the mean.
        avg = X.mean()
        W[W == 0] = avg
        H[H == 0] = avg
    elif method == "nndsvdar":
        # Same idea with small random values (a fresh RandomState, as scikit-learn).
        rng = check_random_state(random_state)
        avg = X.mean()
        W[W == 0] = abs(avg * rng.standard_normal(size=np.count_nonzero(W == 0)) / 100)
        H[H == 0] = abs(avg * rng.standard_normal(size=np.count_nonzero(H == 0)) / 100)
    return W, H


def random_init(X, rank, random_state=None):
    """|N(0, 1)| entries scaled by :math:`\\sqrt{\\bar X / r}`, so WH has X's mean scale.

    H is drawn before W, as in scikit-learn, so a seed gives scikit-learn's numbers.

    Parameters
    ----------
    X : ndarray, SciPy sparse matrix or nmf_ref.dask_blocks.Blocks, of shape (m, n)
        Non-negative float data; only its mean, shape and dtype are read.
    rank : int
        The number of components r.
    random_state : None, int or np.random.RandomState, default=None
        The seed (:func:`nmf_ref._checks.check_random_state`).

    Returns
    -------
    W : ndarray of shape (m, r)
        Non-negative, X's dtype.
    H : ndarray of shape (r, n)
        Non-negative, X's dtype.
    """
    avg = np.sqrt(X.mean() / rank)
    rng = check_random_state(random_state)
    H = avg * rng.standard_normal(size=(rank, X.shape[1])).astype(X.dtype, copy=False)
    W = avg * rng.standard_normal(size=(X.shape[0], rank)).astype(X.dtype, copy=False)
    return np.abs(W), np.abs(H)


def truncated_svd(X, rank):
    """The leading singular triplets ``(U, S, Vt)`` of X, exact up to rounding.

    A dense X gets a full SVD. The data objects of :mod:`nmf_ref.data` (which
    :func:`nmf_ref.nmf` passes here) compute their own: a sparse X without being
    densified, a Dask X on its cluster.

    Parameters
    ----------
    X : ndarray of shape (m, n), or an object with a ``truncated_svd(rank)`` method
        The matrix.
    rank : int
        The number of triplets wanted, r.

    Returns
    -------
    U : ndarray of shape (m, k)
        Left singular vectors, by decreasing singular value.
    S : ndarray of shape (k,)
        Singular values, decreasing.
    Vt : ndarray of shape (k, n)
        Right singular vectors. A dense X gets all ``k = min(m, n)`` triplets, of
        which the caller reads the first ``rank``; a data object's ``truncated_svd``
        says what it returns.
    """
    if hasattr(X, "truncated_svd"):
        return X.truncated_svd(rank)
    return np.linalg.svd(X, full_matrices=False)


def nndsvd(X, rank, eps=1e-6):
    """Non-negative double SVD (Boutsidis & Gallopoulos 2008), zeros left as zeros.

    Each singular triplet :math:`(\\sigma_j, u_j, v_j)` is split into its positive
    and negative parts; the pair with the larger norm product gives a rank-one,
    non-negative piece :math:`\\sqrt{\\sigma_j \\|a\\|\\|b\\|}\\, (a/\\|a\\|)(b/\\|b\\|)^T`.
    The first triplet is non-negative up to sign (Perron–Frobenius), so it is
    used with absolute values.

    Parameters
    ----------
    X : ndarray, SciPy sparse matrix or nmf_ref.dask_blocks.Blocks, of shape (m, n)
        Non-negative float data, with ``rank <= min(m, n)``.
    rank : int
        The number of components r.
    eps : float, default=1e-6
        Entries of W and H below ``eps`` are set to zero.

    Returns
    -------
    W : ndarray of shape (m, r)
        Non-negative, X's dtype.
    H : ndarray of shape (r, n)
        Non-negative, X's dtype.
    """
    U, S, Vt = truncated_svd(X, rank)
    W = np.zeros((X.shape[0], rank), dtype=X.dtype)
    H = np.zeros((rank, X.shape[1]), dtype=X.dtype)
    W[:, 0] = np.sqrt(S[0]) * np.abs(U[:, 0])
    H[0, :] = np.sqrt(S[0]) * np.abs(Vt[0, :])
    for j in range(1, rank):
        x, y = U[:, j], Vt[j, :]
        x_p, y_p = np.maximum(x, 0), np.maximum(y, 0)
        x_n, y_n = np.maximum(-x, 0), np.maximum(-y, 0)
        m_p = np.linalg.norm(x_p) * np.linalg.norm(y_p)
        m_n = np.linalg.norm(x_n) * np.linalg.norm(y_n)
        # the sign of an SVD pair is arbitrary: keep whichever part is larger
        a, b, sigma = (x_p, y_p, m_p) if m_p > m_n else (x_n, y_n, m_n)
        if sigma == 0:  # a zero singular direction contributes nothing
            continue
        scale = np.sqrt(S[j] * sigma)
        W[:, j] = scale * a / np.linalg.norm(a)
        H[j, :] = scale * b / np.linalg.norm(b)
    W[W < eps] = 0
    H[H < eps] = 0
    return W, H
