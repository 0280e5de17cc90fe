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


def test_xor_with_the_product_feature_trains_below_test_loss_0_05(panel_app_url, guarded_page):  # noqa: F811
    """TF Playground's lesson: with x1·x2 as the only input, XOR is easy."""
    page = guarded_page
    open_page(page, panel_app_url + "#tab=playground&dataset=xor&x=false&y=false&xTimesY=true")
    page.locator(".nnlab-pg-epoch input").first.wait_for()
    expect(page.locator(".nnlab-pg-dataset select")).to_have_value(german("pg.set.xor"))
    play = page.locator(".nnlab-pg-play button")
    play.click()
    for _ in range(240):
        if number(page, "nnlab-pg-test-loss") < 0.05:
            break
        page.wait_for_timeout(250)
    play.click()
    settled_epoch(page)
    assert number(page, "nnlab-pg-test-loss") < 0.05


def test_a_click_in_the_output_adds_a_point(panel_app_url, guarded_page):  # noqa: F811
    page = guarded_page
    open_page(page, panel_app_url)
    open_playground(page)
    page.locator(".nnlab-pg-output").click()  # the middle of the plane
    expect(page.locator(".nnlab-pg-dataset select")).to_have_value(german("pg.set.own"))


def test_a_bad_csv_row_is_named_and_changes_nothing(panel_app_url, guarded_page, tmp_path):  # noqa: F811
    page = guarded_page
    open_page(page, panel_app_url)
    open_playground(page)
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,1\n0.5,abc,0\n3,4,1\n")
    page.locator(".nnlab-pg-csv input[type=file]").set_input_files(str(bad))
    notice = page.locator(".nnlab-pg-notice")
    expect(notice).to_contain_text("Zeile 2")
    expect(notice).to_contain_text("abc")
    expect(page.locator(".nnlab-pg-dataset select")).to_have_value(german("pg.set.circle"))
    good = tmp_path / "good.csv"
    good.write_text("1,2,1\n0.5,-1,0\n3,4,1\n-2,0,0\n")
    page.locator(".nnlab-pg-csv input[type=file]").set_input_files(str(good))
    expect(notice).to_contain_text("4 Punkte")
    expect(page.locator(".nnlab-pg-dataset select")).to_have_value(german("pg.set.own"))


WIDEST = {"nnlab-pg-epoch": "100000",  # Trainer.max_epochs "nnlab-pg-train-loss": "0,0002661",
          "nnlab-pg-test-loss": "0,0002661", "nnlab-pg-train-accuracy": "0,9996",
          "nnlab-pg-test-accuracy": "0,9996"}  # the losses: fmt.sig(x, 4, "de") at its longest


def test_the_widest_numbers_fit_their_fields(panel_app_url, guarded_page):  # noqa: F811
    page = guarded_page
    open_page(page, panel_app_url)
    open_playground(page)
    for hook, text in WIDEST.items():
        scroll, client = page.locator(f".{hook} input").evaluate(
            "(el, text) => { el.value = text; return [el.scrollWidth, el.clientWidth]; }", text)
        assert scroll <= client, f"{hook}: {text!r} needs {scroll} px of {client}"


def test_the_loss_chart_is_under_the_output_in_full_hd(panel_app_url, guarded_page):  # noqa: F811
    """A lecture watches the loss fall by the output, as in TF Playground: at 1920 x 1080 the
    chart (legend and plot) is whole on the first screen, under the output plot."""
    page = guarded_page
    open_page(page, panel_app_url)
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_playground(page)
    chart = page.locator(".nnlab-pg-chart canvas").first
    chart.wait_for()
    page.wait_for_timeout(1000)  # the layout settles after the first paint
    box = page.locator(".nnlab-pg-chart").bounding_box()
    output = page.locator(".nnlab-pg-output").bounding_box()
    assert box["y"] >= output["y"] + output["height"], (box, output)
    assert box["x"] >= output["x"] - 20 and box["y"] + box["height"] <= 1080, box
