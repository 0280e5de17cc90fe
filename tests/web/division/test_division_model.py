"""The division tab's view-model, without a browser: inputs -> numbers and true messages."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pycore.division import DIVISION_PRESETS, division_model
from web.division.model import DivisionViewModel, evaluate, parse_number, preset_weights
from web.division.results import message_html, results_html


def shown_text(vm: DivisionViewModel, code: str) -> str:
    return results_html(vm.result, code) + message_html(vm.result, code)


def assert_no_bad_numbers(text: str) -> None:
    lowered = text.lower()
    for word in ("nan", "inf"):
        assert word not in lowered.replace("information", ""), (word, text)


def test_defaults_show_the_original_example() -> None:
    vm = DivisionViewModel()
    assert vm.preset == "hand_set"
    assert vm.result.display("en")["true"] == f"{20.7 / 4.26:.9g}"
    assert abs(vm.result.network_quotient - 20.7 / 4.26) < 1e-4
    assert vm.result.messages == ()


def test_20_by_5_gives_the_documented_digits_in_both_languages() -> None:
    vm = DivisionViewModel(dividend="20", divisor="5")
    assert vm.result.display("en")["network"] == "3.99999448"
    assert vm.result.display("de")["network"] == "3,99999448"
    assert vm.result.display("en")["true"] == "4"
    assert vm.result.absolute_error == pytest.approx(5.52e-6, rel=1e-2)


def test_the_result_is_pycores_own_forward_pass() -> None:
    vm = DivisionViewModel(dividend="13", divisor="7")
    traces = vm.result.traces
    assert traces[-1].a[0, 0] == vm.live.model.predict(np.array([[13.0, 7.0]]))[0, 0]
    assert traces[0].a[0, 0] == pytest.approx(0.03 * math.log(13.0) + 0.5, abs=1e-9)


@pytest.mark.parametrize(("text", "key"), [
    ("", "division.msg.empty"), ("   ", "division.msg.empty"),
    ("abc", "division.msg.not_number"), ("nan", "division.msg.not_number"),
    ("inf", "division.msg.not_number"), ("1e308", "division.msg.too_large"),
    ("2e6", "division.msg.too_large"), ("1+1", "division.msg.not_number"),
])
def test_bad_numbers_are_rejected(text: str, key: str) -> None:
    assert parse_number(text) == (None, key)


def test_decimal_comma_is_accepted() -> None:
    assert parse_number("20,7") == (20.7, None)


@pytest.mark.parametrize("divisor", ["0", "0.0", "-0", "", "x", "nan", "1e308", "inf"])
@pytest.mark.parametrize("code", ["de", "en"])
def test_invalid_divisor_gives_message_and_no_result(divisor: str, code: str) -> None:
    vm = DivisionViewModel(dividend="20", divisor=divisor)
    assert vm.result.traces is None
    assert vm.result.messages and vm.result.messages[0].level == "error"
    text = shown_text(vm, code)
    assert 'class="nnlab-message"' in text
    assert_no_bad_numbers(text)


@pytest.mark.parametrize(("x1", "x2", "key", "direction"), [
    ("0.5", "2", "division.msg.domain_x", None), ("-20", "5", "division.msg.domain_x", None),
    ("55", "1", "division.msg.overshoot", 1), ("60", "1", "division.msg.overshoot", 1),
    ("86", "1", "division.msg.overshoot", 1), ("95", "1", "division.msg.saturated", -1),
    ("1000000", "1", "division.msg.saturated", -1),
])
def test_outside_the_range_the_warning_says_which_way_it_is_wrong(x1, x2, key, direction):
    vm = DivisionViewModel(dividend=x1, divisor=x2)
    result = vm.result
    assert [m.key for m in result.messages] == [key]
    assert result.messages[0].level == "warning"
    assert result.absolute_error > 0.01  # visibly wrong: that is where it breaks
    if direction is not None:  # the words match what the network computes
        assert np.sign(result.network_quotient - result.true_quotient) == direction
    assert_no_bad_numbers(shown_text(vm, "en"))


def test_dividend_zero_has_no_relative_error_but_no_nan() -> None:
    vm = DivisionViewModel(dividend="0", divisor="3")
    assert vm.result.relative_error is None
    assert vm.result.display("en")["rel_error"] == "—"


def test_preset_switching_loads_the_presets_weights() -> None:
    vm = DivisionViewModel()
    vm.preset = "trained"
    np.testing.assert_array_equal(vm.live.model.get_weights()[2], DIVISION_PRESETS["trained"][2])
    trained = vm.result.network_quotient
    vm.preset = "random"
    first_random = vm.live.model.get_weights()
    assert vm.result.network_quotient != trained
    vm.seed = 1
    assert not np.array_equal(vm.live.model.get_weights()[0], first_random[0])
    vm.seed = 0
    np.testing.assert_array_equal(vm.live.model.get_weights()[0], first_random[0])  # seeded
    assert vm.live.origin == "division.preset.random"


def test_error_grid_is_small_inside_and_large_outside_the_range() -> None:
    vm = DivisionViewModel()
    axis, errors = vm.error_grid(n=50)
    assert axis[0] == 1.0 and axis[-1] == pytest.approx(25.0)
    inside = axis <= 20
    assert errors[np.ix_(inside, inside)].max() < 1e-3
    vm.wide_range = True
    axis, errors = vm.error_grid(n=50)
    assert axis[0] == pytest.approx(0.1)
    assert errors[0, -1] > 10  # x1 = 60, x2 = 0.1: quotient 600, the output saturates
    assert np.all(np.isfinite(errors))


def test_evaluate_and_presets_come_from_pycore() -> None:
    result = evaluate(division_model("hand_set"), "20", "5")
    assert result.display("en")["network"] == "3.99999448"
    assert preset_weights("hand_set", 0)[2][0, 0] == 33.3333


def test_each_warning_names_the_piece_the_trace_shows() -> None:
    # a lower output bias keeps the output neuron on its exp piece above 50: result <= 50
    low_bias = division_model("hand_set")
    low_bias.set_weights([*DIVISION_PRESETS["hand_set"][:3], np.array([-10.0])])
    result = evaluate(low_bias, "60", "1")
    assert [m.key for m in result.messages] == ["division.msg.exp_limit"]
    assert result.traces[-1].z[0, 0] <= 0 and result.network_quotient <= 50
    # a hidden scale of 1 puts x = 20 on the activation's third piece (z > 15)
    wide = division_model("hand_set")
    wide.set_weights([np.eye(2), np.zeros(2), *DIVISION_PRESETS["hand_set"][2:]])
    result = evaluate(wide, "20", "5")
    assert result.traces[0].z.max() > 15
    assert [m.key for m in result.messages] == ["division.msg.hidden_seam"]


def test_no_warning_where_the_result_is_right_even_outside_the_data() -> None:
    from pycore.solvers import levenberg_marquardt

    model = division_model(None, seed=0)
    data = DivisionViewModel().training_data()
    levenberg_marquardt(model, data.x_train, data.y_train, seed=0)
    result = evaluate(model, "0.5", "2")  # the learnt net divides below 1 too
    assert abs(result.network_quotient - 0.25) < 1e-6 and result.messages == ()
    result = evaluate(model, "25", "1")  # but not above 19.97: 0.7508 x > 15
    assert [m.key for m in result.messages] == ["division.msg.hidden_seam"]
