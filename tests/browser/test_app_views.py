"""Graph, playground and activation tabs in a real browser against ``panel serve web/app.py``.

The tabs' own tests are in ``test_app_graph.py``, ``test_app_playground.py`` and so on. CSS
classes the tests read (set in the views): ``nnlab-graph-progress`` (the graph tab has
rendered), ``nnlab-pg-epoch`` (the playground's epoch), ``nnlab-act-division-range`` (the
activation tab's preset button).
"""

from __future__ import annotations

import pytest
from panel_server import REPO_ROOT, panel_app_url  # noqa: F401  (pytest fixture)

from web.ui import i18n

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
TIMEOUT_MS = 30_000
TABS = {  # tab title key -> an element that exists once the tab has rendered
    "app.tab.graph": ".nnlab-graph-progress",
    "app.tab.playground": ".nnlab-pg-epoch",
    "app.tab.activations": ".nnlab-act-division-range",
}


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
