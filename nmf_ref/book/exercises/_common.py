"""What every exercise checker shares: the verdict, hints, safe calls, small problems.

A checker takes a student's answer (a number, arrays, a function, or the
letter of a statement, see :func:`_choice`) and either prints a short ``Correct: ...`` (returning
None, so a notebook shows only the verdict) or raises ``AssertionError`` with
a hint that says what is wrong without giving the answer away.
"""

import textwrap

import numpy as np


def _correct(message):
    print(textwrap.fill(f"Correct: {message}", width=66, subsequent_indent="  "))


def _require(condition, hint):
    if not condition:
        raise AssertionError(f"Not yet. {hint}")


def _as_array(value, name):
    try:
        A = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"Not yet. {name} should be numbers (an array), got {value!r}.") from None
    return A


def _number(value, what, whole=False):
    """``value`` as a float, or a hint that ``what`` should be one number (None, a string,
    a bool, a list or an array is not). ``whole=True``: as an int, and a hint if it has a
    fractional part."""
    kind = "one whole number" if whole else "one number"
    try:
        scalar = np.ndim(value) == 0
    except ValueError:  # a ragged list
        scalar = False
    if not scalar:
        raise AssertionError(f"Not yet. {what} should be {kind}, got {type(value).__name__} "
                             f"of shape {np.shape(np.asarray(value, dtype=object))}.")
    if value is not None and not isinstance(value, (str, bytes, bool)):
        try:
            number = float(value)
        except (TypeError, ValueError):
            pass
        else:
            if not whole:
                return number
            _require(number.is_integer(), f"{what} should be a whole number, got {value!r}.")
            return int(number)
    raise AssertionError(f"Not yet. {what} should be {kind}, got {value!r}.")


def _call(func, *args):
    """Call the student's function, turning its errors into a hint."""
    _require(callable(func), f"Pass a function, not {type(func).__name__}.")
    try:
        return func(*args)
    except Exception as exc:  # the student's code failed: say where
        raise AssertionError(
            f"Not yet. Your function raised {type(exc).__name__}: {exc} "
            f"(when called with arguments of shapes "
            f"{[np.shape(a) for a in args]})."
        ) from exc


def _chooses(checker):
    """Declare ``checker`` a choice among statements: it is worth 1 point (every other
    checker is worth :data:`POINTS`). The grader reads ``points`` from here, nowhere else."""
    checker.points = 1
    return checker


POINTS = 2  # what a checker is worth unless it declares otherwise


def points(checker):
    """The points ``checker`` is worth: its declared ``points``, else :data:`POINTS`."""
    return getattr(checker, "points", POINTS)


def _choice(answer, right, hints, why):
    """A reasoning exercise: the letter of the one true statement among several.

    ``hints`` maps every wrong letter to what is wrong with its statement;
    ``why`` is the one-line reason printed when ``answer`` is ``right``.
    Accepts "b", "B", "(b)" or "b)".
    """
    letters = sorted([right, *hints])
    _require(isinstance(answer, str),
             f"Answer with the letter of one statement ({', '.join(letters)}), as a string "
             f"like \"{letters[0]}\"; got {answer!r}.")
    letter = answer.strip().strip("()").strip().lower()
    _require(letter in letters,
             f"Answer with one of the letters {', '.join(letters)}; got {answer!r}.")
    _require(letter == right, f"({letter}) is false: {hints.get(letter, '')}")
    return _correct(why)


def _problems(seed, m=6, n=5, r=3):
    """A few small random NMF problems (X, W, H), reproducible."""
    rng = np.random.RandomState(seed)
    for _ in range(3):
        yield rng.uniform(size=(m, n)), rng.uniform(0.1, 1, (m, r)), rng.uniform(0.1, 1, (r, n))
        m, n = n + 2, m + 1


def _nnls_kkt(Q, c, x, tol=1e-9):
    """True when x ≥ 0, y = Qx − c ≥ 0 and x·y = 0 (up to rounding)."""
    y = Q @ x - c
    scale = tol * (1 + np.abs(Q).max() * np.abs(x).max() + np.abs(c).max())
    return bool((x >= -scale).all() and (y >= -scale).all() and abs(x @ y) <= scale)
