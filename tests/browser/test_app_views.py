"""Graph, network and activation tabs in a real browser against ``panel serve web/app.py``.

The graph tab's own tests are in ``test_app_graph.py``. CSS classes the tests read (set in the
views): ``nnlab-graph-progress`` (the graph tab has rendered), ``nnlab-net-play`` /
``nnlab-net-pause`` / ``nnlab-net-step``, ``nnlab-net-epoch`` ("Epoche n"), ``nnlab-net-loss``
(training and validation loss), ``nnlab-act-division-range`` (the activation tab's preset
button).
"""

from __future__ import annotations

import re

import pytest
from panel_server import REPO_ROOT, panel_app_url  # noqa: F401  (pytest fixture)
from playwright.sync_api import expect

from web import i18n

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
TIMEOUT_MS = 30_000
TABS = {  # tab title key -> an element that exists once the tab has rendered
    "app.tab.graph": ".nnlab-graph-progress",
    "app.tab.network": ".nnlab-net-epoch",
    "app.tab.activations": ".nnlab-act-division-range",
}
NUMBER = r"(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)"


def tab_title(key: str) -> str:
    import web.app  # noqa: F401  (registers the tab titles)

    return i18n.text(key, "de")


@pytest.fixture
def app(panel_app_url, guarded_page):  # noqa: F811  (fixture imported above)
    guarded_page.set_default_timeout(TIMEOUT_MS)
    guarded_page.set_viewport_size({"width": 1600, "height": 1100})
    guarded_page.goto(panel_app_url)
    guarded_page.locator(".nnlab-tabs").first.wait_for()
    return guarded_page


def open_tab(page, key: str) -> None:
    page.locator(".bk-tab", has_text=tab_title(key)).first.click()
    page.locator(TABS[key]).first.wait_for()


def text_of(page, css_class: str) -> str:
    """Text of a Markdown pane: it lives in the pane's shadow root, in <p> elements, which
    Playwright's CSS engine reaches (the host element's own inner text is empty)."""
    return " ".join(page.locator(f".{css_class} p").all_inner_texts()).strip()


def losses(page) -> tuple[float, float]:
    found = re.findall(NUMBER, text_of(page, "nnlab-net-loss"))
    return float(found[0]), float(found[1])


def epoch(page) -> int:
    return int(re.search(r"(\d+)", text_of(page, "nnlab-net-epoch")).group(1))


def settled_epoch(page) -> int:
    """The epoch counter once it has stopped changing (pending redraws have arrived)."""
    last = epoch(page)
    while True:
        page.wait_for_timeout(400)
        now = epoch(page)
        if now == last:
            return now
        last = now


def test_training_reduces_the_loss(app):
    open_tab(app, "app.tab.network")
    app.locator(".nnlab-net-step button").click()
    app.locator(".nnlab-net-epoch p", has_text="1").wait_for()
    first_loss, _ = losses(app)
    app.locator(".nnlab-net-play button").click()
    target = 60
    for _ in range(240):
        if epoch(app) >= target:
            break
        app.wait_for_timeout(250)
    app.locator(".nnlab-net-pause button").click()
    stopped_at = settled_epoch(app)
    assert stopped_at >= target, f"only {stopped_at} epochs trained"
    app.wait_for_timeout(1000)
    assert epoch(app) == stopped_at, "training went on after pause"
    loss, val_loss = losses(app)
    assert loss < 0.5 * first_loss, (first_loss, loss)
    assert val_loss < first_loss, (first_loss, val_loss)


def test_clicking_an_edge_selects_its_weight(app):
    """The default net (1-8-8-1) spans x in [-0.4, 3.4] and y in [-4, 4] on a 430 px high
    canvas without borders; the edge x1 -> a[1]8 runs from (0, 0) to (1, -3.5)."""
    open_tab(app, "app.tab.network")
    canvas = next(box for box in (c.bounding_box() for c in app.locator("canvas").all())
                  if box and box["height"] == 430)
    x, y = 0.5, -1.75  # the middle of the edge
    px = canvas["x"] + (x + 0.4) / 3.8 * canvas["width"]
    py = canvas["y"] + (4.0 - y) / 8.0 * canvas["height"]
    app.mouse.click(px, py)
    expect(app.locator(".nnlab-net-weight select")).to_have_value("w[1]18")


def test_division_preset_moves_the_axis_in_the_browser(app):
    """Range changes made in Python must reach BokehJS (a DataRange1d would ignore them)."""
    open_tab(app, "app.tab.activations")
    app.locator(".nnlab-act-division-range button").click()
    shown = ("() => Bokeh.documents.some(doc => [...doc.all_models].some("
             "m => m.start === -2 && m.end === 20))")
    app.wait_for_function(shown)
    app.wait_for_timeout(1500)  # an auto-ranging range would have moved away by now
    assert app.evaluate(shown)


def test_every_tab_renders_without_errors(app, console_log, request_guard):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for key in TABS:
        open_tab(app, key)
        app.wait_for_timeout(1500)
        app.screenshot(path=str(SCREENSHOTS / f"{key.split('.')[-1]}_tab.png"), full_page=True)
    assert console_log.python_errors() == []
    assert request_guard.blocked == []
