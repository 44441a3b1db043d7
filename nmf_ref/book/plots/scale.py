"""Scaling figures: what an iteration costs, and error against time.

Book: chapter 16."""

import matplotlib.pyplot as plt
import numpy as np

from ._style import finish, finish_lines


def plot_costs(costs, title=None):
    """Two bar charts from :func:`nmf_ref.book.scaling.costs`: memory (MB) of X
    (dense and sparse) and of the factors; flops of one iteration by part."""
    memory, flops = costs["memory"], costs["flops"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    for ax, values, unit, scale in ((left, memory, "MB", 1e6), (right, flops, "Mflop", 1e6)):
        names = list(values)
        bars = ax.barh(np.arange(len(names)), np.array(list(values.values())) / scale,
                       color=[f"C{k}" for k in range(len(names))])
        ax.bar_label(bars, fmt="%.3g", padding=3, fontsize=8)
        ax.set_yticks(np.arange(len(names)), names)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlabel(unit + " (log scale)")
    left.set_title("memory", fontsize=10)
    right.set_title("one iteration", fontsize=10)
    return finish(fig, title)


def plot_error_vs_time(curves, title=None):
    """Relative error against seconds, one curve per entry ``name → (seconds, errors)``."""
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for name, (seconds, errors) in curves.items():
        ax.plot(seconds, errors, marker=".", lw=2, label=name)
    ax.set(xlabel="seconds (measured on this machine)", ylabel="‖X − WH‖ / ‖X‖")
    return finish_lines(fig, (ax,), title)
