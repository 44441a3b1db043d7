"""The book layer: what the chapters need beside the NumPy core.

It may use matplotlib, ipywidgets, scikit-learn and SciPy (each module imports
what it needs); the core (:mod:`nmf_ref`) never imports from here. One module
per idea:

* :mod:`.plots`: figures, pure functions that return a Figure (a module per topic);
* :mod:`.widgets`: explorers, each a grid of precomputed figures switched on the page;
* :mod:`.exercises`: checkers, one module per chapter;
* :mod:`.datasets`: one registry, ``datasets.load(name)``: each data set with source, licence;
* :mod:`.compare`: runs of scikit-learn from a given start, beside nmf_ref's;
* :mod:`.timing`: the one clock (best of a few rounds; a stopwatch), for chapters and benchmarks;
* :mod:`.restarts`: many starts of one solver, and what they buy (chapters 8, 11);
* :mod:`.acceleration`: inner sweeps and extrapolation traces (chapter 9);
* :mod:`.race`: the race engine of chapter 10 (``benchmarks/race.py`` prints it);
* :mod:`.recommend`, :mod:`.scaling`: ratings and costs (chapters 15, 16);
* :mod:`.topics`, :mod:`.audio`: text and sound (chapters 18, 19);
* :mod:`.classroom`: the student edition and its grading (``nmf-classroom``);
* :mod:`.launch`: the first cell of every chapter, for Binder and Colab.
"""
