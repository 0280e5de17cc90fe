"""The computation-graph tab in a real browser against ``panel serve web/app.py``.

Hooks (docs/testing.md): ``nnlab-graph-net`` (the net), ``nnlab-graph-step`` / ``-end``,
``nnlab-graph-progress`` ("k / n"), ``nnlab-graph-formula`` (two fixed lines),
``nnlab-graph-figure`` (the picture, also ``nnlab-main-figure``), ``nnlab-graph-weight-<k>``,
``nnlab-graph-lr``, ``nnlab-graph-apply``, ``nnlab-graph-update`` (the record of the last update).
The overlap test measures every edge number with the browser's own text metrics at the
figure's real size, in screen pixels.
"""

from __future__ import annotations

import re

import pytest
from panel_server import panel_app_url  # noqa: F401  (pytest fixture)
from playwright.sync_api import expect

from web import app as _app  # noqa: F401  (registers the tab titles)
from web.graph import texts as _texts  # noqa: F401  (registers the net names)
from web.graph.nets import NETS
from web.ui import i18n

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
SIZES = ((1280, 800), (1920, 1080))

# Every box and edge number of the picture in screen pixels, measured in the page: the figure's
# ranges and frame give the scale, canvas measureText the width of each number in the glyph's
# own font; a number's background adds the glyph's padding on every side.
GEOMETRY_JS = """() => {
  const models = [...Bokeh.documents[0].all_models];
  const fig = models.find(m => (m.css_classes || []).includes("nnlab-graph-figure"));
  const sx = fig.inner_width / (fig.x_range.end - fig.x_range.start);
  const sy = fig.inner_height / (fig.y_range.end - fig.y_range.start);
  const ctx = document.createElement("canvas").getContext("2d");
  const size = (glyph) => { const v = glyph.text_font_size; return v.value ?? v; };
  const out = {boxes: [], labels: [], fonts: [], width: fig.inner_width};
  for (const r of fig.renderers) {
    const g = r.glyph, d = r.data_source.data;
    if (g.type === "Rect") {
      for (let i = 0; i < d.x.length; i++)
        out.boxes.push([d.x[i] * sx, d.y[i] * sy, d.w[i] * sx, d.h[i] * sy]);
    }
    if (g.type === "Text") {
      out.fonts.push(size(g));
      if (!("w" in d)) continue;  // box texts; the edge numbers' source has sizes
      const pad = g.padding;
      const p = typeof pad === "number" ? pad : 0;
      ctx.font = `${size(g)} helvetica`;
      for (let i = 0; i < d.text.length; i++) {
        const m = ctx.measureText(d.text[i]);
        const h = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
        out.labels.push([d.x[i] * sx, d.y[i] * sy, m.width + 2 * p, h + 2 * p, d.text[i]]);
      }
    }
  }
  return out;
}"""


def overlap(a, b) -> bool:
    return abs(a[0] - b[0]) < (a[2] + b[2]) / 2 and abs(a[1] - b[1]) < (a[3] + b[3]) / 2


def title(key: str, code: str = "de") -> str:
    return i18n.text(key, code)


@pytest.fixture
def graph_tab(panel_app_url, guarded_page):  # noqa: F811  (fixture imported above)
    def open_at(width: int, height: int):
        page = guarded_page
        page.set_default_timeout(TIMEOUT_MS)
        page.set_viewport_size({"width": width, "height": height})
        page.goto(panel_app_url)
        page.locator(".nnlab-tabs").first.wait_for()
        page.locator(".bk-tab", has_text=title("app.tab.graph")).first.click()
        page.locator(".nnlab-graph-step button").wait_for()
        page.locator(".nnlab-graph-figure").wait_for()
        return page
    return open_at


def progress(page) -> tuple[int, int]:
    text = " ".join(page.locator(".nnlab-graph-progress p").all_inner_texts())
    k, n = re.search(r"(\d+) / (\d+)", text).groups()
    return int(k), int(n)


def formula(page) -> str:
    return " ".join(page.locator(".nnlab-graph-formula .nnlab-graph-line").all_inner_texts())


def choose_net(page, net: str) -> None:
    """Choose a net and give the server time to answer and the figure to lay out again."""
    page.locator(".nnlab-graph-net select").select_option(label=title(f"graph.net.{net}"))
    page.wait_for_timeout(1000)
    page.locator(".nnlab-graph-progress p", has_text=" 0 / ").wait_for()


def number(text: str) -> float:
    return float(text.strip().replace(",", "."))


def test_stepper_reaches_the_last_edge_and_nothing_moves(graph_tab, console_log) -> None:
    page = graph_tab(1280, 800)
    assert progress(page) == (0, 26)  # the 2-2-1 division net has 26 edges
    figure = page.locator(".nnlab-graph-figure")
    start = figure.bounding_box()
    step = page.locator(".nnlab-graph-step button")
    for expected in range(1, 27):
        step.click()
        page.locator(".nnlab-graph-progress p", has_text=f"{expected} / 26").wait_for()
        assert figure.bounding_box() == start, f"the picture moved at step {expected}"
    assert "∂L/∂w[1]11 = " in formula(page)
    step.click()  # past the end nothing changes
    page.wait_for_timeout(300)
    assert progress(page) == (26, 26)
    page.locator(".nnlab-graph-net select").select_option(label=title("graph.net.tanh"))
    page.locator(".nnlab-graph-progress p", has_text="0 / 26").wait_for()  # not 26 / 26
    assert console_log.python_errors() == []


def test_apply_update_moves_a_weight_by_minus_lr_times_g(graph_tab, console_log) -> None:
    page = graph_tab(1280, 800)
    choose_net(page, "slides")
    weight = page.locator(".nnlab-graph-weight-0 input")
    expect(weight).to_have_value("3")
    before = number(weight.input_value())
    lr = number(page.locator(".nnlab-graph-lr input").input_value())
    page.locator(".nnlab-graph-end button").click()
    page.locator(".nnlab-graph-progress p", has_text="7 / 7").wait_for()
    page.locator(".nnlab-graph-apply button:not([disabled])").click()
    page.locator(".nnlab-graph-update .nnlab-update-grad").first.wait_for()
    grad = number(page.locator(".nnlab-graph-update .nnlab-update-grad").first.inner_text())
    assert (before, lr, grad) == (3.0, 0.1, 2.0)  # the slides: w = 3, lr 0.1, ∂L/∂w = x = 2
    page.locator(".nnlab-graph-progress p", has_text="0 / 7").wait_for()  # next forward pass
    expect(weight).not_to_have_value("3")
    after = number(weight.input_value())
    assert after == pytest.approx(before - lr * grad, abs=1e-12)
    assert console_log.python_errors() == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_graph_and_its_stepper_fit_the_screen(graph_tab, width, height) -> None:
    page = graph_tab(width, height)
    for net in ("division", "sigmoid"):
        choose_net(page, net)
        box = page.locator(".nnlab-graph-figure").bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0, net
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, net
        for hook in ("step", "back", "reset", "end"):
            button = page.locator(f".nnlab-graph-{hook} button").bounding_box()
            assert button["y"] >= 0 and button["y"] + button["height"] <= height


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_edge_numbers_never_cover_boxes_or_each_other(graph_tab, width, height) -> None:
    page = graph_tab(width, height)
    for projector in (False, True):
        if projector:
            page.locator(".nnlab-projector-toggle button").click()
        for net in NETS:
            choose_net(page, net)
            drawn = page.evaluate(GEOMETRY_JS)
            fonts = {int(f.removesuffix("px")) for f in drawn["fonts"]}
            # projector mode: 22 px where the picture fits the width, at least 20 px at 1280
            expected = ({22} if width >= 1920 else set(range(20, 23))) if projector else {16}
            assert len(fonts) == 1 and fonts <= expected, (net, fonts)
            labels, boxes = drawn["labels"], drawn["boxes"]
            assert labels and boxes
            among = [(a[4], b[4]) for k, a in enumerate(labels) for b in labels[k + 1:]
                     if overlap(a, b)]
            on_boxes = [a[4] for a in labels for b in boxes if overlap(a, b)]
            assert among == [] and on_boxes == [], (net, projector, among, on_boxes)
