"""Checkers of chapter 20 (Genomics): check_top_genes, check_rescale, check_ari_one_cluster."""

import numpy as np

from ._common import _as_array, _call, _correct, _require


def check_top_genes(func):
    """``func(H, j, n)``: indices of the n genes with the largest weight in metagene j
    (row j of H, metagenes × genes), largest first."""
    rng = np.random.RandomState(20)
    H = rng.permutation(60).reshape(3, 20).astype(float)  # no ties
    for j, n in ((0, 5), (2, 3), (1, 1)):
        got = np.asarray(_call(func, H.copy(), j, n))
        want = np.argsort(H[j])[::-1][:n]
        _require(got.shape == (n,), f"Return {n} indices, got shape {got.shape}.")
        _require(not np.array_equal(got, np.argsort(H[j])[:n]),
                 "Those are the genes with the smallest weights: sort in decreasing order.")
        _require(n == 1 or not np.array_equal(got, np.argsort(H[j])[-n:]),
                 "The right genes, but the largest should come first.")
        _require(not (n > 1 and np.array_equal(got, np.argsort(H[:, j])[::-1][:n])),
                 "Metagene j is row j of H (one row per metagene, one column per gene).")
        _require(np.array_equal(got, want), f"For metagene {j} and n={n}, expected the "
                                            "column indices of the n largest entries of H[j].")
    return _correct("a metagene's top genes are read off its row of H; scaling the row "
                    "does not change them.")


def check_rescale(func):
    """``func(W, H)``: (W', H') with W' H' = W H and each row of H' having maximum 1."""
    rng = np.random.RandomState(4)
    W, H = rng.uniform(size=(6, 3)), 5 * rng.uniform(size=(3, 8))
    got = _call(func, W.copy(), H.copy())
    _require(isinstance(got, tuple) and len(got) == 2, "Return the pair (W', H').")
    W2, H2 = (_as_array(a, name) for a, name in zip(got, ("W'", "H'")))
    _require(W2.shape == W.shape and H2.shape == H.shape,
             f"Keep the shapes: W' {W.shape}, H' {H.shape}.")
    _require(np.allclose(H2.max(axis=1), 1.0), "Each row of H' (one metagene) should have "
                                               "maximum 1.")
    _require(not np.allclose(W2, W), "You rescaled H only: the product W'H' changed. "
                                     "Multiply W's columns by what you divided H's rows by.")
    _require(np.allclose(W2 @ H2, W @ H), "W'H' must equal WH: scale column k of W up by "
                                          "the factor row k of H was scaled down.")
    return _correct("NMF fixes W and H only up to a positive scale per component, so "
                    "compare metagenes after a normalization like this one.")


def check_ari_one_cluster(answer):
    """The adjusted Rand index, against Golub's ALL/AML labels (27 ALL, 11 AML), of the
    clustering that puts all 38 samples in one cluster."""
    _require(np.ndim(answer) == 0, "Answer with one number.")
    value = float(answer)
    _require(not np.isclose(value, 27 / 38, atol=1e-3),
             "27/38 is how often 'everyone is ALL' is right (accuracy). The adjusted "
             "index subtracts what chance agreement would give.")
    _require(not np.isclose(value, 1.0), "The index is 1 only when the clustering matches "
                                         "the classes exactly; one cluster cannot.")
    _require(not np.isclose(value, (27 * 26 + 11 * 10) / (38 * 37), atol=1e-3),
             "That is the plain Rand index (the share of pairs on which the two agree). "
             "Adjust it for chance.")
    _require(np.isclose(value, 0.0, atol=1e-9),
             "With one cluster, the observed agreement equals its chance expectation.")
    return _correct("one cluster agrees with the classes exactly as often as chance "
                    "would, so its adjusted Rand index is 0: the reason to report ARI, "
                    "not accuracy.")
