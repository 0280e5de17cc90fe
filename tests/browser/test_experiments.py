"""The Experiments tab in a real browser against ``panel serve web/app.py``.

CSS hooks (docs/testing.md): ``nnlab-fit-width`` / ``-activation`` / ``-epochs`` (settings),
``nnlab-fit-run`` (Run/Stop), ``nnlab-fit-epoch`` / ``nnlab-fit-mse`` / ``nnlab-fit-ms-per-epoch``
(plain numbers), ``nnlab-params-architecture``, ``nnlab-params-total``,
``nnlab-params-message``, ``nnlab-params-check``, and ``nnlab-main-figure``.
"""

from __future__ import annotations

import re

import pytest
from panel_server import panel_app_url, server_log  # noqa: F401  (pytest fixture)

from web.experiments.fit.model import FitLab
from web.ui import fmt

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
EPOCHS = 20  # the 300-neuron run of the material, shortened for the test


@pytest.fixture
def page(panel_app_url, guarded_page):  # noqa: F811  (fixture imported above)
    guarded_page.set_default_timeout(TIMEOUT_MS)
    guarded_page.set_viewport_size({"width": 1280, "height": 800})
    return guarded_page


def open_card(page, url: str, card: str, settings: str = "") -> None:
    page.goto(f"{url}#tab=experiments&card={card}{settings}")
    page.locator(".nnlab-experiments .nnlab-main-figure").first.wait_for()


def text(page, css_class: str) -> str:
    """Text of the element with this class (Playwright's CSS reaches into shadow roots; an
    HTML pane's own host element has no text, its content does)."""
    locator = page.locator(f".{css_class}")
    return locator.first.inner_text().strip() if locator.count() else ""


def wait_for_text(page, css_class: str, predicate, what: str, timeout_s: float = 60) -> str:
    seen = ""
    for _ in range(int(timeout_s * 4)):
        seen = text(page, css_class)
        if predicate(seen):
            return seen
        page.wait_for_timeout(250)
    pytest.fail(f"{what}: .{css_class} shows {seen!r}")


def assert_main_figure_on_screen(page) -> None:
    box = page.locator(".nnlab-experiments .nnlab-main-figure").first.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800 and box["x"] + box["width"] <= 1280


def test_300_relu_neurons_learn_in_the_page(page, panel_app_url) -> None:  # noqa: F811
    open_card(page, panel_app_url, "fit", f"&fit.epochs={EPOCHS}")
    assert page.locator(".nnlab-fit-width input").input_value() == "300"
    assert page.locator(".nnlab-fit-activation select").input_value() == "relu"
    assert page.locator(".nnlab-fit-epochs input").input_value() == str(EPOCHS)
    assert_main_figure_on_screen(page)
    page.locator(".nnlab-fit-run button").first.click()
    wait_for_text(page, "nnlab-fit-epoch", lambda t: t == str(EPOCHS), "run finished")
    lab = FitLab(epochs=EPOCHS)  # the same run in this process: the page must show its MSE
    lab.run_now()
    wait_for_text(page, "nnlab-fit-mse", lambda t: t == fmt.sig(lab.run.mse, 4, "de"),
                  "MSE of the run")
    ms = float(text(page, "nnlab-fit-ms-per-epoch").replace(",", "."))
    assert ms > 0
    assert re.search(r"relu\s+300\s+901\s+20", page.locator(".nnlab-fit-table").inner_text())
    assert "Traceback" not in server_log(panel_app_url)


def test_parameter_counter_takes_typed_widths_and_refuses_bad_ones(
        page, panel_app_url) -> None:  # noqa: F811
    open_card(page, panel_app_url, "params", "&params.architecture=1,300,1")
    wait_for_text(page, "nnlab-params-total", lambda t: t == "901", "linked architecture")
    field = page.locator(".nnlab-params-architecture input")
    field.fill("784, 128, 10")
    field.press("Enter")
    wait_for_text(page, "nnlab-params-total", lambda t: t == str(784 * 128 + 128 + 1290),
                  "typed architecture")
    assert "101770 — dasselbe" in text(page, "nnlab-params-check")
    field.fill("784, -128, 10")
    field.press("Enter")
    message = wait_for_text(page, "nnlab-params-message span", lambda t: "bleibt" in t,
                            "message beside the field")
    assert "-128" in message and "784, 128, 10 bleibt" in message
    assert text(page, "nnlab-params-total") == "101770"
    assert_main_figure_on_screen(page)
