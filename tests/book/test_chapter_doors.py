"""Each chapter of Parts III-IV goes through one front door, ``nmf_ref.book.chapters.chNN_*``.

The door imports every book-layer name its chapter uses; the chapter imports from the book
layer only its door, the dataset registry and its exercises; nothing in ``nmf_ref`` imports a
door (the doors sit on top, so no import cycle can go through them).
"""

import ast
import importlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOORS = ROOT / "nmf_ref" / "book" / "chapters"
CHAPTERS = range(11, 21)
# What a chapter may import from the book layer besides its door.
ALLOWED = ("nmf_ref.book.datasets", "nmf_ref.book.exercises.ch{n}")


def notebook(n):
    (path,) = (ROOT / "book").glob(f"{n}_*.ipynb")
    return path


def code_cells(n):
    """The chapter's code cells, each as (source, parsed module); an IPython magic parses as pass."""
    cells = json.loads(notebook(n).read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return [(s, ast.parse(re.sub(r"^(\s*)[%!].*$", r"\1pass", s, flags=re.MULTILINE)))
            for s in sources]


def book_imports(n):
    """(module, name, alias) for each import from ``nmf_ref.book`` in chapter n's code."""
    found = []
    for _, tree in code_cells(n):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nmf_ref.book"):
                found += [(node.module, a.name, a.asname or a.name) for a in node.names]
            elif isinstance(node, ast.Import):
                found += [(a.name, None, a.asname) for a in node.names
                          if a.name.startswith("nmf_ref.book")]
    return found


def door_of(n):
    paths = list(DOORS.glob(f"ch{n}_*.py"))
    assert len(paths) == 1, f"chapter {n} needs one door nmf_ref/book/chapters/ch{n}_<topic>.py"
    (path,) = paths
    return importlib.import_module(f"nmf_ref.book.chapters.{path.stem}")


@pytest.mark.parametrize("n", CHAPTERS)
def test_each_chapter_has_a_door(n):
    door = door_of(n)
    assert (door.__doc__ or "").startswith(f"Book: chapter {n} ("), (
        f"{door.__name__}'s docstring must start 'Book: chapter {n} (Title).'")
    assert door.__all__, f"{door.__name__} exports nothing"


@pytest.mark.parametrize("n", CHAPTERS)
def test_every_name_the_door_exports_exists_and_its_chapter_uses_it(n):
    door = door_of(n)
    aliases = [alias for module, name, alias in book_imports(n)
               if (module, name) == ("nmf_ref.book.chapters", door.__name__.rsplit(".", 1)[1])]
    assert len(aliases) == 1, f"chapter {n} must import {door.__name__} once, found {aliases}"
    code = "\n".join(source for source, _ in code_cells(n))
    for name in door.__all__:
        assert hasattr(door, name), f"{door.__name__}.__all__ names {name!r}, which it lacks"
        assert re.search(rf"\b{aliases[0]}\.{name}\b", code), (
            f"chapter {n} never uses {aliases[0]}.{name}: drop it from {door.__name__}")


@pytest.mark.parametrize("n", CHAPTERS)
def test_chapter_imports_nothing_from_the_book_layer_but_its_door(n):
    door = door_of(n).__name__
    allowed = [a.format(n=n) for a in ALLOWED]
    for module, name, _ in book_imports(n):
        full = f"{module}.{name}" if name else module
        assert (full == door or any(full == a or full.startswith(a + ".") for a in allowed)), (
            f"chapter {n} imports {full}: go through {door} instead")


def test_nothing_in_nmf_ref_imports_a_door():
    for path in (ROOT / "nmf_ref").rglob("*.py"):
        if DOORS in path.parents:
            continue
        package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                module = ".".join(p for p in (base, node.module) if p)
                names = [f"{module}.{a.name}" for a in node.names] + [module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert not any(m.startswith("nmf_ref.book.chapters") for m in names), (
                f"{path.relative_to(ROOT)} imports a chapter door; doors import, "
                "nothing imports a door")
