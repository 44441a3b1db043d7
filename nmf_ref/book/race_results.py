"""The results file of the full-size race: written by ``benchmarks/race.py``, read by
chapter 10, which renders its table from it instead of racing at full size itself.

One JSON file, versioned with the code: when and where the race ran (date, machine,
load, library versions, BLAS), its settings, and per data set, start, runner and gap
the iteration and seconds of the first arrival (null: never) and the final gap.
"""

import json
from pathlib import Path

import numpy as np

import nmf_ref
from .race import reaches

RESULTS = Path(__file__).parent / "results" / "race-full.json"  # benchmarks/race.py writes it


def write_results(path, races, settings):
    """Write the races (``{name: Race}``) to a versioned JSON results file at ``path``.

    It records when and where they ran (date, machine, load, the versions of Python,
    NumPy, SciPy, scikit-learn and nmf_ref, the BLAS), the ``settings`` (starts,
    repeats, threads, budgets), and per data set and start, for every runner and
    tolerance, the iteration and seconds where it first reached the gap (null for
    never) and its final gap: everything :func:`~nmf_ref.book.race.summarize` needs, nothing it does not.
    """
    import datetime
    import os
    import platform

    import scipy
    import sklearn
    from threadpoolctl import threadpool_info

    record = {
        "written_by": "benchmarks/race.py",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "processor": platform.machine(),
                    "cpus": os.cpu_count(), "load_average": list(os.getloadavg())},
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
                     "nmf_ref": nmf_ref.__version__,
                     "blas": sorted({f"{i['internal_api']} {i['version']}"
                                     for i in threadpool_info() if i["user_api"] == "blas"})},
        "settings": settings,
        "data": {name: {"description": out.description, "rank": out.rank,
                        "shape": list(out.X.shape), "tols": list(out.tols),
                        "starts": [{"seed": s.seed, "best": s.best} for s in out.starts],
                        "reach": {label: {repr(tol): [[k, None if np.isinf(sec) else sec, gap]
                                                      for k, sec, gap in rows]
                                          for tol, rows in by_tol.items()}
                                  for label, by_tol in reaches(out).items()}}
                 for name, out in races.items()},
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    return record


def read_results(path=RESULTS):
    """Read a results file of :func:`write_results`: ``(record, rows)``, where ``rows``
    is ``[(name, description, reaches), ...]`` with ``reaches`` as :func:`~nmf_ref.book.race.reaches`
    gives them (never = seconds inf), ready for :func:`~nmf_ref.book.race.summarize`."""
    record = json.loads(Path(path).read_text())
    rows = []
    for name, data in record["data"].items():
        table = {label: {float(tol): [(k, np.inf if sec is None else float(sec), float(gap))
                                      for k, sec, gap in entries]
                         for tol, entries in by_tol.items()}
                 for label, by_tol in data["reach"].items()}
        rows.append((name, f"{data['description']}, r={data['rank']}", table))
    return record, rows
