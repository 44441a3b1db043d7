"""The `book` marker, and the log of every notebook cell that a kernel runs.

Tests marked `book` run notebooks, build the book or open a browser. They take
minutes; `python -m pytest -m "not book" tests` runs the rest (the unit, property
and widget tests) in about a minute while you work. CI runs everything.

Every kernel started during a test run (nbval's, the book build's, nbgrader's,
JupyterLab's) inherits an IPython directory whose startup file appends a hash of
each cell it runs to a log. `tests/book/test_executions.py`, which runs last, reads it
to check that no chapter is executed more than twice per run.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CELL_LOG = "NMF_BOOK_CELL_LOG"  # environment variable: the path of the log

LOG_CELLS = '''\
# Appends a hash of every cell this kernel runs to $NMF_BOOK_CELL_LOG (tests only).
def _nmf_book_log_cell(info, _path=__import__("os").environ.get("NMF_BOOK_CELL_LOG")):
    import hashlib

    if _path and info.raw_cell.strip():
        with open(_path, "a") as log:
            log.write(hashlib.sha256(info.raw_cell.encode()).hexdigest() + "\\n")


get_ipython().events.register("pre_run_cell", _nmf_book_log_cell)
del _nmf_book_log_cell
'''


def pytest_configure(config):
    folder = Path(tempfile.mkdtemp(prefix="nmf-book-cells-"))
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    startup = folder / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-log-cells.py").write_text(LOG_CELLS)
    os.environ["IPYTHONDIR"] = str(folder / "ipython")
    os.environ[CELL_LOG] = str(folder / "cells.log")
    (folder / "cells.log").touch()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.suffix == ".ipynb" or "built_book" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.book)
    # The notebooks nbval runs in this session, for the execution count; which runs last.
    config.nmf_notebooks = {item.path for item in items if item.path.suffix == ".ipynb"}
    last = [item for item in items if item.path.name == "test_executions.py"]
    items[:] = [item for item in items if item not in last] + last
