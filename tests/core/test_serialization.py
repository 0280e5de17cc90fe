"""pycore.serialization: exact round trips, and every malformed file -> ModelFileError only."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pycore
from pycore import activations, data, optimizers
from pycore.layers import LAYER_CLASSES
from pycore.serialization import (
    MAX_LAYERS,
    MAX_PARAMS,
    MAX_TEXT_CHARS,
    MAX_UNITS,
    ModelFileError,
    from_json,
    load_weights_json,
    to_json,
)
from pycore.serialization.layer_checks import LAYER_CHECKS, required_keys
from tests.core.model_file_samples import with_value as _with


def _trained(model: pycore.Sequential, seed: int) -> pycore.Sequential:
    """A few optimizer steps so that weights and slot state hold arbitrary floats."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 3.0, size=(16, model.input_dim))
    if model.loss.name == "categorical_crossentropy":
        y = np.eye(model.output_dim)[rng.integers(model.output_dim, size=16)]
    else:
        y = rng.uniform(0.0, 1.0, size=(16, model.output_dim))
    model.fit(x, y, epochs=2, batch_size=4, seed=seed)
    return model


def division() -> pycore.Sequential:
    model = data.division_model("hand_set")
    model.compile(optimizer="adam", loss="mae", metrics=["mse"])
    return model


def classifier() -> pycore.Sequential:
    model = pycore.Sequential([
        pycore.Dense(4, activation="relu", input_dim=3, kernel_regularizer="l2",
                     kernel_initializer="he_normal"),
        pycore.Dropout(0.25, seed=3),
        pycore.Dense(3, activation={"name": "leaky_relu", "negative_slope": 0.1}),
        pycore.Dense(2, activation="softmax", use_bias=False),
    ], seed=1)
    model.compile(optimizer=optimizers.get("sgd", learning_rate=0.05, momentum=0.9,
                                           nesterov=True),
                  loss="categorical_crossentropy", metrics=["accuracy"])
    return _trained(model, 1)


def formula_net() -> pycore.Sequential:
    square = activations.from_formula("x * tanh(x)", "tanh(x) + x * (1 - tanh(x)**2)",
                                      name="xtanh")
    model = pycore.Sequential([pycore.Dense(3, activation=square, input_dim=2),
                               pycore.Dense(1, activation="elu")], seed=2)
    model.compile(optimizer=optimizers.get("nadam", learning_rate=3e-3),
                  loss={"name": "huber", "delta": 0.5}, metrics=["mae", "mse"])
    return _trained(model, 2)


def regression() -> pycore.Sequential:
    model = pycore.Sequential([pycore.Dense(4, activation="selu", input_dim=3),
                               pycore.Dense(4, activation="swish"),
                               pycore.Dense(1)], seed=3)
    model.compile(optimizer="rmsprop", loss="mse")
    return _trained(model, 3)


def uncompiled() -> pycore.Sequential:
    return pycore.Sequential([pycore.Dense(2, activation="tanh", input_dim=2),
                              pycore.Dense(1, activation="sigmoid")], seed=4)


MODELS: dict[str, Callable[[], pycore.Sequential]] = {
    "division": division, "classifier": classifier, "formula": formula_net,
    "regression": regression, "uncompiled": uncompiled,
}


def _snapshot(model: pycore.Sequential) -> tuple[Any, ...]:
    """Everything a failed load must leave alone, bit for bit."""
    return ([w.tobytes() for w in model.get_weights()], model.get_config(),
            None if model.optimizer is None else model.optimizer.get_config(),
            None if model.loss is None else model.loss.get_config(), list(model.metrics))


@pytest.mark.parametrize("name", list(MODELS))
def test_round_trip_is_exact(name: str) -> None:
    model = MODELS[name]()
    text = to_json(model)
    loaded = from_json(text)
    assert [w.tobytes() for w in loaded.get_weights()] == [
        w.tobytes() for w in model.get_weights()]
    x = np.random.default_rng(0).uniform(1.0, 20.0, size=(50, model.input_dim))
    np.testing.assert_array_equal(loaded.predict(x), model.predict(x))
    assert loaded.get_config()["layers"] == model.get_config()["layers"]
    if model.optimizer is None:
        assert loaded.optimizer is None and loaded.loss is None
    else:
        assert loaded.optimizer.get_config() == model.optimizer.get_config()
        assert loaded.loss.get_config() == model.loss.get_config()
        assert loaded.metrics == model.metrics
    assert to_json(loaded) == text
    doc = json.loads(text)
    assert doc["format"] == "nnlab-model" and doc["version"] == 1


def test_load_weights_into_matching_model() -> None:
    source = regression()
    target = pycore.Sequential([pycore.Dense(4, activation="selu", input_dim=3),
                                pycore.Dense(4, activation="swish"),
                                pycore.Dense(1)], seed=99)
    target.compile(optimizer="adam", loss="mae")
    load_weights_json(target, to_json(source))
    assert [w.tobytes() for w in target.get_weights()] == [
        w.tobytes() for w in source.get_weights()]
    assert target.loss.name == "mae"  # compile settings of the file are not applied here


def test_load_weights_rejects_other_architecture_and_keeps_model() -> None:
    target = division()
    before = _snapshot(target)
    with pytest.raises(ModelFileError, match=r"layers\[0\]"):
        load_weights_json(target, to_json(uncompiled()))
    assert _snapshot(target) == before


def test_to_json_refuses_non_finite_weights() -> None:
    model = uncompiled()
    model.weights[0][0, 0] = np.nan
    with pytest.raises(ValueError, match="finite"):
        to_json(model)




@pytest.mark.parametrize(("text", "message"), [
    ("{", "not valid JSON"),
    ("[]", "expected an object"),
    (_with(("format",), "keras"), "format: expected 'nnlab-model'"),
    (_with(("version",), 2), "version: expected 1"),
    (_with(("version",), True), "version"),
    (_with(("layers", 0, "config", "activation"), "divide"), "layers[0].config.activation"),
    (_with(("layers", 1, "config", "units"), 0), "layers[1].config.units: expected a whole"),
    (_with(("layers", 1, "config", "units"), MAX_UNITS + 1), f"from 1 to {MAX_UNITS}"),
    (_with(("layers", 0, "config", "kernel_initializer"), "magic"), "kernel_initializer"),
    (_with(("layers", 0, "class_name"), "Conv2D"), "layers[0].class_name"),
    (_with(("layers", 0, "config", "activation"), {"name": "f", "formula": "__import__('os')"}),
     "layers[0].config.activation"),
    (_with(("weights", 0), [[1.0, 2.0]]), "weights[0]: expected a list of 2"),
    (_with(("weights", 1, 0), "1.0"), "weights[1][0]: expected a number"),
    (_with(("weights",), []), "weights: expected a list of 4"),
    (to_json(division()).replace("-3.912023", "NaN"), "finite"),
    (to_json(division()).replace("-3.912023", "-1e999"), "too large"),
    (to_json(division()).replace("-3.912023", "1" * 40), "too many digits"),
    (_with(("compile", "optimizer", "name"), "adamw2"), "compile.optimizer"),
    (_with(("compile", "optimizer", "learning_rate"), -1.0), "compile.optimizer"),
    (_with(("compile", "optimizer", "learning_rate"), "0.1"), "learning_rate"),
    (_with(("compile", "loss"), "hinge"), "compile.loss"),
    (_with(("compile", "metrics"), ["precision"]), "compile.metrics[0]"),
    (_with(("extra",), 1), "unknown field 'extra'"),
    (_with(("layers",), [json.loads(to_json(division()))["layers"][1]] * (MAX_LAYERS + 1)),
     f"layers: expected a list of 1 to {MAX_LAYERS}"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (" " * (MAX_TEXT_CHARS + 1), "too large"),
])
def test_malformed_file_message_names_the_field(text: str, message: str) -> None:
    with pytest.raises(ModelFileError) as info:
        from_json(text)
    assert message in str(info.value)


def test_too_many_parameters() -> None:
    wide = {"class_name": "Dense", "config": {"units": MAX_UNITS, "input_dim": MAX_UNITS}}
    text = _with(("layers",), [wide, {"class_name": "Dense", "config": {"units": MAX_UNITS}}])
    assert 2 * MAX_UNITS * (MAX_UNITS + 1) > MAX_PARAMS
    with pytest.raises(ModelFileError, match="parameters"):
        from_json(text)


@pytest.mark.parametrize("value", [None, 5, b"\xff\xfe", ["{}"]])
def test_non_text_input(value: Any) -> None:
    with pytest.raises(ModelFileError):
        from_json(value)


# ---------------------------------------------------------------------------- fuzzing
BASE_DOCS = [json.loads(to_json(build())) for build in (division, classifier, formula_net)]
TARGET = classifier()
TARGET_TEXT = to_json(TARGET)

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-10**40, 10**40), st.text(max_size=12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e308, -1e-320, 1e400, "NaN", "Dense", "softmax", "adam",
                     "division", "mae", "__import__('os')", "x ** 99999"]),
)
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


def _containers(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every value in the document (the root is the empty path)."""
    paths = [path]
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else []
    for key, child in children:
        paths += _containers(child, (*path, key))
    return paths


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    doc = copy.deepcopy(draw(st.sampled_from(BASE_DOCS)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _containers(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "wrap", "duplicate", "nudge"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(json_value)
        elif action == "wrap":
            parent[key] = [parent[key]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif isinstance(parent[key], int | float) and not isinstance(parent[key], bool):
            parent[key] = parent[key] * draw(st.sampled_from([-1, 0, 2, 1e300, 1.5]))
        else:
            parent[key] = draw(json_leaf)
    return json.dumps(doc, allow_nan=True)


NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
BAD_LITERALS = ["1e999", "-1e999", "NaN", "Infinity", "-Infinity", "1" * 40, "true", '"1"',
                "[]", "null", "1e-999", "0"]


@st.composite
def number_literal_swaps(draw: st.DrawFn) -> str:
    """Replaces one number in the file's text by a literal that json.dumps would never write."""
    spans = [m.span() for m in NUMBER.finditer(TARGET_TEXT)]
    start, end = draw(st.sampled_from(spans))
    return TARGET_TEXT[:start] + draw(st.sampled_from(BAD_LITERALS)) + TARGET_TEXT[end:]


def _assert_rejected_or_valid(text: Any) -> None:
    """The only acceptable outcomes: a ModelFileError, or a model that saves and reloads."""
    try:
        model = from_json(text)
    except ModelFileError:
        pass
    else:
        assert all(np.isfinite(w).all() for w in model.get_weights())
        assert model.count_params() <= MAX_PARAMS
        from_json(to_json(model))
    before = _snapshot(TARGET)
    try:
        load_weights_json(TARGET, text)
    except ModelFileError:
        assert _snapshot(TARGET) == before
    else:
        load_weights_json(TARGET, TARGET_TEXT)  # restore for the next example


FUZZ = settings(max_examples=1000, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(mutated_documents())
def test_fuzz_mutated_documents(text: str) -> None:
    _assert_rejected_or_valid(text)


@settings(FUZZ, max_examples=300)
@given(st.one_of(
    json_value.map(lambda v: json.dumps(v, allow_nan=True)),
    st.text(max_size=60),
    st.integers(1, 3000).map(lambda n: '{"format": ' + "[" * n + "]" * n + "}"),
    st.integers(0, len(TARGET_TEXT)).map(lambda k: TARGET_TEXT[:k]),
    st.binary(max_size=40),
    number_literal_swaps(),
))
def test_fuzz_random_text_and_json(text: Any) -> None:
    _assert_rejected_or_valid(text)


# ------------------------------------------------------------ keys derived from the classes
@pytest.mark.parametrize("kind", ["Dense", "Dropout"])
def test_allowed_keys_are_the_class_config_keys(kind: str) -> None:
    cls = LAYER_CLASSES[kind]
    layers = json.loads(to_json(classifier()))["layers"]
    entry = next(e for e in layers if e["class_name"] == kind)
    assert set(entry["config"]) == cls.config_keys  # get_config writes exactly these
    index = layers.index(entry)
    entry["config"]["not_a_key"] = 1
    with pytest.raises(ModelFileError) as info:
        from_json(json.dumps({**json.loads(to_json(classifier())), "layers": layers}))
    message = str(info.value)
    assert message.startswith(f"layers[{index}].config: unknown field 'not_a_key'")
    assert message.endswith("allowed: " + ", ".join(sorted(cls.config_keys)))


def test_required_keys_are_the_constructor_parameters_without_default() -> None:
    assert required_keys(pycore.Dense) == {"units"}
    assert required_keys(pycore.Dropout) == {"rate"}
    doc = json.loads(to_json(classifier()))
    del doc["layers"][1]["config"]["rate"]
    with pytest.raises(ModelFileError, match=r"layers\[1\].config: missing field 'rate'"):
        from_json(json.dumps(doc))


def test_every_layer_kind_has_a_value_check() -> None:
    assert set(LAYER_CHECKS) == set(LAYER_CLASSES)


def test_first_layer_must_take_input_dim() -> None:
    doc = json.loads(to_json(classifier()))
    doc["layers"] = doc["layers"][1:]
    with pytest.raises(ModelFileError, match=r"layers\[0\]: the first layer must be one that "
                                             r"fixes the number of inputs \(Dense\)"):
        from_json(json.dumps(doc))


def test_largest_allowed_model_fits_in_a_file() -> None:
    """A net just under MAX_PARAMS whose every weight has the longest float text still loads:
    MAX_TEXT_CHARS is large enough for MAX_PARAMS."""
    inputs = MAX_PARAMS // MAX_UNITS - 1
    model = pycore.Sequential([pycore.Dense(MAX_UNITS, input_dim=inputs)])
    model.set_weights([np.full(w.shape, -2.2250738585072014e-308) for w in model.weights])
    assert MAX_PARAMS - MAX_UNITS < model.count_params() <= MAX_PARAMS
    text = to_json(model)
    assert len(text) < MAX_TEXT_CHARS
    assert [w.tobytes() for w in from_json(text).get_weights()] == [
        w.tobytes() for w in model.get_weights()]


def test_deepest_allowed_model_loads() -> None:
    model = pycore.Sequential([pycore.Dense(2, input_dim=2)]
                              + [pycore.Dense(2) for _ in range(MAX_LAYERS - 1)])
    assert len(from_json(to_json(model)).layers) == MAX_LAYERS
