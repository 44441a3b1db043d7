"""One module per update rule, each to be read beside its equation; and the registry.

The Frobenius-loss rules (``mu``, ``hals``, ``ahals``, ``als``, ``anls``, ``pgd``) are
written in *Gram form*: to update W they need the data only through the two
small products :math:`XH^T` (m×r) and :math:`HH^T` (r×r), so
``update_W(W, HHt, XHt)``. Updating H is the same step on the transposed
problem :math:`X^T \\approx H^T W^T`, so every ``update_H(H, WtW, WtX)`` is
``update_W(H.T, WtW, WtX.T).T``.

Each module ends with its record, ``RULE = Rule(...)`` (:class:`~nmf_ref.rules.record.Rule`):
its name, its steps, its stopping test, its options, and what it accepts (a mask,
a sparse X, β ≠ 2, the Dask row blocks). The registry below is built from those
records, and nothing outside this package tests a solver's name: the loop
(:mod:`nmf_ref.solve`), the Dask path, the extrapolation and the estimator read
the record.

The loop calls every rule the same way, ``step(W, HHt, XHt, l1, l2, **options)``,
and gets back ``(W_new, violation)``: the new factor and the KKT violation of the
factor it started from (:mod:`nmf_ref.stopping`), or None for a rule whose
stopping test does not use it. The bare ``update_W`` / ``update_H`` return the
new factor alone, in every rule. The L1 and L2 penalties
(:func:`nmf_ref.solve.regularization`) enter each rule the way its own equation
says: as a shift of the Gram products (:func:`penalized`) for every rule but MU,
whose ratio keeps them in the denominator.

``mu`` also has ``update_W_beta`` / ``update_H_beta`` for any β-divergence and
for masks, which need X itself (its record's ``update_W_X``, ``update_H_X``).
"""

from . import ahals, als, anls, hals, mu, pgd
from .record import Rule  # noqa: F401  (nmf_ref.rules.Rule, for a new rule)

RULES = {module.RULE.name: module.RULE for module in (mu, hals, ahals, als, anls, pgd)}
ALIASES = {"cd": "hals"}  # scikit-learn's name for HALS
SOLVERS = tuple(RULES)  # the names, defined once


def find(solver):
    """The record of ``solver`` (a name or an alias).

    Parameters
    ----------
    solver : str
        A solver name or an alias; anything else gives None.

    Returns
    -------
    Rule or None
        None for a name that is not registered.
    """
    return RULES.get(ALIASES.get(solver, solver)) if isinstance(solver, str) else None


def names(fact):
    """The solvers whose record has ``fact`` (a field of :class:`Rule`, e.g. ``"row_separable"``).

    Parameters
    ----------
    fact : str
        The name of a boolean field or property of :class:`Rule`.

    Returns
    -------
    list of str
        Their names, in the registry's order.
    """
    return [name for name, rule in RULES.items() if getattr(rule, fact)]
