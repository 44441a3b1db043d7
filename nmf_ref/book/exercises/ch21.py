"""Checkers of chapter 21 (The nonnegative rank): check_slack_matrix, check_fooling_set,
check_what_restarts_prove."""

import numpy as np

from ..polytopes import is_fooling_set, slack_matrix
from ._common import _call, _choice, _chooses, _correct, _require


def check_slack_matrix(func):
    """``func(n)``: the n × n slack matrix of the regular n-gon, rows = vertices
    v_i = (cos 2πi/n, sin 2πi/n), columns = facets j (joining v_j and v_{j+1}), each
    written a_jᵀx ≤ 1, entry 1 − a_jᵀv_i."""
    for n in (3, 5, 6, 8):
        got = _call(func, n)
        try:
            S = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            raise AssertionError(f"Not yet. Return an n × n array of numbers, got "
                                 f"{type(got).__name__}.") from None
        _require(S.shape == (n, n), f"For n = {n} return an {n} × {n} array (vertices × "
                                    f"facets), got shape {S.shape}.")
        ref = slack_matrix(n)
        if np.allclose(S, ref, atol=1e-9):
            continue
        _require(not np.allclose(S, -ref, atol=1e-9),
                 "A slack is b_j − a_jᵀv_i, which is ≥ 0 for a point inside; yours has the "
                 "opposite sign.")
        # for a regular polygon, transposing S is the same as renumbering the facets
        _require(not any(np.allclose(S, np.roll(ref, k, axis=1), atol=1e-9) for k in (1, -1)),
                 "Rows are vertices and columns facets, and facet j joins vertices j and "
                 "j + 1 (so S[j, j] = S[j + 1, j] = 0); yours is transposed or numbers the "
                 "facets one place off.")
        ratio = S[ref > 0] / ref[ref > 0]
        _require(not (np.allclose(ratio, ratio[0]) and ratio[0] > 0),
                 "Scale each facet so that it reads a_jᵀx ≤ 1: with a unit normal the "
                 "right-hand side is cos(π/n), not 1.")
        _require(False, f"For n = {n} your matrix differs from the slack matrix; check "
                        "S[i, j] = 1 − a_jᵀv_i with a_j the outer normal of facet j divided by "
                        "cos(π/n).")
    return _correct("S[i, j] = 1 − a_jᵀv_i: zero where vertex i lies on facet j, rank 3 "
                    "for every n, and integers 0, 1, 2 for the hexagon.")


def check_fooling_set(pairs, X=None):
    """``pairs``: at least 16 (image, pixel) index pairs forming a fooling set of the
    swimmer matrix (256 images × 1024 pixels, torso kept), which proves rank₊ ≥ 16."""
    if X is None:
        from .. import datasets

        X = datasets.load("swimmer").X
    try:
        P = np.asarray(pairs)
    except (TypeError, ValueError):
        P = np.empty(0)
    _require(P.ndim == 2 and P.shape[1:] == (2,) and np.issubdtype(P.dtype, np.integer),
             f"Give a list of (image, pixel) pairs of whole numbers, e.g. [(0, 37), "
             f"(5, 410), ...]; got {type(pairs).__name__} of shape {np.shape(pairs)}.")
    m, n = X.shape
    _require(((P[:, 0] >= 0) & (P[:, 0] < m)).all() and ((P[:, 1] >= 0) & (P[:, 1] < n)).all(),
             f"Images are numbered 0..{m - 1} and pixels 0..{n - 1}.")
    _require(len({tuple(p) for p in P.tolist()}) == len(P), "Each pair may appear only once.")
    zero = [tuple(p) for p in P.tolist() if X[p[0], p[1]] <= 0]
    _require(not zero, f"X is 0 at {zero[:1]}: every pair must sit on a pixel that is on "
                       "in its image.")
    for a in range(len(P)):
        for b in range(a + 1, len(P)):
            (i, j), (k, l) = P[a], P[b]
            _require(X[i, l] == 0 or X[k, j] == 0,
                     f"({i}, {j}) and ({k}, {l}) fit in one positive rectangle: image {i} "
                     f"has pixel {l} on and image {k} has pixel {j} on. Choose the images "
                     "so that, of two pairs, at least one image misses the other's pixel.")
    _require(len(P) >= 16, f"Your {len(P)} pairs form a fooling set, but it proves only "
                           f"rank₊ ≥ {len(P)}; find 16 (one per limb position).")
    assert is_fooling_set(X, P)
    return _correct(f"{len(P)} entries, no two of them in one positive rectangle: every "
                    "exact NMF needs a separate term for each, so rank₊ ≥ 16, and the "
                    "16-part factorization shows rank₊ = 16 > rank = 13.")


@_chooses
def check_what_restarts_prove(answer):
    """Reasoning: what 20 random starts at rank 4 that all stop near 0.09 prove."""
    return _choice(answer, "c", {
        "a": "a local solver can miss an exact factorization (at rank 5 most starts miss "
             "the one that exists); failures are evidence, not proof.",
        "b": "Vavasis showed that deciding whether rank₊ = rank is NP-hard; that says no "
             "known algorithm is fast on every matrix, not that this 6 × 6 case is "
             "undecided: the rectangle bound settles it.",
        "d": "the best error of several starts is an upper bound on the smallest error, "
             "not the smallest error itself.",
    }, "the runs only bound the error from above; a lower bound on rank₊ (here the "
       "rectangle covering number, 5) is what proves that 4 parts cannot be exact.")
