"""Explorer of chapter 16: what one iteration costs, in memory and in flops.

Built by :func:`.explorer.explorer`: every setting is counted and drawn once, and the
page switches between the stored frames without a kernel.
"""

from ..plots.scale import plot_costs
from ..scaling import costs
from .explorer import Control, explorer

SHAPES = ((5, 4), (6, 5))  # (log₁₀ m, log₁₀ n): the chapter's start, and ten times both
RANKS = (5, 20, 100)
DENSITIES = (1e-4, 1e-3, 1e-2)  # share of stored entries: 10 to 1000 per row at n = 10⁵


def _power(exponent):
    """10 to ``exponent`` as text, "10⁵" (or "10^5.5" for a fraction)."""
    if float(exponent).is_integer():
        return "10" + str(int(exponent)).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"10^{exponent:g}"


def _flops(count):
    """A flop count as text with its unit: "88 Mflop", "4 Gflop"."""
    for unit, size in (("Tflop", 1e12), ("Gflop", 1e9), ("Mflop", 1e6), ("kflop", 1e3)):
        if count >= size:
            return f"{count / size:.3g} {unit}"
    return f"{count:.3g} flop"


def cost_explorer(log10_m=5, log10_n=4, rank=20, density=0.001, shapes=SHAPES, ranks=RANKS,
                  densities=DENSITIES):
    """Shape, rank and density → memory of X and of the factors, flops of each part.

    Controls, in order: the shape m × n (``shapes``, pairs of (log₁₀ m, log₁₀ n),
    plus the start ``(log10_m, log10_n)``), ``rank`` (``ranks``) and ``density``
    (``densities``, the share of stored entries), each with its start value added.
    Counted by :func:`nmf_ref.book.scaling.costs`, not timed, so the picture is the
    same on every machine; the title says which part of an iteration dominates.
    """
    start_shape = (log10_m, log10_n)

    def draw(shape, rank, density):
        log10_m, log10_n = shape
        m, n = int(10**log10_m), int(10**log10_n)
        nnz = max(1, int(density * m * n))
        part = costs(m, n, rank, nnz)
        products, sweeps = part["flops"]["X Hᵀ and Wᵀ X"], part["flops"]["the two sweeps"]
        leader = "the products" if products > sweeps else "the sweeps"
        return plot_costs(part, title=f"m = {_power(log10_m)}, n = {_power(log10_n)}, "
                                      f"r = {rank}, {nnz:.3g} stored entries: {leader} "
                                      f"dominate ({_flops(max(products, sweeps))} against "
                                      f"{_flops(min(products, sweeps))})")

    return explorer(
        draw,
        shape=Control(sorted(set(shapes) | {start_shape}), "m × n", start_shape,
                      format=lambda s: f"{_power(s[0])} × {_power(s[1])}"),
        rank=Control(sorted(set(ranks) | {rank}), "rank r", rank),
        density=Control(sorted(set(densities) | {density}), "density", density),
        note="Another setting: <code>nmf_ref.book.scaling.costs(m, n, rank, nnz)</code>, "
             "drawn by <code>nmf_ref.book.plots.scale.plot_costs</code>.")
