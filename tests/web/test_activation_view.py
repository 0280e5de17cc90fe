"""Activation tab without a browser: the curves are pycore's functions."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from web.activation_view import CUSTOM, DIVISION_RANGE, NAMES, Y_CLIP, ActivationView, curve
from web.i18n import Language


@pytest.fixture
def view() -> ActivationView:
    return ActivationView(Language(code="en"))


@pytest.mark.parametrize("name", NAMES)
def test_curve_is_the_pycore_function(name: str) -> None:
    act = pycore.activations.get(name)
    data = curve(act, -3.0, 4.0, n=101)
    np.testing.assert_array_equal(data["y"], act(data["x"]))
    np.testing.assert_array_equal(data["dy"], np.clip(act.derivative(data["x"]), -Y_CLIP, Y_CLIP))


def test_view_shows_the_chosen_curves(view: ActivationView) -> None:
    view.w_choose.value = ["elu", "selu"]
    assert set(view.curves()) == {"elu", "selu"}
    shown = {name for name, (solid, _) in view._lines.items() if solid.visible}
    assert shown == {"elu", "selu"}
    x = np.asarray(view._sources["selu"].data["x"])
    np.testing.assert_array_equal(view._sources["selu"].data["y"],
                                  pycore.activations.get("selu")(x))
    legend = {item.label.value for item in view._legend.items if item.visible}
    assert legend == {"elu", "selu"}


def test_division_preset_shows_kink_and_seam(view: ActivationView) -> None:
    view.w_choose.value = ["relu"]
    assert not view._seam.visible
    view.b_division.clicks += 1
    assert view.x_range == DIVISION_RANGE
    assert "division" in view.w_choose.value
    assert view._kink.visible and view._seam.visible
    x = view._sources["division"].data["x"]
    assert 0.0 in x and 15.0 in x  # the kink and the seam are sampled exactly
    assert "30000" in view.notes.object


def test_sigmoid_equals_shifted_tanh(view: ActivationView) -> None:
    view.w_identity.value = True
    x = np.asarray(view._identity.data["x"])
    assert x.size > 100
    sig = pycore.activations.get("sigmoid")(x)
    np.testing.assert_allclose(view._identity.data["y"], sig, rtol=0, atol=1e-15)
    assert "tanh" in view.notes.object


def test_dying_relu_region(view: ActivationView) -> None:
    view.w_dying.value = True
    assert view._dying.visible and view._dying.right == 0
    view.w_choose.value = ["tanh"]
    assert not view._dying.visible


def test_range_slider_resamples(view: ActivationView) -> None:
    view.w_range.value = (1.0, 2.0)
    x = view._sources["tanh"].data["x"]
    assert min(x) == 1.0 and max(x) == 2.0


def test_user_formula(view: ActivationView) -> None:
    assert view.set_formula("x / (1 + abs(x))")
    data = view.curves()[CUSTOM]
    np.testing.assert_allclose(data["y"], data["x"] / (1 + np.abs(data["x"])))
    assert view._lines[CUSTOM][0].visible
    assert not view.set_formula("__import__('os').system('true')")
    assert "Cannot use this formula" in view.formula_message.object
    assert not view._lines[CUSTOM][0].visible


def test_export_figure_has_one_line_per_curve(view: ActivationView) -> None:
    view.w_deriv.value = False
    figure = view.figure()
    labels = [line.get_label() for line in figure.axes[0].get_lines()]
    assert {"sigmoid", "tanh", "relu", "division"} <= set(labels)
