"""nmf_ref gives scikit-learn's numbers.

``nmf_ref.estimator.NMF`` and ``sklearn.decomposition.NMF`` are run side by side on the
same data with the same parameters, over a grid of solvers (``cd``, ``mu``), β-losses,
initializations and regularizations. They must agree on ``fit_transform``,
``components_``, ``reconstruction_err_`` and ``transform`` of new data to a relative
1e-6 (max abs difference / max abs entry), and on ``n_iter_`` exactly.

The NNDSVD initializations are compared on data of rank exactly ``RANK``: there
scikit-learn's randomized SVD is exact, so it agrees with nmf_ref's exact SVD.
"""

import itertools
import warnings

import numpy as np
import pytest
from sklearn.decomposition import NMF as SkNMF
from sklearn.decomposition._nmf import _initialize_nmf
from sklearn.exceptions import ConvergenceWarning

import nmf_ref
from nmf_ref.estimator import NMF as RefNMF

RTOL = 1e-6
RANK = 5
M, N = 40, 30


def rel_diff(ours, theirs):
    """Max abs difference relative to the max abs entry of scikit-learn's result."""
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    assert ours.shape == theirs.shape
    scale = np.abs(theirs).max()
    return np.abs(ours - theirs).max() / (scale if scale > 0 else 1.0)


def assert_close(ours, theirs, what, rtol=RTOL):
    d = rel_diff(ours, theirs)
    assert d <= rtol, f"{what}: relative difference {d:.3g} > {rtol:g}"


def dense_data(seed=0):
    rng = np.random.RandomState(seed)
    return rng.rand(M, N), rng.rand(12, N)


def rank_r_data(seed=0):
    """X of rank exactly RANK (and new rows in the same row space)."""
    rng = np.random.RandomState(seed)
    H0 = rng.rand(RANK, N)
    return rng.rand(M, RANK) @ H0, rng.rand(12, RANK) @ H0


def is_kl(beta):
    return beta in ("kullback-leibler", 1, 1.0)


BETAS = ["frobenius", "kullback-leibler", "itakura-saito", 0.5, 1.5, 3.0]
INITS = ["random", "custom", "nndsvd", "nndsvda", "nndsvdar"]
REGS = {
    "noreg": {},
    "l2": dict(alpha_W=1e-3),
    "mixed": dict(alpha_W=1e-3, alpha_H=2e-3, l1_ratio=0.5),
    "l1": dict(alpha_W=1e-3, l1_ratio=1.0),
}
TOLS = [1e-4, 1e-3]  # 1e-3 makes most runs stop early, so n_iter_ is really compared

GRID = [("cd", "frobenius", init, reg, tol)
        for init, reg, tol in itertools.product(INITS, REGS, TOLS)]
GRID += [("mu", beta, init, reg, tol)
         for beta, init, reg, tol in itertools.product(BETAS, INITS, REGS, TOLS)]


def fit_both(params, X, fit_kwargs=None):
    """Fit both estimators; return them, their W, and the warning categories each raised."""
    out = []
    for cls in (SkNMF, RefNMF):
        est = cls(**params)
        kwargs = {k: v.copy() for k, v in (fit_kwargs or {}).items()}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            W = est.fit_transform(X, **kwargs)
        out.append((est, W, {w.category for w in caught}))
    return out


@pytest.mark.parametrize(
    "solver, beta, init, reg, tol", GRID,
    ids=[f"{s}-{b}-{i}-{r}-tol{t:g}" for s, b, i, r, t in GRID],
)
def test_estimator_parity(solver, beta, init, reg, tol):
    X, Y = rank_r_data() if init.startswith("nndsvd") else dense_data()
    if not isinstance(beta, str) and beta <= 0 or beta == "itakura-saito":
        X, Y = X + 0.1, Y + 0.1  # β <= 0 cannot take zeros
    params = dict(n_components=RANK, solver=solver, beta_loss=beta, init=init,
                  random_state=0, max_iter=200, tol=tol, **REGS[reg])
    fit_kwargs = None
    if init == "custom":
        rng = np.random.RandomState(1)
        fit_kwargs = dict(W=rng.rand(M, RANK), H=rng.rand(RANK, N))

    (sk, W_sk, warn_sk), (ref, W_ref, warn_ref) = fit_both(params, X, fit_kwargs)

    assert W_ref.dtype == W_sk.dtype == np.float64
    assert_close(W_ref, W_sk, "fit_transform")
    assert_close(ref.components_, sk.components_, "components_")
    assert ref.n_iter_ == sk.n_iter_
    assert_close(ref.reconstruction_err_, sk.reconstruction_err_, "reconstruction_err_")
    assert ref.n_components_ == sk.n_components_ == RANK
    # the same warnings: ConvergenceWarning when max_iter is hit, UserWarning for mu+nndsvd
    relevant = {ConvergenceWarning, UserWarning}
    assert {c for c in warn_ref if c in relevant} == {c for c in warn_sk if c in relevant}
    if solver == "mu" and init == "nndsvd":
        assert UserWarning in warn_sk and UserWarning in warn_ref

    if solver == "mu" and is_kl(beta) and params.get("l1_ratio", 0) > 0:
        # scikit-learn's KL transform adds the L1 term to its cached row sums of H
        # in place on every iteration, so its transform is wrong here and ours is
        # not; test_sklearn_kl_l1_transform_quirk documents the difference.
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", UserWarning)  # mu + nndsvd warns again, in both
        T_sk, T_ref = sk.transform(Y), ref.transform(Y)
    assert_close(T_ref, T_sk, "transform")


@pytest.mark.parametrize("solver", ["cd", "mu"])
def test_n_iter_stops_early_in_both(solver):
    """A loose tol stops well before max_iter, at the same iteration."""
    X, _ = dense_data(3)
    (sk, W_sk, _), (ref, W_ref, _) = fit_both(
        dict(n_components=4, solver=solver, init="random", random_state=2, tol=1e-2), X)
    assert sk.n_iter_ < 200
    assert ref.n_iter_ == sk.n_iter_
    assert_close(W_ref, W_sk, "fit_transform")


@pytest.mark.parametrize("random_state", [0, 7, "RandomState"])
def test_cd_shuffle_parity(random_state):
    """HALS with shuffle draws scikit-learn's permutations from the same generator."""
    X, Y = dense_data(4)
    params = dict(n_components=RANK, solver="cd", init="random", shuffle=True, tol=1e-3)
    fits = []
    for cls in (SkNMF, RefNMF):
        rs = np.random.RandomState(11) if random_state == "RandomState" else random_state
        est = cls(random_state=rs, **params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            fits.append((est, est.fit_transform(X), est.transform(Y)))
    (sk, W_sk, T_sk), (ref, W_ref, T_ref) = fits
    assert_close(W_ref, W_sk, "fit_transform")
    assert_close(ref.components_, sk.components_, "components_")
    assert ref.n_iter_ == sk.n_iter_
    assert_close(T_ref, T_sk, "transform")


@pytest.mark.parametrize("n_components", [None, "auto"])
def test_default_rank_and_init_parity(n_components):
    """Defaults everywhere: rank = n_features, init=None (random when rank > min shape)."""
    X, Y = dense_data(5)
    X, Y = X[:, :8], Y[:, :8]
    (sk, W_sk, _), (ref, W_ref, _) = fit_both(
        dict(n_components=n_components, random_state=0, max_iter=100), X)
    assert ref.n_components_ == sk.n_components_ == 8
    assert_close(W_ref, W_sk, "fit_transform")
    assert ref.n_iter_ == sk.n_iter_


@pytest.mark.parametrize("solver, beta", [("cd", "frobenius"), ("mu", "frobenius"),
                                          ("mu", "kullback-leibler"), ("mu", 0.5)])
def test_float32_parity(solver, beta):
    """float32 stays float32 in both, and the two agree to 1e-4."""
    X, Y = dense_data(6)
    X, Y = X.astype(np.float32), Y.astype(np.float32)
    params = dict(n_components=RANK, solver=solver, beta_loss=beta, init="random",
                  random_state=0, max_iter=200, alpha_W=1e-3)
    (sk, W_sk, _), (ref, W_ref, _) = fit_both(params, X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        T_sk, T_ref = sk.transform(Y), ref.transform(Y)
    for A in (W_sk, W_ref, sk.components_, ref.components_, T_sk, T_ref):
        assert A.dtype == np.float32
    assert_close(W_ref, W_sk, "fit_transform", 1e-4)
    assert_close(ref.components_, sk.components_, "components_", 1e-4)
    assert_close(T_ref, T_sk, "transform", 1e-4)
    assert_close(ref.reconstruction_err_, sk.reconstruction_err_, "reconstruction_err_", 1e-4)


# The source article's worked example. These numbers are printed in the article
# (a third source), so they are hard-coded on purpose.
ARTICLE_X = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
ARTICLE_W = [[0.0, 1.15092267], [1.40196474, 1.13618033], [2.80699256, 1.11805252]]
ARTICLE_H = [[2.86002268, 2.87028583, 2.88054899, 2.89081215],
             [0.86994025, 1.73827217, 2.60660408, 3.474936]]


@pytest.mark.parametrize("cls", [SkNMF, RefNMF], ids=["sklearn", "nmf_ref"])
def test_article_worked_example_estimator(cls):
    model = cls(n_components=2, init="random", random_state=0)
    W = model.fit_transform(np.array(ARTICLE_X))
    np.testing.assert_allclose(W, ARTICLE_W, rtol=0, atol=1e-8)
    np.testing.assert_allclose(model.components_, ARTICLE_H, rtol=0, atol=1e-8)


def test_article_worked_example_functional():
    res = nmf_ref.nmf(np.array(ARTICLE_X), 2, solver="cd", init="random", random_state=0)
    np.testing.assert_allclose(res.W, ARTICLE_W, rtol=0, atol=1e-8)
    np.testing.assert_allclose(res.H, ARTICLE_H, rtol=0, atol=1e-8)


# initialize() against scikit-learn's _initialize_nmf


@pytest.mark.parametrize("seed", [0, 1, 42, 12345])
@pytest.mark.parametrize("shape, rank", [((40, 30), 5), ((3, 4), 2), ((10, 6), 9)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_random_init_bit_identical(seed, shape, rank, dtype):
    X = np.random.RandomState(seed + 100).rand(*shape).astype(dtype)
    W_sk, H_sk = _initialize_nmf(X, rank, init="random", random_state=seed)
    W, H = nmf_ref.initialize(X, rank, "random", seed)
    assert W.dtype == W_sk.dtype and H.dtype == H_sk.dtype
    assert np.array_equal(W, W_sk) and np.array_equal(H, H_sk)


@pytest.mark.parametrize("method", ["nndsvd", "nndsvda", "nndsvdar"])
@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize("rank", [2, 5])
def test_nndsvd_family_matches_on_rank_r_data(method, seed, rank):
    rng = np.random.RandomState(seed)
    X = rng.rand(50, rank) @ rng.rand(rank, 30)
    W_sk, H_sk = _initialize_nmf(X, rank, init=method, random_state=seed)
    W, H = nmf_ref.initialize(X, rank, method, seed)
    assert_close(W, W_sk, f"{method} W", 1e-10)
    assert_close(H, H_sk, f"{method} H", 1e-10)
    # and the zero patterns (what MU can never leave) are the same
    if method == "nndsvd":
        assert np.array_equal(W == 0, W_sk == 0) and np.array_equal(H == 0, H_sk == 0)


# loss_curve_ is the objective


def sklearn_objective(X, W, H, alpha_W=0.0, alpha_H="same", l1_ratio=0.0, beta="frobenius"):
    """scikit-learn's documented objective, written out from its docstring."""
    m, n = X.shape
    alpha_H = alpha_W if alpha_H == "same" else alpha_H
    WH = W @ H
    if beta == "frobenius":
        data = 0.5 * np.sum((X - WH) ** 2)
    else:  # generalized Kullback-Leibler, X > 0 here
        data = np.sum(X * np.log(X / WH) - X + WH)
    return (data
            + alpha_W * l1_ratio * n * W.sum() + alpha_H * l1_ratio * m * H.sum()
            + 0.5 * alpha_W * (1 - l1_ratio) * n * np.sum(W**2)
            + 0.5 * alpha_H * (1 - l1_ratio) * m * np.sum(H**2))


@pytest.mark.parametrize("solver, beta", [("cd", "frobenius"), ("mu", "frobenius"),
                                          ("mu", "kullback-leibler")])
@pytest.mark.parametrize("reg", list(REGS))
def test_loss_curve_is_the_objective(solver, beta, reg):
    X, _ = dense_data(8)
    params = dict(n_components=RANK, solver=solver, beta_loss=beta, init="random",
                  random_state=0, max_iter=60, **REGS[reg])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref = RefNMF(**params)
        W = ref.fit_transform(X)
    curve = ref.loss_curve_
    assert len(curve) == ref.n_iter_ + 1
    expected_last = sklearn_objective(X, W, ref.components_, beta=beta, **REGS[reg])
    np.testing.assert_allclose(curve[-1], expected_last, rtol=1e-10)
    W0, H0 = _initialize_nmf(X, RANK, init="random", random_state=0)
    np.testing.assert_allclose(curve[0], sklearn_objective(X, W0, H0, beta=beta, **REGS[reg]),
                               rtol=1e-10)
    # and reconstruction_err_ is sqrt(2 * data term), as in scikit-learn
    data_only = sklearn_objective(X, W, ref.components_, beta=beta)
    np.testing.assert_allclose(ref.reconstruction_err_, np.sqrt(2 * data_only), rtol=1e-10)


# The scikit-learn quirk the grid skips


def kl_transform_by_hand(Y, H, l1, l2, n_iter, sklearn_quirk=False):
    """MU for KL with H fixed, from scikit-learn's start W = sqrt(mean(Y)/r).

    The update is W <- W * ((Y / WH) H^T) / (rowsum(H) + l1 + l2 W). With
    ``sklearn_quirk`` the L1 term piles up: iteration k uses rowsum(H) + k*l1,
    which is what scikit-learn's in-place ``denominator += l1_reg_W`` on its
    cached ``H_sum`` does when ``update_H=False``.
    """
    eps = np.finfo(np.float32).eps
    r = H.shape[0]
    W = np.full((Y.shape[0], r), np.sqrt(Y.mean() / r))
    for k in range(1, n_iter + 1):
        numerator = (Y / np.maximum(W @ H, eps)) @ H.T
        denominator = H.sum(axis=1)[np.newaxis, :] + (k if sklearn_quirk else 1) * l1
        denominator = denominator + l2 * W
        W = W * numerator / denominator
    return W


def test_sklearn_kl_l1_transform_quirk():
    """Ours is the MU fixed-H iteration; scikit-learn's L1 term grows every iteration."""
    X, Y = dense_data(9)
    params = dict(n_components=RANK, solver="mu", beta_loss="kullback-leibler",
                  init="random", random_state=0, alpha_W=1e-3, l1_ratio=0.5, max_iter=100)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref = RefNMF(**params).fit(X)
        sk = SkNMF(**params).fit(X)
    H = ref.components_.copy()
    sk.components_ = H.copy()  # exactly the same H for both transforms
    n_iter = 5
    ref.set_params(max_iter=n_iter, tol=0)
    sk.set_params(max_iter=n_iter, tol=0)
    l1 = N * 1e-3 * 0.5  # n_features * alpha_W * l1_ratio, scikit-learn's scaling
    l2 = N * 1e-3 * 0.5
    right = kl_transform_by_hand(Y, H, l1, l2, n_iter)
    piled_up = kl_transform_by_hand(Y, H, l1, l2, n_iter, sklearn_quirk=True)
    assert_close(ref.transform(Y), right, "nmf_ref transform vs the MU iteration", 1e-12)
    assert_close(sk.transform(Y), piled_up, "sklearn transform vs the piled-up L1", 1e-12)
    assert rel_diff(right, piled_up) > 1e-3  # the two really differ
    # after one iteration the L1 term has been added only once, so they still agree
    ref.set_params(max_iter=1)
    sk.set_params(max_iter=1)
    assert_close(ref.transform(Y), sk.transform(Y), "one-iteration transform", 1e-12)


@pytest.mark.parametrize("shape, rank", [((200, 900), 20), ((60, 40), 5), ((300, 64), 10)])
@pytest.mark.parametrize("l1, l2", [(0.0, 0.0), (0.3, 0.2)])
def test_mu_half_steps_are_scikit_learns_to_the_bit(shape, rank, l1, l2):
    """The loop hands MU's H half-step the transposed operands (Hᵀ, WᵀW, (WᵀX)ᵀ); the
    step must still give scikit-learn's H exactly, and W's step its W (exactly from
    row-major operands; to rounding from the loop's column-major W), penalties included."""
    from sklearn.decomposition._nmf import _multiplicative_update_h, _multiplicative_update_w

    from nmf_ref.rules import mu

    rng = np.random.RandomState(0)
    X = rng.rand(*shape)
    W, H = rng.rand(shape[0], rank), rng.rand(rank, shape[1])
    Ht, _ = mu.step(H.T, W.T @ W, (W.T @ X).T, l1, l2)
    expected_H = _multiplicative_update_h(X, W, H.copy(), 2, l1, l2, 1.0)
    np.testing.assert_array_equal(Ht.T, expected_H)
    expected_W = _multiplicative_update_w(X, W.copy(), H, 2, l1, l2, 1.0)[0]
    W_new, _ = mu.step(W, H @ H.T, X @ H.T, l1, l2)
    np.testing.assert_array_equal(W_new, expected_W)
    # column-major, as the loop holds W: (HHᵀ Wᵀ)ᵀ is W HHᵀ to rounding only (BLAS sums
    # its 20-term rows in another order at rank 20), the price of one layout per pass
    W_new, _ = mu.step(np.asfortranarray(W), H @ H.T, (H @ X.T).T, l1, l2)
    np.testing.assert_allclose(W_new, expected_W, rtol=1e-14, atol=0)
