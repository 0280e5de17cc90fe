"""The deep-nets tab's pure helpers: histogram counts, x-ranges, layer ticks, settings."""

from __future__ import annotations

import numpy as np
import pytest

from pycore.diagnostics import LayerStatistics
from web.deepnets.probe import ProbeResult
from web.deepnets.ridgeline import counts, layer_ticks, value_range
from web.deepnets.settings import MAX_MULTIPLY_ADDS, ProbeSettings


def test_counts_equal_numpy_histogram_inside_the_range() -> None:
    values = np.random.default_rng(0).normal(size=(300, 7))
    values[0, :3] = [-2.0, 2.0, 0.0]  # both edges and a bin boundary
    ours = counts(values, -2.0, 2.0, bins=16)
    theirs, _ = np.histogram(values, bins=16, range=(-2.0, 2.0))
    np.testing.assert_array_equal(ours, theirs)


def test_value_range_is_the_widest_three_sigma_cut_to_the_values() -> None:
    def record(values: np.ndarray) -> LayerStatistics:
        return LayerStatistics(0, "dense", None, None, float(values.mean()),
                               float(values.std()), 0.0, arrays={"activation": values})

    narrow = np.linspace(-1.0, 1.0, 101).reshape(-1, 1)  # std 0.58: 3 std beyond the values
    wide = np.random.default_rng(1).normal(5.0, 1.0, size=(10_000, 1))
    result = ProbeResult([record(narrow), record(wide)], None, None, None, 0.0, 0, 0.0)
    low, high = value_range([result], "activation")
    assert low == -1.0  # cut to the smallest value
    assert high == pytest.approx(wide.mean() + 3 * wide.std())


def test_layer_ticks_mark_the_first_and_last_layer() -> None:
    assert list(layer_ticks(4).values()) == ["1", "2", "3", "4"]
    assert list(layer_ticks(30).values()) == ["1", "5", "10", "15", "20", "25", "30"]
    assert list(layer_ticks(47).values()) == ["1", "10", "20", "30", "40", "47"]


def test_settings_build_the_described_net_and_data() -> None:
    settings = ProbeSettings(depth=3, width=4, batch_norm=True, activation="selu",
                             initializer="random_normal", sigma=2.0, samples=50)
    model = settings.build_model()
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds == ["Dense", "BatchNormalization"] * 3 + ["Dense"]
    assert model.layers[0].kernel_initializer == {"name": "random_normal", "mean": 0.0,
                                                  "stddev": 2.0}
    x, y = settings.data()
    assert x.shape == (50, 4)
    np.testing.assert_array_equal(y[:, 0], x[:, 0] * x[:, 1])
    np.testing.assert_array_equal(settings.data()[0], x)  # the same settings, the same data
    uniform = ProbeSettings(inputs="uniform", samples=2000, width=50).data()[0]
    assert uniform.var() == pytest.approx(1.0, rel=0.02)
    assert ProbeSettings(inputs="ones").data()[0].min() == 1.0
    assert settings.multiply_adds() == 50 * 4 * (3 * 4 + 1)
    assert ProbeSettings(depth=50, width=100, samples=1000).multiply_adds() <= MAX_MULTIPLY_ADDS


def test_an_empty_source_that_stays_empty_is_not_sent_again() -> None:
    from bokeh.document import Document
    from bokeh.models import ColumnDataSource

    from web.deepnets.figures import set_data

    doc, source, events = Document(), ColumnDataSource({"x": []}), []
    doc.add_root(source)
    doc.on_change(lambda event: events.append(event))
    set_data(source, {"x": []})
    assert events == []
    set_data(source, {"x": [1.0]})
    set_data(source, {"x": []})
    assert len(events) == 2 and source.data["x"] == []
