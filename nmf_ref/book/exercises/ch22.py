"""Checkers of chapter 22 (Separable NMF): check_spa, check_scaling_counterexample,
check_spa_failure."""

import inspect

import numpy as np

from ...separable import anchor_weights, spa
from ._common import _call, _choice, _chooses, _correct, _require


def _cases():
    """Separable test matrices (columns scaled at random) and a noisy one."""
    rng = np.random.RandomState(22)
    out = []
    for m, n, r in ((5, 12, 3), (8, 30, 4), (20, 60, 6), (4, 9, 4)):
        W = rng.uniform(0.05, 1, (m, r))
        H = np.hstack([np.eye(r), rng.dirichlet(np.ones(r), n - r).T])
        X = (W @ H)[:, rng.permutation(n)] * rng.uniform(0.05, 20, n)
        out.append((X, r))
    out.append((rng.uniform(size=(10, 25)), 5))
    return out


def _indices(got, r, n):
    try:
        J = np.asarray(got)
    except (TypeError, ValueError):
        J = np.empty(0)
    _require(J.ndim == 1 and J.size == r,
             f"Return the {r} chosen column indices as a 1-D array or list, got "
             f"{type(got).__name__} of shape {np.shape(got)}.")
    _require(np.issubdtype(J.dtype, np.integer),
             "Return column indices (whole numbers), not the columns themselves.")
    _require(((J >= 0) & (J < n)).all(), f"Indices run from 0 to {n - 1} (Python counts "
                                         "from 0).")
    return J


def check_spa(func):
    """``func(X, r)``: the indices of the r columns SPA picks, after scaling every
    column of X to sum 1 (any order of the indices is accepted). Written in NumPy."""
    _require(not _uses_library(func),
             "Write SPA yourself with NumPy; calling nmf_ref.separable.spa is what the "
             "exercise asks you to reproduce.")
    for X, r in _cases():
        n = X.shape[1]
        J = _indices(_call(func, X.copy(), r), r, n)
        right = spa(X, r)
        if set(J.tolist()) == set(right.tolist()):
            continue
        _require(set(J.tolist()) != set(spa(X, r, normalize=False).tolist()),
                 "Scale every column to sum 1 before choosing: without it a long mixed "
                 "column beats a short pure one.")
        norms = np.linalg.norm(X / X.sum(axis=0), axis=0)
        _require(set(J.tolist()) != set(np.argsort(norms)[::-1][:r].tolist()),
                 "After choosing a column, project every column onto the orthogonal "
                 "complement of the chosen one; otherwise you pick near-copies of the "
                 "first anchor.")
        _require(set(J.tolist()) != set((right + 1).tolist()),
                 "Python counts from 0: your indices are one too large.")
        _require(False, f"On a {X.shape[0]} × {n} matrix with r = {r} you chose "
                        f"{sorted(J.tolist())}, expected {sorted(right.tolist())}. Pick "
                        "the column of largest Euclidean norm, then project.")
    return _correct("scale the columns, pick the longest, project it out, repeat: the "
                    "anchors of separable data, whatever their order and scale.")


def _uses_library(func):
    """True if ``func`` is nmf_ref's SPA, or its code reaches nmf_ref (a name bound to
    nmf_ref or to one of its functions, or the word in its source)."""
    if func is spa:
        return True
    try:
        names = inspect.getclosurevars(func)
        bound = {**names.globals, **names.nonlocals}.values()
    except (TypeError, ValueError):
        bound = ()
    if any(getattr(v, "__module__", None) == "nmf_ref.separable" or v is spa
           or getattr(v, "__name__", "").startswith("nmf_ref") for v in bound):
        return True
    try:
        return "nmf_ref" in inspect.getsource(func)
    except (TypeError, OSError):
        return False


def check_scaling_counterexample(X):
    """``X``: a separable non-negative matrix (2 to 10 rows, at least 3 columns) on
    which SPA *without* column scaling picks a column that is not pure, while SPA with
    scaling (``nmf_ref.separable.spa``) finds the pure columns."""
    try:
        A = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"Not yet. Give a matrix of numbers, got {type(X).__name__}.") \
            from None
    _require(A.ndim == 2 and 2 <= A.shape[0] <= 10 and A.shape[1] >= 3,
             f"Give a 2-D array with 2 to 10 rows and at least 3 columns, got shape "
             f"{A.shape}.")
    _require(np.isfinite(A).all() and (A >= 0).all(), "Every entry must be finite and ≥ 0.")
    _require((A.sum(axis=0) > 0).all(), "Give no zero column: it is nobody's mixture.")
    r = int(np.linalg.matrix_rank(A))
    _require(r < A.shape[1], "With as many independent columns as columns, every column "
                             "is an anchor; add a column that mixes the others.")
    J = spa(A, r)
    H = anchor_weights(A, J)
    _require(np.allclose(A[:, J] @ H, A, atol=1e-9 * A.max()),
             "X is not separable: some column is not a non-negative combination of the "
             f"columns SPA picks ({sorted(J.tolist())}). Make every column a mixture of "
             "a few pure columns.")
    raw = spa(A, r, normalize=False)
    _require(not set(raw.tolist()) <= set(J.tolist()),
             "Without scaling SPA still picks pure columns here. Make one mixed column "
             "much longer than the pure ones (multiply it by 10, say).")
    return _correct(f"unscaled, SPA takes column {[j for j in raw if j not in J][0]}, a "
                    "mixture, because it is long; scaled to sum 1, every mixture lies "
                    "inside the hull of the pure columns and can never be the longest.")


@_chooses
def check_spa_failure(answer):
    """Reasoning: which data make SPA fail even without noise."""
    return _choice(answer, "c", {
        "a": "SPA looks at every column at each step: shuffling them moves its choices "
             "with the columns, and it picks the same points.",
        "b": "scaling every column to sum 1 first removes the scales: SPA then sees the "
             "same points whatever the scale of each column.",
        "d": "any number of mixed columns lies inside the hull of the pure ones and can "
             "never be the longest; they change nothing.",
    }, "with a material that has no pure pixel the vertex SPA needs is not among the "
       "columns; the longest remaining column is a mixture, and SPA returns it.")
