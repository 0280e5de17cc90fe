"""Number fields: the owner's param is the one rule; bad text changes nothing and says so."""

from __future__ import annotations

import param
import pytest

from web.ui.display import Display
from web.ui.fields import NumberField, check


class Settings(param.Parameterized):
    rate = param.Number(default=1e-3, bounds=(0.0, 10.0), inclusive_bounds=(False, True))
    size = param.Integer(default=32, bounds=(1, 256))


@pytest.mark.parametrize(("text", "value"), [("0.5", 0.5), ("0,5", 0.5), (" 2 ", 2.0),
                                              ("1e-4", 1e-4), ("10", 10.0)])
def test_accepted_numbers(text: str, value: float) -> None:
    assert check(Settings.param.rate, text) == (value, None)


@pytest.mark.parametrize(("text", "key"), [
    ("", "field.empty"), ("abc", "field.not_number"), ("nan", "field.not_number"),
    ("inf", "field.not_number"), ("0", "field.not_above"), ("-1", "field.not_above"),
    ("11", "field.above"), ("1,000.5", "field.not_number"),
])
def test_rejected_numbers(text: str, key: str) -> None:
    value, problem = check(Settings.param.rate, text)
    assert value is None and problem[0] == key


def test_integer_rule() -> None:
    assert check(Settings.param.size, "64") == (64, None)
    assert check(Settings.param.size, "2.5")[1][0] == "field.not_integer"
    assert check(Settings.param.size, "0")[1][0] == "field.below"
    assert check(Settings.param.size, "300")[1][0] == "field.above"


def test_field_keeps_the_last_valid_value_visibly() -> None:
    settings, display = Settings(), Display(code="en")
    field = NumberField(settings, "rate", "Rate", display)
    field.input.value = "0.25"
    assert settings.rate == 0.25 and field.problem is None
    field.input.value = "0"
    assert settings.rate == 0.25
    assert field.input.value == "0.25"  # the field shows what is in force
    assert "0 is too small (must be more than 0): 0.25 stays." in field.message.object
    display.code = "de"
    assert "0,25 bleibt" in field.message.object and field.input.value == "0,25"
    field.input.value = "0,5"
    assert settings.rate == 0.5 and field.message.object == ""


def test_field_follows_its_owner_and_drops_a_stale_message() -> None:
    settings, display = Settings(), Display(code="en")
    field = NumberField(settings, "size", "Size", display)
    field.input.value = "x"
    assert field.problem is not None
    settings.size = 8
    assert field.input.value == "8" and field.problem is None
