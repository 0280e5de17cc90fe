"""The division demo's view-model, without a browser: inputs -> numbers and messages."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pycore import data as pycore_data
from web import i18n
from web.division_model import (
    DivisionViewModel,
    evaluate,
    flatten_weights,
    forward_pass,
    parse_number,
    preset_weights,
    unflatten_weights,
)
from web.division_view import message_html, results_html

BAD_WORDS = ("nan", "inf")


def shown_text(vm: DivisionViewModel, code: str) -> str:
    lang = i18n.Language(code=code)
    return results_html(vm.result, lang) + message_html(vm.result, vm.weight_message, lang)


def assert_no_bad_numbers(text: str) -> None:
    lowered = text.lower()
    for word in BAD_WORDS:
        assert word not in lowered.replace("information", ""), (word, text)


def test_defaults_show_the_original_example():
    vm = DivisionViewModel()
    assert vm.preset == "hand_set"
    assert vm.result.display()["true"] == f"{20.7 / 4.26:.9g}"
    assert abs(vm.result.network_quotient - 20.7 / 4.26) < 1e-4
    assert vm.result.messages == ()


def test_20_by_5_gives_the_documented_digits():
    vm = DivisionViewModel(dividend="20", divisor="5")
    assert vm.result.display()["network"] == "3.99999448"
    assert vm.result.display()["true"] == "4"
    assert vm.result.absolute_error == pytest.approx(5.52e-6, rel=1e-2)


def test_forward_pass_matches_model_predict():
    vm = DivisionViewModel()
    forward = forward_pass(vm.model, 13.0, 7.0)
    assert forward.y == pytest.approx(vm.model.predict(np.array([[13.0, 7.0]]))[0, 0], abs=0)
    assert forward.a1[0] == pytest.approx(0.03 * math.log(13.0) + 0.5, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "key"),
    [("", "division.msg.empty"), ("   ", "division.msg.empty"),
     ("abc", "division.msg.not_number"), ("nan", "division.msg.not_number"),
     ("NaN", "division.msg.not_number"), ("inf", "division.msg.not_finite"),
     ("-inf", "division.msg.not_finite"), ("1e308", "division.msg.too_large"),
     ("2e6", "division.msg.too_large"), ("1+1", "division.msg.not_number")],
)
def test_bad_numbers_are_rejected(text, key):
    assert parse_number(text) == (None, key)


def test_decimal_comma_is_accepted():
    assert parse_number("20,7") == (20.7, None)


@pytest.mark.parametrize("divisor", ["0", "0.0", "-0", "", "x", "nan", "1e308", "inf"])
@pytest.mark.parametrize("code", ["de", "en"])
def test_invalid_divisor_gives_message_and_no_result(divisor, code):
    vm = DivisionViewModel(dividend="20", divisor=divisor)
    assert vm.result.forward is None
    assert vm.result.messages and vm.result.messages[0].level == "error"
    text = shown_text(vm, code)
    assert 'class="nnlab-message"' in text
    assert_no_bad_numbers(text)


@pytest.mark.parametrize(("x1", "x2", "key"), [
    ("0.5", "2", "division.msg.domain_x"), ("-20", "5", "division.msg.domain_x"),
    ("60", "1", "division.msg.domain_q"), ("1000000", "1", "division.msg.domain_q"),
])
def test_outside_the_domain_still_shows_the_wrong_result_with_a_warning(x1, x2, key):
    vm = DivisionViewModel(dividend=x1, divisor=x2)
    assert [m.key for m in vm.result.messages] == [key]
    assert vm.result.messages[0].level == "warning"
    assert vm.result.forward is not None
    assert vm.result.absolute_error > 0.01  # visibly wrong: that is where it breaks
    assert_no_bad_numbers(shown_text(vm, "en"))


def test_dividend_zero_has_no_relative_error_but_no_nan():
    vm = DivisionViewModel(dividend="0", divisor="3")
    assert vm.result.relative_error is None
    assert vm.result.display()["rel_error"] == "—"


def test_preset_switching_loads_the_presets_weights():
    vm = DivisionViewModel()
    vm.preset = "trained"
    np.testing.assert_array_equal(unflatten_weights(vm.weights)[2],
                                  pycore_data.DIVISION_PRESETS["trained"][2])
    np.testing.assert_array_equal(vm.model.get_weights()[0],
                                  pycore_data.DIVISION_PRESETS["trained"][0])
    trained = vm.result.network_quotient
    vm.preset = "random"
    first_random = vm.weights.copy()
    assert vm.result.network_quotient != trained
    vm.seed = 1
    assert not np.array_equal(vm.weights, first_random)
    vm.seed = 0
    np.testing.assert_array_equal(vm.weights, first_random)  # seeded: reproducible


def test_editing_a_weight_changes_the_output():
    vm = DivisionViewModel()
    before = vm.result.network_quotient
    assert vm.set_weight(8, -3.5)
    assert vm.model.get_weights()[3][0] == -3.5
    assert vm.result.network_quotient != before


@pytest.mark.parametrize("value", [None, float("nan"), float("inf"), 2e6])
def test_invalid_weight_is_refused(value):
    vm = DivisionViewModel()
    before = vm.weights.copy()
    assert not vm.set_weight(0, value)
    np.testing.assert_array_equal(vm.weights, before)
    assert vm.weight_message == "division.msg.weight_invalid"
    assert_no_bad_numbers(shown_text(vm, "de"))


def test_flatten_round_trip():
    weights = pycore_data.DIVISION_PRESETS["trained"]
    for got, want in zip(unflatten_weights(flatten_weights(weights)), weights, strict=True):
        np.testing.assert_array_equal(got, want)


def test_error_grid_is_small_inside_and_large_outside_the_domain():
    vm = DivisionViewModel()
    axis, errors = vm.error_grid(n=50)
    assert axis[0] == 1.0 and axis[-1] == pytest.approx(20.0)
    assert errors.max() < 1e-3
    vm.wide_range = True
    axis, errors = vm.error_grid(n=50)
    assert axis[0] == pytest.approx(0.1)
    assert errors[0, -1] > 10  # x1 = 60, x2 = 0.1: quotient 600, the output saturates
    assert np.all(np.isfinite(errors))


def test_evaluate_uses_preset_weights():
    model = pycore_data.division_model("hand_set")
    result = evaluate(model, "20", "5")
    assert result.display()["network"] == "3.99999448"
    assert preset_weights("hand_set", 0)[6] == 33.3333


def test_training_steps_update_weights_curve_and_status():
    from web.division_training import DivisionTraining

    vm = DivisionViewModel()
    vm.preset = "trained"
    redraws: list[bool] = []
    training = DivisionTraining(vm, i18n.Language(code="en"), redraws.append)
    trainer = training._trainer_for_model()
    before = vm.weights.copy()
    for _ in range(2):
        training._epoch_done(trainer.step(1))
    assert not np.array_equal(vm.weights, before)
    np.testing.assert_array_equal(vm.weights, flatten_weights(vm.model.get_weights()))
    assert training.chart.source.data["epoch"] == [1, 2]
    assert "Epoch 2: loss" in training.status.object


def test_diverged_training_is_reported_in_words():
    from pycore.callbacks import TrainingStopped
    from web.division_training import DivisionTraining

    vm = DivisionViewModel()
    training = DivisionTraining(vm, i18n.Language(code="de"), lambda _redraw: None)
    trainer = training._trainer_for_model()
    trainer.stopped = TrainingStopped("non-finite loss", 3, 7, "The loss became NaN.")
    training._finished(trainer)
    assert "Training gestoppt in Epoche 4, Batch 8: Der Loss wurde größer" in training.status.object
    assert "NaN" not in training.status.object
    assert training.start.value is False
