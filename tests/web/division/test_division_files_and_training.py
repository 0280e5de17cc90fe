"""Division model files (round trip, bad files change nothing) and training from presets."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pycore import notation
from web.division.model import DivisionViewModel
from web.division.view import DivisionView
from web.ui.display import Display
from web.ui.model_files import ModelFiles, load_problem


def test_save_then_load_restores_identical_weights_and_output() -> None:
    saved = DivisionViewModel(dividend="17", divisor="3")
    refs = notation.parameters(saved.live.model)
    saved.live.set_parameter(refs[6], 33.5)
    saved.live.set_parameter(refs[1], 1.2345678901234567e-7)
    text = saved.model_file().save()
    other = DivisionViewModel(dividend="17", divisor="3")
    other.preset = "random"
    assert load_problem(text.encode(), other.load_json) is None
    for got, want in zip(other.live.model.get_weights(), saved.live.model.get_weights(),
                         strict=True):
        np.testing.assert_array_equal(got, want)
    assert other.result.display("en") == saved.result.display("en")
    assert other.preset == "custom" and other.live.origin == "division.preset.custom"


def bad_files(good: str) -> list[bytes]:
    doc = json.loads(good)
    wrong_shape = {**doc, "layers": doc["layers"][:1], "weights": doc["weights"][:2]}
    nan_weight = good.replace("-5.4774", "NaN", 1)
    huge_weight = {**doc, "weights": [doc["weights"][0], doc["weights"][1],
                                      [[1e9], [-33.3333]], doc["weights"][3]]}
    sigmoid = json.loads(good)
    sigmoid["layers"][1]["config"]["activation"] = "sigmoid"
    return [b"", b"not json", b"\xff\xfe", b"[]", json.dumps(wrong_shape).encode(),
            nan_weight.encode(), json.dumps(huge_weight).encode(),
            json.dumps(sigmoid).encode()]


@pytest.mark.parametrize("index", range(8))
def test_bad_file_gives_message_and_leaves_model_unchanged(index: int) -> None:
    vm = DivisionViewModel()
    vm.preset = "trained"
    before, result = vm.live.model.get_weights(), vm.result
    assert load_problem(bad_files(vm.model_file().save())[index], vm.load_json)
    for got, want in zip(vm.live.model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, want)
    assert vm.result is result and vm.preset == "trained"


def test_header_names_the_file_and_model_in_the_current_language() -> None:
    display, view = Display(code="en"), DivisionView(Display(code="en"))
    files = ModelFiles(display, target=lambda: view)
    files.upload.filename = "broken.json"
    files.upload.value = b"{"
    assert "Could not load broken.json" in files._status.object
    assert "The division net was not changed." in files._status.object
    display.code = "de"
    files.upload.filename = "good.json"
    files.upload.value = view.vm.model_file().save().encode()
    assert "good.json in das Divisionsnetz geladen." in files._status.object
    files.clear()
    assert files._status.object == ""


def test_hand_edit_marks_the_weights_as_your_own() -> None:
    view = DivisionView(Display(code="en"))
    details = view._build_details()
    field = details.weight_fields[0]  # w[1]11
    assert field.ref.label == "w[1]11"
    field.input.value = "2e-6"
    assert view.vm.preset == "custom"
    assert view.vm.live.model.layers[0].kernel[0, 0] == 2e-6


def test_training_from_hand_set_weights_shows_epoch_zero_and_the_damage() -> None:
    view = DivisionView(Display(code="en"))
    details = view._build_details()
    details.trainer.step(1)
    logs = details.trainer.run.logs["loss"]
    assert logs[0] < 1e-6 < logs[1]  # epoch 0: the hand-set net; epoch 1: destroyed
    chart = details.training.chart.source.data
    assert chart["epoch"][:2] == [0, 1]
    view.vm.preset = "trained"  # a new run, the counter back at 0
    assert details.trainer.epoch == 0 and len(details.trainer.runs) == 2
    details.restart()
    assert len(details.trainer.runs) == 3 and view.vm.preset == "trained"


def test_the_default_inputs_marker_lies_inside_the_heatmap() -> None:
    view = DivisionView(Display(code="de"))
    details = view._build_details()
    fig, point = details.heatmap.figure, details.heatmap.point.data
    x, y = point["x"][0], point["y"][0]  # log10 of 20.7 and 4.26
    assert fig.x_range.start < x < fig.x_range.end and fig.y_range.start < y < fig.y_range.end
    # with room for the marker's radius (18 px of a ~370 px plot, about 5 % of the range)
    assert fig.x_range.end - x > 0.05 * (fig.x_range.end - fig.x_range.start)
    assert details.heatmap.figure.xaxis[0].major_label_overrides[0.0] == "1"


def test_chart_starts_with_epoch_zero_and_the_baseline_inside_its_range() -> None:
    view = DivisionView(Display(code="en"))
    details = view._build_details()
    chart = details.training.chart
    assert chart.source.data["epoch"][0] == 0
    assert chart.starts.data == {"x": [0], "y": [details.trainer.run.logs["loss"][0]]}  # a dot
    baseline = chart.baseline.data
    assert baseline["x"] == [0, 1] and baseline["y"][0] == details.trainer.mean_baseline()
    ticks = chart.figure.yaxis[0].ticker.ticks  # every other decade: 7 decades to label
    assert min(ticks) <= 100 * details.trainer.run.logs["loss"][0]
    assert max(ticks) >= baseline["y"][0]
