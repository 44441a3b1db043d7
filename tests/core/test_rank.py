"""nmf_ref.rank (error curve, masked CV, bi-cross-validation, consensus), its figures and
explorers, and the exercise checkers of chapter 20 (chapter 12's:
tests/book/test_exercises_ch12.py)."""

import subprocess
import sys

import numpy as np
import pytest

import nmf_ref
from nmf_ref import rank
from nmf_ref.book import datasets


def clusters(sizes=(6, 5, 7), n_features=12, random_state=0):
    """Samples of well-separated clusters: each cluster lives on its own block of features."""
    rng = np.random.RandomState(random_state)
    k = len(sizes)
    rows, truth = [], []
    for c, size in enumerate(sizes):
        profile = np.zeros(n_features)
        profile[c * n_features // k:(c + 1) * n_features // k] = 1.0
        rows.append(rng.uniform(0.5, 1.5, (size, 1)) * profile + 0.01 * rng.uniform(size=(size, n_features)))
        truth += [c] * size
    order = rng.permutation(sum(sizes))
    return np.vstack(rows)[order], np.array(truth)[order]


# ------------------------------------------------------------------ the error curve

def test_error_curve_falls_and_explained_variance_matches():
    X = datasets.load("low_rank", m=20, n=15, r=3, noise=0.05, random_state=0).X
    curve = rank.error_curve(X, [1, 2, 3, 4], init="nndsvda", max_iter=300, tol=1e-6)
    np.testing.assert_array_equal(curve.ranks, [1, 2, 3, 4])
    assert np.all(np.diff(curve.error) < 0)
    np.testing.assert_allclose(curve.explained_variance, 1 - curve.error ** 2)
    res = nmf_ref.nmf(X, 2, init="nndsvda", max_iter=300, tol=1e-6)
    err = np.linalg.norm(X - res.W @ res.H) / np.linalg.norm(X)
    assert curve.error[1] == pytest.approx(err)


# ------------------------------------------------------------------ masked CV

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_masked_cv_finds_the_true_rank(seed):
    X = datasets.load("low_rank", m=40, n=30, r=3, noise=0.1, random_state=seed).X
    cv = rank.masked_cv(X, range(1, 7), n_repeats=2, random_state=seed, max_iter=150)
    assert cv.best_rank == 3
    assert cv.test_error.shape == cv.train_error.shape == (2, 6)
    # the training error keeps falling past the true rank; the held-out error does not
    assert cv.train_error.mean(axis=0)[-1] < cv.train_error.mean(axis=0)[2]
    assert cv.mean_test_error[-1] > cv.mean_test_error[2]


def test_masked_cv_errors_are_rmse_on_the_right_entries():
    X = datasets.load("low_rank", m=12, n=10, r=2, noise=0.1, random_state=3).X
    cv = rank.masked_cv(X, [2], holdout=0.25, n_repeats=1, random_state=7, max_iter=50)
    # replay: the same generator draws the same pattern, then the same seeds
    rng = np.random.RandomState(7)
    test = rank._holdout_mask(X.shape, 0.25, rng)
    assert test.sum() == round(0.25 * X.size)
    seed = rng.randint(rank.SEED_LIMIT, size=1)[0]
    res = nmf_ref.nmf(X, 2, mask=~test, random_state=seed, max_iter=50)
    R = X - res.W @ res.H
    assert cv.test_error[0, 0] == pytest.approx(np.sqrt(np.mean(R[test] ** 2)))
    assert cv.train_error[0, 0] == pytest.approx(np.sqrt(np.mean(R[~test] ** 2)))


def test_holdout_keeps_every_row_and_column():
    rng = np.random.RandomState(0)
    for _ in range(20):
        test = rank._holdout_mask((3, 4), 0.5, rng)
        assert (~test).any(axis=0).all() and (~test).any(axis=1).all()
    with pytest.raises(ValueError, match="holdout"):
        rank._holdout_mask((2, 2), 0.1, rng)  # rounds to no entry at all


def test_masked_cv_is_reproducible_and_works_with_mu():
    X = datasets.load("low_rank", m=15, n=12, r=2, noise=0.05, random_state=1).X
    a = rank.masked_cv(X, [1, 2], n_repeats=1, random_state=3, solver="mu", max_iter=40)
    b = rank.masked_cv(X, [1, 2], n_repeats=1, random_state=3, solver="mu", max_iter=40)
    np.testing.assert_array_equal(a.test_error, b.test_error)


# ------------------------------------------------------------------ bi-cross-validation

@pytest.mark.parametrize("seed", [0, 1])
def test_bicv_points_at_the_true_rank(seed):
    X = datasets.load("low_rank", m=40, n=30, r=3, noise=0.1, random_state=seed).X
    cv = rank.bicv(X, range(1, 7), random_state=seed, max_iter=150)
    assert cv.test_error.shape == (4, 6)  # 2 × 2 held-out blocks
    assert cv.best_rank in (3, 4)  # BCV is flatter past the true rank
    assert cv.mean_test_error[2] < cv.mean_test_error[1] < cv.mean_test_error[0]


def test_bicv_predicts_the_blocks_of_an_exact_rank_one_matrix():
    # rank one: the factorization of D is unique up to scale, so B, C, D determine A
    X = datasets.load("low_rank", m=20, n=16, r=1, random_state=4).X
    cv = rank.bicv(X, [1, 2], n_row_folds=2, n_col_folds=4, random_state=0, solver="anls",
                   max_iter=300, tol=1e-12)
    assert cv.test_error.shape == (8, 2)
    assert cv.test_error[:, 0].max() < 1e-6 * X.mean()


# ------------------------------------------------------------------ consensus

def test_consensus_of_separated_clusters_is_perfect():
    from sklearn.metrics import adjusted_rand_score

    X, truth = clusters()
    res = rank.consensus(X, 3, n_runs=6, random_state=0, max_iter=100)
    assert res.cophenetic == pytest.approx(1.0)
    assert res.dispersion == pytest.approx(1.0)
    assert adjusted_rand_score(truth, res.labels) == pytest.approx(1.0)
    np.testing.assert_array_equal(res.matrix, res.matrix.T)
    np.testing.assert_array_equal(np.diag(res.matrix), 1.0)
    assert sorted(res.order) == list(range(len(X)))
    # clusters are numbered in leaf order, so the reordered labels never go back
    assert np.all(np.diff(res.labels[res.order]) >= 0)
    assert res.best.loss[-1] == min(res.best.loss[-1], res.best.loss.min())


def test_consensus_of_an_unstable_rank_is_not_perfect():
    X, _ = clusters(sizes=(6, 6), random_state=1)
    res = rank.consensus(X, 4, n_runs=8, random_state=0, max_iter=60)  # 4 clusters of 2 blobs
    assert res.dispersion < 1
    assert ((res.matrix > 0) & (res.matrix < 1)).any()


def test_consensus_is_reproducible_and_seeds_differ():
    X, _ = clusters(random_state=2)
    a = rank.consensus(X, 2, n_runs=4, random_state=5, max_iter=30)
    b = rank.consensus(X, 2, n_runs=4, random_state=5, max_iter=30)
    np.testing.assert_array_equal(a.matrix, b.matrix)
    np.testing.assert_array_equal(a.best.W, b.best.W)
    seeds = rank._seeds(5, 4)
    assert len(set(seeds)) == 4


def test_consensus_dispersion_formula():
    X, _ = clusters(random_state=3)
    res = rank.consensus(X, 4, n_runs=5, random_state=0, max_iter=30)
    C = res.matrix
    m = len(C)
    assert res.dispersion == pytest.approx(sum(4 * (C[i, j] - 0.5) ** 2
                                               for i in range(m) for j in range(m)) / m ** 2)


# ------------------------------------------------------------------ bad input, X unchanged

X_BAD = np.random.RandomState(0).uniform(size=(8, 6))


@pytest.mark.parametrize("ranks, error", [
    ([0, 1], ValueError), ([1, -2], ValueError), ([1, 2.5], TypeError), ([True], TypeError),
    (3, TypeError), ("123", TypeError), ([], ValueError), (None, TypeError),
])
def test_bad_ranks_are_rejected_by_name(ranks, error):
    for func in (rank.error_curve, rank.masked_cv, rank.bicv):
        with pytest.raises(error, match="ranks"):
            func(X_BAD, ranks)


@pytest.mark.parametrize("holdout, error", [
    (0, ValueError), (1, ValueError), (1.5, ValueError), (-0.1, ValueError),
    (True, TypeError), ("0.1", TypeError), (None, TypeError),
])
def test_holdout_must_be_a_share(holdout, error):
    with pytest.raises(error, match="holdout"):
        rank.masked_cv(X_BAD, [1], holdout=holdout)


@pytest.mark.parametrize("n_runs, error", [(1, ValueError), (0, ValueError),
                                           (2.5, TypeError), (-3, ValueError)])
def test_n_runs_at_least_two(n_runs, error):
    with pytest.raises(error, match="n_runs"):
        rank.consensus(X_BAD, 2, n_runs=n_runs)


def test_other_bad_arguments():
    with pytest.raises(ValueError, match="n_repeats"):
        rank.masked_cv(X_BAD, [1], n_repeats=0)
    with pytest.raises(ValueError, match="n_row_folds"):
        rank.bicv(X_BAD, [1], n_row_folds=1)
    with pytest.raises(ValueError, match="n_col_folds"):
        rank.bicv(X_BAD, [1], n_col_folds=7)  # X has 6 columns
    with pytest.raises(ValueError, match="mask has shape"):
        rank.masked_cv(X_BAD, [1], mask=np.ones((2, 2), bool))
    with pytest.raises(TypeError, match="mask"):
        rank.bicv(X_BAD, [1], mask=np.ones(X_BAD.shape, bool))
    with pytest.raises(TypeError, match="update_H"):
        rank.bicv(X_BAD, [1], update_H=False)
    with pytest.raises(ValueError, match="init"):
        rank.consensus(X_BAD, 2, init="nndsvda")
    with pytest.raises(ValueError, match="at least 2"):
        rank.consensus(X_BAD[:1], 1)
    with pytest.raises(TypeError, match="mask"):
        rank.error_curve(X_BAD, [1], mask=np.ones(X_BAD.shape, bool))
    with pytest.raises(TypeError, match="rank"):
        rank.consensus(X_BAD, 2.0)
    with pytest.raises(ValueError, match="Negative"):
        rank.error_curve(-X_BAD, [1])
    with pytest.raises(ValueError, match="NaN"):
        rank.consensus(np.where(X_BAD > 0.9, np.nan, X_BAD), 2)


def test_x_is_never_modified():
    X = X_BAD.copy()
    X[0, 0] = 0.0
    before = X.copy()
    rank.error_curve(X, [1, 2], max_iter=10)
    rank.masked_cv(X, [1, 2], n_repeats=1, random_state=0, max_iter=10)
    rank.bicv(X, [1, 2], random_state=0, max_iter=10)
    rank.consensus(X, 2, n_runs=2, random_state=0, max_iter=10)
    np.testing.assert_array_equal(X, before)


def test_rank_module_is_core_numpy_only():
    code = ("import sys, nmf_ref.rank; bad = [m for m in ('scipy', 'sklearn', 'matplotlib') "
            "if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------------ figures and explorers

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")

from matplotlib.figure import Figure  # noqa: E402

from nmf_ref.book.plots import rank as rank_plots  # noqa: E402
from nmf_ref.book.widgets import rank as rank_widgets  # noqa: E402


@pytest.fixture(scope="module")
def small_results():
    X, truth = clusters()
    by_rank = [rank.consensus(X, k, n_runs=3, random_state=0, max_iter=40) for k in (2, 3, 4)]
    cv = rank.masked_cv(X, [1, 2, 3, 4], n_repeats=1, random_state=0, max_iter=40)
    return X, truth, by_rank, cv


def test_rank_figures(small_results):
    X, truth, by_rank, cv = small_results
    curve = rank.error_curve(X, [1, 2, 3, 4], max_iter=40)
    fig = rank_plots.plot_rank_selection(curve, cv, cv, true_rank=3)
    assert isinstance(fig, Figure)
    np.testing.assert_allclose(fig.axes[0].lines[0].get_ydata(), curve.error)
    np.testing.assert_allclose(fig.axes[1].lines[0].get_ydata(), cv.mean_test_error)
    fig = rank_plots.plot_consensus_maps(by_rank, classes=truth)
    images = [ax.images[0] for ax in fig.axes if ax.images and ax.images[0].get_array().shape == (18, 18)]
    assert len(images) == 3
    order = by_rank[1].order
    np.testing.assert_array_equal(images[1].get_array(), by_rank[1].matrix[np.ix_(order, order)])
    fig = rank_plots.plot_cophenetic(by_rank)
    np.testing.assert_allclose(fig.axes[0].lines[0].get_ydata(), [r.cophenetic for r in by_rank])
    with pytest.raises(ValueError, match="at least one"):
        rank_plots.plot_rank_selection()


def test_contingency_and_metagene_figure(small_results):
    X, truth, by_rank, _ = small_results
    table, ids, names = rank_plots.contingency([0, 0, 1, 1, 1], ["a", "b", "b", "b", "a"])
    np.testing.assert_array_equal(table, [[1, 1], [1, 2]])
    assert list(ids) == [0, 1] and names == ["a", "b"]
    fig = rank_plots.plot_metagenes(by_rank[1].best.W, truth)
    assert fig.axes[0].images[0].get_array().shape == (3, len(X))
    assert fig.axes[1].images[0].get_array().sum() == len(X)


def test_rank_explorer_redraws_the_chosen_rank(small_results):
    _, truth, by_rank, cv = small_results
    w = rank_widgets.rank_explorer(by_rank, cv, classes=truth, rank=3)
    assert [v for _, v in w.controls["rank"].options] == [2, 3, 4]  # the ranks given
    assert len(w.frames) == 3 and w.current() is w.frame(rank=3)
    assert "k = 3" in w.current().alt
    w.controls["rank"].value = 4
    assert "k = 4" in w.current().alt
    order = by_rank[2].order
    np.testing.assert_array_equal(w.draw(rank=4).axes[0].images[0].get_array(),  # by_rank[2]: k = 4
                                  by_rank[2].matrix[np.ix_(order, order)])
    with pytest.raises(ValueError, match="empty"):
        rank_widgets.rank_explorer([], cv)


def test_metagene_explorer_reports_adjusted_rand(small_results):
    _, truth, by_rank, _ = small_results
    w = rank_widgets.metagene_explorer(by_rank, truth, rank=3)
    assert "adjusted Rand 1.00" in w.current().alt
    w.controls["rank"].value = 2
    assert w.current().alt.startswith("number of metagenes k 2: k = 2")
    assert w.draw(rank=2).axes[0].images[0].get_array().shape[0] == 2




def test_masked_cv_on_an_incomplete_matrix_holds_out_observed_entries_only():
    """Ratings-like data: 40 % observed. Values where mask is False are NaN and never
    read; the known rank still wins; the train mask is a subset of the mask."""
    X = datasets.load("low_rank", m=40, n=30, r=3, noise=0.01, random_state=3).X
    mask = np.random.RandomState(1).rand(*X.shape) < 0.4
    X_nan = np.where(mask, X, np.nan)
    before = X_nan.copy()
    cv = rank.masked_cv(X_nan, [1, 3, 6], mask=mask, holdout=0.2, n_repeats=2,
                        random_state=0, solver="mu", init="random", max_iter=300)
    np.testing.assert_array_equal(X_nan, before)  # the caller's array untouched
    assert cv.best_rank == 3 and np.isfinite(cv.test_error).all()
    seen = []
    real = rank.nmf

    def spy(X, r, mask=None, **kwargs):
        seen.append(mask)
        return real(X, r, mask=mask, **kwargs)

    rank.nmf = spy
    try:
        rank.masked_cv(X_nan, [2], mask=mask, holdout=0.2, n_repeats=1, random_state=0,
                       max_iter=5)
    finally:
        rank.nmf = real
    train, = seen
    assert not (train & ~mask).any()  # nothing unobserved is ever fitted
    assert (mask & ~train).sum() == round(0.2 * mask.sum())  # held out among observed
