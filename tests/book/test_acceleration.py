"""Chapter 9's book layer: nmf_ref.book.acceleration, its figures and explorers (driven
without a kernel), chapter 10's race explorer.
(Chapter 9's exercise checkers: tests/book/test_exercises_ch09.py.)"""

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")

from matplotlib.figure import Figure  # noqa: E402

import nmf_ref  # noqa: E402
from nmf_ref.book import acceleration, datasets, race  # noqa: E402
from nmf_ref.book.plots import acceleration as plots  # noqa: E402
from nmf_ref.book.widgets import acceleration as widgets  # noqa: E402

X = datasets.load("digits").X[:60]
W0, H0 = nmf_ref.initialize(X, 4, "random", random_state=0)


def control(w, description):
    return next(c for c in w.children if getattr(c, "description", None) == description)


# ------------------------------------------------------------------ helpers and figures

def test_sweep_progress_only_goes_down_and_stops_by_the_epsilon_rule():
    p = acceleration.sweep_progress(X, W0, H0, sweeps=25)
    assert len(p["loss"]) == 26 and len(p["change"]) == 25
    assert (np.diff(p["loss"]) <= 1e-12 * p["loss"][0]).all()  # every sweep is exact CD
    k = p["stop"]
    assert p["change"][k - 1] <= 0.1 * p["change"][0] < p["change"][k - 2]
    assert p["budget"] == nmf_ref.rules.ahals.max_sweeps(60, 64, 60 * 64, 4)
    assert isinstance(plots.plot_sweeps(p), Figure)


@pytest.mark.parametrize("solver", ["hals", "ahals", "anls"])
def test_trace_is_the_record_of_the_real_loop(solver):
    trace = acceleration.trace_extrapolation(X, 4, W0, H0, solver, n_iter=40)
    res = nmf_ref.nmf(X, 4, solver=solver, W=W0, H=H0, max_iter=40, tol=0, extrapolate=True)
    np.testing.assert_array_equal(trace["best"], res.loss[1:])  # the run's own numbers
    assert set(trace) == {"trial", "best", "beta", "beta_bar", "restart"}
    np.testing.assert_allclose(trace["best"], np.minimum.accumulate(
        np.r_[res.loss[0], trace["trial"]])[1:], rtol=1e-12)
    assert trace["restart"].any() and (trace["beta"] <= trace["beta_bar"] + 1e-12).all()
    up = np.r_[False, np.diff(trace["trial"]) > 0]
    np.testing.assert_array_equal(trace["restart"][1:], up[1:])  # restart ⇔ error went up
    fig = plots.plot_extrapolation(trace, title="t")
    assert isinstance(fig, Figure) and fig._suptitle.get_text() == "t"


def test_curves_from_start_share_the_start():
    curves, best = acceleration.curves_from_start(X, 4, ["hals", "ahals+x"], W0, H0, 20, 5)
    assert set(curves) == {"hals", "ahals+x"}
    assert curves["hals"][2][0] == curves["ahals+x"][2][0] and best <= curves["hals"][2].min()


def test_race_starts_figure_counts_the_starts_that_never_reached():
    rows = {"a": [(3, 0.1, 0.0), (None, np.inf, 2e-3)], "sklearn cd": [(5, 0.2, 0.0)] * 2}
    fig = plots.plot_race_starts(rows, 1e-4, title="x")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("1 never" in t and "2e-03" in t for t in texts)
    assert len(fig.axes[0].lines) == 2 + 2  # dots and median bar per solver


# ------------------------------------------------------------------ explorers

def test_acceleration_explorer_has_a_frame_per_setting_and_follows_its_controls():
    ex = widgets.acceleration_explorer(X, 4, W0, H0, max_iter=20)
    assert len(ex.frames) == 4 * 4 * 2  # solvers × β₀ × extrapolation on/off
    assert [v for _, v in ex.controls["beta0"].options] == [0.25, 0.5, 0.75, 1.0]
    first = ex.current()
    assert first is ex.frame(solver="hals", beta0=0.5, extrapolation="on")
    assert "hals + extrapolation (β₀ = 0.5)" in first.alt and "restarts" in first.alt
    ex.controls["solver"].value = "anls"
    assert "anls + extrapolation (β₀ = 0.5)" in ex.current().alt
    ex.controls["beta0"].value = 1.0
    assert "(β₀ = 1)" in ex.current().alt
    ex.controls["extrapolation"].value = "off"
    off = ex.current()
    assert "anls against plain HALS" in off.alt and "β₀ not used" in off.alt
    # without extrapolation β₀ plays no part: the same figure whatever its value
    assert off.png == ex.frame(beta0=0.25).png
    fig = ex.draw(solver="anls", beta0=1.0, extrapolation="off")
    assert len(fig.axes[0].lines) == 2 + 2  # two curves, two tolerance lines


def test_race_starts_explorer_draws_every_data_set_start_and_group():
    out = race.race(X, 3, runners=("hals", "hals+x"), n_starts=2, max_iter=20, max_seconds=5,
                    reference_factor=1.0)
    calls = []

    def get_race(name):
        calls.append(name)
        return out

    ex = widgets.race_starts_explorer(get_race, ["digits", "faces"], data_set="faces")
    assert calls == ["digits", "faces"]  # each race fetched once, before drawing
    assert len(ex.frames) == 2 * 2 * 3  # data sets × starts × runner groups
    assert ex.current().alt.startswith("data faces, start 0, runners all: ")
    ex.controls["start"].value = 1
    assert "start 1:" in ex.current().alt
    plain = ex.frame(runners="plain")
    fig = ex.draw(data_set="faces", start=1, runners="plain")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "hals" in labels and "hals+x" not in labels
    assert "(hals)" in plain.alt  # the fastest runner shown is the only plain one
    assert "(hals+x)" in ex.frame(runners="extrapolated").alt
