"""Every checker of the book is named by some test of tests/book (a row of its chapter's
table, or an accepts/rejects call): a checker added without a test fails here."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import nmf_ref.book.exercises as exercises

TESTS = "\n".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py"))


def checkers():
    for info in pkgutil.iter_modules(exercises.__path__):
        if info.name.startswith("ch"):
            module = importlib.import_module(f"{exercises.__name__}.{info.name}")
            for name, obj in vars(module).items():
                if name.startswith("check_") and inspect.isfunction(obj) \
                        and obj.__module__ == module.__name__:
                    yield f"{info.name}.{name}"


CHECKERS = sorted(checkers())


def test_the_walk_finds_every_chapter():
    assert {name.split(".")[0] for name in CHECKERS} == {f"ch{n:02d}" for n in range(1, 25)}


@pytest.mark.parametrize("name", CHECKERS)
def test_checker_is_tested(name):
    assert name in TESTS, f"{name}: no test of tests/book calls it"
