"""The division tab's deeper sections in a real browser against ``panel serve web/app.py``:
learn from scratch, the loss landscape, grid-search progress and cancel, and the one-screen
rule for the tab's main picture."""

from __future__ import annotations

import re

import pytest
from panel_server import panel_app_url, server_log  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000


@pytest.fixture
def app(panel_app_url, guarded_page):  # noqa: F811  (fixture imported above)
    guarded_page.set_default_timeout(TIMEOUT_MS)
    guarded_page.set_viewport_size({"width": 1280, "height": 800})
    guarded_page.goto(panel_app_url)
    guarded_page.locator(".nnlab-quotient").wait_for()
    log_before = len(server_log(panel_app_url))
    yield guarded_page
    assert "Traceback" not in server_log(panel_app_url)[log_before:]


def open_section(page, name: str) -> None:
    page.locator(f".nnlab-{name}-section .card-header").click()


def german_number(text: str) -> float:
    return float(text.strip().replace(",", "."))


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 800), (1920, 1080)])
def test_the_drawing_inputs_and_result_fit_one_screen(panel_app_url, guarded_page,  # noqa: F811
                                                       width, height):
    page = guarded_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(panel_app_url)
    page.locator(".nnlab-quotient").wait_for(timeout=TIMEOUT_MS)
    page.locator(".nnlab-scratch-section").wait_for(timeout=TIMEOUT_MS)  # the lower half too
    for selector in (".nnlab-main-figure", ".nnlab-dividend input", ".nnlab-divisor input",
                     ".nnlab-quotient"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["y"] >= 0, (selector, box)
        assert box["x"] + box["width"] <= width + 1, (selector, box)
        assert box["y"] + box["height"] <= height + 1, (selector, box)


def test_learn_from_scratch_makes_a_dividing_net_the_active_model(app):
    before = app.locator(".nnlab-quotient").inner_text()
    open_section(app, "scratch")
    app.locator(".nnlab-learn-scratch button").click()
    app.locator(".nnlab-scratch-status").wait_for()
    mae = german_number(app.locator(".nnlab-scratch-mae").inner_text())
    assert 0 < mae < 1e-6
    app.locator(".nnlab-quotient").filter(has_not_text=before).wait_for()
    # 15 / 3 with the learnt weights (inside the data's range 1 ... 19.99)
    for css, text in (("nnlab-dividend", "15"), ("nnlab-divisor", "3")):
        field = app.locator(f".{css} input")
        field.fill(text)
        field.press("Enter")
    app.locator(".nnlab-true", has_text=re.compile(r"^5$")).wait_for()
    app.wait_for_timeout(500)
    assert abs(german_number(app.locator(".nnlab-quotient").inner_text()) - 5) < 1e-6
    assert "gelernt" in app.locator(".nnlab-preset select").input_value()  # "other weights"


def test_grid_search_shows_progress_and_eta_and_cancels(app):
    open_section(app, "grid")
    app.locator(".nnlab-grid-start button").click()
    eta = app.locator(".nnlab-grid-eta", has_text="noch etwa")
    eta.wait_for()
    assert re.search(r"\d+(,\d+)? % erledigt", eta.inner_text())
    app.locator(".nnlab-grid-cancel button").click()
    app.locator(".nnlab-grid-eta", has_text="Abgebrochen").wait_for()
    assert app.locator(".nnlab-grid-start button").is_enabled()


def test_landscape_slice_is_drawn_with_live_signs(app):
    open_section(app, "landscape")
    app.locator(".nnlab-landscape-ready").wait_for()
    images = app.evaluate("""() => {
      const out = [];
      for (const m of Bokeh.documents[0].all_models)
        if (m.data && m.data.image && m.data.image.length) {
          const img = m.data.image[0];
          out.push([Array.from(img.shape), Array.from(img).filter(Number.isFinite).length]);
        }
      return out; }""")
    assert [[60, 60], 3600] in images  # the slice: 60 x 60 finite losses
    for k in (0, 1):
        assert app.locator(f".nnlab-landscape-sign-{k}").inner_text().strip()[0] in "+−0"
    assert "Knick" in app.locator(".nnlab-landscape-why").inner_text()
    # another weight on the x axis: the slice is computed again
    app.locator(".nnlab-landscape-first select").select_option("w[1]11")
    app.locator(".nnlab-landscape-ready").wait_for()
