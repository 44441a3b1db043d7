"""What the Gram-form rules share: penalties as a shift of the Gram products."""

import numpy as np

from ..stopping import kkt_violation


def penalized(HHt, XHt, l1=0.0, l2=0.0):
    """The penalized half-step as a plain one: :math:`(HH^T + \\lambda_2 I,\\; XH^T - \\lambda_1)`.

    :math:`\\tfrac12\\|X - WH\\|^2 + \\lambda_1\\|W\\|_1 + \\tfrac{\\lambda_2}2\\|W\\|^2` has the
    gradient :math:`W(HH^T + \\lambda_2 I) - (XH^T - \\lambda_1)`, so a rule that
    sees the data only through the two products needs nothing else.

    Parameters
    ----------
    HHt : ndarray of shape (r, r)
        :math:`HH^T`.
    XHt : ndarray of shape (m, r)
        :math:`XH^T`.
    l1, l2 : float, default=0.0
        The L1 and L2 weights of the penalty on the factor updated.

    Returns
    -------
    (HHt, XHt) : the shifted products (new arrays where shifted)
    """
    if l2:
        HHt = HHt + l2 * np.eye(HHt.shape[0], dtype=HHt.dtype)
    if l1:
        XHt = XHt - l1
    return HHt, XHt


def gram_step(update_W, W, HHt, XHt, l1=0.0, l2=0.0, **options):
    """The loop's call for a rule that has no violation of its own: the penalized
    products, the new W, and the KKT violation of the W it started from.

    Parameters
    ----------
    update_W : callable ``update_W(W, HHt, XHt, **options) -> W_new``
        The rule's bare W-step.
    W, HHt, XHt : ndarrays of shape (m, r), (r, r) and (m, r)
        The current W, :math:`HH^T` and :math:`XH^T`, without the penalties.
    l1, l2 : float, default=0.0
        The L1 and L2 weights of the penalty on W.
    **options
        Passed to ``update_W``.

    Returns
    -------
    (W_new, violation) : ndarray, float
    """
    HHt, XHt = penalized(HHt, XHt, l1, l2)
    return update_W(W, HHt, XHt, **options), kkt_violation(W, W @ HHt - XHt)
