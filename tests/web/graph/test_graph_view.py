"""The graph tab without a browser: set the view's params, read what the figure holds."""

from __future__ import annotations

import panel as pn
import pytest

import pycore
from pycore import notation
from web.graph import texts
from web.graph.nets import NET_SPECS, NETS, build_model
from web.graph.view import GraphView
from web.ui import colors
from web.ui.display import Display
from web.ui.fmt import sig


@pytest.fixture
def view() -> GraphView:
    return GraphView(Display(code="en"))


def shown(view: GraphView, column: str) -> dict[str, object]:
    nodes = view.figure.nodes.data
    return dict(zip(nodes["id"], nodes[column], strict=True))


def box_texts(view: GraphView) -> dict[str, str]:
    """The g text of every box as the two text sources (dark and white ink) hold it."""
    out = {}
    for source in view.figure.inks.values():
        out.update(zip(source.data["label"], source.data["g"], strict=True))
    return out


def test_the_figure_holds_the_trace_of_the_default_example(view: GraphView) -> None:
    model = build_model("division")
    model.compile(optimizer="sgd", loss="mae")
    trace = pycore.graph.trace(model, [20.0, 5.0], [0.04])
    assert view.net == "division" and view.step == 0
    assert shown(view, "v") == {n.id: f"v={sig(n.value)}" for n in trace.nodes}
    assert set(shown(view, "g").values()) == {"g=?", "g=1"}  # only L has its gradient yet
    assert view.figure.labels.data["text"] == [sig(e.local_grad) for e in trace.edges]
    assert not view.figure.current.data["x0"]


def test_setting_step_moves_backprop_and_its_highlight(view: GraphView) -> None:
    view.step = view.backprop.n
    model = build_model("division")
    model.compile(optimizer="sgd", loss="mae")
    trace = pycore.graph.trace(model, [20.0, 5.0], [0.04])
    assert shown(view, "g") == {n.id: f"g={sig(n.grad)}" for n in trace.nodes}
    assert box_texts(view) == {n.label: f"g={sig(n.grad)}" for n in trace.nodes}
    assert len(view.figure.current.data["x0"]) == 1
    assert view.figure.path.data["x0"]  # the last edge completes w[1]11: its path is shown
    lines = shown(view, "line")
    last = trace.backward_order[-1]
    assert lines[last.src] == lines[last.dst] == colors.HIGHLIGHT
    view.step = 0
    assert not view.figure.current.data["x0"] and not view.figure.path.data["x0"]


def test_go_clamps_to_the_steps_there_are(view: GraphView) -> None:
    view.go(-3)
    assert view.step == 0
    view.go(1000)
    assert view.step == view.backprop.n == 26


def test_color_by_gradient_recolours_the_boxes(view: GraphView) -> None:
    before = shown(view, "fill")
    view.color_by = "grad"
    fills = shown(view, "fill")
    assert fills["L"] != fills["x1"] == colors.NEUTRAL  # only L has a gradient at step 0
    assert fills != before
    for fill, ink in zip(view.figure.nodes.data["fill"], view.figure.nodes.data["ink"],
                         strict=True):
        assert colors.contrast(fill, ink) >= 4.5  # readable: no white on light orange


def test_switching_the_net_lands_on_step_zero_with_its_own_example(view: GraphView) -> None:
    view.step = view.backprop.n
    for net in NETS:
        view.net = net
        spec = NET_SPECS[net]
        assert view.step == 0, net
        assert view.trainer.loss == spec.loss
        assert view.graph.node("x1").value == spec.inputs[0]
        assert view.graph.node("y1").value == spec.target
        assert len(shown(view, "id")) == len(view.graph.nodes)
        view.step = view.backprop.n


def test_the_example_params_retrace_and_keep_the_step(view: GraphView) -> None:
    view.step = 5
    loss = view.graph.loss.value
    view.x1 = 12.0
    assert view.step == 5
    assert shown(view, "v")["x1"] == "v=12"
    assert view.graph.loss.value != loss
    view.target = 0.5
    assert shown(view, "v")["y1"] == "v=0.5"


def test_a_typed_weight_reaches_the_picture(view: GraphView) -> None:
    ref = notation.parameters(view.live.model)[6]  # w[2]11
    view.live.set_parameter(ref, 20.0)
    assert shown(view, "v")["w2_1_1"] == "v=20"


def test_edge_numbers_can_be_hidden(view: GraphView) -> None:
    view.edge_labels = False
    assert view.figure.labels.data["text"] == []
    view.edge_labels = True
    assert len(view.figure.labels.data["text"]) == len(view.graph.edges)


def test_numbers_follow_the_language() -> None:
    view = GraphView(Display(code="de"))
    assert shown(view, "v")["y1"] == "v=0,04"
    view.display.code = "en"
    assert shown(view, "v")["y1"] == "v=0.04"
    assert "0.04" in view.figure.labels.data["text"]


def test_projector_mode_enlarges_the_picture(view: GraphView) -> None:
    height = view.figure.figure.height
    view.display.projector = True
    assert view.figure.figure.height > height
    assert view.figure.figure.min_width > 0


def test_the_browser_width_spreads_the_columns(view: GraphView) -> None:
    view.width_px = 1900
    assert view.figure.figure.x_range.end == 1900
    xs = shown(view, "x")
    assert max(xs.values()) > 1700
    view.width_px = 800  # narrower than the texts need: the figure keeps the needed width
    assert view.figure.figure.x_range.end >= view.figure.figure.min_width > 800


def test_the_buttons_drive_the_step() -> None:
    view = GraphView(Display(code="en"))
    layout = pn.panel(view)
    buttons = {b.css_classes[0]: b for b in layout.select(pn.widgets.Button)}
    buttons["nnlab-graph-step"].clicks += 1
    buttons["nnlab-graph-step"].clicks += 1
    assert view.step == 2
    buttons["nnlab-graph-back"].clicks += 1
    assert view.step == 1
    buttons["nnlab-graph-end"].clicks += 1
    assert view.step == 26
    buttons["nnlab-graph-reset"].clicks += 1
    assert view.step == 0


def test_export_draws_every_box() -> None:
    view = GraphView(Display(code="en"))
    figure = view.figure_mpl()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "w[1]11" in texts and "L" in texts and "g=?" in texts
    assert len([t for t in texts if t.startswith("v=")]) == len(view.graph.nodes)


def test_a_new_seed_draws_new_weights_and_keeps_the_example() -> None:
    view = GraphView(Display(code="en"), net="tanh")
    view.x1 = 0.25
    view.step = 4
    before = view.live.model.get_weights()[0].copy()
    view.seed = 7
    assert view.x1 == 0.25 and view.step == 0
    expected = build_model("tanh", seed=7).get_weights()[0]
    assert (view.live.model.get_weights()[0] == expected).all()
    assert not (expected == before).all()


def test_an_example_without_a_finite_loss_says_so() -> None:
    view = GraphView(Display(code="en"), net="relu")
    view.live.load_weights([w * 0 + 1e300 for w in view.live.model.get_weights()])
    assert not view.finite()
    text = texts.formula_html(view.backprop, 0, view.finite(), "en")
    assert "no finite loss" in text
    assert "nan" not in " ".join(view.figure.nodes.data["v"]).lower()


def test_setting_params_from_python_updates_the_widgets() -> None:
    view = GraphView(Display(code="en"))
    layout = pn.panel(view)

    def widget(hook: str) -> pn.widgets.Widget:
        (found,) = [w for w in layout.select(pn.widgets.Widget) if hook in w.css_classes]
        return found

    view.color_by = "grad"
    assert widget("nnlab-graph-color").value == "grad"
    view.edge_labels = False
    assert widget("nnlab-graph-edge-labels").value is False
    view.net = "tanh"
    assert widget("nnlab-graph-net").value == "tanh"
    view.x1 = 3.0
    assert widget("nnlab-graph-x1").value == "3"
    view.trainer.learning_rate = 0.25
    assert widget("nnlab-graph-lr").value == "0.25"
