"""Saving and loading the division model: round trip, and bad files change nothing."""

from __future__ import annotations

import json

import numpy as np
import pytest

from web import i18n
from web.division_model import DivisionViewModel
from web.model_files import ModelFiles, load_file


def test_save_then_load_restores_identical_weights_and_output():
    saved_vm = DivisionViewModel(dividend="17", divisor="3")
    saved_vm.set_weight(6, 33.5)
    saved_vm.set_weight(1, 1.2345678901234567e-7)
    text = saved_vm.to_json()

    other = DivisionViewModel(dividend="17", divisor="3")
    other.preset = "random"
    assert load_file(text.encode(), other.load_json) is None
    np.testing.assert_array_equal(other.weights, saved_vm.weights)
    for got, want in zip(other.model.get_weights(), saved_vm.model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)
    assert other.result.display() == saved_vm.result.display()


def _bad_files(good: str) -> list[bytes]:
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
def test_bad_file_gives_message_and_leaves_model_unchanged(index):
    vm = DivisionViewModel()
    vm.preset = "trained"
    before = vm.weights.copy()
    before_result = vm.result
    problem = load_file(_bad_files(vm.to_json())[index], vm.load_json)
    assert problem
    np.testing.assert_array_equal(vm.weights, before)
    assert vm.result is before_result


def test_widget_shows_status_in_the_current_language():
    lang = i18n.Language(code="en")
    vm = DivisionViewModel()
    files = ModelFiles(lang, save=vm.to_json, load=vm.load_json)
    files.upload.filename = "broken.json"
    files.upload.value = b"{"
    assert files.status.startswith("Could not load broken.json")
    lang.code = "de"
    good = vm.to_json().encode()
    files.upload.filename = "good.json"
    files.upload.value = good
    assert files.status == "good.json geladen."
