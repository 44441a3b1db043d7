"""How every test of an exercise checker speaks: ``accepts`` a right answer (the checker
returns None and prints its verdict), ``rejects`` a named wrong one (AssertionError
whose hint starts with "Not yet.")."""

import pytest


def accepts(capsys, checker, *args, **kwargs):
    assert checker(*args, **kwargs) is None
    out = capsys.readouterr().out
    assert out.startswith("Correct: "), out


def rejects(checker, *args, match=None, **kwargs):
    with pytest.raises(AssertionError, match=match or "Not yet") as info:
        checker(*args, **kwargs)
    assert str(info.value).startswith("Not yet.")
    return str(info.value)


def verdict(capsys, checker, args, expected):
    """One row of a chapter's table: ``checker(*args)`` is accepted when ``expected`` is
    None, else rejected with a hint matching ``expected``."""
    if expected is None:
        accepts(capsys, checker, *args)
    else:
        rejects(checker, *args, match=expected)


def _label(value, names):
    """A short readable name for one answer in a test id."""
    if callable(value) and getattr(value, "__name__", "<lambda>") != "<lambda>":
        return value.__name__
    if names and not isinstance(value, (type(None), bool, int, float, str)):
        for name, bound in names.items():  # an array or list the test file named
            if bound is value and not name.startswith("_"):
                return name
    if callable(value):
        return "lambda"
    return " ".join(repr(value).split())[:30]


def checker_table(rows, *, one_answer=True, names=None):
    """Parametrize a test over a chapter's table of ``(checker, answer, expected)`` rows.

    Parameters
    ----------
    rows : list of tuple
        The chapter's table; ``expected`` is None for a right answer, else the hint a
        wrong one must get (a regular expression).
    one_answer : bool, default=True
        True: the middle of each row is the checker's one argument. False: it is the
        tuple of its arguments.
    names : dict, optional
        The test module's ``globals()``, to name in the ids the arrays and lists it
        binds to names (``right_W``, ``wrong_scaled``).

    Returns
    -------
    pytest.MarkDecorator
        ``@pytest.mark.parametrize("checker, args, expected", ...)``, ``args`` always a
        tuple, for a test ``verdict(capsys, checker, args, expected)``; each case's id
        is ``checker-answer-row``.
    """
    cases = []
    for i, (checker, answer, expected) in enumerate(rows):
        args = (answer,) if one_answer else tuple(answer)
        label = ",".join(_label(a, names) for a in args)[:40]
        cases.append(pytest.param(checker, args, expected, id=f"{checker.__name__}-{label}-{i}"))
    return pytest.mark.parametrize("checker, args, expected", cases)
