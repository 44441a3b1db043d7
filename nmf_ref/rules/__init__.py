"""One module per update rule, each to be read beside its equation.

The Frobenius-loss rules (``mu``, ``hals``, ``als``, ``anls``, ``pgd``) are
written in *Gram form*: to update W they need the data only through the two
small products :math:`XH^T` (m×r) and :math:`HH^T` (r×r), so
``update_W(W, HHt, XHt)``. Updating H is the same step on the transposed
problem :math:`X^T \\approx H^T W^T`, so every ``update_H(H, WtW, WtX)`` is
``update_W(H.T, WtW, WtX.T).T``. The loop in :mod:`nmf_ref.solve` computes the
products once per half-step and hands them to the rule.

``mu`` also has ``update_W_beta`` / ``update_H_beta`` for any β-divergence and
for masks, which need X itself.
"""
