"""The shape of the package: a NumPy-only core, a book layer beside it, short modules,
one registry of names, and a loop that knows no solver by name."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nmf_ref
from nmf_ref import init, rules, stopping

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "ipywidgets", "IPython", "sklearn", "scipy", "dask", "pandas")


@pytest.mark.parametrize("module", ["nmf_ref", "nmf_ref.rank", "nmf_ref.stopping",
                                    "nmf_ref.data", "nmf_ref.rules"])
def test_core_imports_numpy_and_nothing_heavier(module):
    code = (f"import sys, {module}; bad = [m for m in {HEAVY!r} if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "nmf_ref").rglob("*.py")
            if (n := len(p.read_text().splitlines())) > 400}
    assert not long, long


def test_nothing_edits_sys_path():
    files = [*ROOT.glob("nmf_ref/**/*.py"), *ROOT.glob("benchmarks/*.py"),
             *ROOT.glob("tests/**/*.py"), *ROOT.glob("book/*.ipynb")]
    needles = ["sys.path." + verb for verb in ("insert", "append")]  # split: not matched here
    offenders = [str(p.relative_to(ROOT)) for p in files
                 if any(needle in p.read_text() for needle in needles)]
    assert not offenders, offenders


def test_every_rule_speaks_the_loop_signature():
    for name, rule in rules.RULES.items():
        assert isinstance(rule, rules.Rule) and rule.name == name, name
        assert callable(rule.step), name
        assert rule.stopping in (stopping.KKTTest, stopping.ErrorTest), name
        assert isinstance(rule.options, tuple), name
    assert set(rules.ALIASES.values()) <= set(rules.RULES)


def test_every_rule_module_is_registered():
    """A module in rules/ left out of the registry would never be run, nor tested."""
    folder = Path(rules.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")} - {"record"}
    registered = {rule.step.__module__.rsplit(".", 1)[1] for rule in rules.RULES.values()}
    assert modules == registered


def test_the_loop_runs_a_rule_it_has_never_heard_of(monkeypatch):
    """Register a new rule (clipped least squares, written here) under a new name:
    nmf() runs it with no change to the loop, and reports its violation."""
    calls = []

    def step(W, HHt, XHt, l1=0.0, l2=0.0):
        calls.append(W.shape)
        W_new = np.maximum(np.linalg.solve(HHt + l2 * np.eye(len(HHt)), (XHt - l1).T).T, 0)
        return W_new, stopping.kkt_violation(W, W @ HHt - XHt)

    def update_W(W, HHt, XHt):
        return step(W, HHt, XHt)[0]

    fake = rules.Rule("clipped-ls", step, update_W, lambda H, WtW, WtX: update_W(H.T, WtW, WtX.T).T,
                      stopping.KKTTest)
    monkeypatch.setitem(rules.RULES, "clipped-ls", fake)
    X = np.random.RandomState(0).rand(8, 6)
    res = nmf_ref.nmf(X, 2, solver="clipped-ls", init="random", random_state=0, max_iter=5,
                      tol=0)
    assert res.solver == "clipped-ls" and res.n_iter == 5 and len(res.violation) == 5
    assert calls == [(8, 2), (6, 2)] * 5  # W, then H as the W-step of the transpose


def test_unknown_names_list_the_registry():
    X = np.ones((3, 3))
    with pytest.raises(ValueError, match="solver must be one of .*'hals'.*'cd'"):
        nmf_ref.nmf(X, 1, solver="newton")
    with pytest.raises(ValueError, match="init must be one of .*'nndsvdar'"):
        nmf_ref.nmf(X, 1, init="svd")
    with pytest.raises(ValueError, match="method must be one of"):
        nmf_ref.initialize(X, 1, "svd")
    assert set(init.INITS) == {"random", "nndsvd", "nndsvda", "nndsvdar"}


@pytest.mark.parametrize("option, value, solver", [("shuffle", True, "mu"),
                                                    ("learning_rate", 0.1, "hals")])
def test_an_option_for_another_solver_says_which_solver_takes_it(option, value, solver):
    taker = "'hals'" if option == "shuffle" else "'pgd'"
    with pytest.raises(ValueError, match=f"{option} is for solver={taker}"):
        nmf_ref.nmf(np.ones((3, 3)), 1, solver=solver, **{option: value})
