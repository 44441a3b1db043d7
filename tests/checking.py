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
