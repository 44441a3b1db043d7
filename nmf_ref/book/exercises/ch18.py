"""Checkers of chapter 18 (topics in text): check_npmi, check_topic_shares, check_rare_pair."""

import numpy as np

from ..topics import npmi as _npmi, topic_shares as _topic_shares
from ._common import _as_array, _call, _correct, _require


def _presence_matrices(seed):
    """Small binary document-word matrices; word 0 and the last word never meet."""
    rng = np.random.RandomState(seed)
    for n_docs, n_words in ((12, 5), (30, 7), (50, 6)):
        D = (rng.uniform(size=(n_docs, n_words)) < 0.45).astype(float)
        D[:, 0] = 0
        D[: n_docs // 2, 0] = 1
        D[: n_docs // 2, -1] = 0
        D[n_docs // 2:, -1] = 1  # so words 0 and -1 are never together
        yield D


def check_npmi(func):
    """``func(D, i, j)``: the NPMI of words i and j in a binary documents × words ``D``."""
    for D in _presence_matrices(181):
        N, V = D.shape
        for i, j in [(1, 2), (2, 3), (0, 1), (0, V - 1), (3, 3)]:
            got = _call(func, D.copy(), i, j)
            _require(np.ndim(got) == 0, f"Return one number for one pair, got shape {np.shape(got)}.")
            got = float(got)
            want = _npmi(D, i, j)
            p_i, p_j, p_ij = D[:, i].mean(), D[:, j].mean(), (D[:, i] * D[:, j]).mean()
            if p_ij == 0:
                _require(np.isfinite(got),
                         f"Words {i} and {j} never occur together (p_ij = 0), so log p_ij "
                         f"is −∞; NPMI takes its limit there, −1.")
                _require(np.isclose(got, -1.0),
                         f"Words {i} and {j} never occur together: NPMI is −1 by "
                         f"convention (its limit as p_ij → 0), got {got:.4g}.")
                continue
            pmi = np.log(p_ij / (p_i * p_j))
            if not np.isclose(want, pmi):
                _require(not np.isclose(got, pmi),
                         "That is PMI, log(p_ij / (p_i p_j)). Normalize it: divide by −log p_ij.")
                _require(not np.isclose(got, -want),
                         "The sign is off: −log p_ij is positive (p_ij ≤ 1), so divide "
                         "PMI by −log p_ij, not by log p_ij.")
            n_i, n_j, n_ij = D[:, i].sum(), D[:, j].sum(), (D[:, i] * D[:, j]).sum()
            with np.errstate(divide="ignore", invalid="ignore"):
                counts = np.log(n_ij / (n_i * n_j)) / -np.log(n_ij)
            if not np.isclose(want, counts):
                _require(not np.isclose(got, counts),
                         "Use fractions of documents (count / N), not counts: "
                         "p_ij = n_ij / N and p_i = n_i / N.")
            _require(np.isclose(got, want, rtol=1e-9, atol=1e-12),
                     f"For words {i} and {j}: p_i = {p_i:.3f}, p_j = {p_j:.3f}, "
                     f"p_ij = {p_ij:.3f}; NPMI = log(p_ij / (p_i p_j)) / (−log p_ij).")
    return _correct("NPMI rescales PMI into [−1, 1]: −1 never together, 0 independent, "
                    "1 always together.")


def check_topic_shares(func):
    """``func(W, H)``: documents × topics, row d = document d's topic mix, summing to 1."""
    rng = np.random.RandomState(182)
    for m, n, r in ((6, 9, 3), (10, 7, 4)):
        W = rng.uniform(0.05, 1, (m, r))
        H = rng.uniform(0.05, 1, (r, n)) * rng.uniform(0.1, 10, (r, 1))  # topics of unequal scale
        W0, H0 = W.copy(), H.copy()
        got = _as_array(_call(func, W, H), "your shares")
        _require(np.array_equal(W, W0) and np.array_equal(H, H0),
                 "Your function changed W or H in place; work on copies.")
        _require(got.shape == (m, r), f"Return one row per document and one column per "
                                      f"topic, shape {(m, r)}, got {got.shape}.")
        _require(not np.allclose(got, W / W.sum(axis=1, keepdims=True)),
                 "Normalizing W's rows alone ignores the scale of the topics: scaling "
                 "row k of H by c and column k of W by 1/c leaves WH unchanged but "
                 "changes your shares. Weigh W_dk by Σ_j H_kj first.")
        C = W * H.sum(axis=1)
        _require(not np.allclose(got, C / C.sum(axis=0)),
                 "Your columns sum to 1, not your rows: a document's mix is a row.")
        _require(np.allclose(got.sum(axis=1), 1),
                 "Each row (one document's mix) should sum to 1; divide by the row's total.")
        _require(np.allclose(got, _topic_shares(W, H), rtol=1e-9),
                 "Topic k's part of document d is the row of W_dk h_k; its total weight "
                 "is W_dk Σ_j H_kj. Normalize those over k.")
    return _correct("topic k's share of document d is W_dk Σ_j H_kj over the row total, "
                    "unchanged by how W and H split the scale.")


_STATEMENTS = {
    "A": "NPMI does not depend on how often the words occur, so it compares models fairly.",
    "B": "At the same conditional co-occurrence the rarer pair scores higher, so a model "
         "whose top words are rarer gets a head start on NPMI measured on the corpus itself.",
    "C": "The rarer pair scores lower, so NPMI on the corpus itself penalizes NMF's rarer "
         "top words.",
    "D": "Both pairs score 0: half of the documents of one word contain the other, which "
         "is independence.",
}


def check_rare_pair(npmi_rare, npmi_common, statement):
    """NPMI of the rare pair (each word in 6 of 300 documents, together in 3), of the
    common pair (each in 100, together in 50), and the letter of the true statement."""
    want_rare = np.log((3 / 300) / (6 / 300) ** 2) / -np.log(3 / 300)
    want_common = np.log((50 / 300) / (100 / 300) ** 2) / -np.log(50 / 300)
    for name, got, want, (n_w, n_ij) in (("npmi_rare", npmi_rare, want_rare, (6, 3)),
                                        ("npmi_common", npmi_common, want_common, (100, 50))):
        _require(np.ndim(got) == 0, f"{name} should be one number, got shape {np.shape(got)}.")
        got = float(got)
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
    _require(isinstance(statement, str) and statement.strip().upper() in _STATEMENTS,
             f"statement should be one of the letters {sorted(_STATEMENTS)}, got {statement!r}.")
    letter = statement.strip().upper()
    hints = {
        "A": "Compare your two numbers: the pairs co-occur equally often relative to "
             "their frequency, yet their NPMI differs.",
        "C": "Which of your two numbers is larger, the rare pair's or the common pair's?",
        "D": "Independence would put p_ij = p_i p_j; here p_ij = p_i / 2, much more than "
             "p_i² when p_i is small.",
    }
    _require(letter == "B", hints.get(letter, ""))
    return _correct(f"{want_rare:.3f} for the rare pair against {want_common:.3f} for the "
                    f"common one: with p_ij = p/2, NPMI = (log(1/p) − log 2) / "
                    f"(log(1/p) + log 2), which grows towards 1 as p shrinks. Rare top words "
                    f"flatter NPMI measured on the corpus itself.")
