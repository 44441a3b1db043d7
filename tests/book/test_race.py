"""nmf_ref.book.race: the race measures what chapter 10 says it measures.

No test asserts on wall-clock time; they check starts, iterations, gaps and losses."""

import numpy as np
import pytest

pytest.importorskip("sklearn")
import nmf_ref  # noqa: E402
from nmf_ref.book import datasets, race, race_results  # noqa: E402

X = datasets.load("digits").X[:80]
RUNNERS = ("hals", "hals+x", "anls")


@pytest.fixture(scope="module")
def out():
    return race.race(X, 4, runners=RUNNERS, n_starts=2, max_iter=60, max_seconds=5,
                     reference_factor=2.0, tols=(1e-2, 1e-3))


def test_every_runner_of_a_start_begins_at_its_start(out):
    assert len(out.starts) == 2
    for seed, s in enumerate(out.starts):
        W0, H0 = nmf_ref.initialize(X, 4, "random", random_state=seed)
        np.testing.assert_array_equal(s.W0, W0)
        loss0 = nmf_ref.frobenius(X, W0, H0)
        assert set(RUNNERS) | {"mu"} == set(s.curves)  # mu: sklearn mu's twin
        for c in s.curves.values():
            assert c.loss[0] == pytest.approx(loss0) and c.seconds[0] == 0
            assert (np.diff(c.seconds) >= 0).all() and len(c.seconds) == len(c.loss)
    assert out.starts[0].best != out.starts[1].best  # each start has its own finish line


def test_f_best_is_the_lowest_loss_from_that_start(out):
    for s in out.starts:
        assert s.best <= min(c.loss.min() for c in s.curves.values())
        reference = race.run_nmf_ref(X, 4, s.W0, s.H0, race.REFERENCE, 120, 10)
        assert s.best == pytest.approx(min(reference.loss.min(),
                                           min(c.loss.min() for c in s.curves.values())))


def test_sklearn_is_timed_at_the_iteration_its_twin_reaches_each_gap(out):
    for s in out.starts:
        for tol in out.tols:
            gap = s.gap(s.curves["hals"].loss)
            hits = np.flatnonzero(gap <= tol)
            k, seconds, loss = s.sklearn["sklearn cd", tol]
            if len(hits):
                assert k == hits[0] and np.isfinite(seconds)
                assert loss == pytest.approx(s.curves["hals"].loss[k], rel=1e-9)
            else:
                assert k is None and np.isinf(seconds)
                assert loss == pytest.approx(s.curves["hals"].loss[-1])


def test_checks_compare_sklearn_with_its_twin_for_both_solvers(out):
    for s in out.starts:
        labels = {label for label, *_ in s.checks}
        assert labels == {"sklearn cd", "sklearn mu"}  # never vacuous
        for label, k, theirs, ours in s.checks:
            assert k >= 1 and theirs == pytest.approx(ours, rel=1e-9), (label, k)


def test_reach_and_summary_agree_with_the_curves(out):
    tol = out.tols[0]
    rows = race.reach(out, "hals", tol)
    for s, (k, seconds, final_gap) in zip(out.starts, rows):
        assert k == race.first_reach(s.gap(s.curves["hals"].loss), tol)
        assert final_gap == pytest.approx(s.gap(s.curves["hals"].loss[-1]))
        assert (k is None) == np.isinf(seconds)
    table = race.summarize(out)
    stats = table["hals"][tol]
    assert stats["reached"] == sum(k is not None for k, _, _ in rows)
    assert set(table) == set(RUNNERS) | {"sklearn cd", "sklearn mu"}
    assert race.best_runner(table, tol) in RUNNERS


def test_ratios_count_only_the_starts_where_both_arrived():
    never = (None, np.inf, 0.5)
    table = {"a": {1e-3: [(5, 1.0, 0.0), (6, 3.0, 0.0), never, (7, 2.0, 0.0)]},
             "sklearn cd": {1e-3: [(5, 2.0, 0.0), never, (9, 1.0, 0.0), (8, 4.0, 0.0)]}}
    stats = race.summarize(table)["a"][1e-3]
    # start 2: only a arrived; start 3: only cd: neither has a ratio (not 0, not inf)
    assert stats["both"] == 2 and stats["reached"] == 3
    assert stats["ratio"] == pytest.approx(0.5) and stats["worst"] == pytest.approx(0.5)
    table["a"][1e-3][0] = (5, 4.0, 0.0)
    assert race.summarize(table)["a"][1e-3]["worst"] == pytest.approx(2.0)
    alone = race.summarize({"a": {1e-3: [never]}, "sklearn cd": {1e-3: [never]}})["a"][1e-3]
    assert alone["both"] == 0 and np.isnan(alone["ratio"])
    text = race.format_table([("toy", race.summarize(table))], tols=(1e-3,))
    assert "[2]" in text


def test_best_runner_reaches_most_starts_first():
    never = (None, np.inf, 0.5)
    table = race.summarize({  # "lucky" is faster, but from one start only
        "lucky": {1e-3: [(1, 0.1, 0.0), never, never]},
        "steady": {1e-3: [(1, 0.9, 0.0), (1, 0.9, 0.0), (1, 0.9, 0.0)]},
        "sklearn cd": {1e-3: [(1, 1.0, 0.0), (1, 1.0, 0.0), (1, 1.0, 0.0)]}})
    assert race.best_runner(table, 1e-3) == "steady"


def test_results_file_gives_back_the_summary_of_the_race(out, tmp_path):
    path = tmp_path / "race.json"
    record = race_results.write_results(path, {"digits": out}, {"starts": 2})
    assert record["settings"] == {"starts": 2} and record["written_by"] == "benchmarks/race.py"
    assert {"numpy", "scikit-learn", "nmf_ref"} <= set(record["versions"])
    assert record["machine"]["cpus"] >= 1 and record["date"].startswith("20")
    back, rows = race_results.read_results(path)
    assert back["date"] == record["date"]
    [(name, description, table)] = rows
    assert name == "digits" and description.endswith(f"r={out.rank}")
    assert race.summarize(table) == race.summarize(out)  # never (inf) survives the JSON null


def test_the_book_ships_a_full_size_results_file():
    record, rows = race_results.read_results()
    assert [name for name, _, _ in rows] == list(race.DATASETS)
    assert record["settings"]["starts"] >= 3 and record["settings"]["repeats"] >= 2
    for _, _, table in rows:
        stats = race.summarize(table)
        assert set(stats) >= {"sklearn cd", "hals+x", "ahals+x"}
        assert all(s[1e-4]["starts"] == record["settings"]["starts"] for s in stats.values())


def test_summary_median_spread_and_final_gap():
    class Fake:
        runners, sklearn_labels, tols = ("a",), (), (1e-3,)

    fake = Fake()
    fake.starts = []
    for best, loss, secs in [(1.0, [2, 1.0005, 1.0], [0, 1, 2]), (1.0, [2, 1.02, 1.01], [0, 1, 2]),
                             (1.0, [2, 1.0], [0, 3])]:
        s = race.Start(0, None, None, {"a": race.Curve("a", np.array(secs, float),
                                                       np.array(loss, float))}, best)
        fake.starts.append(s)
    stats = race.summarize(fake, reference="nobody")["a"][1e-3]
    assert stats["reached"] == 2 and stats["starts"] == 3
    assert (stats["median"], stats["lo"], stats["hi"]) == (2.0, 1.0, 3.0)
    assert stats["final_gap"] == pytest.approx(0.01)  # the start that never got there
    text = race.format_table([("toy", {"a": {1e-3: stats}})], tols=(1e-3,))
    assert "2/3" in text and "[1–3]" in text and "1.0e-02" in text


def test_unknown_runner_is_refused():
    with pytest.raises(ValueError, match="unknown runner"):
        race.race(X, 3, runners=("hals", "fast"), n_starts=1)


def test_load_knows_four_data_sets():
    for name in race.DATASETS:
        Xd, rank, description = race.load(name, "small")
        assert Xd.ndim == 2 and (Xd >= 0).all() and rank <= min(Xd.shape)
    Xf, rank, _ = race.load("lowrank", "full")
    assert Xf.shape == (2000, 1000) and rank == 30
    with pytest.raises(ValueError, match="unknown data set"):
        race.load("iris")
    with pytest.raises(ValueError, match="size"):
        race.load("digits", "huge")


def test_plot_data_gives_lines_and_timed_points(out):
    curves, best = race.plot_data(out, 1)
    assert best == out.starts[1].best
    for label in RUNNERS:
        iters, seconds, loss = curves[label]
        assert len(iters) == len(seconds) == len(loss)
    if "sklearn cd" in curves:
        iters, _, loss = curves["sklearn cd"]
        np.testing.assert_allclose(loss, out.starts[1].curves["hals"].loss[iters], rtol=1e-9)
