"""Checkers of chapter 20 (Genomics): check_top_genes, check_rescale, check_worse_than_chance."""

import numpy as np

from ._common import _as_array, _call, _correct, _require


def check_top_genes(func):
    """``func(H, j, n)``: indices of the n genes with the largest weight in metagene j
    (row j of H, metagenes × genes), largest first, ties broken by the lower index."""
    rng = np.random.RandomState(20)
    H = rng.permutation(60).reshape(3, 20).astype(float)
    H[1, [3, 11, 17]] = H[1].max() + 5  # a three-way tie at the top of metagene 1
    H[2, [4, 9]] = 100.0  # and a tie at the top of metagene 2
    for j, n in ((0, 5), (1, 4), (2, 3), (1, 1)):
        got = _as_array(_call(func, H.copy(), j, n), "Your indices")
        _require(got.shape == (n,), f"Return {n} indices, got shape {got.shape}.")
        want = np.argsort(-H[j], kind="stable")[:n]
        _require(not np.array_equal(got, np.argsort(H[j], kind="stable")[:n]),
                 "Those are the genes with the smallest weights: sort in decreasing order.")
        _require(n == 1 or not np.array_equal(np.sort(got), np.sort(want))
                 or not np.array_equal(got, want[::-1]),
                 "The right genes, but the largest should come first.")
        _require(not (n > 1 and np.array_equal(got, np.argsort(H[:, j])[::-1][:n])),
                 "Metagene j is row j of H (one row per metagene, one column per gene).")
        _require(not np.array_equal(got, np.argsort(H[j], kind="stable")[::-1][:n])
                 or np.array_equal(got, want),
                 f"Metagene {j} has genes of equal weight, and yours come highest index "
                 "first: reversing an ascending sort reverses the ties too. Sort the "
                 "negated row (stably) so that ties keep the lower index first.")
        _require(np.array_equal(got, want), f"For metagene {j} and n={n}, expected the "
                                            "column indices of the n largest entries of "
                                            "H[j], ties by the lower index.")
    return _correct("a metagene's top genes are read off its row of H, largest first and "
                    "ties in index order; scaling the row does not change them.")


def check_rescale(func):
    """``func(W, H)``: (W', H') with W' H' = W H and each row of H' having maximum 1;
    a row of H that is all zero (a metagene that died) stays as it is."""
    rng = np.random.RandomState(4)
    W, H = rng.uniform(size=(6, 3)), 5 * rng.uniform(size=(3, 8))
    H[2] = 0.0  # a dead metagene: nothing to scale
    got = _call(func, W.copy(), H.copy())
    _require(isinstance(got, (tuple, list)) and len(got) == 2,
             f"Return the pair (W', H'), got {type(got).__name__}"
             f"{'' if not hasattr(got, '__len__') else f' of length {len(got)}'}.")
    W2, H2 = (_as_array(a, name) for a, name in zip(got, ("W'", "H'")))
    _require(W2.shape == W.shape and H2.shape == H.shape,
             f"Keep the shapes: W' {W.shape}, H' {H.shape}.")
    _require(np.isfinite(W2).all() and np.isfinite(H2).all(),
             "Row 2 of H is all zero, its maximum is 0, and you divided by it (NaN or inf). "
             "Leave such a row, and its column of W, as they are.")
    live = H.max(axis=1) > 0
    _require(np.allclose(H2[live].max(axis=1), 1.0),
             "Each row of H' (one metagene) should have maximum 1.")
    _require(np.allclose(H2[~live], 0.0),
             "Row 2 of H is all zero and should stay zero: there is no scale to remove.")
    _require(not np.allclose(W2, W), "You rescaled H only: the product W'H' changed. "
                                     "Multiply W's columns by what you divided H's rows by.")
    _require(np.allclose(W2 @ H2, W @ H), "W'H' must equal WH: scale column k of W up by "
                                          "the factor row k of H was scaled down.")
    return _correct("NMF fixes W and H only up to a positive scale per component, so "
                    "compare metagenes after a normalization like this one.")


def _diagnoses():
    from .. import datasets

    return datasets.load("golub").labels


def _purity(truth, labels):
    """The share of samples in the majority class of their cluster."""
    return sum(np.unique(truth[labels == c], return_counts=True)[1].max()
               for c in np.unique(labels)) / len(truth)


def check_worse_than_chance(labels):
    """A counterexample: cluster labels for Golub's 38 samples, in two clusters, whose
    adjusted Rand index against ALL/AML is negative (worse than chance)."""
    from sklearn.metrics import adjusted_rand_score

    truth = _diagnoses()
    _require(labels is not None and not isinstance(labels, (str, bytes)) and np.ndim(labels) == 1,
             f"Give one cluster label per sample, a list or 1-D array of {len(truth)} "
             f"labels; got {labels!r}.")
    labels = np.asarray(labels)
    _require(len(labels) == len(truth), f"Give one label per sample: {len(truth)} labels, "
                                        f"got {len(labels)}.")
    _require(len(np.unique(labels)) == 2,
             f"Use exactly two clusters (you used {len(np.unique(labels))}): one cluster is "
             "the lazy answer, whose index is exactly 0, chance; go below it.")
    ari = adjusted_rand_score(truth, labels)
    _require(ari < -1e-9,
             f"Your clusters' adjusted Rand index is {ari:.3f}, not below 0: they still "
             "carry information about the diagnosis (or, at 0, exactly as much as chance). "
             "Make each cluster's mix of ALL and AML like the whole's (27 to 11), or less "
             "like it than chance would.")
    return _correct(f"adjusted Rand {ari:.3f} < 0, worse than chance, while the purity of "
                    f"these clusters is {_purity(truth, labels):.3f}, at least 27/38 as for "
                    "any two clusters: purity cannot tell this from a good clustering, the "
                    "adjusted index can.")
