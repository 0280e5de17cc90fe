"""Checks for the fields of an untrusted JSON model file, and the guarded JSON parser.

Every check raises :class:`ModelFileError` whose message starts with the field's path
(``layers[1].config.units: expected ...``), so a student can find the mistake in the file; its
``reason`` and ``fields`` let a front end say the same in another language (``problems.py``).
"""

from __future__ import annotations

import json
import math
from typing import Any

from pycore.formula import FormulaError
from pycore.registry import UnknownNameError
from pycore.serialization.limits import (
    MAX_FORMULA_CHARS,
    MAX_INT_DIGITS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
)
from pycore.serialization.problems import ModelFileError, fail, got

# Library errors a valid-looking value can still trigger while building; all become
# ModelFileError with the field's path in the message.
BUILD_ERRORS = (ValueError, TypeError, KeyError, OverflowError, FormulaError)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def whole_number(value: Any, where: str, low: int, high: int) -> int:
    """An int in [low, high] (true/false is not a number here)."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise fail(where, "whole_number", low=low, high=high, got=got(value))
    return value


def text(value: Any, where: str, limit: int = MAX_NAME_CHARS) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise fail(where, "text", limit=limit, got=got(value))
    return value


def obj(value: Any, where: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(where, "object", got=got(value))
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise fail(where, "unknown_field", field=unknown[0], allowed=", ".join(sorted(allowed)))
    missing = sorted(required - set(value))
    if missing:
        raise fail(where, "missing_field", field=missing[0])
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
            raise fail(f"{where}.{key}", "setting_value", got=got(item))


def lookup(getter: Any, value: Any, where: str, known: list[str], kind: str) -> Any:
    """Resolves a name or settings object with the owning module's ``get`` (``kind`` says
    what it looks up: "activation", "optimizer", ...); any complaint of that module becomes a
    ModelFileError naming the field ("unknown_name", or "rejected" with the module's words)."""
    if isinstance(value, dict):
        obj(value, where, set(value), {"name"})
        flat_params(value, where, ("name", "formula", "derivative"))
    elif not isinstance(value, str) or len(value) > MAX_NAME_CHARS:
        raise fail(where, "name", known=", ".join(known), got=got(value))
    try:
        return getter(dict(value) if isinstance(value, dict) else value)
    except UnknownNameError as err:
        name = value["name"] if isinstance(value, dict) else value
        raise fail(where, "unknown_name", kind=kind, name=name, known=", ".join(known)) from err
    except BUILD_ERRORS as err:
        raise fail(where, "rejected", detail=str(err)) from err


def parse(source: Any) -> Any:
    """The JSON document in ``source`` (text or UTF-8 bytes), refusing oversized files,
    NaN/Infinity, floats that overflow, integers with too many digits and deep nesting."""
    if isinstance(source, bytes | bytearray):
        try:
            source = bytes(source).decode("utf-8")
        except UnicodeDecodeError as err:
            raise fail("", "not_utf8") from err
    if not isinstance(source, str):
        raise fail("", "not_text", type=type(source).__name__)
    if len(source) > MAX_TEXT_CHARS:
        raise fail("", "too_large", size=len(source), limit=MAX_TEXT_CHARS)

    def constant(name: str) -> Any:
        raise fail("", "non_finite", literal=name)

    def floating(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise fail("", "float_overflow", number=literal[:40])
        return value

    def integer(literal: str) -> int:
        if len(literal.lstrip("-")) > MAX_INT_DIGITS:
            raise fail("", "too_many_digits", number=literal[:40])
        return int(literal)

    try:
        return json.loads(source, parse_constant=constant, parse_float=floating,
                          parse_int=integer)
    except ModelFileError:
        raise
    except RecursionError as err:
        raise fail("", "too_deep") from err
    except json.JSONDecodeError as err:
        raise fail("", "not_json", message=err.msg, line=err.lineno, column=err.colno,
                   char=err.pos) from err


def nested_shape(value: Any, shape: tuple[int, ...], where: str) -> None:
    """``value`` must be nested lists of numbers with exactly ``shape``."""
    if (len(shape) == 1 and isinstance(value, list) and len(value) == shape[0]
            and all(type(item) in (int, float) for item in value)):
        return  # the common case, a row of numbers, in one pass (large files load faster)
    if not shape:
        if not is_number(value):
            raise fail(where, "number", got=got(value))
        return
    if not isinstance(value, list) or len(value) != shape[0]:
        raise fail(where, "list_length", count=shape[0], got=got(value))
    for k, item in enumerate(value):
        nested_shape(item, shape[1:], f"{where}[{k}]")


