"""The first cell of every chapter: what a chapter needs when it runs on Binder or Colab.

The published book offers launch buttons (``_config.yml``). Binder installs the
repository's ``requirements.txt``; Colab has none of it. So each chapter starts
with :data:`SETUP_CELL`, which installs ``nmf-ref[book]`` (the library and all that
the book layer uses) wherever ``nmf_ref`` is missing, and does nothing where it is
installed: locally, on Binder and in CI. The cell carries the ``remove-cell`` tag,
so the rendered page does not show it. ``tests/test_notebooks_clean.py`` checks
that every chapter starts with it; :func:`add_setup_cell` puts it there.
"""

import nbformat

SETUP_CELL = '''\
# On Colab (or wherever nmf_ref is missing) install it, with what the book needs.
# Locally, on Binder and in CI nmf_ref is installed, and this cell does nothing.
import importlib.util

if importlib.util.find_spec("nmf_ref") is None:
    %pip install --quiet "nmf-ref[book]"'''


def has_setup_cell(nb):
    """True when the notebook's first cell is :data:`SETUP_CELL`, hidden from the page."""
    first = nb.cells[0] if nb.cells else None
    return bool(first and first.cell_type == "code" and first.source == SETUP_CELL
                and "remove-cell" in first.metadata.get("tags", []))


def add_setup_cell(path):
    """Put :data:`SETUP_CELL` first in the notebook at ``path`` (once); True if it changed."""
    nb = nbformat.read(path, as_version=4)
    if has_setup_cell(nb):
        return False
    cell = nbformat.v4.new_code_cell(SETUP_CELL, metadata={"tags": ["remove-cell"]})
    cell.id = "setup"
    nb.cells.insert(0, cell)
    nbformat.write(nb, path)
    return True
