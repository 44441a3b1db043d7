"""Choosing the rank r: the error curve, held-out entries, bi-cross-validation, consensus.

Book: chapter 12 (and chapter 20, which applies :func:`consensus` to leukemia data).

* :func:`error_curve`: the training error for each rank. It can only go down as
  r grows, so it shows an elbow at best, never a minimum.
* :func:`masked_cv`: hold out random entries, fit on the rest with a mask, score
  the held-out ones. Too small a rank misses structure, too large a rank fits
  noise; both show on entries the fit never saw.
* :func:`bicv`: Owen & Perry's bi-cross-validation: hold out a block of rows ×
  columns and predict it from the rest.
* :func:`consensus`: Brunet et al.'s consensus clustering: how often do two
  samples land in the same cluster over many random starts? Stable ranks give a
  clean block matrix (cophenetic correlation near 1).

NumPy only; :func:`consensus` imports SciPy's hierarchical clustering inside.
"""

import numbers
from dataclasses import dataclass, field

import numpy as np

from ._checks import (check_matrix, check_nonnegative_number, check_observed,
                      check_random_state, check_rank)
from .metrics import explained_variance, relative_error
from .result import NMFResult
from .solve import nmf

SEED_LIMIT = 2**31 - 1  # seeds of the individual runs are drawn below this


# ------------------------------------------------------------------ results

@dataclass
class ErrorCurve:
    """What :func:`error_curve` returns: one entry per rank.

    Attributes
    ----------
    ranks : ndarray of int of shape (k,)
    error, explained_variance : ndarray of shape (k,)
    """

    ranks: np.ndarray
    error: np.ndarray  #: ‖X − WH‖_F / ‖X‖_F
    explained_variance: np.ndarray  #: 1 − error²


@dataclass
class CVResult:
    """What :func:`masked_cv` and :func:`bicv` return.

    Attributes
    ----------
    ranks : ndarray of int of shape (k,)
        The ranks fitted.
    train_error, test_error : ndarray of shape (n_splits, k)
        RMSE over the training and the held-out entries, one row per repeat
        (masked CV) or per held-out block (BCV), one column per rank.
    best_rank : int
        The rank with the lowest mean test error.
    """

    ranks: np.ndarray
    train_error: np.ndarray
    test_error: np.ndarray
    best_rank: int

    @property
    def mean_test_error(self):
        """ndarray of shape (k,): ``test_error`` averaged over the repeats (or blocks)."""
        return self.test_error.mean(axis=0)


@dataclass
class Consensus:
    """What :func:`consensus` returns (samples are the rows of X).

    Attributes
    ----------
    rank : int
    matrix : ndarray of shape (m, m)
    cophenetic, dispersion : float
    labels, order : ndarray of int of shape (m,)
    best : NMFResult
        Each field's meaning is in the ``#:`` comment on its line below.
    """

    rank: int
    matrix: np.ndarray  #: C[i, j] = share of runs that put samples i and j together
    cophenetic: float  #: correlation of 1 − C with its average-linkage cophenetic distances
    dispersion: float  #: Kim & Park's mean of (2C − 1)², 1 for a 0/1 matrix
    labels: np.ndarray  #: the average-linkage tree cut into ``rank`` clusters
    order: np.ndarray  #: leaf order of that tree: ``matrix[np.ix_(order, order)]`` is blocky
    best: NMFResult = field(repr=False)  #: the run with the lowest final loss


# ------------------------------------------------------------------ checks

def _check_ranks(ranks):
    """A non-empty sequence of positive integers, as an int array."""
    if isinstance(ranks, (numbers.Number, str)) or not hasattr(ranks, "__iter__"):
        raise TypeError(f"ranks must be a sequence of positive integers such as "
                        f"range(1, 8), got {ranks!r}.")
    try:
        values = [check_rank(r) for r in ranks]
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"ranks must hold positive integers only: {exc}") from None
    if not values:
        raise ValueError("ranks is empty; pass at least one rank, e.g. range(1, 8).")
    return np.array(values, dtype=int)


def _check_kwargs(nmf_kwargs, *reserved):
    for name in reserved:
        if name in nmf_kwargs:
            raise TypeError(f"{name} is set by this function itself; do not pass it on "
                            "to nmf_ref.nmf.")


def _check_count(value, name, least):
    check_nonnegative_number(value, name, integer=True)
    if value < least:
        raise ValueError(f"{name} must be at least {least}, got {value!r}.")
    return int(value)


def _rmse(residual):
    return float(np.sqrt(np.mean(residual * residual)))


def _seeds(random_state, size):
    """Independent seeds for the runs, drawn from one generator (same state, same seeds)."""
    return check_random_state(random_state).randint(SEED_LIMIT, size=size)


# ------------------------------------------------------------------ the methods

def error_curve(X, ranks, **nmf_kwargs):
    """Relative error and explained variance of :func:`nmf_ref.nmf` at each rank.

    The curve always falls: a rank-(r+1) model contains every rank-r model (add a
    zero component), so more components never fit the training data worse, up
    to the optimizer. Look for an elbow, not a minimum.

    Parameters
    ----------
    X : array (m, n), non-negative
    ranks : sequence of positive int
    **nmf_kwargs
        Passed to :func:`nmf_ref.nmf` (solver, init, max_iter, tol, random_state, ...).

    Returns
    -------
    ErrorCurve
    """
    X = check_matrix(X)
    ranks = _check_ranks(ranks)
    _check_kwargs(nmf_kwargs, "mask")  # the error is measured on every entry
    error, evar = [], []
    for r in ranks:
        res = nmf(X, r, **nmf_kwargs)
        error.append(relative_error(X, res.W, res.H))
        evar.append(explained_variance(X, res.W, res.H))
    return ErrorCurve(ranks, np.array(error), np.array(evar))


def _holdout_mask(shape, holdout, rng, attempts=100, observed=None):
    """Exactly round(holdout · n) of the n entries held out (True), every row and column
    keeping one. With ``observed`` (a mask), only observed entries are held out, and
    a row or column may lose all of its training entries, as a new user would."""
    candidates = np.flatnonzero(observed) if observed is not None else np.arange(np.prod(shape))
    n_test = int(round(holdout * len(candidates)))
    if not 0 < n_test < len(candidates):
        raise ValueError(f"holdout={holdout!r} leaves {n_test} of {len(candidates)} entries "
                         "to test; pick a share that holds out at least one entry and keeps one.")
    for _ in range(attempts):
        test = np.zeros(np.prod(shape), dtype=bool)
        test[rng.permutation(candidates)[:n_test]] = True
        test = test.reshape(shape)
        if observed is not None or ((~test).any(axis=1).all() and (~test).any(axis=0).all()):
            return test
    raise ValueError(f"holdout={holdout!r} keeps leaving whole rows or columns out of the "
                     "fit on this small X; hold out a smaller share.")


def masked_cv(X, ranks, *, holdout=0.1, n_repeats=3, random_state=None, mask=None,
              **nmf_kwargs):
    """Cross-validation by held-out entries (a "speckled" hold-out).

    For each repeat, a random ``holdout`` share of the entries (exactly
    ``round(holdout · m·n)``, every row and column keeping at least one training
    entry) is hidden; for each rank, :func:`nmf_ref.nmf` fits the rest
    (``mask`` = the training entries) and the held-out entries are predicted by
    ``WH``. The built-in initializations see the hidden entries as zeros, which
    only biases the start: the masked solvers ignore those entries afterwards.

    Parameters
    ----------
    X : array (m, n), non-negative
    ranks : sequence of positive int
    holdout : float in (0, 1), default=0.1
        Share of the entries held out in each repeat.
    n_repeats : int ≥ 1, default=3
        Independent hold-out patterns; the same pattern serves all ranks.
    random_state : None, int or np.random.RandomState, default=None
        Draws the patterns and the seeds of the runs.
    mask : bool array (m, n), default=None
        For an X that is already incomplete (ratings): True where X is observed.
        Only observed entries are held out (``holdout`` is then a share of them),
        the fit sees ``mask`` minus the held-out entries, and the errors are over
        observed entries only. Values of X where ``mask`` is False are never read.
    **nmf_kwargs
        Passed to :func:`nmf_ref.nmf` (not ``mask`` or ``random_state``).

    Returns
    -------
    CVResult
        ``train_error``, ``test_error`` (n_repeats × len(ranks)): RMSEs over the training
        and held-out entries, :math:`\\sqrt{\\operatorname{mean}(X_{ij} - (WH)_{ij})^2}`.
    """
    X, observed = check_observed(X, mask)
    ranks = _check_ranks(ranks)
    _check_kwargs(nmf_kwargs, "mask", "random_state")
    if isinstance(holdout, bool) or not isinstance(holdout, numbers.Real):
        raise TypeError(f"holdout must be a number strictly between 0 and 1 (e.g. 0.1), "
                        f"got {holdout!r}.")
    if not 0 < holdout < 1:
        raise ValueError(f"holdout must be a share strictly between 0 and 1 (e.g. 0.1), "
                         f"got {holdout!r}.")
    n_repeats = _check_count(n_repeats, "n_repeats", 1)
    rng = check_random_state(random_state)
    train_error = np.empty((n_repeats, len(ranks)))
    test_error = np.empty_like(train_error)
    for i in range(n_repeats):
        test = _holdout_mask(X.shape, holdout, rng, observed=mask)
        train = observed & ~test
        seeds = _seeds(rng, len(ranks))
        for j, (r, seed) in enumerate(zip(ranks, seeds)):
            res = nmf(X, r, mask=train, random_state=seed, **nmf_kwargs)
            residual = X - res.W @ res.H
            train_error[i, j] = _rmse(residual[train])
            test_error[i, j] = _rmse(residual[test])
    best = int(ranks[np.argmin(test_error.mean(axis=0))])
    return CVResult(ranks, train_error, test_error, best)


def _folds(n, k, rng, name):
    if k > n:
        raise ValueError(f"{name}={k} is more than the {n} available; use at most {n}.")
    return np.array_split(rng.permutation(n), k)


def bicv(X, ranks, *, n_row_folds=2, n_col_folds=2, random_state=None, **nmf_kwargs):
    """Owen & Perry's (2009) bi-cross-validation of the NMF rank.

    The rows and the columns are split at random into ``n_row_folds`` and
    ``n_col_folds`` groups. Each pair (row group I, column group J) is held out
    in turn; permuting I and J to the top left, X is in four blocks

    .. math::

        X = \\begin{pmatrix} A & B \\\\ C & D \\end{pmatrix},
        \\quad A = X_{IJ} \\text{ (held out)}, \\; B = X_{I\\bar J}, \\;
        C = X_{\\bar I J}, \\; D = X_{\\bar I \\bar J}.

    The variant implemented is the NMF one of Owen & Perry (section 5):

    1. fit :math:`D \\approx W_D H_D` with :func:`nmf_ref.nmf` at rank r;
    2. :math:`W_A = \\arg\\min_{W \\ge 0} \\|B - W H_D\\|` (rows I, seen through H_D);
    3. :math:`H_A = \\arg\\min_{H \\ge 0} \\|C - W_D H\\|` (columns J, seen through W_D);
    4. predict :math:`A \\approx W_A H_A`.

    Steps 2 and 3 are non-negative regressions, solved by :func:`nmf_ref.nmf`
    with the other factor fixed (``update_H=False``, same solver and loss as
    step 1); A is never read until it is scored. NMF is not unique (chapter 3):
    W_D H_D may be another factorization of D than the one behind X, and then
    the best non-negative W_A and H_A can miss A even without noise. For r = 1,
    or factors with enough zeros to be unique, a noiseless A is predicted exactly.

    Parameters
    ----------
    X : array (m, n), non-negative
    ranks : sequence of positive int
    n_row_folds, n_col_folds : int ≥ 2, default=2
    random_state : None, int or np.random.RandomState, default=None
        Draws the folds and the seeds of the runs.
    **nmf_kwargs
        Passed to :func:`nmf_ref.nmf` (not ``mask``, ``random_state``, ``W``,
        ``H`` or ``update_H``).

    Returns
    -------
    CVResult
        One row per held-out block (n_row_folds · n_col_folds), one column per
        rank. ``test_error`` is the RMSE of :math:`A - W_A H_A` over the block,
        ``train_error`` the RMSE of :math:`D - W_D H_D`.
    """
    X = check_matrix(X)
    ranks = _check_ranks(ranks)
    _check_kwargs(nmf_kwargs, "mask", "random_state", "W", "H", "update_H")
    n_row_folds = _check_count(n_row_folds, "n_row_folds", 2)
    n_col_folds = _check_count(n_col_folds, "n_col_folds", 2)
    rng = check_random_state(random_state)
    row_folds = _folds(X.shape[0], n_row_folds, rng, "n_row_folds")
    col_folds = _folds(X.shape[1], n_col_folds, rng, "n_col_folds")
    blocks = [(I, J) for I in row_folds for J in col_folds]
    regress = {k: v for k, v in nmf_kwargs.items() if k != "init"}  # the start is H fixed
    train_error = np.empty((len(blocks), len(ranks)))
    test_error = np.empty_like(train_error)
    for b, (I, J) in enumerate(blocks):
        rows = np.setdiff1d(np.arange(X.shape[0]), I)
        cols = np.setdiff1d(np.arange(X.shape[1]), J)
        A, B, C, D = X[np.ix_(I, J)], X[np.ix_(I, cols)], X[np.ix_(rows, J)], X[np.ix_(rows, cols)]
        seeds = _seeds(rng, len(ranks))
        for j, (r, seed) in enumerate(zip(ranks, seeds)):
            fit = nmf(D, r, random_state=seed, **nmf_kwargs)
            W_A = nmf(B, r, H=fit.H, update_H=False, **regress).W
            H_A = nmf(C.T, r, H=fit.W.T, update_H=False, **regress).W.T
            train_error[b, j] = _rmse(D - fit.W @ fit.H)
            test_error[b, j] = _rmse(A - W_A @ H_A)
    best = int(ranks[np.argmin(test_error.mean(axis=0))])
    return CVResult(ranks, train_error, test_error, best)


def consensus(X, rank, *, n_runs=30, random_state=None, **nmf_kwargs):
    """Brunet et al.'s (2004) consensus clustering of the rows (samples) of X.

    Each of ``n_runs`` runs of :func:`nmf_ref.nmf` from a different random start
    assigns sample i to the component with the largest entry of row i of W. The
    consensus matrix C averages the runs' connectivity matrices
    (:math:`C_{ij}` = share of runs in which i and j share a cluster). Then:

    * ``cophenetic``: average-linkage clustering of the distances 1 − C; the
      Pearson correlation between those distances and the tree's cophenetic
      distances (1 for a 0/1 matrix, that is, perfectly stable clusters);
    * ``dispersion`` (Kim & Park 2007): :math:`\\frac{1}{m^2}\\sum_{ij} 4(C_{ij} - \\tfrac12)^2`,
      also 1 for a 0/1 matrix;
    * ``labels``: that tree cut into ``rank`` clusters, numbered in leaf order;
    * ``order``: the leaf order, to draw ``C[np.ix_(order, order)]``.

    Parameters
    ----------
    X : array (m, n), non-negative; samples are rows (scikit-learn's orientation)
    rank : int
    n_runs : int ≥ 2, default=30
    random_state : None, int or np.random.RandomState, default=None
        The runs' seeds are drawn from it, so the same value gives the same result.
    **nmf_kwargs
        Passed to :func:`nmf_ref.nmf` (solver, beta_loss, init, max_iter, tol, ...).
        ``init`` defaults to ``"random"``; a deterministic start (``"nndsvd"``,
        ``"nndsvda"``) would make every run the same.

    Returns
    -------
    Consensus
    """
    from scipy.cluster.hierarchy import cophenet, fcluster, leaves_list, linkage

    X = check_matrix(X)
    if X.shape[0] < 2:
        raise ValueError(f"X has {X.shape[0]} row; consensus clusters the rows, so it "
                         "needs at least 2.")
    rank = check_rank(rank)
    n_runs = _check_count(n_runs, "n_runs", 2)
    _check_kwargs(nmf_kwargs, "random_state", "W", "H", "mask")
    nmf_kwargs = {"init": "random", **nmf_kwargs}
    if nmf_kwargs["init"] in ("nndsvd", "nndsvda"):
        raise ValueError(f"init={nmf_kwargs['init']!r} starts every run at the same point, "
                         "so the consensus would say nothing; use init='random' or 'nndsvdar'.")
    m = X.shape[0]
    C = np.zeros((m, m))
    best = None
    for seed in _seeds(random_state, n_runs):
        res = nmf(X, rank, random_state=seed, **nmf_kwargs)
        cluster = res.W.argmax(axis=1)
        C += cluster[:, None] == cluster[None, :]
        if best is None or res.loss[-1] < best.loss[-1]:
            best = res
    C /= n_runs
    distance = 1.0 - C[np.triu_indices(m, k=1)]  # condensed form, as linkage wants it
    tree = linkage(distance, method="average")
    if np.ptp(distance) == 0:  # all pairs alike: nothing to disagree about
        cophenetic = 1.0
    else:
        cophenetic = float(cophenet(tree, distance)[0])
    dispersion = float(np.mean(4 * (C - 0.5) ** 2))
    order = leaves_list(tree)
    raw = fcluster(tree, t=rank, criterion="maxclust")
    _, first = np.unique(raw[order], return_index=True)  # number clusters in leaf order
    renumber = {c: k for k, c in enumerate(raw[order][np.sort(first)])}
    labels = np.array([renumber[c] for c in raw])
    return Consensus(rank, C, cophenetic, dispersion, labels, order, best)
