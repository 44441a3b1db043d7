"""The one clock of the book layer and the benchmarks.

Book: chapters 7, 9, 12, 15, 16, 20 and ``benchmarks/``. :func:`best_time` is how
this repository times a piece of code (the best of a few rounds, the least
disturbed by a busy machine); :func:`stopwatch` measures a span that is not one
call, such as a whole chapter. Nothing here asserts a time: the chapters print
what the machine measured.
"""

import time


def best_time(fn, repeats=1, number=1):
    """Seconds one call of ``fn()`` takes, the best of ``repeats`` rounds.

    Parameters
    ----------
    fn : callable
        Called with no arguments, ``repeats * number`` times in all.
    repeats : int ≥ 1, default=1
        Rounds; the fastest one counts (the others met a busier machine).
    number : int ≥ 1, default=1
        Calls per round, for calls too short for the clock to see alone; a round's
        time is divided by ``number``.

    Returns
    -------
    seconds : float
        The fastest round's time per call.
    result
        What the last call of ``fn`` returned, so that a timed computation need
        not be run again to use its result.
    """
    for name, value in (("repeats", repeats), ("number", number)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an int ≥ 1, got {value!r}: pass, e.g., "
                             f"{name}=5")
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            result = fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best, result


def stopwatch():
    """Start a clock; returns a function that gives the seconds since this call.

    For a span that is not one call (a chapter from its first cell to its last):
    ``elapsed = stopwatch()`` ... ``print(f"{elapsed():.0f} s")``.
    """
    start = time.perf_counter()
    return lambda: time.perf_counter() - start
