"""Your own activation per layer: the derivative check decides what is trusted."""

from __future__ import annotations

import numpy as np
import pytest

from web.division.model import DivisionViewModel, evaluate, is_division_net
from web.division.own.model import FORMULA, ORIGIN, OwnActivations
from web.division.own.view import check_html


@pytest.fixture
def vm() -> DivisionViewModel:
    return DivisionViewModel()


def formula(own: OwnActivations, layer: int, f: str, d: str = "") -> None:
    own.layers[layer].param.update(kind=FORMULA, formula=f, derivative=d)


def test_a_correct_derivative_is_checked_and_used(vm) -> None:
    own = OwnActivations(vm.live, on_applied=vm.mark_custom)
    formula(own, 0, "x*tanh(x)", "tanh(x) + x*(1 - tanh(x)**2)")
    built = own.layers[0].build()
    assert built.check.ok and built.check.checked > 3000
    weights = vm.live.model.get_weights()
    assert own.apply() and own.outcome == "own.applied"
    model = vm.live.model
    assert [layer.activation.name for layer in model.layers] == ["own", "division"]
    for got, want in zip(model.get_weights(), weights, strict=True):
        np.testing.assert_array_equal(got, want)
    assert vm.live.origin == ORIGIN and vm.preset == "custom" and not is_division_net(model)
    z = np.array([-1.0, 0.5, 2.0])
    np.testing.assert_allclose(model.layers[0].activation.derivative(z),
                               np.tanh(z) + z * (1 - np.tanh(z) ** 2))
    assert "matches the finite difference" in check_html(built, "en")


def test_a_wrong_derivative_is_shown_and_not_used_unless_accepted(vm) -> None:
    own = OwnActivations(vm.live)
    formula(own, 1, "sigmoid(x)", "sigmoid(x)")  # the original project's kind of mistake
    built = own.layers[1].build()
    assert not built.check.ok
    text = check_html(built, "de")
    assert "Deine Ableitung ist falsch" in text and "x = " in text
    model = vm.live.model
    assert not own.apply() and own.outcome == "own.not_trusted" and vm.live.model is model
    own.accept_unchecked = True
    assert own.apply()
    derivative = vm.live.model.layers[1].activation.derivative(np.array([0.0]))
    assert derivative[0] == pytest.approx(0.5)  # the wrong one, as asked: sigmoid(0)


def test_a_bad_formula_changes_nothing(vm) -> None:
    own = OwnActivations(vm.live)
    for text, key in (("", "own.formula_empty"), ("__import__('os')", "own.formula_bad"),
                      ("x +", "own.formula_bad")):
        formula(own, 0, text)
        assert own.layers[0].build().problem == key
        model = vm.live.model
        assert not own.apply() and own.outcome == "own.not_applied"
        assert vm.live.model is model


def test_without_a_derivative_finite_differences_are_used_and_said(vm) -> None:
    own = OwnActivations(vm.live)
    formula(own, 0, "maximum(x, 0.1*x)")
    built = own.layers[0].build()
    assert built.check is None and built.activation is not None
    assert "finite difference" in check_html(built, "en")
    assert "exact derivative" in check_html(own.layers[1].build(), "en")


def test_messages_stay_true_for_own_nets_and_presets_bring_the_division_net_back(vm):
    own = OwnActivations(vm.live, on_applied=vm.mark_custom)
    own.layers[0].kind = "sigmoid"
    own.layers[1].kind = "sigmoid"
    own.apply()
    assert vm.preset == "custom"
    result = evaluate(vm.live.model, "60", "1")
    assert [m.key for m in result.messages] == ["division.msg.outside"]
    vm.preset = "hand_set"
    assert is_division_net(vm.live.model)
    assert vm.result.display("en")["network"] == evaluate(
        vm.live.model, vm.dividend, vm.divisor).display("en")["network"]
    assert abs(vm.result.network_quotient - 20.7 / 4.26) < 1e-4
