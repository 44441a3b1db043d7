"""Property tests of ``nmf_ref.nmf`` over many random matrices (hypothesis).

What must hold whatever the data: the factors stay non-negative; the descent
solvers never increase the objective; exactly low-rank data is recovered; entries
left out by a mask never influence the fit, and are filled in well; and the
bookkeeping of the result (loss[0], time, n_iter, the callback) is exact.

Settings that make the low-rank recovery reliable (measured over 100 seeds of
the same generator, 40 for ANLS): factors ``rand + 0.1`` (so WH stays away from the boundary),
sides 20..40, rank 2..5, ``tol=0``. Iterations needed to reach a relative error of
1e-4 (median / 95% / max): HALS 421 / 945 / 1663 from NNDSVDa and 311 / 647 / 834
from random; PGD 420 / 932 / 1641 and 277 / 688 / 1361; ANLS 126 / 187 / 212 and
50 / 130 / 200. MU needs 348 / 675 / 1305 (NNDSVDa) and 341 / 719 / 1559 (random)
to reach 1e-2. So ``max_iter=3000``, with a callback that ends the run once half
the target is reached (the runs are monotone, so stopping early loses nothing).
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import nmf_ref
from nmf_ref.rules import RULES, names

SOLVERS = list(RULES)
INITS = [None, "random", "nndsvd", "nndsvda", "nndsvdar"]

FAST = settings(max_examples=70, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


@st.composite
def matrices(draw, min_side=2, max_side=25):
    """A non-negative matrix of varied shape, scale and sparsity, and a rank."""
    seed = draw(st.integers(0, 2**32 - 1))
    m = draw(st.integers(min_side, max_side))
    n = draw(st.integers(min_side, max_side))
    scale = 10.0 ** draw(st.floats(-3, 3))
    density = draw(st.sampled_from([1.0, 0.7, 0.3]))
    rng = np.random.RandomState(seed)
    X = scale * rng.rand(m, n)
    X[rng.rand(m, n) > density] = 0.0
    X[rng.randint(m), rng.randint(n)] = scale  # never all zero
    rank = draw(st.integers(1, min(m, n) + 2))
    return X, rank, seed


@st.composite
def low_rank(draw):
    """W0 @ H0 with positive, well-spread factors: rank 2..5, sides 20..40."""
    seed = draw(st.integers(0, 2**32 - 1))
    m, n = draw(st.integers(20, 40)), draw(st.integers(20, 40))
    rank = draw(st.integers(2, 5))
    rng = np.random.RandomState(seed)
    return (rng.rand(m, rank) + 0.1) @ (rng.rand(rank, n) + 0.1), rank, seed


def usable_init(init, X, rank):
    """NNDSVD needs rank <= min(X.shape); fall back to random beyond."""
    if init is not None and init.startswith("nndsvd") and rank > min(X.shape):
        return "random"
    return init


def rounding_floor(X, beta):
    """Absolute rounding level of the loss: 1e-13 * sum(X**beta).

    Near an exact fit (rank >= min(m, n)) the loss falls to rounding noise, and the
    Gram-form Frobenius loss 1/2(|X|^2 - 2<W'X, H> + <W'W, HH'>) is only accurate
    to about eps*|X|^2, so a relative slack alone would flag noise as an increase.
    """
    return 1e-13 * float(np.sum(X[X > 0] ** beta))


# non-negativity and the shape of the result


@pytest.mark.parametrize("solver", SOLVERS)
@FAST
@given(data=matrices(), init=st.sampled_from(INITS), tol=st.sampled_from([0.0, 1e-4, 1e-2]),
       reg=st.booleans(), max_iter=st.integers(1, 40))
def test_factors_nonnegative_and_result_consistent(solver, data, init, tol, reg, max_iter):
    X, rank, seed = data
    regs = dict(alpha_W=1e-3, alpha_H=2e-3, l1_ratio=0.5) if reg else {}
    res = nmf_ref.nmf(X, rank, solver=solver, init=usable_init(init, X, rank),
                      random_state=seed, tol=tol, max_iter=max_iter, **regs)
    assert res.W.shape == (X.shape[0], rank) and res.H.shape == (rank, X.shape[1])
    assert (res.W >= 0).all() and (res.H >= 0).all()
    assert np.isfinite(res.W).all() and np.isfinite(res.H).all() and np.isfinite(res.loss).all()
    assert 1 <= res.n_iter <= max_iter
    assert len(res.loss) == len(res.time) == res.n_iter + 1
    if res.n_iter < max_iter:  # nothing but the stopping rule ends a run early here
        assert res.converged


@FAST
@given(data=matrices(), beta=st.sampled_from([0.5, 1.0, 1.5, 3.0]), init=st.sampled_from(INITS))
def test_mu_beta_factors_nonnegative(data, beta, init):
    X, rank, seed = data
    res = nmf_ref.nmf(X, rank, solver="mu", beta_loss=beta, init=usable_init(init, X, rank),
                      random_state=seed, max_iter=30)
    assert (res.W >= 0).all() and (res.H >= 0).all()
    assert np.isfinite(res.loss).all()


# the objective never goes up

DESCENT = [("mu", 0.5), ("mu", 1.0), ("mu", 2.0), ("hals", 2.0), ("anls", 2.0), ("pgd", 2.0)]


@pytest.mark.parametrize("solver, beta", DESCENT, ids=[f"{s}-beta{b:g}" for s, b in DESCENT])
@pytest.mark.parametrize("reg", [{}, dict(alpha_W=1e-3, alpha_H=5e-4, l1_ratio=0.3)],
                         ids=["noreg", "reg"])
@FAST
@given(data=matrices(max_side=20), init=st.sampled_from(INITS))
def test_loss_never_increases(solver, beta, reg, data, init):
    X, rank, seed = data
    res = nmf_ref.nmf(X, rank, solver=solver, beta_loss=beta, init=usable_init(init, X, rank),
                      random_state=seed, tol=0, max_iter=30, **reg)
    loss = res.loss
    slack = 1e-9 * np.abs(loss[:-1]) + rounding_floor(X, beta)
    rises = np.flatnonzero(np.diff(loss) > slack)
    assert rises.size == 0, (
        f"loss went up at iteration {rises[0] + 1}: {loss[rises[0]]!r} -> {loss[rises[0] + 1]!r}")


# exactly low-rank data is recovered


def stop_below(X, target):
    """A callback that stops the run once ||X - WH|| / ||X|| < target (Frobenius loss)."""
    norm_X = np.linalg.norm(X)
    return lambda it, W, H, loss: np.sqrt(2 * loss) / norm_X < target


@pytest.mark.parametrize("solver, target", [("hals", 1e-4), ("anls", 1e-4), ("pgd", 1e-4),
                                            ("mu", 1e-2)])
@SLOW
@given(data=low_rank(), init=st.sampled_from([None, "random"]))
def test_low_rank_data_is_recovered(solver, target, data, init):
    X, rank, seed = data
    res = nmf_ref.nmf(X, rank, solver=solver, init=init, random_state=seed, tol=0,
                      max_iter=3000, callback=stop_below(X, target / 2))
    error = np.linalg.norm(X - res.W @ res.H) / np.linalg.norm(X)
    assert error < target, f"relative error {error:.3g} after {res.n_iter} iterations"


# the mask

MASK_SOLVERS = ([(s, "frobenius") for s in names("accepts_mask")]
                + [(s, beta) for s in names("any_beta") for beta in ("kullback-leibler", 0.5)])


@st.composite
def masked(draw, max_side=20):
    X, rank, seed = draw(matrices(min_side=3, max_side=max_side))
    rng = np.random.RandomState(seed ^ 0x5EED)
    mask = rng.rand(*X.shape) < draw(st.sampled_from([0.9, 0.7, 0.5]))
    mask[0, 0] = True
    return X, mask, rank, seed


@pytest.mark.parametrize("solver, beta", MASK_SOLVERS, ids=[f"{s}-{b}" for s, b in MASK_SOLVERS])
@FAST
@given(data=masked(), init=st.sampled_from(INITS),
       fill=st.sampled_from(["nan", "zero", "huge", "random"]))
def test_unobserved_entries_never_influence_the_fit(solver, beta, data, init, fill):
    X, mask, rank, seed = data
    assume((~mask).any())
    other = X.copy()
    hidden = ~mask
    rng = np.random.RandomState(seed)
    constants = {"nan": np.nan, "zero": 0.0, "huge": 1e12}
    other[hidden] = rng.rand(hidden.sum()) * 1e3 if fill == "random" else constants[fill]
    kwargs = dict(solver=solver, beta_loss=beta, mask=mask, init=usable_init(init, X, rank),
                  random_state=seed, max_iter=15, tol=1e-4)
    a, b = nmf_ref.nmf(X, rank, **kwargs), nmf_ref.nmf(other, rank, **kwargs)
    assert np.array_equal(a.W, b.W) and np.array_equal(a.H, b.H)
    assert np.array_equal(a.loss, b.loss) and a.n_iter == b.n_iter


@pytest.mark.parametrize("sentinel", [-1.0, np.inf])
def test_unobserved_negative_or_inf_sentinels_are_ignored(sentinel):
    rng = np.random.RandomState(0)
    X = rng.rand(10, 8)
    mask = rng.rand(10, 8) > 0.3
    other = np.where(mask, X, sentinel)
    kwargs = dict(mask=mask, init="random", random_state=0, max_iter=10)
    a, b = nmf_ref.nmf(X, 3, **kwargs), nmf_ref.nmf(other, 3, **kwargs)
    assert np.array_equal(a.W, b.W) and np.array_equal(a.H, b.H)


IMPUTE = [("mu", 2000), ("hals", 500), ("anls", 200), ("pgd", 500)]


@pytest.mark.parametrize("solver, max_iter", IMPUTE, ids=[s for s, _ in IMPUTE])
@SLOW
@given(data=low_rank())
def test_missing_entries_are_filled_in(solver, max_iter, data):
    """~20% of a low-rank matrix hidden: W @ H fills it in >= 10x better than the mean.

    max_iter per solver, measured over 20 seeds (smallest ratio mean-RMSE / NMF-RMSE):
    MU 4.4 at 200 iterations, 10.9 at 1000, 48 at 2000; HALS 34 at 200, 118 at 500;
    PGD 25 at 200, 132 at 500; ANLS 977 at 200. (ALS is left out: its clipped
    steps sometimes fill in worse than the mean, ratio 0.6.)
    """
    X, rank, seed = data
    rng = np.random.RandomState(seed ^ 0xFACE)
    mask = rng.rand(*X.shape) > 0.2
    hidden = ~mask
    assume(hidden.any())
    res = nmf_ref.nmf(np.where(mask, X, np.nan), rank, solver=solver, mask=mask,
                      init="random", random_state=seed, tol=0, max_iter=max_iter)
    rmse_nmf = np.sqrt(np.mean((res.W @ res.H - X)[hidden] ** 2))
    rmse_mean = np.sqrt(np.mean((X[mask].mean() - X[hidden]) ** 2))
    assert rmse_nmf * 10 < rmse_mean, f"NMF {rmse_nmf:.3g} vs mean {rmse_mean:.3g}"


# bookkeeping: loss[0], time, callback


def objective(X, W, H, beta, regs):
    """The objective written out directly (not with nmf_ref.losses)."""
    m, n = X.shape
    WH = W @ H
    if beta == 2:
        data = 0.5 * np.sum((X - WH) ** 2)
    else:  # generalized KL; X > 0 in the tests that use it
        # scikit-learn's convention: WH is floored at float32 eps inside the log
        data = np.sum(X * np.log(X / np.maximum(WH, np.finfo(np.float32).eps)) - X + WH)
    a_W, a_H, l1 = regs.get("alpha_W", 0.0), regs.get("alpha_H", regs.get("alpha_W", 0.0)), \
        regs.get("l1_ratio", 0.0)
    return (data + n * a_W * l1 * W.sum() + m * a_H * l1 * H.sum()
            + 0.5 * n * a_W * (1 - l1) * np.sum(W**2) + 0.5 * m * a_H * (1 - l1) * np.sum(H**2))


@pytest.mark.parametrize("solver, beta", [(s, 2) for s in SOLVERS] + [(s, 1) for s in names("any_beta")])
@FAST
@given(data=matrices(), init=st.sampled_from(INITS + ["custom"]), reg=st.booleans())
def test_first_loss_is_at_the_initialization(solver, beta, data, init, reg):
    X, rank, seed = data
    X = X + (1e-3 * X.max() if beta == 1 else 0)  # the direct KL formula needs X > 0
    regs = dict(alpha_W=1e-3, alpha_H=2e-3, l1_ratio=0.4) if reg else {}
    if init == "custom":
        rng = np.random.RandomState(seed)
        W0, H0 = rng.rand(X.shape[0], rank), rng.rand(rank, X.shape[1])
        kwargs = dict(W=W0, H=H0)
    else:
        init = usable_init(init, X, rank)
        W0, H0 = nmf_ref.initialize(X, rank, init, seed)
        kwargs = dict(init=init, random_state=seed)
    res = nmf_ref.nmf(X, rank, solver=solver, beta_loss=beta, max_iter=3, **kwargs, **regs)
    np.testing.assert_allclose(res.loss[0], objective(X, W0, H0, beta, regs), rtol=1e-9,
                               atol=1e-12 * np.sum(X**2))


@pytest.mark.parametrize("solver", SOLVERS)
@FAST
@given(data=matrices(max_side=15), max_iter=st.integers(1, 30), tol=st.sampled_from([0, 1e-3]))
def test_time_starts_at_zero_and_never_decreases(solver, data, max_iter, tol):
    X, rank, seed = data
    res = nmf_ref.nmf(X, rank, solver=solver, random_state=seed, max_iter=max_iter, tol=tol)
    assert res.time[0] == 0
    assert (np.diff(res.time) >= 0).all()
    assert len(res.time) == len(res.loss) == res.n_iter + 1 and res.n_iter <= max_iter


@pytest.mark.parametrize("solver", SOLVERS)
@FAST
@given(data=matrices(max_side=15), stop_at=st.integers(1, 20), masked_run=st.booleans())
def test_callback_true_stops_at_that_iteration(solver, data, stop_at, masked_run):
    X, rank, seed = data
    mask = None
    if masked_run:
        mask = np.random.RandomState(seed).rand(*X.shape) > 0.2
        mask[0, 0] = True
    calls = []

    def callback(it, W, H, loss):
        calls.append((it, W.copy(), H.copy(), loss))
        return it == stop_at

    kwargs = dict(solver=solver, random_state=seed, init="random", tol=0, mask=mask)
    # tol=0 can still stop the KKT-based solvers, when the violation is exactly 0
    # (as in scikit-learn); the callback must be what ends the run here
    assume(nmf_ref.nmf(X, rank, max_iter=stop_at + 1, **kwargs).n_iter > stop_at)
    res = nmf_ref.nmf(X, rank, max_iter=50, callback=callback, **kwargs)
    assert res.n_iter == stop_at and not res.converged
    # and stopped exactly where a run of stop_at iterations ends
    plain = nmf_ref.nmf(X, rank, max_iter=stop_at, **kwargs)
    assert np.array_equal(res.W, plain.W) and np.array_equal(res.H, plain.H)
    assert np.array_equal(res.loss, plain.loss)
    assert len(res.loss) == stop_at + 1
    assert [c[0] for c in calls] == list(range(1, stop_at + 1))
    # the callback saw the iterates and losses the result reports
    assert [c[3] for c in calls] == list(res.loss[1:])
    assert np.array_equal(calls[-1][1], res.W) and np.array_equal(calls[-1][2], res.H)


@pytest.mark.parametrize("solver", SOLVERS)
def test_callback_falsy_returns_do_not_stop(solver):
    X = np.random.RandomState(0).rand(8, 6)
    res = nmf_ref.nmf(X, 2, solver=solver, tol=0, max_iter=7, callback=lambda *a: None)
    assert res.n_iter == 7 and len(res.loss) == 8 and not res.converged


def test_recorded_loss_stays_accurate_for_a_near_exact_fit():
    """The Gram shortcut for ½‖X − WH‖² cancels catastrophically near an exact fit;
    the recorded loss must still be the true one there."""
    rng = np.random.RandomState(3)
    X = rng.rand(30, 3) @ rng.rand(3, 20)
    res = nmf_ref.nmf(X, 3, solver="anls", max_iter=2000, tol=0)
    direct = 0.5 * np.linalg.norm(X - res.W @ res.H) ** 2
    assert direct < 1e-10 * np.vdot(X, X)  # the regime where the shortcut fails
    np.testing.assert_allclose(res.loss[-1], direct, rtol=1e-6)
