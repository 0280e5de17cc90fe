"""The DE/EN switch relabels tab titles and views, including views built after the switch."""

from __future__ import annotations

import pytest
from panel_server import panel_app_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def tab_titles(page) -> list[str]:
    return [title.strip() for title in page.locator(".bk-tab").all_inner_texts()]


GERMAN_TABS = ["Division", "Rechengraph", "Playground", "Aktivierungen", "Tiefe Netze",
               "Experimente"]


def test_language_switch_renames_tabs_and_reaches_lazily_built_views(panel_app_url, guarded_page):  # noqa: F811
    page = guarded_page
    page.set_default_timeout(30_000)
    page.goto(panel_app_url)
    page.locator(".nnlab-quotient").wait_for()
    assert tab_titles(page) == GERMAN_TABS

    page.locator(".bk-tab", has_text="Rechengraph").click()
    step = page.locator(".nnlab-graph-step button")
    step.click()
    step.click()
    page.locator(".nnlab-graph-progress p", has_text="Schritt 2 /").wait_for()

    page.locator(".nnlab-lang button", has_text="EN").click()
    page.locator(".bk-tab", has_text="Computation graph").wait_for()
    assert tab_titles(page) == ["Division", "Computation graph", "Playground", "Activations",
                                "Deep nets", "Experiments"]
    page.locator(".nnlab-graph-progress p", has_text="Step 2 /").wait_for()

    page.locator(".bk-tab", has_text="Activations").click()
    page.get_by_text("x range").first.wait_for()  # the lazily built view, in English

    page.locator(".nnlab-lang button", has_text="DE").click()
    page.locator(".bk-tab", has_text="Aktivierungen").wait_for()
    page.get_by_text("x-Bereich").first.wait_for()
    assert tab_titles(page) == GERMAN_TABS
