"""Every checker of chapters 21 and 22 (Part V) accepts a right answer, printing
"Correct: ...", and rejects the plausible wrong ones, each named below (``wrong_...``),
with a hint (AssertionError "Not yet. ..."). Chapters 23-24 are in test_exercises_part5b.py."""

import numpy as np

from nmf_ref.book import datasets
from nmf_ref.book.exercises import ch21, ch22
from nmf_ref.separable import spa
from checking import accepts, rejects  # noqa: E402


# ---------------------------------------------------------------- chapter 21

def slack(n):
    angles = 2 * np.pi * np.arange(n) / n
    V = np.c_[np.cos(angles), np.sin(angles)]
    A = np.c_[np.cos(angles + np.pi / n), np.sin(angles + np.pi / n)] / np.cos(np.pi / n)
    return 1 - V @ A.T


def test_slack_matrix(capsys):
    accepts(capsys, ch21.check_slack_matrix, slack)
    accepts(capsys, ch21.check_slack_matrix, lambda n: slack(n).tolist())

    def wrong_sign(n):
        return -slack(n)

    def wrong_transposed(n):  # facets × vertices
        return slack(n).T

    def wrong_facet_numbering(n):  # facet j joins v_{j-1} and v_j
        return np.roll(slack(n), 1, axis=1)

    def wrong_unit_normals(n):  # a_j of norm 1, right-hand side cos(π/n)
        return np.cos(np.pi / n) * slack(n)

    def wrong_shape(n):
        return slack(n)[:, :-1]

    rejects(ch21.check_slack_matrix, wrong_sign, match="opposite sign")
    rejects(ch21.check_slack_matrix, wrong_transposed, match="transposed")
    rejects(ch21.check_slack_matrix, wrong_facet_numbering, match="one place off")
    rejects(ch21.check_slack_matrix, lambda n: np.roll(slack(n), -1, axis=1),
            match="one place off")
    rejects(ch21.check_slack_matrix, wrong_unit_normals, match="cos")
    rejects(ch21.check_slack_matrix, wrong_shape, match="shape")
    rejects(ch21.check_slack_matrix, lambda n: np.arange(n * n).reshape(n, n) * 1.0,
            match="differs")
    rejects(ch21.check_slack_matrix, lambda n: None, match="array of numbers|shape")
    rejects(ch21.check_slack_matrix, lambda n: 1 / 0, match="ZeroDivisionError")
    rejects(ch21.check_slack_matrix, slack(6), match="function")


def swimmer_fooling_set():
    data = datasets.load("swimmer")
    Xs, positions = data.X, data.positions
    limbs = data.limbs
    pairs = []
    for limb in range(4):
        for p in range(4):
            pos = [(p + 1) % 4] * 4
            pos[limb] = p
            image = int(np.flatnonzero((positions == pos).all(axis=1))[0])
            pairs.append((image, int(np.flatnonzero(limbs[4 * limb + p])[0])))
    return pairs, Xs, positions, limbs


def test_fooling_set(capsys):
    pairs, Xs, positions, limbs = swimmer_fooling_set()
    accepts(capsys, ch21.check_fooling_set, pairs)
    accepts(capsys, ch21.check_fooling_set, np.array(pairs))

    # every other limb in the SAME position: images of different limbs share pixels
    wrong_same_positions = []
    for limb in range(4):
        for p in range(4):
            image = int(np.flatnonzero((positions == [p] * 4).all(axis=1))[0])
            wrong_same_positions.append((image, int(np.flatnonzero(limbs[4 * limb + p])[0])))
    wrong_thirteen = pairs[:13]  # "the rank is 13, so 13 pairs"
    wrong_off_pixel = [(pairs[0][0], int(np.flatnonzero(Xs[pairs[0][0]] == 0)[0]))] + pairs[1:]
    wrong_repeated = pairs + [pairs[0]]
    torso_pixel = int(np.flatnonzero(datasets.load("swimmer").torso)[0])
    wrong_torso = pairs[:15] + [(0, torso_pixel)]  # the torso is on in every image

    rejects(ch21.check_fooling_set, wrong_same_positions, match="one positive rectangle")
    rejects(ch21.check_fooling_set, wrong_thirteen, match="find 16")
    rejects(ch21.check_fooling_set, wrong_off_pixel, match="X is 0")
    rejects(ch21.check_fooling_set, wrong_repeated, match="only once")
    rejects(ch21.check_fooling_set, wrong_torso, match="one positive rectangle")
    rejects(ch21.check_fooling_set, [(300, 0)], match="numbered")
    rejects(ch21.check_fooling_set, [(0.5, 3.0)], match="whole numbers")
    rejects(ch21.check_fooling_set, None, match="pairs")
    rejects(ch21.check_fooling_set, 16, match="pairs")


def test_what_restarts_prove(capsys):
    for right in ("c", "C", "(c)"):
        accepts(capsys, ch21.check_what_restarts_prove, right)
    rejects(ch21.check_what_restarts_prove, "a", match="evidence, not proof")
    rejects(ch21.check_what_restarts_prove, "b", match="NP-hard")
    rejects(ch21.check_what_restarts_prove, "d", match="upper bound")
    rejects(ch21.check_what_restarts_prove, "e", match="one of the letters")
    rejects(ch21.check_what_restarts_prove, 3, match="string")


# ---------------------------------------------------------------- chapter 22

def my_spa(X, r):
    R = X / X.sum(axis=0)
    chosen = []
    for _ in range(r):
        j = int(np.argmax((R * R).sum(axis=0)))
        u = R[:, j] / np.linalg.norm(R[:, j])
        R = R - np.outer(u, u @ R)
        chosen.append(j)
    return chosen


def test_spa(capsys):
    accepts(capsys, ch22.check_spa, my_spa)
    accepts(capsys, ch22.check_spa, lambda X, r: np.array(my_spa(X, r))[::-1])  # any order

    def wrong_unscaled(X, r):
        R = X.copy()
        chosen = []
        for _ in range(r):
            j = int(np.argmax((R * R).sum(axis=0)))
            u = R[:, j] / np.linalg.norm(R[:, j])
            R = R - np.outer(u, u @ R)
            chosen.append(j)
        return chosen

    def wrong_no_projection(X, r):
        return list(np.argsort(np.linalg.norm(X / X.sum(axis=0), axis=0))[::-1][:r])

    def wrong_one_based(X, r):
        return [j + 1 for j in my_spa(X, r)]

    def wrong_columns(X, r):
        return X[:, my_spa(X, r)]

    def wrong_library(X, r):
        return spa(X, r)

    rejects(ch22.check_spa, wrong_unscaled, match="sum 1")
    rejects(ch22.check_spa, wrong_no_projection, match="project")
    rejects(ch22.check_spa, wrong_one_based, match="counts from 0|one too large")
    rejects(ch22.check_spa, wrong_columns, match="indices|1-D")
    rejects(ch22.check_spa, wrong_library, match="yourself")
    rejects(ch22.check_spa, spa, match="yourself")
    rejects(ch22.check_spa, lambda X, r: [0] * r, match="expected")
    rejects(ch22.check_spa, lambda X, r: None, match="1-D")
    rejects(ch22.check_spa, "spa", match="function")


def test_scaling_counterexample(capsys):
    accepts(capsys, ch22.check_scaling_counterexample, [[1.0, 0.0, 5.0], [0.0, 1.0, 5.0]])
    accepts(capsys, ch22.check_scaling_counterexample,
            np.array([[1.0, 0.0, 0.0, 3.0], [0.0, 1.0, 0.0, 3.0], [0.0, 0.0, 1.0, 3.0]]))
    wrong_short_mixture = [[1.0, 0.0, 0.5], [0.0, 1.0, 0.5]]  # the mixture is not long
    wrong_not_separable = [[1.0, 0.2, 5.0], [0.2, 1.0, -0.0], [0.0, 0.0, 5.0]]
    wrong_all_independent = np.eye(3)
    rejects(ch22.check_scaling_counterexample, wrong_short_mixture, match="still picks pure")
    rejects(ch22.check_scaling_counterexample, wrong_all_independent, match="add a column")
    rejects(ch22.check_scaling_counterexample, [[1.0, -1.0, 0.0], [0.0, 1.0, 1.0]],
            match="≥ 0")
    rejects(ch22.check_scaling_counterexample, [1.0, 2.0, 3.0], match="2-D")
    rejects(ch22.check_scaling_counterexample, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
            match="zero column")
    rejects(ch22.check_scaling_counterexample, "X", match="numbers")
    msg = rejects(ch22.check_scaling_counterexample, wrong_not_separable)
    assert "add a column" in msg or "not separable" in msg


def test_not_separable_counterexample_is_named():
    # three points in the plane of two coordinates, none inside the others' cone
    X = np.array([[1.0, 0.0, 1.0, 0.5], [0.0, 1.0, 1.0, 0.1], [1.0, 1.0, 0.0, 0.0]])
    rejects(ch22.check_scaling_counterexample, X, match="not separable|add a column")


def test_spa_failure(capsys):
    accepts(capsys, ch22.check_spa_failure, "c")
    rejects(ch22.check_spa_failure, "a", match="shuffling")
    rejects(ch22.check_spa_failure, "b", match="scaling")
    rejects(ch22.check_spa_failure, "d", match="inside the hull")
    rejects(ch22.check_spa_failure, None, match="string")
