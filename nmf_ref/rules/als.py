"""Alternating least squares with clipping (Paatero & Tapper 1994; Berry et al. 2007).

Forget the constraint, solve the least-squares problem for W exactly, then set
the negative entries to zero:

.. math::

    W \\leftarrow \\max\\!\\big(0,\\; XH^T\\,(HH^T)^{-1}\\big)

It is the cheapest exact solve there is (one r×r inverse, shared by all m
rows), and it often gets close to a good factorization in a few sweeps.

**It is not a descent method.** Clipping the unconstrained minimizer does *not*
give the minimizer of the constrained problem :math:`\\min_{W \\ge 0}`: the
positive entries of a row were chosen together with its negative ones, to
make up for them, and once those are set to zero the rest no longer fit. The
clipped point can be worse than where we started, so the objective can go *up*
after an ALS step, the loss curve need not be monotone, and nothing guarantees
convergence. ANLS (:mod:`nmf_ref.rules.anls`) solves the constrained problem
instead, and is monotone.

:math:`HH^T` is singular when a row of H is zero (a dead component) or when
H has fewer columns than rows, and then :math:`(HH^T)^{-1}` does not exist. We
use the pseudo-inverse :math:`(HH^T)^+` (``np.linalg.pinv``, by SVD) instead:
it *is* the inverse whenever the inverse exists, and otherwise it gives the
minimum-norm least-squares solution, which leaves a dead component at zero
instead of raising an error or returning entries of size 1e16 as
``np.linalg.solve`` would. Inverting the r×r matrix once and multiplying is
cheap, since all m rows share it (``np.linalg.lstsq`` with m right-hand sides
gives the same answer some 30 times slower).
"""

import numpy as np

from ..stopping import KKTTest
from ._gram import gram_step
from .record import Rule


def update_W(W, HHt, XHt):
    """One ALS step for W: the clipped least-squares solution.

    Parameters
    ----------
    W : ndarray of shape (m, r)
        Current factor; ALS ignores its values and uses only its dtype.
    HHt : ndarray of shape (r, r)
        :math:`HH^T` (plus :math:`\\lambda_2 I` with an L2 penalty).
    XHt : ndarray of shape (m, r)
        :math:`XH^T` (minus :math:`\\lambda_1` with an L1 penalty).

    Returns
    -------
    ndarray of shape (m, r), a new array with the dtype of ``W``.
    """
    W_ls = XHt @ np.linalg.pinv(HHt)  # the unconstrained minimizer
    return np.maximum(W_ls, 0).astype(W.dtype, copy=False)


def update_H(H, WtW, WtX):
    """One ALS step for H (the W-step of :math:`X^T \\approx H^T W^T`).

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


RULE = Rule("als", step, update_W, update_H, KKTTest, row_separable=True)
