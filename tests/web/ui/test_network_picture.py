"""One network picture: lecture labels, one width rule, gradients in the hover, z and a."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from pycore import notation
from web.ui.display import Display
from web.ui.network_figure import NetworkFigure, network_mpl
from web.ui.network_picture import MAX_WIDTH, MIN_WIDTH, picture


@pytest.fixture
def model() -> pycore.Sequential:
    net = pycore.Sequential([pycore.Dense(3, activation="tanh", input_dim=2),
                             pycore.Dense(1, activation="sigmoid")], seed=1)
    net.compile(optimizer="sgd", loss="mse")
    return net


def test_edges_are_the_kernel_entries_in_lecture_notation(model) -> None:
    drawn = picture(model)
    kernel = [r for r in notation.parameters(model) if r.kind == "weight"]
    assert drawn.edges["name"] == [r.label for r in kernel]
    assert drawn.nodes["name"] == ["x1", "x2", "a[1]1", "a[1]2", "a[1]3", "a[2]1"]
    k = drawn.edges["name"].index("w[1]23")
    assert drawn.edges["w"][k] == f"{model.layers[0].kernel[1, 2]:.4g}"
    assert (drawn.edges["x0"][k], drawn.edges["x1"][k]) == (0.0, 1.0)


def test_width_grows_with_the_size_of_the_shown_value(model) -> None:
    drawn = picture(model)
    values = [abs(notation.get_parameter(model, r)) for r in notation.parameters(model)
              if r.kind == "weight"]
    widths = drawn.edges["width"]
    assert widths[int(np.argmax(values))] == pytest.approx(MAX_WIDTH)
    assert all(MIN_WIDTH <= w <= MAX_WIDTH for w in widths)
    assert np.argsort(values).tolist() == np.argsort(widths).tolist()


def test_gradient_mode_and_hover_never_show_nan(model) -> None:
    x, y = np.array([[0.3, -0.7]]), np.array([[1.0]])
    grads = model.gradients(x, y)
    drawn = picture(model, "de", grads=grads, color_by="grad")
    k = drawn.edges["name"].index("w[2]31")
    assert drawn.edges["g"][k] == f"{grads[2][2, 0]:.4g}".replace(".", ",")
    assert drawn.edges["width"][int(np.argmax(np.abs(grads[2][:, 0]))) + 6] == MAX_WIDTH
    plain = picture(model)  # no gradients known: a dash, not NaN
    assert set(plain.edges["g"]) == {"—"} and "nan" not in str(plain.nodes).lower()


def test_values_of_one_example_from_forward_trace(model) -> None:
    traces = model.forward_trace(np.array([[2.0, -1.0]]))
    drawn = picture(model, traces=traces)
    hidden = drawn.nodes["value"][2]
    assert hidden == (f"z = {traces[0].z[0, 0]:.4g}\na = {traces[0].a[0, 0]:.4g}")
    assert drawn.nodes["value"][0] == "x1 = 2"


def test_figure_shows_the_picture_and_reports_clicks(model) -> None:
    picked = []
    figure = NetworkFigure(Display(code="en"), on_pick=picked.append)
    figure.show(picture(model))
    assert figure.edges.data["name"][4] == "w[1]22"
    figure.edges.selected.indices = [4]
    assert picked == ["w[1]22"]
    assert figure.figure.x_range.start < 0 < 2 < figure.figure.x_range.end


def test_slide_export_draws_every_neuron(model) -> None:
    texts = [t.get_text() for t in network_mpl(picture(model), "net").axes[0].texts]
    assert "x1" in texts and "a[2]1" in texts
