"""ModelFileError's reason, path and fields: each of pycore's reasons is reached by a file, and
the English sentence is the reason's template filled with the fields, after the path."""

from __future__ import annotations

import json

import pytest

from pycore import activations, data
from pycore.serialization import ModelFileError, from_json, load_weights_json, to_json
from pycore.serialization.problems import GOT, PROBLEMS, Got, add_problems, fail, got
from tests.core.model_file_samples import SAMPLES, good

# Not reachable through from_json (every value that could make them is refused earlier); the
# build and compile steps keep them as a guard, so their sentences are checked directly.
GUARDS = {"cannot_build", "cannot_compile"}
LOAD_WEIGHTS = {"layer_count_mismatch", "layer_mismatch"}


def test_every_reason_has_a_sample_or_is_a_guard() -> None:
    assert set(PROBLEMS) >= set(SAMPLES) | GUARDS | LOAD_WEIGHTS
    core = {r for r in PROBLEMS if not r.startswith(("pg_", "division_"))}
    assert core == set(SAMPLES) | GUARDS | LOAD_WEIGHTS


@pytest.mark.parametrize("reason", sorted(SAMPLES))
def test_sample_file_fails_with_its_reason(reason: str) -> None:
    text, where = SAMPLES[reason]
    with pytest.raises(ModelFileError) as info:
        from_json(text)
    error = info.value
    assert (error.reason, error.where) == (reason, where)
    problem = PROBLEMS[reason].format(**error.fields)
    assert str(error) == (f"{where}: {problem}" if where else problem)


def test_load_weights_reasons() -> None:
    target = data.division_model("hand_set")
    doc = good()
    doc["layers"] = doc["layers"][:1]
    doc["weights"] = doc["weights"][:2]
    with pytest.raises(ModelFileError) as info:
        load_weights_json(target, json.dumps(doc))
    assert info.value.reason == "layer_count_mismatch"
    assert info.value.fields == {"file": 1, "model": 2}
    other = data.division_model("hand_set")
    other.layers[0].activation = activations.get("tanh")
    with pytest.raises(ModelFileError) as info:
        load_weights_json(target, to_json(other))
    assert (info.value.reason, info.value.where) == ("layer_mismatch", "layers[0]")
    assert "does not match this model's layer" in str(info.value)


@pytest.mark.parametrize("reason", sorted(GUARDS))
def test_guard_sentences(reason: str) -> None:
    error = fail("layers", reason, detail="boom")
    assert str(error).startswith("layers: cannot ") and str(error).endswith("(boom)")


def test_fields_describe_what_was_found() -> None:
    assert got({"a": 1}) == Got("object")
    assert got([1, 2]) == Got("list", length=2)
    assert got("x" * 50) == Got("text", "x" * 40)
    assert (got(True), got(False), got(None)) == (Got("true"), Got("false"), Got("null"))
    assert got(1.5) == Got("number", 1.5)
    assert [str(got(v)) for v in ({}, [1], "ab", True, None, 2)] == [
        "an object", "a list of length 1", "text ('ab')", "true", "null", "a number (2)"]
    assert set(GOT) == {"object", "list", "text", "number", "true", "false", "null"}


def test_unknown_name_and_rejected_settings_are_told_apart() -> None:
    text, _ = SAMPLES["unknown_name"]
    with pytest.raises(ModelFileError) as info:
        from_json(text)
    assert info.value.fields["kind"] == "activation" and info.value.fields["name"] == "divide"
    text, _ = SAMPLES["rejected"]
    with pytest.raises(ModelFileError) as info:
        from_json(text)
    assert "learning_rate" in info.value.fields["detail"]


def test_an_error_from_a_message_alone_has_no_reason() -> None:
    error = ModelFileError("something else")
    assert (str(error), error.reason, error.where, error.fields) == (
        "something else", None, "", {})


def test_add_problems_refuses_a_second_sentence_for_a_reason() -> None:
    add_problems({"test_reason": "the {thing} is odd"})
    assert str(fail("x", "test_reason", thing="cat")) == "x: the cat is odd"
    add_problems({"test_reason": "the {thing} is odd"})  # the same again is fine
    with pytest.raises(ValueError, match="twice"):
        add_problems({"test_reason": "other words"})
    del PROBLEMS["test_reason"]
