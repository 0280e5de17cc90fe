"""The Playground tab in a real browser against ``panel serve web/app.py``.

Hooks (web/playground): ``nnlab-pg-play`` (one toggle, Play/Pause), ``nnlab-pg-step``,
``nnlab-pg-epoch`` and ``nnlab-pg-train-loss`` (read-only inputs holding plain numbers, German
decimals by default), ``nnlab-pg-dataset``, ``nnlab-pg-lr``, ``nnlab-pg-activation-<k>``.
The 100-cycle click test of the static site drives the same controls (test_site_events.py).
"""

from __future__ import annotations

import pytest
from panel_server import panel_app_url  # noqa: F401  (pytest fixture)
from playwright.sync_api import expect

from web.ui import i18n

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
TARGET_EPOCHS = 100


def number(page, hook: str) -> float:
    return float(page.locator(f".{hook} input").input_value().replace(",", "."))


def settled_epoch(page) -> int:
    """The epoch once it has stopped changing (pending redraws have arrived)."""
    last = number(page, "nnlab-pg-epoch")
    while True:
        page.wait_for_timeout(400)
        now = number(page, "nnlab-pg-epoch")
        if now == last:
            return int(now)
        last = now


def open_page(page, url: str) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    page.locator(".nnlab-tabs").first.wait_for()


def german(key: str) -> str:
    import web.app
    import web.playground.texts  # noqa: F401  (registers the playground's words)

    return i18n.text(key, "de")


def open_playground(page) -> None:
    page.locator(".bk-tab", has_text=german("app.tab.playground")).first.click()
    page.locator(".nnlab-pg-epoch input").first.wait_for()


def test_play_trains_pause_stops_and_the_loss_falls(panel_app_url, guarded_page):  # noqa: F811
    page = guarded_page
    open_page(page, panel_app_url)
    open_playground(page)
    first_loss = number(page, "nnlab-pg-train-loss")
    page.locator(".nnlab-pg-step button").click()
    expect(page.locator(".nnlab-pg-epoch input")).to_have_value("1")
    play = page.locator(".nnlab-pg-play button")
    play.click()
    for _ in range(240):
        if number(page, "nnlab-pg-epoch") >= TARGET_EPOCHS:
            break
        page.wait_for_timeout(250)
    play.click()  # the same toggle pauses
    stopped_at = settled_epoch(page)
    assert stopped_at >= TARGET_EPOCHS, f"only {stopped_at} epochs trained"
    page.wait_for_timeout(1000)
    assert number(page, "nnlab-pg-epoch") == stopped_at, "training went on after pause"
    # circle data, 2-4-2 tanh net: TF Playground's default task separates it in ~100 epochs
    assert number(page, "nnlab-pg-train-loss") < 0.5 * first_loss


def test_a_tf_playground_link_opens_the_playground_with_its_settings(
        panel_app_url, guarded_page):  # noqa: F811
    """A link copied from TensorFlow Playground has no ``tab``: its keys open the tab."""
    page = guarded_page
    open_page(page, panel_app_url + "#dataset=xor&activation=relu&learningRate=0.1"
                                    "&networkShape=3")
    page.locator(".nnlab-pg-epoch input").first.wait_for()
    expect(page.locator(".nnlab-tabs .bk-tab.bk-active").first).to_have_text(
        german("app.tab.playground"))
    expect(page.locator(".nnlab-pg-dataset select")).to_have_value(
        german("pg.set.xor"))
    expect(page.locator(".nnlab-pg-lr input")).to_have_value("0,1")
    expect(page.locator(".nnlab-pg-activation-0 select")).to_have_value("relu")
    expect(page.locator(".nnlab-pg-activation-1")).to_have_count(0)  # one hidden layer
