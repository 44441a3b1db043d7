"""Part II (chapters 5–10): its plots, widgets (driven without a kernel) and data sets
(chapter 10's checkers are tested in test_exercises_ch10.py). The checkers of chapters 1–8, with the wrong answers
each rejects, are tested in test_exercises.py; chapter 9's in test_acceleration.py."""

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")

from matplotlib.figure import Figure  # noqa: E402

import nmf_ref  # noqa: E402
from nmf_ref.book import datasets, plots, widgets  # noqa: E402
from nmf_ref.book import restarts  # noqa: E402
from nmf_ref.rules import anls  # noqa: E402

X_SMALL = datasets.load("digits").X[:60]


# ------------------------------------------------------------------ data sets

def test_topic_counts_is_sparse_counts_and_seeded():
    data = datasets.load("topic_counts", n_docs=50, n_words=80, n_topics=4, random_state=1)
    X, mix, topics = data.X, data.mix, data.topics
    assert X.shape == (50, 80) and mix.shape == (50, 4) and topics.shape == (4, 80)
    assert (X >= 0).all() and np.array_equal(X, np.round(X))
    assert (X == 0).mean() > 0.5
    np.testing.assert_allclose(mix.sum(axis=1), 1)
    again = datasets.load("topic_counts", n_docs=50, n_words=80, n_topics=4, random_state=1)
    np.testing.assert_array_equal(X, again.X)


def test_faces_ship_with_scikit_image():
    pytest.importorskip("skimage")
    F = datasets.load("faces", n_faces=5).X
    assert F.shape == (5, 625) and 0 <= F.min() and F.max() <= 1
    with pytest.raises(ValueError, match="n_faces"):
        datasets.load("faces", n_faces=101).X


# ------------------------------------------------------------------ plots

def test_nnls_2d_points_solve_the_kkt_conditions():
    Q, c = np.array([[2.0, 1.5], [1.5, 2.0]]), np.array([2.0, -0.5])
    pts = anls.candidates_2d(Q, c)
    x = pts["nnls"]
    np.testing.assert_allclose(x, anls.nnls(Q, c[:, None])[:, 0], atol=1e-12)
    assert (pts["unconstrained"] < 0).any()
    q = lambda v: 0.5 * v @ Q @ v - c @ v  # noqa: E731
    assert q(x) < q(pts["clipped"])  # clipping is not minimizing here


def test_part2_plots_return_figures():
    res = {s: nmf_ref.nmf(X_SMALL, 3, solver=s, init="nndsvda", max_iter=20, tol=0)
           for s in ("hals", "pgd")}
    for fig in (plots.plot_nnls_2d(np.eye(2), np.array([1.0, -1.0])),
                plots.plot_learning_rates({"a": [3.0, 2.0, 1e30]}),
                plots.plot_stopping(res, tol=1e-3),
                plots.plot_restarts({"hals": [0.3, 0.31, 0.29]}),
                plots.plot_race({"nmf_ref hals": ([0, 1], [0.0, 0.1], [2.0, 1.0]),
                                 "sklearn cd": ([0, 1], [0.0, 0.2], [2.0, 1.0])}, 1.0)):
        assert isinstance(fig, Figure)
    assert len(plots.plot_stopping(res).axes[2].lines) == 2


# ------------------------------------------------------------------ widgets

def alt_title(frame):
    """The figure's title, as the frame's text alternative carries it after the setting."""
    return frame.alt.split(": ", 1)[1]


def test_nnls_explorer_moves_the_points():
    w = widgets.nnls_explorer()
    assert len(w.frames) == 2 * 4 * 5  # c₁ × c₂ × coupling ρ
    assert w.current() is w.frame(c1=2.0, c2=-0.5, coupling=0.75)  # the chapter's setting
    fig = w.draw(c1=2.0, c2=-0.5, coupling=0.75)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    w.controls["c2"].value = 2.0  # unconstrained minimum now inside the orthant
    assert w.current().png != w.frame(c2=-0.5).png
    new = [t.get_text() for t in w.draw(c1=2.0, c2=2.0, coupling=0.75).axes[0]
           .get_legend().get_texts()]
    assert new != labels
    # inside the orthant, clipping changes nothing: all three points have the same q
    assert len({text.split("q = ")[1] for text in new[2:5]}) == 1
    assert 0.0 in [v for _, v in w.controls["coupling"].options]  # ρ = 0: clipping is exact


def test_learning_rate_explorer_shows_divergence():
    w = widgets.learning_rate_explorer(X_SMALL, rank=4, n_iter=20)
    assert [v for _, v in w.controls["learning_rate"].options] == [
        1e-4, 1e-3, 0.01, 0.03, 0.035, 0.05, 0.2]
    assert "never goes up" in alt_title(w.current())
    w.controls["learning_rate"].value = 0.2
    assert "goes up" in alt_title(w.current()) and "never" not in alt_title(w.current())


def test_hals_cd_explorer_curves_coincide_and_follow_controls():
    w = widgets.hals_cd_explorer(X_SMALL, rank=3, n_iter=5, max_rank=6)
    assert [v for _, v in w.controls["rank"].options] == [2, 3, 4]  # ranks ≤ max_rank, and 3
    assert len(w.frames) == 3 * 4 * 4
    gap = float(alt_title(w.current()).rsplit(" ", 1)[1])
    assert gap < 1e-10
    w.controls["iterations"].value = 10
    assert len(w.draw(rank=3, init="random", iterations=10).axes[0].lines[0].get_ydata()) == 11
    w.controls["rank"].value = 2
    assert "rank 2" in w.current().alt
    # fewer iterations are the first entries of the longest run's curves
    full = w.draw(rank=2, init="random", iterations=40).axes[0].lines[0].get_ydata()
    np.testing.assert_array_equal(
        w.draw(rank=2, init="random", iterations=10).axes[0].lines[0].get_ydata(), full[:11])


def test_restarts_explorer_counts_restarts_and_converged_runs():
    w = widgets.restarts_explorer(X_SMALL, rank=3, solvers=("hals",), n_restarts=5,
                                  max_iter=30, ranks=(3, 4), restarts=(5, 10))
    assert len(w.frames) == 2 * 2
    fig = w.draw(rank=3, restarts=5)
    assert sum(p.get_height() for p in fig.axes[0].patches) == 5
    assert "/5 converged" in w.current().alt
    w.controls["restarts"].value = 10
    assert "/10 converged" in w.current().alt
    assert sum(p.get_height() for p in w.draw(rank=3, restarts=10).axes[0].patches) == 10
    # the first 5 of 10 restarts are the 5 restarts
    errors10 = restarts.restart_errors(X_SMALL, 3, "hals", 10, 30, 1e-4)
    assert w.frame(restarts=5).alt.split("hals: ")[1].split(",")[0] == (
        f"{errors10[:5].min():.4f}–{errors10[:5].max():.4f}")
    never = widgets.restarts_explorer(X_SMALL, rank=3, solvers=("hals",), n_restarts=5,
                                      max_iter=2, tol=1e-12, ranks=(3,), restarts=(5,))
    assert "0/5 converged" in never.current().alt


def test_restarts_converge_and_plot_gaps_to_the_best():
    from nmf_ref.book import restarts

    runs = restarts.restart_runs(X_SMALL, 3, "hals", n_restarts=3, max_iter=2000)
    errors, converged = restarts.restart_errors(X_SMALL, 3, "hals", n_restarts=3,
                                                max_iter=2000, return_converged=True)
    assert converged.all() and all(r.converged and r.n_iter < 2000 for r in runs)
    np.testing.assert_allclose(errors, [nmf_ref.metrics.relative_error(X_SMALL, r.W, r.H)
                                        for r in runs])
    fig = plots.plot_restarts({"a": [2.0, 2.2, 2.0004]}, floor=1e-6)
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert sum(heights) == 3 and heights[0] == 1  # the best run sits at the floor
    gaps = fig.axes[1].lines[0].get_ydata()  # best of k, relative to the best
    np.testing.assert_allclose(gaps, [1e-6, 1e-6, 1e-6])
    fig = plots.plot_restarts({"a": [2.2, 2.0]})
    np.testing.assert_allclose(fig.axes[1].lines[0].get_ydata(), [0.1, 1e-6])
    res = {s: nmf_ref.nmf(X_SMALL, 3, solver=s, init="nndsvda", max_iter=20, tol=0)
           for s in ("hals", "mu")}
    best = min(r.loss.min() for r in res.values())
    shown = plots.plot_stopping(res, floor=1e-10).axes[0].lines
    np.testing.assert_allclose(shown[1].get_ydata(),
                               np.maximum((res["mu"].loss - best) / best, 1e-10))
