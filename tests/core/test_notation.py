"""pycore.notation: lecture labels, and ParameterRefs that match get_weights exactly."""

from __future__ import annotations

import numpy as np
import pytest

from pycore import Dense, Dropout, Sequential, graph
from pycore.notation import (
    ParameterRef,
    bias_label,
    get_parameter,
    parameters,
    set_parameter,
    subscript,
    weight_label,
)


@pytest.mark.parametrize(("args", "label"), [
    ((1, 2, 1), "w[1]21"),
    ((3, 1, 1), "w[3]11"),
    ((1, 12, 3), "w[1]12,3"),
    ((2, 3, 10), "w[2]3,10"),
    ((12, 1, 2), "w[12]12"),  # the layer number is in brackets: no comma needed
])
def test_weight_labels(args: tuple[int, int, int], label: str) -> None:
    assert weight_label(*args) == label


def test_bias_labels_and_subscripts() -> None:
    assert bias_label(1, 2) == "b[1]2"
    assert bias_label(2, 10) == "b[2]10"
    assert subscript(1, 1) == "11" and subscript(9, 10) == "9,10" and subscript(7) == "7"


@pytest.mark.parametrize("bad", [0, -1, 1.0, True, None])
def test_labels_reject_indices_that_are_not_counted_from_one(bad: object) -> None:
    with pytest.raises(ValueError, match=">= 1"):
        weight_label(1, bad, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=">= 1"):
        bias_label(bad, 1)  # type: ignore[arg-type]


def deep_model() -> Sequential:
    """Dropout between Dense layers, a layer without bias, and a layer with 12 inputs."""
    model = Sequential([Dense(12, activation="tanh", input_dim=3), Dropout(0.5),
                        Dense(2, use_bias=False), Dense(3, activation="softmax")], seed=4)
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    return model


def test_parameters_follow_get_weights_order() -> None:
    model = deep_model()
    refs = parameters(model)
    flat = np.concatenate([w.ravel() for w in model.get_weights()])
    assert len(refs) == flat.size == model.count_params()
    np.testing.assert_array_equal([get_parameter(model, r) for r in refs], flat)
    # weight_index and position walk through get_weights in row-major order
    walk = [(k, pos) for k, w in enumerate(model.get_weights()) for pos in np.ndindex(w.shape)]
    assert [(r.weight_index, r.position) for r in refs] == walk


def test_parameter_fields() -> None:
    refs = parameters(deep_model())
    first, last = refs[0], refs[-1]
    assert first == ParameterRef(0, (0, 0), "w[1]11", 0, 1, "weight", 0, 0)
    assert last == ParameterRef(4, (2,), "b[3]3", 3, 3, "bias", None, 2)
    second_layer = [r for r in refs if r.layer_number == 2]
    assert {r.layer for r in second_layer} == {2}  # Dropout counts in model.layers, not in l
    assert {r.kind for r in second_layer} == {"weight"}  # use_bias=False
    assert [r.label for r in second_layer][-2:] == ["w[2]12,1", "w[2]12,2"]
    assert all(r.position == ((r.i, r.j) if r.kind == "weight" else (r.j,)) for r in refs)


def test_labels_agree_with_the_computation_graph() -> None:
    model = deep_model()
    g = graph.trace(model, np.ones(3), np.array([1.0, 0.0, 0.0]))
    nodes = {n.label: n for n in g.nodes if n.op in ("weight", "bias")}
    refs = parameters(model)
    assert sorted(nodes) == sorted(r.label for r in refs)
    for ref in refs:
        assert nodes[ref.label].param == (ref.weight_index, ref.position)
        assert nodes[ref.label].layer == ref.layer


def test_set_parameter_writes_in_place_and_rejects_bad_values() -> None:
    model = deep_model()
    ref = next(r for r in parameters(model) if r.label == "w[2]32")
    live = model.weights[ref.weight_index]
    set_parameter(model, ref, 0.25)
    assert live[2, 1] == 0.25 and get_parameter(model, ref) == 0.25
    before = model.get_weights()
    for bad in (np.nan, np.inf, -np.inf, "1.0", None, True):
        with pytest.raises(ValueError, match=r"w\[2\]32"):
            set_parameter(model, ref, bad)  # type: ignore[arg-type]
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_refs_of_another_model_are_refused() -> None:
    big, small = deep_model(), Sequential([Dense(1, input_dim=1)])
    with pytest.raises(ValueError, match="does not belong"):
        get_parameter(small, parameters(big)[-1])
    with pytest.raises(ValueError, match="does not belong"):
        set_parameter(small, parameters(big)[5], 1.0)


def test_unbuilt_model_has_no_parameters_yet() -> None:
    with pytest.raises(ValueError, match="not built"):
        parameters(Sequential([Dense(2), Dense(1)]))
