"""NN Lab entry point: the header (title, save/load, projector mode, DE/EN) and the tabs.

Runs unchanged under ``panel serve web/app.py`` and inside Pyodide (the static site). Start-up
time is what a student waits for in the lecture, so only the first tab (division) is built at
start-up; every other tab is imported and built when it is first opened
(:func:`web.ui.lazy.on_first_view` inside ``Tabs(dynamic=True)``). Tabs are registered below as
functions ``build(display) -> view``; each gets the shared :class:`Display`, so it comes up in
the current language and follows later switches. The header's save/load acts on the tab in view.
No ``pn.template`` is used: templates pull CSS/JS from CDNs, and the offline site must make no
external requests.
"""

from __future__ import annotations

import panel as pn

from web import activations, deepnets, division, experiments, graph, playground
from web.ui import export, i18n, theme
from web.ui.display import Display
from web.ui.keys_help import KeysHelp
from web.ui.lazy import in_background_after_first_paint, on_first_view
from web.ui.links import read_hash
from web.ui.model_files import ModelFiles
from web.ui.parts import Part
from web.ui.tabs import retitle
from web.ui.widgets import from_param

i18n.register({
    "app.subtitle": ("neural networks to try out", "neuronale Netze zum Ausprobieren"),
    "app.projector": ("Projector", "Beamer"),
    "app.tab.division": ("Division", "Division"),
    "app.tab.graph": ("Computation graph", "Rechengraph"),
    "app.tab.playground": ("Playground", "Playground"),
    "app.tab.activations": ("Activations", "Aktivierungen"),
    "app.tab.deepnets": ("Deep nets", "Tiefe Netze"),
    "app.tab.experiments": ("Experiments", "Experimente"),
})

LANGUAGE_LABELS = {"DE": "de", "EN": "en"}


TABS = (
    Part("division", "app.tab.division", division.build),
    Part("graph", "app.tab.graph", graph.build),
    Part("playground", "app.tab.playground", playground.build, playground.LINK_KEYS),
    Part("activations", "app.tab.activations", activations.build),
    Part("deepnets", "app.tab.deepnets", deepnets.build),
    Part("experiments", "app.tab.experiments", experiments.build),
)


class Lab:
    """One browser session's lab: the views built so far and the tab in view."""

    def __init__(self, display: Display) -> None:
        self.display = display
        self.views: dict[str, pn.viewable.Viewer] = {}

    def view(self, tab: Part) -> pn.viewable.Viewer:
        if tab.name not in self.views:
            self.views[tab.name] = tab.build(self.display)
        return self.views[tab.name]


def create_app(lang_code: str = "de") -> pn.viewable.Viewable:
    """The whole lab for one browser session (every session gets its own state)."""
    display = Display(code=lang_code)
    lab = Lab(display)
    contents = [lab.view(TABS[0]), *(on_first_view(lambda tab=tab: lab.view(tab))
                                     for tab in TABS[1:])]
    tabs = pn.Tabs(*((i18n.text(tab.title, lang_code), content)
                     for tab, content in zip(TABS, contents, strict=True)),
                   dynamic=True, sizing_mode="stretch_width", css_classes=["nnlab-tabs"])
    pn.bind(lambda code: retitle(tabs, [i18n.text(t.title, code) for t in TABS]),
            display.param.code, watch=True)
    files = ModelFiles(display, target=lambda: lab.views.get(TABS[tabs.active].name))
    tabs.param.watch(lambda _event: files.clear(), "active")  # its message is about another tab
    in_background_after_first_paint(export.warm_up)
    switch = pn.widgets.RadioButtonGroup.from_param(
        display.param.code, options=LANGUAGE_LABELS, label="", color="default",
        css_classes=["nnlab-lang"], width=120, align="center")
    projector = from_param(
        pn.widgets.Toggle, display.param.projector, display.text("app.projector"),
        color="primary", button_style="outline",
        css_classes=["nnlab-projector-toggle"], width=120, align="center")
    # One line at 1280 px: the name, a short subtitle (its type shrinks with the window, see
    # theme.CSS) and the buttons; if a screen is narrower still, the buttons move, together,
    # below the title, so save/load and DE/EN never leave the screen.
    title = pn.pane.HTML(pn.bind(lambda text: '<h1 class="nnlab-title">NN Lab'
                                 f'<span class="nnlab-subtitle">{text}</span></h1>',
                                 display.text("app.subtitle")),
                         align="center", sizing_mode="stretch_width", min_width=140,
                         stylesheets=theme.STYLESHEETS)
    # A Row, not a FlexBox: FlexBox needs nh3, which Pyodide 0.27 does not have.
    keys = KeysHelp(display)
    header = pn.Row(title, pn.Row(files, projector, keys, switch), sizing_mode="stretch_width",
                    styles={"border-bottom": "2px solid #ddd", "flex-wrap": "wrap"})
    read_hash(display, tabs, [tab.name for tab in TABS],
              {tab.name: tab.link_keys for tab in TABS if tab.link_keys})
    return pn.Column(header, keys.keys, tabs, sizing_mode="stretch_width",
                     stylesheets=theme.ROOT_STYLESHEETS,
                     css_classes=pn.bind(theme.root_classes, display.param.projector))


# `panel serve web/app.py` runs this file as a module named "bokeh_app_…". (Not
# `pn.state.served`: it calls inspect.stack(), 30 ms in CPython and several times that in
# Pyodide, on the start-up path.)
if __name__.startswith("bokeh"):
    create_app().servable(title="NN Lab")
