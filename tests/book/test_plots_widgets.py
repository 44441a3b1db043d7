"""nmf_ref.book.plots and nmf_ref.book.widgets: figures have the expected content, and
every widget redraws when a control moves (driven without a kernel)."""

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import nmf_ref  # noqa: E402
from nmf_ref.book import datasets, plots, widgets  # noqa: E402

X_EX = np.arange(1.0, 13.0).reshape(3, 4)


def title(fig):
    return fig._suptitle.get_text() if fig._suptitle else fig.axes[0].get_title()


def visible_axes(fig):
    return [ax for ax in fig.axes if ax.get_visible()]


def test_plots_leave_no_open_pyplot_figures():
    before = plt.get_fignums()
    plots.plot_factorization(X_EX, np.ones((3, 2)), np.ones((2, 4)))
    plots.plot_loss_curves({"a": [3, 2, 1]})
    assert plt.get_fignums() == before


def test_plot_components_grid():
    comps = np.random.RandomState(0).rand(10, 64)
    fig = plots.plot_components(comps, (8, 8), ncols=4, labels=list("abcdefghij"))
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 12 and len(visible_axes(fig)) == 10
    assert fig.axes[0].get_title() == "a"
    assert fig.axes[0].images[0].get_array().shape == (8, 8)
    assert fig.axes[0].images[0].get_cmap().name == "gray_r"  # non-negative


def test_plot_components_signed_uses_diverging_symmetric_scale():
    comps = np.random.RandomState(0).randn(3, 4)
    fig = plots.plot_components(comps, (2, 2))
    image = fig.axes[0].images[0]
    assert image.get_cmap().name == plots.SIGNED_CMAP
    vmin, vmax = image.get_clim()
    assert vmin == -vmax == -np.abs(comps).max()


def test_plot_nmf_vs_pca_two_rows_of_images():
    rng = np.random.RandomState(0)
    fig = plots.plot_nmf_vs_pca(rng.rand(6, 64), rng.randn(6, 64), (8, 8), ncols=3)
    assert isinstance(fig, Figure)
    images = [ax.images[0] for ax in fig.axes if ax.images]
    assert len(images) == 12
    assert images[0].get_cmap().name == "gray_r" and images[-1].get_cmap().name == plots.SIGNED_CMAP


def test_plot_parts_of_sample_adds_up():
    data = datasets.load("digits")
    X, y = data.X, data.labels
    res = nmf_ref.nmf(X[:100], 5, max_iter=20)
    fig = plots.plot_parts_of_sample(X[0], res.W[0], res.H, (8, 8), n_parts=3)
    assert len(fig.axes) == 5
    assert fig.axes[0].get_title() == "sample" and fig.axes[-1].get_title() == "= all 5 parts"
    np.testing.assert_allclose(fig.axes[-1].images[0].get_array(),
                               (res.W[0] @ res.H).reshape(8, 8))


def test_plot_factorization_panels_and_error_in_title():
    res = nmf_ref.nmf(X_EX, 2, init="random", random_state=0)
    fig = plots.plot_factorization(X_EX, res.W, res.H, title="demo")
    assert [ax.get_title() for ax in fig.axes] == ["X (3×4)", "W (3×2)", "H (2×4)", "WH"]
    err = nmf_ref.metrics.relative_error(X_EX, res.W, res.H)
    assert title(fig) == f"demo: rank 2: ‖X − WH‖/‖X‖ = {err:.2e}"
    np.testing.assert_allclose(fig.axes[3].images[0].get_array(), res.W @ res.H)
    assert len(fig.axes[0].texts) == 12  # values written in the cells


def test_plot_rank_one_landscape():
    fig = plots.plot_rank_one_landscape(x=2.0)
    left, right = fig.axes[0], fig.axes[1]  # then the colorbar
    assert "wh" in left.get_title() and "not convex" in right.get_title()
    t, on_segment = right.lines[0].get_data()
    _, chord = right.lines[1].get_data()
    assert (on_segment >= chord - 1e-12).all() and (on_segment > chord + 0.1).any()


def test_plot_cone_2d_and_simplex():
    H2 = np.array([[1.0, 0.2], [0.3, 1.0]])
    X2 = datasets.load("cone_data", n_points=20, H=H2, random_state=0).X
    fig = plots.plot_cone_2d(X2, H2)
    assert len(fig.axes) == 1 and len(fig.axes[0].collections[0].get_offsets()) == 20
    H3 = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]])
    X3 = datasets.load("cone_data", n_points=30, H=H3, random_state=0).X
    fig = plots.plot_cone_simplex(X3, H3)
    points = fig.axes[0].collections[0].get_offsets()
    assert len(points) == 30
    with pytest.raises(ValueError, match="2 columns"):
        plots.plot_cone_2d(X3, H3)


def test_simplex_coordinates_corners():
    np.testing.assert_allclose(plots.simplex_coordinates(np.eye(3) * 5),
                               [[0, 0], [1, 0], [0.5, np.sqrt(3) / 2]])


def test_plot_loss_curves_line_then_markers():
    fig = plots.plot_loss_curves({"ours": [4, 2, 1], "theirs": [4, 2, 1]}, title="t")
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_title() == "t"
    assert ax.lines[0].get_linestyle() == "-" and ax.lines[1].get_linestyle() == "None"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ours", "theirs"]
    fig = plots.plot_loss_curves({"a": [2, 1], "b": [3, 1]}, overlay=False, logy=False)
    assert all(line.get_linestyle() == "-" for line in fig.axes[0].lines)


def test_plots_are_deterministic():
    from io import BytesIO

    def png(fig):
        buf = BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        return buf.getvalue()

    assert png(plots.plot_rank_one_landscape()) == png(plots.plot_rank_one_landscape())


# ------------------------------------------------------------------ widgets

def test_factorization_explorer_has_a_frame_per_setting_and_follows_its_controls():
    w = widgets.factorization_explorer(X_EX)
    assert len(w.frames) == 3 * 4 * 2  # ranks 1..min(m, n) = 3, four inits, two solvers
    assert w.controls["rank"].options[-1][1] == 3  # NNDSVD needs rank <= min(m, n)
    first = w.current()
    assert first is w.frame(rank=2, init="random", solver="cd")
    assert first.alt.startswith("rank r 2, init random, solver cd: cd, init=random")
    error_rank2 = float(first.alt.rsplit("= ", 1)[1])

    w.controls["rank"].value = 1
    rank1 = w.current()
    assert rank1.alt.startswith("rank r 1, ") and rank1.png != first.png
    error_rank1 = float(rank1.alt.rsplit("= ", 1)[1])
    assert error_rank1 > 100 * error_rank2

    w.controls["solver"].value = "mu"
    assert "solver mu: mu, init=random" in w.current().alt
    w.controls["init"].value = "nndsvda"
    assert "init=nndsvda" in w.current().alt
    fig = w.draw(rank=1, init="nndsvda", solver="mu")  # the frame's figure, redrawn
    assert fig.axes[1].get_title() == "W (3×1)"


def test_mu_explorer_curves_coincide_and_follow_controls():
    pytest.importorskip("sklearn")
    X = datasets.load("low_rank", m=15, n=10, r=3, noise=0.05, random_state=0).X
    w = widgets.mu_explorer(X, rank=3, n_iter=10, ranks=(2, 3), iterations=(10, 15))
    assert len(w.frames) == 2 * 4 * 2
    ax = w.draw(rank=3, init="random", iterations=10).axes[0]
    ours, theirs = (line.get_ydata() for line in ax.lines)
    assert len(ours) == 11
    np.testing.assert_allclose(ours, theirs, rtol=1e-6)
    assert "rank 3" in w.current().alt
    gap = float(w.current().alt.rsplit("gap ", 1)[1])
    assert gap < 1e-10

    w.controls["iterations"].value = 15
    assert len(w.draw(rank=3, init="random", iterations=15).axes[0].lines[0].get_ydata()) == 16
    assert w.current().png != w.frame(iterations=10).png
    w.controls["rank"].value = 2
    assert "rank 2" in w.current().alt
    w.controls["init"].value = "nndsvda"
    assert "init=nndsvda" in w.current().alt
