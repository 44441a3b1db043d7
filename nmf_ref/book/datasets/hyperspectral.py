"""A synthetic hyperspectral image: generated spectra mixed by smooth abundance maps.

Book: chapter 22 (separable NMF). No package installed here ships real reflectance
spectra, so the spectra are **generated**: each is a smooth curve over 400–2500 nm
made of a few broad Gaussian bumps on a sloping baseline, which is how reflectance
spectra look, not what any real material measures. Each pixel mixes them with
weights (abundances) that sum to 1 (the linear mixing model), and every material has
a few *pure pixels*, where it covers the whole pixel. NumPy only, seeded.
Source: generated here; no licence needed.
"""

import numpy as np

from ..._checks import check_random_state, check_rank
from .registry import GENERATED, register


def spectra(n_bands=120, n_materials=4, random_state=None):
    """Generated reflectance-like spectra: (wavelengths in nm, array n_bands × n_materials).

    Each column is a baseline rising or falling across the range plus 2 to 4 Gaussian
    bumps (widths 80–300 nm), scaled to lie in [0.05, 1].
    """
    n_materials = check_rank(n_materials)
    rng = check_random_state(random_state)
    wl = np.linspace(400.0, 2500.0, n_bands)
    t = (wl - wl[0]) / (wl[-1] - wl[0])
    S = np.empty((n_bands, n_materials))
    for k in range(n_materials):
        curve = rng.uniform(0.1, 0.4) + rng.uniform(-0.3, 0.3) * t
        for _ in range(rng.randint(2, 5)):
            centre, width = rng.uniform(400, 2500), rng.uniform(80, 300)
            curve += rng.uniform(-0.25, 0.6) * np.exp(-0.5 * ((wl - centre) / width) ** 2)
        curve -= curve.min()
        S[:, k] = 0.05 + 0.95 * curve / curve.max()
    return wl, S


def _smooth_fields(shape, n, width, rng):
    """n random fields on a grid, smoothed by a Gaussian of ``width`` pixels (separable
    convolution with wrap-around), each standardized."""
    size = int(3 * width)
    kernel = np.exp(-0.5 * (np.arange(-size, size + 1) / width) ** 2)
    kernel /= kernel.sum()
    fields = rng.standard_normal((n, *shape))
    for axis in (1, 2):
        fields = sum(w * np.roll(fields, s, axis=axis) for s, w in zip(range(-size, size + 1),
                                                                        kernel))
    fields -= fields.mean(axis=(1, 2), keepdims=True)
    return fields / fields.std(axis=(1, 2), keepdims=True)


@register("hyperspectral",
          source="generated here by nmf_ref.book.datasets.hyperspectral.image (generated "
                 "spectra mixed by smooth abundance maps; not real measurements)",
          licence=GENERATED)
def image(shape=(40, 40), n_bands=120, n_materials=4, noise=0.0, sharpness=2.5,
          random_state=None):
    """A hyperspectral image X = W H (+ noise): bands × pixels, with pure pixels.

    Parameters
    ----------
    shape : (int, int)
        The image's rows and columns; pixels are numbered row by row.
    n_bands, n_materials : int
    noise : float
        Standard deviation of Gaussian noise added to WH, clipped at 0.
    sharpness : float
        How peaked the abundances are (a softmax of smooth random fields times this).
    random_state : None, int or np.random.RandomState

    Returns
    -------
    Dataset
        ``X`` (n_bands, n_pixels); ``W`` (n_bands, n_materials), the spectra (see
        :func:`spectra`); ``H`` (n_materials, n_pixels), abundances, each column
        summing to 1; ``wavelengths`` (n_bands,), in nm; ``pure``, an int array
        (n_materials,), for each material one pixel where it is alone; ``image_shape``.
    """
    rng = check_random_state(random_state)
    wl, W = spectra(n_bands, n_materials, rng)
    fields = _smooth_fields(shape, n_materials, width=4.0, rng=rng) * sharpness
    A = np.exp(fields - fields.max(axis=0))
    H = (A / A.sum(axis=0)).reshape(n_materials, -1)
    pure = np.empty(n_materials, dtype=int)
    for k in range(n_materials):
        order = np.argsort(H[k])[::-1]
        p = next(j for j in order if j not in pure[:k])
        H[:, p] = 0.0
        H[k, p] = 1.0  # the pixel where material k is strongest becomes pure
        pure[k] = p
    X = W @ H
    if noise:
        X = np.maximum(X + noise * rng.standard_normal(X.shape), 0.0)
    return {"X": X, "W": W, "H": H, "wavelengths": wl, "pure": pure,
            "image_shape": tuple(shape)}
