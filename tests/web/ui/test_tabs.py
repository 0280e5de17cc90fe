"""The one place that touches Panel internals (tab titles) fails loudly if they change."""

from __future__ import annotations

import panel as pn

from web.ui.tabs import retitle


def test_retitle_renames_rendered_tabs_and_keeps_their_content() -> None:
    tabs = pn.Tabs(("one", pn.pane.Markdown("a")), ("two", pn.pane.Markdown("b")))
    root = tabs.get_root()
    children = [panel.child for panel in root.tabs]
    retitle(tabs, ["eins", "zwei"])
    assert [panel.title for panel in root.tabs] == ["eins", "zwei"]
    assert [panel.child for panel in root.tabs] == children
    assert tabs._names == ["eins", "zwei"]
    # Panel's cache of panels must hold the renamed ones, or a re-render brings "one" back.
    cached = {panel.title for panel in tabs._panels[root.ref["id"]].values()}
    assert cached == {"eins", "zwei"}
