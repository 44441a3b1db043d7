"""Hierarchical ALS, i.e. cyclic coordinate descent (Cichocki & Phan 2009).

scikit-learn calls it ``solver="cd"``. With everything but column t of W fixed,
the objective is a quadratic in that column with a closed-form non-negative
minimizer:

.. math::

    W_{:t} \\leftarrow \\max\\!\\Big(0,\\; W_{:t} - \\frac{(W\\,HH^T)_{:t} - (XH^T)_{:t}}{(HH^T)_{tt}}\\Big)

One sweep visits every column once, so it costs the two products
:math:`XH^T` and :math:`HH^T` (made once by the caller) plus :math:`O(mr^2)`.
L1/L2 penalties enter only through the Gram products: the caller passes
:math:`XH^T - \\lambda_1` and :math:`HH^T + \\lambda_2 I`.
"""

import numpy as np

from ..stopping import KKTTest, kkt_violation
from ._gram import penalized

STOPPING_TEST = KKTTest
OPTIONS = ("rng",)  # a RandomState: visit the columns in a random order (shuffle)


def update_W(W, HHt, XHt, order=None):
    """One HALS sweep over the columns of W.

    Returns ``(W_new, violation)``. ``violation`` is scikit-learn's stopping
    quantity: the L1 norm of the projected gradient that each column met just
    before its own update (:func:`nmf_ref.stopping.kkt_violation`). ``order`` is
    the column order (default 0..r-1).
    """
    W_new = np.array(W, order="F")  # contiguous columns: the sweep works column-wise
    XHt = np.asfortranarray(XHt)
    steps = np.zeros_like(W_new)  # column t: minus the gradient met, over HHt[t, t]
    for t in range(W.shape[1]) if order is None else order:
        if HHt[t, t] == 0:  # a dead component (zero row of H) stays where it is
            continue
        delta = steps[:, t]  # a view, so the line below fills `steps`
        np.subtract(XHt[:, t], W_new @ HHt[t], out=delta)  # HHt symmetric: row t = column t
        delta /= HHt[t, t]
        column = W_new[:, t]  # a view: the update lands in W_new
        column += delta
        np.maximum(column, 0, out=column)
    # column t met the gradient -steps[:, t] * HHt[t, t] just before its update
    return W_new, kkt_violation(W, -steps * np.diag(HHt))


def update_H(H, WtW, WtX, order=None):
    """The same sweep over the rows of H (the W-step of :math:`X^T \\approx H^T W^T`)."""
    Ht, violation = update_W(H.T, WtW, WtX.T, order)
    return Ht.T, violation


def step(W, HHt, XHt, l1=0.0, l2=0.0, rng=None):
    """The loop's call: penalties through the Grams; returns ``(W_new, violation)``."""
    order = rng.permutation(W.shape[1]) if rng is not None else None
    return update_W(W, *penalized(HHt, XHt, l1, l2), order)
