"""Every public name of the core has a numpydoc docstring: a summary, a Parameters section
naming exactly its parameters in order (a dataclass may name its fields under Attributes
instead; a class documents its constructor), and a Returns (or Yields) section, or a
summary that says the function returns None. Properties need a summary only.

The core is ``nmf_ref/*.py`` and ``nmf_ref/rules/*.py`` (the book layer, ``nmf_ref/book``,
is not checked here). A public name is a function or class whose name does not start with
``_`` and that is defined in the module that holds it (``obj.__module__``), plus the public
methods of public classes. numpydoc is not a dependency, so the sections are read with a
small parser below; it understands exactly the layout numpydoc prescribes::

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Meaning.
    W, H : ndarray
        Two names sharing one entry.
"""

import dataclasses
import importlib
import inspect
import pkgutil
import re

import pytest

import nmf_ref
import nmf_ref.rules

# Modules not checked yet (none: every core module is).
PENDING = set()

SECTION = re.compile(r"^(?P<indent>[ ]*)(?P<name>[A-Z][A-Za-z ]+)\n(?P=indent)-{3,}[ ]*$",
                     re.MULTILINE)
ENTRY = re.compile(r"^(?P<names>\*{0,2}[A-Za-z_][\w]*(?:\s*,\s*\*{0,2}[A-Za-z_][\w]*)*)"
                   r"\s*(?::.*)?$")
RETURNS_NONE = re.compile(r"\b(returns? None|returns? nothing)\b", re.IGNORECASE)


def core_modules():
    """Return the names of the core's modules (the package, its modules, rules/).

    Returns
    -------
    list of str
        Dotted module names, ``nmf_ref.book`` and its modules left out.
    """
    names = ["nmf_ref", "nmf_ref.rules"]
    names += [f"nmf_ref.{m.name}" for m in pkgutil.iter_modules(nmf_ref.__path__)
              if m.name != "book" and not m.ispkg]
    names += [f"nmf_ref.rules.{m.name}" for m in pkgutil.iter_modules(nmf_ref.rules.__path__)]
    return sorted(names)


def public_names(modules):
    """Return every public function, class and method defined in `modules`.

    Parameters
    ----------
    modules : list of str
        Dotted module names.

    Returns
    -------
    list of tuple
        ``(qualified name, object, kind)`` with kind one of ``"function"``, ``"class"``,
        ``"method"``, ``"property"``.
    """
    found = []
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module_name:
                continue
            if inspect.isfunction(obj):
                found.append((f"{module_name}.{name}", obj, "function"))
            elif inspect.isclass(obj):
                found.append((f"{module_name}.{name}", obj, "class"))
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    qual = f"{module_name}.{name}.{attr}"
                    if isinstance(member, property):
                        found.append((qual, member, "property"))
                    elif isinstance(member, (staticmethod, classmethod)):
                        found.append((qual, member.__func__, "method"))
                    elif inspect.isfunction(member):
                        found.append((qual, member, "method"))
    return found


def sections(doc):
    """Split a cleaned docstring into its numpydoc sections.

    Parameters
    ----------
    doc : str
        The docstring, dedented by ``inspect.cleandoc``.

    Returns
    -------
    dict
        Section title (``"Parameters"``, ``"Returns"``, ...) to the list of names its
        entries declare (for Returns, the first word of each entry line).
    """
    heads = list(SECTION.finditer(doc))
    out = {}
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(doc)
        body = doc[head.end():end].splitlines()
        indent = len(head.group("indent"))
        names = []
        for line in body:
            if not line.strip() or len(line) - len(line.lstrip()) != indent:
                continue
            match = ENTRY.match(line.strip())
            if match:
                names += [n.strip() for n in match.group("names").split(",")]
            else:
                names.append(line.strip())
        out[head.group("name").strip()] = names
    return out


def expected_parameters(obj):
    """Return the names a Parameters section must list for `obj`.

    Parameters
    ----------
    obj : callable
        A function, method or class.

    Returns
    -------
    list of str
        Parameter names in order, ``self``/``cls`` dropped, ``*args`` and ``**kwargs``
        written with their stars.
    """
    params = []
    for p in inspect.signature(obj).parameters.values():
        if p.name in ("self", "cls"):
            continue
        stars = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
        params.append(stars + p.name)
    return params


def problems(obj, kind):
    """List what `obj`'s docstring lacks.

    Parameters
    ----------
    obj : object
        A public function, class, method or property of the core.
    kind : {"function", "class", "method", "property"}
        What `obj` is.

    Returns
    -------
    list of str
        One message per missing piece, empty when the docstring is complete.
    """
    doc = inspect.cleandoc(obj.__doc__ or "")
    if not doc:
        return ["no docstring"]
    found = []
    summary = doc.splitlines()[0].strip()
    if not summary or SECTION.match(doc):
        found.append("no one-line summary")
    if kind == "property":
        return found  # documented like an attribute: a summary says what it holds
    parts = sections(doc)
    expected = expected_parameters(obj)
    documented = parts.get("Parameters", [])
    if kind == "class" and dataclasses.is_dataclass(obj) and "Parameters" not in parts:
        documented = parts.get("Attributes", [])  # a record's fields are its parameters
    if expected and not documented:
        found.append("no Parameters section")
    elif documented != expected:
        found.append(f"Parameters lists {documented}, the signature has {expected}")
    first_paragraph = doc.split("\n\n")[0]
    if kind != "class" and not (parts.get("Returns") or parts.get("Yields")
                                or RETURNS_NONE.search(first_paragraph)):
        found.append("no Returns/Yields section (nor 'returns None' in the summary)")
    return found


NAMES = public_names(sorted(set(core_modules()) - PENDING))


def test_the_walk_sees_the_core():
    """The walk finds the core's names and none of the book's."""
    names = {name for name, _, _ in NAMES}
    assert "nmf_ref.solve.nmf" in names and "nmf_ref.rules.mu.update_W" in names
    assert "nmf_ref.estimator.NMF.fit" in names and "nmf_ref.dask_blocks.Blocks.split" in names
    assert not any(name.startswith("nmf_ref.book") for name in names)
    assert not any(name.startswith(tuple(PENDING)) for name in names)
    assert len(NAMES) > 100


def test_the_parser_reads_numpydoc():
    """A complete docstring passes; each missing piece is reported."""
    def good(X, W=None, *args, **kwargs):
        """Do it.

        Parameters
        ----------
        X : ndarray of shape (m, n)
            Data.
        W : ndarray of shape (m, r), default=None
            Start.
        *args, **kwargs
            Passed on.

        Returns
        -------
        float
            The answer.
        """

    def bad(X, H):
        """Do it.

        Parameters
        ----------
        X : ndarray
            Data.
        """

    assert problems(good, "function") == []
    assert problems(bad, "function") == [
        "Parameters lists ['X'], the signature has ['X', 'H']",
        "no Returns/Yields section (nor 'returns None' in the summary)"]


def inherits_its_docs(name, obj):
    """True if the method ``name`` overrides a base-class method whose docstring is
    complete: like Sphinx's ``autodoc_inherit_docstrings``, its own may be a summary.

    Parameters
    ----------
    name : str
        The dotted name ``module.Class.method``.
    obj : callable
        The method.

    Returns
    -------
    bool
    """
    module, cls, method = name.rsplit(".", 2)
    owner = getattr(importlib.import_module(module), cls, None)
    if not inspect.isclass(owner):
        return False
    return any(method in vars(base) and not problems(vars(base)[method], "method")
               for base in owner.__mro__[1:])


def is_predicate(obj):
    """True for a method of no argument whose summary says what its bool answers.

    Parameters
    ----------
    obj : callable
        The method.

    Returns
    -------
    bool
    """
    doc = inspect.cleandoc(obj.__doc__ or "")
    return not expected_parameters(obj) and doc.startswith(("True if", "True when"))


@pytest.mark.parametrize("name, obj, kind", NAMES, ids=[name for name, _, _ in NAMES])
def test_public_name_has_numpydoc(name, obj, kind):
    found = problems(obj, kind)
    if found and kind == "method" and (inherits_its_docs(name, obj) or is_predicate(obj)):
        found = [f for f in found if f == "no docstring"]
    assert not found, f"{name}: {found}"


def test_an_override_inherits_only_complete_docs():
    """A summary-only override passes only where its base method is complete."""
    import nmf_ref.data as data

    assert inherits_its_docs("nmf_ref.data.Masked.X_Ht", data.Masked.X_Ht)
    assert not inherits_its_docs("nmf_ref.data.Dense.X_Ht", data.Dense.X_Ht)  # no base
    assert is_predicate(data.Dense.has_zero) and not is_predicate(data.Dense.X_Ht)
