"""NN Lab entry point: header (title, DE/EN switch, model save/load) and the tabs of the lab.

Runs unchanged under ``panel serve web/app.py`` and inside Pyodide (the static site). Only cheap
work happens at import; each tab is rendered when it is first opened (``Tabs(dynamic=True)``).
No ``pn.template`` is used: templates pull CSS/JS from CDNs, and the offline site must make no
external requests.
"""

from __future__ import annotations

import panel as pn

from web import i18n, theme
from web.activation_view import ActivationView
from web.bokeh_sync import bokeh_edit
from web.division_view import DivisionView
from web.graph_view import GraphView
from web.model_files import ModelFiles
from web.network_view import NetworkView

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
LANGUAGE_LABELS = {"DE": "de", "EN": "en"}


@bokeh_edit
def _retitle(tabs: pn.Tabs, titles: list[str]) -> None:
    """Rename the tabs in place (Panel keeps a rendered tab's title; re-rendering would reset
    the tabs' state), both in Panel's list of names and in every rendered Bokeh model."""
    tabs._names = titles
    for model, _comm in tabs._models.values():
        for panel_model, title in zip(model.tabs, titles, strict=False):
            panel_model.title = title


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
    title = pn.pane.HTML("", align="center")
    views = [division, GraphView(lang), NetworkView(lang), ActivationView(lang)]
    tabs = pn.Tabs(*((key, view) for key, view in zip(TAB_KEYS, views, strict=True)),
                   dynamic=True, sizing_mode="stretch_width", css_classes=["nnlab-tabs"])

    def relabel() -> None:
        title.object = f'<h1 class="nnlab-title">{lang.t("app.title")}</h1>'
        _retitle(tabs, [lang.t(key) for key in TAB_KEYS])

    lang.bind(relabel)
    # A Row, not a FlexBox: FlexBox needs nh3, which Pyodide 0.27 does not have.
    header = pn.Row(title, pn.HSpacer(), files, switch, sizing_mode="stretch_width",
                    styles={"border-bottom": "2px solid #ddd"})
    return pn.Column(header, tabs, sizing_mode="stretch_width", stylesheets=theme.STYLESHEETS,
                     css_classes=["nnlab-app"])


if pn.state.served or __name__.startswith("bokeh"):
    create_app().servable(title="NN Lab")
