"""The grid-search section: the grid, Start/Cancel with progress and ETA, the sortable results.

The table is a Bokeh DataTable (sortable by clicking a column title, no extra assets for the
offline site). Each number column keeps the number (so sorting is numeric) and shows a text
column written in the reader's language (decimal comma in German) through a template.
"""

from __future__ import annotations

import html
import math

import numpy as np
import panel as pn
from bokeh.models import ColumnDataSource, DataTable, HTMLTemplateFormatter, TableColumn

from web.division.grid import texts  # noqa: F401  (registers the section's words)
from web.division.grid.choice import CUSTOM, PRESETS, GridChoice
from web.division.grid.list_field import ListField
from web.division.grid.search import GridSearch, baselines
from web.ui import fmt, i18n, theme
from web.ui.bokeh_sync import bokeh_edit
from web.ui.display import Display
from web.ui.widgets import from_param

ORIGIN = "division.origin.grid_best"
# (column, title key, width in px, significant digits shown)
NUMBER_COLUMNS = (("batch", "grid.col.batch", 70, 4), ("lr", "grid.col.lr", 110, 4),
                  ("epochs", "grid.col.epochs", 80, 4), ("mae", "grid.col.mae", 110, 4),
                  ("mae_q", "grid.col.mae_q", 150, 4), ("time", "grid.col.time", 90, 2))


def duration(seconds: float | None, code: str) -> str:
    """"42 s", "12 min", "3,2 h"."""
    if seconds is None or not math.isfinite(seconds):
        return fmt.DASH
    if seconds < 90:
        return i18n.text("grid.seconds", code, value=fmt.sig(seconds, 2, code))
    if seconds < 5400:
        return i18n.text("grid.minutes", code, value=fmt.sig(seconds / 60, 2, code))
    return i18n.text("grid.hours", code, value=fmt.sig(seconds / 3600, 2, code))


def table_rows(search: GridSearch, code: str) -> dict[str, object]:
    """Columns of the results table: the two baselines first, then every result. A number
    column holds the numbers (missing ones as +inf, so they sort last) and ``<name>_text``
    the same numbers as the reader writes them ("—" where there is none)."""
    nan = math.nan
    rows = [(i18n.text(f"grid.baseline.{key}", code), (nan, nan, nan, mae, 100 * mae, nan))
            for key, mae in baselines(search.data).items()]
    rows += [(i18n.text("grid.diverged", code, optimizer=r.optimizer) if r.diverged
              else r.optimizer,
              (r.batch_size, r.learning_rate, r.epochs, r.val_mae, r.val_mae_quotient,
               r.seconds)) for r in search.results]
    columns: dict[str, object] = {"run": [name for name, _values in rows]}
    for k, (name, _key, _width, digits) in enumerate(NUMBER_COLUMNS):
        values = np.array([float(v[k]) for _name, v in rows])
        columns[f"{name}_text"] = [fmt.sig(v, digits, code) for v in values]
        columns[name] = np.where(np.isfinite(values), values, np.inf)
    return columns


class GridView(pn.viewable.Viewer):
    """Grid choice, run controls, progress and the results table."""

    def __init__(self, details, display: Display) -> None:
        super().__init__()
        self.live, self.vm, self.display = details.vm.live, details.vm, display
        self.choice = GridChoice()
        self.search = GridSearch(details.data)
        self.source = ColumnDataSource(table_rows(self.search, display.code))
        self.table = self._table()
        self.used: str = ""
        self.search.param.watch(self._refill, "finished")
        display.param.watch(self._refill, "code")

    def _table(self) -> DataTable:
        columns = [TableColumn(field="run", width=280)]
        columns += [TableColumn(field=name, width=width, formatter=HTMLTemplateFormatter(
            template=f"<%= {name}_text %>")) for name, _key, width, _d in NUMBER_COLUMNS]
        for column, key in zip(columns, ["grid.col.run", *(c[1] for c in NUMBER_COLUMNS)],
                               strict=True):
            self.display.follow(column, "title", self.display.text(key))
        return DataTable(source=self.source, columns=columns, height=340, width=900,
                         autosize_mode="none",
                         index_position=None, sortable=True, css_classes=["nnlab-grid-table"])

    @bokeh_edit
    def _refill(self, *_events: object) -> None:
        self.source.data = table_rows(self.search, self.display.code)

    async def _start(self, _event: object) -> None:
        if self.choice.problem() is None:
            self.used = ""
            await self.search.run(self.choice.grid())

    def use_best(self) -> None:
        """Load the best combination's weights as the active model (a new run)."""
        best = self.search.best()
        if best is None:
            return
        self.live.load_weights(list(best.weights), origin=ORIGIN)
        self.vm.mark_custom()
        self.used = i18n.text("grid.used", self.display.code, optimizer=best.optimizer,
                              batch=best.batch_size, epochs=best.epochs,
                              mae=fmt.sig(best.val_mae, 4, self.display.code))
        self.search.finished += 1  # the status line shows it

    def _progress(self, _done: int, _finished: int, code: str) -> str:
        s = self.search
        percent = fmt.sig(100 * s.done_steps / s.total_steps if s.total_steps else 0, 3, code)
        if s.running:
            key = "grid.progress" if s.eta is not None else "grid.progress_start"
            text = i18n.text(key, code, percent=percent, elapsed=duration(s.seconds, code),
                             eta=duration(s.eta, code))
        elif s.total_steps == 0:
            return ""
        else:
            key = "grid.cancelled" if s.cancelled else "grid.finished"
            text = i18n.text(key, code, results=len(s.results), elapsed=duration(s.seconds, code))
            if self.used:
                text += " " + self.used
        return f'<span class="nnlab-grid-eta">{html.escape(text)}</span>'

    def _size(self, *_args: object) -> str:
        grid, code = self.choice.grid(), self.display.code
        problem = self.choice.problem()
        if problem is not None:
            return f'<span class="nnlab-field-message">{i18n.text(problem, code)}</span>'
        rows = len(self.search.data.x_train)
        return i18n.text("grid.size", code, combinations=grid.size, rows=rows,
                         steps=grid.steps(rows))

    def __panel__(self) -> pn.Column:
        t, c, s, code = self.display.text, self.choice.param, self.search.param, \
            self.display.param.code
        preset = from_param(pn.widgets.Select, c.preset, t("grid.preset"), width=380,
                            options=self.display.options({f"grid.preset.{k}": k
                                                          for k in (*PRESETS, CUSTOM)}),
                            css_classes=["nnlab-grid-preset"], stylesheets=theme.INPUT_STYLESHEETS)
        optimizers = from_param(pn.widgets.CheckBoxGroup, c.optimizers, t("grid.optimizers"),
                                inline=True, css_classes=["nnlab-grid-optimizers"])
        fields = pn.Row(*(ListField(self.choice, axis, self.display, f"nnlab-grid-{css}")
                          for axis, css in (("batch_sizes", "batch"), ("learning_rates", "lr"),
                                            ("epochs", "epochs"))))
        start = pn.widgets.Button(
            label=t("grid.start"), button_type="primary", width=240,
            css_classes=["nnlab-grid-start"],
            disabled=pn.bind(lambda running, chosen: running or not chosen, s.running,
                             c.optimizers))
        start.on_click(self._start)
        cancel = pn.widgets.Button(label=t("grid.cancel"), width=150,
                                   css_classes=["nnlab-grid-cancel"],
                                   disabled=pn.bind(lambda running: not running, s.running))
        cancel.on_click(lambda _event: self.search.cancel())
        best = pn.widgets.Button(label=t("grid.use_best"), width=200,
                                 css_classes=["nnlab-grid-use-best"],
                                 disabled=pn.bind(lambda _f: self.search.best() is None,
                                                  s.finished))
        best.on_click(lambda _event: self.use_best())
        progress = pn.indicators.Progress(
            value=pn.bind(lambda done, total: round(100 * done / total) if total else 0,
                          s.done_steps, s.total_steps),
            max=100, width=420, css_classes=["nnlab-grid-progress"], align="center")
        return pn.Column(
            pn.pane.Markdown(t("grid.help"), sizing_mode="stretch_width"),
            pn.Row(preset), optimizers, fields,
            pn.pane.HTML(pn.bind(self._size, c.optimizers, c.batch_sizes, c.learning_rates,
                                 c.epochs, code)),
            pn.Row(start, cancel, best), pn.Row(progress),
            pn.pane.HTML(pn.bind(self._progress, s.done_steps, s.finished, code),
                         stylesheets=theme.STYLESHEETS, sizing_mode="stretch_width"),
            pn.pane.Markdown(t("grid.table_help")), pn.pane.Bokeh(self.table),
            sizing_mode="stretch_width")
