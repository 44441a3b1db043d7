"""The registry of the book's data sets and the one kind of object they return.

Every data set is a function in one of this package's modules, registered once
with :func:`register` together with its source and licence; :func:`load` calls
it by name and returns a :class:`Dataset`: the matrix ``X`` that NMF factors,
the name, source and licence, and the extras a chapter needs (labels, image
shape, words, the true factors ``W`` and ``H`` of generated data, ...).

Generated data say so in their source ("generated here by ...") and need no
licence beyond the project's own, :data:`GENERATED`.
"""

import functools
import inspect
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

GENERATED = "generated; no licence needed (the code that makes it is the project's, BSD-3-Clause)"


@dataclass(frozen=True, repr=False, eq=False)  # eq would compare arrays ambiguously
class Dataset:
    """A data set: ``X``, where it comes from, under which licence, and its extras.

    Extras read as attributes or keys: ``data.labels`` and ``data["labels"]``
    are ``data.extras["labels"]``.

    Attributes
    ----------
    X : ndarray (2-D, float, non-negative; NaN marks a missing entry)
        The matrix NMF factors.
    name : str
        The name it is registered under (``load(name)``).
    source : str
        Who made it: a citation, or "generated here by ...".
    licence : str
        The licence it is distributed under (:data:`GENERATED` for generated data).
    extras : mapping
        Everything else a chapter uses, by name.
    """

    X: np.ndarray
    name: str
    source: str
    licence: str
    extras: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def __getattr__(self, key):
        if key.startswith("_") or key == "extras":  # not an extra (copy, pickle)
            raise AttributeError(key)
        try:
            return self.extras[key]
        except KeyError:
            raise AttributeError(f"The data set {self.name!r} has no {key!r}; it has X and "
                                 f"{', '.join(self.extras) or 'no extras'}.") from None

    def __getitem__(self, key):
        if key == "X":
            return self.X
        if key not in self.extras:
            raise KeyError(f"The data set {self.name!r} is read by name (X or "
                           f"{', '.join(self.extras) or 'no extras'}), got {key!r}.")
        return self.extras[key]

    def __contains__(self, key):
        return key == "X" or key in self.extras

    def _describe(self, bold=""):
        extras = ", ".join(self.extras) or "none"
        return (f"{bold}{self.name}{bold}: X {self.X.shape[0]} × {self.X.shape[1]} "
                f"({self.X.dtype}); extras: {extras}", f"source: {self.source}",
                f"licence: {self.licence}")

    def __repr__(self):
        return "\n".join(self._describe())

    def _repr_markdown_(self):
        return "\n\n".join(self._describe("**"))


@dataclass(frozen=True)
class Entry:
    """One registered data set: its name, the function that makes it, source, licence."""

    name: str
    make: object
    source: str
    licence: str

    @property
    def options(self):
        """The names of the options ``load(name, ...)`` accepts."""
        return tuple(inspect.signature(self.make).parameters)


REGISTRY = {}


def register(name, *, source, licence):
    """Register the decorated function as the data set ``name``.

    The function returns a dict: ``"X"`` and the extras. It becomes the function
    that returns the :class:`Dataset` (so calling it and ``load(name, ...)``
    give the same object).

    Parameters
    ----------
    name : str
        The name chapters load it by; unique.
    source : str
        Who made the data (citation), or "generated here by ...".
    licence : str
        The data's licence; :data:`GENERATED` for generated data.

    Raises
    ------
    ValueError
        If ``name`` is taken, or ``source`` or ``licence`` is empty.
    """
    for what, text in (("name", name), ("source", source), ("licence", licence)):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"register() needs a non-empty {what} for every data set, "
                             f"got {text!r} (see CONTRIBUTING.md, 'Add a dataset').")
    if name in REGISTRY:
        raise ValueError(f"A data set named {name!r} is registered already "
                         f"(by {REGISTRY[name].make.__module__}).")

    def decorate(make):
        REGISTRY[name] = Entry(name, make, source, licence)

        @functools.wraps(make)
        def loader(*args, **options):
            return _build(REGISTRY[name], *args, **options)

        return loader

    return decorate


def _build(entry, *args, **options):
    try:
        inspect.signature(entry.make).bind(*args, **options)
    except TypeError as error:
        unknown = sorted(set(options) - set(entry.options))
        raise TypeError(f"The data set {entry.name!r} takes the options {list(entry.options)}; "
                        + (f"got unknown {unknown}." if unknown else f"{error}.")) from None
    parts = dict(entry.make(*args, **options))
    X = parts.pop("X")
    return Dataset(X, entry.name, entry.source, entry.licence, MappingProxyType(parts))


def names():
    """The names of the registered data sets, sorted."""
    return sorted(REGISTRY)


def load(name, **options):
    """The data set ``name``, made with ``options``: a :class:`Dataset`.

    Parameters
    ----------
    name : str
        One of :func:`names`.
    **options
        The data set's own arguments (shapes, seeds, noise, ...); see the
        function registered under ``name`` (``REGISTRY[name].make``).

    Returns
    -------
    Dataset

    Raises
    ------
    ValueError
        If ``name`` is not registered (the message lists the names).
    TypeError
        If an option is not one the data set takes (the message lists them).
    """
    if name not in REGISTRY:
        raise ValueError(f"Unknown data set {name!r}; the registered ones are {names()}.")
    return _build(REGISTRY[name], **options)
