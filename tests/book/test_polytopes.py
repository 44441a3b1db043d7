"""The book layer of Part V (chapters 21-22): slack matrices, charts and outer polygons,
rectangle and fooling-set bounds, the hyperspectral generator, figures and explorers."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nmf_ref.book import datasets, polytopes
from nmf_ref.book.plots import polytopes as polytope_plots
from nmf_ref.book.widgets import geometry as geometry_widgets

matplotlib.use("Agg")


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7, 8, 12])
def test_slack_matrix_is_non_negative_rank_3_with_zeros_where_vertices_touch_facets(n):
    S = polytopes.slack_matrix(n)
    assert S.shape == (n, n) and (S >= 0).all()
    assert np.linalg.matrix_rank(S) == 3
    zeros = {(i, j) for i, j in zip(*np.nonzero(S == 0))}
    assert zeros == {(j, j) for j in range(n)} | {((j + 1) % n, j) for j in range(n)}


def test_hexagon_slack_matrix_is_the_integer_circulant():
    S = polytopes.slack_matrix(6)
    first = np.array([0, 1, 2, 2, 1, 0])
    np.testing.assert_array_equal(S, [np.roll(first, i) for i in range(6)])


def test_slack_matrix_rejects_a_non_polygon():
    for bad in (2, 6.0, True):
        with pytest.raises(ValueError, match="integer >= 3"):
            polytopes.slack_matrix(bad)


@pytest.mark.parametrize("n", [5, 6, 8])
def test_outer_polygon_of_a_slack_matrix_is_its_inner_polygon(n):
    S = polytopes.slack_matrix(n)
    c, U, Y = polytopes.simplex_chart(S)
    outer = polytopes.outer_polygon(c, U)
    assert outer.shape == (2, n)
    for y in Y.T:
        assert np.abs(outer - y[:, None]).sum(axis=0).min() < 1e-8
    np.testing.assert_allclose(U.sum(axis=0), 0, atol=1e-12)


def test_outer_polygon_of_a_triangle_in_the_simplex_is_the_whole_simplex():
    X = np.array([[2.0, 1.0, 1.0], [1.0, 2.0, 1.0], [1.0, 1.0, 2.0]])  # rank 3, m = 3
    c, U, Y = polytopes.simplex_chart(X)
    outer = polytopes.outer_polygon(c, U)
    corners = polytopes.to_chart(np.eye(3), c, U)
    assert outer.shape == (2, 3)
    for y in corners.T:
        assert np.abs(outer - y[:, None]).sum(axis=0).min() < 1e-8


def test_rectangle_covering_number():
    assert polytopes.rectangle_covering_number(polytopes.slack_matrix(6)) == 5
    assert polytopes.rectangle_covering_number(np.eye(4)) == 4
    assert polytopes.rectangle_covering_number(np.ones((3, 5))) == 1
    assert polytopes.rectangle_covering_number(np.zeros((2, 2))) == 0
    # the complement of the identity: rank₊ bound for a well-known family
    assert polytopes.rectangle_covering_number(1 - np.eye(4)) == 4


def test_maximal_rectangles_are_positive_and_maximal():
    S = polytopes.slack_matrix(6)
    for rows, cols in polytopes.maximal_rectangles(S):
        block = S[np.ix_(sorted(rows), sorted(cols))]
        assert (block > 0).all()
        others = [i for i in range(6) if i not in rows]
        assert not any((S[i, sorted(cols)] > 0).all() for i in others)


def test_fooling_sets():
    assert polytopes.is_fooling_set(np.eye(3), [(0, 0), (1, 1), (2, 2)])
    assert not polytopes.is_fooling_set(np.ones((2, 2)), [(0, 0), (1, 1)])
    assert not polytopes.is_fooling_set(np.eye(2), [(0, 1)])  # a zero entry
    assert not polytopes.is_fooling_set(np.eye(2), [(0, 0), (0, 0)])  # repeated


def test_best_of_restarts_finds_the_hexagon_with_5_parts_and_not_with_4():
    S = polytopes.slack_matrix(6)
    best5, errors5 = polytopes.best_of_restarts(S, 5, n_starts=6, max_iter=300)
    best4, errors4 = polytopes.best_of_restarts(S, 4, n_starts=3, max_iter=300)
    assert errors5.shape == (6,) and errors5.min() < 1e-9
    np.testing.assert_allclose(best5.W @ best5.H, S, atol=1e-9)
    assert errors4.min() > 0.05


def test_hyperspectral_image_is_separable_with_its_pure_pixels():
    data = datasets.load("hyperspectral", shape=(12, 10), n_bands=30, random_state=1)
    X, W, H, wl, pure = data.X, data.W, data.H, data.wavelengths, data.pure
    assert X.shape == (30, 120) and W.shape == (30, 4) and H.shape == (4, 120)
    np.testing.assert_allclose(H.sum(axis=0), 1)
    np.testing.assert_array_equal(H[:, pure], np.eye(4))
    np.testing.assert_allclose(X, W @ H)
    assert wl[0] == 400 and wl[-1] == 2500 and (W > 0).all() and W.max() == pytest.approx(1)
    X2 = datasets.load("hyperspectral", shape=(12, 10), n_bands=30, random_state=1).X
    np.testing.assert_array_equal(X, X2)


def test_figures_leave_no_pyplot_state():
    before = plt.get_fignums()
    S = polytopes.slack_matrix(6)
    figs = [polytope_plots.plot_nested_polygons(S),
            polytope_plots.plot_polygon_nmf(S, np.eye(6), S, "t")]
    data = datasets.load("hyperspectral", shape=(8, 8), n_bands=20, random_state=0)
    X, W, H, wl, pure = data.X, data.W, data.H, data.wavelengths, data.pure
    figs += [polytope_plots.plot_separable(X, pure, truth=W, title="s"),
             polytope_plots.plot_spectra(wl, W, list("abcd"), found=X[:, pure]),
             polytope_plots.plot_abundances(H, (8, 8), list("abcd"))]
    assert all(isinstance(f, matplotlib.figure.Figure) for f in figs)
    assert plt.get_fignums() == before


def test_polygon_explorer_frames_and_alt_text():
    ex = geometry_widgets.polygon_explorer(ns=(5, 6), ranks=(4, 5), n_starts=6)
    assert len(ex.frames) == 4
    assert "relative error" in ex.frame(n=6, rank=5).alt
    assert "(exact)" in ex.frame(n=6, rank=5).alt
    assert "(not exact)" in ex.frame(n=6, rank=4).alt


def test_spa_explorer_counts_pure_anchors():
    ex = geometry_widgets.spa_explorer(noises=(0.0, 0.3), ranks=(3,), n=100)
    assert len(ex.frames) == 2
    assert "3 of 3 anchors are pure" in ex.frame(noise=0.0, rank=3).alt
    assert ex.frame(noise=0.0, rank=3).png.startswith(b"\x89PNG")
