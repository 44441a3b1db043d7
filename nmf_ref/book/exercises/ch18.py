"""Checkers of chapter 18 (topics in text): check_npmi, check_topic_shares,
check_rare_pair, check_plsa_parameters."""

import numpy as np

from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _require


def _npmi_of_counts(n_i, n_j, n_ij, N):
    """NPMI from document counts, with the conventions −1 (never together) and 1
    (together in every document)."""
    if n_ij == 0:
        return -1.0
    if n_ij == N:
        return 1.0
    p_i, p_j, p_ij = n_i / N, n_j / N, n_ij / N
    return float(np.log(p_ij / (p_i * p_j)) / -np.log(p_ij))


# (n_i, n_j, n_ij, N): document counts of word i, of word j, of both, and of all documents
_COUNT_CASES = ((6, 6, 3, 300), (40, 25, 10, 120), (12, 30, 0, 50), (8, 8, 8, 40),
                (5, 20, 1, 100), (50, 50, 50, 50), (7, 9, 2, 2000))


def check_npmi(func):
    """``func(n_i, n_j, n_ij, N)``: the NPMI of two words from their document counts
    (word i in n_i of N documents, word j in n_j, both in n_ij); −1 when they never
    meet, 1 when they are together in every document."""
    for n_i, n_j, n_ij, N in _COUNT_CASES:
        got = _number(_call(func, n_i, n_j, n_ij, N), "Your NPMI (one pair)")
        want = _npmi_of_counts(n_i, n_j, n_ij, N)
        where = f"(n_i = {n_i}, n_j = {n_j}, n_ij = {n_ij}, N = {N})"
        if n_ij == 0:
            _require(np.isfinite(got),
                     f"The words never occur together {where}, so log p_ij is −∞; NPMI "
                     f"takes its limit there, −1.")
            _require(np.isclose(got, -1.0),
                     f"The words never occur together {where}: NPMI is −1 by convention "
                     f"(its limit as p_ij → 0), got {got:.4g}.")
            continue
        if n_ij == N:
            _require(np.isfinite(got),
                     f"The words are in every document {where}, so −log p_ij = 0 and the "
                     "ratio is 0/0; NPMI takes the value 1 there.")
        p_i, p_j, p_ij = n_i / N, n_j / N, n_ij / N
        if n_ij < N:
            with np.errstate(divide="ignore", invalid="ignore"):
                mistakes = (
                    (np.log(p_ij / (p_i * p_j)),
                     "That is PMI, log(p_ij / (p_i p_j)). Normalize it: divide by −log p_ij."),
                    (-want, "The sign is off: −log p_ij is positive (p_ij ≤ 1), so divide "
                            "PMI by −log p_ij, not by log p_ij."),
                    (np.log(n_ij / (n_i * n_j)) / -np.log(n_ij),
                     "Use fractions of documents (count / N), not counts: "
                     "p_ij = n_ij / N and p_i = n_i / N."),
                    (np.log(p_ij / (p_i * p_j)) / -np.log(p_i * p_j),
                     "Normalize by −log p_ij (the joint probability), not by "
                     "−log(p_i p_j)."))
            for value, hint in mistakes:  # a mistake that happens to be right here says nothing
                _require(np.isclose(want, value) or not np.isclose(got, value), hint)
        _require(np.isclose(got, want, rtol=1e-9, atol=1e-12),
                 f"For {where}: p_i = {p_i:.4g}, p_j = {p_j:.4g}, p_ij = {p_ij:.4g}; "
                 f"NPMI = log(p_ij / (p_i p_j)) / (−log p_ij), and 1 when p_ij = 1.")
    return _correct("NPMI rescales PMI into [−1, 1]: −1 never together, 0 independent, "
                    "1 always together; only the fractions of documents matter.")


def _shares(W, H):
    """Topic shares, uniform (1/r) for a document with no weight at all."""
    C = W * H.sum(axis=1)
    total = C.sum(axis=1, keepdims=True)
    return np.where(total > 0, C / np.where(total > 0, total, 1), 1 / W.shape[1])


def check_topic_shares(func):
    """``func(W, H)``: documents × topics, row d = document d's topic mix, summing to 1;
    a document with no weight at all gets 1/r for each of the r topics."""
    rng = np.random.RandomState(182)
    for m, n, r in ((6, 9, 3), (10, 7, 4)):
        W = rng.uniform(0.05, 1, (m, r))
        H = rng.uniform(0.05, 1, (r, n)) * rng.uniform(0.1, 10, (r, 1))  # topics of unequal scale
        W[2] = 0.0  # an empty document: the page's topic_shares gives it zeros
        W0, H0 = W.copy(), H.copy()
        got = _as_array(_call(func, W, H), "your shares")
        _require(np.array_equal(W, W0) and np.array_equal(H, H0),
                 "Your function changed W or H in place; work on copies.")
        _require(got.shape == (m, r), f"Return one row per document and one column per "
                                      f"topic, shape {(m, r)}, got {got.shape}.")
        full = np.ones(m, dtype=bool)
        full[2] = False
        _require(np.isfinite(got).all(),
                 "Document 2 has no weight at all (row 2 of W is 0), and your shares there "
                 "are NaN or infinite: 0/0. Give it 1/r for each of the r topics.")
        Wf = W[full]
        _require(not np.allclose(got[full], Wf / Wf.sum(axis=1, keepdims=True)),
                 "Normalizing W's rows alone ignores the scale of the topics: scaling "
                 "row k of H by c and column k of W by 1/c leaves WH unchanged but "
                 "changes your shares. Weigh W_dk by Σ_j H_kj first.")
        C = W * H.sum(axis=1)
        _require(not np.allclose(got, C / np.where(C.sum(axis=0) > 0, C.sum(axis=0), 1)),
                 "Your columns sum to 1, not your rows: a document's mix is a row.")
        _require(np.allclose(got[full].sum(axis=1), 1),
                 "Each row (one document's mix) should sum to 1; divide by the row's total.")
        _require(np.allclose(got[full], _shares(W, H)[full], rtol=1e-9),
                 "Topic k's part of document d is the row of W_dk h_k; its total weight "
                 "is W_dk Σ_j H_kj. Normalize those over k.")
        _require(np.allclose(got[~full], 1 / r),
                 f"Document 2 has no weight at all (row 2 of W is 0), and you gave it "
                 f"shares {np.round(got[~full][0], 3).tolist()}: a row of shares must sum "
                 f"to 1, so with nothing to go on give each of the {r} topics 1/{r}.")
    return _correct("topic k's share of document d is W_dk Σ_j H_kj over the row total, "
                    "unchanged by how W and H split the scale, and 1/r when there is no "
                    "total to share.")


@_chooses
def check_rare_pair(npmi_rare, npmi_common, statement):
    """NPMI of the rare pair (each word in 6 of 300 documents, together in 3), of the
    common pair (each in 100, together in 50), and the letter of the true statement
    (a choice, worth 1 point: the numbers are checked first, to guide the choice)."""
    want_rare = np.log((3 / 300) / (6 / 300) ** 2) / -np.log(3 / 300)
    want_common = np.log((50 / 300) / (100 / 300) ** 2) / -np.log(50 / 300)
    for name, got, want, (n_w, n_ij) in (("npmi_rare", npmi_rare, want_rare, (6, 3)),
                                        ("npmi_common", npmi_common, want_common, (100, 50))):
        got = _number(got, name)
        p_w, p_ij = n_w / 300, n_ij / 300
        pmi = np.log(p_ij / p_w**2)
        _require(not np.isclose(got, pmi),
                 f"{name}: that is PMI; divide it by −log p_ij to normalize it.")
        _require(not np.isclose(got, -want),
                 f"{name}: the sign is off; −log p_ij is positive.")
        _require(not np.isclose(got, np.log(n_ij / n_w**2) / -np.log(n_ij)),
                 f"{name}: use fractions of the 300 documents, not counts.")
        _require(np.isclose(got, want, rtol=1e-6),
                 f"{name}: p_i = p_j = {n_w}/300 and p_ij = {n_ij}/300; "
                 f"NPMI = log(p_ij / (p_i p_j)) / (−log p_ij).")
    return _choice(statement, "b", {
        "a": "Compare your two numbers: the pairs co-occur equally often relative to "
             "their frequency, yet their NPMI differs.",
        "c": "Which of your two numbers is larger, the rare pair's or the common pair's?",
        "d": "Independence would put p_ij = p_i p_j; here p_ij = p_i / 2, much more than "
             "p_i² when p_i is small.",
    }, f"{want_rare:.3f} for the rare pair against {want_common:.3f} for the "
       f"common one: with p_ij = p/2, NPMI = (log(1/p) − log 2) / "
       f"(log(1/p) + log 2), which grows towards 1 as p shrinks. Rare top words "
       f"flatter NPMI measured on the corpus itself.")


def _plsa_case(seed, m=7, n=9, r=3):
    rng = np.random.RandomState(seed)
    return rng.uniform(0.05, 2, (m, r)) * rng.uniform(0.2, 5, r), rng.uniform(0.05, 2, (r, n))


def check_plsa_parameters(func):
    """``func(W, H)``: PLSA's ``(p_z, p_d_given_z, p_w_given_z)`` read off a KL-NMF
    fit: p_z (r,) sums to 1, p_d_given_z (documents × r) has columns summing to 1,
    p_w_given_z (r × words) has rows summing to 1, and
    Σ_z p_z p_d|z p_w|z = WH / Σ WH."""
    for seed in (183, 184):
        W, H = _plsa_case(seed)
        m, r = W.shape
        n = H.shape[1]
        got = _call(func, W.copy(), H.copy())
        _require(isinstance(got, (tuple, list)) and len(got) == 3,
                 "Return three arrays, (p_z, p_d_given_z, p_w_given_z), as a tuple.")
        p_z, p_d, p_w = (_as_array(a, name) for a, name in
                         zip(got, ("p_z", "p_d_given_z", "p_w_given_z")))
        _require(p_z.shape == (r,), f"p_z holds one probability per topic, shape ({r},); "
                                    f"got {p_z.shape}.")
        _require(p_d.shape == (m, r), f"p_d_given_z is documents × topics, shape {(m, r)}; "
                                      f"got {p_d.shape}.")
        _require(p_w.shape == (r, n), f"p_w_given_z is topics × words, shape {(r, n)}; "
                                      f"got {p_w.shape}.")
        _require((p_z >= 0).all() and (p_d >= 0).all() and (p_w >= 0).all(),
                 "Probabilities are ≥ 0.")
        _require(not np.allclose(p_d.sum(axis=1), 1) or np.allclose(p_d.sum(axis=0), 1),
                 "Your p_d_given_z sums to 1 along each row (a document's topics): that is "
                 "P(z | d). P(d | z) is a distribution over documents: normalize W's "
                 "columns.")
        _require(np.allclose(p_d.sum(axis=0), 1),
                 "Each column of p_d_given_z (one topic's distribution over documents) "
                 "should sum to 1.")
        _require(np.allclose(p_w.sum(axis=1), 1),
                 "Each row of p_w_given_z (one topic's distribution over words) should sum "
                 "to 1.")
        _require(np.isclose(p_z.sum(), 1) or not np.allclose(
                     p_z, W.sum(axis=0) * H.sum(axis=1)),
                 "Your p_z is the topics' masses, W's column sums times H's row sums: "
                 "divide by their total, Σ WH, so that it sums to 1.")
        _require(np.isclose(p_z.sum(), 1), "p_z should sum to 1 over the topics.")
        joint = np.einsum("z,dz,zw->dw", p_z, p_d, p_w)
        _require(np.allclose(joint, W @ H / (W @ H).sum(), rtol=1e-8),
                 "Σ_z p_z p(d|z) p(w|z) should be WH / Σ WH. The masses you took out of W's "
                 "columns and H's rows both belong in p_z: p_z ∝ (Σ_d W_dz)(Σ_w H_zw).")
    return _correct("with a = W's column sums and b = H's row sums, P(d|z) = W_dz / a_z, "
                    "P(w|z) = H_zw / b_z and P(z) = a_z b_z / Σ WH: the same model as WH, "
                    "read as a distribution.")
