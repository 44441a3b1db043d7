"""Chapter 18's checkers (nmf_ref.book.exercises.ch18): one table of right and wrong
answers, each wrong one named for its mistake and the hint it must get."""

import numpy as np

from nmf_ref.book import topics
from nmf_ref.book.exercises import ch18
from nmf_ref.book.exercises._common import points
from checking import checker_table, verdict


# --- NPMI from document counts

def right_npmi(n_i, n_j, n_ij, N):
    if n_ij == 0:
        return -1.0
    if n_ij == N:
        return 1.0
    p_i, p_j, p_ij = n_i / N, n_j / N, n_ij / N
    return np.log(p_ij / (p_i * p_j)) / -np.log(p_ij)


def right_npmi_by_the_library(n_i, n_j, n_ij, N):  # a corpus built to have those counts
    D = np.zeros((N, 2))
    D[:n_ij] = 1
    D[n_ij:n_i, 0] = 1
    D[n_i:n_i + n_j - n_ij, 1] = 1
    return topics.npmi(D, 0, 1)


def wrong_pmi_not_normalized(n_i, n_j, n_ij, N):
    return -1.0 if n_ij == 0 else np.log(n_ij * N / (n_i * n_j))


def wrong_sign_flipped(n_i, n_j, n_ij, N):
    return -right_npmi(n_i, n_j, n_ij, N) if n_ij else -1.0


def wrong_counts_not_fractions(n_i, n_j, n_ij, N):
    return -1.0 if n_ij == 0 else np.log(n_ij / (n_i * n_j)) / -np.log(n_ij)


def wrong_no_convention_for_never_together(n_i, n_j, n_ij, N):
    p_i, p_j, p_ij = n_i / N, n_j / N, n_ij / N
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(p_ij / (p_i * p_j)) / -np.log(p_ij)


def wrong_zero_for_never_together(n_i, n_j, n_ij, N):
    return 0.0 if n_ij == 0 else right_npmi(n_i, n_j, n_ij, N)


def wrong_no_convention_for_always_together(n_i, n_j, n_ij, N):  # 0/0 when p_ij = 1
    if n_ij == 0:
        return -1.0
    p_i, p_j, p_ij = n_i / N, n_j / N, n_ij / N
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(p_ij / (p_i * p_j)) / -np.log(p_ij)


def wrong_normalized_by_the_marginals(n_i, n_j, n_ij, N):
    if n_ij == 0:
        return -1.0
    if n_ij == N:
        return 1.0
    p_i, p_j, p_ij = n_i / N, n_j / N, n_ij / N
    return np.log(p_ij / (p_i * p_j)) / -np.log(p_i * p_j)


def wrong_takes_a_matrix(D, i, j):  # the page's signature: topics.npmi
    return topics.npmi(D, i, j)


# --- topic shares

def right_shares(W, H):
    part = W * H.sum(axis=1)
    total = part.sum(axis=1, keepdims=True)
    return np.where(total > 0, part / np.where(total > 0, total, 1), 1 / W.shape[1])


def wrong_w_rows_only(W, H):
    total = W.sum(axis=1, keepdims=True)
    return np.where(total > 0, W / np.where(total > 0, total, 1), 1 / W.shape[1])


def wrong_columns_normalized(W, H):
    part = W * H.sum(axis=1)
    return part / part.sum(axis=0)


def wrong_not_normalized(W, H):
    return W * H.sum(axis=1)


def wrong_in_place(W, H):
    W *= H.sum(axis=1)
    with np.errstate(invalid="ignore"):  # the empty document: 0/0
        W /= W.sum(axis=1, keepdims=True)
    return W


def wrong_transposed(W, H):
    return right_shares(W, H).T


def wrong_nan_for_an_empty_document(W, H):
    part = W * H.sum(axis=1)
    with np.errstate(invalid="ignore"):
        return part / part.sum(axis=1, keepdims=True)


# --- the rare pair

def npmi_of(n_word, n_both, N=300):
    p, p_ij = n_word / N, n_both / N
    return np.log(p_ij / p**2) / -np.log(p_ij)


RARE, COMMON = npmi_of(6, 3), npmi_of(100, 50)
PMI_RARE = np.log((3 / 300) / (6 / 300) ** 2)
COUNTS_RARE = np.log(3 / 6**2) / -np.log(3)


# --- PLSA's parameters from a KL-NMF fit

def right_plsa(W, H):
    a, b = W.sum(axis=0), H.sum(axis=1)
    return a * b / (W @ H).sum(), W / a, H / b[:, None]


def wrong_p_z_not_normalized(W, H):
    a, b = W.sum(axis=0), H.sum(axis=1)
    return a * b, W / a, H / b[:, None]


def wrong_rows_of_w_normalized(W, H):  # that is P(z | d)
    a, b = W.sum(axis=0), H.sum(axis=1)
    return a * b / (W @ H).sum(), W / W.sum(axis=1, keepdims=True), H / b[:, None]


def wrong_p_z_from_w_only(W, H):
    a, b = W.sum(axis=0), H.sum(axis=1)
    return a / a.sum(), W / a, H / b[:, None]


def wrong_uniform_p_z(W, H):
    a, b = W.sum(axis=0), H.sum(axis=1)
    return np.full(len(a), 1 / len(a)), W / a, H / b[:, None]


def wrong_columns_of_h_normalized(W, H):
    a = W.sum(axis=0)
    return a * H.sum(axis=1) / (W @ H).sum(), W / a, H / H.sum(axis=0)


def wrong_two_arrays(W, H):
    return W / W.sum(axis=0), H / H.sum(axis=1, keepdims=True)


CASES = [
    (ch18.check_npmi, (right_npmi,), None),
    (ch18.check_npmi, (right_npmi_by_the_library,), None),
    (ch18.check_npmi, (wrong_takes_a_matrix,), "raised"),  # the library's own function
    (ch18.check_npmi, (topics.npmi,), "raised"),
    (ch18.check_npmi, (wrong_pmi_not_normalized,), "That is PMI"),
    (ch18.check_npmi, (wrong_sign_flipped,), "sign is off"),
    (ch18.check_npmi, (wrong_counts_not_fractions,), "fractions of documents"),
    (ch18.check_npmi, (wrong_no_convention_for_never_together,), "limit"),
    (ch18.check_npmi, (wrong_zero_for_never_together,), "−1 by convention"),
    (ch18.check_npmi, (wrong_no_convention_for_always_together,), "every document"),
    (ch18.check_npmi, (wrong_normalized_by_the_marginals,), "not by −log\\(p_i p_j\\)"),
    (ch18.check_npmi, (lambda n_i, n_j, n_ij, N: np.ones(2),), "one number"),
    (ch18.check_npmi, (lambda n_i, n_j, n_ij, N: None,), "one number"),
    (ch18.check_npmi, (lambda n_i, n_j, n_ij, N: 1 / 0,), "ZeroDivisionError"),
    (ch18.check_npmi, (None,), "function"),
    (ch18.check_topic_shares, (right_shares,), None),
    (ch18.check_topic_shares, (topics.topic_shares,), "no weight at all"),  # the library's own
    (ch18.check_topic_shares, (wrong_nan_for_an_empty_document,), "NaN"),
    (ch18.check_topic_shares, (wrong_w_rows_only,), "scale of the topics"),
    (ch18.check_topic_shares, (wrong_columns_normalized,), "columns sum to 1"),
    (ch18.check_topic_shares, (wrong_not_normalized,), "should sum to 1"),
    (ch18.check_topic_shares, (wrong_in_place,), "in place"),
    (ch18.check_topic_shares, (wrong_transposed,), "one row per document"),
    (ch18.check_topic_shares, (None,), "function"),
    (ch18.check_topic_shares, (lambda W, H: "shares",), "numbers"),
    (ch18.check_rare_pair, (RARE, COMMON, "B"), None),
    (ch18.check_rare_pair, (RARE, COMMON, " b "), None),
    (ch18.check_rare_pair, (PMI_RARE, COMMON, "B"), "that is PMI"),
    (ch18.check_rare_pair, (-RARE, COMMON, "B"), "sign is off"),
    (ch18.check_rare_pair, (COUNTS_RARE, COMMON, "B"), "fractions"),
    (ch18.check_rare_pair, (COMMON, RARE, "B"), "npmi_rare"),  # swapped
    (ch18.check_rare_pair, (RARE, COMMON, "A"), "Compare your two numbers"),
    (ch18.check_rare_pair, (RARE, COMMON, "C"), "Which of your two numbers"),
    (ch18.check_rare_pair, (RARE, COMMON, "D"), "Independence"),
    (ch18.check_rare_pair, (RARE, COMMON, "E"), "one of the letters"),
    (ch18.check_rare_pair, (RARE, COMMON, None), "letter"),
    (ch18.check_rare_pair, ([RARE, RARE], COMMON, "B"), "one number"),
    (ch18.check_rare_pair, (None, None, None), "one number"),
    (ch18.check_plsa_parameters, (right_plsa,), None),
    (ch18.check_plsa_parameters, (wrong_p_z_not_normalized,), "divide by their total"),
    (ch18.check_plsa_parameters, (wrong_rows_of_w_normalized,), "that is P\\(z \\| d\\)"),
    (ch18.check_plsa_parameters, (wrong_p_z_from_w_only,), "both belong in p_z"),
    (ch18.check_plsa_parameters, (wrong_uniform_p_z,), "both belong in p_z"),
    (ch18.check_plsa_parameters, (wrong_columns_of_h_normalized,), "distribution over words"),
    (ch18.check_plsa_parameters, (wrong_two_arrays,), "three arrays"),
    (ch18.check_plsa_parameters, (None,), "function"),
    (ch18.check_plsa_parameters, (lambda W, H: (1, 2, 3),), "shape"),
]


@checker_table(CASES, one_answer=False, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_rare_words_score_higher_computed_independently():
    assert RARE > COMMON  # the point of ex-18-rare


def test_the_choice_is_worth_one_point_and_the_others_two():
    assert points(ch18.check_rare_pair) == 1
    assert {points(c) for c in (ch18.check_npmi, ch18.check_topic_shares,
                                ch18.check_plsa_parameters)} == {2}
