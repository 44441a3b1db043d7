"""``nmf_ref.estimator.NMF`` against scikit-learn's ``NMF``, on three things its own
test suite (``sklearn/decomposition/tests/test_nmf.py``) asks of an NMF:

1. ``n_components="auto"``: the rank comes from a custom H (``init="custom"``, or
   the H that ``transform`` holds fixed), else it is ``n_features``; None always
   means ``n_features``. A W whose columns do not match H's rows is an error
   (scikit-learn 1.9 does not check this and crashes in its Cython loop, so
   that case is asked of ours alone).
2. A custom W or H whose dtype differs from X's is a ``TypeError``.
3. Penalties: every ``(alpha_W, alpha_H)`` of scikit-learn's consistency test gives
   scikit-learn's numbers. One case, ``alpha_W=1, alpha_H=0`` with ``cd`` from the
   random start, is a run that never converges (W shrinks, H grows) and can fork
   on a rounding, so there the two may differ by ~1e-2 after 500 iterations. The
   tests at the end show that this is rounding, not a difference in the
   penalties: the two agree to ~1e-15 at every iteration until a row of H dies;
   the next W step puts that component's column at 0, which scikit-learn
   computes as ``w - (l2 * w) / l2``, exactly 0 or one ulp of w (~1e-21)
   depending on w's last bit. A one-ulp remnant is revived by the H step after
   it (a division by its squared norm, ~1e-42; H's row goes to ~1e18), a second
   run of the same algorithm. scikit-learn itself lands on either run when its
   start is moved by 1e-15.
"""

import warnings

import numpy as np
import pytest
from sklearn.decomposition import NMF as SkNMF
from sklearn.decomposition._nmf import _initialize_nmf
from sklearn.exceptions import ConvergenceWarning

from nmf_ref.estimator import NMF as RefNMF

pytestmark = [
    pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning"),
    pytest.mark.filterwarnings("ignore:The multiplicative update:UserWarning"),
]
BOTH = pytest.mark.parametrize("Estimator", [SkNMF, RefNMF], ids=["sklearn", "nmf_ref"])


def quiet_fit(est, X, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return est.fit_transform(X, **params)


@pytest.fixture
def small():
    """scikit-learn's data for its n_components='auto' tests: X (6, 5), W (6, 2), H (2, 5)."""
    rng = np.random.RandomState(0)
    return rng.random_sample((6, 5)), rng.random_sample((6, 2)), rng.random_sample((2, 5))


# 1. n_components="auto" -------------------------------------------------------------


@pytest.mark.parametrize("solver", ["cd", "mu"])
def test_auto_takes_the_rank_of_a_custom_start(small, solver):
    X, W, H = small
    fits = {}
    for name, Estimator in (("sk", SkNMF), ("ref", RefNMF)):
        est = Estimator(n_components="auto", init="custom", solver=solver, tol=1e-6,
                        random_state=0)
        fits[name] = est, quiet_fit(est, X, W=W.copy(), H=H.copy())
    (sk, W_sk), (ref, W_ref) = fits["sk"], fits["ref"]
    assert ref.n_components_ == sk.n_components_ == 2
    assert ref._n_components == sk._n_components == 2  # what scikit-learn's test reads
    np.testing.assert_allclose(W_ref, W_sk, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(ref.components_, sk.components_, rtol=1e-8, atol=1e-12)
    # transform holds components_ fixed, so "auto" means its number of rows there
    np.testing.assert_allclose(ref.transform(X), sk.transform(X), rtol=1e-8, atol=1e-12)
    assert ref.transform(X).shape == (6, 2)


@pytest.mark.parametrize("init", [None, "random", "nndsvda"])
def test_auto_without_a_custom_start_is_n_features(small, init):
    X, _, _ = small
    sk = SkNMF(init=init, random_state=0, max_iter=50)
    ref = RefNMF(init=init, random_state=0, max_iter=50)
    W_sk, W_ref = quiet_fit(sk, X), quiet_fit(ref, X)
    assert ref.n_components_ == sk.n_components_ == X.shape[1]
    np.testing.assert_allclose(W_ref, W_sk, rtol=1e-8, atol=1e-12)


@BOTH
def test_auto_ignores_W_and_H_unless_init_is_custom(small, Estimator):
    X, W, H = small
    est = Estimator(n_components="auto", init="random", random_state=0, max_iter=20)
    with pytest.warns(RuntimeWarning, match="When init!='custom', provided W or H are ignored"):
        quiet_fit(est, X, W=W, H=H)
    assert est.n_components_ == X.shape[1]


@BOTH
def test_none_is_n_features_even_with_a_custom_start(small, Estimator):
    """None is not "auto": scikit-learn does not infer it from H, so a rank-2 H is wrong."""
    X, W, H = small
    with pytest.raises(ValueError, match=r"wrong first dimension passed to NMF \(input H\)"):
        Estimator(n_components=None, init="custom").fit(X, W=W, H=H)
    est = Estimator(n_components=None, init="random", random_state=0, max_iter=20)
    quiet_fit(est, X)
    assert est.n_components_ == X.shape[1]


@BOTH
@pytest.mark.parametrize("n_components, W_shape, H_shape, match", [
    (2, (5, 2), (2, 5), r"wrong first dimension passed to NMF \(input W\)"),
    (2, (6, 3), (2, 5), r"wrong second dimension passed to NMF \(input W\)"),
    (3, (6, 2), (2, 5), r"wrong first dimension passed to NMF \(input H\)"),
    (2, (6, 2), (2, 4), r"wrong second dimension passed to NMF \(input H\)"),
    ("auto", (6, 2), (2, 4), r"wrong second dimension passed to NMF \(input H\)"),
    ("auto", (5, 2), (2, 5), r"wrong first dimension passed to NMF \(input W\)"),
], ids=["W-rows", "W-cols", "H-rows", "H-cols", "auto-H-cols", "auto-W-rows"])
def test_custom_start_of_the_wrong_shape(Estimator, n_components, W_shape, H_shape, match):
    X = np.random.RandomState(0).random_sample((6, 5))
    W, H = np.ones(W_shape), np.ones(H_shape)
    with pytest.raises(ValueError, match=match):
        Estimator(n_components=n_components, init="custom").fit(X, W=W, H=H)


@pytest.mark.parametrize("W_cols, H_rows", [(3, 2), (2, 3)])
def test_auto_rejects_W_and_H_of_different_ranks(W_cols, H_rows):
    """scikit-learn 1.9 checks neither and reads out of bounds (a segfault), so ours alone:
    the rank is H's, and W is told to have as many columns."""
    rng = np.random.RandomState(0)
    X = rng.random_sample((6, 5))
    W, H = rng.random_sample((6, W_cols)), rng.random_sample((H_rows, 5))
    with pytest.raises(ValueError, match=(
            rf"wrong second dimension passed to NMF \(input W\)\. Expected {H_rows}, but got "
            rf"{W_cols}.*n_components='auto' takes n_components = {H_rows} from H")):
        RefNMF(n_components="auto", init="custom").fit(X, W=W, H=H)


@BOTH
@pytest.mark.parametrize("n_components", [0, -2, 1.5, "two", np.float64(2.0)])
def test_invalid_n_components(small, Estimator, n_components):
    # scikit-learn raises InvalidParameterError, a subclass of both
    with pytest.raises((ValueError, TypeError), match="n_components"):
        Estimator(n_components=n_components).fit(small[0])


def test_bool_n_components_is_rejected(small):
    """Stricter than scikit-learn, which takes True as 1 (a bool is an Integral)."""
    with pytest.raises(TypeError, match="n_components must be a positive int"):
        RefNMF(n_components=True).fit(small[0])


def test_a_custom_start_is_not_modified(small):
    """scikit-learn's cd writes its iterates into the caller's W; ours copies."""
    X, W, H = small
    W0, H0 = W.copy(), H.copy()
    RefNMF(init="custom", max_iter=5).fit(X, W=W, H=H)
    np.testing.assert_array_equal(W, W0)
    np.testing.assert_array_equal(H, H0)


def test_a_custom_start_missing_W_or_H_is_named(small):
    X, W, H = small
    for given, missing in (({"W": W}, "H"), ({"H": H}, "W")):
        with pytest.raises(ValueError, match=f"{missing} is missing"):
            RefNMF(init="custom").fit(X, **given)


# 2. dtype of a custom start ----------------------------------------------------------


@BOTH
@pytest.mark.parametrize("X_dtype, W_dtype, H_dtype", [
    (np.float64, np.float64, np.float32),  # scikit-learn's own test
    (np.float64, np.float32, np.float64),
    (np.float32, np.float64, np.float64),
    (np.float32, np.float32, np.float64),
    (np.float64, np.int64, np.float64),
])
def test_custom_start_of_another_dtype_is_a_type_error(Estimator, X_dtype, W_dtype, H_dtype):
    rng = np.random.RandomState(0)
    X = rng.random_sample((20, 15)).astype(X_dtype)
    W = (rng.random_sample((20, 15)) * 3 + 1).astype(W_dtype)
    H = (rng.random_sample((15, 15)) * 3 + 1).astype(H_dtype)
    with pytest.raises(TypeError, match="should have the same dtype as X"):
        Estimator(init="custom").fit(X, W=W, H=H)


@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-10), (np.float32, 1e-4)])
@pytest.mark.parametrize("solver", ["cd", "mu"])
def test_custom_start_of_X_dtype_fits_as_sklearn(dtype, rtol, solver):
    rng = np.random.RandomState(0)
    X, W, H = (rng.random_sample(s).astype(dtype) for s in ((20, 15), (20, 4), (4, 15)))
    sk, ref = (E(init="custom", solver=solver, max_iter=50, tol=0) for E in (SkNMF, RefNMF))
    W_sk, W_ref = quiet_fit(sk, X, W=W.copy(), H=H.copy()), quiet_fit(ref, X, W=W, H=H)
    assert W_ref.dtype == ref.components_.dtype == W_sk.dtype == dtype
    np.testing.assert_allclose(W_ref, W_sk, rtol=rtol, atol=rtol * np.abs(W_sk).max())


@BOTH
def test_dtype_of_ignored_W_and_H_does_not_matter(Estimator):
    rng = np.random.RandomState(0)
    X = rng.random_sample((6, 5))
    W, H = (rng.random_sample(s).astype(np.float32) for s in ((6, 2), (2, 5)))
    with pytest.warns(RuntimeWarning, match="ignored"):
        quiet_fit(Estimator(init="random", random_state=0, max_iter=10), X, W=W, H=H)


# 3. the penalties --------------------------------------------------------------------


def consistency_data():
    """The matrix of scikit-learn's test_non_negative_factorization_consistency."""
    A = np.abs(np.random.RandomState(42).randn(10, 10))
    A[:, ::2] = 0
    return A


CASE = dict(solver="cd", init="random", random_state=1, tol=1e-2, alpha_W=1.0, alpha_H=0.0)


@pytest.mark.parametrize("init", ["random", "nndsvd"])
@pytest.mark.parametrize("solver", ["cd", "mu"])
@pytest.mark.parametrize("alpha_W", [0.0, 1.0])
@pytest.mark.parametrize("alpha_H", [0.0, 1.0, "same"])
def test_penalties_as_sklearn(init, solver, alpha_W, alpha_H):
    """scikit-learn's grid, ours against scikit-learn's numbers (its test compares
    scikit-learn with itself). The run that can fork is asked less: see below."""
    A = consistency_data()
    kw = dict(init=init, solver=solver, alpha_W=alpha_W, alpha_H=alpha_H,
              random_state=1, tol=1e-2, max_iter=500)
    sk, ref = SkNMF(**kw), RefNMF(**kw)
    W_sk, W_ref = quiet_fit(sk, A), quiet_fit(ref, A)
    assert ref.n_iter_ == sk.n_iter_
    scale = np.abs(W_sk).max()
    if (init, solver, alpha_W, alpha_H) == ("random", "cd", 1.0, 0.0):
        # the run that can fork on a rounding (tests below): the same, or forked
        assert_same_or_forked((W_ref, ref.components_), (W_sk, sk.components_))
        return
    np.testing.assert_allclose(W_ref, W_sk, rtol=1e-6, atol=1e-9 * scale)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        np.testing.assert_allclose(ref.transform(A), sk.transform(A), rtol=1e-6,
                                   atol=1e-9 * scale)


def dead_component(H):
    """Index of the first all-zero row of H, or None."""
    dead = np.flatnonzero(~H.any(axis=1))
    return int(dead[0]) if dead.size else None


def test_explicit_zero_alpha_H_agrees_iterate_by_iterate_until_a_component_dies():
    """From the same start the two agree to ~1e-15 at every iteration until H
    loses a row (iteration 52 here); the W step after it meets the coin."""
    A = consistency_data()
    k, dead = 0, None
    while dead is None:
        k += 1
        assert k <= 200, "no component died: the premise of the tests below is gone"
        sk, ref = SkNMF(max_iter=k, **CASE), RefNMF(max_iter=k, **CASE)
        W_sk, W_ref = quiet_fit(sk, A), quiet_fit(ref, A)
        np.testing.assert_allclose(W_ref, W_sk, rtol=0, atol=1e-12, err_msg=f"iteration {k}")
        np.testing.assert_allclose(ref.components_, sk.components_, rtol=0,
                                   atol=1e-12 * np.abs(sk.components_).max(),
                                   err_msg=f"iteration {k}")
        dead = dead_component(sk.components_)
    assert dead_component(ref.components_) == dead
    # Next, the W step: with H[dead] = 0 and the L2 weight l2 = n_features * alpha_W,
    # that column's exact minimizer is 0. scikit-learn computes it as
    # w - (l2 * w) / l2: 0, or one ulp of w, as w's last bit falls, where the two
    # differ. (nmf_ref's sweep cancels the column's own term before computing,
    # and gets 0; not asked of it here.)
    before = {"sk": W_sk[:, dead], "ref": W_ref[:, dead]}
    sk, ref = SkNMF(max_iter=k + 1, **CASE), RefNMF(max_iter=k + 1, **CASE)
    W_sk, W_ref = quiet_fit(sk, A), quiet_fit(ref, A)
    for name, W in (("sk", W_sk), ("ref", W_ref)):
        assert before[name].max() > 1e-5  # the column was alive ...
        # ... and is now 0, or the ulp of one of its entries
        assert W[:, dead].max() <= np.spacing(before[name]).max(), name
    # whatever the coin gave, everything else still agrees
    rest = np.arange(W_sk.shape[1]) != dead
    np.testing.assert_allclose(W_ref[:, rest], W_sk[:, rest], rtol=0, atol=1e-12)


def assert_same_or_forked(fit_a, fit_b, atol=1e-10):
    """Two fits (W, H) agree to ``atol``, or else at least one of them forked: it
    revived a dead column from a remnant of an ulp or so, which leaves that row of
    H at ~1e18. (After that the runs differ; two revived runs differ from each
    other too, as their remnants differ, and may later lose other columns.)"""
    (W_a, H_a), (W_b, H_b) = fit_a, fit_b
    gap = np.abs(W_a - W_b).max()
    if gap > atol:
        assert max(H_a.max(), H_b.max()) > 1e12, f"W differs by {gap:.3g} with no fork"


def run_branch(W, H, dead):
    """'zero' if the dead column of W stayed exactly 0, else 'revived' (after checking
    that it was revived from a remnant of an ulp or so: H's row is then ~1e18)."""
    if not W[:, dead].any():
        return "zero"
    assert H[dead].max() > 1e12, "a live component, not a revived ulp"
    return "revived"


def perturbed_starts(n):
    """scikit-learn's random start for CASE, and n copies of it moved by at most 1e-15
    (relative) in W."""
    W0, H0 = _initialize_nmf(consistency_data(), 10, init="random", random_state=1)
    yield W0, H0
    for seed in range(n):
        P = np.random.RandomState(seed).uniform(-1, 1, W0.shape)
        yield W0 * (1 + 1e-15 * P), H0


def fit_from(Estimator, W0, H0):
    kw = {k: v for k, v in CASE.items() if k not in ("init", "random_state")}
    est = Estimator(init="custom", max_iter=500, **kw)
    W = quiet_fit(est, consistency_data(), W=W0.copy(), H=H0.copy())  # sklearn writes into W
    return W, est.components_


def test_sklearn_against_itself_moves_as_much_as_the_gap():
    """The gap of ~1e-2 is the distance between the two runs. Moving scikit-learn's
    own start by 1e-15 puts scikit-learn on the other run (in about one start of
    three: each of the dying column's 8 entries rounds to one ulp instead of 0
    with a chance of about 5%). From every start, nmf_ref and scikit-learn agree
    to 1e-10 or have forked. (nmf_ref's sweep, which cancels a column's own term
    algebraically, puts a dying column at exactly 0, so it stays on the zero run;
    that is not asked of it here.)"""
    A = consistency_data()
    dead = dead_component(SkNMF(max_iter=60, **CASE).fit(A).components_)
    assert dead is not None
    fits = [(fit_from(SkNMF, W0, H0), fit_from(RefNMF, W0, H0))
            for W0, H0 in perturbed_starts(16)]
    (W_sk, _), _ = fits[0]
    np.testing.assert_array_equal(W_sk, quiet_fit(SkNMF(max_iter=500, **CASE), A))
    for sk_fit, ref_fit in fits:
        assert_same_or_forked(ref_fit, sk_fit)
    sk_branches = [run_branch(*sk_fit, dead) for sk_fit, _ in fits]
    # scikit-learn alone, from starts 1e-15 apart, lands on both runs ...
    assert set(sk_branches) == {"zero", "revived"}, sk_branches
    # ... which are ~1e-2 apart: as far as nmf_ref ever is from scikit-learn
    sk_self = max(np.abs(W - W_sk).max() for (W, _), _ in fits)
    gaps = [np.abs(W_r - W_s).max() for (W_s, _), (W_r, _) in fits]
    assert 1e-3 < sk_self
    assert max(gaps) < 5 * sk_self, (max(gaps), sk_self)


@pytest.mark.parametrize("alpha_W, alpha_H", [(0.0, 1.0), (1.0, 0.0)])
def test_explicit_zero_penalty_is_not_same(alpha_W, alpha_H):
    """An explicit 0 for one factor is not "same": ours and scikit-learn's both give
    a different fit from the one with both penalties, and the same as each other on
    the side whose run does not fork (alpha_W=0)."""
    A = consistency_data()
    base = dict(solver="cd", init="random", random_state=1, tol=1e-2, max_iter=500)
    W_same = quiet_fit(RefNMF(alpha_W=1.0, alpha_H="same", **base), A)
    W_ref = quiet_fit(RefNMF(alpha_W=alpha_W, alpha_H=alpha_H, **base), A)
    W_sk = quiet_fit(SkNMF(alpha_W=alpha_W, alpha_H=alpha_H, **base), A)
    assert np.abs(W_ref - W_same).max() > 1e-3
    assert np.abs(W_sk - W_same).max() > 1e-3
    if alpha_W == 0.0:
        np.testing.assert_allclose(W_ref, W_sk, rtol=1e-6, atol=1e-9 * np.abs(W_sk).max())


def test_dead_component_under_l1_counts_in_the_violation_as_in_sklearn():
    rng = np.random.RandomState(0)
    X, W, H = rng.random_sample((8, 6)), rng.random_sample((8, 3)), rng.random_sample((3, 6))
    H[2] = 0  # a dead component: its column of W can never move
    kw = dict(init="custom", solver="cd", alpha_W=0.01, alpha_H=0.0, l1_ratio=1.0,
              tol=0.1, max_iter=1000)
    sk, ref = SkNMF(**kw), RefNMF(**kw)
    W_sk, W_ref = quiet_fit(sk, X, W=W.copy(), H=H.copy()), quiet_fit(ref, X, W=W, H=H)
    assert ref.n_iter_ == sk.n_iter_  # 14 against 13 without the fix
    np.testing.assert_allclose(W_ref, W_sk, rtol=0, atol=1e-12)


# scikit-learn's error messages, so that its own tests match ours --------------------


@BOTH
def test_sklearn_messages(Estimator):
    A = np.ones((2, 2))
    with pytest.raises(ValueError, match="Invalid beta_loss parameter: solver 'cd' does not "
                                         "handle beta_loss = 1.0"):
        Estimator(solver="cd", beta_loss=1.0).fit(A)
    with pytest.raises(ValueError, match="Negative values in data passed to"):
        Estimator().fit(-A)
    with pytest.raises(ValueError, match="Negative values in data passed to"):
        Estimator(2, tol=0.1).fit(A).transform(-A)
    with pytest.raises(ValueError, match=r"init = 'nndsvda' can only be used when "
                                         r"n_components <= min\(n_samples, n_features\)"):
        Estimator(3, init="nndsvda").fit(A)
