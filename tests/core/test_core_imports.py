"""The core reads as a stack: no import cycle, and no solver named outside ``rules/``.

Both read the source with ``ast``, so an import inside a function (a lazy one)
counts as much as one at the top of a module.
"""

import ast
from pathlib import Path

import nmf_ref
from nmf_ref import rules

PACKAGE = Path(nmf_ref.__file__).parent
CORE = sorted(p for p in PACKAGE.rglob("*.py") if "book" not in p.relative_to(PACKAGE).parts)


def module_name(path):
    parts = ("nmf_ref",) + path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path):
    return path.name == "__init__.py"


def imported(path):
    """The core modules ``path`` imports, anywhere in its body (module level or in a function)."""
    here = module_name(path).split(".")
    if not is_package(path):
        here = here[:-1]  # a relative import starts from the module's package
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[:len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            # "from . import mu" imports the module nmf_ref.rules.mu; "from .x import f" x
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in MODULES)
    found.discard(module_name(path))
    return found


MODULES = {module_name(p): p for p in CORE}


def test_the_core_has_no_import_cycle():
    graph = {name: imported(path) for name, path in MODULES.items()}
    # a package's __init__ is where its modules are registered: importing a module of the
    # package runs it first, but it does not make the module depend on its siblings
    graph = {name: {d for d in deps if not (MODULES[d].name == "__init__.py"
                                             and name.startswith(d + "."))}
             for name, deps in graph.items()}
    cycles, state = [], {}

    def visit(name, path):
        state[name] = "open"
        for dep in sorted(graph[name]):
            if state.get(dep) == "open":
                cycles.append(path[path.index(dep):] + [dep] if dep in path else [name, dep])
            elif dep not in state:
                visit(dep, path + [dep])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_checks_import_nothing_above_them():
    assert imported(MODULES["nmf_ref._checks"]) <= {"nmf_ref._options"}
    assert imported(MODULES["nmf_ref._options"]) == set()


SOLVER_NAMES = set(rules.RULES) | set(rules.ALIASES)
RULE_MODULES = set(rules.RULES)  # the rule modules are named after their solver


def _names_a_solver(node):
    """A string constant that is a solver name, or a rule module (``mu``, ``rules.hals``)."""
    if isinstance(node, ast.Constant):
        return node.value in SOLVER_NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_names_a_solver(e) for e in node.elts)
    if isinstance(node, ast.Name):
        return node.id in RULE_MODULES
    if isinstance(node, ast.Attribute):
        return node.attr in RULE_MODULES
    return False


def test_no_core_module_outside_rules_compares_a_solver_name():
    """``solver == "mu"``, ``rule is mu``, ``solver in ("mu", "hals")``: a fact about a
    rule, kept outside its record (:mod:`nmf_ref.rules`)."""
    offenders = []
    for name, path in MODULES.items():
        if name.startswith("nmf_ref.rules"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left, *node.comparators]
            strings = [o for o in operands if isinstance(o, (ast.Constant, ast.Tuple, ast.List,
                                                             ast.Set))]
            identity = any(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops)
            if any(_names_a_solver(o) for o in strings) or (
                    identity and any(_names_a_solver(o) for o in operands)):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: "
                                 f"{ast.unparse(node)}")
    assert not offenders, "\n".join(offenders)


KIND_CALLS = {"is_sparse", "issparse", "is_dask"}
# Where X's kind may be asked: the data object's module, and the validation at the edge.
# (The loss formulas and MU's β-steps take a bare X too: they wrap it, nmf_ref.data.view.)
KIND_ASKERS = {"nmf_ref.data", "nmf_ref._checks"}


def _kind_tests(path):
    """``is_sparse(X)``, ``checks.is_dask(X)``, ``mask is None``, ``type(X).__module__``:
    each place ``path`` asks what kind X is."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in KIND_CALLS:
                found.append(node)
        elif isinstance(node, ast.Attribute) and node.attr == "__module__":
            found.append(node)
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Is, ast.IsNot))
                                                    for op in node.ops):
            names = [o.id if isinstance(o, ast.Name) else o.attr
                     for o in (node.left, *node.comparators)
                     if isinstance(o, (ast.Name, ast.Attribute))]
            if any(n == "mask" or n.endswith("_mask") for n in names):
                found.append(node)
    return [f"{path.relative_to(PACKAGE.parent)}:{n.lineno}: {ast.unparse(n)}" for n in found]


def test_only_the_data_object_asks_what_kind_X_is():
    """The loop asks the data object (:mod:`nmf_ref.data`) its questions; no other core
    module tests whether X is sparse, on Dask, or masked."""
    asking = {name: _kind_tests(path) for name, path in MODULES.items()
              if name not in KIND_ASKERS}
    assert not any(asking.values()), "\n".join(line for found in asking.values()
                                               for line in found)


def test_the_kind_check_finds_a_kind_test():
    """The check above is not vacuous: it sees each form of the question."""
    import tempfile

    code = ("def f(X, mask):\n    if is_sparse(X) or checks.is_dask(X):\n        pass\n"
            "    if mask is None:\n        pass\n    return type(X).__module__\n")
    with tempfile.TemporaryDirectory(dir=PACKAGE) as folder:
        path = Path(folder) / "probe.py"
        path.write_text(code)
        assert len(_kind_tests(path)) == 4
