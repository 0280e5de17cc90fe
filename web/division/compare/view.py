"""The comparison section: keep the active model, one table, one error heatmap per model."""

from __future__ import annotations

import html

import panel as pn

from web.division import metrics
from web.division.compare import texts  # noqa: F401  (registers the section's words)
from web.division.compare.model import MAX_MODELS, Kept, ModelStore
from web.division.heatmap import ErrorHeatmap
from web.division.model import DivisionViewModel
from web.division.results import TABLE_CSS
from web.ui import fmt, i18n, theme
from web.ui.display import Display
from web.ui.widgets import from_param


def kept_name(kept: Kept, code: str) -> str:
    return kept.name if kept.name is not None else i18n.text(kept.origin, code)


def table_html(kept: list[Kept], code: str) -> str:
    """One row per kept model: number, name, activations, MAE, worst relative error."""
    if not kept:
        return f"<p>{html.escape(i18n.text('compare.none', code))}</p>"
    head = "".join(f"<th>{html.escape(i18n.text(key, code))}</th>" for key in (
        "compare.col.name", "compare.col.activations", "compare.col.mae", "compare.col.worst"))
    rows = "".join(
        f"<tr><td>{k + 1}: {html.escape(kept_name(m, code))}</td>"
        f"<td>{html.escape(m.activations())}</td>"
        f'<td class="nnlab-compare-mae">{fmt.sig(m.quality.mae, 3, code)}</td>'
        f"<td>{fmt.sig(m.quality.worst_relative, 3, code)}</td></tr>"
        for k, m in enumerate(kept))
    return f'<table class="nnlab-table nnlab-compare-table"><tr>{head}</tr>{rows}</table>'


class CompareView(pn.viewable.Viewer):
    """Name field, Keep, the table, and a row of heatmaps with a remove button each."""

    def __init__(self, vm: DivisionViewModel, display: Display) -> None:
        super().__init__()
        self.display = display
        self.store = ModelStore(vm.live)
        self.maps = pn.Row(sizing_mode="stretch_width", styles={"flex-wrap": "wrap"})
        self.store.param.watch(self._rebuild, "count")

    def _rebuild(self, _event: object = None) -> None:
        cards = []
        for k, kept in enumerate(self.store.kept):
            heat = ErrorHeatmap(self.display, width=380, height=330, title=False)
            heat.update(kept.axis, kept.errors)
            remove = pn.widgets.Button(
                label=self.display.text("compare.remove", number=k + 1), width=160,
                css_classes=[f"nnlab-compare-remove-{k}"])
            remove.on_click(lambda _event, k=k: self.store.remove(k))
            title = pn.bind(lambda code, kept=kept, k=k: "**" + i18n.text(
                "compare.heatmap", code, number=f"{k + 1} ({kept_name(kept, code)})") + "**",
                self.display.param.code)
            cards.append(pn.Column(pn.pane.Markdown(title), pn.pane.Bokeh(heat.figure), remove,
                                   width=400, css_classes=["nnlab-compare-model"]))
        self.maps.objects = cards

    def __panel__(self) -> pn.Column:
        t, p, code = self.display.text, self.store.param, self.display.param.code
        name = from_param(pn.widgets.TextInput, p.label, t("compare.name"), width=300,
                          css_classes=["nnlab-compare-name"], stylesheets=theme.INPUT_STYLESHEETS)
        keep = pn.widgets.Button(label=t("compare.keep"), button_type="primary", width=260,
                                 css_classes=["nnlab-compare-keep"], align="end")
        keep.on_click(lambda _event: self.store.keep())
        problem = pn.pane.HTML(pn.bind(
            lambda key, code: "" if key is None else
            f'<span class="nnlab-field-message">{html.escape(i18n.text(key, code))}</span>',
            p.problem, code), stylesheets=theme.STYLESHEETS)
        pairs = len(metrics.test_set()[1])
        return pn.Column(
            pn.pane.Markdown(pn.bind(lambda code: i18n.text(
                "compare.help", code, max=MAX_MODELS, pairs=fmt.sig(pairs, 6, code)), code),
                sizing_mode="stretch_width"),
            pn.Row(name, keep), problem,
            pn.pane.HTML(pn.bind(lambda _count, code: table_html(self.store.kept, code),
                                 p.count, code),
                         stylesheets=[*theme.STYLESHEETS, TABLE_CSS]),
            self.maps, sizing_mode="stretch_width")
