"""Explorer of chapter 16: what one iteration costs, in memory and in flops.

See :mod:`nmf_ref.book.widgets` for the pattern every explorer follows.
"""

import ipywidgets as ipw

from ..plots.scale import plot_costs
from ..scaling import costs
from ._common import STYLE as _STYLE, show as _show


def cost_explorer(log10_m=5, log10_n=4, rank=20, density=0.001):
    """Shape, rank and density → memory of X and of the factors, flops of each part.

    Controls, in order: ``log10_m`` and ``log10_n`` (the shape, 10² to 10⁷),
    ``rank`` and ``density`` (share of stored entries). Counted by
    :func:`nmf_ref.book.scaling.costs`, not timed, so the picture is the same on
    every machine.
    """

    def draw(log10_m, log10_n, rank, density):
        m, n = int(10**log10_m), int(10**log10_n)
        nnz = max(1, int(density * m * n))
        part = costs(m, n, rank, nnz)
        products, sweeps = part["flops"]["X Hᵀ and Wᵀ X"], part["flops"]["the two sweeps"]
        leader = "the products" if products > sweeps else "the sweeps"
        return _show(plot_costs(part, title=f"m = 10^{log10_m:g}, n = 10^{log10_n:g}, r = {rank}, "
                                            f"{nnz:.3g} stored entries: {leader} dominate"))

    return ipw.interactive(
        draw,
        log10_m=ipw.FloatSlider(value=log10_m, min=2, max=7, step=0.5, description="log₁₀ m",
                                continuous_update=False, style=_STYLE),
        log10_n=ipw.FloatSlider(value=log10_n, min=2, max=7, step=0.5, description="log₁₀ n",
                                continuous_update=False, style=_STYLE),
        rank=ipw.IntSlider(value=rank, min=1, max=200, description="rank r",
                           continuous_update=False, style=_STYLE),
        density=ipw.FloatLogSlider(value=density, base=10, min=-6, max=0, step=0.25,
                                   description="density", continuous_update=False, style=_STYLE),
    )
