"""Checkers of chapter 17 (Faces): check_hoyer, check_energy_pixels, check_swimmer_rank."""

import numpy as np

from ._common import _call, _correct, _require


def _scalar(value):
    """The student's answer as one float, or a hint."""
    _require(np.ndim(value) == 0, f"Return one number, got shape {np.shape(value)}.")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise AssertionError(f"Not yet. Return a number, got {value!r}.") from None


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


def _vectors():
    rng = np.random.RandomState(17)
    return [np.full(5, 0.3), np.eye(7)[2] * 4.0, rng.standard_normal(20),
            rng.uniform(size=50) ** 4, np.array([0.0, 1.0, 2.0, 0.0, 3.0, 0.0])]


def check_hoyer(func):
    """``func(x)``: Hoyer's sparseness of the vector x (any signs), a number in [0, 1]."""
    slips = {
        "no_abs": ("The L1 norm sums |x_i|, not x_i: PCA's components have negative "
                   "entries, which your version lets cancel. Take absolute values.",
                   dict(absolute=False)),
        "n": ("Compare ‖x‖₁/‖x‖₂ with √n, its largest possible value (a flat vector), "
              "not with n.", dict(root=False)),
        "inverted": ("The ratio is ‖x‖₁ / ‖x‖₂ (between 1 and √n), not ‖x‖₂ / ‖x‖₁.",
                     dict(inverted=True)),
    }
    cases = [(x, _scalar(_call(func, x.copy()))) for x in _vectors()]
    wrong = [(x, got) for x, got in cases
             if not np.isclose(got, _hoyer(x), rtol=1e-9, atol=1e-12)]
    if wrong:
        for hint, kwargs in slips.values():
            _require(not all(np.isclose(got, _hoyer(x, **kwargs), rtol=1e-9, atol=1e-12)
                             for x, got in cases), hint)
        x, got = wrong[0]
        _require(False, f"For x = {_show(x, 6)} (n = {x.size}) you returned {got:.6g}, "
                        f"expected {_hoyer(x):.6g}. A flat vector scores 0 and a single "
                        "spike 1.")
    return _correct("s(x) = (√n − ‖x‖₁/‖x‖₂) / (√n − 1): 0 for a flat vector, 1 for a "
                    "single spike, the same for x and −x.")


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
    got = [_scalar(_call(func, x.copy(), share)) for x, share in cases]
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


def check_swimmer_rank(answer):
    """Reasoning: the rank of the 256 × 1024 swimmer matrix (torso kept). Right: 13."""
    hints = {
        17: "17 parts, but their weight columns are not independent: the torso's column "
            "(all ones) is the sum of the four position columns of any one limb.",
        16: "You found one relation; there is one per limb. Each limb's four position "
            "columns add up to the same all-ones column.",
        14: "Count the relations again: each of the four limbs gives one (its four "
            "position columns sum to the torso's all-ones column), and they are independent.",
        12: "That is the rank after centring, what PCA sees. X itself is not centred: "
            "the all-ones column is in its column space.",
        5: "There are five body parts, but a limb in four positions is four different "
           "images.",
        256: "Rank ≤ min(256, 1024), but every image is a sum of only 17 part images.",
    }
    _require(np.ndim(answer) == 0 and not isinstance(answer, (str, bool)),
             f"Answer with one whole number, got {answer!r}.")
    value = float(answer)
    _require(value == int(value), f"A rank is a whole number, got {answer!r}.")
    value = int(value)
    _require(value != 1024, hints[256])
    _require(value == 13, hints.get(value, "Write X = W H with the 17 part images as the "
                                           "rows of H and ask which columns of W are "
                                           "independent."))
    return _correct("X = WH with 17 parts on disjoint pixels, so rank X = rank W = "
                    "17 − 4: each limb's position columns sum to the torso's all-ones "
                    "column. PCA reproduces X exactly with 12 components plus the mean, "
                    "and none of them is a limb.")
