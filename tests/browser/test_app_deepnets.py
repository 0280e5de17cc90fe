"""The deep-nets tab in a real browser against ``panel serve web/app.py``: a preset click
gives pictures with data, the main picture is inside the first screen at 1280 × 800, and
nothing fails on the way.

CSS hooks (docs/testing.md): ``nnlab-deep-preset-<name>`` (preset buttons), ``nnlab-deep-status``,
``nnlab-deep-explain``, ``nnlab-main-figure`` (the ridgeline row).
"""

from __future__ import annotations

import pytest
from panel_server import panel_app_url, server_log  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.browser

TIMEOUT_MS = 90_000
TAB_TITLE = "Tiefe Netze"
# The number of layers in the ridgeline data of the first patches glyph source that has them.
RIDGE_LAYERS_JS = """() => {
  for (const doc of Bokeh.documents) {
    for (const model of doc.all_models) {
      const data = model.data;
      if (data && data.top_xs && data.layer && data.layer.length) return data.layer.length;
    }
  }
  return 0;
}"""


def text_of(page, css_class: str) -> str:
    return " ".join(page.locator(f".{css_class} p").all_inner_texts()).strip()


def test_preset_fills_the_pictures(panel_app_url, guarded_page, console_log,  # noqa: F811
                                   request_guard) -> None:
    page = guarded_page
    page.set_default_timeout(TIMEOUT_MS)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_before = len(server_log(panel_app_url))
    page.goto(panel_app_url)
    page.locator(".bk-tab", has_text=TAB_TITLE).first.click()
    page.locator(".nnlab-deep-preset-selu button").first.click()
    page.locator(".nnlab-deep-status p", has_text="50 Schichten").first.wait_for()
    page.wait_for_function(f"() => ({RIDGE_LAYERS_JS})() === 50")
    assert "SELU" in text_of(page, "nnlab-deep-explain")
    box = page.locator(".nnlab-main-figure").first.bounding_box()
    assert box is not None and box["height"] > 300
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.locator(".nnlab-deep-preset-batchnorm button").first.click()
    page.locator(".nnlab-deep-status p", has_text="B: 20 Schichten").first.wait_for()
    page.wait_for_function(f"() => ({RIDGE_LAYERS_JS})() === 20")
    assert "Traceback" not in server_log(panel_app_url)[log_before:]
    assert console_log.python_errors() == []
    assert request_guard.blocked == []
