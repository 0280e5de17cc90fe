"""The deep-nets tab without a browser: set params, check what the figures hold.

Small nets keep most tests fast; the preset tests use the presets' real sizes because their
claims (SELU keeps std ≈ 1 over 30 layers, sigmoid gradients vanish) are about those nets.
"""

from __future__ import annotations

import math

import numpy as np
import panel as pn
import pytest

from pycore.serialization import ModelFileError
from web.deepnets.model import DeepNetsViewModel
from web.deepnets.ridgeline import RIDGE_HEIGHT, baseline
from web.deepnets.status import status_html
from web.deepnets.view import DeepNetsView
from web.ui.display import Display

SMALL = {"depth": 4, "width": 8, "samples": 60, "activation": "tanh"}


@pytest.fixture
def view() -> DeepNetsView:
    return DeepNetsView(Display(code="en"), DeepNetsViewModel(start=SMALL))


def pane_text(view: DeepNetsView, css_class: str) -> str:
    """What a Markdown/HTML pane of the laid-out tab shows now."""
    panes = [p for p in view.__panel__().select(pn.pane.PaneBase) if css_class in p.css_classes]
    assert len(panes) == 1
    return panes[0].object


def ridge(view: DeepNetsView, where: str) -> dict:
    return view.ridges[where].source.data


def test_first_picture_shows_every_layer(view: DeepNetsView) -> None:
    data = ridge(view, "top_left")
    assert data["layer"] == [1, 2, 3, 4]
    for layer, ys in zip(data["layer"], data["ys"], strict=True):
        base = baseline(layer, 4)
        assert ys[0] == ys[-1] == base
        assert max(ys) - base == pytest.approx(RIDGE_HEIGHT)  # each ridge scaled to its peak
    assert view.ridges["top_right"].figure.title.text == "A: gradients ∂L/∂a[l]"
    assert ridge(view, "top_right")["layer"] == [1, 2, 3, 4]
    std = [float(s) for s in ridge(view, "top_left")["std_text"]]
    result = view.vm.a.result
    np.testing.assert_allclose(std, [r.activation_std for r in result.layers], rtol=1e-3)


def test_changing_a_setting_rebuilds_and_redraws(view: DeepNetsView) -> None:
    settings = view.vm.a.settings
    settings.depth = 6
    assert ridge(view, "top_left")["layer"] == list(range(1, 7))
    assert view.spread.sources["A"].data["layer"] == list(range(1, 7))
    assert view.vm.preset == "custom"
    settings.activation = "relu"
    assert view.vm.a.result.activation.name == "relu"
    view.vm.layer = 6
    assert view.slope.figure.title.text == "Layer 6: sums z, slope f'(z)"
    settings.depth = 3
    assert view.vm.layer == 3 and view.vm.param.layer.bounds == (1, 3)


def test_a_net_beyond_the_budget_is_refused_and_the_picture_stays(view: DeepNetsView) -> None:
    settings = view.vm.a.settings
    settings.param.update(depth=30, width=100, samples=1000)
    before = ridge(view, "top_left")
    settings.width = 500
    key, fields = view.vm.message
    assert key == "deep.msg.too_large" and fields["millions"] == 7500
    assert settings.width == 100  # the previous setting is back
    assert ridge(view, "top_left") is before
    assert "7500 million multiply-adds" in pane_text(view, "nnlab-deep-status")
    settings.depth = 20
    assert view.vm.message is None


def test_homework_presets_reproduce_the_homeworks_findings() -> None:
    vm = DeepNetsViewModel(preset="homework_selu")
    selu = vm.a.result.stat("activation_std")
    assert len(selu) == 30 and np.all((selu > 0.9) & (selu < 1.1))
    selu_gradient = vm.a.result.stat("gradient_std")[0]
    vm.apply_preset("homework_tanh")
    tanh = vm.a.result.stat("activation_std")
    assert tanh[-1] < 0.3 * tanh[0]  # the distribution narrows with depth
    assert selu_gradient > vm.a.result.stat("gradient_std")[0]  # SELU has the largest gradients
    vm.apply_preset("homework_relu")
    relu = vm.a.result.stat("activation_std")
    assert relu[-1] < 1e-3 * relu[0]


def test_preset_explanations_use_the_computed_numbers() -> None:
    view = DeepNetsView(Display(code="de"), DeepNetsViewModel(preset="saturation"))
    result = view.vm.a.result
    text = pane_text(view, "nnlab-deep-explain")
    z_std = result.layers[0].preactivation_std
    assert 15.0 < z_std < 17.0
    assert f"{z_std:.4g}".replace(".", ",") in text and "√250 = 15,811" in text
    assert "nan" not in text.lower()


def test_batch_norm_preset_compares_side_by_side() -> None:
    view = DeepNetsView(Display(code="en"), DeepNetsViewModel())
    view.vm.apply_preset("batchnorm")
    assert view.vm.b is not None and view.vm.a.settings.batch_norm
    assert not view.vm.b.settings.batch_norm
    assert view.ridges["top_right"].figure.title.text == "B: activations a[l]"
    assert ridge(view, "bottom_left")["layer"] == list(range(1, 21))
    assert ridge(view, "bottom_right")["layer"] == list(range(1, 21))
    with_bn = view.vm.a.result.stat("gradient_std")[0]
    without = view.vm.b.result.stat("gradient_std")[0]
    assert with_bn > 1e6 * without
    assert view.spread.renderers["B"][0].visible
    assert len(view.dead.sources["B"].data["x"]) == 20
    view.vm.end_comparison()
    assert view.ridges["top_right"].figure.title.text == "A: gradients ∂L/∂a[l]"
    assert not view.spread.renderers["B"][0].visible


def test_keep_as_b_freezes_the_current_net(view: DeepNetsView) -> None:
    vm = view.vm
    vm.keep_as_b()
    assert vm.b.result is vm.a.result
    vm.a.settings.activation = "relu"
    assert vm.b.settings.activation == "tanh" and vm.a.result is not vm.b.result
    x_ranges = {view.ridges[k].figure.x_range.end for k in ("top_left", "top_right")}
    assert len(x_ranges) == 1  # A and B share one x-range


def test_gradient_overflow_is_named_and_never_drawn() -> None:
    """Linear layers with σ = 100 on 500 inputs multiply by about 2236 per layer: after 50
    layers the outputs are ~1e167, finite (their square, the loss, is not), and on the way back
    the gradient grows by the same factor per layer until it overflows."""
    vm = DeepNetsViewModel(start={"depth": 50, "width": 500, "samples": 10,
                                  "activation": "linear", "sigma": 100.0})
    view = DeepNetsView(Display(code="en"), vm)
    result = vm.a.result
    assert result.activation_overflow is None and math.isinf(result.loss)
    k = result.gradient_overflow
    assert 1 < k < 50
    assert not np.isfinite(result.layers[k - 1].values("gradient")).all()
    assert all(np.isfinite(r.values("gradient")).all() for r in result.layers[k:])
    assert ridge(view, "top_right")["layer"] == list(range(k + 1, 51))
    assert len(ridge(view, "top_left")["layer"]) == 50
    text = status_html(vm, "en")
    assert f"gradients overflow from layer {k} down to layer 1" in text
    assert "loss —" in text and "nan" not in text.lower() and "inf" not in text.lower()


def test_dead_layers_are_counted_and_zero_gradients_noted() -> None:
    view = DeepNetsView(Display(code="en"), DeepNetsViewModel(preset="dying"))
    result = view.vm.a.result
    shares = view.dead.sources["A"].data["share"]
    assert shares == [float(s) for s in result.stat("dead_fraction")]
    last_dead = max(n for n, share in enumerate(shares, start=1) if share == 1.0)
    assert view.gradients.notice.visible
    assert f"layers 1–{last_dead - 1} is exactly 0" in view.gradients.notice.text
    values = view.gradients.sources["A"].data["gradient_std"]
    assert all(math.isnan(v) for v in values[: last_dead - 1])  # a gap on the log axis
    assert not math.isnan(values[last_dead - 1])
    text = pane_text(view, "nnlab-deep-explain")
    assert f"below layer {last_dead} every gradient is exactly 0" in text


def test_training_changes_the_picture(view: DeepNetsView, run_coroutine) -> None:
    vm = view.vm
    before = vm.a.live.model.get_weights()
    vm.train(2)
    assert vm.a.epoch == 2 and vm.a.result.epoch == 2
    assert any(not np.array_equal(w, w0) for w, w0 in zip(vm.a.live.model.get_weights(),
                                                           before, strict=True))
    assert "2 epochs trained" in status_html(vm, "en")
    vm.keep_as_b()
    vm.train_epochs = 3
    run_coroutine(vm.train_in_steps())
    assert (vm.a.epoch, vm.b.epoch, vm.progress) == (5, 5, None)


def test_language_switch_writes_numbers_with_a_decimal_comma(view: DeepNetsView) -> None:
    view.display.code = "de"
    formatter = view.ridges["top_left"].figure.xaxis[0].formatter
    assert formatter.language == "de"  # numbro's German: a decimal comma
    assert any("," in text for text in ridge(view, "top_left")["mean_text"])
    assert view.ridges["top_left"].figure.title.text == "A: Aktivierungen a[l]"
    assert "Schichten" in status_html(view.vm, "de")


def test_every_picture_exports(view: DeepNetsView) -> None:
    from web.deepnets.export import FIGURES

    view.vm.keep_as_b()
    for name in FIGURES:
        view.export_figure = name
        figure = view.export_mpl()
        assert figure.axes, name
        for ax in figure.axes:
            legend = ax.get_legend()
            if legend is not None:  # beside the data, never over it
                assert legend.get_bbox_to_anchor().x0 >= ax.get_window_extent().x1 - 1


def test_model_file_round_trip(view: DeepNetsView) -> None:
    vm = view.vm
    file = view.model_file()
    saved = file.save()
    vm.train(1)
    file.load(saved.encode())
    assert vm.a.epoch == 0 and vm.preset == "custom"
    other = DeepNetsViewModel(start={**SMALL, "width": 9})
    before = vm.a.live.model.get_weights()
    with pytest.raises(ModelFileError):
        file.load(other.model_file().save().encode())
    for w, w0 in zip(vm.a.live.model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(w, w0)
