"""Projected gradient descent (Lin 2007).

Take a gradient step on :math:`f(W) = \\tfrac12\\|X - WH\\|_F^2`, then project
back onto :math:`W \\ge 0` by clipping:

.. math::

    \\nabla_W f = W\\,HH^T - XH^T, \\qquad
    W \\leftarrow \\max\\!\\big(0,\\; W - \\alpha\\, \\nabla_W f\\big)

Here clipping *is* the right thing to do, unlike in ALS: the constraint set is
a box, and clipping is the exact Euclidean projection onto it.

The step size α decides everything. The gradient is Lipschitz with constant
:math:`L = \\lambda_{\\max}(HH^T)`, and any :math:`\\alpha < 2/L` decreases f.
A fixed α (``learning_rate``) is simple but fragile: beyond 2/L the iterates
can oscillate or blow up, and L changes with H at every iteration. With
``learning_rate=None`` the step follows Lin (2007): it searches along the
*projection arc* :math:`W(\\alpha) = \\max(0, W - \\alpha\\nabla f)` for an α with
sufficient decrease (the Armijo condition)

.. math::

    f(W(\\alpha)) - f(W) \\le \\sigma \\,\\langle \\nabla f,\\; W(\\alpha) - W \\rangle .

The search starts at α = 1/L, where the condition always holds when
σ ≤ ½ (the descent lemma gives :math:`f(W(\\alpha)) - f(W) \\le
\\tfrac12\\langle \\nabla f, W(\\alpha) - W\\rangle` there). Like Lin, it then
tries longer steps, multiplying α by 1/β while the condition still holds and
the point still moves, and keeps the last good one; if the condition fails
(σ > ½, or rounding) it shortens α by β until it holds.

f is quadratic, so for :math:`D = W(\\alpha) - W` the change
:math:`f(W + D) - f(W) = \\langle \\nabla f, D \\rangle
+ \\tfrac12 \\langle D\\,HH^T, D\\rangle` is exact (Lin 2007 tests the condition
this way). It costs :math:`O(mr^2)`, like the gradient, and avoids subtracting
two nearly equal values of f near the optimum.
"""

import numpy as np

from ..stopping import KKTTest
from ._gram import gram_step
from .record import Rule


def objective(W, HHt, XHt):
    """The W-subproblem objective in Gram form, up to a constant:
    :math:`\\tfrac12\\langle W\\,HH^T, W\\rangle - \\langle XH^T, W\\rangle`
    (add :math:`\\tfrac12\\|X\\|_F^2` to get :math:`\\tfrac12\\|X - WH\\|_F^2`).

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The point.
    HHt : ndarray of shape (r, r)
        :math:`HH^T`.
    XHt : ndarray of shape (m, r)
        :math:`XH^T`.

    Returns
    -------
    float
        The objective, up to the constant.
    """
    return 0.5 * np.vdot(W @ HHt, W) - np.vdot(XHt, W)


def gradient_W(W, HHt, XHt):
    """:math:`\\nabla_W f = W\\,HH^T - XH^T`.

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The current W.
    HHt : ndarray of shape (r, r)
        :math:`HH^T`.
    XHt : ndarray of shape (m, r)
        :math:`XH^T`.

    Returns
    -------
    ndarray of shape (m, r)
    """
    return W @ HHt - XHt


def armijo_step_size(W, grad, HHt, sigma=0.01, beta=0.1, max_steps=20):
    """Lin's search along the projection arc; returns α, or 0.0 if no α decreases f.

    Parameters
    ----------
    W : ndarray of shape (m, r)
        The current W.
    grad : ndarray of shape (m, r)
        :func:`gradient_W` at W.
    HHt : ndarray of shape (r, r)
        :math:`HH^T`.
    sigma : float, default=0.01
        The sufficient-decrease constant.
    beta : float, default=0.1
        The factor by which α shrinks (or grows, as α/β) at each trial.
    max_steps : int, default=20
        The most trials in either direction.

    Returns
    -------
    float
        The step α, from 1/L (L the largest eigenvalue of :math:`HH^T`) grown or
        shrunk by powers of β; 0.0 if no trial decreased f enough.
    """

    def sufficient_decrease(alpha):
        D = np.maximum(W - alpha * grad, 0) - W
        change = np.vdot(grad, D) + 0.5 * np.vdot(D @ HHt, D)  # = f(W + D) - f(W)
        return change <= sigma * np.vdot(grad, D), D

    L = np.linalg.eigvalsh(HHt)[-1]
    alpha = 1.0 / L if L > 0 else 1.0  # HH^T = 0: f is linear, any α is as good
    good, D = sufficient_decrease(alpha)
    if good:
        for _ in range(max_steps):
            longer_good, D_longer = sufficient_decrease(alpha / beta)
            if not longer_good or np.array_equal(D_longer, D):  # fails, or arc is flat
                break
            alpha, D = alpha / beta, D_longer
        return alpha
    for _ in range(max_steps):
        alpha *= beta
        if sufficient_decrease(alpha)[0]:
            return alpha
    return 0.0  # e.g. at a stationary point up to rounding: stay put


def update_W(W, HHt, XHt, learning_rate=None, sigma=0.01, beta=0.1, max_steps=20):
    """One projected-gradient step for W.

    Parameters
    ----------
    W : ndarray of shape (m, r)
        Current non-negative factor.
    HHt : ndarray of shape (r, r)
        :math:`HH^T` (plus :math:`\\lambda_2 I` with an L2 penalty).
    XHt : ndarray of shape (m, r)
        :math:`XH^T` (minus :math:`\\lambda_1` with an L1 penalty).
    learning_rate : float, optional
        A fixed step α. Default: Lin's Armijo search, which never increases f.
    sigma : float, default=0.01
        Sufficient-decrease constant σ of the Armijo condition, in (0, 1).
    beta : float, default=0.1
        Factor by which α shrinks (or 1/β grows) between trials, in (0, 1).
    max_steps : int, default=20
        Most trials in either direction.

    Returns
    -------
    ndarray of shape (m, r), a new array with the dtype of ``W``.
    """
    grad = gradient_W(W, HHt, XHt)
    if learning_rate is None:
        alpha = armijo_step_size(W, grad, HHt, sigma, beta, max_steps)
    else:
        alpha = learning_rate
    return np.maximum(W - alpha * grad, 0).astype(W.dtype, copy=False)


def update_H(H, WtW, WtX, learning_rate=None, sigma=0.01, beta=0.1, max_steps=20):
    """One projected-gradient step for H (the W-step of :math:`X^T \\approx H^T W^T`).

    Parameters
    ----------
    H : ndarray of shape (r, n)
        The current H.
    WtW : ndarray of shape (r, r)
        :math:`W^TW`.
    WtX : ndarray of shape (r, n)
        :math:`W^TX`.
    learning_rate, sigma, beta, max_steps
        As in :func:`update_W`.

    Returns
    -------
    ndarray of shape (r, n)
    """
    return update_W(H.T, WtW, WtX.T, learning_rate, sigma, beta, max_steps).T


def step(W, HHt, XHt, l1=0.0, l2=0.0, learning_rate=None):
    """The loop's call: penalties through the Grams (:func:`~nmf_ref.rules._gram.gram_step`).

    Parameters
    ----------
    W, HHt, XHt : ndarrays
        As in :func:`update_W`, without the penalties.
    l1, l2 : float, default=0.0
        The L1 and L2 weights of W's penalty.
    learning_rate : float, optional
        A fixed step; None uses Lin's Armijo search.

    Returns
    -------
    W_new : ndarray of shape (m, r)
    violation : float
        The KKT violation of ``W``.
    """
    return gram_step(update_W, W, HHt, XHt, l1, l2, learning_rate=learning_rate)


# not row-separable: Lin's line search looks at all of W
RULE = Rule("pgd", step, update_W, update_H, KKTTest, options=("learning_rate",))
