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


def test_checker_table_keeps_every_row_with_its_arguments_and_a_readable_id():
    from checking import checker_table

    def check_x(answer):
        pass

    right_x = [1.0, 2.0]
    rows = [(check_x, right_x, None), (check_x, lambda: 0, "hint"), (check_x, (1, 2), "pair")]
    cases = checker_table(rows, names={"right_x": right_x}).args[1]
    assert [c.values for c in cases] == [(check_x, (right_x,), None),
                                         (check_x, (rows[1][1],), "hint"),
                                         (check_x, ((1, 2),), "pair")]
    assert [c.id for c in cases] == ["check_x-right_x-0", "check_x-lambda-1", "check_x-(1, 2)-2"]
    spread = checker_table([(check_x, (1, 2), None)], one_answer=False).args[1]
    assert spread[0].values == (check_x, (1, 2), None) and spread[0].id == "check_x-1,2-0"
