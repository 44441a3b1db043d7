"""What an NMF iteration costs, measured and counted; batch HALS against mini-batch NMF.

Book: chapter 16. Nothing here asserts a time: the chapter prints what this
machine measured and draws it.
"""

import warnings

import numpy as np

from ..data import Dense, Sparse
from ..rules import anls, hals
from ..sparse import as_sparse, is_sparse
from ..solve import nmf
from .timing import best_time

BYTES = 8  # float64


def costs(m, n, r, nnz=None):
    """Memory (bytes) and flops of one HALS iteration, counted, not measured.

    ``nnz`` (default m·n) is the number of stored entries of X: the products
    cost 2·nnz·r flops each whether X is sparse or dense (dense: nnz = m·n).
    A sparse X stores each entry with a 4-byte column index (CSR), plus m + 1
    row pointers.
    """
    nnz = m * n if nnz is None else nnz
    memory = {"X dense": BYTES * m * n, "X sparse (CSR)": (BYTES + 4) * nnz + 4 * (m + 1),
              "W and H": BYTES * r * (m + n)}
    # a sweep over W is r products of the m×r W with a vector: 2mr² flops (H: 2nr²)
    flops = {"X Hᵀ and Wᵀ X": 2 * 2 * nnz * r, "Grams HHᵀ, WᵀW": 2 * (m + n) * r * r,
             "the two sweeps": 2 * (m + n) * r * r}
    return {"memory": memory, "flops": flops}


def time_parts(X, rank, repeats=5, random_state=0):
    """Seconds (best of ``repeats``) of each part of one HALS iteration on ``X``
    (dense or sparse), as :func:`nmf_ref.nmf` runs it: ``{part: seconds}``."""
    data = Sparse(as_sparse(X)) if is_sparse(X) else Dense(np.asarray(X, dtype=float))
    rng = np.random.RandomState(random_state)
    W, H = rng.uniform(size=(X.shape[0], rank)), rng.uniform(size=(rank, X.shape[1]))
    XHt, WtX = data.X_Ht(W, H), data.Wt_X(W, H)
    HHt, WtW = H @ H.T, W.T @ W
    parts = {"X Hᵀ": lambda: data.X_Ht(W, H),
             "Wᵀ X": lambda: data.Wt_X(W, H),
             "Grams": lambda: (H @ H.T, W.T @ W),
             "sweep over W": lambda: hals.update_W(W, HHt, XHt),
             "sweep over H": lambda: hals.update_W(H.T, WtW, WtX.T)}
    return {part: best_time(fn, repeats)[0] for part, fn in parts.items()}


def relative_error(X, W, H, norm_X):
    """‖X − WH‖ / ‖X‖, a block of rows at a time (X may be large)."""
    total = 0.0
    for start in range(0, X.shape[0], 4096):
        R = X[start:start + 4096] - W[start:start + 4096] @ H
        total += float(np.vdot(R, R))
    return np.sqrt(total) / norm_X


def best_fit_error(X, H, norm_X):
    """‖X − WH‖/‖X‖ with the best W ≥ 0 for this H (one exact NNLS per row, ANLS's
    solver): how good the components H are, whoever produced them."""
    XHt = X @ H.T
    W = anls.step(np.zeros_like(XHt), H @ H.T, XHt)[0]
    return relative_error(X, W, H, norm_X)


def batch_vs_minibatch(X, rank, n_iter=20, batch_size=1024, n_epochs=3, random_state=0):
    """Error against time of batch HALS (:func:`nmf_ref.nmf`) and scikit-learn's
    ``MiniBatchNMF`` (``partial_fit`` on one batch of rows at a time).

    Returns ``{name: (seconds, relative errors)}``; the clock stops while the
    error is measured. Both start from the same NNDSVDa-free random scale: HALS
    from ``init="random"``, MiniBatchNMF from its own random init (same seed).
    """
    from sklearn.decomposition import MiniBatchNMF

    X = np.asarray(X, dtype=float)
    norm_X = float(np.linalg.norm(X))
    errors, seconds = [], []
    res = nmf(X, rank, init="random", random_state=random_state, max_iter=n_iter, tol=0,
              callback=lambda it, W, H, loss: errors.append(np.sqrt(2 * loss) / norm_X) and False)
    seconds = list(res.time[1:])
    curves = {f"batch HALS (nmf_ref), {n_iter} iterations": (np.array(seconds), np.array(errors))}

    model = MiniBatchNMF(rank, init="random", batch_size=batch_size, random_state=random_state,
                         max_no_improvement=None, tol=0.0)
    rng = np.random.RandomState(random_state)
    elapsed, times, errs = 0.0, [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(n_epochs):
            order = rng.permutation(X.shape[0])
            for start in range(0, X.shape[0], batch_size):
                batch = X[order[start:start + batch_size]]
                elapsed += best_time(lambda: model.partial_fit(batch))[0]
                if (start // batch_size) % 4 == 3 or start + batch_size >= X.shape[0]:
                    times.append(elapsed)  # the clock is stopped: scoring only
                    errs.append(best_fit_error(X, model.components_, norm_X))
    curves[f"MiniBatchNMF (scikit-learn), batches of {batch_size} rows"] = (
        np.array(times), np.array(errs))
    return curves
