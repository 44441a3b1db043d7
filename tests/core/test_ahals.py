"""Accelerated HALS (nmf_ref.rules.ahals): monotone, several sweeps per pair of products,
the paper's budget and stopping rule, the optimum of an exact low-rank matrix, masks
and penalties. No test here times anything."""

import dataclasses
import warnings

import numpy as np
import pytest

import nmf_ref
from nmf_ref.rules import RULES, ahals, hals
from nmf_ref.stopping import kkt_violation


def low_rank(m=40, n=30, r=4, seed=0):
    rng = np.random.RandomState(seed)
    return rng.rand(m, r) @ rng.rand(r, n)


def noisy(m=50, n=40, seed=1):
    return np.random.RandomState(seed).rand(m, n)


def test_ahals_is_registered_and_refuses_other_losses():
    assert RULES["ahals"] is ahals.RULE
    with pytest.raises(ValueError, match="Frobenius"):
        nmf_ref.nmf(noisy(), 3, solver="ahals", beta_loss="kullback-leibler")


def test_budget_is_one_plus_alpha_rho_from_the_paper():
    # Gillis & Glineur: ρ_W = 1 + (mn + nr)/(m(r+1)); at most ⌊1 + α ρ_W⌋ sweeps, α = 0.5
    m, n, r = 2000, 1000, 30
    paper = dict(flop_cost=1.0, column_cost=0.0)
    rho = 1 + (m * n + n * r) / (m * (r + 1))
    assert ahals.max_sweeps(m, n, m * n, r, **paper) == int(1 + 0.5 * rho) == 17
    rho_H = 1 + (m * n + m * r) / (n * (r + 1))
    assert ahals.max_sweeps(n, m, m * n, r, **paper) == int(1 + 0.5 * rho_H)
    assert ahals.max_sweeps(m, n, m * n, r, alpha=0.0) == 1  # α = 0 is plain HALS
    assert ahals.max_sweeps(m, n, 1000, r, **paper) < 17  # a sparse X: cheaper products
    assert ahals.max_sweeps(m, n, m * n, r) == 17  # the default is the paper's count
    # counting what a NumPy sweep costs (per flop, per column) allows fewer sweeps
    numpy_costs = dict(flop_cost=4.0, column_cost=75_000.0)
    assert 1 <= ahals.max_sweeps(m, n, m * n, r, **numpy_costs) < 17
    assert ahals.max_sweeps(64, 1797, 1797 * 64, 10, **numpy_costs) == 3
    rho_digits_H = 1 + (1797 * 64 + 1797 * 10) / (64 * 11)
    assert ahals.max_sweeps(64, 1797, 1797 * 64, 10) == int(1 + 0.5 * rho_digits_H)


def test_k_sweeps_without_early_stop_are_k_hals_sweeps():
    rng = np.random.RandomState(3)
    W, H = rng.rand(20, 5), rng.rand(5, 15)
    X = rng.rand(20, 15)
    HHt, XHt = H @ H.T, X @ H.T
    W_ref, v_ref = hals.step(W, HHt, XHt)
    for _ in range(3):
        W_ref = hals.update_W(W_ref, HHt, XHt)
    W_new, v, done = ahals.sweep_until(W, HHt, XHt, sweeps=4, epsilon=0.0)
    assert done == 4
    np.testing.assert_allclose(W_new, W_ref, rtol=1e-12, atol=1e-14)
    assert v == pytest.approx(v_ref)  # the violation of W itself, met by the first sweep


@pytest.mark.parametrize("order", [None, [2, 0, 4, 1, 3]])
def test_fused_sweeps_of_a_small_w_are_the_plain_sweeps(monkeypatch, order):
    """A W of at most FUSED_ENTRIES entries is swept two calls per column (_fused): the
    same coordinate descent, a dead component kept, to rounding."""
    rng = np.random.RandomState(5)
    W, H, X = rng.rand(30, 5), rng.rand(5, 25), rng.rand(30, 25)
    H[3] = 0.0  # a dead component: its column of W must stay as it is
    HHt, XHt = H @ H.T, X @ H.T
    used = []
    real = ahals._fused
    monkeypatch.setattr(ahals, "_fused", lambda *a: used.append(1) or real(*a))
    fused = ahals.sweep_until(W, HHt, XHt, sweeps=6, epsilon=0.0, order=order)
    assert used == [1] and 30 * 5 <= ahals.FUSED_ENTRIES
    monkeypatch.setattr(ahals, "FUSED_ENTRIES", 0)  # the plain sweeps of hals.sweep
    plain = ahals.sweep_until(W, HHt, XHt, sweeps=6, epsilon=0.0, order=order)
    assert used == [1]
    np.testing.assert_allclose(fused[0], plain[0], rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(fused[0][:, 3], W[:, 3])
    assert fused[1] == pytest.approx(plain[1], rel=1e-12) and fused[2] == plain[2] == 6


def test_inner_loop_stops_when_a_sweep_moves_less_than_epsilon_times_the_first():
    rng = np.random.RandomState(4)
    W, H, X = rng.rand(30, 4), rng.rand(4, 25), rng.rand(30, 25)
    HHt, XHt = H @ H.T, X @ H.T
    W1 = hals.update_W(W, HHt, XHt)
    first = np.linalg.norm(W1 - W)
    for eps in (0.5, 0.1, 0.01):
        W_new, _, done = ahals.sweep_until(W, HHt, XHt, sweeps=50, epsilon=eps)
        assert 1 < done < 50
        before = ahals.update_W(W, HHt, XHt, sweeps=done - 1, epsilon=0.0)
        assert np.linalg.norm(W_new - before) <= eps * first  # the last sweep was small
        if done > 2:  # and the one before it was not
            two_before = ahals.update_W(W, HHt, XHt, sweeps=done - 2, epsilon=0.0)
            assert np.linalg.norm(before - two_before) > eps * first


def test_the_loop_passes_the_size_of_each_half_step(monkeypatch):
    seen = []
    real = ahals.step

    def spy(W, HHt, XHt, l1=0.0, l2=0.0, rng=None, data_shape=None):
        seen.append(data_shape)
        return real(W, HHt, XHt, l1, l2, rng, data_shape)

    monkeypatch.setitem(RULES, "ahals", dataclasses.replace(ahals.RULE, step=spy))
    nmf_ref.nmf(noisy(50, 40), 3, solver="ahals", max_iter=2, tol=0)
    assert seen == [(50, 40, 2000), (40, 50, 2000)] * 2


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ahals_never_increases_the_loss(seed):
    X = noisy(seed=seed)
    res = nmf_ref.nmf(X, 5, solver="ahals", init="random", random_state=seed, max_iter=60,
                      tol=0)
    assert (np.diff(res.loss) <= 1e-12 * res.loss[0]).all()
    plain = nmf_ref.nmf(X, 5, solver="hals", init="random", random_state=seed, max_iter=1,
                        tol=0)
    assert res.loss[1] <= plain.loss[1] * (1 + 1e-12)  # more sweeps, at least as low


def test_ahals_reaches_the_optimum_of_an_exact_low_rank_matrix():
    X = low_rank()
    res = nmf_ref.nmf(X, 4, solver="ahals", init="nndsvda", max_iter=2000, tol=1e-10)
    assert nmf_ref.reconstruction_error(X, res.W, res.H) / np.linalg.norm(X) < 1e-4


def test_ahals_with_a_mask_fits_the_observed_entries_only():
    X = low_rank(seed=5)
    mask = np.random.RandomState(0).rand(*X.shape) > 0.2
    X_missing = np.where(mask, X, np.nan)
    res = nmf_ref.nmf(X_missing, 4, solver="ahals", mask=mask, init="random", random_state=0,
                      max_iter=1500, tol=0)
    assert (np.diff(res.loss) <= 1e-12 * res.loss[0]).all()
    R = X - res.W @ res.H
    assert np.linalg.norm(R[mask]) / np.linalg.norm(X[mask]) < 1e-3
    assert np.linalg.norm(R[~mask]) / np.linalg.norm(X[~mask]) < 1e-2  # filled in


def test_ahals_with_penalties_is_monotone_and_stops_at_a_kkt_point():
    X = noisy(seed=6)
    kw = dict(alpha_W=0.01, alpha_H=0.02, l1_ratio=0.5)
    res = nmf_ref.nmf(X, 4, solver="ahals", init="random", random_state=0, max_iter=3000,
                      tol=1e-9, **kw)
    assert (np.diff(res.loss) <= 1e-12 * res.loss[0]).all()
    l1_W, l1_H, l2_W, l2_H = nmf_ref.solve.regularization(X.shape, **kw)
    W, H = res.W, res.H
    grad_W = W @ (H @ H.T) - X @ H.T + l1_W + l2_W * W
    grad_H = (W.T @ W) @ H - W.T @ X + l1_H + l2_H * H
    size = np.abs(X @ H.T).sum() + np.abs(W.T @ X).sum()
    assert (kkt_violation(W, grad_W) + kkt_violation(H, grad_H)) / size < 1e-5
    plain = nmf_ref.nmf(X, 4, solver="hals", init="random", random_state=0, max_iter=3000,
                        tol=1e-9, **kw)
    assert res.loss[-1] == pytest.approx(plain.loss[-1], rel=1e-3) or res.loss[-1] < plain.loss[-1]


def test_ahals_shuffle_is_seeded():
    X = noisy()
    a = nmf_ref.nmf(X, 3, solver="ahals", shuffle=True, random_state=1, max_iter=5, tol=0)
    b = nmf_ref.nmf(X, 3, solver="ahals", shuffle=True, random_state=1, max_iter=5, tol=0)
    np.testing.assert_array_equal(a.W, b.W)


def test_hals_sweep_keeps_a_dead_component_and_its_violation():
    rng = np.random.RandomState(7)
    W, H, X = rng.rand(12, 3), rng.rand(3, 9), rng.rand(12, 9)
    H[1] = 0  # a dead component: (HHᵀ)₁₁ = 0
    W_new, v = hals.step(W, H @ H.T, X @ H.T)
    np.testing.assert_array_equal(W_new[:, 1], W[:, 1])
    # column by column, as in the book, for the reference
    W_ref, grad = W.copy(), np.zeros_like(W)
    HHt, XHt = H @ H.T, X @ H.T
    for t in (0, 2):
        grad[:, t] = W_ref @ HHt[t] - XHt[:, t]
        W_ref[:, t] = np.maximum(0, W_ref[:, t] - grad[:, t] / HHt[t, t])
    np.testing.assert_allclose(W_new, W_ref, rtol=1e-12)
    assert v == pytest.approx(kkt_violation(W, grad))
    assert not np.shares_memory(W_new, W)


def test_the_estimator_passes_ahals_through():
    pytest.importorskip("sklearn")
    from nmf_ref.estimator import NMF

    X = noisy(seed=8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # max_iter may be reached: not the point here
        model = NMF(4, solver="ahals", init="random", random_state=0, max_iter=300).fit(X)
    res = nmf_ref.nmf(X, 4, solver="ahals", init="random", random_state=0, max_iter=300)
    np.testing.assert_allclose(model.components_, res.H, rtol=1e-12)
    assert model.n_iter_ == res.n_iter and (np.diff(model.loss_curve_) <= 1e-12).all()
