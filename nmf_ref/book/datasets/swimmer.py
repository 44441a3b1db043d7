"""The swimmer: 256 stick-figure images built from 17 known parts (a generator).

Book: chapter 17 (Faces). Donoho and Stodden (2003) built this data set to ask
when NMF finds the "right" parts. Every 32×32 binary image holds a **torso**
(a vertical bar, the same in every image) and **four limbs** (left arm, right
arm, left leg, right leg), each a short line segment in one of **four
positions**; the 4⁴ = 256 images are every combination. The 16 limb images
(4 limbs × 4 positions) cover pairwise disjoint sets of pixels, none of them on
the torso, so every pixel belongs to exactly one part. Our drawing is our own
(segments rasterized at fixed angles around the shoulders and hips); the
construction (17 parts, complete factorial sampling) is theirs. NumPy only,
no randomness: the same call gives the same array. Source: generated here after
Donoho and Stodden; no licence needed.
"""

import itertools

import numpy as np

from .registry import GENERATED, register

IMAGE_SHAPE = (32, 32)
LIMB_NAMES = ("left arm", "right arm", "left leg", "right leg")
N_POSITIONS = 4

_TORSO_ROWS = (9, 21)  # rows 9..20 of columns 15 and 16
_TORSO_COLS = (15, 17)
# each left limb: its joint (row, column) and its four angles in degrees
# (0 = pointing right, 90 = up); the right limbs are their mirror images
_LEFT_ARM = ((9, 15), (100.0, 145.0, 190.0, 235.0))
_LEFT_LEG = ((20, 15), (185.0, 215.0, 240.0, 265.0))
_SEGMENT = (2.0, 9.0)  # a limb runs from 2 to 9 pixels away from its joint


def torso():
    """The torso: a 32×32 binary image (float), flattened to 1024 pixels."""
    image = np.zeros(IMAGE_SHAPE)
    image[slice(*_TORSO_ROWS), slice(*_TORSO_COLS)] = 1.0
    return image.ravel()


def _segment(joint, angle):
    image = np.zeros(IMAGE_SHAPE)
    theta = np.deg2rad(angle)
    radii = np.linspace(*_SEGMENT, 200)
    rows = np.rint(joint[0] - radii * np.sin(theta)).astype(int)
    cols = np.rint(joint[1] + radii * np.cos(theta)).astype(int)
    image[rows, cols] = 1.0
    return image


def limbs():
    """The 16 limb images, one per row (16 × 1024, binary floats).

    Row ``4 * l + p`` is limb ``l`` (in the order of ``LIMB_NAMES``) in position
    ``p`` (0..3).
    """
    left_arm = [_segment(_LEFT_ARM[0], a) for a in _LEFT_ARM[1]]
    left_leg = [_segment(_LEFT_LEG[0], a) for a in _LEFT_LEG[1]]
    groups = (left_arm, [im[:, ::-1] for im in left_arm],  # mirror: columns reversed
              left_leg, [im[:, ::-1] for im in left_leg])
    return np.array([im.ravel() for group in groups for im in group])


@register("swimmer",
          source="generated here by nmf_ref.book.datasets.swimmer (our drawing of D. Donoho "
                 "and V. Stodden's swimmer, NIPS 2003: 17 parts, every combination)",
          licence=GENERATED)
def load():
    """The 256 swimmer images, one per row: X (256 × 1024), binary floats.

    Image ``i`` = torso + the four limbs in positions ``positions[i]``: row ``i``
    writes ``i`` in base 4 with the left arm's position as the leading digit, so
    ``positions`` runs through every combination in order (0, 0, 0, 0),
    (0, 0, 0, 1), ..., (3, 3, 3, 3).

    Returns
    -------
    Dataset
        ``X`` (256, 1024), entries 0 or 1; ``positions``, an int array (256, 4):
        the position (0..3) of each limb, in the order of ``LIMB_NAMES``; the true
        parts ``limbs`` (16 × 1024, see :func:`limbs`) and ``torso`` (1024,);
        ``image_shape`` (32, 32) to reshape a row.
    """
    parts = limbs()
    positions = np.array(list(itertools.product(range(N_POSITIONS), repeat=len(LIMB_NAMES))))
    rows = positions + N_POSITIONS * np.arange(len(LIMB_NAMES))  # row of each limb image
    X = torso() + parts[rows].sum(axis=1)
    return {"X": X, "positions": positions, "limbs": parts, "torso": torso(),
            "image_shape": IMAGE_SHAPE}
