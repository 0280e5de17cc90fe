"""The one owner of a model's weights: edits and replacements tick the right counters."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from pycore import notation
from web.ui.display import Display
from web.ui.live_model import LiveModel
from web.ui.weight_fields import WeightEditor, WeightField


@pytest.fixture
def live() -> LiveModel:
    model = pycore.Sequential([pycore.Dense(2, input_dim=2), pycore.Dense(1)], seed=0)
    return LiveModel(model=model)


def test_edit_ticks_revision_and_replacement_ticks_generation(live: LiveModel) -> None:
    ref = notation.parameters(live.model)[1]
    live.set_parameter(ref, 0.5)
    assert live.revision == 1 and live.generation == 0
    assert live.model.get_weights()[0][ref.position] == 0.5
    with pytest.raises(ValueError):
        live.set_parameter(ref, float("nan"))
    assert live.parameter(ref) == 0.5
    live.load_weights([np.zeros_like(w) for w in live.model.get_weights()], origin="x")
    assert (live.revision, live.generation, live.origin) == (2, 1, "x")


def test_weight_field_reads_and_writes_the_model(live: LiveModel) -> None:
    ref = notation.parameters(live.model)[6]  # w[2]11
    field = WeightField(live, Display(code="de"), ref)
    field.input.value = "1,25"
    assert live.parameter(ref) == 1.25 and live.revision == 1
    live.set_parameter(ref, -2.0)
    assert field.input.value == "-2"
    field.input.value = "1e9"
    assert live.parameter(ref) == -2.0 and "1e9" in field.message.object


def test_weight_editor_follows_clicks_and_new_models(live: LiveModel) -> None:
    editor = WeightEditor(live, Display(code="en"), "t")
    editor.label = "w[2]21"
    editor.field.input.value = "0.75"
    assert live.model.layers[1].kernel[1, 0] == 0.75
    bigger = pycore.Sequential([pycore.Dense(3, input_dim=2), pycore.Dense(1)], seed=1)
    live.replace(bigger)
    assert "w[2]31" in editor.param.label.objects and editor.label == "w[2]21"
    assert editor.field.input.value == f"{bigger.layers[1].kernel[1, 0]:.8g}"


def test_a_weight_being_typed_is_not_overwritten_while_the_net_trains(live: LiveModel) -> None:
    ref = notation.parameters(live.model)[0]
    field = WeightField(live, Display(code="en"), ref)
    field.input.value_input = "0.3"  # keystrokes, not entered yet
    live.set_parameter(notation.parameters(live.model)[1], 5.0)  # a training update elsewhere
    assert field.input.value_input == "0.3"
    field.input.value = "0.3"  # Enter
    assert live.parameter(ref) == 0.3 and field.input.value == "0.3"
    live.set_parameter(ref, 0.4)
    assert field.input.value == "0.4"
