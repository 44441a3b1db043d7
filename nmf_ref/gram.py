"""The old name of :mod:`nmf_ref.data`'s in-memory kinds, kept so that existing imports work.

``gram.Dense``, ``gram.Sparse`` and ``gram.FilledIn`` (now :class:`nmf_ref.data.Masked`)
are the data objects of :mod:`nmf_ref.data`; new code imports them from there.
"""

from .data import Dense, Masked, Sparse

FilledIn = Masked  # the masked X, filled in with WH (chapter 15 shows its source)

__all__ = ["Dense", "Masked", "Sparse", "FilledIn"]
