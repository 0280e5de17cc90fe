"""The shared loss chart and the words for a stopped run."""

import math

from pycore.callbacks import TrainingStopped
from web import i18n
from web.training_chart import LossChart, stopped_message


def test_append_and_clear_keep_the_columns_aligned():
    chart = LossChart()
    chart.append(1, 0.5, 0.6)
    chart.append(2, math.inf)
    data = chart.source.data
    assert data["epoch"] == [1, 2] and data["loss"][0] == 0.5
    assert math.isnan(data["loss"][1]) and math.isnan(data["val_loss"][1])
    chart.clear()
    assert all(chart.source.data[name] == [] for name in ("epoch", "loss", "val_loss"))
    chart.append(1, 0.25)
    assert chart.source.data["epoch"] == [1]


def test_labels_follow_the_language():
    chart = LossChart()
    lang = i18n.Language(code="de")
    chart.relabel(lang)
    assert chart.figure.xaxis.axis_label == "Epoche"
    assert [item.label["value"] for item in chart.figure.legend.items] == ["Training",
                                                                           "Validierung"]
    lang.code = "en"
    chart.relabel(lang)
    assert chart.figure.title.text == "Loss per epoch (log scale)"


def test_stopped_message_is_translated_and_counts_from_one():
    stopped = TrainingStopped("non-finite weights", 0, 4, "A weight became inf.")
    german = stopped_message(stopped, i18n.Language(code="de"))
    english = stopped_message(stopped, i18n.Language(code="en"))
    assert german.startswith("Training gestoppt in Epoche 1, Batch 5: Ein Gewicht")
    assert english.startswith("Training stopped in epoch 1, batch 5: a weight")
    assert "inf" not in german.split() and "inf." not in english
