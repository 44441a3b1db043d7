"""nmf_ref.book.race: the race measures what chapter 9 says it measures.

No test asserts on wall-clock time; they check iteration counts and losses."""

import numpy as np
import pytest

pytest.importorskip("sklearn")
import nmf_ref  # noqa: E402
from nmf_ref.book import datasets, race  # noqa: E402

X = datasets.digits()[0][:80]


@pytest.fixture(scope="module")
def out():
    return race.race(X, 4, init="random", max_iter=40, grid_points=6)


def test_iteration_grid_is_log_spaced_and_ends_at_max_iter():
    grid = race.iteration_grid(200, 10)
    assert grid[0] == 1 and grid[-1] == 200 and (np.diff(grid) > 0).all()
    assert len(race.iteration_grid(3, 10)) == 3


def test_every_solver_starts_from_the_same_point(out):
    assert set(out.curves) == set(race.LABELS)
    starts = {c.loss[0] for c in out.curves.values()}
    assert len(starts) == 1 and starts.pop() == pytest.approx(nmf_ref.frobenius(X, out.W0, out.H0))
    for label, c in out.curves.items():
        assert c.seconds[0] == 0 and len(c.iters) == len(c.seconds) == len(c.loss)
        if label.startswith("nmf_ref"):  # one run: cumulative seconds, every iteration
            assert (np.diff(c.seconds) >= 0).all() and (c.iters == np.arange(len(c.iters))).all()


def test_sklearn_points_lie_on_the_matching_nmf_ref_curves(out):
    for ours, theirs in (("nmf_ref hals", "sklearn cd"), ("nmf_ref mu", "sklearn mu")):
        c = out.curves[theirs]
        np.testing.assert_allclose(c.loss, out.curves[ours].loss[c.iters], rtol=1e-9)


def test_time_to_reach_finds_the_fewest_iterations(out):
    best = out.best
    assert best == min(c.loss.min() for c in out.curves.values())
    for tol in (1e-1, 1e-2):
        table = race.time_to_reach(out, tol)
        hals_gap = out.gap("nmf_ref hals")
        first = np.flatnonzero(hals_gap <= tol)
        want = int(first[0]) if len(first) else None
        # bisection pins scikit-learn's cd to the exact iteration HALS needs
        assert table["sklearn cd"][0] == table["nmf_ref hals"][0] == want
        for label, (iters, seconds) in table.items():
            assert (iters is None) == np.isinf(seconds)


def test_time_to_reach_never_when_out_of_reach(out):
    table = race.time_to_reach(out, 0.0)
    assert sum(iters is not None for iters, _ in table.values()) >= 1  # the leader
    assert table["sklearn mu"] == (None, np.inf) or table["sklearn mu"][0] is not None


def test_format_table_lists_every_solver_and_marks_never():
    table = {1e-3: {"nmf_ref hals": (10, 0.5), "sklearn cd": (10, 1.0)},
             1e-4: {"nmf_ref hals": (None, np.inf), "sklearn cd": (20, 2.0)}}
    text = race.format_table([("toy 3×4", table)])
    assert "nmf_ref hals" in text and "sklearn cd" in text
    hals_line = next(line for line in text.splitlines() if "nmf_ref hals" in line)
    assert "0.50" in hals_line and "—" in hals_line


def test_load_knows_three_data_sets():
    for name in race.DATASETS:
        Xd, rank, description = race.load(name, "small")
        assert Xd.ndim == 2 and (Xd >= 0).all() and rank <= min(Xd.shape)
    with pytest.raises(ValueError, match="unknown data set"):
        race.load("iris")
    with pytest.raises(ValueError, match="size"):
        race.load("digits", "huge")


def test_book_race_is_cached_and_plottable():
    a = race.book_race("faces", 3, "random", ("nmf_ref hals", "sklearn cd"))
    assert race.book_race("faces", 3, "random", ("nmf_ref hals", "sklearn cd")) is a
    curves, best = race.plot_data(a)
    assert set(curves) == {"nmf_ref hals", "sklearn cd"} and best == a.best
