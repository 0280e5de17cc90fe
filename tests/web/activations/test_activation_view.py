"""Activation tab without a browser: the view's params drive widgets and figure; curves are
pycore's functions."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from web.activations.curves import CUSTOM, DIVISION_RANGE, NAMES, curve, y_limits
from web.activations.view import ActivationView
from web.ui.display import Display


@pytest.fixture
def view() -> ActivationView:
    return ActivationView(Display(code="en"))


def notes(view: ActivationView) -> str:
    from web.activations import texts

    return texts.notes(view.chosen, view.identity, view.dying, view.display.code)


@pytest.mark.parametrize("name", NAMES)
def test_curve_is_the_pycore_function(name: str) -> None:
    act = pycore.activations.get(name)
    data = curve(act, -3.0, 4.0, n=101)
    np.testing.assert_array_equal(data["y"], act(data["x"]))
    np.testing.assert_array_equal(data["dy"], act.derivative(data["x"]))


def test_steep_or_infinite_values_leave_the_picture_instead_of_a_false_plateau() -> None:
    reciprocal = pycore.activations.from_formula("1/x", "-1/x**2")
    data = curve(reciprocal, -1.0, 1.0, n=201)
    near_zero = np.abs(data["x"]) < 0.05
    dy = data["dy"][near_zero]
    assert np.isnan(dy).any() or (np.abs(dy) > 3).all()  # no flat line at -3
    assert not np.any(data["dy"][np.isfinite(data["dy"])] == -3.0)
    low, high = y_limits({"f": data}, derivatives=True)
    assert -3.5 < low < high < 3.5


def test_params_choose_the_drawn_curves(view: ActivationView) -> None:
    view.chosen = ["elu", "selu"]
    shown = {name for name, (solid, _) in view._lines.items() if solid.visible}
    assert shown == {"elu", "selu"}
    x = np.asarray(view._sources["selu"].data["x"])
    np.testing.assert_array_equal(view._sources["selu"].data["y"],
                                  pycore.activations.get("selu")(x))
    legend = {item.label.value for item in view._legend.items if item.visible}
    assert legend == {"elu", "selu"}


def test_division_preset_shows_kink_and_seam(view: ActivationView) -> None:
    view.chosen = ["relu"]
    assert not view._seam.visible
    view.show_division()
    assert view.x_range == DIVISION_RANGE and "division" in view.chosen
    assert view._kink.visible and view._seam.visible
    assert (view._figure.x_range.start, view._figure.x_range.end) == DIVISION_RANGE
    x = view._sources["division"].data["x"]
    assert 0.0 in x and 15.0 in x  # the kink and the seam are sampled exactly
    assert "30000" in notes(view)


def test_sigmoid_equals_shifted_tanh(view: ActivationView) -> None:
    view.identity = True
    x = np.asarray(view._identity.data["x"])
    assert x.size > 100
    np.testing.assert_allclose(view._identity.data["y"], pycore.activations.get("sigmoid")(x),
                               rtol=0, atol=1e-15)
    assert "tanh" in notes(view)


def test_dying_relu_region(view: ActivationView) -> None:
    view.dying = True
    assert view._dying.visible and view._dying.right == 0
    view.chosen = ["tanh"]
    assert not view._dying.visible


def test_x_range_resamples(view: ActivationView) -> None:
    view.x_range = (1.0, 2.0)
    x = view._sources["tanh"].data["x"]
    assert min(x) == 1.0 and max(x) == 2.0


def test_user_formula(view: ActivationView) -> None:
    view.formula = "x / (1 + abs(x))"
    assert view.apply_formula()
    data = view.curves()[CUSTOM]
    np.testing.assert_allclose(data["y"], data["x"] / (1 + np.abs(data["x"])))
    assert view._lines[CUSTOM][0].visible
    view.formula = "__import__('os').system('true')"
    assert not view.apply_formula()
    assert view.formula_message[0] == "act.formula_error"
    assert not view._lines[CUSTOM][0].visible


def test_export_figure_has_one_line_per_curve_and_the_legend_outside(view) -> None:
    view.derivatives = False
    figure = view.figure()
    labels = [line.get_label() for line in figure.axes[0].get_lines()]
    assert {"sigmoid", "tanh", "relu", "division"} <= set(labels)
    legend = figure.axes[0].get_legend()
    assert legend.get_bbox_to_anchor().x0 > figure.axes[0].get_window_extent().x1 - 1
