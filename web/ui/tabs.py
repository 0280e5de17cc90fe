"""Tab titles that follow the language.

Panel 1.9.4 has no public way to rename a rendered tab: ``Tabs`` reuses a rendered tab's model
with its old title (holoviz/panel#5731), re-setting its objects would rebuild every tab and lose
its state, and BokehJS redraws the tab headers only when the ``tabs`` list itself changes, not a
``TabPanel``'s title. So :func:`retitle` replaces each rendered ``TabPanel`` by one with the new
title around the same child, in the Bokeh model and in Panel's cache of panels. It is the only
place that touches Panel's private attributes (``_names``, ``_models``, ``_panels``);
``tests/web/test_tabs.py`` fails if they change.
"""

from __future__ import annotations

import panel as pn
from bokeh.models import TabPanel as BkTabPanel

from web.ui.bokeh_sync import bokeh_edit


@bokeh_edit
def retitle(tabs: pn.Tabs, titles: list[str]) -> None:
    """Rename the tabs of ``tabs`` in place, keeping every tab's content and state."""
    tabs._names = titles
    for ref, (model, _comm) in tabs._models.items():
        cache = tabs._panels[ref]
        renamed = []
        for old, title in zip(model.tabs, titles, strict=False):
            new = BkTabPanel(title=title, name=old.name, child=old.child, closable=old.closable)
            for key in [key for key, panel in cache.items() if panel is old]:
                cache[key] = new
            renamed.append(new)
        model.tabs = renamed
