"""Bad input is refused with a clear error; the caller's arrays are never touched; seeds reproduce.

Every case of DESIGN.md's "Bad input" list goes through ``nmf_ref.nmf`` (for every
solver where the case does not depend on the solver) and, where it applies, through
``nmf_ref.initialize``. Each must raise ``ValueError`` or ``TypeError`` with a message
that names the argument (checked with ``match=``).
"""

import re

import numpy as np
import pytest

import nmf_ref
from nmf_ref.rules import ALIASES, RULES, find

SOLVERS = list(RULES)  # every registered rule; subsets below are read from the records
FROBENIUS_ONLY = [s for s in [*RULES, *ALIASES] if not find(s).any_beta]
BAD = (ValueError, TypeError)

RNG = np.random.RandomState(0)
X = RNG.rand(8, 6) + 0.05  # strictly positive, so every β is allowed
M, N = X.shape
R = 2


def with_nan(A):
    A = A.copy()
    A[1, 2] = A[4, 0] = np.nan
    return A


# (id, bad X, error types, pattern the message must match)
BAD_X = [
    ("negative", X - 0.5, ValueError, r"(?i)negative.*\bX\b|\bX\b.*negative"),
    ("nan", with_nan(X), ValueError, re.escape("mask=~np.isnan(X)")),
    ("inf", np.where(X > 0.8, np.inf, X), ValueError, r"\bX\b.*inf"),
    ("-inf", np.where(X > 0.8, -np.inf, X), ValueError, r"\bX\b"),
    ("strings", np.array([["a", "b"], ["c", "d"]]), TypeError, r"\bX\b.*real numbers"),
    ("numeric strings", [["1", "2"], ["3", "4"]], TypeError, r"\bX\b"),
    ("object", X.astype(object), TypeError, r"\bX\b.*object"),
    ("complex", X + 0j, TypeError, r"\bX\b.*complex"),
    ("ragged", [[1.0, 2.0], [3.0]], TypeError, r"\bX\b"),
    ("1-D", X[0], ValueError, r"\bX\b.*2-D"),
    ("3-D", X[None], ValueError, r"\bX\b.*2-D"),
    ("0-D", np.float64(3.0), ValueError, r"\bX\b.*2-D"),
    ("empty rows", np.empty((0, 5)), ValueError, r"\bX\b.*empty"),
    ("empty columns", np.empty((5, 0)), ValueError, r"\bX\b.*empty"),
    ("empty 1-D", np.array([]), ValueError, r"\bX\b"),
]


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("bad, exc, pattern", [c[1:] for c in BAD_X], ids=[c[0] for c in BAD_X])
def test_bad_X_nmf(solver, bad, exc, pattern):
    with pytest.raises(exc, match=pattern):
        nmf_ref.nmf(bad, 1, solver=solver)


@pytest.mark.parametrize("bad, exc, pattern", [c[1:] for c in BAD_X], ids=[c[0] for c in BAD_X])
def test_bad_X_initialize(bad, exc, pattern):
    with pytest.raises(exc, match=pattern):
        nmf_ref.initialize(bad, 1, "random", 0)


BAD_RANKS = [(0, ValueError), (-1, ValueError), (2.0, TypeError), (2.5, TypeError),
             (True, TypeError), (False, TypeError), (None, TypeError), ("2", TypeError)]


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("rank, exc", BAD_RANKS, ids=[repr(r) for r, _ in BAD_RANKS])
def test_bad_rank_nmf(solver, rank, exc):
    with pytest.raises(exc, match=r"\brank\b.*positive integer"):
        nmf_ref.nmf(X, rank, solver=solver)


@pytest.mark.parametrize("method", ["random", "nndsvd", "nndsvda", "nndsvdar"])
@pytest.mark.parametrize("rank, exc", BAD_RANKS, ids=[repr(r) for r, _ in BAD_RANKS])
def test_bad_rank_initialize(method, rank, exc):
    with pytest.raises(exc, match=r"\brank\b.*positive integer"):
        nmf_ref.initialize(X, rank, method, 0)


def test_numpy_integer_rank_is_fine():
    assert nmf_ref.nmf(X, np.int64(2), max_iter=2).W.shape == (M, 2)


@pytest.mark.parametrize("method", ["nndsvd", "nndsvda", "nndsvdar"])
def test_nndsvd_rank_too_large(method):
    with pytest.raises(ValueError, match=r"rank.*method='random'"):
        nmf_ref.initialize(X, N + 1, method, 0)
    with pytest.raises(ValueError, match=r"\brank\b.*init='random'"):
        nmf_ref.nmf(X, N + 1, init=method)


# mask


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("mask, exc, pattern", [
    (np.ones((N, M), bool), ValueError, r"\bmask\b.*shape"),
    (np.ones((M, N - 1), bool), ValueError, r"\bmask\b.*shape"),
    (np.ones(M * N, bool), ValueError, r"\bmask\b.*shape"),
    (np.ones((M, N), int), TypeError, r"\bmask\b.*boolean"),
    (np.ones((M, N)), TypeError, r"\bmask\b.*boolean"),
    (np.zeros((M, N), bool), ValueError, r"\bmask\b"),  # nothing observed
], ids=["transposed", "narrow", "flat", "int", "float", "all-False"])
def test_bad_mask(solver, mask, exc, pattern):
    with pytest.raises(exc, match=pattern):
        nmf_ref.nmf(X, R, solver=solver, mask=mask)


@pytest.mark.parametrize("solver", SOLVERS)
def test_nan_where_mask_is_true(solver):
    with pytest.raises(ValueError, match=r"NaN.*\bmask\b"):
        nmf_ref.nmf(with_nan(X), R, solver=solver, mask=np.ones(X.shape, bool))


# custom W and H

W_OK, H_OK = RNG.rand(M, R) + 0.1, RNG.rand(R, N) + 0.1
BAD_FACTORS = [
    ("W wrong shape", dict(W=np.ones((M, R + 1)), H=H_OK), ValueError, r"\bW\b.*shape"),
    ("W transposed", dict(W=np.ones((R, M)), H=H_OK), ValueError, r"\bW\b.*shape"),
    ("H wrong shape", dict(W=W_OK, H=np.ones((R, N - 1))), ValueError, r"\bH\b.*shape"),
    ("W 1-D", dict(W=np.ones(M), H=H_OK), ValueError, r"\bW\b"),
    ("W negative", dict(W=-W_OK, H=H_OK), ValueError, r"(?i)negative.*\bW\b|\bW\b.*negative"),
    ("H negative", dict(W=W_OK, H=H_OK - 10), ValueError, r"(?i)negative.*\bH\b|\bH\b.*negative"),
    ("W all zero", dict(W=np.zeros((M, R)), H=H_OK), ValueError, r"\bW\b.*zero"),
    ("H all zero", dict(W=W_OK, H=np.zeros((R, N))), ValueError, r"\bH\b.*zero"),
    ("W inf", dict(W=np.full((M, R), np.inf), H=H_OK), ValueError, r"\bW\b.*inf"),
    ("H strings", dict(W=W_OK, H=np.full((R, N), "a")), TypeError, r"\bH\b"),
    ("W only", dict(W=W_OK), ValueError, r"\bW\b.*\bH\b"),
    ("H only", dict(H=H_OK), ValueError, r"\bW\b.*\bH\b"),
    ("W, H and init", dict(W=W_OK, H=H_OK, init="random"), ValueError, r"\binit\b"),
]


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("kwargs, exc, pattern", [c[1:] for c in BAD_FACTORS],
                         ids=[c[0] for c in BAD_FACTORS])
def test_bad_custom_start(solver, kwargs, exc, pattern):
    with pytest.raises(exc, match=pattern):
        nmf_ref.nmf(X, R, solver=solver, **kwargs)


def test_nan_in_W_does_not_suggest_a_mask():
    with pytest.raises(ValueError, match=r"\bW\b.*NaN") as info:
        nmf_ref.nmf(X, R, W=np.full((M, R), np.nan), H=H_OK)
    assert "isnan(W)" not in str(info.value)


# solver, init, loss


@pytest.mark.parametrize("solver", ["bogus", "HALS", "sgd", None, 3])
def test_unknown_solver(solver):
    with pytest.raises(ValueError, match=r"\bsolver\b"):
        nmf_ref.nmf(X, R, solver=solver)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("init", ["bogus", "custom", "NNDSVD", "svd"])
def test_unknown_init(solver, init):
    with pytest.raises(ValueError, match=r"\binit\b"):
        nmf_ref.nmf(X, R, solver=solver, init=init)


@pytest.mark.parametrize("init", ["bogus", "custom"])
def test_unknown_init_initialize(init):
    # initialize's argument is called `method`; the message speaks of init
    with pytest.raises(ValueError, match=r"\binit\b|\bmethod\b"):
        nmf_ref.initialize(X, R, init, 0)


@pytest.mark.parametrize("solver", FROBENIUS_ONLY)
@pytest.mark.parametrize("beta_loss", ["kullback-leibler", "itakura-saito", 1.0, 0.5, 1.5, 3])
def test_frobenius_only_solvers_refuse_other_losses(solver, beta_loss):
    with pytest.raises(ValueError, match=r"\bsolver\b.*\bbeta_loss\b.*'mu'"):
        nmf_ref.nmf(X, R, solver=solver, beta_loss=beta_loss)


@pytest.mark.parametrize("beta_loss, exc", [("bogus", ValueError), ("Frobenius", ValueError),
                                             (np.nan, ValueError), (np.inf, ValueError),
                                             (None, TypeError), (True, TypeError)])
def test_bad_beta_loss(beta_loss, exc):
    with pytest.raises(exc, match=r"\bbeta_loss\b"):
        nmf_ref.nmf(X, R, solver="mu", beta_loss=beta_loss)


@pytest.mark.parametrize("beta_loss", ["itakura-saito", 0, 0.0, -0.5, -2])
def test_beta_le_0_refuses_zeros(beta_loss):
    X0 = X.copy()
    X0[2, 3] = 0.0
    with pytest.raises(ValueError, match=r"\bbeta_loss\b.*zero"):
        nmf_ref.nmf(X0, R, solver="mu", beta_loss=beta_loss)
    # a zero that the mask leaves out is no problem
    mask = np.ones(X.shape, bool)
    mask[2, 3] = False
    res = nmf_ref.nmf(X0, R, solver="mu", beta_loss=beta_loss, mask=mask, max_iter=3)
    assert np.isfinite(res.loss).all()


# numbers


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("name, value, exc", [
    ("max_iter", 0, ValueError), ("max_iter", -5, ValueError), ("max_iter", 1.5, TypeError),
    ("max_iter", 10.0, TypeError), ("max_iter", True, TypeError), ("max_iter", None, TypeError),
    ("max_iter", "10", TypeError),
    ("tol", -1e-4, ValueError), ("tol", np.nan, ValueError), ("tol", np.inf, ValueError),
    ("tol", "0", TypeError), ("tol", None, TypeError),
    ("alpha_W", -0.1, ValueError), ("alpha_W", np.inf, ValueError), ("alpha_W", np.nan, ValueError),
    ("alpha_W", "same", TypeError), ("alpha_W", None, TypeError),
    ("alpha_H", -0.1, ValueError), ("alpha_H", np.nan, ValueError), ("alpha_H", "other", TypeError),
    ("alpha_H", None, TypeError),
    ("l1_ratio", -0.1, ValueError), ("l1_ratio", 1.5, ValueError), ("l1_ratio", np.nan, ValueError),
    ("l1_ratio", None, TypeError),
])
def test_bad_numbers(solver, name, value, exc):
    with pytest.raises(exc, match=rf"\b{name}\b"):
        nmf_ref.nmf(X, R, solver=solver, **{name: value})


@pytest.mark.parametrize("solver", [s for s in [*RULES, *ALIASES]
                                    if "learning_rate" not in find(s).options])
def test_learning_rate_is_for_pgd_only(solver):
    with pytest.raises(ValueError, match=r"\blearning_rate\b.*'pgd'"):
        nmf_ref.nmf(X, R, solver=solver, learning_rate=0.01)


@pytest.mark.parametrize("value, exc", [(0, ValueError), (-0.1, ValueError),
                                        (np.inf, ValueError), ("big", TypeError)])
def test_bad_learning_rate_for_pgd(value, exc):
    with pytest.raises(exc, match=r"\blearning_rate\b"):
        nmf_ref.nmf(X, R, solver="pgd", learning_rate=value)


@pytest.mark.parametrize("solver", [s for s in RULES if "rng" not in RULES[s].options])
def test_shuffle_is_for_hals_only(solver):
    with pytest.raises(ValueError, match=r"\bshuffle\b.*'hals'"):
        nmf_ref.nmf(X, R, solver=solver, shuffle=True)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("callback", [3, "print", [print]])
def test_callback_must_be_callable(solver, callback):
    with pytest.raises(TypeError, match=r"\bcallback\b"):
        nmf_ref.nmf(X, R, solver=solver, callback=callback)


@pytest.mark.parametrize("random_state", ["abc", 1.5, np.random.default_rng(0)])
def test_bad_random_state(random_state):
    with pytest.raises(TypeError, match=r"\brandom_state\b"):
        nmf_ref.nmf(X, R, init="random", random_state=random_state)
    with pytest.raises(TypeError, match=r"\brandom_state\b"):
        nmf_ref.initialize(X, R, "random", random_state)


def test_update_H_false_needs_H():
    with pytest.raises(ValueError, match=r"\bH\b"):
        nmf_ref.nmf(X, R, update_H=False)


# the caller's arrays are never modified


def frozen(A):
    A = np.array(A)
    A.setflags(write=False)  # and, belt and braces, a read-only array must be accepted
    return A


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("masked", [False, True], ids=["dense", "nan+mask"])
@pytest.mark.parametrize("custom", [False, True], ids=["init", "custom W,H"])
@pytest.mark.parametrize("reg", [{}, dict(alpha_W=1e-2, l1_ratio=0.5)], ids=["noreg", "reg"])
def test_inputs_are_not_modified(solver, masked, custom, reg):
    X_in = with_nan(X) if masked else X.copy()
    mask = ~np.isnan(X_in) if masked else None
    W_in, H_in = W_OK.copy(), H_OK.copy()
    copies = [A.copy() for A in (X_in, W_in, H_in)] + ([mask.copy()] if masked else [])
    kwargs = dict(W=W_in, H=H_in) if custom else dict(init="random", random_state=0)
    res = nmf_ref.nmf(X_in, R, solver=solver, mask=mask, max_iter=15, tol=0, **kwargs, **reg)
    after = [X_in, W_in, H_in] + ([mask] if masked else [])
    for before, now in zip(copies, after):
        assert np.array_equal(before, now, equal_nan=True)
    # the result does not share memory with the inputs either
    for A in (X_in, W_in, H_in):
        assert not np.shares_memory(res.W, A) and not np.shares_memory(res.H, A)
    # read-only inputs are fine: nothing tries to write to them
    nmf_ref.nmf(frozen(X_in), R, solver=solver, mask=None if mask is None else frozen(mask),
                max_iter=3, **({k: frozen(v) for k, v in kwargs.items()} if custom else kwargs))


@pytest.mark.parametrize("solver", SOLVERS)
def test_transform_style_call_does_not_modify_H_or_W(solver):
    H_in, W_in = H_OK.copy(), W_OK.copy()
    res = nmf_ref.nmf(X, R, solver=solver, H=H_in, W=W_in, update_H=False, max_iter=10)
    assert np.array_equal(H_in, H_OK) and np.array_equal(W_in, W_OK)
    assert np.array_equal(res.H, H_OK)  # H really is held fixed


@pytest.mark.parametrize("method", ["random", "nndsvd", "nndsvda", "nndsvdar"])
def test_initialize_does_not_modify_X(method):
    X_in = X.copy()
    nmf_ref.initialize(X_in, R, method, 0)
    assert np.array_equal(X_in, X)


def test_estimator_does_not_modify_X():
    pytest.importorskip("sklearn")
    from nmf_ref.estimator import NMF

    X_in, W_in, H_in = X.copy(), W_OK.copy(), H_OK.copy()
    est = NMF(R, init="custom", max_iter=20, tol=0)
    est.fit_transform(X_in, W=W_in, H=H_in)
    est.transform(X_in)
    assert np.array_equal(X_in, X) and np.array_equal(W_in, W_OK) and np.array_equal(H_in, H_OK)


# reproducibility

INITS = ["random", "nndsvd", "nndsvda", "nndsvdar"]


def run(solver, init, seed, **kw):
    return nmf_ref.nmf(X, 3, solver=solver, init=init, random_state=seed, max_iter=30, **kw)


def same(a, b):
    return (np.array_equal(a.W, b.W) and np.array_equal(a.H, b.H)
            and np.array_equal(a.loss, b.loss) and a.n_iter == b.n_iter)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("init", INITS)
def test_same_seed_same_bits(solver, init):
    assert same(run(solver, init, 7), run(solver, init, 7))
    # a RandomState in the same state is the same seed
    assert same(run(solver, init, np.random.RandomState(7)), run(solver, init, 7))


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("init", INITS)
def test_same_seed_same_bits_with_mask(solver, init):
    mask = np.random.RandomState(1).rand(*X.shape) > 0.2
    assert same(run(solver, init, 3, mask=mask), run(solver, init, 3, mask=mask))


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("init", ["random", "nndsvdar"])
def test_different_seeds_differ(solver, init):
    a, b = run(solver, init, 1), run(solver, init, 2)
    assert not np.array_equal(a.W, b.W) and not np.array_equal(a.H, b.H)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("init", ["nndsvd", "nndsvda"])
def test_deterministic_inits_ignore_the_seed(solver, init):
    assert same(run(solver, init, 1), run(solver, init, 2))


def test_hals_shuffle_same_seed_same_bits_and_seeds_differ():
    a = run("hals", "nndsvda", 5, shuffle=True)
    assert same(a, run("hals", "nndsvda", 5, shuffle=True))
    assert not np.array_equal(a.W, run("hals", "nndsvda", 6, shuffle=True).W)


@pytest.mark.parametrize("method", INITS)
def test_initialize_same_seed_same_bits(method):
    W1, H1 = nmf_ref.initialize(X, 3, method, 11)
    W2, H2 = nmf_ref.initialize(X, 3, method, 11)
    assert np.array_equal(W1, W2) and np.array_equal(H1, H2)


def test_divergence_stops_with_a_warning_that_names_the_fix():
    """A fixed PGD step far above 1/L blows up; the run stops there and says why."""
    X_div = np.random.RandomState(0).rand(50, 40)
    with np.errstate(over="ignore", invalid="ignore"):
        with pytest.warns(RuntimeWarning, match="smaller learning_rate"):
            res = nmf_ref.nmf(X_div, 5, solver="pgd", learning_rate=10.0, max_iter=500, tol=0)
    assert not np.isfinite(res.loss[-1])
    assert res.n_iter < 500 and not res.converged
