"""What can be wrong with a model file: one short reason per problem, with its English sentence.

Why reasons and not just sentences: pycore speaks English to Python users, but the lab shows
the same problems to German students. A :class:`ModelFileError` therefore carries the field's
path (``where``), a stable identifier (``reason``) and the values that go into the sentence
(``fields``); ``str(error)`` is the English sentence built from :data:`PROBLEMS`, and a front end
translates ``reason`` with the same fields. Values read from the file are described by
:class:`Got` (what kind of value, and a short sample) so that the description can be
translated too. An application with checks of its own adds its reasons with
:func:`add_problems`.
"""

from __future__ import annotations

from typing import Any, NamedTuple

#: reason -> English sentence; ``{name}`` is filled with ``fields[name]`` (plain ``str``).
PROBLEMS: dict[str, str] = {
    # the file as a whole (parse)
    "not_utf8": "the file is not UTF-8 text",
    "not_text": "expected the text of a JSON file, got {type}",
    "too_large": "the file is too large ({size} characters, at most {limit})",
    "non_finite": "the file contains {literal}; every number must be finite",
    "float_overflow": "the number {number} is too large for a float",
    "too_many_digits": "the number {number}... has too many digits",
    "too_deep": "the file is nested too deeply to be a model file",
    "not_json": "the file is not valid JSON ({message}: line {line} column {column} "
                "(char {char}))",
    # fields
    "object": "expected an object {{...}}, got {got}",
    "unknown_field": "unknown field '{field}'; allowed: {allowed}",
    "missing_field": "missing field '{field}'",
    "whole_number": "expected a whole number from {low} to {high}, got {got}",
    "number": "expected a number, got {got}",
    "number_range": "expected a number in {left}{low}, {high}{right}, got {got}",
    "boolean": "expected true or false, got {got}",
    "setting_value": "expected a number, true/false or null, got {got}",
    "text": "expected text of at most {limit} characters, got {got}",
    "name": "expected a name ({known}), got {got}",
    "unknown_name": "Unknown {kind} '{name}'; known: {known}.",
    "rejected": "{detail}",
    "list_length": "expected a list of {count} entries, got {got}",
    # the document
    "format": "expected '{expected}', got {got}",
    "version": "expected {expected} (this lab reads version {expected} files), got {got}",
    "layer_count": "expected a list of 1 to {limit} layers, got {got}",
    "layer_kind": "expected one of {known}, got {got}",
    "first_layer": "the first layer must be one that fixes the number of inputs ({starters}), "
                   "not {layer}",
    "input_width": "expected {expected} (the width of the layer before), got {found}",
    "axis": "expected -1 or 1 (the features), got {got}",
    "too_many_params": "the model has {count} parameters, at most {limit}",
    "cannot_build": "cannot build the model ({detail})",
    "weight_count": "expected a list of {count} arrays (every layer's weights in get_weights "
                    "order), got {got}",
    "optimizer_object": "expected an object with the optimizer's name and settings, got {got}",
    "metric_list": "expected a list of at most {limit} metric names, got {got}",
    "cannot_compile": "cannot compile the model ({detail})",
    # load_weights_json: the file's net against the model's
    "layer_count_mismatch": "the file has {file} layers, this model {model}",
    "layer_mismatch": "the file's layer {file} does not match this model's layer {model}",
}


#: Got.kind -> English words for a value found in the file (``{sample}``, ``{length}``).
GOT: dict[str, str] = {
    "object": "an object",
    "list": "a list of length {length}",
    "text": "text ({sample!r})",
    "number": "a number ({sample})",
    "true": "true",
    "false": "false",
    "null": "null",
}


class Got(NamedTuple):
    """What the file holds where something else was expected: its ``kind`` (a key of
    :data:`GOT`), a ``sample`` (the number, or the text cut to 40 characters) and, for a list,
    its ``length``."""

    kind: str
    sample: str | int | float | None = None
    length: int | None = None

    def __str__(self) -> str:
        return GOT[self.kind].format(sample=self.sample, length=self.length)


def got(value: Any) -> Got:
    """The description of a JSON value for a message."""
    if isinstance(value, dict):
        return Got("object")
    if isinstance(value, list):
        return Got("list", length=len(value))
    if isinstance(value, str):
        return Got("text", value[:40])
    if isinstance(value, bool):
        return Got("true" if value else "false")
    if value is None:
        return Got("null")
    return Got("number", value)


class ModelFileError(ValueError):
    """The model file cannot be loaded; the message says which field is wrong and why.

    ``where`` is the field's path in the file (``layers[1].config.units``, ``""`` for the
    whole file), ``reason`` a key of :data:`PROBLEMS` (None for an error made from a message
    alone, e.g. by older code), ``fields`` the values in the sentence."""

    def __init__(self, message: str, *, where: str = "", reason: str | None = None,
                 fields: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.where, self.reason, self.fields = where, reason, dict(fields or {})


def fail(where: str, reason: str, **fields: Any) -> ModelFileError:
    """The error for ``reason`` at ``where``; its message is ``"<where>: <English sentence>"``."""
    problem = PROBLEMS[reason].format(**fields)
    return ModelFileError(f"{where}: {problem}" if where else problem, where=where,
                          reason=reason, fields=fields)


def add_problems(table: dict[str, str]) -> None:
    """Adds an application's reasons (reason -> English sentence); a reason added twice with
    another sentence is a bug."""
    for reason, english in table.items():
        if PROBLEMS.get(reason, english) != english:
            raise ValueError(f"model-file reason {reason!r} added twice with different text")
        PROBLEMS[reason] = english
