"""The "your own activation" section: per layer a choice, a formula, a derivative, its check."""

from __future__ import annotations

import html

import panel as pn

from web.division.model import DivisionViewModel
from web.division.own import texts  # noqa: F401  (registers the section's words)
from web.division.own.model import CHOICES, FORMULA, Built, LayerActivation, OwnActivations
from web.ui import fmt, i18n, theme
from web.ui.display import Display
from web.ui.widgets import from_param


def check_html(built: Built, code: str) -> str:
    """What is known about a layer's derivative, or why it has no activation."""
    n = lambda value: fmt.sig(value, 3, code)  # noqa: E731
    if built.problem is not None:
        text, css = i18n.text(built.problem, code), "nnlab-field-message"
    elif built.check is None:
        key = "own.builtin" if built.builtin else "own.no_check"
        text, css = i18n.text(key, code), "nnlab-own-check"
    elif built.check.checked == 0:
        text, css = i18n.text("own.check_none", code), "nnlab-own-check nnlab-own-wrong"
    elif built.check.ok:
        c = built.check
        text = i18n.text("own.check_ok", code, checked=c.checked, skipped=c.skipped,
                         error=n(c.max_rel_error))
        css = "nnlab-own-check nnlab-own-ok"
    else:
        c = built.check
        text = i18n.text("own.check_wrong", code, x=n(c.worst_x), analytic=n(c.analytic),
                         numeric=n(c.numeric), error=n(c.max_rel_error),
                         tolerance=n(c.tolerance))
        css = "nnlab-own-check nnlab-own-wrong"
    return f'<span class="{css}">{html.escape(text)}</span>'


class OwnActivationView(pn.viewable.Viewer):
    """Both layers side by side, the accept box, Apply and its outcome."""

    def __init__(self, vm: DivisionViewModel, display: Display) -> None:
        super().__init__()
        self.display = display
        self.own = OwnActivations(vm.live, on_applied=vm.mark_custom)

    def _layer(self, layer: LayerActivation, key: str, k: int) -> pn.Column:
        t, p, code = self.display.text, layer.param, self.display.param.code
        names = {name: name for name in CHOICES if name != FORMULA}
        options = pn.bind(lambda code: {**names, i18n.text("own.kind.formula", code): FORMULA},
                          code)
        is_formula = pn.bind(lambda kind: kind == FORMULA, p.kind)
        text = {"width": 300, "stylesheets": theme.INPUT_STYLESHEETS, "visible": is_formula}
        check = pn.bind(lambda *_: check_html(layer.build(), self.display.code),
                        p.kind, p.formula, p.derivative, code)
        return pn.Column(
            pn.pane.Markdown(t(key), styles={"font-weight": "700"}),
            from_param(pn.widgets.Select, p.kind, t("own.kind"), options=options, width=300,
                       css_classes=[f"nnlab-own-kind-{k}"], stylesheets=theme.INPUT_STYLESHEETS),
            from_param(pn.widgets.TextInput, p.formula, t("own.formula"),
                       css_classes=[f"nnlab-own-formula-{k}"], **text),
            from_param(pn.widgets.TextInput, p.derivative, t("own.derivative"),
                       css_classes=[f"nnlab-own-derivative-{k}"], **text),
            pn.pane.HTML(check, width=420, stylesheets=[*theme.STYLESHEETS, OWN_CSS],
                         css_classes=[f"nnlab-own-status-{k}"]),
            width=440)

    def __panel__(self) -> pn.Column:
        t, p, code = self.display.text, self.own.param, self.display.param.code
        apply = pn.widgets.Button(label=t("own.apply"), button_type="primary", width=200,
                                  css_classes=["nnlab-own-apply"])
        apply.on_click(lambda _event: self.own.apply())
        outcome = pn.pane.HTML(
            pn.bind(lambda key, code: "" if key is None else
                    f'<span class="nnlab-own-message">{html.escape(i18n.text(key, code))}</span>',
                    p.outcome, code),
            sizing_mode="stretch_width", stylesheets=[*theme.STYLESHEETS, OWN_CSS])
        hidden, output = self.own.layers
        return pn.Column(
            pn.pane.Markdown(t("own.help"), sizing_mode="stretch_width"),
            pn.Row(self._layer(hidden, "own.layer.hidden", 0),
                   self._layer(output, "own.layer.output", 1)),
            from_param(pn.widgets.Checkbox, p.accept_unchecked, t("own.accept"),
                       css_classes=["nnlab-own-accept"]),
            pn.Row(apply), outcome, sizing_mode="stretch_width")


OWN_CSS = """
.nnlab-own-check { display: block; font-size: 0.9em; line-height: 1.3; }
.nnlab-own-ok { color: #1b7837; }
.nnlab-own-wrong { color: #8a1c12; font-weight: 600; }
.nnlab-own-message { display: block; font-size: 18px; padding: 6px 10px; }
"""
