"""nmf_ref.book.plots._style: the one ending every figure shares."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from nmf_ref.book.plots._style import finish, finish_lines  # noqa: E402


def _figure(n_axes=1):
    fig, axes = plt.subplots(1, n_axes, squeeze=False)
    for ax in axes[0]:
        ax.plot([0, 1], [1, 0], label="a line")
    return fig, list(axes[0])


def test_finish_titles_the_figure_or_its_one_axis_and_closes_it():
    fig, (ax,) = _figure()
    assert finish(fig, "over the figure") is fig
    assert fig._suptitle.get_text() == "over the figure" and ax.get_title() == ""
    assert fig._suptitle.get_fontsize() == 10
    assert not plt.fignum_exists(fig.number)  # detached from pyplot

    fig, (ax,) = _figure()
    finish(fig, "over the axis", ax=ax, fontsize=9)
    assert fig._suptitle is None
    assert ax.get_title() == "over the axis" and ax.title.get_fontsize() == 9


def test_finish_with_no_fontsize_keeps_matplotlibs_title_size():
    fig, _ = _figure()
    finish(fig, "default size", fontsize=None)
    assert fig._suptitle.get_fontsize() == pytest.approx(
        matplotlib.font_manager.FontProperties(size=plt.rcParams["figure.titlesize"])
        .get_size_in_points())


@pytest.mark.parametrize("layout, engine_calls", [("tight", [{}]),
                                                  ((0, 0.1, 1, 1), [{"rect": (0, 0.1, 1, 1)}]),
                                                  (None, [])])
def test_finish_lays_the_figure_out_as_asked(monkeypatch, layout, engine_calls):
    fig, _ = _figure()
    calls = []
    monkeypatch.setattr(fig, "tight_layout", lambda **kw: calls.append(kw))
    finish(fig, layout=layout)
    assert calls == engine_calls


def test_finish_lines_puts_grid_and_legend_on_every_axis():
    fig, axes = _figure(2)
    finish_lines(fig, axes, "two plots", legend_size=7)
    for ax in axes:
        assert ax.get_legend().get_texts()[0].get_fontsize() == 7
        assert any(line.get_visible() for line in ax.get_xgridlines())
    assert fig._suptitle.get_text() == "two plots"  # several axes: over the figure
