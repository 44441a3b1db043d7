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


def update_W(W, HHt, XHt, order=None):
    """One HALS sweep over the columns of W, in place.

    Returns ``(W, violation)``, where ``violation`` is the L1 norm of the
    projected gradient met along the sweep: scikit-learn's stopping quantity.
    ``order`` is the column order (default 0..r-1).
    """
    violation = 0.0
    for t in range(W.shape[1]) if order is None else order:
        grad = W @ HHt[:, t] - XHt[:, t]  # d/dW[:, t] of the objective
        # at a zero entry only a negative gradient is a KKT violation
        violation += np.abs(np.where(W[:, t] == 0, np.minimum(grad, 0), grad)).sum()
        if HHt[t, t] != 0:  # a dead component (zero row of H) stays where it is
            W[:, t] = np.maximum(W[:, t] - grad / HHt[t, t], 0)
    return W, float(violation)


def update_H(H, WtW, WtX, order=None):
    """The same sweep over the rows of H (the W-step of :math:`X^T \\approx H^T W^T`)."""
    Ht, violation = update_W(H.T, WtW, WtX.T, order)
    return Ht.T, violation
