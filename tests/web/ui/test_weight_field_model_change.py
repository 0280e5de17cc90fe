"""A weight field survives its live model being replaced by a net of another shape."""

from __future__ import annotations

import pycore
from pycore import notation
from web.ui.display import Display
from web.ui.live_model import LiveModel
from web.ui.weight_fields import WeightField


def net(inputs: int, seed: int) -> pycore.Sequential:
    return pycore.Sequential([pycore.Dense(1, input_dim=inputs)], seed=seed)


def test_a_field_whose_weight_is_gone_keeps_its_text_and_comes_back() -> None:
    live = LiveModel(model=net(2, seed=0))
    ref = notation.parameters(live.model)[1]  # w[1]21: only a two-input net has it
    field = WeightField(live, Display(code="en"), ref)
    shown = field.input.value
    live.replace(net(1, seed=1))  # one input: no w[1]21 (used to raise inside the watcher)
    assert field.input.value == shown
    live.replace(net(2, seed=2))
    assert field.input.value == Display(code="en").number(live.parameter(ref), 8)
    assert field.input.value != shown
