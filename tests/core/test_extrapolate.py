"""Extrapolation with restarts (nmf_ref.extrapolate, nmf(..., extrapolate=True)).

The reported error never goes up (the restart rule keeps the best pair), the returned
pair has that error, β follows Ang & Gillis's updates, the exact low-rank optimum is
reached, masks and penalties are respected, and what cannot be extrapolated is refused
with a message that names the fix. How often extrapolation ends in a worse basin is a
benchmark figure (benchmarks/race.py), not a test."""

import numpy as np
import pytest

import nmf_ref
from nmf_ref import extrapolate
from nmf_ref.rules import RULES
from nmf_ref.losses import penalty
from nmf_ref.solve import regularization
from nmf_ref.stopping import kkt_violation

SOLVERS = list(RULES)


def noisy(m=40, n=30, seed=0):
    return np.random.RandomState(seed).rand(m, n)


def low_rank(m=40, n=30, r=4, seed=0):
    rng = np.random.RandomState(seed)
    return rng.rand(m, r) @ rng.rand(r, n)


@pytest.mark.parametrize("solver", SOLVERS)
def test_reported_error_never_increases_and_is_the_returned_pairs(solver):
    X = noisy()
    res = nmf_ref.nmf(X, 5, solver=solver, init="random", random_state=0, max_iter=80,
                      tol=0, extrapolate=True)
    assert (np.diff(res.loss) <= 0).all()
    assert res.loss[-1] == pytest.approx(nmf_ref.frobenius(X, res.W, res.H), rel=1e-9)
    assert (res.W >= 0).all() and (res.H >= 0).all()


def violation_of(X, W, H, mask=None, l1=0.0, l2=0.0):
    """The KKT violation of the pair (W, H), both factors, written out."""
    R = W @ H - X if mask is None else np.where(mask, W @ H - X, 0.0)
    grad_W, grad_H = R @ H.T + l1 + l2 * W, W.T @ R + l1 + l2 * H
    return kkt_violation(W, grad_W) + kkt_violation(H, grad_H)


@pytest.mark.parametrize("solver", ["hals", "ahals", "anls", "pgd"])
@pytest.mark.parametrize("seed", [1, 3])
def test_a_run_that_stops_has_met_the_test_at_the_pair_it_returns(solver, seed):
    # the steps report violations at extrapolated points; the run returns its best
    # pair, which before the fix could stop above the tolerance (pgd, seeds 1 and 3)
    X, tol = noisy(seed=seed), 1e-3
    res = nmf_ref.nmf(X, 5, solver=solver, init="random", random_state=seed, max_iter=3000,
                      tol=tol, extrapolate=True)
    assert res.converged
    assert violation_of(X, res.W, res.H) <= tol * res.violation[0]


def test_pair_violation_is_the_gradient_of_the_objective_at_the_pair():
    from nmf_ref.data import as_data

    X = noisy(seed=6)
    rng = np.random.RandomState(0)
    W, H = rng.rand(40, 3), rng.rand(3, 30)
    W[0, 0] = H[1, 2] = 0.0  # a bound: only the negative part of the gradient counts there
    regs = (0.1, 0.2, 0.3, 0.4)  # l1_W, l1_H, l2_W, l2_H
    got = extrapolate.pair_violation(as_data(X), W, H, regs)
    want = kkt_violation(W, (W @ H - X) @ H.T + 0.1 + 0.3 * W) + kkt_violation(
        H, W.T @ (W @ H - X) + 0.2 + 0.4 * H)
    assert got == pytest.approx(want, rel=1e-12)
    mask = rng.rand(*X.shape) > 0.3  # a mask: the gradient of the observed entries' loss
    got = extrapolate.pair_violation(as_data(np.where(mask, X, 0), mask), W, H,
                                     (0, 0, 0, 0))
    assert got == pytest.approx(violation_of(X, W, H, mask), rel=1e-12)


@pytest.mark.parametrize("solver", ["hals", "ahals", "anls"])
def test_extrapolation_moves_the_iterates(solver):
    X = noisy(seed=1)
    kw = dict(solver=solver, init="random", random_state=1, max_iter=30, tol=0)
    plain, fast = nmf_ref.nmf(X, 5, **kw), nmf_ref.nmf(X, 5, extrapolate=True, **kw)
    assert not np.allclose(plain.loss, fast.loss)  # no longer scikit-learn's iterates
    off = nmf_ref.nmf(X, 5, extrapolate={"beta0": 0.0}, **kw)  # β = 0: plain steps
    np.testing.assert_allclose(off.loss, plain.loss, rtol=1e-10)


def test_beta_follows_the_restart_rule():
    # Ang & Gillis: success -> β = min(β̄, γβ), β̄ = min(1, γ̄β̄);
    # failure -> restart from the last accepted pair, β̄ = the previous β, β = β/η
    W0, H0 = np.ones((3, 2)), np.ones((2, 4))
    e = extrapolate.Extrapolation(W0, H0, 10.0, None, beta0=0.5, eta=1.5,
                                  gamma=1.2, gamma_bar=1.1, balance=False)
    W1, H1 = 2 * W0, 2 * H0
    W_hat = e.first(W1)
    np.testing.assert_allclose(W_hat, W1 + 0.5 * (W1 - W0))
    W_next, H_next = e.after(W_hat, H1, 9.0)  # success
    assert (e.beta, e.beta_bar) == (pytest.approx(0.6), pytest.approx(1.0))
    np.testing.assert_allclose(H_next, H1 + 0.5 * (H1 - H0))  # not projected
    assert W_next is W_hat and e.best_objective == 9.0
    e.first(3 * W0)
    W_next, H_next = e.after(4 * W0, 3 * H0, 9.5)  # failure: back to (W1, H1)
    np.testing.assert_array_equal(W_next, W1)
    np.testing.assert_array_equal(H_next, H1)
    # β̄ falls to the β of the iteration before the failed one (0.5); β = 0.6 / η
    assert e.beta == pytest.approx(0.6 / 1.5) and e.beta_bar == pytest.approx(0.5)
    assert e.best_objective == 9.0 and e.restarts == 1
    e.first(W1)
    e.after(W1, H1, 9.4)  # success, compared with the last error (9.5), not the best
    assert e.beta == pytest.approx(min(0.5, 1.2 * 0.4)) and e.beta_bar == pytest.approx(0.55)
    assert e.best_objective == 9.0  # what the run reports stays the best
    trace = e.trace()  # each iteration: the β and β̄ it used, its error, the best, a restart
    np.testing.assert_allclose(trace["beta"], [0.5, 0.6, 0.4])
    np.testing.assert_allclose(trace["beta_bar"], [1.0, 1.0, 0.5])
    np.testing.assert_array_equal(trace["trial"], [9.0, 9.5, 9.4])
    np.testing.assert_array_equal(trace["best"], [9.0, 9.0, 9.0])
    np.testing.assert_array_equal(trace["restart"], [False, True, False])


def test_projection_keeps_the_first_factor_feasible():
    W0, H0 = np.full((2, 2), 1.0), np.ones((2, 3))
    e = extrapolate.Extrapolation(W0, H0, 1.0, None, 0.9, 1.5, 1.01, 1.005)
    W_hat = e.first(np.array([[0.1, 2.0], [0.5, 1.0]]))
    np.testing.assert_allclose(W_hat, [[0.0, 2.9], [0.05, 1.0]])
    # a column the step kept alive is not extrapolated to zero (ANLS could not revive it)
    W_hat = e.first(np.array([[0.1, 2.0], [0.0, 1.0]]))
    np.testing.assert_allclose(W_hat, [[0.1, 2.9], [0.0, 1.0]])


def test_the_projection_clips_against_zeros_in_the_layout_of_the_push():
    """The loop holds W column-major but starts from the caller's row-major W: the
    zeros the projection clips against follow the pushed array's layout (a fixed
    row-major one made every later clip strided, 7x slower), and a killed column
    is still found from column-major pushes."""
    rng = np.random.RandomState(0)
    W0, H0 = rng.rand(50, 3), rng.rand(3, 4)  # row-major, as a caller gives them
    e = extrapolate.Extrapolation(W0, H0, 1.0, None, 0.9, 1.5, 1.01, 1.005)
    e.first(np.asfortranarray(rng.rand(50, 3)))
    e.W_prev = np.asfortranarray(rng.rand(50, 3))  # as after an accepted iteration
    new = np.asfortranarray(rng.rand(50, 3))
    new[:, 1] = 0.0
    new[0, 1] = 1e-3  # alive, but pushed to zero everywhere
    W_hat = e.first(new)
    assert W_hat.flags.f_contiguous and e._zero.flags.f_contiguous
    np.testing.assert_array_equal(W_hat[:, 1], new[:, 1])
    pushed = new[:, 0] + 0.9 * (new[:, 0] - e.W_prev[:, 0])
    np.testing.assert_allclose(W_hat[:, 0], np.maximum(pushed, 0))


def test_mu_extrapolated_factors_stay_positive():
    X = noisy(seed=2)
    res = nmf_ref.nmf(X, 4, solver="mu", init="random", random_state=0, max_iter=200, tol=0,
                      extrapolate=True)
    assert (res.W > 0).all() and (res.H > 0).all()
    assert np.isfinite(res.loss).all() and np.linalg.norm(res.W) < 1e6


@pytest.mark.parametrize("solver", ["hals", "ahals", "anls"])
def test_reaches_the_exact_low_rank_optimum(solver):
    X = low_rank()
    res = nmf_ref.nmf(X, 4, solver=solver, init="nndsvda", max_iter=1500, tol=1e-12,
                      extrapolate=True)
    assert nmf_ref.reconstruction_error(X, res.W, res.H) / np.linalg.norm(X) < 1e-4


def test_masked_data_fit_the_observed_entries_and_fill_the_rest():
    X = low_rank(seed=3)
    mask = np.random.RandomState(1).rand(*X.shape) > 0.2
    res = nmf_ref.nmf(np.where(mask, X, np.nan), 4, solver="hals", mask=mask, init="random",
                      random_state=0, max_iter=1500, tol=0, extrapolate=True)
    assert (np.diff(res.loss) <= 0).all()
    assert res.loss[-1] == pytest.approx(nmf_ref.frobenius(X, res.W, res.H, mask), rel=1e-9)
    R = X - res.W @ res.H
    assert np.linalg.norm(R[mask]) / np.linalg.norm(X[mask]) < 1e-3
    assert np.linalg.norm(R[~mask]) / np.linalg.norm(X[~mask]) < 1e-2


def test_penalties_are_part_of_the_compared_objective():
    X = noisy(seed=4)
    kw = dict(alpha_W=0.02, alpha_H=0.01, l1_ratio=0.3)
    res = nmf_ref.nmf(X, 4, solver="hals", init="random", random_state=0, max_iter=3000,
                      tol=1e-9, extrapolate=True, **kw)
    assert (np.diff(res.loss) <= 0).all()
    l1_W, l1_H, l2_W, l2_H = regs = regularization(X.shape, **kw)
    W, H = res.W, res.H
    want = nmf_ref.frobenius(X, W, H) + penalty(W, H, *regs)
    assert res.loss[-1] == pytest.approx(want, rel=1e-9)
    # a KKT point of the penalized problem
    grad_W = W @ (H @ H.T) - X @ H.T + l1_W + l2_W * W
    grad_H = (W.T @ W) @ H - W.T @ X + l1_H + l2_H * H
    size = np.abs(X @ H.T).sum() + np.abs(W.T @ X).sum()
    assert (kkt_violation(W, grad_W) + kkt_violation(H, grad_H)) / size < 1e-5


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(beta_loss="kullback-leibler", solver="mu"), ValueError, "Frobenius"),
    (dict(solver="mu", mask=np.ones((40, 30), bool)), ValueError, "extrapolate=False"),
    (dict(update_H=False, H=np.ones((3, 30))), ValueError, "update_H"),
    (dict(extrapolate="yes"), TypeError, "True, False or a dict"),
    (dict(extrapolate={"beta": 0.5}), ValueError, "unknown parameter"),
    (dict(extrapolate={"beta0": 1.5}), ValueError, "beta0"),
    (dict(extrapolate={"eta": 1.0, "gamma": 1.1}), ValueError, "eta >= gamma"),
])
def test_what_cannot_be_extrapolated_is_refused_clearly(kwargs, error, match):
    kwargs = {"extrapolate": True, **kwargs}
    with pytest.raises(error, match=match):
        nmf_ref.nmf(noisy(), 3, **kwargs)


def test_extrapolate_false_is_the_plain_run():
    X = noisy()
    a = nmf_ref.nmf(X, 3, init="random", random_state=0, max_iter=20)
    b = nmf_ref.nmf(X, 3, init="random", random_state=0, max_iter=20, extrapolate=False)
    np.testing.assert_array_equal(a.W, b.W)
    assert a.trace is None and b.trace is None


def test_the_result_carries_the_extrapolation_record():
    res = nmf_ref.nmf(noisy(), 3, init="random", random_state=0, max_iter=20, tol=0,
                      extrapolate=True)
    assert all(len(values) == res.n_iter == 20 for values in res.trace.values())
    np.testing.assert_array_equal(res.trace["best"], res.loss[1:])  # what the run reports


def test_sparse_input_extrapolates_like_its_dense_copy():
    sparse = pytest.importorskip("scipy.sparse")
    X = noisy(seed=5)
    X[X < 0.6] = 0
    kw = dict(solver="ahals", init="random", random_state=0, max_iter=30, tol=0,
              extrapolate=True)
    dense = nmf_ref.nmf(X, 3, **kw)
    stored = nmf_ref.nmf(sparse.csr_matrix(X), 3, **kw)
    # the sweep budget counts the stored entries, so the runs may differ; both descend
    assert (np.diff(stored.loss) <= 0).all()
    assert stored.loss[-1] == pytest.approx(nmf_ref.frobenius(X, stored.W, stored.H), rel=1e-9)
    plain = nmf_ref.nmf(sparse.csr_matrix(X), 3, solver="hals", init="random", random_state=0,
                        max_iter=30, tol=0, extrapolate=True)
    dense_plain = nmf_ref.nmf(X, 3, solver="hals", init="random", random_state=0,
                              max_iter=30, tol=0, extrapolate=True)
    np.testing.assert_allclose(plain.loss, dense_plain.loss, rtol=1e-8)
    assert dense.loss[-1] > 0


def test_factors_are_rebalanced_only_when_a_pair_drifts_apart():
    rng = np.random.RandomState(0)
    W, H = rng.uniform(size=(6, 2)), rng.uniform(size=(2, 5))
    d = np.sqrt(np.linalg.norm(H, axis=1) / np.linalg.norm(W, axis=0))
    W, H = W * d, H / d[:, None]  # balanced: column k of W and row k of H of equal norm
    e = extrapolate.Extrapolation(W, H, 1.0, None, beta0=0.5, eta=1.5,
                                  gamma=1.01, gamma_bar=1.005)

    def apart(ratio):  # the second pair `ratio` times apart in norm, the same product
        s = np.array([1.0, np.sqrt(ratio)])
        return W * s, H / s[:, None]

    near = apart(99.0)  # within BALANCE_RATIO = 100: left alone
    W_next, H_next = e._balance(*near)
    assert W_next is near[0] and H_next is near[1] and e.W_prev is W
    far = apart(101.0)  # beyond it: back to equal norms
    W_next, H_next = e._balance(*far)
    np.testing.assert_allclose(np.linalg.norm(W_next, axis=0), np.linalg.norm(H_next, axis=1))
    np.testing.assert_allclose(W_next @ H_next, W @ H)
    # the last accepted pair is rescaled with them, so W - W_prev keeps its meaning
    d = np.linalg.norm(W_next, axis=0) / np.linalg.norm(far[0], axis=0)
    np.testing.assert_allclose(e.W_prev, W * d)
    # the loop passes W's squared column norms (WᵀW's diagonal): they decide, and a
    # rescaling measures W itself
    said_near = np.einsum("ij,ij->i", far[1], far[1])  # as if each pair had equal norms
    assert e._balance(*far, w2=said_near)[0] is far[0]
    w2 = np.einsum("ij,ij->j", far[0], far[0])
    W_next, H_next = e._balance(*far, w2=w2 * (1 + 1e-9))
    np.testing.assert_array_equal(W_next, e._balance(*far)[0])
    np.testing.assert_allclose(e.W_prev @ e.H_prev, W @ H)
