"""The record of a hand-made training step as a table: the rule, then one row per weight.

For plain SGD every row reads "w − lr · g = new w" with the numbers of this step, so a student
can check the arithmetic; with momentum the row shows the velocity m that moved the weight, and
for Adam its moments m and v (Keras' form of the rule, which pycore follows exactly). Any other
optimizer shows the change Δ and its state under the names pycore gives its slots.
"""

from __future__ import annotations

import html

from web.graph.update import UpdateReport, WeightUpdate
from web.ui import i18n
from web.ui.fmt import sig

i18n.register({
    "graph.update.rule": ("Rule ({name}):", "Regel ({name}):"),
    "graph.update.weight": ("weight", "Gewicht"),
    "graph.update.before": ("before", "vorher"),
    "graph.update.grad": ("gradient g", "Gradient g"),
    "graph.update.step": ("this step", "dieser Schritt"),
    "graph.update.after": ("after", "nachher"),
    "graph.update.state": ("optimizer state", "Zustand des Optimierers"),
    "graph.update.loss": ("Loss on the example: {before} before, {after} after the update (step "
                          "{t} of the optimizer). The graph shows the next forward pass.",
                          "Loss für das Beispiel: {before} vorher, {after} nach dem Update "
                          "(Schritt {t} des Optimierers). Der Graph zeigt den nächsten "
                          "Vorwärtsdurchlauf."),
    "graph.update.not_applied": (
        "The update was not applied: it would have made a weight or the loss infinite or NaN. "
        "Try a smaller learning rate.",
        "Das Update wurde nicht ausgeführt: Es hätte ein Gewicht oder den Loss unendlich oder "
        "NaN gemacht. Versuche eine kleinere Lernrate."),
    "graph.update.other": ("w ← w − Δ, Δ from the past gradients as {name} computes it",
                           "w ← w − Δ, Δ aus den bisherigen Gradienten, wie {name} es rechnet"),
})

DIGITS = 8  # as the weight fields write them, so both show the same number
SLOT_SYMBOLS = {"momentum": "m", "velocity": "v"}


def _n(value: float, code: str) -> str:
    return sig(value, DIGITS, code)


def _factor(value: float, code: str) -> str:
    """A number as a factor or a term after an operator: negatives in parentheses."""
    text = _n(value, code)
    return f"({text})" if text.startswith("-") else text


def _plain_sgd(report: UpdateReport) -> bool:
    return report.optimizer == "sgd" and report.setting("momentum") == 0


def rule(report: UpdateReport, code: str) -> str:
    """The update rule with this step's settings filled in."""
    lr = _n(report.setting("learning_rate"), code)
    if _plain_sgd(report):
        return f"w ← w − lr·g, lr = {lr}"
    if report.optimizer == "sgd":
        move = "w + μ·m − lr·g" if report.config.get("nesterov") else "w + m"
        return f"m ← μ·m − lr·g, w ← {move}; lr = {lr}, μ = {_n(report.setting('momentum'), code)}"
    if report.optimizer == "adam":
        b1, b2, eps = (_n(report.setting(k), code) for k in ("beta_1", "beta_2", "epsilon"))
        return ("m ← β₁·m + (1−β₁)·g, v ← β₂·v + (1−β₂)·g², "
                "w ← w − α·m / (√v + ε), α = lr·√(1−β₂ᵗ) / (1−β₁ᵗ); "
                f"lr = {lr}, β₁ = {b1}, β₂ = {b2}, ε = {eps}, t = {report.iteration}")
    return i18n.text("graph.update.other", code, name=report.optimizer) + f"; lr = {lr}"


def computation(report: UpdateReport, row: WeightUpdate, code: str) -> str:
    """This weight's arithmetic: "3 − 0.1 · 2 = 2.8" for SGD, the change otherwise."""
    before, after = _n(row.before, code), _n(row.after, code)
    if _plain_sgd(report):
        lr, grad = _n(report.setting("learning_rate"), code), _factor(row.grad, code)
        return f"{before} − {lr} · {grad} = {after}"
    if report.optimizer == "sgd" and not report.config.get("nesterov"):
        return f"{before} + {_factor(row.state['momentum'], code)} = {after}"
    return f"{before} − {_factor(row.before - row.after, code)} = {after}"


def state_text(row: WeightUpdate, code: str) -> str:
    return ", ".join(f"{SLOT_SYMBOLS.get(name, name)} = {_n(value, code)}"
                     for name, value in row.state.items())


def report_html(report: UpdateReport | None, code: str) -> str:
    """The whole record ("" before the first update)."""
    if report is None:
        return ""

    def t(key: str, **fields: object) -> str:
        return html.escape(i18n.text(key, code, **fields))

    heads = ["weight", "before", "grad", "step", "after"]
    if any(row.state for row in report.rows):
        heads.append("state")
    head = "".join(f"<th>{t('graph.update.' + h)}</th>" for h in heads)
    body = []
    for row in report.rows:
        cells = [row.label, _n(row.before, code), _n(row.grad, code),
                 computation(report, row, code), _n(row.after, code), state_text(row, code)]
        body.append("<tr>" + "".join(f'<td class="nnlab-update-{h}">{html.escape(c)}</td>'
                                     for h, c in zip(heads, cells, strict=False)) + "</tr>")
    note = (t("graph.update.loss", before=_n(report.loss_before, code),
              after=_n(report.loss_after, code), t=report.iteration)
            if report.applied else t("graph.update.not_applied"))
    return (f'<p><b>{t("graph.update.rule", name=report.optimizer)}</b> '
            f"{html.escape(rule(report, code))}</p>"
            f'<table class="nnlab-update-table"><tr>{head}</tr>{"".join(body)}</table>'
            f"<p>{note}</p>")
