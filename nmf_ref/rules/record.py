"""The one record each rule module declares: what the loop, the Dask path and the
extrapolation need to know about a rule, kept beside the rule's equation."""

from dataclasses import dataclass, field
from typing import Callable, Optional


@dataclass(frozen=True, eq=False)  # a rule is itself: compared and hashed by identity
class Rule:
    """A rule's facts, declared once at the bottom of its module as ``RULE = Rule(...)``.

    Parameters
    ----------
    name : str
        The solver name that selects it (``nmf(X, r, solver=name)``).
    step : callable ``step(W, HHt, XHt, l1, l2, **options) -> (W_new, violation)``
        The loop's call: one half-step in Gram form, penalties included;
        ``violation`` is the KKT violation of ``W`` (None if ``stopping`` does not use it).
    update_W, update_H : callable
        The bare equations, ``update_W(W, HHt, XHt) -> W_new`` and
        ``update_H(H, WtW, WtX) -> H_new``: one array back, in every rule.
    stopping : class
        Its stopping test (:class:`nmf_ref.stopping.KKTTest` or ``ErrorTest``).
    options : tuple of str, default=()
        The keyword options of ``step`` (the loop passes only those).
    row_separable : bool, default=False
        Row i of the new W depends only on row i of W and of XHᵀ: the Dask row-block
        path (:mod:`nmf_ref.dask_blocks`) can run it a block at a time.
    extrapolation : dict
        Its own defaults for :mod:`nmf_ref.extrapolate` (over ``extrapolate.DEFAULTS``).
    keeps_zeros : bool, default=False
        A zero entry stays zero (MU's ratio): a start must be positive, and an
        extrapolated point is kept above a fraction of the plain iterate.
    update_W_X, update_H_X : callable, optional
        Steps that read X itself, ``update_W_X(X, W, H, beta, l1, l2, mask)``: the rule
        then minimizes any β-divergence, and fits a mask exactly. Without them the
        rule is Frobenius only, and a mask is filled in (:class:`nmf_ref.data.Masked`).
    accepts_mask, accepts_sparse : bool, default=True
        Whether ``nmf`` may run it with a ``mask``, or on a SciPy sparse X.
    """

    name: str
    step: Callable
    update_W: Callable
    update_H: Callable
    stopping: type
    options: tuple = ()
    row_separable: bool = False
    extrapolation: dict = field(default_factory=dict)
    keeps_zeros: bool = False
    update_W_X: Optional[Callable] = None
    update_H_X: Optional[Callable] = None
    accepts_mask: bool = True
    accepts_sparse: bool = True

    @property
    def any_beta(self):
        """True if it minimizes any β-divergence, False if the Frobenius loss only."""
        return self.update_W_X is not None

    def reads_X(self, beta, masked):
        """True if this run needs the steps on X itself (β ≠ 2, or an exact masked fit).

        Parameters
        ----------
        beta : float
            β of the run's loss.
        masked : bool
            Whether the run has a mask.

        Returns
        -------
        bool
            ``any_beta and (beta != 2 or masked)``.
        """
        return self.any_beta and (beta != 2 or masked)
