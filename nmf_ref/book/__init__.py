"""The book layer: what the chapters need beside the NumPy core.

It may use matplotlib, ipywidgets, scikit-learn and SciPy (each module imports
what it needs); the core (:mod:`nmf_ref`) never imports from here. One module
per idea:

* :mod:`.plots`: figures, pure functions that return a Figure;
* :mod:`.widgets`: explorers, thin ``ipywidgets.interactive`` wrappers over figures;
* :mod:`.exercises`: checkers, one module per chapter;
* :mod:`.datasets`: generators and loaders of bundled data, each with its source;
* :mod:`.compare`: runs of scikit-learn from a given start, beside nmf_ref's;
* :mod:`.race`: the race engine of chapter 9 (``benchmarks/race.py`` prints it).
"""
