"""nmf_ref.book.timing: the one clock (best of rounds, per call; a stopwatch)."""

import pytest

from nmf_ref.book import timing


@pytest.fixture
def clock(monkeypatch):
    """A fake ``time.perf_counter`` that reads the times the test sets."""
    readings = []
    monkeypatch.setattr(timing.time, "perf_counter", lambda: readings.pop(0))
    return readings


def test_best_time_is_the_fastest_round_per_call_and_returns_the_last_result(clock):
    # three rounds of two calls: 0.8 s, 0.2 s, 0.6 s per round
    clock.extend([0.0, 0.8, 1.0, 1.2, 2.0, 2.6])
    calls = []
    seconds, result = timing.best_time(lambda: calls.append(1) or len(calls), repeats=3,
                                       number=2)
    assert seconds == pytest.approx(0.1)  # the second round, divided by its 2 calls
    assert len(calls) == 6 and result == 6
    assert clock == []  # one reading before and one after each round, none inside


def test_best_time_runs_once_by_default():
    calls = []
    seconds, result = timing.best_time(lambda: calls.append(1) or "done")
    assert calls == [1] and result == "done" and seconds >= 0


@pytest.mark.parametrize("bad", [0, -1, 2.0, True, None])
@pytest.mark.parametrize("name", ["repeats", "number"])
def test_best_time_refuses_a_count_that_is_not_a_positive_int(name, bad):
    with pytest.raises(ValueError, match=f"{name} must be an int ≥ 1"):
        timing.best_time(lambda: None, **{name: bad})


def test_stopwatch_gives_the_seconds_since_it_started(clock):
    clock.extend([10.0, 12.5, 13.0])
    elapsed = timing.stopwatch()
    assert elapsed() == 2.5 and elapsed() == 3.0
