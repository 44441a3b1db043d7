"""nmf_ref.book.widgets.explorer: every setting drawn once, frames switched by links the
browser keeps (no kernel), budgets and errors that say what to change."""

import ipywidgets as ipw
import matplotlib
import pytest
from matplotlib.figure import Figure

from nmf_ref.book.widgets.explorer import MAX_FRAMES, Control, Explorer, explorer

matplotlib.use("Agg")


def line_figure(title, y=(1, 2)):
    fig = Figure(figsize=(2, 1.5))
    ax = fig.subplots()
    ax.plot(y)
    ax.set_title(title)
    return fig


class Counting:
    """A draw that records every setting it is called with."""

    def __init__(self):
        self.calls = []

    def __call__(self, **setting):
        self.calls.append(setting)
        return line_figure(" ".join(f"{k}={v}" for k, v in setting.items()))


def stacks(widget):
    """Every Stack below ``widget``, outermost first."""
    found = []

    def walk(w):
        if isinstance(w, ipw.Stack):
            found.append(w)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return found


def links_into(ex, stack):
    """The explorer's browser-side links whose target is ``stack``'s selected_index."""
    return [link for link in ex.links if link.target == (stack, "selected_index")]


def test_every_setting_is_drawn_exactly_once():
    draw = Counting()
    ex = explorer(draw, rank=[1, 2, 3], init=["random", "nndsvd"])
    assert isinstance(ex, Explorer)
    assert len(draw.calls) == 6
    assert sorted((c["rank"], c["init"]) for c in draw.calls) == sorted(ex.frames)
    assert len(ex.frames) == 6


def test_frames_are_png_with_alt_text_naming_setting_and_title():
    ex = explorer(Counting(), rank=Control([1, 2], "rank r"), init=["random", "nndsvd"])
    frame = ex.frame(rank=2, init="nndsvd")
    assert frame.png.startswith(b"\x89PNG")
    assert frame.alt == "rank r 2, init nndsvd: rank=2 init=nndsvd"
    assert 'alt="rank r 2, init nndsvd: rank=2 init=nndsvd"' in frame.html()


def test_draw_may_give_its_own_summary():
    ex = explorer(lambda k: (line_figure("t"), f"error {k / 10:.1f}"), k=[1, 2])
    assert ex.frame(k=2).alt == "k 2: error 0.2"


def test_frames_are_reproducible_byte_for_byte():
    a = explorer(Counting(), k=[1, 2])
    b = explorer(Counting(), k=[1, 2])
    assert a.frame(k=2).png == b.frame(k=2).png
    assert a.frame(k=1).png != a.frame(k=2).png


def test_numbers_get_a_slider_and_names_buttons_or_a_list():
    ex = explorer(Counting(), rank=[1, 2, 3], init=["random", "nndsvd"],
                  solver=["mu", "hals", "als", "anls", "pgd"])
    kinds = {name: type(w) for name, w in ex.controls.items()}
    assert kinds == {"rank": ipw.SelectionSlider, "init": ipw.ToggleButtons,
                     "solver": ipw.Dropdown}
    assert ex.controls["rank"].label == "1" and len(ex.controls["rank"].options) == 3
    assert ex.controls["rank"].value == 1


def test_each_stack_level_follows_its_own_control_index_in_the_browser():
    ex = explorer(Counting(), a=[1, 2, 3], b=["x", "y"])
    outer, *inner = stacks(ex)
    assert len(outer.children) == 3 and len(inner) == 3
    assert all(len(s.children) == 2 for s in inner)
    for stack, control in [(outer, ex.controls["a"])] + [(s, ex.controls["b"]) for s in inner]:
        link, = links_into(ex, stack)
        assert link.source == (control, "index")  # index, never value
        assert link._model_name == "DirectionalLinkModel"  # kept by the browser (jsdlink)
    assert len(ex.links) == 4
    # the leaf under outer child 2, inner child 1 is the frame of (3, "y")
    leaf = outer.children[2].children[1]
    assert leaf.value == ex.frame(a=3, b="y").html()


def test_the_first_frame_agrees_with_the_start_values():
    ex = explorer(Counting(), a=Control([1, 2, 3], start=2), b=Control(["x", "y"], start="y"))
    assert ex.controls["a"].index == 1 and ex.controls["b"].index == 1
    outer = stacks(ex)[0]
    assert outer.selected_index == 1
    assert outer.children[1].selected_index == 1
    assert ex.current() is ex.frame(a=2, b="y")
    ex.controls["a"].value = 3  # what the reader does; the page follows through the link
    assert ex.current() is ex.frames[(3, "y")]


def test_a_control_with_one_value_is_allowed():
    ex = explorer(Counting(), a=[1, 2], fixed=["only"])
    assert len(ex.frames) == 2 and ex.controls["fixed"].options == (("only", "only"),)


def test_a_grid_over_the_budget_is_refused_before_drawing_anything():
    draw = Counting()
    with pytest.raises(ValueError, match=r"11 a × 11 b = 121 frames, over the budget of 120"):
        explorer(draw, a=range(11), b=range(11))
    assert draw.calls == []
    assert MAX_FRAMES == 120
    assert len(explorer(Counting(), a=range(10), b=range(12)).frames) == 120  # at the budget
    with pytest.raises(ValueError, match="over the budget of 3"):
        explorer(Counting(), max_frames=3, a=[1, 2], b=[1, 2])


def test_a_draw_that_raises_names_the_setting():
    def draw(rank, init):
        if rank == 2 and init == "nndsvd":
            raise ValueError("rank too large")
        return line_figure("ok")

    with pytest.raises(RuntimeError, match=r"failed at \{'rank': 2, 'init': 'nndsvd'\}: "
                                           r"ValueError: rank too large"):
        explorer(draw, rank=[1, 2], init=["random", "nndsvd"])


@pytest.mark.parametrize("controls, match", [
    ({}, "at least one control"),
    ({"a": []}, "control 'a' offers no value"),
    ({"a": [1, 1.0]}, "offers the same value twice"),
    ({"a": Control([1, 2], start=3)}, "starts at 3, which it does not offer"),
])
def test_bad_controls_get_a_clear_error(controls, match):
    with pytest.raises(ValueError, match=match):
        explorer(Counting(), **controls)


def test_frame_lookup_errors_say_what_to_do():
    ex = explorer(Counting(), a=[1, 2])
    with pytest.raises(TypeError, match="no control named"):
        ex.frame(b=1)
    with pytest.raises(ValueError, match=r"not in the explorer's grid; draw it with"):
        ex.frame(a=5)
    assert ex.draw(a=5).axes[0].get_title() == "a=5"  # the way out of the grid


def test_the_note_is_shown_under_the_frames():
    ex = explorer(Counting(), a=[1], note="Another setting: <code>nmf(X, r)</code>")
    assert isinstance(ex.children[-1], ipw.HTML) and "nmf(X, r)" in ex.children[-1].value
