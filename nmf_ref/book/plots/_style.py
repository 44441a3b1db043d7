"""What every figure shares: colour maps, its ending, and leaving no state in pyplot."""

import matplotlib.pyplot as plt

NMF_CMAP = "viridis"  # non-negative quantities: dark = 0
SIGNED_CMAP = "RdBu_r"  # signed quantities: white = 0, red > 0, blue < 0


def _finish(fig):
    """Detach ``fig`` from pyplot (no global state left behind) and return it."""
    plt.close(fig)
    return fig


def finish(fig, title=None, *, ax=None, fontsize=10, layout="tight"):
    """The ending of every figure: its title, its layout, then :func:`_finish`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    title : str, optional
        Over the whole figure, or over ``ax`` if given. Nothing when empty.
    ax : matplotlib.axes.Axes, optional
        The one plot of the figure that carries the title.
    fontsize : float or None, default=10
        None: matplotlib's own size for a title.
    layout : "tight", tuple or None, default="tight"
        ``"tight"``: ``fig.tight_layout()``; a tuple ``(left, bottom, right, top)``:
        the same within that rectangle (room left for a legend below); None: the
        figure keeps its own layout (subfigures, ``layout="constrained"``).

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``, closed in pyplot.
    """
    if title:
        size = {} if fontsize is None else {"fontsize": fontsize}
        (ax.set_title if ax is not None else fig.suptitle)(title, **size)
    if layout == "tight":
        fig.tight_layout()
    elif layout is not None:
        fig.tight_layout(rect=layout)
    return _finish(fig)


def finish_lines(fig, axes, title=None, *, legend_size=8, **kwargs):
    """Grid and legend on each axis of a line plot, then :func:`finish`, the title over
    the figure if it has several axes, else over its one axis. ``legend_size`` None:
    matplotlib's own; ``kwargs`` go to :func:`finish`."""
    for ax in axes:
        ax.grid(alpha=0.3)
        ax.legend(**({} if legend_size is None else {"fontsize": legend_size}))
    return finish(fig, title, ax=axes[0] if len(axes) == 1 else None, **kwargs)
