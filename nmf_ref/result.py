"""What a run returns (:class:`NMFResult`) and the bookkeeping that builds it (:class:`History`).

Every loop (the in-memory one of :mod:`nmf_ref.solve`, the row-block one of
:mod:`nmf_ref.dask_blocks`) records its iterations here, so the two report alike.
"""

import time
from dataclasses import dataclass, field

import numpy as np


@dataclass
class NMFResult:
    """What :func:`nmf_ref.nmf` returns.

    Attributes
    ----------
    W, H : arrays of shape (m, r) and (r, n)
    loss : array
        Objective (β-divergence, or half the squared Frobenius norm, plus the
        penalty) after each iteration; ``loss[0]`` is at the initialization.
    time : array
        Cumulative seconds at each entry of ``loss`` (``time[0] == 0``).
    n_iter : int
    converged : bool
        True when the stopping rule fired (not when ``max_iter`` or the
        callback ended the run).
    solver, init : str
        The solver and the initialization actually used.
    beta : float
        The β of the loss (2 for Frobenius).
    violation : list of float
        Gram solvers other than MU: the KKT violation of each iteration, the
        quantity their stopping rule compares with its first value.
    trace : dict of ndarray or None
        With ``extrapolate``: per iteration, the objective at the extrapolated pair,
        the best so far, β, its cap and the restarts
        (:meth:`nmf_ref.extrapolate.Extrapolation.trace`); None otherwise.
    """

    W: np.ndarray
    H: np.ndarray
    loss: np.ndarray
    time: np.ndarray
    n_iter: int
    converged: bool
    solver: str
    init: str
    beta: float = 2.0
    violation: list = field(default_factory=list, repr=False)
    trace: dict = field(default=None, repr=False)


class History:
    """Loss, time and callback bookkeeping shared by every loop.

    Parameters
    ----------
    loss0 : float
        The objective at the start.
    callback : callable ``callback(it, W, H, loss)`` or None
        Called by :meth:`record`; returning True stops the run.
    """

    def __init__(self, loss0, callback):
        self.loss, self.time = [loss0], [0.0]
        self.callback = callback
        self.start = time.perf_counter()

    def record(self, it, W, H, loss):
        """Store one iteration: its loss and the seconds since the start; then ask the callback.

        Parameters
        ----------
        it : int
            The iteration just done (1 for the first).
        W : ndarray of shape (m, r)
            W after the iteration, passed to the callback.
        H : ndarray of shape (r, n)
            H after the iteration, passed to the callback.
        loss : float
            The objective after the iteration.

        Returns
        -------
        bool
            True if the callback asks to stop.
        """
        self.loss.append(loss)
        self.time.append(time.perf_counter() - self.start)
        return bool(self.callback is not None and self.callback(it, W, H, loss))

    def result(self, W, H, it, converged, solver, init, beta=2.0, violation=(), trace=None):
        """The :class:`NMFResult` of the run so far, ending at ``(W, H)`` after ``it`` iterations.

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The final W.
        H : ndarray of shape (r, n)
            The final H.
        it : int
            The number of iterations run.
        converged : bool
            Whether the stopping test fired.
        solver : str
            The solver used.
        init : str
            The initialization used.
        beta : float, default=2.0
            The β of the loss.
        violation : iterable of float, default=()
            The KKT violation of each iteration (Gram solvers other than MU).
        trace : dict, default=None
            The extrapolation's record (:meth:`nmf_ref.extrapolate.Extrapolation.trace`).

        Returns
        -------
        NMFResult
            With the recorded losses and times as arrays.
        """
        return NMFResult(W, H, np.array(self.loss), np.array(self.time), it,
                         converged, solver, init, beta, list(violation), trace)
