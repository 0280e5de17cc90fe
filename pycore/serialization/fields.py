"""Checks for the fields of an untrusted JSON model file, and the guarded JSON parser.

Every check raises :class:`ModelFileError` whose message starts with the field's path
(``layers[1].config.units: expected ...``), so a student can find the mistake in the file.
"""

from __future__ import annotations

import json
import math
from typing import Any

from pycore.formula import FormulaError
from pycore.serialization.limits import (
    MAX_FORMULA_CHARS,
    MAX_INT_DIGITS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
)

# Library errors a valid-looking value can still trigger while building; all become
# ModelFileError with the field's path in the message.
BUILD_ERRORS = (ValueError, TypeError, KeyError, OverflowError, FormulaError)


class ModelFileError(ValueError):
    """The model file cannot be loaded; the message says which field is wrong and why."""


def fail(where: str, problem: str) -> ModelFileError:
    return ModelFileError(f"{where}: {problem}" if where else problem)


def describe(value: Any) -> str:
    kind = {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")
    return kind if isinstance(value, dict | list) else f"{kind} ({str(value)[:40]!r})"


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def whole_number(value: Any, where: str, low: int, high: int) -> int:
    """An int in [low, high] (true/false is not a number here)."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise fail(where, f"expected a whole number from {low} to {high}, got {describe(value)}")
    return value


def text(value: Any, where: str, limit: int = MAX_NAME_CHARS) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise fail(where, f"expected text of at most {limit} characters, got {describe(value)}")
    return value


def obj(value: Any, where: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(where, f"expected an object {{...}}, got {describe(value)}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise fail(where, f"unknown field {unknown[0]!r}; allowed: {', '.join(sorted(allowed))}")
    missing = sorted(required - set(value))
    if missing:
        raise fail(where, f"missing field {missing[0]!r}")
    return value


def flat_params(value: dict[str, Any], where: str, text_keys: tuple[str, ...] = ("name",),
                ) -> None:
    """Settings objects (activation, regularizer, optimizer, loss) hold numbers, true/false
    and null; only the ``text_keys`` (names, formulas) may be text."""
    for key, item in value.items():
        if key in text_keys:
            if item is not None or key == "name":
                text(item, f"{where}.{key}", MAX_FORMULA_CHARS)
        elif not (item is None or isinstance(item, bool) or is_number(item)):
            raise fail(f"{where}.{key}", f"expected a number, true/false or null, "
                                         f"got {describe(item)}")


def lookup(getter: Any, value: Any, where: str, known: list[str]) -> Any:
    """Resolves a name or settings object with the owning module's ``get``; any complaint
    of that module becomes a ModelFileError naming the field."""
    if isinstance(value, dict):
        obj(value, where, set(value), {"name"})
        flat_params(value, where, ("name", "formula", "derivative"))
    elif not isinstance(value, str) or len(value) > MAX_NAME_CHARS:
        raise fail(where, f"expected a name ({', '.join(known)}), got {describe(value)}")
    try:
        return getter(dict(value) if isinstance(value, dict) else value)
    except BUILD_ERRORS as err:
        raise fail(where, str(err)) from err


def parse(source: Any) -> Any:
    """The JSON document in ``source`` (text or UTF-8 bytes), refusing oversized files,
    NaN/Infinity, floats that overflow, integers with too many digits and deep nesting."""
    if isinstance(source, bytes | bytearray):
        try:
            source = bytes(source).decode("utf-8")
        except UnicodeDecodeError as err:
            raise fail("", "the file is not UTF-8 text") from err
    if not isinstance(source, str):
        raise fail("", f"expected the text of a JSON file, got {type(source).__name__}")
    if len(source) > MAX_TEXT_CHARS:
        raise fail("", f"the file is too large ({len(source)} characters, "
                       f"at most {MAX_TEXT_CHARS})")

    def constant(name: str) -> Any:
        raise fail("", f"the file contains {name}; every number must be finite")

    def floating(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise fail("", f"the number {literal[:40]} is too large for a float")
        return value

    def integer(literal: str) -> int:
        if len(literal.lstrip("-")) > MAX_INT_DIGITS:
            raise fail("", f"the number {literal[:40]}... has too many digits")
        return int(literal)

    try:
        return json.loads(source, parse_constant=constant, parse_float=floating,
                          parse_int=integer)
    except ModelFileError:
        raise
    except RecursionError as err:
        raise fail("", "the file is nested too deeply to be a model file") from err
    except ValueError as err:  # json.JSONDecodeError and invalid surrogates
        raise fail("", f"the file is not valid JSON ({err})") from err


def nested_shape(value: Any, shape: tuple[int, ...], where: str) -> None:
    """``value`` must be nested lists of numbers with exactly ``shape``."""
    if (len(shape) == 1 and isinstance(value, list) and len(value) == shape[0]
            and all(type(item) in (int, float) for item in value)):
        return  # the common case, a row of numbers, in one pass (large files load faster)
    if not shape:
        if not is_number(value):
            raise fail(where, f"expected a number, got {describe(value)}")
        return
    if not isinstance(value, list) or len(value) != shape[0]:
        raise fail(where, f"expected a list of {shape[0]} entries, got {describe(value)}"
                   + (f" of length {len(value)}" if isinstance(value, list) else ""))
    for k, item in enumerate(value):
        nested_shape(item, shape[1:], f"{where}[{k}]")


