"""Part III, chapters 11, 13 and 14: the restart helpers, the figures, the explorers
(driven without a kernel) and the exercise checkers of chapters 13 and 14, each of which
accepts a right answer and rejects the named wrong ones (chapter 11's checkers:
tests/book/test_exercises_ch11.py)."""

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")

from matplotlib.figure import Figure  # noqa: E402

import nmf_ref  # noqa: E402
from nmf_ref.book import datasets, restarts  # noqa: E402
from nmf_ref.book.plots import practice as plots  # noqa: E402
from nmf_ref.book.widgets import practice as widgets  # noqa: E402
from nmf_ref.losses import beta_divergence  # noqa: E402
from checking import accepts, rejects  # noqa: E402

X_SMALL = datasets.load("digits").X[:60]


def values(ex, name):
    """The values a control of an explorer offers, in order."""
    return [value for _, value in ex.controls[name].options]


def title(fig):
    """The figure's (or its first subfigure's) suptitle, else the first panel's title."""
    for f in (fig, *getattr(fig, "subfigs", ())):
        if f._suptitle:
            return f._suptitle.get_text()
    return fig.axes[0].get_title()


def spectrogram(shape=50.0, random_state=0):
    """A small positive "spectrogram": harmonic templates × activations × Gamma noise."""
    rng = np.random.RandomState(random_state)
    f = np.arange(32)[:, None]
    W = sum(np.exp(-0.5 * ((f - h * np.array([3, 5, 7])) / 0.7) ** 2) / h for h in range(1, 5))
    H = rng.uniform(size=(3, 40)) ** 4
    V = W @ H + 1e-3
    return V * rng.gamma(shape, 1 / shape, size=V.shape)


# ------------------------------------------------------------------ restarts helpers

def test_best_of_k_probability_against_a_hand_count():
    errors = np.array([1.0, 1.004, 1.2, 1.3, 1.5])  # 2 of 5 within 0.5%: q = 0.4
    np.testing.assert_allclose(restarts.best_of_k_probability(errors, np.arange(1, 4), 0.005),
                               [0.4, 1 - 0.6**2, 1 - 0.6**3])
    assert restarts.best_of_k_probability(errors, 2, 0.0) == pytest.approx(1 - 0.8**2)
    assert isinstance(restarts.best_of_k_probability(errors, 1), float)
    for bad, match in [(dict(errors=[]), "non-empty"), (dict(k=0), "positive integer"),
                       (dict(k=1.5), "positive integer"), (dict(eps=-1), "eps")]:
        args = dict(errors=errors, k=2, eps=0.01) | bad
        with pytest.raises(ValueError, match=match):
            restarts.best_of_k_probability(**args)


def test_start_errors_matches_single_runs():
    got = restarts.start_errors(X_SMALL, 3, "hals", ("nndsvd", "nndsvda"), max_iter=30)
    res = nmf_ref.nmf(X_SMALL, 3, solver="hals", init="nndsvda", max_iter=30)
    assert list(got) == ["nndsvd", "nndsvda"]
    assert got["nndsvda"] == pytest.approx(
        np.linalg.norm(X_SMALL - res.W @ res.H) / np.linalg.norm(X_SMALL))
    with pytest.raises(TypeError, match="inits"):
        restarts.start_errors(X_SMALL, 3, inits="nndsvd")


def test_environment_names_the_stack():
    info = restarts.environment()
    assert info["numpy"] == np.__version__ and info["nmf_ref"] == nmf_ref.__version__
    assert all(isinstance(v, str) for v in info.values())


# ------------------------------------------------------------------ plots

def test_practice_plots_return_figures():
    starts = {m: nmf_ref.initialize(X_SMALL, 3, m, random_state=0) for m in ("random", "nndsvd")}
    fig = plots.plot_starts(starts)
    assert isinstance(fig, Figure) and len(fig.axes) == 4
    assert "0% zeros" in fig.axes[0].get_title() and "0% zeros" not in fig.axes[2].get_title()
    for fig in (plots.plot_start_comparison([0.3, 0.31, 0.35], {"nndsvd": 0.32},
                                            [0.3, 0.5, 0.7], 0.01),
                plots.plot_beta_divergences(),
                plots.plot_tradeoff([0.3, 0.4], [0.5, 0.6], [0.0, 0.1]),
                plots.plot_rescaling(np.logspace(-1, 1, 5), {"a": np.arange(1.0, 6.0)}, floor=0.5),
                plots.plot_penalized_parts(np.ones((5, 2)), np.eye(2, 4), (2, 2))):
        assert isinstance(fig, Figure)
    with pytest.raises(ValueError, match="one entry per alpha"):
        plots.plot_tradeoff([0.3], [0.5, 0.6], [0.0, 0.1])
    with pytest.raises(ValueError, match="image_shape"):
        plots.plot_penalized_parts(np.ones((5, 2)), np.eye(2, 4), (3, 3))
    with pytest.raises(ValueError, match="matching r"):
        plots.plot_penalized_parts(np.ones((5, 3)), np.eye(2, 4), (2, 2))
    with pytest.raises(ValueError, match="random_errors"):
        plots.plot_start_comparison([], {}, [0.5], 0.01)
    with pytest.raises(ValueError, match="at least one"):
        plots.plot_starts({})


def test_beta_divergence_curves_are_the_core_values():
    fig = plots.plot_beta_divergences(betas=(2, 0), x=1.0)
    line = fig.axes[0].lines[0]
    y = line.get_xdata()[37]
    assert line.get_ydata()[37] == pytest.approx(0.5 * (1 - y) ** 2)
    # right panel: log-log slopes are β (homogeneity)
    for line, beta in zip(fig.axes[1].lines, (2, 0)):
        lam, d = line.get_xdata(), line.get_ydata()
        slope = np.polyfit(np.log(lam), np.log(d), 1)[0]
        assert slope == pytest.approx(beta, abs=1e-9)


def test_relative_error_by_magnitude_bins_by_size():
    X = np.array([[1.0, 2.0, 100.0, 200.0]])
    WH = np.array([[1.5, 3.0, 101.0, 202.0]])  # 50% off when small, 1% when large
    centres, medians = plots.relative_error_by_magnitude(X, WH, n_bins=2)
    assert centres[0] < centres[1]
    np.testing.assert_allclose(medians, [0.5, 0.01])
    with pytest.raises(ValueError, match="same shape"):
        plots.relative_error_by_magnitude(X, WH.T)
    with pytest.raises(ValueError, match="positive"):
        plots.relative_error_by_magnitude(np.zeros((2, 2)), np.zeros((2, 2)))


def test_plot_beta_fit_draws_reference_curves():
    S = spectrogram()
    fig = plots.plot_beta_fit(S, S * 1.1, 1.0, {"β = 2": S * 0.9})
    assert len(fig.axes[2].lines) == 2
    np.testing.assert_allclose(fig.axes[2].lines[1].get_ydata(), 0.1)


# ------------------------------------------------------------------ widgets

def test_starts_explorer_uses_the_table_and_the_controls():
    table = {"hals": (np.array([0.30, 0.3001, 0.31, 0.32]), {"nndsvd": 0.305}),
             "mu": (np.array([0.33, 0.34]), {"nndsvd": 0.36})}
    w = widgets.starts_explorer(X_SMALL, 3, table=table, eps=0.001)
    # chapter 11's grid: both solvers × six tolerances from 0.1% to 5%
    assert values(w, "solver") == ["hals", "mu"]
    assert values(w, "eps") == [0.001, 0.002, 0.005, 0.01, 0.02, 0.05]
    assert len(w.frames) == 12
    first = w.current()
    assert first is w.frame(solver="hals", eps=0.001)
    assert first.alt.startswith("solver hals, ε (relative) 0.1%: hals, rank 3: ")
    assert "more restarts than were run are needed for 95% of ending within 0.1%" in first.alt
    right = w.draw(solver="hals", eps=0.001).axes[1].lines[0].get_ydata()
    np.testing.assert_allclose(right, 1 - 0.5 ** np.arange(1, 5))  # 2 of 4 within 0.1%
    w.controls["solver"].value = "mu"
    assert "mu" in w.current().alt and "0.3300" in w.current().alt
    assert w.current().png != first.png
    w.controls["eps"].value = 0.05  # both mu restarts within 5%: one restart is enough
    assert "1 restart gives 95% confidence of ending within 5.0%" in w.current().alt
    # a start outside the grid joins it, and the page starts there
    w = widgets.starts_explorer(X_SMALL, 3, solvers=("hals",), table=table, eps=0.003)
    assert len(values(w, "eps")) == 7 and w.current() is w.frame(solver="hals", eps=0.003)


def test_starts_explorer_computes_when_not_given():
    w = widgets.starts_explorer(X_SMALL, 3, solvers=("hals",), n_restarts=3, max_iter=20)
    assert w.controls["eps"].value == 0.005  # the chapter's tolerance
    fig = w.draw(solver="hals", eps=0.005)
    assert sum(p.get_height() for p in fig.axes[0].containers[0]) == 3  # the histogram
    assert len(fig.axes[0].lines) == 3  # nndsvd, nndsvda, nndsvdar
    assert title(fig) in w.current().alt


def test_beta_explorer_refuses_is_on_zeros_and_fits_otherwise():
    counts = datasets.load("topic_counts", n_docs=30, n_words=40, n_topics=3, random_state=0).X
    w = widgets.beta_explorer({"spectrogram": spectrogram(), "counts": counts}, rank=3,
                              beta=0.0, max_iter=20)
    # chapter 13's grid: two data sets × β from −0.5 to 2.5 by 0.5, starting at β = 0
    assert values(w, "name") == ["spectrogram", "counts"]
    assert values(w, "beta") == [-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert len(w.frames) == 14 and w.current() is w.frame(name="spectrogram", beta=0.0)
    assert "β = 0" in w.current().alt and "‖X − WH‖/‖X‖ = " in w.current().alt
    assert len(w.draw(name="spectrogram", beta=0.0).axes[2].lines) == 3  # β = 2, 1 and this
    w.controls["name"].value = "counts"
    assert "infinite" in w.current().alt
    fig, summary = w.draw(name="counts", beta=0.0)
    assert "infinite" in fig.axes[0].texts[0].get_text() and summary in w.current().alt
    w.controls["beta"].value = 1.0
    error = float(w.current().alt.rsplit("= ", 1)[1])
    assert 0 < error < 1
    assert len(w.draw(name="counts", beta=1.0).axes[2].lines) == 2  # β = 2 for reference, this fit; no IS
    assert w.frame(beta=-0.5).png != w.frame(beta=0.0).png  # the message names its β


def test_penalty_explorer_shows_the_rescaling_of_one_sided_penalties():
    w = widgets.penalty_explorer(X_SMALL, rank=4, alpha=0.003, l1_ratio=1.0, max_iter=60)
    # chapter 14's grid: 4 alphas × 2 l1_ratios × 3 choices of factor = 24 runs
    assert values(w, "alpha") == [0.001, 0.003, 0.01, 0.03]
    assert values(w, "l1_ratio") == [0.0, 1.0]
    assert values(w, "penalize") == ["both", "H only", "W only"]
    assert len(w.frames) == 24
    assert w.current() is w.frame(alpha=0.003, l1_ratio=1.0, penalize="both")
    assert "alpha 0.003, l1_ratio 1, penalize both: alpha = 0.003" in w.current().alt
    w.controls["alpha"].value = 0.01
    assert "both" in w.current().alt
    w.controls["penalize"].value = "H only"
    assert "H only" in w.current().alt
    fig, summary = w.draw(alpha=0.01, l1_ratio=1.0, penalize="H only")
    assert "H only" in title(fig) and summary in w.current().alt
    bars = fig.axes[-1].patches
    norms_W = np.array([b.get_height() for b in bars[:4]])
    norms_H = np.array([b.get_height() for b in bars[4:]])
    assert np.median(norms_W / norms_H) > 10  # W swells as H shrinks
    norm_W = float(w.current().alt.split("‖W‖ = ")[1].split(",")[0])
    assert norm_W == pytest.approx(np.sqrt(np.sum(norms_W**2)), rel=1e-2)
    with pytest.raises(ValueError, match="penalize"):
        widgets.penalty_explorer(X_SMALL, rank=4, penalize="neither")
    with pytest.raises(ValueError, match="data"):
        widgets.beta_explorer({})
    with pytest.raises(ValueError, match="solvers"):
        widgets.starts_explorer(X_SMALL, 3, solvers=())


