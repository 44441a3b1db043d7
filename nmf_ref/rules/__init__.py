"""One module per update rule, each to be read beside its equation; and the registry.

The Frobenius-loss rules (``mu``, ``hals``, ``ahals``, ``als``, ``anls``, ``pgd``) are
written in *Gram form*: to update W they need the data only through the two
small products :math:`XH^T` (m×r) and :math:`HH^T` (r×r), so
``update_W(W, HHt, XHt)``. Updating H is the same step on the transposed
problem :math:`X^T \\approx H^T W^T`, so every ``update_H(H, WtW, WtX)`` is
``update_W(H.T, WtW, WtX.T).T``.

The loop (:mod:`nmf_ref.solve`) knows no rule by name. It calls every rule the
same way, ``step(W, HHt, XHt, l1, l2, **options)``, and gets back
``(W_new, violation)``: the new factor and the KKT violation of the factor it
started from (:mod:`nmf_ref.stopping`), or None for a rule whose stopping test
does not use it. The L1 and L2 penalties (:func:`nmf_ref.solve.regularization`)
enter each rule the way its own equation says: as a shift of the Gram products
(:func:`penalized`) for every rule but MU, whose ratio keeps them in the
denominator. ``OPTIONS`` names the keyword options of a rule's ``step`` (the
loop passes only those), and ``STOPPING_TEST`` its stopping test.

``mu`` also has ``update_W_beta`` / ``update_H_beta`` for any β-divergence and
for masks, which need X itself.
"""

from . import ahals, als, anls, hals, mu, pgd

RULES = {"mu": mu, "hals": hals, "ahals": ahals, "als": als, "anls": anls, "pgd": pgd}
ALIASES = {"cd": "hals"}  # scikit-learn's name for HALS
SOLVERS = tuple(RULES)  # the names, defined once
