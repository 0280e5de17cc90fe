"""The division demo in a real browser against ``panel serve web/app.py``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from panel_server import REPO_ROOT, panel_app_url, server_log  # noqa: F401  (fixture)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
TIMEOUT_MS = 30_000


@pytest.fixture
def app(panel_app_url, guarded_page):  # noqa: F811  (fixture imported above)
    guarded_page.set_default_timeout(TIMEOUT_MS)
    guarded_page.goto(panel_app_url)
    guarded_page.locator(".nnlab-quotient").wait_for()
    log_before = len(server_log(panel_app_url))
    yield guarded_page
    assert "Traceback" not in server_log(panel_app_url)[log_before:]


NODE_LABELS_JS = """() => {
  for (const m of Bokeh.documents[0].all_models)
    if (m.data && m.data.value && m.data.name) return m.data.value;
  return null; }"""


def type_into(page, css_class: str, text: str) -> None:
    field = page.locator(f".{css_class} input")
    field.fill(text)
    field.press("Enter")


def quotient(page) -> str:
    return page.locator(".nnlab-quotient").inner_text().strip()


def test_divides_20_by_5(app):
    type_into(app, "nnlab-dividend", "20")
    type_into(app, "nnlab-divisor", "5")
    app.locator(".nnlab-quotient", has_text="3,99999448").wait_for()
    assert quotient(app) == "3,99999448"  # German: decimal comma
    app.wait_for_function(NODE_LABELS_JS.replace("return m.data.value",
                                                 "return m.data.value[0] === 'x1 = 20'"))
    assert app.evaluate(NODE_LABELS_JS)[:2] == ["x1 = 20", "x2 = 5"]


def test_divisor_zero_gives_message_and_no_nan(app):
    type_into(app, "nnlab-divisor", "0")
    message = app.locator(".nnlab-message")
    message.filter(has_text="0").wait_for()
    assert message.inner_text().strip()
    assert quotient(app) == "—"
    page_text = app.locator("body").inner_text() + " ".join(
        text or "" for text in app.locator(".nnlab-app *").all_inner_texts()  # svg: None
    )
    for bad in ("NaN", "nan", "Infinity", "inf"):
        assert bad not in page_text.split(), bad


def test_editing_a_weight_changes_the_output(app):
    before = quotient(app)
    field = app.locator(".nnlab-weight-8 input")
    field.fill("-3.5")
    field.press("Enter")
    app.locator(".nnlab-quotient").filter(has_not_text=before).wait_for()
    assert quotient(app) != before


def test_saved_model_loads_back_identically(app, tmp_path: Path):
    field = app.locator(".nnlab-weight-6 input")
    before = quotient(app)
    field.fill("33.5")
    field.press("Enter")
    app.locator(".nnlab-quotient").filter(has_not_text=before).wait_for()
    with app.expect_download() as info:
        app.locator(".nnlab-save-model button, .nnlab-save-model a").first.click()
    saved = tmp_path / "model.json"
    info.value.save_as(saved)
    doc = json.loads(saved.read_text())
    assert doc["weights"][2] == [[33.5], [-33.3333]]
    changed_quotient = quotient(app)
    field.fill("10")
    field.press("Enter")
    app.locator(".nnlab-quotient").filter(has_not_text=changed_quotient).wait_for()
    app.locator(".nnlab-load-model input[type=file]").set_input_files(str(saved))
    app.locator(".nnlab-quotient", has_text=changed_quotient).wait_for()
    expect(app.locator(".nnlab-weight-6 input")).to_have_value("33,5")

    # choosing the same file a second time loads it again
    field.fill("10")
    field.press("Enter")
    app.locator(".nnlab-quotient").filter(has_not_text=changed_quotient).wait_for()
    app.locator(".nnlab-load-model input[type=file]").set_input_files(str(saved))
    app.locator(".nnlab-quotient", has_text=changed_quotient).wait_for()


def test_png_export_is_an_image(app, tmp_path: Path):
    with app.expect_download(timeout=60_000) as info:
        app.locator(".nnlab-export-png button, .nnlab-export-png a").first.click()
    path = tmp_path / "net.png"
    info.value.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000


def test_language_switch_changes_labels(app):
    label = app.locator(".nnlab-dividend label")
    assert "Dividend" in label.inner_text()
    explanation_de = app.get_by_text("Wie können zwei Neuronen teilen?")
    explanation_de.wait_for()
    app.locator(".nnlab-lang button", has_text="EN").click()
    app.get_by_text("How can two neurons divide?").wait_for()
    app.get_by_text("Network × 100").wait_for()


def test_screenshot_division_tab(panel_app_url, guarded_page):  # noqa: F811
    guarded_page.set_viewport_size({"width": 1600, "height": 1000})
    guarded_page.goto(panel_app_url)
    guarded_page.locator(".nnlab-quotient", has_text="4,85914728").wait_for()
    guarded_page.wait_for_timeout(1500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    app = guarded_page
    app.screenshot(path=str(SCREENSHOTS / "division.png"), full_page=True)


def test_text_input_gives_message(app):
    type_into(app, "nnlab-dividend", "zwanzig")
    app.locator(".nnlab-message", has_text="keine Zahl").wait_for()
    assert quotient(app) == "—"


def test_training_runs_and_changes_the_weights(app):
    before = app.locator(".nnlab-weight-6 input").input_value()
    app.locator(".nnlab-train-play button").click()
    app.locator(".nnlab-train-epoch", has_text=re.compile(r"^([5-9]|\d\d+)$")).wait_for()
    app.locator(".nnlab-train-play button").click()
    app.locator(".nnlab-train-play button", has_text="Start").wait_for()
    assert app.locator(".nnlab-weight-6 input").input_value() != before


def test_screenshot_out_of_domain_wide_range(panel_app_url, guarded_page):  # noqa: F811
    page = guarded_page
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(panel_app_url)
    page.locator(".nnlab-quotient").wait_for()
    type_into(page, "nnlab-dividend", "60")
    type_into(page, "nnlab-divisor", "1")
    page.locator(".nnlab-message.nnlab-warning").wait_for()
    page.locator(".nnlab-wide input").check()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "division-wide.png"), full_page=True)
