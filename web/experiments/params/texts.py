"""Words of the parameter counter, its messages and its computed table and notes."""

from __future__ import annotations

import html

from web.experiments.params.model import ParamsLab
from web.ui import i18n

i18n.register({
    "exp.params.title": ("Parameter counter", "Parameterzähler"),
    "exp.params.question": ("How many weights and biases does a net have — layer by layer?",
                            "Wie viele Gewichte und Biases hat ein Netz — Schicht für Schicht?"),
    "exp.params.architecture": ("Neurons per layer", "Neuronen je Schicht"),
    "exp.params.use_bias": ("Layers with biases", "Schichten mit Bias"),
    "exp.params.preset.script": ("Script example 2-3-2", "Skript-Beispiel 2-3-2"),
    "exp.params.preset.division": ("Division net 2-2-1", "Divisionsnetz 2-2-1"),
    "exp.params.preset.watch": ("Watch a net learn 1-300-1", "Netz beim Lernen 1-300-1"),
    "exp.params.preset.digits": ("Digits 784-128-10", "Ziffern 784-128-10"),
    "exp.params.preset.deep": ("Deep 1-64-64-64-1", "Tief 1-64-64-64-1"),
    "exp.params.figure": ("Parameters per layer", "Parameter pro Schicht"),
    "exp.params.weights": ("weights (inputs × units)", "Gewichte (Eingaben × Neuronen)"),
    "exp.params.biases": ("biases (units)", "Biases (Neuronen)"),
    "exp.params.layer": ("Layer {number}: {inputs} → {units}",
                         "Schicht {number}: {inputs} → {units}"),
    "exp.params.col.layer": ("Layer", "Schicht"),
    "exp.params.col.formula": ("inputs × units + biases", "Eingaben × Neuronen + Biases"),
    "exp.params.col.total": ("Parameters", "Parameter"),
    "exp.params.total": ("Total", "Summe"),
    "exp.params.check": ("pycore's model.count_params() for the same net: {count} — {verdict}",
                         "pycores model.count_params() für dasselbe Netz: {count} — {verdict}"),
    "exp.params.agrees": ("the same.", "dasselbe."),
    "exp.params.differs": ("DIFFERENT.", "ANDERS."),
    "exp.params.input_note": (
        "The input layer has no parameters: it only passes the data on.",
        "Die Eingabeschicht hat keine Parameter: sie reicht nur die Daten weiter."),
    "exp.params.script_note": (
        "The course script counts {first_wrong} for the hidden layer and {second_wrong} for the "
        "output layer — swapped: the hidden layer has {n0} × {n1} + {n1} = {first}, the output "
        "layer {n1} × {n2} + {n2} = {second}. The total, {total}, is right either way.",
        "Das Kursskript zählt {first_wrong} für die versteckte Schicht und {second_wrong} für "
        "die Ausgabeschicht — vertauscht: die versteckte Schicht hat {n0} × {n1} + {n1} = "
        "{first}, die Ausgabeschicht {n1} × {n2} + {n2} = {second}. Die Summe, {total}, stimmt "
        "so oder so."),
    "exp.params.msg.empty": ("Please type the widths, e.g. 2, 3, 2: {kept} stays.",
                             "Bitte die Breiten eingeben, z. B. 2, 3, 2: {kept} bleibt."),
    "exp.params.msg.not_integer": ("“{typed}” is not a whole number of neurons: {kept} stays.",
                                   "„{typed}“ ist keine ganze Zahl von Neuronen: {kept} bleibt."),
    "exp.params.msg.too_few": (
        "A net needs at least an input and an output width: {kept} stays.",
        "Ein Netz braucht mindestens eine Eingabe- und eine Ausgabebreite: {kept} bleibt."),
    "exp.params.msg.too_many_layers": ("At most {max} layers: {kept} stays.",
                                       "Höchstens {max} Schichten: {kept} bleibt."),
    "exp.params.msg.width": ("A width of {width} is outside 1 … {max}: {kept} stays.",
                             "Eine Breite von {width} liegt außerhalb von 1 … {max}: {kept} "
                             "bleibt."),
    "exp.params.msg.too_large": (
        "{count} parameters are more than the {max} the lab builds: {kept} stays.",
        "{count} Parameter sind mehr als die {max}, die das Labor baut: {kept} bleibt."),
})

CELL = "padding:3px 10px;text-align:right;border-bottom:1px solid #ddd"
SCRIPT_WIDTHS = [2, 3, 2]  # the course script's example (004 §26.3)


def message_html(problem: tuple[str, dict] | None, code: str) -> str:
    if problem is None:
        return ""
    key, fields = problem
    return (f'<span class="nnlab-field-message" style="color:#8a1c12">'
            f"{html.escape(i18n.text(key, code, **fields))}</span>")


def table_html(lab: ParamsLab, code: str) -> str:
    """Per layer: the formula with its numbers and the result; the total and pycore's count."""
    t = lambda key: html.escape(i18n.text(key, code))  # noqa: E731
    head = "".join(f'<th style="{CELL};color:#444">{t("exp.params.col." + c)}</th>'
                   for c in ("layer", "formula", "total"))
    rows = []
    for layer in lab.layers():
        formula = f"{layer.inputs} × {layer.units}" + (f" + {layer.biases}" if layer.bias else "")
        rows.append(f"<tr><td style='{CELL}'>{layer.number}</td><td style='{CELL}'>{formula}"
                    f"</td><td style='{CELL}'>{layer.total}</td></tr>")
    rows.append(f"<tr style='font-weight:700'><td style='{CELL}'>{t('exp.params.total')}</td>"
                f"<td style='{CELL}'></td><td class='nnlab-params-total' style='{CELL}'>"
                f"{lab.total}</td></tr>")
    count = lab.pycore_count()
    verdict = i18n.text("exp.params.agrees" if count == lab.total else "exp.params.differs",
                        code)
    check = i18n.text("exp.params.check", code, count=count, verdict=verdict)
    return ('<table style="border-collapse:collapse;font-size:1em;'
            f'font-variant-numeric:tabular-nums"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>'
            f'<p class="nnlab-params-check">{html.escape(check)}</p>')


def notes(lab: ParamsLab, code: str) -> str:
    """The input-layer note, and for the script's 2-3-2 example the correction of its count."""
    text = i18n.text("exp.params.input_note", code)
    if lab.widths == SCRIPT_WIDTHS and lab.use_bias:
        hidden, output = lab.layers()
        text += " " + i18n.text("exp.params.script_note", code, first_wrong=output.total,
                                second_wrong=hidden.total, n0=hidden.inputs, n1=hidden.units,
                                n2=output.units, first=hidden.total, second=output.total,
                                total=lab.total)
    return html.escape(text)


def layer_label(number: int, inputs: int, units: int, code: str) -> str:
    return i18n.text("exp.params.layer", code, number=number, inputs=inputs, units=units)

