"""What every explorer shares: how a figure is shown, and the controls' style."""

from IPython.display import display

STYLE = {"description_width": "initial"}  # labels as wide as they need


def show(fig):
    """Display ``fig`` in the widget's output area (stored with the widget state, so
    the static page shows it) and return it (kept in ``widget.result`` for tests)."""
    display(fig)
    return fig
