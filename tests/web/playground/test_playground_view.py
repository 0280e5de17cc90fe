"""The playground's pictures and widgets follow its view-model (Bokeh data, no browser)."""

from __future__ import annotations

import numpy as np
import panel as pn
import pytest
from bokeh.document import Document
from bokeh.models import CustomJS
from panel.reactive import Syncable

from web.playground import point_raster
from web.playground.data import GRID, THUMBNAIL
from web.playground.numbers import values
from web.playground.output_figure import LEVELS, PALETTE, PIXELS
from web.playground.view import OUTPUT_PX, PlaygroundView, notices_html
from web.ui import i18n
from web.ui.display import Display
from web.ui.links import parse_hash
from web.ui.pacing import BetweenEpochs


@pytest.fixture
def view() -> PlaygroundView:
    view = PlaygroundView(Display(code="en"))
    view.__panel__()
    return view


def levels_of(pixels: np.ndarray) -> np.ndarray:
    """The palette levels an RGBA image was coloured from (every pixel must be a level's)."""
    assert len(set(PIXELS.tolist())) == len(PIXELS)  # one level per colour
    order = np.argsort(PIXELS)
    at = np.searchsorted(PIXELS[order], pixels)
    assert np.array_equal(PIXELS[order][at], pixels)
    return order[at]


def output_image(view: PlaygroundView) -> np.ndarray:
    """The output picture as palette levels 0..255."""
    pixels = view.pictures.output.plane.data["image"][0]
    assert pixels.dtype == np.uint32  # Bokeh's RGBA image
    return levels_of(pixels)


def test_the_pixels_are_the_palette_as_red_green_blue_and_opaque():
    first, last = (PIXELS[[k]].view(np.uint8).tolist() for k in (0, LEVELS))
    assert first == [int(PALETTE[0][k:k + 2], 16) for k in (1, 3, 5)] + [255]
    assert last == [0x1F, 0x5F, 0xA8, 255]  # colors.POSITIVE


def test_the_output_is_a_100_by_100_image_of_the_net(view):
    image = output_image(view)
    assert image.shape == (GRID, GRID)
    _, grid = view.vm.data.grid()
    p = view.vm.live.model.predict(grid)[:, 0].reshape(GRID, GRID)
    expected = np.rint((2 * p - 1 + 1) * 127.5)  # class-1 probability on the signed scale
    assert np.abs(image.astype(float) - expected).max() <= 1
    view.vm.trainer.step(5)
    assert not np.array_equal(image, output_image(view))


def test_discretize_shows_only_the_two_classes(view):
    view.vm.discretize = True
    assert set(np.unique(output_image(view))) <= {0, 255}


def test_points_are_drawn_as_an_image_with_test_points_on_request(view):
    points = view.pictures.output.points.data["image"][0]
    assert points.shape == (OUTPUT_PX, OUTPUT_PX)
    rings = set(np.unique(points)) & {point_raster.WHITE, point_raster.BLACK}
    assert rings == {point_raster.WHITE}
    view.vm.show_test = True
    points = view.pictures.output.points.data["image"][0]
    assert point_raster.BLACK in np.unique(points)


def test_every_neuron_has_a_thumbnail_at_its_place(view):
    data = view.pictures.thumbs.source.data
    nodes = view.pictures.network.nodes.data
    assert len(data["image"]) == 2 + 4 + 2 + 1 == len(nodes["x"])
    assert data["x"] == nodes["x"] and data["y"] == nodes["y"]
    assert all(image.shape == (THUMBNAIL, THUMBNAIL) for image in data["image"])
    inputs = view.pictures.thumbs.source.data["image"][:2]
    x1 = levels_of(inputs[0])
    assert (x1[:, 1:] >= x1[:, :-1]).all() and (x1[:, -1] > x1[:, 0]).all()  # x1 grows along rows
    view.vm.features = ["x1", "x2", "x1_times_x2"]
    view.vm.add_layer()
    assert len(view.pictures.thumbs.source.data["image"]) == 3 + 4 + 2 + 2 + 1
    assert view.pictures.labels.data["text"] == ["x1", "x2", "x1·x2"]


def test_hover_shows_weights_and_gradients_never_nan(view):
    edges = view.pictures.network.edges.data
    for text in [*edges["w"], *edges["g"]]:
        assert text and "nan" not in text.lower() and text != "—"
    grads = view.pictures.gradients()
    view.vm.color_by = "grad"
    by_grad = view.pictures.network.edges.data
    widest = int(np.argmax(by_grad["width"]))
    kernels = np.concatenate([g.ravel() for g in grads[::2]])
    assert abs(float(by_grad["g"][widest])) == pytest.approx(np.abs(kernels).max(), rel=1e-3)


def test_clicking_an_edge_chooses_the_weight_to_edit(view):
    view.pictures.network.edges.selected.indices = [3]
    label = view.pictures.network.edges.data["name"][3]
    assert view.editor.label == label
    view.editor.field.input.value = "0.75"
    ref = view.editor.field.ref
    assert view.vm.live.model.get_weights()[ref.weight_index][ref.position] == 0.75


def test_numbers_follow_training_and_the_language(view):
    view.vm.trainer.step(3)
    shown = values(view.vm, "de")
    assert shown["epoch"] == "3" and "," in shown["train-loss"]
    assert float(shown["test-loss"].replace(",", ".")) == pytest.approx(
        view.vm.trainer.run.last("val_loss"), rel=1e-3)
    numbers = view.numbers
    assert numbers.fields["epoch"].value == "3"
    view.vm.problem = "regression"
    assert not numbers.fields["test-accuracy"].visible


def test_output_frames_are_drawn_between_epochs(view):
    frames = []
    view.vm.trainer.callbacks.append(BetweenEpochs(lambda: frames.append(1), seconds=0.0))
    view.vm.trainer.step(4)
    assert len(frames) == 4


def test_an_update_sends_the_drawing_and_the_numbers_as_one_patch_each(view, monkeypatch):
    """The page applies and paints each patch at once; and no Panel widget (the weight
    editor's value follows training) has its own change come back as the page's."""
    doc = Document()
    doc.add_root(view.__panel__().get_root(doc))
    release, releases = doc.callbacks.unhold, [None]  # the last: which release is running

    def unhold():
        releases.append(len(releases))
        release()
        releases.append(None)

    doc.callbacks.unhold = unhold
    pictures, numbers = view.pictures, view.numbers
    ours = {id(model): name for name, models in (
        ("drawing", [pictures.network.edges, pictures.network.nodes, pictures.thumbs.source,
                     pictures.output.plane]),
        ("numbers", list(numbers.fields.values()))) for model in models}
    released: dict[str, set] = {"drawing": set(), "numbers": set()}
    doc.on_change(lambda event: released[ours[id(event.model)]].add(releases[-1])
                  if id(event.model) in ours else None)
    echoes = []
    process = Syncable._process_events
    monkeypatch.setattr(Syncable, "_process_events",
                        lambda self, events: (echoes.append(events), process(self, events))[1])
    view.vm.trainer.step(3)
    assert all(len(numbers) == 1 and None not in numbers for numbers in released.values())
    assert released["drawing"] != released["numbers"]
    assert echoes == []


def test_what_a_training_update_changes_in_the_drawing_is_on_its_overlay_level(view):
    """The page repaints only the overlay canvas of the drawing for a frame: everything a
    frame changes must be drawn there, and what is drawn below must not change."""
    figure = view.pictures.network.figure
    parts = [*figure.renderers, *figure.center]
    sources = {id(part): part.data_source if hasattr(part, "data_source") else part.source
               for part in parts if hasattr(part, "data_source") or hasattr(part, "source")}
    before = {key: repr(source.data) for key, source in sources.items()}
    view.vm.trainer.step(3)
    changed = {key for key, source in sources.items() if repr(source.data) != before[key]}
    assert changed
    for part in parts:
        if id(part) in changed:
            assert part.level == "overlay", part
    assert any(part.level != "overlay" for part in parts if id(part) in sources)


def test_a_1d_function_is_drawn_as_a_curve(view):
    view.vm.problem = "regression"
    view.vm.reg_dataset = "function"
    curve = view.pictures.output.curve.data
    assert len(curve["x"]) == 4 * GRID and not view.pictures.output._image.visible
    assert len(view.pictures.output.truth.data["x"]) == 4 * GRID
    assert "output (↑)" in view.pictures.caption("en")


def test_the_link_field_follows_the_settings(view):
    view.vm.noise = 25
    assert "noise=25" in view.link and view.link.startswith("#tab=playground")
    view.vm.trainer.learning_rate = 0.3
    assert "learningRate=0.3" in view.link


def test_notices_are_in_both_languages():
    notices = [("pg.csv.columns", {"row": 4, "found": 2}), ("pg.msg.one_feature", {})]
    german, english = notices_html(notices, "de"), notices_html(notices, "en")
    assert "Zeile 4" in german and "Row 4" in english
    assert all(i18n.text(key, "de") for key in i18n.all_keys() if key.startswith("pg."))


def test_header_save_acts_on_the_playground(view):
    file = view.model_file()
    assert file.filename == "playground-model.json" and '"layers"' in file.save()


def test_projector_mode_puts_the_training_settings_below_the_output(view):
    """One screen at 1024×768 in projector mode: Play, the data, the net and the output first."""
    top = pn.panel(view).objects[0]
    settings = top.objects[1]  # Play and the numbers; the settings; data, net and output
    assert any("nnlab-pg-share" in b.css_classes for b in settings.select(pn.widgets.Button))
    assert "order" not in settings.styles  # in DOM order: above the data, net and output
    view.display.projector = True
    assert settings.styles["order"] == "1"  # after them
    view.display.projector = False
    assert "order" not in settings.styles


def test_the_tab_has_no_script_the_site_would_block(view):
    """No CustomJS in the tab's document, Panel's own included (the site's CSP forbids the
    eval BokehJS compiles it with: tests/web/test_no_eval_scripts.py). Sharing runs in Python,
    and the static site's share.js copies the address after a click on ``nnlab-share``."""
    document = Document()
    pn.panel(view).get_root(document)
    assert not [m for m in document.models if isinstance(m, CustomJS)]
    buttons = [b for b in pn.panel(view).select(pn.widgets.Button)
               if "nnlab-pg-share" in b.css_classes]
    assert len(buttons) == 1 and "nnlab-share" in buttons[0].css_classes


def test_the_link_of_the_shown_experiment_keeps_the_net(view):
    """A share's own address comes back as a hash change: it must not start a fresh net."""
    model = view.vm.live.model
    view.open_link(parse_hash(view.link))
    assert view.vm.live.model is model
    view.open_link({**parse_hash(view.link), "learningRate": "0.1"})
    assert view.vm.live.model is not model and view.vm.trainer.learning_rate == 0.1
