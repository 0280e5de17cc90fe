"""Compare up to four models: copies, measured the same way, one heatmap each."""

from __future__ import annotations

import numpy as np
import pytest

from web.division import metrics
from web.division.compare.model import MAX_MODELS, ModelStore
from web.division.compare.view import CompareView, table_html
from web.division.model import DivisionViewModel
from web.ui.display import Display


def test_kept_models_are_copies_measured_on_the_test_set() -> None:
    vm = DivisionViewModel()
    store = ModelStore(vm.live)
    assert store.keep()
    kept = store.kept[0]
    assert kept.quality == metrics.quality(vm.live.model)
    assert kept.quality.mae == pytest.approx(1.98e-6, rel=0.01)  # the hand-set net
    assert kept.quality.worst_relative == pytest.approx(3.0e-6, rel=0.01)
    vm.preset = "trained"
    np.testing.assert_array_equal(kept.model.get_weights()[2], [[33.3333], [-33.3333]])
    store.label = "mein Netz"
    store.keep()
    assert store.kept[1].name == "mein Netz" and store.label == ""
    assert store.kept[1].quality.mae == pytest.approx(0.221, abs=0.001)


def test_at_most_four_and_remove() -> None:
    vm = DivisionViewModel()
    store = ModelStore(vm.live)
    for _ in range(MAX_MODELS):
        assert store.keep()
    assert not store.keep() and store.problem == "compare.full"
    assert len(store.kept) == MAX_MODELS
    store.remove(0)
    assert len(store.kept) == MAX_MODELS - 1 and store.problem is None
    store.label = "x" * 41
    assert not store.keep() and store.problem == "compare.name_long"


def test_view_shows_a_table_row_and_a_heatmap_per_model() -> None:
    vm, display = DivisionViewModel(), Display(code="de")
    view = CompareView(vm, display)
    view.store.keep()
    vm.preset = "trained"
    view.store.keep()
    assert len(view.maps.objects) == 2
    html = table_html(view.store.kept, "de")
    assert "von Hand gesetzte Gewichte" in html and "1,98e-6" in html and "0,221" in html
    view.store.remove(0)
    assert len(view.maps.objects) == 1
