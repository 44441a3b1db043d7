"""A generated ratings matrix: users × items, a few percent rated, 1-5 stars.

Book: chapter 15. Source: generated here (no download, no licence needed), with a
fixed seed. The model follows what real rating data look like:

* **what gets rated** is far from uniform: item popularity follows a power law
  (a few blockbusters, a long tail), and so does user activity; an entry (u, i)
  is observed with probability proportional to activity(u) × popularity(i),
  until ``density`` · m · n ratings are drawn (without replacement). Every user
  and every item gets at least two ratings;
* **the ratings** come from a non-negative low-rank model, tastes W ≥ 0 times
  item profiles H ≥ 0 mapped to a mean of 3.5 stars and a spread of one star
  (an offset plus a scale, still a non-negative model), plus Gaussian noise,
  rounded to whole stars and clipped to 1-5.

NumPy only.
"""

import numpy as np

from ..._checks import check_random_state, check_rank
from .registry import GENERATED, register


def _power_law(size, exponent, rng):
    """Weights ∝ (k + 1)^(−exponent) for k = 0..size−1, in a random order."""
    weights = (np.arange(1, size + 1) ** -float(exponent))
    return rng.permutation(weights / weights.sum())


@register("ratings", source="generated here by nmf_ref.book.datasets.ratings.ratings (a "
                            "non-negative taste model, power-law popularity)",
          licence=GENERATED)
def ratings(m=600, n=400, rank=3, density=0.05, noise=0.5, exponent=1.0, random_state=0):
    """Users × items ratings, observed with a power-law popularity (module docstring).

    Parameters
    ----------
    m, n : int
        Users (rows) and items (columns).
    rank : int
        Rank of the non-negative taste model.
    density : float in (0, 1)
        Share of the m·n entries that are rated.
    noise : float ≥ 0
        Standard deviation of the rating noise, in stars, before rounding.
    exponent : float ≥ 0
        Power-law exponent of popularity and activity (0: uniform; 1: Zipf).
    random_state : None, int or np.random.RandomState

    Returns
    -------
    Dataset
        ``X`` holds the ratings where ``observed`` is True and NaN elsewhere;
        ``complete`` is every user's rating of every item (what a perfect
        recommender would know), ``rank`` the rank of the model that made them,
        ``density`` the share of entries observed.
    """
    for name, v in (("m", m), ("n", n)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 3:
            raise ValueError(f"{name} must be an integer of at least 3, got {v!r}.")
    rank = check_rank(rank)
    if not 0 < density < 1:
        raise ValueError(f"density must lie strictly between 0 and 1, got {density!r}.")
    if 2 * max(m, n) > density * m * n:
        raise ValueError(f"density={density!r} gives fewer ratings than two per user and item; "
                         "raise it or enlarge the matrix.")
    if noise < 0 or exponent < 0:
        raise ValueError("noise and exponent must be non-negative.")
    rng = check_random_state(random_state)
    tastes = rng.gamma(1.0, 1.0, (m, rank))
    profiles = rng.gamma(1.0, 1.0, (rank, n))
    scores = tastes @ profiles
    # a mean of 3.5 stars and a spread of one star; the offset keeps the model non-negative
    scores = 3.5 + (scores - scores.mean()) / scores.std()
    complete = np.clip(np.rint(scores + noise * rng.standard_normal((m, n))), 1, 5)

    activity, popularity = _power_law(m, exponent, rng), _power_law(n, exponent, rng)
    p = np.outer(activity, popularity).ravel()
    chosen = rng.choice(m * n, size=int(round(density * m * n)), replace=False, p=p)
    observed = np.zeros(m * n, dtype=bool)
    observed[chosen] = True
    observed = observed.reshape(m, n)
    for axis, size in ((1, m), (0, n)):  # at least two ratings per user and per item
        for k in np.flatnonzero(observed.sum(axis=axis) < 2):
            others = observed.shape[axis]
            picks = rng.choice(others, size=2, replace=False)
            if axis == 1:
                observed[k, picks] = True
            else:
                observed[picks, k] = True
    X = np.where(observed, complete, np.nan)
    return {"X": X, "observed": observed, "complete": complete, "rank": rank,
            "density": float(observed.mean())}


def split(observed, test_share=0.2, random_state=0):
    """Hold out ``test_share`` of the observed entries: ``(train, test)`` boolean masks.

    Every user and every item keeps at least one training rating (a held-out
    entry that would leave its row or column empty goes back to training).
    """
    observed = np.asarray(observed, dtype=bool)
    if not 0 < test_share < 1:
        raise ValueError(f"test_share must lie strictly between 0 and 1, got {test_share!r}.")
    rng = check_random_state(random_state)
    rows, cols = np.nonzero(observed)
    test = np.zeros_like(observed)
    pick = rng.permutation(len(rows))[: int(round(test_share * len(rows)))]
    test[rows[pick], cols[pick]] = True
    train = observed & ~test
    for axis in (1, 0):
        empty = np.flatnonzero(~train.any(axis=axis))
        for k in empty:  # give back one held-out rating of that user (or item)
            line = test[k] if axis == 1 else test[:, k]
            j = np.flatnonzero(line)[0]
            idx = (k, j) if axis == 1 else (j, k)
            test[idx], train[idx] = False, True
    return train, test
