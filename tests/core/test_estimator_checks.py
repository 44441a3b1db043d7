"""``nmf_ref.estimator.NMF`` passes every ``check_estimator`` check that scikit-learn's NMF passes.

``check_estimator(..., on_fail=None)`` returns one record per check run, with its
``check_name`` and ``status`` ("passed", "failed", "skipped", "xfail"). Some checks
run more than once; a check passes when every run passes.

scikit-learn's own NMF fails a few checks when run without its private list of
expected failures (``check_transformer_general`` and
``check_transformer_data_not_an_array``: fit_transform and transform of NMF are two
different optimizations and agree only loosely). Those are not asked of ours.

Ours is checked with scikit-learn's default solver ``"cd"`` and with ``"mu"``, each
against scikit-learn's NMF with the same solver, and with the extra solvers
``"hals"``, ``"als"``, ``"anls"``, ``"pgd"`` against scikit-learn's default.
"""

import functools
import warnings
from collections import defaultdict

import pytest
from sklearn.decomposition import NMF as SkNMF
from sklearn.utils.estimator_checks import check_estimator

from nmf_ref.estimator import NMF as RefNMF

# ours (solver) -> scikit-learn's NMF to compare with (solver)
PAIRS = {"cd": "cd", "mu": "mu", "hals": "cd", "als": "cd", "anls": "cd", "pgd": "cd"}


@functools.cache
def run_checks(cls, solver):
    """{check name: [(status, exception), ...]} for ``cls(solver=solver)``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(cls(solver=solver), on_fail=None, on_skip=None)
    by_name = defaultdict(list)
    for result in results:
        by_name[result["check_name"]].append((result["status"], result["exception"]))
    return dict(by_name)


def passed(runs):
    return all(status == "passed" for status, _ in runs)


def describe(name, runs):
    return "\n".join(f"{name}: {status}: {exc!r}" for status, exc in runs if status != "passed")


@pytest.mark.parametrize("solver", sorted(PAIRS))
def test_the_same_checks_run(solver):
    ours, theirs = run_checks(RefNMF, solver), run_checks(SkNMF, PAIRS[solver])
    assert set(ours) == set(theirs)
    # not vacuous: scikit-learn's NMF passes most of them
    assert sum(passed(runs) for runs in theirs.values()) >= 40


@pytest.mark.parametrize("solver", sorted(PAIRS))
def test_every_check_sklearn_passes_passes_for_ours(solver):
    ours, theirs = run_checks(RefNMF, solver), run_checks(SkNMF, PAIRS[solver])
    missing = [("missing", None)]
    failures = [
        describe(name, ours.get(name, missing))
        for name, runs in sorted(theirs.items())
        if passed(runs) and not passed(ours.get(name, missing))
    ]
    assert not failures, (
        f"checks scikit-learn's NMF(solver={PAIRS[solver]!r}) passes but "
        f"nmf_ref's NMF(solver={solver!r}) fails:\n" + "\n".join(failures)
    )
