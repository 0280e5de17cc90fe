"""The computation-graph tab's words (German and English) and the texts that follow its state."""

from __future__ import annotations

import html

from web.graph.stepper import Backprop
from web.ui import i18n

i18n.register({
    "graph.title": ("Computation graph", "Rechengraph"),
    "graph.intro": (
        "Every number of the network for one example is a box: inputs x, weights w, biases b, "
        "products w·a, sums z, activations a, the target y and the loss L. The forward pass has "
        "filled in each value v. Backprop walks the edges from L back to the weights: each edge "
        "knows its local gradient (the number on the edge), and the gradient g of a box is "
        "g(next box) × local gradient, summed over the boxes it feeds (chain rule). Then the "
        "optimizer moves every weight against its gradient: w ← w − lr·g.",
        "Jede Zahl des Netzes für ein Beispiel ist ein Kasten: Eingaben x, Gewichte w, Biases b, "
        "Produkte w·a, Summen z, Aktivierungen a, der Zielwert y und der Loss L. Der "
        "Vorwärtsdurchlauf hat jeden Wert v ausgerechnet. Backpropagation läuft die Kanten von "
        "L zurück zu den Gewichten: Jede Kante kennt ihren lokalen Gradienten (die Zahl auf der "
        "Kante), und der Gradient g eines Kastens ist g(nächster Kasten) × lokaler Gradient, "
        "summiert über alle Kästen, in die er eingeht (Kettenregel). Dann schiebt der Optimierer "
        "jedes Gewicht gegen seinen Gradienten: w ← w − lr·g."),
    "graph.net": ("Network", "Netz"),
    "graph.net.slides": ("First model (slides): w·x + b", "Erstes Modell (Folien): w·x + b"),
    "graph.net.neuron": ("One neuron, sigmoid", "Ein Neuron, Sigmoid"),
    "graph.net.division": ("Division net (hand-set weights)", "Divisionsnetz (Gewichte von Hand)"),
    "graph.net.sigmoid": ("2-2-1, sigmoid hidden layer", "2-2-1, versteckte Schicht Sigmoid"),
    "graph.net.tanh": ("2-2-1, tanh hidden layer", "2-2-1, versteckte Schicht tanh"),
    "graph.net.relu": ("2-2-1, ReLU hidden layer", "2-2-1, versteckte Schicht ReLU"),
    "graph.seed": ("Random seed", "Zufalls-Seed"),
    "graph.color": ("Colour boxes by", "Kästen färben nach"),
    "graph.color.value": ("value v", "Wert v"),
    "graph.color.grad": ("gradient g", "Gradient g"),
    "graph.edge_labels": ("Numbers on the edges", "Zahlen an den Kanten"),
    "graph.reset": ("« Start", "« Anfang"),
    "graph.back": ("◀ Back", "◀ Zurück"),
    "graph.step": ("Step ▶", "Schritt ▶"),
    "graph.end": ("To the end »", "Bis zum Ende »"),
    "graph.progress": ("Step {k} / {n}", "Schritt {k} / {n}"),
    "graph.start": ("Forward pass done: every box shows its value v.",
                    "Vorwärtsdurchlauf fertig: Jeder Kasten zeigt seinen Wert v."),
    "graph.start.next": ("“Step ▶” sends the gradient g back one edge at a time (g=? means: "
                         "not reached yet).",
                         "„Schritt ▶“ schickt den Gradienten g Kante für Kante zurück (g=? "
                         "heißt: noch nicht erreicht)."),
    "graph.edge": ("Current edge (green):", "Aktuelle Kante (grün):"),
    "graph.chain": ("Chain rule, product along every path to L:",
                    "Kettenregel, Produkt entlang jedes Weges zu L:"),
    "graph.done": ("Backprop finished: every g is the gradient of L. Now “Apply update”.",
                   "Backprop fertig: Jedes g ist der Gradient von L. Jetzt „Update anwenden“."),
    "graph.bad_example": ("This example gives no finite loss for this net.",
                          "Dieses Beispiel ergibt für dieses Netz keinen endlichen Loss."),
    "graph.hand.title": ("### One training step by hand", "### Ein Trainingsschritt von Hand"),
    "graph.hand.example": ("Example and weights (type to change them)",
                           "Beispiel und Gewichte (zum Ändern eintippen)"),
    "graph.x1": ("Input x1", "Eingabe x1"),
    "graph.x2": ("Input x2", "Eingabe x2"),
    "graph.target": ("Target y1", "Zielwert y1"),
    "graph.apply": ("Apply update", "Update anwenden"),
    "graph.apply.wait": ("First run backprop to the end: the update needs every gradient.",
                         "Erst Backprop bis zum Ende: Das Update braucht jeden Gradienten."),
})


# Two lines of fixed height: a longer formula is cut (its full text is the line's tooltip)
# rather than wrapped, so the picture below never moves while stepping.
FORMULA_CSS = """
.nnlab-graph-line { height: 1.35em; line-height: 1.35em; white-space: nowrap; overflow: hidden;
                    text-overflow: ellipsis; }
"""


def progress(k: int, n: int, code: str) -> str:
    return i18n.text("graph.progress", code, k=k, n=n)


def formula_html(backprop: Backprop, k: int, finite: bool, code: str) -> str:
    """The two lines under the stepper: the current edge's chain-rule update and the product
    along the paths once a weight's gradient is complete (or the start notes). Always two
    lines (empty ones too), so the picture below never moves while stepping; that backprop is
    done is said beside the update's button (:mod:`web.graph.hand_step`), where it leads."""
    lines: list[tuple[str, str]]  # (bold lead, text)
    if not finite:
        lines = [("", i18n.text("graph.bad_example", code))]
    elif k == 0:
        lines = [("", i18n.text("graph.start", code)), ("", i18n.text("graph.start.next", code))]
    else:
        chain = backprop.chain_formula(k, code)
        lines = [(i18n.text("graph.edge", code), backprop.step_formula(k, code)),
                 (i18n.text("graph.chain", code) if chain else "", chain)]
    lines += [("", "")] * (2 - len(lines))
    return "".join(
        f'<div class="nnlab-graph-line" title="{html.escape(f"{lead} {text}".strip())}">'
        + (f"<b>{html.escape(lead)}</b> " if lead else "") + (html.escape(text) or "&nbsp;")
        + "</div>" for lead, text in lines)
