"""The book layer of chapters 15-16: the ratings generator, the recommender comparison,
the cost counts, their figures and explorers, and the exercise checkers (each wrong
answer named, ``wrong_...``, and rejected with a hint)."""

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")

from matplotlib.figure import Figure  # noqa: E402

from nmf_ref.book import datasets, recommend, scaling  # noqa: E402
from nmf_ref.book.datasets.ratings import split  # noqa: E402
from nmf_ref.book.plots import recommend as recommend_plots  # noqa: E402
from nmf_ref.book.plots import scale as scale_plots  # noqa: E402
from nmf_ref.book.widgets.recommend import recommender_explorer  # noqa: E402
from nmf_ref.book.widgets.scale import cost_explorer  # noqa: E402
from checking import accepts, rejects  # noqa: E402

SMALL = dict(m=120, n=80, density=0.12, random_state=0)








# ---------------------------------------------------------------- data

def test_ratings_look_like_ratings():
    data = datasets.load("ratings")
    stars = data.X[data.observed]
    assert set(np.unique(stars)) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert np.isnan(data.X[~data.observed]).all()
    assert data.density == pytest.approx(0.05, abs=0.002)
    assert 3.0 < stars.mean() < 4.0
    per_item = np.sort(data.observed.sum(axis=0))[::-1]
    assert per_item[0] > 10 * np.median(per_item)  # a long tail, not a uniform pattern
    assert data.observed.sum(axis=0).min() >= 2 and data.observed.sum(axis=1).min() >= 2
    again = datasets.load("ratings")
    np.testing.assert_array_equal(again.observed, data.observed)  # fixed seed
    assert not np.array_equal(datasets.load("ratings", random_state=1).observed, data.observed)


def test_ratings_reject_bad_settings():
    with pytest.raises(ValueError, match="density"):
        datasets.load("ratings", density=1.5)
    with pytest.raises(ValueError, match="fewer ratings than two"):
        datasets.load("ratings", m=100, n=100, density=0.01)


def test_split_keeps_every_user_and_item_in_training():
    data = datasets.load("ratings", **SMALL)
    train, test = split(data.observed, 0.3, random_state=0)
    assert not (train & test).any() and np.array_equal(train | test, data.observed)
    assert train.any(axis=1).all() and train.any(axis=0).all()
    assert test.sum() == pytest.approx(0.3 * data.observed.sum(), rel=0.05)


# ---------------------------------------------------------------- recommender

def test_masked_nmf_beats_the_baselines_and_zero_filling():
    data = datasets.load("ratings", **SMALL)
    train, test = split(data.observed, 0.2, random_state=0)
    result = recommend.compare(data.X, train, test, rank=1, max_iter=100)
    assert list(result) == list(recommend.METHODS)
    baseline = min(result["global mean"], result["user mean"], result["item mean"])
    assert result["masked NMF (MU)"] < baseline < result["scikit-learn, zero-filled"]


def planted_biases(seed=0, m=60, n=40, density=0.5):
    """Ratings = 3 + b_u + b_i exactly (no noise), observed at random: (X, train, b_u, b_i)."""
    rng = np.random.RandomState(seed)
    user, item = rng.normal(0, 0.5, m), rng.normal(0, 0.5, n)
    user -= user.mean()
    item -= item.mean()
    train = rng.uniform(size=(m, n)) < density
    train[:, 0] = train[0, :] = True
    X = np.where(train, 3.0 + user[:, None] + item[None, :], np.nan)
    return X, train, user, item


def test_bias_model_recovers_planted_biases():
    X, train, user, item = planted_biases()
    biases = recommend.fit_biases(X, train, reg=0.0, n_sweeps=500)
    prediction = biases.prediction()
    # the split of the constant between μ, b_u and b_i is not identified: compare the sums
    np.testing.assert_allclose(prediction, 3.0 + user[:, None] + item[None, :], atol=1e-6)
    np.testing.assert_allclose(biases.user - biases.user.mean(), user, atol=1e-6)
    np.testing.assert_allclose(biases.item - biases.item.mean(), item, atol=1e-6)


def test_bias_model_regularization_shrinks_the_biases():
    X, train, _, _ = planted_biases()
    sizes = [np.linalg.norm(np.r_[b.user, b.item])
             for b in (recommend.fit_biases(X, train, reg) for reg in (0.0, 1.0, 10.0, 1e6))]
    assert sizes[0] > sizes[1] > sizes[2] > sizes[3]
    assert sizes[3] < 1e-3 * sizes[0]  # a huge penalty leaves the global mean alone
    with pytest.raises(ValueError, match="non-negative"):
        recommend.fit_biases(X, train, -1.0)


def test_bias_model_each_sweep_lowers_its_objective():
    X, train, _, _ = planted_biases(density=0.3)
    X = X + np.where(train, np.random.RandomState(1).normal(0, 0.3, X.shape), 0)

    def objective(b, reg=2.0):
        residual = (X - b.prediction())[train]
        return residual @ residual + reg * (b.user @ b.user + b.item @ b.item)

    values = [objective(recommend.fit_biases(X, train, 2.0, n_sweeps=k)) for k in range(6)]
    assert np.all(np.diff(values) <= 1e-9)


def test_bias_reg_is_chosen_without_the_test_ratings():
    data = datasets.load("ratings", **SMALL)
    train, test = split(data.observed, 0.2, random_state=0)
    X_no_test = np.where(test, np.nan, data.X)  # the choice must not read the test ratings
    best, scores = recommend.choose_bias_reg(X_no_test, train)
    assert best in recommend.BIAS_REGS and scores[best] == min(scores.values())
    assert recommend.choose_bias_reg(data.X, train) == (best, scores)


def test_compare_with_the_bias_model():
    data = datasets.load("ratings", **SMALL)
    train, test = split(data.observed, 0.2, random_state=0)
    methods = recommend.METHODS + recommend.BIAS_METHODS
    result = recommend.compare(data.X, train, test, rank=1, max_iter=50, methods=methods)
    assert list(result) == list(methods)
    assert result["bias model"] < min(result["global mean"], result["user mean"],
                                      result["item mean"])
    fixed = recommend.compare(data.X, train, test, 1, 50, methods=("bias model",), bias_reg=0.0)
    biases = recommend.fit_biases(data.X, train, 0.0)
    assert fixed["bias model"] == pytest.approx(recommend.rmse(data.X, biases.prediction(), test))


def test_baselines_are_the_means():
    X = np.array([[1.0, np.nan, 3.0], [np.nan, 5.0, np.nan]])
    train = ~np.isnan(X)
    means = recommend.mean_predictions(X, train)
    assert means["global mean"][0, 0] == pytest.approx(3.0)
    np.testing.assert_allclose(means["user mean"][:, 0], [2.0, 5.0])
    np.testing.assert_allclose(means["item mean"][0], [1.0, 5.0, 3.0])


def test_costs_count_what_the_chapter_says():
    c = scaling.costs(100, 50, 5, nnz=400)
    assert c["memory"]["X dense"] == 8 * 100 * 50
    assert c["memory"]["W and H"] == 8 * 5 * 150
    assert c["flops"]["X Hᵀ and Wᵀ X"] == 4 * 400 * 5
    assert scaling.costs(100, 50, 5)["flops"]["X Hᵀ and Wᵀ X"] == 4 * 100 * 50 * 5
    # a sweep over W is r matrix-vector products with the m×r W: 2mr² flops (the table's
    # 2(m+n)r² for both sweeps)
    assert c["flops"]["the two sweeps"] == 2 * (100 + 50) * 5 * 5


def test_time_parts_and_best_fit_error():
    X = np.random.RandomState(0).uniform(size=(60, 30))
    parts = scaling.time_parts(X, 3, repeats=1)
    assert set(parts) == {"X Hᵀ", "Wᵀ X", "Grams", "sweep over W", "sweep over H"}
    H = np.random.RandomState(1).uniform(size=(3, 30))
    best = scaling.best_fit_error(X, H, np.linalg.norm(X))
    worse = scaling.relative_error(X, np.ones((60, 3)) * 0.1, H, np.linalg.norm(X))
    assert 0 < best < worse


# ---------------------------------------------------------------- figures and explorers

def test_figures():
    data = datasets.load("ratings", **SMALL)
    fig = recommend_plots.plot_observed_pattern(data.observed)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    fig = recommend_plots.plot_rmse({"user mean": 0.8, "masked NMF (MU)": 0.7}, best_possible=0.6)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["user mean", "masked NMF (MU)"]
    fig = recommend_plots.plot_rmse_by_rank([1, 2], {"a": [0.7, 0.8]}, {"user mean": 0.8})
    assert len(fig.axes[0].lines) == 2
    fig = scale_plots.plot_error_vs_time({"x": ([0.1, 0.2], [0.5, 0.4])})
    assert fig.axes[0].lines[0].get_ydata().tolist() == [0.5, 0.4]


def values(ex, name):
    """The values a control of an explorer offers, in order."""
    return [value for _, value in ex.controls[name].options]


def test_recommender_explorer_has_the_chapters_grid_and_redraws():
    widget = recommender_explorer(density=0.05, rank=2, m=300, n=200, max_iter=20)
    # chapter 15's grid: 2 %, 5 % and 20 % observed × ranks 1 to 4, from 5 % and rank 2
    assert values(widget, "density") == [0.02, 0.05, 0.2]
    assert values(widget, "rank") == [1, 2, 3, 4]
    assert len(widget.frames) == 12
    first = widget.current()
    assert first is widget.frame(density=0.05, rank=2)
    assert first.alt.startswith("fraction observed 5%, rank r 2: 5% observed (")
    # the frame is the comparison at that setting, every method's RMSE in its text
    data = datasets.load("ratings", m=300, n=200, density=0.05, random_state=0)
    train, test = split(data.observed, 0.2, 0)
    expected = recommend.compare(data.X, train, test, 2, 20, 0)
    for name, value in expected.items():
        assert f"{name} {value:.3f}" in first.alt
    best = min(expected, key=expected.get)
    assert f"best {best}, RMSE {expected[best]:.3f}" in first.alt
    widget.controls["rank"].value = 3
    assert "rank 3" in widget.current().alt and widget.current().png != first.png
    widget.controls["density"].value = 0.2
    assert "20% observed" in widget.current().alt
    fig, _ = widget.draw(density=0.2, rank=3)
    assert "rank 3" in fig.axes[0].get_title()
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == list(recommend.METHODS)


def test_cost_explorer_has_the_chapters_grid_and_says_what_dominates():
    widget = cost_explorer(log10_m=5, log10_n=4, rank=20, density=0.001)
    # chapter 16's grid: two shapes × three ranks × three densities, from its start
    assert values(widget, "shape") == [(5, 4), (6, 5)]
    assert [label for label, _ in widget.controls["shape"].options] == ["10⁵ × 10⁴",
                                                                        "10⁶ × 10⁵"]
    assert values(widget, "rank") == [5, 20, 100]
    assert values(widget, "density") == [1e-4, 1e-3, 1e-2]
    assert len(widget.frames) == 18
    first = widget.current()
    assert first is widget.frame(shape=(5, 4), rank=20, density=0.001)
    # 10⁶ stored entries against (m + n) r = 2.2·10⁶: 80 Mflop of products, 88 of sweeps
    assert first.alt == ("m × n 10⁵ × 10⁴, rank r 20, density 0.001: m = 10⁵, n = 10⁴, "
                         "r = 20, 1e+06 stored entries: the sweeps dominate "
                         "(88 Mflop against 80 Mflop)")
    widget.controls["density"].value = 0.01  # 100 entries per row against r = 20
    assert "the products dominate (800 Mflop against 88 Mflop)" in widget.current().alt
    widget.controls["density"].value = 0.001
    widget.controls["rank"].value = 5  # the sweeps grow as r², the products as r
    assert "the products dominate (20 Mflop against 5.5 Mflop)" in widget.current().alt
    widget.controls["rank"].value = 100
    assert "the sweeps dominate (2.2 Gflop against 400 Mflop)" in widget.current().alt
    fig = widget.draw(shape=(6, 5), rank=20, density=1e-4)  # the chapter's third row
    assert "1e+07 stored entries" in fig._suptitle.get_text()
    memory = {t.get_text(): bar.get_width() for t, bar in
              zip(fig.axes[0].get_yticklabels(), fig.axes[0].patches)}
    assert memory["X dense"] == pytest.approx(8e11 / 1e6)  # 800 GB, in MB


