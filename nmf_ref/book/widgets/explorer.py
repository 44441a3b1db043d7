"""One helper builds every explorer of the book, and the explorers work with no kernel.

Most readers read the rendered page, where no Python runs. So an explorer draws every
setting of its controls once, when the notebook runs (in the book build, under nbval,
in JupyterLab), and stores each figure as a frame: a PNG with a text alternative that
names its setting. The page then switches between the stored frames in the browser:
each control's ``index`` drives the ``selected_index`` of an :class:`ipywidgets.Stack`
(one level of nested stacks per control) through :func:`ipywidgets.jsdlink`, a link the
browser keeps by itself. The static HTML widget manager draws stacks and links, so the
page needs no kernel; a running notebook uses the very same frames, switched instantly.
``index`` and not ``value`` is linked, so a slider over 1..10 can never select a
frame past the end.

A setting outside the grid is one call of ``explorer.draw(**setting)`` away: it returns
the figure for any values ``draw`` accepts.

Budgets (the browser test and the page-weight test hold the book to them): at most
:data:`MAX_FRAMES` frames per explorer, and frames drawn small (:data:`DPI`) and stored
as palette PNGs, so that a page stays under 5 MB.
"""

import base64
import html
import io
import itertools
import math
import numbers
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import ipywidgets as ipw

STYLE = {"description_width": "initial"}  # control labels as wide as they need
MAX_FRAMES = 120
DPI = 72  # frames are drawn at this resolution: sharp on screen, light on the page


@dataclass(frozen=True)
class Control:
    """One control of an explorer: the values it offers, in order.

    Parameters
    ----------
    values : sequence
        The settings the control offers (at least one). All numbers: a slider;
        otherwise buttons (up to four short names) or a drop-down list.
    label : str, optional
        What the control is called on the page and in each frame's text alternative
        (default: the keyword it was passed under).
    start : optional
        The value shown first (default: the first of ``values``).
    format : callable, optional
        How a value is written on the control and in the text alternative
        (default: ``f"{v:g}"`` for floats, ``str`` otherwise).
    """

    values: Any
    label: str | None = None
    start: Any = None
    format: Callable | None = None

    def text(self, value):
        if self.format is not None:
            return self.format(value)
        return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Frame:
    """One stored figure: its ``setting`` (name → value), the ``png`` bytes, and ``alt``,
    the text alternative naming the setting and what the figure shows."""

    setting: dict
    png: bytes = field(repr=False)
    alt: str

    def html(self):
        data = base64.b64encode(self.png).decode("ascii")
        return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" '
                'style="max-width:100%; height:auto">')


class Explorer(ipw.VBox):
    """The widget :func:`explorer` returns: the controls above the frames.

    Attributes
    ----------
    controls : dict
        Control name → its ipywidget (a ``SelectionSlider``, ``ToggleButtons`` or
        ``Dropdown``), in the order of the arguments.
    frames : dict
        Setting (a tuple of values, in the order of ``controls``) → :class:`Frame`.
    links : list
        The browser-side links (``jsdlink``), one per stack: control ``index`` →
        stack ``selected_index``.
    draw : callable
        The function that drew the frames; call it for a setting outside the grid.
    """

    def frame(self, **setting):
        """The frame of ``setting``; controls not named keep their current value."""
        unknown = set(setting) - set(self.controls)
        if unknown:
            raise TypeError(f"no control named {sorted(unknown)}; the controls are "
                            f"{list(self.controls)}")
        key = tuple(setting.get(name, widget.value) for name, widget in self.controls.items())
        if key not in self.frames:
            raise ValueError(f"{setting} is not in the explorer's grid; draw it with "
                             "explorer.draw(...)")
        return self.frames[key]

    def current(self):
        """The frame the controls select now (what the page shows)."""
        return self.frame()


def explorer(draw, *, note=None, max_frames=MAX_FRAMES, **controls):
    """Build a kernel-free explorer: ``draw`` rendered once for every setting of ``controls``.

    Parameters
    ----------
    draw : callable
        ``draw(**setting)`` returns a matplotlib Figure, or ``(figure, summary)``. The
        frame's text alternative is the setting ("rank r 3, init random") followed by
        ``summary``, or else by the figure's title(s).
    note : str, optional
        A line of HTML under the frames, e.g. the ``nmf_ref`` call that draws a setting
        outside the grid.
    max_frames : int
        The most frames allowed (the product of the controls' sizes).
    **controls : sequence or Control
        In display order. A plain sequence is ``Control(values)``.

    Returns
    -------
    Explorer
        An ``ipywidgets.VBox``: the controls, then nested ``Stack`` widgets holding the
        frames, each stack's ``selected_index`` linked in the browser to one control's
        ``index``.

    Raises
    ------
    ValueError
        No control, a control with no value or a duplicated one, a start value that is
        not offered, or more settings than ``max_frames``.
    RuntimeError
        ``draw`` failed; the message names the setting.
    """
    if not controls:
        raise ValueError("an explorer needs at least one control, e.g. rank=[1, 2, 3]")
    specs = {}
    for name, c in controls.items():  # the label, once: on the page and in every alt text
        spec = c if isinstance(c, Control) else Control(c)
        specs[name] = replace(spec, label=spec.label or name)
    values = {}
    for name, spec in specs.items():
        vals = list(spec.values)
        if not vals:
            raise ValueError(f"control {name!r} offers no value; give it at least one")
        texts = [spec.text(v) for v in vals]
        if len(set(texts)) < len(texts):
            raise ValueError(f"control {name!r} offers the same value twice: {texts}")
        if spec.start is not None and spec.start not in vals:
            raise ValueError(f"control {name!r} starts at {spec.start!r}, which it does not "
                             f"offer ({texts}); add it to its values")
        values[name] = vals
    n_frames = math.prod(len(vals) for vals in values.values())
    if n_frames > max_frames:
        sizes = " × ".join(f"{len(v)} {n}" for n, v in values.items())
        raise ValueError(f"{sizes} = {n_frames} frames, over the budget of {max_frames}; "
                         "offer fewer values per control")

    frames = {}
    for key in itertools.product(*values.values()):
        setting = dict(zip(values, key))
        frames[key] = _render(draw, setting, specs)

    widgets = {name: _control_widget(specs[name], values[name]) for name in values}
    links = []
    box = Explorer([ipw.HBox(list(widgets.values()), layout=ipw.Layout(flex_flow="row wrap")),
                    _stacks(frames, list(widgets.values()), list(values.values()), (), links)]
                   + ([ipw.HTML(f'<p style="font-size:90%">{note}</p>')] if note else []))
    box.add_class("nmf-explorer")  # how the browser test finds every explorer on a page
    box.controls, box.frames, box.links, box.draw = widgets, frames, links, draw
    return box


def _render(draw, setting, specs):
    """The frame of one setting: ``draw`` called, its figure stored as a small PNG."""
    try:
        out = draw(**setting)
    except Exception as exc:
        raise RuntimeError(f"the explorer's draw failed at {setting}: "
                           f"{type(exc).__name__}: {exc}") from exc
    fig, summary = out if isinstance(out, tuple) else (out, None)
    named = ", ".join(f"{specs[n].label} {specs[n].text(v)}" for n, v in setting.items())
    return Frame(setting, png(fig), f"{named}: {summary or titles(fig)}")


def titles(fig):
    """The figure's suptitle, or else its axes' titles, as one line."""
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts = [fig._suptitle.get_text()]
    else:
        parts = [ax.get_title() for ax in fig.axes if ax.get_visible() and ax.get_title()]
    return "; ".join(" ".join(p.split()) for p in parts) or "figure"


def png(fig, dpi=DPI):
    """``fig`` as PNG bytes: a 256-colour palette image, reproducible byte for byte.
    Closes the figure if pyplot holds it, so a grid of frames leaks no memory."""
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    _close(fig)
    buf.seek(0)
    image = Image.open(buf).convert("RGB")
    out = io.BytesIO()
    image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue()


def _close(fig):
    import matplotlib.pyplot as plt

    if getattr(fig, "number", None) in plt.get_fignums():
        plt.close(fig)


def _control_widget(spec, vals):
    """A slider for numbers, buttons for up to four short names, else a drop-down list."""
    options = [(spec.text(v), v) for v in vals]
    index = vals.index(spec.start) if spec.start is not None else 0
    common = dict(options=options, index=index, description=spec.label, style=STYLE)
    if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in vals):
        return ipw.SelectionSlider(continuous_update=False, **common)
    if len(vals) <= 4 and sum(len(t) for t, _ in options) <= 40:
        return ipw.ToggleButtons(**{**common, "style": {**STYLE, "button_width": "auto"}})
    return ipw.Dropdown(**common)


def _stacks(frames, widgets, values, prefix, links):
    """Nested stacks: level k holds one child per value of control k (``values[k]``), and
    follows that control's ``index`` in the browser (``jsdlink``, no kernel needed)."""
    level = len(prefix)
    if level == len(widgets):
        return ipw.HTML(frames[prefix].html())
    children = [_stacks(frames, widgets, values, prefix + (v,), links) for v in values[level]]
    stack = ipw.Stack(children, selected_index=widgets[level].index)
    links.append(ipw.jsdlink((widgets[level], "index"), (stack, "selected_index")))
    return stack
