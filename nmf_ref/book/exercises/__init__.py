"""Checkers behind the book's exercises, one module per chapter.

A notebook imports its own chapter's module (``from nmf_ref.book.exercises
import ch04 as exercises``) and calls ``exercises.check_...(answer)``.
See :mod:`._common` for what a checker prints and raises.
"""
