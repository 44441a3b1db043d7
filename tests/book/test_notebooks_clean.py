"""Committed notebooks carry no outputs: the build and nbval produce them.

Outputs in git bloat diffs, go stale when nmf_ref changes, and would hide a
notebook that no longer runs. Strip them with `nbstripout book/*.ipynb`.
"""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(
    p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)
ids = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]


def test_book_has_notebooks():
    assert NOTEBOOKS, "no .ipynb found under book/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} have outputs or execution counts; "
        f"run `nbstripout {path.relative_to(ROOT)}`"
    )


def test_nbstripout_verify():
    # nbstripout also checks metadata it would strip (widget state, execution
    # times). --keep-id: renumbering cell ids is cosmetic, not worth a failure.
    # One process for all notebooks: it prints the name of each one it would change.
    cmd = [sys.executable, "-m", "nbstripout", "--verify", "--keep-id", *map(str, NOTEBOOKS)]
    res = subprocess.run(cmd, capture_output=True, text=True)
    assert res.returncode == 0, f"`nbstripout --verify` failed: {res.stdout}{res.stderr}"


CHAPTERS = [p for p in NOTEBOOKS if p.name[:2].isdigit()]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_starts_with_the_hidden_colab_setup_cell(path):
    from nmf_ref.book.launch import has_setup_cell

    assert has_setup_cell(nbformat.read(path, as_version=4)), (
        f"{path.name}: run nmf_ref.book.launch.add_setup_cell on it")
