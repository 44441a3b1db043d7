"""The `book` marker: tests that run notebooks, build the book or open a browser.

They take minutes; `python -m pytest -m "not book" tests` runs the rest (the unit,
property and widget tests) in about a minute while you work. CI runs everything.
"""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.suffix == ".ipynb" or "built_book" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.book)
