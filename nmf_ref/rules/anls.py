"""Alternating non-negative least squares by block principal pivoting (Kim & Park 2011).

ANLS solves each half-step *exactly*: with H fixed, every row w of W is the
solution of a small non-negative least-squares (NNLS) problem in Gram form,

.. math::

    W \\leftarrow \\operatorname*{arg\\,min}_{W \\ge 0} \\tfrac12\\|X - WH\\|_F^2,
    \\qquad
    w_i = \\operatorname*{arg\\,min}_{x \\ge 0}
          \\tfrac12\\, x^T (HH^T)\\, x - x^T (XH^T)_{i:}^T .

Because each step is an exact minimization, the objective never goes up, and
every limit point is stationary (Grippo & Sciandrone 2000). Compare ALS
(:mod:`nmf_ref.rules.als`), which clips an unconstrained solution and can go up.

**Block principal pivoting.** Write Q = AᵀA and c = Aᵀb for one NNLS problem
:math:`\\min_{x\\ge0} \\tfrac12 x^TQx - x^Tc`. Its solution is the x that
satisfies the KKT conditions

.. math::

    x \\ge 0, \\qquad y = Qx - c \\ge 0, \\qquad x_i y_i = 0 .

Guess which variables are positive (the *passive set* F; the others, G, are
zero). That fixes everything: :math:`x_G = 0`, :math:`x_F = Q_{FF}^{-1} c_F`,
:math:`y_F = 0`, :math:`y_G = (Qx - c)_G`. If :math:`x_F \\ge 0` and
:math:`y_G \\ge 0` the guess was right. Otherwise every variable that breaks
a condition (negative on F, negative gradient on G) changes side, and we solve
again. With two variables there are only four guesses, F = ∅, {1}, {2},
{1, 2}, giving the four candidate points (0, 0), (c₁/Q₁₁, 0), (0, c₂/Q₂₂) and
Q⁻¹c; exactly one of them is feasible with a non-negative gradient.

Moving every offender at once (a *full exchange*) is what makes the method
fast, but it can cycle. So we count the offenders: whenever they are not fewer
than the best count so far for 3 exchanges in a row, we move only the one with
the largest index (Murty's *backup rule*), which is guaranteed to terminate;
as soon as the count drops, full exchanges resume.

All the right-hand sides are solved together, in one batched
``np.linalg.solve`` over the columns. A warm start from the current factor
(F = {W > 0}) usually needs one or two exchanges once NMF settles.
"""

import warnings

import numpy as np

from ..stopping import KKTTest
from ._gram import gram_step
from .record import Rule

FULL_EXCHANGES = 3  # non-improving full exchanges allowed before the backup rule
ROUNDING = 1e-12  # relative size of a gradient entry we cannot tell from zero


def nnls(AtA, AtB, passive=None, max_iter=None):
    """Solve :math:`\\min_{x \\ge 0} \\tfrac12 x^T Q x - x^T c` for every column c of ``AtB``.

    Here Q = AᵀA and c = Aᵀb: the Gram form of :math:`\\min_{x \\ge 0} \\|Ax - b\\|`.

    Parameters
    ----------
    AtA : ndarray of shape (r, r)
        Q, symmetric positive semi-definite; it may be singular.
    AtB : ndarray of shape (r, k)
        One right-hand side c per column; any sign.
    passive : bool ndarray of shape (r, k), optional
        Warm start: the variables guessed to be positive (e.g. ``x_old > 0``).
        Default: none of them.
    max_iter : int, optional
        Bound on the number of exchanges, default 100·r (a few·r is typical;
        a singular Q can take tens of r). Reaching it gives a warning.

    Returns
    -------
    ndarray of shape (r, k), float64: the solutions, one per column.

    Examples
    --------
    Two variables, where the unconstrained minimizer :math:`Q^{-1}c = (-1, 3)`
    is infeasible and the answer lies on the edge :math:`x_1 = 0`:

    >>> Q = np.array([[2.0, 1.0], [1.0, 1.0]])
    >>> nnls(Q, np.array([[1.0], [2.0]]))
    array([[0.],
           [2.]])
    """
    C = np.asarray(AtB, dtype=np.float64)
    r, k = C.shape
    Q = np.asarray(AtA, dtype=np.float64)
    # A singular Q (a dead component, a rank-deficient A) has singular blocks
    # Q_FF. Adding eps * trace(Q) to the diagonal, between 1 and r times the
    # rounding error of Q's largest eigenvalue, makes Q positive definite: every
    # solve is well posed, the answer moves only at rounding level, and the
    # backup rule's guarantee to terminate (stated for a positive-definite Q)
    # holds. (For Q = 0 any positive lift will do.)
    Q = Q + np.finfo(np.float64).eps * (np.trace(Q) or 1.0) * np.eye(r)
    if max_iter is None:
        max_iter = 100 * r

    P = np.zeros((r, k), dtype=bool) if passive is None else np.array(passive, dtype=bool)
    X, Y = _solve_on_passive_sets(Q, C, P)
    fewest = np.full(k, r + 1)  # fewest offenders seen so far, per column
    chances = np.full(k, FULL_EXCHANGES)  # full exchanges left before the backup rule
    V = _offenders(P, X, Y, Q, C)
    for _ in range(max_iter):
        n = V.sum(axis=0)
        todo = n > 0
        if not todo.any():
            return X
        better = todo & (n < fewest)
        fewest[better], chances[better] = n[better], FULL_EXCHANGES
        backup = todo & ~better & (chances == 0)
        chances[todo & ~better & (chances > 0)] -= 1
        last = r - 1 - np.argmax(V[::-1], axis=0)  # largest offending index
        V[:, backup] = False
        V[last[backup], backup] = True
        P ^= V  # each offender changes side
        X[:, todo], Y[:, todo] = _solve_on_passive_sets(Q, C[:, todo], P[:, todo])
        V = _offenders(P, X, Y, Q, C)
    if V.any():
        warnings.warn(f"nnls did not settle in {max_iter} exchanges", RuntimeWarning)
    return np.maximum(X, 0)


def _solve_on_passive_sets(Q, C, P):
    """x_F = Q_FF⁻¹ c_F and x_G = 0 for every column; return x and y = Qx − c.

    All columns in one batched ``np.linalg.solve``: column j's system is Q with
    the rows and columns of its zero variables G replaced by those of the
    identity (and c_G by 0), which leaves x_F = Q_FF⁻¹ c_F and gives x_G = 0.
    """
    r = Q.shape[0]
    F = P.T  # (k, r): row j is column j's passive set
    systems = Q * (F[:, :, None] & F[:, None, :])
    systems[:, np.arange(r), np.arange(r)] += ~F
    X = np.linalg.solve(systems, (C.T * F)[:, :, None])[:, :, 0].T
    return X, Q @ X - C


def _offenders(P, X, Y, Q, C):
    """The variables that break a KKT condition: x < 0 on P, or y < 0 off P."""
    # A true zero gradient comes out of the subtraction Qx - c as +-rounding;
    # counting that as negative would move the variable back and forth forever.
    tol = ROUNDING * (np.abs(Q).max() * np.abs(X).max(axis=0) + np.abs(C).max(axis=0))
    return (P & (X < 0)) | (~P & (Y < -tol))


def candidates_2d(Q, c):
    """Block principal pivoting by hand, for two variables: every candidate and the answer.

    Book: chapter 5 (its two-variable picture). Returns a dict of 2-vectors.

    For :math:`q(x) = \\tfrac12 x^TQx - c^Tx`: ``"unconstrained"`` = :math:`Q^{-1}c`,
    ``"clipped"`` = its negative entries set to 0 (what ALS does),
    ``"nnls"`` = the minimizer over :math:`x \\ge 0`, and ``"candidates"``:
    the four points of block principal pivoting, one per passive set
    ∅, {1}, {2}, {1, 2}.

    Parameters
    ----------
    Q : array_like of shape (2, 2)
        Symmetric positive definite.
    c : array_like of shape (2,)
        The linear term.

    Returns
    -------
    dict
        ``"unconstrained"``, ``"clipped"`` and ``"nnls"``: ndarrays of shape (2,);
        ``"candidates"``: ndarray of shape (4, 2), passive sets ∅, {1}, {2}, {1, 2}.
    """
    Q, c = np.asarray(Q, dtype=float), np.asarray(c, dtype=float)
    unconstrained = np.linalg.solve(Q, c)
    candidates = np.array([[0.0, 0.0], [c[0] / Q[0, 0], 0.0], [0.0, c[1] / Q[1, 1]],
                           unconstrained])
    best, best_value = None, np.inf
    for x in candidates:  # the feasible candidate with the lowest q is the answer
        value = 0.5 * x @ Q @ x - c @ x
        if (x >= -1e-12).all() and value < best_value:
            best, best_value = x, value
    return {"unconstrained": unconstrained, "clipped": np.maximum(unconstrained, 0),
            "nnls": best, "candidates": candidates}


def update_W(W, HHt, XHt):
    """The exact ANLS step for W: each row is the NNLS solution, warm-started at ``W > 0``.

    Parameters
    ----------
    W : ndarray of shape (m, r)
        Current factor; only its sign pattern (the warm start) and dtype are used.
    HHt : ndarray of shape (r, r)
        :math:`HH^T` (plus :math:`\\lambda_2 I` with an L2 penalty); may be singular.
    XHt : ndarray of shape (m, r)
        :math:`XH^T` (minus :math:`\\lambda_1` with an L1 penalty).

    Returns
    -------
    ndarray of shape (m, r), a new array with the dtype of ``W``.
    """
    return nnls(HHt, XHt.T, passive=(W > 0).T).T.astype(W.dtype, copy=False)


def update_H(H, WtW, WtX):
    """The exact ANLS step for H (the W-step of :math:`X^T \\approx H^T W^T`).

    Parameters
    ----------
    H : ndarray of shape (r, n)
        The current H.
    WtW : ndarray of shape (r, r)
        :math:`W^TW`.
    WtX : ndarray of shape (r, n)
        :math:`W^TX`.

    Returns
    -------
    ndarray of shape (r, n)
    """
    return update_W(H.T, WtW, WtX.T).T


def step(W, HHt, XHt, l1=0.0, l2=0.0):
    """The loop's call: penalties through the Grams (:func:`~nmf_ref.rules._gram.gram_step`).

    Parameters
    ----------
    W, HHt, XHt : ndarrays
        As in :func:`update_W`, without the penalties.
    l1, l2 : float, default=0.0
        The L1 and L2 weights of W's penalty.

    Returns
    -------
    W_new : ndarray of shape (m, r)
    violation : float
        The KKT violation of ``W``.
    """
    return gram_step(update_W, W, HHt, XHt, l1, l2)


RULE = Rule("anls", step, update_W, update_H, KKTTest, row_separable=True,
            # Ang & Gillis tune γ and γ̄ higher for ANLS, whose steps are exact
            extrapolation={"gamma": 1.1, "gamma_bar": 1.05})
