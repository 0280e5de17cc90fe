"""Network tab without a browser: editing weights, training, settings that keep the run."""

from __future__ import annotations

import math

import numpy as np
import pytest

from web.i18n import Language
from web.network_figure import picture, weight_refs
from web.network_view import NetworkView
from web.training_chart import plottable


@pytest.fixture
def view() -> NetworkView:
    return NetworkView(Language(code="en"))


def test_editing_a_weight_changes_the_model(view: NetworkView) -> None:
    view.pick("w[2]31")
    view.w_value.value = 0.75
    assert view.trainer.model.layers[1].kernel[2, 0] == 0.75
    drawn = dict(zip(view.picture.edges.data["name"], view.picture.edges.data["w"], strict=True))
    assert drawn["w[2]31"] == 0.75
    view.pick("b[1]2")
    view.w_value.value = -0.5
    assert view.trainer.model.layers[0].bias[1] == -0.5


def test_clicking_an_edge_selects_its_weight(view: NetworkView) -> None:
    k = 5
    view.picture.edges.selected.indices = [k]
    name = view.picture.edges.data["name"][k]
    assert view.w_weight.value == name
    ref = next(r for r in weight_refs(view.trainer.model) if r.name == name)
    assert view.w_value.value == view.trainer.model.layers[ref.layer].kernel[ref.i, ref.j]


def test_training_reduces_the_loss(view: NetworkView) -> None:
    view.train(40)
    history = view.trainer.history
    assert view.trainer.epoch == 40
    assert history["loss"][-1] < 0.5 * history["loss"][0]
    assert history["val_loss"][-1] < history["val_loss"][0]
    assert view.loss_chart.source.data["epoch"] == list(range(1, 41))
    assert view.epoch_text.object == "Epoch 40"


def test_changing_settings_keeps_epoch_and_weights(view: NetworkView) -> None:
    view.train(3)
    before = [w.copy() for w in view.trainer.model.get_weights()]
    view.w_learning_rate.value = 0.001
    view.w_batch_size.value = 4
    view.w_optimizer.value = "rmsprop"
    assert view.trainer.epoch == 3
    assert view.trainer.model.optimizer.learning_rate == 0.001
    assert view.trainer.batch_size == 4
    for old, new in zip(before, view.trainer.model.get_weights(), strict=True):
        np.testing.assert_array_equal(old, new)
    view.train(1)
    assert view.trainer.epoch == 4


def test_architecture_editor_builds_a_new_net(view: NetworkView) -> None:
    view.train(2)
    view.w_layers.value = 3
    view.w_units[2].value = 5
    view.w_acts[2].value = "relu"
    dense = view.trainer.model.layers
    assert [layer.units for layer in dense] == [8, 8, 5, 1]
    assert dense[2].activation.name == "relu"
    assert view.trainer.epoch == 0 and view.loss_chart.source.data["epoch"] == []
    view.w_layers.value = 0
    assert [layer.units for layer in view.trainer.model.layers] == [1]


def test_classification_data_set_learns(view: NetworkView) -> None:
    view.w_data.value = "xor"
    assert view.trainer.loss == "binary_crossentropy"
    assert view.trainer.model.layers[-1].activation.name == "sigmoid"
    assert view.trainer.model.input_dim == 2
    view.train(60)
    loss = view.trainer.history["loss"]
    assert loss[-1] < 0.8 * loss[0]


def test_division_data_set_uses_the_division_net(view: NetworkView) -> None:
    view.w_data.value = "division"
    names = [layer.activation.name for layer in view.trainer.model.layers]
    assert names == ["division", "division"]
    assert view.trainer.loss == "mae"


def test_diverging_run_shows_the_stop_message(view: NetworkView) -> None:
    view.w_layers.value = 1
    view.w_acts[0].value = "linear"
    view.w_optimizer.value = "sgd"
    view.w_learning_rate.value = 10.0
    view.train(50)
    assert view.trainer.stopped is not None
    assert view.stopped_text.visible
    assert "Training stopped" in view.stopped_text.object
    assert all(np.isfinite(w).all() for w in view.trainer.model.get_weights())
    stop = view.trainer.stopped
    assert f"epoch {stop.epoch + 1}, batch {stop.batch + 1}" in view.stopped_text.object
    # the log chart only gets plottable losses; the huge ones become gaps (NaN)
    plotted = np.asarray(view.loss_chart.source.data["loss"], dtype=float)
    assert ((plotted > 0) & (plotted <= 1e12) | np.isnan(plotted)).all()
    view.lang.code = "de"  # the whole message follows the language, no English pycore text
    assert view.stopped_text.object.startswith(f"Training gestoppt in Epoche {stop.epoch + 1}")
    assert "inf" not in view.stopped_text.object and stop.message not in view.stopped_text.object
    # the prediction plot keeps the data's y range however far the diverged net is off
    y_range = view.fit.figure.y_range
    assert -1.0 < y_range.start < 0.0 < y_range.end < 1.0


def test_gradient_toggle_draws_the_model_gradients(view: NetworkView) -> None:
    view.w_show.value = "grad"
    grads = view.trainer.model.gradients(view.setup.x_train, view.setup.y_train)
    drawn = dict(zip(view.picture.edges.data["name"], view.picture.edges.data["g"], strict=True))
    assert drawn["w[1]12"] == pytest.approx(grads[0][0, 1])
    assert drawn["w[2]43"] == pytest.approx(grads[2][3, 2])
    _, edges = picture(view.trainer.model, grads, True)
    widest = max(edges, key=lambda e: e["width"])
    assert abs(widest["g"]) == max(abs(e["g"]) for e in edges)


def test_language_switch_relabels(view: NetworkView) -> None:
    view.lang.code = "de"
    assert view.epoch_text.object == "Epoche 0"
    assert view.b_play.label == "▶ Start"


def test_export_figure(view: NetworkView) -> None:
    figure = view.figure()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "x1" in texts and "a[3]1" in texts


def test_prediction_plot_follows_the_model(view: NetworkView) -> None:
    view.train(2)
    curve = view.fit.sources["curve"].data
    assert view.fit.figure.title.text == "Net (green) and true function (dashed)"
    expected = view.trainer.model.predict(np.asarray(curve["x"])[:, None])[:, 0]
    np.testing.assert_array_equal(curve["y"], expected)
    view.w_data.value = "circle"
    image = view.fit.sources["image"].data["image"][0]
    assert image.shape == (60, 60) and ((image > 0) & (image < 1)).all()
    assert len(view.fit.sources["curve"].data["x"]) == 0


def test_loss_chart_gets_only_plottable_losses() -> None:
    # the log axis breaks on 0, negatives, inf and 1e300; those become gaps (NaN)
    assert plottable(0.25) == 0.25
    assert all(math.isnan(plottable(v)) for v in (0.0, -1.0, math.inf, math.nan, 1e300))
