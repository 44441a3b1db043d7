"""What every figure shares: colour maps, and leaving no state in pyplot."""

import matplotlib.pyplot as plt

NMF_CMAP = "viridis"  # non-negative quantities: dark = 0
SIGNED_CMAP = "RdBu_r"  # signed quantities: white = 0, red > 0, blue < 0


def _finish(fig):
    """Detach ``fig`` from pyplot (no global state left behind) and return it."""
    plt.close(fig)
    return fig
