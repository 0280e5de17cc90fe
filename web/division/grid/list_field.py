"""A text field for one list of grid values; the list param it edits is its only state.

Typed text is parsed by :func:`web.division.grid.choice.parse_values`; a list the axis accepts
is stored, anything else leaves the param as it was, shows a message beside the field that
says what was wrong and which list stays, and the field shows that list again.
"""

from __future__ import annotations

import html

import panel as pn
import param

from web.division.grid.choice import GridChoice, parse_values
from web.ui import fmt, i18n, theme
from web.ui.display import Display

SEPARATOR = "; "  # not ", ": German numbers have decimal commas


def shown(values: list, code: str) -> str:
    """A list as the field writes it: "1; 4; 16" or "0,001; Standard"."""
    return SEPARATOR.join(i18n.text("grid.default", code) if v is None else fmt.sig(v, 6, code)
                          for v in values)


class ListField(pn.viewable.Viewer):
    """Edits ``choice.<axis>``, a list param, through a checked text input."""

    problem = param.Parameter(default=None, doc="(i18n key, fields) of the rejected input.")

    def __init__(self, choice: GridChoice, axis: str, display: Display, css_class: str,
                 width: int = 330) -> None:
        super().__init__()
        self.choice, self.axis, self.display = choice, axis, display
        self.input = pn.widgets.TextInput(label=display.text(f"grid.{axis}"), width=width,
                                          css_classes=[css_class],
                                          stylesheets=theme.INPUT_STYLESHEETS)
        self.message = pn.pane.HTML(pn.bind(self._message, self.param.problem,
                                            display.param.code),
                                    width=width, margin=(0, 10), stylesheets=theme.STYLESHEETS)
        self.refresh()
        self.input.param.watch(self._typed, "value")
        choice.param.watch(self.refresh, axis)
        display.param.watch(lambda _e: self.show(), "code")

    def show(self) -> None:
        self.input.value = shown(getattr(self.choice, self.axis), self.display.code)

    def refresh(self, *_events: object) -> None:
        self.problem = None
        self.show()

    def _typed(self, event: param.parameterized.Event) -> None:
        if event.new == shown(getattr(self.choice, self.axis), self.display.code):
            return
        values, problem = parse_values(event.new, self.axis)
        if problem is not None:
            self.show()
            self.problem = problem
            return
        setattr(self.choice, self.axis, values)
        self.refresh()

    def _message(self, problem, code: str) -> str:
        if problem is None:
            return ""
        key, fields = problem
        kept = shown(getattr(self.choice, self.axis), code)
        text = i18n.text(key, code, kept=kept, **fields)
        return f'<span class="nnlab-field-message">{html.escape(text)}</span>'

    def __panel__(self) -> pn.Column:
        return pn.Column(self.input, self.message, margin=0)
