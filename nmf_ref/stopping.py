"""When to stop: the two stopping tests of scikit-learn, in one place.

Book: chapter 8 derives both; the loop in :mod:`nmf_ref.solve`, the chapters
and the exercise checkers all use these functions.

**The KKT test** (scikit-learn's ``cd``; here every solver but MU). At a
solution of :math:`\\min_{W \\ge 0} f(W)` the KKT conditions hold:
:math:`W \\ge 0`, :math:`\\nabla f \\ge 0`, :math:`W \\circ \\nabla f = 0`. The
*projected gradient* measures how far a point is from them: the gradient
itself where :math:`W > 0`, and only its negative part where :math:`W = 0`
(a positive gradient there pushes against the bound, which is allowed). Its
L1 norm, the *violation*, is 0 exactly at a KKT point. Stop when the
violation of an iteration has fallen to ``tol`` times that of the first.

**The error test** (scikit-learn's ``mu``). Every 10 iterations compute the
error :math:`e = \\sqrt{2 D_\\beta(X \\mid WH)}` and stop when it dropped by less
than ``tol`` times :math:`e_0` (the error at the start) since the last check.
"""

import numpy as np

CHECK_EVERY = 10  # MU's error test runs every this many iterations (scikit-learn's)


def projected_gradient(W, grad):
    """The projected gradient: ``grad``, with only its negative part kept where ``W == 0``.

    Parameters
    ----------
    W : ndarray
        The non-negative point.
    grad : ndarray of W's shape
        The gradient of the objective at W.

    Returns
    -------
    ndarray of W's shape
        ``grad`` where W > 0, ``min(grad, 0)`` where W == 0.
    """
    return np.where(W == 0, np.minimum(grad, 0), grad)


def kkt_violation(W, grad):
    """L1 norm of the projected gradient: 0 exactly at a KKT point of :math:`\\min_{W\\ge0}`.

    Parameters
    ----------
    W : ndarray
        The non-negative point.
    grad : ndarray of W's shape
        The gradient of the objective at W.

    Returns
    -------
    float
        The violation, ≥ 0.
    """
    return float(np.abs(projected_gradient(W, grad)).sum())


def kkt_converged(violation, first_violation, tol):
    """The KKT test: the violation has fallen to ``tol`` times the first one (or is 0).

    Parameters
    ----------
    violation : float
        This iteration's KKT violation.
    first_violation : float
        The first iteration's; 0 means converged at once.
    tol : float
        The tolerance.

    Returns
    -------
    bool
        ``first_violation == 0 or violation / first_violation <= tol``.
    """
    return first_violation == 0 or violation / first_violation <= tol


def error_converged(previous_error, error, initial_error, tol):
    """MU's test: the error dropped by less than ``tol * initial_error`` since the last check.

    Parameters
    ----------
    previous_error : float
        The error at the last check.
    error : float
        The error now.
    initial_error : float
        The error at the start, e_0; 0 never converges.
    tol : float
        The tolerance.

    Returns
    -------
    bool
        ``initial_error > 0 and (previous_error - error) / initial_error < tol``.
    """
    return initial_error > 0 and (previous_error - error) / initial_error < tol


class KKTTest:
    """The KKT test as the loop uses it: ``test(it, violation, error)`` after each
    iteration. (``initial_error`` and ``error`` are unused: the signature is
    that of :class:`ErrorTest`, so the loop treats both alike.)

    Calling the test returns True once the violation has fallen to ``tol`` times
    that of its first call (:func:`kkt_converged`).

    Parameters
    ----------
    tol : float
        The tolerance.
    initial_error : float, default=None
        Unused.
    """

    def __init__(self, tol, initial_error=None):
        self.tol, self.first = tol, None

    def __call__(self, it, violation, error):
        if self.first is None:
            self.first = violation
        return kkt_converged(violation, self.first, self.tol)


class ErrorTest:
    """MU's test as the loop uses it: ``test(it, violation, error)`` after each
    iteration, where ``error()`` gives the current error; it is called only
    every :data:`CHECK_EVERY` iterations (it may cost a full residual).

    Calling the test returns True when the error dropped by less than
    ``tol * initial_error`` since the last check (:func:`error_converged`); never
    when ``tol <= 0``.

    Parameters
    ----------
    tol : float
        The tolerance.
    initial_error : float
        The error at the start, e_0.
    """

    def __init__(self, tol, initial_error):
        self.tol, self.initial = tol, initial_error
        self.previous = initial_error

    def __call__(self, it, violation, error):
        if self.tol <= 0 or it % CHECK_EVERY:
            return False
        current = error()
        done = error_converged(self.previous, current, self.initial, self.tol)
        self.previous = current
        return done
