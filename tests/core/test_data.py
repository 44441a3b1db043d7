"""nmf_ref.data: X as one object at the door. Each kind answers the loop's questions
with the numbers the dense computation gives on the same entries; a masked X is
filled in with WH at the pair asked about, whatever order the questions come in;
bad input gets the errors it got before the door existed."""

import dataclasses

import numpy as np
import pytest

import nmf_ref
from nmf_ref import data as kinds
from nmf_ref.rules import RULES

RNG = np.random.RandomState(0)
M, N, R = 12, 9, 3
X = RNG.rand(M, N)
X[RNG.rand(M, N) < 0.3] = 0  # zeros, so the sparse X has unstored entries
MASK = RNG.rand(M, N) > 0.3
W, H = RNG.rand(M, R), RNG.rand(R, N)
W2, H2 = RNG.rand(M, R), RNG.rand(R, N)
HALS = RULES["hals"]


def half_residual(A, W, H, mask=None):
    R_ = (A - W @ H) if mask is None else (A - W @ H)[mask]
    return 0.5 * float(np.sum(R_ * R_))


def answers(data, W, H):
    """The loop's questions, in the loop's form."""
    WtX, WtW, HHt = data.Wt_X(W, H), W.T @ W, H @ H.T
    return data.X_Ht(W, H), WtX, data.loss(W, H, np.vdot(WtX, H), WtW, HHt), data.exact_loss(W, H)


def test_the_door_picks_the_kind():
    sparse = pytest.importorskip("scipy.sparse")
    assert type(kinds.as_data(X, rule=HALS)) is kinds.Dense
    assert type(kinds.as_data(X, MASK, HALS)) is kinds.Masked
    assert type(kinds.as_data(sparse.csr_matrix(X), rule=HALS)) is kinds.Sparse
    assert type(kinds.as_data(sparse.csc_matrix(X), rule=HALS)) is kinds.Sparse


def test_dense_answers_the_dense_computation():
    XHt, WtX, loss, exact = answers(kinds.as_data(X, rule=HALS), W, H)
    np.testing.assert_array_equal(XHt, X @ H.T)
    np.testing.assert_array_equal(WtX, W.T @ X)
    np.testing.assert_allclose(loss, half_residual(X, W, H), rtol=1e-12)
    assert exact == pytest.approx(half_residual(X, W, H), rel=1e-14)


def test_the_w_half_step_makes_only_what_the_iteration_uses():
    """With H to update, WᵀX (and no ⟨X, WH⟩, which the loop takes after H's step);
    with H fixed, ⟨X, WH⟩ at the new W (and no WᵀX)."""
    data = kinds.as_data(X, rule=HALS)
    args = (W, H, H @ H.T, HALS.step, 0.0, 0.0, {})
    W_new, _, WtW, WtX, cross = data.w_step(*args)
    np.testing.assert_allclose(WtX, W_new.T @ X, rtol=1e-12)
    np.testing.assert_allclose(WtW, W_new.T @ W_new, rtol=1e-12)
    assert cross is None
    W_fixed, _, _, WtX, cross = data.w_step(*args, with_WtX=False)
    assert WtX is None
    assert cross == pytest.approx(float(np.sum(X * (W_fixed @ H))), rel=1e-12)


@pytest.mark.parametrize("solver", ["mu", "hals"])
def test_the_loop_holds_w_column_major_in_the_layout_of_x_ht(solver):
    """W stays in XHᵀ's layout every iteration (MU's entrywise passes are strided
    otherwise), and the caller's row-major W is copied, not changed."""
    start = W.copy()
    seen = []
    nmf_ref.nmf(X + 0.1, R, solver=solver, W=start, H=H, max_iter=4, tol=0,
                callback=lambda it, W_, H_, loss: seen.append(W_.flags.f_contiguous))
    assert kinds.as_data(X, rule=HALS).X_Ht(W, H).flags.f_contiguous
    assert seen == [True] * 4
    assert start.flags.c_contiguous and np.array_equal(start, W)


@pytest.mark.parametrize("copy_bytes", [0, 2**22])
def test_x_ht_reads_a_row_major_copy_of_xt_only_for_a_small_x(monkeypatch, copy_bytes):
    """A small X is transposed into a row-major copy once (BLAS multiplies it faster),
    a large one is read through the transposed view (no second copy of X); XHᵀ is
    X Hᵀ either way, and X itself is not changed."""
    from nmf_ref import dense

    monkeypatch.setattr(dense, "XT_COPY_BYTES", copy_bytes)
    X_, H_ = RNG.rand(40, 30), RNG.rand(R, 30)
    before = X_.copy()
    data = kinds.as_data(X_, rule=HALS)
    np.testing.assert_allclose(data.X_Ht(None, H_), X_ @ H_.T, rtol=1e-13)
    copied = X_.nbytes <= copy_bytes
    assert data._Xt.flags.c_contiguous == copied
    assert np.shares_memory(data._Xt, data.X) != copied
    assert np.array_equal(X_, before)


@pytest.mark.parametrize("shape", [(1797, 10), (40, 3), (300, 60)])
@pytest.mark.parametrize("order", "CF")
def test_gram_is_at_a_on_both_sides_of_its_threshold(shape, order):
    """objective.gram multiplies by a copy (gemm) for thin A and by A itself (syrk)
    above GEMM_GRAM: AᵀA, symmetric, either way; A is not changed."""
    from nmf_ref.objective import GEMM_GRAM, gram

    A = np.array(RNG.rand(*shape), order=order)
    before = A.copy()
    G = gram(A)
    assert G.shape == (shape[1], shape[1])
    np.testing.assert_allclose(G, A.T @ A, rtol=1e-13)
    np.testing.assert_allclose(G, G.T, rtol=1e-13)
    assert np.array_equal(A, before)
    assert {k * r**2 <= GEMM_GRAM for k, r in [(1797, 10), (300, 60)]} == {True, False}
    # (the cases cover both branches)


@pytest.mark.parametrize("k, r, n, blocks", [
    (1797, 10, 64, 2),  # the digits' WᵀX: two blocks of 899 rows
    (2501, 10, 100, 3),  # three blocks, the last one shorter
    (1000, 10, 100, 1),  # k·r·n = 10⁶: small already, one product
    (1797, 20, 64, 1),  # r above MAX_BLOCKED_RANK
    (6000, 10, 150, 1),  # would take 9 blocks, more than MAX_BLOCKS
])
@pytest.mark.parametrize("order", "CF")
def test_transpose_times_sums_row_blocks_only_where_they_are_small_products(k, r, n, blocks,
                                                                            order):
    """objective.transpose_times gives AᵀB, as the sum of the products of the fewest equal
    row blocks within SMALL_PRODUCT when there are at most MAX_BLOCKS of them and r is
    small, else as one product; it changes neither input."""
    from nmf_ref.objective import SMALL_PRODUCT, transpose_times

    A, B = np.array(RNG.rand(k, r), order=order), RNG.rand(k, n)
    before = A.copy(), B.copy()
    got = transpose_times(A, B)
    np.testing.assert_allclose(got, A.T @ B, rtol=1e-12)
    assert all(np.array_equal(x, y) for x, y in zip((A, B), before))
    step = -(-k // blocks)
    assert blocks == 1 or step * r * n <= SMALL_PRODUCT
    want = sum(A[i:i + step].T @ B[i:i + step] for i in range(0, k, step))
    assert np.array_equal(got, want), f"not the sum of {blocks} blocks of {step} rows"


@pytest.mark.parametrize("orders", ["CC", "FF", "CF", "FC"])
def test_inner_is_the_sum_of_products_in_any_layout(orders):
    """objective.inner reads two column-major arrays as they lie (np.vdot copies them);
    it must pair the same entries whatever the two layouts are."""
    from nmf_ref.objective import inner

    A = np.array(RNG.rand(7, 3), order=orders[0])
    B = np.array(RNG.rand(7, 3), order=orders[1])
    assert inner(A, B) == pytest.approx(float(np.sum(A * B)), rel=1e-14)


def test_sparse_answers_the_dense_computation():
    sparse = pytest.importorskip("scipy.sparse")
    data = kinds.as_data(sparse.csr_matrix(X), rule=HALS)
    assert data.entries == np.count_nonzero(X) and data.norm2 == pytest.approx(np.vdot(X, X))
    for got, want in zip(answers(data, W, H), answers(kinds.as_data(X, rule=HALS), W, H)):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_masked_answers_the_filled_in_computation():
    data = kinds.as_data(X, MASK, HALS)
    filled = np.where(MASK, X, W @ H)
    XHt, WtX, loss, exact = answers(data, W, H)
    np.testing.assert_allclose(XHt, filled @ H.T, rtol=1e-13)
    np.testing.assert_allclose(WtX, W.T @ filled, rtol=1e-13)
    assert loss == pytest.approx(half_residual(X, W, H, MASK), rel=1e-13)
    assert exact == pytest.approx(half_residual(X, W, H, MASK), rel=1e-13)


def test_the_fill_in_depends_on_the_pair_asked_about_not_on_the_order():
    """The old FilledIn kept the WH of the last call, so a caller had to ask in the
    loop's order (and call start_at after a jump); Masked answers for the pair given."""
    data = kinds.as_data(X, MASK, HALS)
    fresh = kinds.as_data(X, MASK, HALS)
    for W_, H_ in ((W, H), (W2, H2), (W, H2), (W, H)):
        np.testing.assert_array_equal(data.filled(W_, H_), np.where(MASK, X, W_ @ H_))
        np.testing.assert_array_equal(data.X_Ht(W_, H_), fresh.X_Ht(W_, H_))
    W_moved = W.copy()
    data.X_Ht(W_moved, H)
    W_moved *= 2  # changed in place: the same object, a new pair
    np.testing.assert_array_equal(data.filled(W_moved, H), np.where(MASK, X, W_moved @ H))


def test_unobserved_values_are_never_read_and_the_callers_arrays_stay():
    A = X.copy()
    A[~MASK] = np.nan
    before = A.copy()
    data = kinds.as_data(A, MASK, HALS)
    assert np.isfinite(data.X).all() and (data.X[~MASK] == 0).all()
    np.testing.assert_array_equal(A, before)  # NaN stays NaN in the caller's array
    assert data.mask is not MASK and (data.mask == MASK).all()  # a copy of the mask


def test_has_zero_counts_observed_entries_only():
    sparse = pytest.importorskip("scipy.sparse")
    positive = X + 1.0
    assert not kinds.as_data(positive, rule=HALS).has_zero()
    assert kinds.as_data(X, rule=HALS).has_zero()
    holed = positive.copy()
    holed[~MASK] = 0  # zeros only where unobserved
    assert not kinds.as_data(holed, MASK, HALS).has_zero()
    assert kinds.as_data(sparse.csr_matrix(X), rule=HALS).has_zero()


def test_the_initializations_read_the_same_numbers_from_each_kind():
    sparse = pytest.importorskip("scipy.sparse")
    dense, sp = kinds.as_data(X, rule=HALS), kinds.as_data(sparse.csr_matrix(X), rule=HALS)
    assert sp.mean() == pytest.approx(dense.mean(), rel=1e-14)
    S_dense, S_sparse = dense.truncated_svd(R)[1][:R], sp.truncated_svd(R)[1]
    np.testing.assert_allclose(S_sparse, S_dense, rtol=1e-10)


@pytest.mark.parametrize("bad, mask, exc, pattern", [
    (-X, None, ValueError, r"Negative values.*\bX\b"),
    (np.where(MASK, X, np.nan), None, ValueError, r"NaN.*mask=~np.isnan\(X\)"),
    (np.where(MASK, np.nan, X), MASK, ValueError, r"NaN where mask is True"),
    (X, MASK[:, :-1], ValueError, r"mask has shape"),
    (X, MASK.astype(int), TypeError, r"mask must be a boolean"),
    (X[0], None, ValueError, r"2-D"),
    (np.zeros((0, 3)), None, ValueError, r"empty"),
    (X.astype(complex), None, TypeError, r"real numbers"),
])
def test_bad_input_gets_the_same_errors(bad, mask, exc, pattern):
    with pytest.raises(exc, match=pattern):
        kinds.as_data(bad, mask, HALS)


def test_a_sparse_X_refuses_a_mask():
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(ValueError, match=r"mask is not supported with a sparse X"):
        kinds.as_data(sparse.csr_matrix(X), MASK, HALS)


def test_a_rule_that_refuses_a_kind_says_which_rules_take_it(monkeypatch):
    """Each kind states what it needs of a rule (``needs``); ``nmf`` reads it."""
    sparse = pytest.importorskip("scipy.sparse")
    picky = dataclasses.replace(HALS, name="picky", accepts_mask=False, accepts_sparse=False)
    monkeypatch.setitem(RULES, "picky", picky)
    with pytest.raises(ValueError, match=r"solver='picky' does not fit a mask; use one of"):
        nmf_ref.nmf(X, R, solver="picky", mask=MASK)
    with pytest.raises(ValueError, match=r"solver='picky' does not take a sparse X"):
        nmf_ref.nmf(sparse.csr_matrix(X), R, solver="picky")
    nmf_ref.nmf(X, R, solver="picky", max_iter=1)  # a dense X needs nothing


def test_dask_row_blocks_answer_for_themselves():
    dask = pytest.importorskip("dask")
    da = pytest.importorskip("dask.array")
    with dask.config.set(scheduler="synchronous"):
        blocks = kinds.as_data(da.from_array(X, chunks=(5, N)), rule=HALS)
        assert not blocks.gram and not blocks.masked and blocks.mask is None
        assert blocks.shape == X.shape and blocks.mean() == pytest.approx(X.mean(), rel=1e-14)
        assert blocks.norm2 == pytest.approx(np.vdot(X, X), rel=1e-14)
        assert blocks.has_zero()
        assert blocks.residual(blocks.split(W), H) == pytest.approx(half_residual(X, W, H),
                                                                    rel=1e-12)
        with pytest.raises(ValueError, match=r"mask is not supported with a Dask X"):
            kinds.as_data(da.from_array(X, chunks=(5, N)), MASK, HALS)
