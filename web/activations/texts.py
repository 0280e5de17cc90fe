"""The activation tab's words (German and English) and the texts that depend on its state."""

from __future__ import annotations

from web.ui import i18n

i18n.register({
    "act.title": ("Activation functions", "Aktivierungsfunktionen"),
    "act.intro": (
        "An activation f turns a neuron's sum z into its output f(z). Without it, stacked "
        "layers would still be one linear function. Solid: f(x); dashed: its slope f'(x), which "
        "backprop multiplies into every gradient that passes the neuron.",
        "Eine Aktivierung f macht aus der Summe z eines Neurons seine Ausgabe f(z). Ohne sie "
        "wären gestapelte Schichten immer noch eine lineare Funktion. Durchgezogen: f(x); "
        "gestrichelt: die Steigung f'(x), mit der Backprop jeden Gradienten multipliziert, der "
        "durch das Neuron läuft."),
    "act.choose": ("Activations", "Aktivierungen"),
    "act.range": ("x range", "x-Bereich"),
    "act.derivatives": ("Show derivatives (dashed)", "Ableitungen zeigen (gestrichelt)"),
    "act.division_preset": ("Division: x from −2 to 20", "Division: x von −2 bis 20"),
    "act.sigmoid_tanh": ("Overlay (1 + tanh(x/2)) / 2 on sigmoid",
                         "(1 + tanh(x/2)) / 2 über Sigmoid legen"),
    "act.sigmoid_tanh_note": (
        "The dotted curve (1 + tanh(x/2)) / 2 lies exactly on sigmoid: sigmoid is a shifted and "
        "scaled tanh.",
        "Die gepunktete Kurve (1 + tanh(x/2)) / 2 liegt genau auf Sigmoid: Sigmoid ist ein "
        "verschobener und gestauchter tanh."),
    "act.dying": ("Shade the dying-ReLU region", "Dying-ReLU-Bereich schattieren"),
    "act.dying_note": (
        "Dying ReLU: for x < 0 ReLU is 0 and so is its slope. A neuron whose sum stays negative "
        "for every example gets gradient 0 and never learns again.",
        "Dying ReLU: Für x < 0 ist ReLU 0 und ihre Steigung auch. Ein Neuron, dessen Summe bei "
        "jedem Beispiel negativ bleibt, bekommt Gradient 0 und lernt nie wieder."),
    "act.division_note": (
        "Division activation: exp piece for x ≤ 0, log piece up to 15, then 1 − 1/(…). At 0 the "
        "value is continuous (0.5) but the slope jumps from 0.5 to 30000 (a kink, far above "
        "this chart); at 15 value and slope both match (the seam).",
        "Divisionsaktivierung: exp-Stück für x ≤ 0, log-Stück bis 15, dann 1 − 1/(…). Bei 0 ist "
        "der Wert stetig (0,5), aber die Steigung springt von 0,5 auf 30000 (ein Knick, weit "
        "über diesem Bild); bei 15 passen Wert und Steigung (die Naht)."),
    "act.kink": ("kink: slope 0.5 → 30000", "Knick: Steigung 0,5 → 30000"),
    "act.seam": ("seam at 15", "Naht bei 15"),
    "act.formula": ("Your own activation f(x) =", "Eigene Aktivierung f(x) ="),
    "act.formula_derivative": ("f'(x) = (empty: numerical)", "f'(x) = (leer: numerisch)"),
    "act.formula_plot": ("Plot", "Zeichnen"),
    "act.formula_error": ("Cannot use this formula: {error}",
                          "Diese Formel geht nicht: {error}"),
    "act.formula_ok": ("Plotted as “custom”.", "Als „custom“ gezeichnet."),
})



def notes(chosen: list[str], identity: bool, dying: bool, code: str) -> str:
    """The explanations that belong to what the figure shows right now."""
    keys = [key for key, shown in (("act.sigmoid_tanh_note", identity and "sigmoid" in chosen),
                                   ("act.dying_note", dying and "relu" in chosen),
                                   ("act.division_note", "division" in chosen)) if shown]
    return "\n\n".join(i18n.text(key, code) for key in keys)


def formula_message(message: tuple[str, dict[str, object]] | None, code: str) -> str:
    if message is None:
        return ""
    key, fields = message
    return i18n.text(key, code, **fields)
