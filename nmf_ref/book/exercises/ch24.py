"""Checkers of chapter 24 (NMF as clustering): check_normalized_indicator,
check_onmf_loss, check_one_nonzero_per_row."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _require

_LABELINGS = [np.array([0, 1, 1, 2, 0, 2, 2]), np.array([1, 0, 0, 0, 1]),
              np.array([2, 2, 0, 1, 3, 3, 3, 1, 0])]


def check_normalized_indicator(func):
    """``func(labels, k)`` must return W (n × k), W_ik = 1/√n_k if point i is in cluster k."""
    from ... import orthogonal

    _require(func is not orthogonal.indicator,
             "That is nmf_ref's own function; build W yourself with NumPy.")
    for labels in _LABELINGS:
        k = int(labels.max()) + 1
        got = _as_array(_call(func, labels.copy(), k), "W")
        n = labels.size
        _require(got.shape == (n, k), f"W has one row per point and one column per cluster: "
                                      f"shape {(n, k)}, got {got.shape}.")
        sizes = np.bincount(labels, minlength=k)
        want = np.zeros((n, k))
        want[np.arange(n), labels] = 1 / np.sqrt(sizes[labels])
        if np.allclose(got, want):
            continue
        _require((got >= 0).all(), "W must be non-negative.")
        _require(np.array_equal(got > 0, want > 0),
                 "Row i of W has its one non-zero in the column of point i's cluster.")
        if np.allclose(got, (want > 0) * 1.0):
            _require(False, f"With 0/1 entries WᵀW = diag(cluster sizes) = "
                            f"{np.diag(sizes).tolist()}, not I: divide each column by the "
                            "square root of its cluster's size.")
        if np.allclose(got, (want > 0) / sizes[None, :]):
            _require(False, "Dividing by the cluster size makes the columns sum to 1, not "
                            "have norm 1: use the square root of the size.")
        _require(False, "The columns must have norm 1 (WᵀW = I) with equal entries inside a "
                        "cluster.")
    return _correct("W = (indicator) · diag(1/√n_k): non-negative, WᵀW = I, and WWᵀX "
                    "replaces each point by its cluster's mean.")


def check_onmf_loss(func):
    """``func(X, labels)`` must return ‖X − WWᵀX‖²_F for the normalized indicator W,
    which is the k-means loss of the labels."""
    rng = np.random.default_rng(24)
    for labels in _LABELINGS:
        X = rng.uniform(size=(labels.size, 3))
        got = _number(_call(func, X.copy(), labels.copy()), "Your loss")
        want = sum(np.sum((X[labels == k] - X[labels == k].mean(axis=0)) ** 2)
                   for k in np.unique(labels))
        if np.isclose(got, want, rtol=1e-9):
            continue
        if np.isclose(got, np.sqrt(want), rtol=1e-9):
            _require(False, "That is the norm; the loss is its square (as k-means' inertia).")
        if np.isclose(got, want / 2, rtol=1e-9):
            _require(False, "No ½ here: k-means' loss is the plain sum of squared distances.")
        B = np.zeros((labels.size, labels.max() + 1))
        B[np.arange(labels.size), labels] = 1
        if np.isclose(got, np.sum((X - B @ (B.T @ X)) ** 2), rtol=1e-9):
            _require(False, "With a 0/1 indicator B, BBᵀX adds up each cluster's points "
                            "instead of averaging them: normalize the columns first.")
        _require(False, f"Expected ‖X − WWᵀX‖² = {want:.6g}, got {got:.6g}.")
    return _correct("‖X − WWᵀX‖² with the normalized indicator is Σ_k Σ_{i∈C_k} ‖x_i − μ_k‖², "
                    "k-means' loss, as scikit-learn's inertia_.")


@_chooses
def check_one_nonzero_per_row(answer):
    """Reasoning: why a non-negative W with orthonormal columns has at most one non-zero
    per row. Right: (b)."""
    return _choice(answer, "b", {
        "a": "unit norm constrains each column alone; a column can have many non-zeros and "
             "still norm 1, and two such columns could share rows if they were not orthogonal.",
        "c": "this argues from the conclusion: that orthogonal NMF is a clustering is what "
             "the lemma is used to prove.",
        "d": "W is n × r, with far more rows than columns; and a square orthogonal matrix can "
             "have many non-zeros per row (a rotation), when entries may be negative.",
    }, "for k ≠ l, 0 = Σ_i W_ik W_il is a sum of non-negative terms, so every term is 0: "
       "no row is non-zero in two columns.")
