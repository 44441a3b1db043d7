"""No chapter is executed more than twice in one run of the test command: once under
nbval and once by the book build, whose execution cache the course edition, the
browser checks and the classroom tests share (issue: CI's 90-minute limit).

How runs are counted: every kernel of the test run logs a hash of each cell it
runs (the root conftest.py sets that up). A chapter ran as many times as the most
often run of its code cells that no other notebook has. Runs last (conftest.py).
"""

import hashlib
import os
from collections import Counter
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
MOST_RUNS = 2


def cell_hash(source):
    return hashlib.sha256(source.encode()).hexdigest()


def chapter_runs(logged, notebooks, others=()):
    """How often each notebook ran: ``{path: runs}``, from ``logged`` (the hashes of the
    cells run, one per run) and ``notebooks`` (``{path: [code cell sources]}``).
    ``others`` (lists of code cell sources) are notebooks not counted, whose cells are
    no evidence of a chapter's run."""
    own = {path: Counter(cell_hash(s) for s in sources if s.strip())
           for path, sources in notebooks.items()}
    everywhere = Counter(h for counts in own.values() for h in counts)
    everywhere.update(cell_hash(s) for sources in others for s in set(sources) if s.strip())
    ran = Counter(logged)
    return {path: max((ran[h] // n for h, n in counts.items() if everywhere[h] == n), default=0)
            for path, counts in own.items()}


def code_cells(folder):
    return {path: [c.source for c in nbformat.read(path, as_version=4).cells
                   if c.cell_type == "code"]
            for path in sorted(folder.rglob("*.ipynb"))}


def test_runs_are_counted_by_the_cells_no_other_notebook_has():
    notebooks = {"a": ["import numpy", "x = 1", "print(x)"], "b": ["import numpy", "y = 2"]}
    h = {s: cell_hash(s) for s in ["import numpy", "x = 1", "print(x)", "y = 2"]}
    logged = [h["import numpy"]] * 5 + [h["x = 1"]] * 3 + [h["print(x)"]] * 2 + [h["y = 2"]]
    assert chapter_runs(logged, notebooks) == {"a": 3, "b": 1}  # the shared import is no run
    assert chapter_runs([], notebooks) == {"a": 0, "b": 0}
    # a test notebook that reuses x = 1 leaves print(x) as a's evidence
    assert chapter_runs(logged, notebooks, others=[["x = 1"]]) == {"a": 2, "b": 1}


def test_no_chapter_runs_more_than_twice(request):
    log = Path(os.environ["NMF_BOOK_CELL_LOG"])
    runs = chapter_runs(log.read_text().split(), code_cells(ROOT / "book"),
                        others=code_cells(ROOT / "tests").values())
    too_often = {p.name: n for p, n in runs.items() if n > MOST_RUNS}
    assert not too_often, f"chapters executed more than {MOST_RUNS} times in this run: {too_often}"
    # The log is live: every chapter nbval ran in this session was counted (nbval also
    # runs the test notebooks under tests/, which are not chapters).
    missed = [p.name for p in request.config.nmf_notebooks if p in runs and runs[p] == 0]
    assert not missed, f"nbval ran these chapters but the cell log did not see them: {missed}"
