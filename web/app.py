"""NN Lab entry point: header (title, DE/EN switch, model save/load) and the tabs of the lab.

Runs unchanged under ``panel serve web/app.py`` and inside Pyodide (the static site). Start-up
time is what a student waits for in the lecture, so only the first tab (division) is built at
start-up. The other views are imported and constructed when their tab is first opened: each sits
in a lazy ``ParamFunction`` inside ``Tabs(dynamic=True)``, and Panel evaluates such a function
only when the tab's content is rendered. Each view gets the shared ``Language`` when it is made,
so it comes up in the current language and follows later switches.
No ``pn.template`` is used: templates pull CSS/JS from CDNs, and the offline site must make no
external requests.
"""

from __future__ import annotations

import importlib

import panel as pn
from bokeh.models import TabPanel as BkTabPanel

from web import i18n, theme
from web.bokeh_sync import bokeh_edit
from web.division_view import DivisionView
from web.model_files import ModelFiles

i18n.register(
    {
        "app.title": ("NN Lab — neural networks to try out",
                      "NN Lab — neuronale Netze zum Ausprobieren"),
        "app.tab.division": ("Division", "Division"),
        "app.tab.graph": ("Computation graph", "Rechengraph"),
        "app.tab.network": ("Network & training", "Netz & Training"),
        "app.tab.activations": ("Activations", "Aktivierungen"),
    }
)

TAB_KEYS = ("app.tab.division", "app.tab.graph", "app.tab.network", "app.tab.activations")
# Tab key -> "module:class" of a view built on first opening (class(lang) -> Viewer).
LAZY_VIEWS = {
    "app.tab.graph": "web.graph_view:GraphView",
    "app.tab.network": "web.network_view:NetworkView",
    "app.tab.activations": "web.activation_view:ActivationView",
}
LANGUAGE_LABELS = {"DE": "de", "EN": "en"}


@bokeh_edit
def _retitle(tabs: pn.Tabs, titles: list[str]) -> None:
    """Rename the tabs in place. There is no public way: Panel reuses a rendered tab's model
    with its old title (holoviz/panel#5731; re-setting the objects would rebuild every tab and
    lose its state), and BokehJS redraws the tab headers only when the ``tabs`` list itself
    changes, not a ``TabPanel``'s title. So each rendered ``TabPanel`` is replaced by one with
    the new title around the same child, in the Bokeh model and in Panel's cache of panels."""
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


def lazy_view(spec: str, lang: i18n.Language) -> pn.param.ParamFunction:
    """The view ``module:class`` (built as ``class(lang)``), imported and constructed only when
    its tab is first rendered (``lazy=True``)."""
    module_name, _, class_name = spec.partition(":")

    def build() -> pn.viewable.Viewer:
        return getattr(importlib.import_module(module_name), class_name)(lang)

    return pn.param.ParamFunction(build, lazy=True, sizing_mode="stretch_width")


def create_app(lang_code: str = "de") -> pn.viewable.Viewable:
    """The whole lab for one browser session (every session gets its own state)."""
    lang = i18n.Language(code=lang_code)
    division = DivisionView(lang)
    files = ModelFiles(lang, save=division.model.to_json, load=division.model.load_json,
                       filename="division-model.json")
    switch = pn.widgets.RadioButtonGroup(
        options=LANGUAGE_LABELS, value=lang_code, button_type="default",
        css_classes=["nnlab-lang"], width=120, align="center")
    switch.link(lang, value="code")
    # The title takes the width the buttons leave and wraps (its type also shrinks with the
    # window, see theme.CSS); if even that is too narrow the buttons move, together, below it,
    # so save/load and DE/EN never leave the screen (a projector may be only 1024 px wide).
    title = pn.pane.HTML("", align="center", sizing_mode="stretch_width", min_width=330,
                         stylesheets=theme.STYLESHEETS)
    views = [division, *(lazy_view(LAZY_VIEWS[key], lang) for key in TAB_KEYS[1:])]
    tabs = pn.Tabs(*((key, view) for key, view in zip(TAB_KEYS, views, strict=True)),
                   dynamic=True, sizing_mode="stretch_width", css_classes=["nnlab-tabs"])

    def relabel() -> None:
        title.object = f'<h1 class="nnlab-title">{lang.t("app.title")}</h1>'
        _retitle(tabs, [lang.t(key) for key in TAB_KEYS])

    lang.bind(relabel)
    # A Row, not a FlexBox: FlexBox needs nh3, which Pyodide 0.27 does not have.
    header = pn.Row(title, pn.Row(files, switch), sizing_mode="stretch_width",
                    styles={"border-bottom": "2px solid #ddd", "flex-wrap": "wrap"})
    return pn.Column(header, tabs, sizing_mode="stretch_width", stylesheets=theme.STYLESHEETS,
                     css_classes=["nnlab-app"])


# `panel serve web/app.py` runs this file as a module named "bokeh_app_…". (Not
# `pn.state.served`: it calls inspect.stack(), 30 ms in CPython and several times that in
# Pyodide, on the start-up path.)
if __name__.startswith("bokeh"):
    create_app().servable(title="NN Lab")
