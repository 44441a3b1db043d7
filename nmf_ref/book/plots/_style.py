"""What every figure shares: colour maps, and leaving no state in pyplot."""

import matplotlib.pyplot as plt

NMF_CMAP = "viridis"  # non-negative quantities: dark = 0
SIGNED_CMAP = "RdBu_r"  # signed quantities: white = 0, red > 0, blue < 0


def _finish(fig):
    """Detach ``fig`` from pyplot (no global state left behind) and return it."""
    plt.close(fig)
    return fig


def finish_lines(fig, axes, title=None):
    """Grid and legend on each axis of a line plot, the title (over the figure if it has
    several axes), a tight layout; then :func:`_finish`."""
    for ax in axes:
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    if title:
        if len(axes) > 1:
            fig.suptitle(title, fontsize=10)
        else:
            axes[0].set_title(title, fontsize=10)
    fig.tight_layout()
    return _finish(fig)
