"""Checkers of chapter 12 (Choosing the rank): check_connectivity, check_heldout_rmse,
check_bcv_prediction, check_training_error_reason, check_rank_gap."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _require


def check_connectivity(func):
    """``func(labels)``: the m×m connectivity matrix, 1 where samples i and j share a label."""
    cases = [np.array([0, 1, 0, 2, 1]), np.array([2, 2, 2]), np.array([1, 0, 3, 3, 0, 1, 2])]
    for labels in cases:
        got = _as_array(_call(func, labels.copy()), "The connectivity matrix")
        m = len(labels)
        _require(got.shape == (m, m), f"For {m} samples return an {m}×{m} matrix, got shape "
                                      f"{got.shape}.")
        want = (labels[:, None] == labels[None, :]).astype(float)
        _require(not np.allclose(got, np.outer(labels, labels)),
                 "Multiplying the labels compares their values, not whether they are equal: "
                 "cluster 0 would never be connected to anything.")
        _require(not np.allclose(got, 1 - want),
                 "That is 1 where the samples are in different clusters: the distance, not "
                 "the connectivity.")
        _require(not np.allclose(got, want - np.eye(m)),
                 "A sample is always in its own cluster: the diagonal is 1.")
        _require(np.allclose(got, want), "Entry (i, j) is 1 when labels[i] == labels[j], "
                                         "else 0.")
    return _correct("averaging these matrices over runs gives the consensus matrix; a "
                    "stable rank makes every average 0 or 1.")


def check_heldout_rmse(func):
    """``func(X, W, H, test)``: the RMSE of X − WH over the held-out entries (``test`` True)."""
    rng = np.random.RandomState(12)
    for m, n in ((6, 5), (9, 4)):
        X = rng.uniform(size=(m, n))
        W, H = rng.uniform(size=(m, 2)), rng.uniform(size=(2, n))
        test = rng.uniform(size=(m, n)) < 0.3
        test[0, 0], test[-1, -1] = True, False
        R = X - W @ H
        got = _number(_call(func, X.copy(), W.copy(), H.copy(), test.copy()), "Your RMSE")
        want = np.sqrt(np.mean(R[test] ** 2))
        _require(not np.isclose(got, np.sqrt(np.mean(R ** 2))),
                 "You averaged over every entry; only the held-out ones (test True) count.")
        _require(not np.isclose(got, np.sqrt(np.mean(R[~test] ** 2))),
                 "That is the training error: the entries the fit saw. Use those where "
                 "test is True.")
        _require(not np.isclose(got, np.mean(R[test] ** 2)),
                 "That is the mean squared error; take its square root.")
        _require(not np.isclose(got, np.sqrt(np.sum(R[test] ** 2))),
                 "Average the squares before the square root (a mean, not a sum), so "
                 "that hold-outs of different sizes compare.")
        _require(np.isclose(got, want, rtol=1e-9), "sqrt(mean((X − WH)² over the held-out "
                                                   "entries)).")
    return _correct("the held-out error is what a model of the wrong rank cannot hide: "
                    "too few components miss structure, too many fit the noise.")


def _nnls_rows(A, H, iterations=2000):
    """min_{W ≥ 0} ‖A − WH‖ row by row, by projected gradient on the small Gram problem
    (exact to rounding after enough steps: the problem is strictly convex here)."""
    G, AHt = H @ H.T, A @ H.T
    step = 1.0 / np.linalg.eigvalsh(G)[-1]
    W = np.maximum(AHt @ np.linalg.pinv(G), 0)
    for _ in range(iterations):
        W = np.maximum(W - step * (W @ G - AHt), 0)
    return W


def check_bcv_prediction(func):
    """``func(B, C, W_D, H_D)``: Owen & Perry's NMF prediction of the held-out block A,
    W_A H_A with W_A = argmin_{W≥0} ‖B − W H_D‖ and H_A = argmin_{H≥0} ‖C − W_D H‖."""
    rng = np.random.RandomState(2009)
    W_D, H_D = rng.uniform(size=(8, 2)), rng.uniform(size=(2, 7))
    W_D[:, 1] += 0.9 * W_D[:, 0]  # correlated columns: unconstrained fits go negative
    H_D[1] += 0.9 * H_D[0]
    B = rng.uniform(size=(5, 7))
    C = rng.uniform(size=(8, 4))
    W_A = _nnls_rows(B, H_D)
    H_A = _nnls_rows(C.T, W_D.T).T
    want = W_A @ H_A
    got = _as_array(_call(func, B.copy(), C.copy(), W_D.copy(), H_D.copy()), "The prediction")
    _require(got.shape == want.shape, f"A has B's rows and C's columns: shape {want.shape}, "
                                      f"got {got.shape}.")
    W_ls = B @ np.linalg.pinv(H_D)
    H_ls = np.linalg.pinv(W_D) @ C
    _require(not np.allclose(got, W_ls @ H_ls, rtol=1e-3),
             "Unconstrained least squares lets W_A and H_A go negative; NMF's factors "
             "must stay ≥ 0 (non-negative least squares).")
    _require(not np.allclose(got, np.maximum(W_ls, 0) @ np.maximum(H_ls, 0), rtol=1e-3),
             "Clipping the least-squares solution at 0 is not the non-negative "
             "least-squares solution (chapter 5): solve the constrained problem.")
    _require(np.allclose(got, want, rtol=1e-3, atol=1e-4 * np.abs(want).max()),
             "Fit W_A from B with H_D fixed, H_A from C with W_D fixed (both ≥ 0), "
             "and return W_A @ H_A.")
    return _correct("A is never used to fit anything: rows I speak through H_D, columns J "
                    "through W_D, and only their product is compared with A.")


TRAINING_ERROR_STATEMENTS = {
    "a": "Larger ranks converge to better local minima because the solvers run longer.",
    "b": "Any rank-r factorization is also a rank-(r+1) one (add a zero column to W and a "
         "zero row to H), so the best rank-(r+1) error is at most the best rank-r error.",
    "c": "The noise in X shrinks as r grows, so there is less left to fit.",
    "d": "The multiplicative updates never increase the loss.",
}


@_chooses
def check_training_error_reason(letter):
    """The letter of the statement (``TRAINING_ERROR_STATEMENTS``) that explains why the
    best training error can only go down as r grows."""
    return _choice(letter, "b", {
        "a": "Running longer is about the optimizer, not the model: even the exact "
             "optimum at each rank would show the same trend. Why?",
        "c": "The noise is in the data; it does not depend on the model you fit to it. "
             "The larger model fits more of it, which is the problem.",
        "d": "Monotone updates explain why one run's loss falls with iterations, not why "
             "the best loss falls with the rank.",
    }, "the rank-r models are nested inside the rank-(r+1) ones, so the training error "
       "cannot tell a real component from fitted noise.")


GAP_STARTS = 8  # random starts (plus NNDSVDa) that must all stay above GAP_ERROR
GAP_ERROR = 1e-3  # relative error: clearly not an exact fit


def check_rank_gap(X):
    """``X``: a small non-negative matrix (at most 8 × 8) whose nonnegative rank exceeds
    its rank. Checked numerically: r = rank(X) ≥ 3, and NMF at rank r (HALS, NNDSVDa
    and :data:`GAP_STARTS` random starts) stays above a relative error of
    :data:`GAP_ERROR` from every start."""
    from ... import nmf
    from ...metrics import relative_error

    X = _as_array(X, "X")
    _require(X.ndim == 2 and 2 <= min(X.shape) and max(X.shape) <= 8,
             f"Give a matrix (2-D) of at most 8 × 8 entries; got shape {X.shape}.")
    _require(np.isfinite(X).all() and (X >= 0).all(), "X must be non-negative (and finite).")
    r = int(np.linalg.matrix_rank(X))
    _require(r >= 3, f"Your X has rank {r}. A non-negative matrix of rank 1 or 2 always has "
                     "an exact NMF of that rank (rank₊ = rank); you need rank 3 or more.")
    _require(r < min(X.shape), f"Your X has full rank {r} = min(m, n), and rank₊ ≤ min(m, n): "
                               "no room for a gap. Make some row a combination of others.")
    starts = [dict(init="nndsvda")] + [dict(init="random", random_state=s)
                                       for s in range(GAP_STARTS)]
    errors = []
    for start in starts:
        res = nmf(X, r, solver="hals", max_iter=3000, tol=0, **start)
        errors.append(relative_error(X, res.W, res.H))
    best = min(errors)
    _require(best > GAP_ERROR,
             f"NMF fits your X at its rank r = {r} (relative error {best:.1e}): here "
             "rank₊ = rank. Look for entries that no two non-negative parts can share.")
    return _correct(f"rank {r}, yet the best of {len(starts)} NMFs at rank {r} stops at a "
                    f"relative error of {best:.3f}: the training error reaches zero only at "
                    "rank₊, not at the rank.")
