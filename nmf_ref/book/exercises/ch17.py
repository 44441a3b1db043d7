"""Checkers of chapter 17 (Faces): check_hoyer_columns, check_energy_pixels,
check_swimmer_rank."""

import itertools

import numpy as np

from ._common import _as_array, _call, _correct, _number, _require


def _show(x, k):
    return f"{np.round(x[:k], 3).tolist()}{'...' if x.size > k else ''}"


def _hoyer(x, root=True, absolute=True, inverted=False):
    """Hoyer's sparseness and the usual slips (for the hints)."""
    x = np.asarray(x, dtype=float).ravel()
    n = x.size
    l1 = (np.abs(x) if absolute else x).sum()
    l2 = np.sqrt((x * x).sum())
    ratio = l2 / l1 if inverted else l1 / l2
    top = np.sqrt(n) if root else n
    return (top - ratio) / (top - 1)


def _matrices():
    """Matrices whose columns test the slips, the last ones with an all-zero column."""
    rng = np.random.RandomState(17)
    signed = rng.standard_normal((20, 4))  # PCA-like: entries of both signs
    spiky = np.column_stack([np.full(7, 0.3), np.eye(7)[2] * 4.0, rng.uniform(size=7) ** 4])
    switched_off = rng.uniform(size=(12, 5)) ** 3
    switched_off[:, 2] = 0.0  # a part the penalty switched off
    return [signed, spiky, switched_off, np.column_stack([np.zeros(6), np.arange(6.0)])]


def _hoyer_columns(W, **slip):
    """The reference: Hoyer's sparseness of each column, NaN for an all-zero column."""
    return np.array([np.nan if not np.any(w) else _hoyer(w, **slip) for w in np.asarray(W).T])


def check_hoyer_columns(func):
    """``func(W)``: Hoyer's sparseness of each column of W (any signs), one number per
    column, ``NaN`` for a column that is all zero (a switched-off part)."""
    slips = {
        "no_abs": ("The L1 norm sums |x_i|, not x_i: a column with negative entries "
                   "(PCA's W has them) lets them cancel in your version. Take absolute "
                   "values.", dict(absolute=False)),
        "n": ("Compare ‖x‖₁/‖x‖₂ with √n, its largest possible value (a flat vector), "
              "not with n.", dict(root=False)),
        "inverted": ("The ratio is ‖x‖₁ / ‖x‖₂ (between 1 and √n), not ‖x‖₂ / ‖x‖₁.",
                     dict(inverted=True)),
    }
    cases = []
    for W in _matrices():
        try:
            got = func(W.copy())
        except Exception as exc:
            _require(callable(func), f"Pass a function, not {type(func).__name__}.")
            for k in range(W.shape[1]):
                _require(np.any(W[:, k]),
                         f"Your function raised {type(exc).__name__} on a W whose column {k} "
                         "is all zero: a part switched off by the penalty has no sparseness, "
                         "so return NaN for it instead.")
            raise AssertionError(f"Not yet. Your function raised {type(exc).__name__}: {exc} "
                                 f"(when called with W of shape {W.shape}).") from exc
        got = _as_array(got, "your sparseness values")
        _require(got.shape == (W.shape[1],),
                 f"Return one number per column of W: shape ({W.shape[1]},) for W of shape "
                 f"{W.shape}, got {got.shape}. (Rows of W are images; columns are parts.)")
        cases.append((W, got))
    for W, got in cases:
        zero = ~np.any(W, axis=0)
        for k in np.flatnonzero(zero):
            _require(np.isnan(got[k]),
                     f"Column {k} is all zero and you returned {got[k]:.6g}: a switched-off "
                     "part has no sparseness (0/0), neither 0 nor 1. Return NaN, so that a "
                     "mean with np.nanmean leaves it out.")
        _require(not np.any(np.isnan(got[~zero])),
                 "NaN for a column that is not all zero: only 0/0 is undefined.")
    wrong = [(W, got) for W, got in cases
             if not np.allclose(got, _hoyer_columns(W), rtol=1e-9, atol=1e-12, equal_nan=True)]
    if wrong:
        for hint, kwargs in slips.values():
            _require(not all(np.allclose(got, _hoyer_columns(W, **kwargs), rtol=1e-9,
                                         atol=1e-12, equal_nan=True) for W, got in cases), hint)
        W, got = wrong[0]
        k = int(np.flatnonzero(~np.isclose(got, _hoyer_columns(W), rtol=1e-9, atol=1e-12,
                                           equal_nan=True))[0])
        _require(False, f"For column {k} of a W of shape {W.shape}, x = {_show(W[:, k], 6)}, "
                        f"you returned {got[k]:.6g}, expected {_hoyer(W[:, k]):.6g}. Each "
                        "column is one vector of n = W.shape[0] entries; a flat one scores 0, "
                        "a single spike 1.")
    return _correct("s(x) = (√n − ‖x‖₁/‖x‖₂) / (√n − 1) for each column, n the number of rows; "
                    "an all-zero column has no sparseness, and NaN keeps it out of a mean.")


def _energy_fraction(x, share, power=2, descending=True, strict=False, count=False):
    """Fraction of entries in the smallest set holding ``share`` of Σ|x|^power."""
    e = np.sort(np.abs(np.asarray(x, dtype=float).ravel()) ** power)
    if descending:
        e = e[::-1]
    c = np.cumsum(e) / e.sum()
    eps = 1e-12
    k = int((c <= share + eps).sum()) + 1 if strict else int((c < share - eps).sum()) + 1
    k = min(k, e.size)
    return float(k) if count else k / e.size


def check_energy_pixels(func):
    """``func(x, share)``: the smallest fraction of the entries of x that together hold
    at least ``share`` of its energy Σ x_i² (a number in (0, 1])."""
    rng = np.random.RandomState(170)
    cases = [(np.array([3.0, 4.0, 0.0, 0.0]), 0.5), (np.ones(4), 0.5),
             (np.array([1.0, -2.0, 0.5, 3.0, -0.1, 0.0, 1.5, -1.0]), 0.9),
             (rng.standard_normal(60), 0.9), (rng.uniform(size=80) ** 3, 0.75)]
    slips = {
        "l1": ("Energy is the sum of squares: sort x² (not |x|) and accumulate that.",
               dict(power=1)),
        "ascending": ("Take the largest entries first: the smallest set holding the share "
                      "starts from the top.", dict(descending=False)),
        "strict": ("Stop as soon as the running share reaches the target (≥): a set "
                   "holding exactly the share is enough.", dict(strict=True)),
        "count": ("Return a fraction of the entries (between 0 and 1), not their number.",
                  dict(count=True)),
    }
    got = [_number(_call(func, x.copy(), share), "The fraction of pixels") for x, share in cases]
    wrong = [(x, share, g) for (x, share), g in zip(cases, got)
             if not np.isclose(g, _energy_fraction(x, share), rtol=1e-9)]
    if wrong:
        for hint, kwargs in slips.values():
            _require(not all(np.isclose(g, _energy_fraction(x, share, **kwargs), rtol=1e-9)
                             for (x, share), g in zip(cases, got)), hint)
        x, share, g = wrong[0]
        _require(False, f"For x = {_show(x, 8)} and share = {share} you returned {g:.6g}, "
                        f"expected {_energy_fraction(x, share):.6g}.")
    return _correct("sort the squares from the largest, accumulate, and count the entries "
                    "needed to reach the share: a local part needs few.")


def _swimmer_like(n_limbs, n_positions):
    """The weights W of a swimmer with a torso and ``n_limbs`` limbs in ``n_positions``
    positions each, one image per combination: rank X = rank W (parts on disjoint pixels)."""
    combos = np.array(list(itertools.product(range(n_positions), repeat=n_limbs)))
    limbs = (combos[:, :, None] == np.arange(n_positions)).reshape(len(combos), -1)
    return np.column_stack([np.ones(len(combos)), limbs.astype(float)])


SWIMMER_SHAPES = ((4, 4), (3, 5), (2, 3), (5, 2), (1, 4), (2, 6))


def check_swimmer_rank(func):
    """``func(n_limbs, n_positions)``: the rank of a swimmer with a torso and n_limbs limbs
    in n_positions positions each (every combination once, parts on disjoint pixels)."""
    hints = {
        "parts": ("One per part (torso + limbs × positions), but their weight columns are "
                  "not independent: the torso's column (all ones) is the sum of the position "
                  "columns of any one limb.", lambda L, P: 1 + L * P),
        "one": ("You found one relation; there is one per limb. Each limb's position "
                "columns add up to the same all-ones column.", lambda L, P: L * P),
        "centred": ("That is the rank after centring, what PCA sees. X itself is not "
                    "centred: the all-ones column is in its column space.",
                    lambda L, P: L * (P - 1)),
        "relations": ("Count the relations again: each limb gives one (its position columns "
                      "sum to the torso's all-ones column), and they are independent.",
                      lambda L, P: 1 + L * P - (L - 1)),
        "body": ("There are n_limbs + 1 body parts, but a limb in n_positions positions is "
                 "n_positions different images.", lambda L, P: L + 1),
        "images": ("Rank ≤ the number of images, but every image is a sum of only "
                   "1 + n_limbs × n_positions part images.", lambda L, P: P**L),
    }
    got = {}
    for L, P in SWIMMER_SHAPES:
        got[L, P] = _number(_call(func, L, P), f"A rank (for {L}, {P})", whole=True)
    want = {shape: int(np.linalg.matrix_rank(_swimmer_like(*shape))) for shape in got}
    if got != want:
        for hint, formula in hints.values():
            _require(any(got[s] != formula(*s) for s in got), hint)
        (L, P), value = next((s, v) for s, v in got.items() if v != want[s])
        _require(False, f"For {L} limbs in {P} positions you returned {value}. Write X = W H "
                        "with the part images as the rows of H and ask which columns of W are "
                        "independent.")
    return _correct("rank X = rank W = 1 + n_limbs (n_positions − 1): one relation per limb "
                    "(its position columns sum to the torso's all-ones column); 13 for the "
                    "swimmer, where PCA needs 12 components plus the mean and NMF 16 parts.")
