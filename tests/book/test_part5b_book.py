"""Book layer of chapters 23-24: the planted data, the figures and the explorers."""

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from nmf_ref.book import datasets
from nmf_ref.book.plots import clustering as clustering_plots
from nmf_ref.book.plots import minvol as minvol_plots
from nmf_ref.book.widgets import clustering as clustering_widgets
from nmf_ref.book.widgets import minvol as minvol_widgets

matplotlib.use("Agg")


def test_scattered_simplex_respects_purity_and_puts_points_on_the_faces():
    data = datasets.load("scattered_simplex", n=200, purity=0.7, random_state=0, on_faces=0.25)
    X, W, H = data.X, data.W, data.H
    assert X.shape == (3, 200) and H.shape == (3, 200)
    np.testing.assert_allclose(H.sum(axis=0), 1.0)
    assert H.max() <= 0.7
    assert ((H == 0).sum(axis=0) == 1).sum() == 50
    np.testing.assert_allclose(X, W @ H)
    X2 = datasets.load("scattered_simplex", n=200, purity=0.7, random_state=0, on_faces=0.25).X
    assert np.array_equal(X, X2)
    with pytest.raises(ValueError, match="purity"):
        datasets.load("scattered_simplex", n=10, purity=0.3)


def test_sbm_is_symmetric_with_denser_blocks():
    data = datasets.load("stochastic_block_model", sizes=(60, 60),
                         p_in=0.5, p_out=0.05, random_state=0)
    A, labels = data.X, data.labels
    assert np.array_equal(A, A.T) and np.all(np.diag(A) == 0)
    same = labels[:, None] == labels[None, :]
    assert A[same].mean() > 0.4 > 0.1 > A[~same].mean()
    with pytest.raises(ValueError, match="p_in"):
        datasets.load("stochastic_block_model", p_in=1.5)


def test_plot_simplices_draws_the_truth_and_each_fit():
    data = datasets.load("scattered_simplex", n=50, purity=0.8, random_state=0)
    X, W = data.X, data.W
    fig = minvol_plots.plot_simplices(X, W, {"plain NMF": W * 1.1, "min-vol NMF": W},
                                      title="t")
    assert isinstance(fig, Figure)
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert labels == ["data (columns of X)", "true W", "plain NMF", "min-vol NMF"]
    with pytest.raises(ValueError, match="three features"):
        minvol_plots.plot_simplices(np.ones((4, 5)), W)


def test_minvol_explorer_frames_state_both_angles():
    box = minvol_widgets.minvol_explorer(lams=[0.01], purities=[0.55, 0.85], n=120,
                                         purity=0.85, max_iter=100)
    assert len(box.frames) == 2
    alt = box.current().alt
    assert "purity 0.85" in alt and "plain NMF" in alt and "min-vol NMF" in alt
    angles = [float(a.rstrip("°")) for a in alt.replace(",", "").split() if a.endswith("°")]
    assert len(angles) == 2 and angles[1] < angles[0]  # min-vol closer on scattered data


def test_plot_ordered_adjacency_sorts_nodes_into_blocks():
    data = datasets.load("stochastic_block_model", sizes=(10, 10),
                         p_in=0.9, p_out=0.0, random_state=0)
    A, labels = data.X, data.labels
    shuffled = np.random.default_rng(0).permutation(20)
    fig = clustering_plots.plot_ordered_adjacency(A[np.ix_(shuffled, shuffled)],
                                                  labels[shuffled], title="blocks")
    image = fig.axes[0].images[0].get_array()
    assert image[:10, 10:].sum() == 0 and image[:10, :10].sum() > 0
    assert fig.axes[0].get_title() == "blocks"


def test_plot_clusters_2d_one_panel_per_labeling():
    data = datasets.load("blobs", n_per_cluster=10, random_state=0)
    X, labels = data.X, data.labels
    fig = clustering_plots.plot_clusters_2d(X, {"a": labels, "b": labels[::-1]})
    assert [ax.get_title() for ax in fig.axes] == ["a", "b"]


@pytest.mark.filterwarnings("ignore:Graph is not fully connected")
def test_sbm_explorer_frames_state_both_aris():
    box = clustering_widgets.sbm_explorer(ratios=[1.5, 8.0], ranks=[2], sizes=(20, 20),
                                          ratio=8.0, rank=2)
    assert len(box.frames) == 2
    alt = box.current().alt
    assert "symnmf" in alt and "spectral clustering" in alt
    strong = [float(w.rstrip(",")) for w in alt.split() if w.rstrip(",").replace(".", "").isdigit()]
    assert min(strong[-2:]) >= 0.8  # two clear communities: both find them
    weak = box.frame(ratio=1.5).alt
    assert weak != alt
