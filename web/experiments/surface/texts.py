"""Words of the card "optimizers on a loss surface" and its computed table and notes."""

from __future__ import annotations

import html

from web.experiments.surface import claims, functions
from web.experiments.surface.model import OptLab
from web.experiments.surface.paths import Path
from web.ui import i18n
from web.ui.fmt import sig

i18n.register({
    "exp.opt.title": ("Optimizers on a loss surface", "Optimierer auf einer Loss-Fläche"),
    "exp.opt.question": (
        "How do SGD, momentum, RMSprop, Adam … walk downhill — the same start, the same step "
        "size?",
        "Wie laufen SGD, Momentum, RMSprop, Adam … bergab — gleicher Start, gleiche "
        "Schrittweite?"),
    "exp.opt.surface": ("Surface", "Fläche"),
    "exp.opt.surface.quadratic": ("Narrow valley (ill-conditioned)",
                                  "Enges Tal (schlecht konditioniert)"),
    "exp.opt.surface.rosenbrock": ("Rosenbrock (curved valley)", "Rosenbrock (gebogenes Tal)"),
    "exp.opt.surface.saddle": ("Saddle point", "Sattelpunkt"),
    "exp.opt.surface.net": ("Slice through two weights of a net",
                            "Schnitt durch zwei Gewichte eines Netzes"),
    "exp.opt.chosen": ("Optimizers", "Optimierer"),
    "exp.opt.lr_value": ("Learning rate: {lr}", "Lernrate: {lr}"),
    "exp.opt.momentum": ("Momentum (SGD variants)", "Momentum (SGD-Varianten)"),
    "exp.opt.start_a": ("Start {label}", "Start {label}"),
    "exp.opt.steps": ("Steps", "Schritte"),
    "exp.opt.step": ("+1 step", "+1 Schritt"),
    "exp.opt.play": ("▶ Play", "▶ Start"),
    "exp.opt.pause": ("■ Pause", "■ Pause"),
    "exp.opt.reset": ("↺ Back to start", "↺ Zurück zum Start"),
    "exp.opt.figure": ("Loss surface and the optimizers' paths",
                       "Loss-Fläche und die Wege der Optimierer"),
    "exp.opt.minimum": ("minimum", "Minimum"),
    "exp.opt.trained": ("trained weights", "trainierte Gewichte"),
    "exp.opt.start": ("start", "Start"),
    "exp.opt.col.name": ("Optimizer", "Optimierer"),
    "exp.opt.col.loss": ("Loss", "Loss"),
    "exp.opt.col.distance": ("Distance", "Abstand"),
    "exp.opt.diverged": ("diverged after {steps} steps (stopped)",
                         "nach {steps} Schritten divergiert (gestoppt)"),
    "exp.opt.note.quadratic": (
        "A bowl {condition}× steeper across than along its valley (turned by {angle} rad). "
        "At learning rate {lr}, plain SGD needs {sgd} steps to a loss below {target}{zigzag}; "
        "momentum needs {momentum}, Nesterov {nesterov}: the steps along the valley "
        "add up. Adam's first step moves each weight by {adam} — the learning rate, whatever "
        "the gradient.",
        "Eine Schüssel, quer {condition}× steiler als entlang ihres Tals (um {angle} rad "
        "gedreht). Bei Lernrate {lr} braucht einfaches SGD {sgd} Schritte bis zu einem Loss "
        "unter {target}{zigzag}; Momentum braucht {momentum}, Nesterov {nesterov}: die Schritte "
        "entlang des Tals addieren sich. Adams erster Schritt bewegt jedes Gewicht um {adam} — "
        "die Lernrate, egal wie groß der Gradient ist."),
    "exp.opt.zigzag": (" (it zig-zags from wall to wall)",
                       " (es springt im Zickzack von Wand zu Wand)"),
    "exp.opt.more_than": ("more than {steps}", "mehr als {steps}"),
    "exp.opt.note.rosenbrock": (
        "f = (1 − w₁)² + 100·(w₂ − w₁²)²: a curved valley with its minimum at (1, 1). The "
        "steep walls limit the learning rate: from this start SGD stays on the surface up to "
        "{stable} and diverges at {unstable}.",
        "f = (1 − w₁)² + 100·(w₂ − w₁²)²: ein gebogenes Tal mit dem Minimum bei (1, 1). Die "
        "steilen Wände begrenzen die Lernrate: von diesem Start bleibt SGD bis {stable} auf "
        "der Fläche und divergiert bei {unstable}."),
    "exp.opt.note.saddle": (
        "f = w₁² − w₂² + w₂⁴/2: at (0, 0) the gradient is 0 but it is no minimum (a saddle); "
        "the minima are at (0, ±1). Starting almost on the ridge (w₂ = {start_b}), the steps "
        "until |w₂| > {escaped}: SGD {sgd}, momentum {momentum}, RMSprop {rmsprop}, Adam "
        "{adam}. Where the gradient is tiny, plain SGD creeps.",
        "f = w₁² − w₂² + w₂⁴/2: bei (0, 0) ist der Gradient 0, aber es ist kein Minimum (ein "
        "Sattel); die Minima liegen bei (0, ±1). Fast auf dem Grat gestartet (w₂ = "
        "{start_b}), Schritte bis |w₂| > {escaped}: SGD {sgd}, Momentum {momentum}, RMSprop "
        "{rmsprop}, Adam {adam}. Wo der Gradient winzig ist, kriecht einfaches SGD."),
    "exp.opt.note.net": (
        "A 1-{hidden}-1 tanh net trained on sin(2πx) ({points} points); the loss over two of "
        "its weights ({a} and {b}) with every other weight at its trained value. The star "
        "marks the trained values.",
        "Ein 1-{hidden}-1-tanh-Netz, trainiert auf sin(2πx) ({points} Punkte); der Loss über "
        "zwei seiner Gewichte ({a} und {b}), alle anderen Gewichte auf ihren trainierten "
        "Werten. Der Stern markiert die trainierten Werte."),
    "exp.opt.bands": ("Bands of equal loss: light is low, darker is higher (each band one step "
                      "in log loss).",
                      "Bänder gleichen Losses: hell ist niedrig, dunkler höher (jedes Band eine "
                      "Stufe im logarithmierten Loss)."),
    "exp.opt.rules": (
        "Each path is pycore's own optimizer updating the two parameters as one array "
        "(opt.apply([g], [w])), the same code that trains the nets of this lab.",
        "Jeder Weg ist pycores eigener Optimierer, der die zwei Parameter als ein Array "
        "aktualisiert (opt.apply([g], [w])), derselbe Code, der die Netze dieses Labors "
        "trainiert."),
})

CELL = "padding:2px 5px;text-align:right;border-bottom:1px solid #ddd;white-space:nowrap"


def note(lab: OptLab, code: str) -> str:
    """The explanation of the surface in view, its numbers computed for the settings."""
    surface = lab.current()
    n = lambda v: sig(v, 3, code)  # noqa: E731
    if lab.surface == "net":
        fields = {"hidden": functions.NET_HIDDEN, "points": functions.NET_POINTS,
                  "a": surface.labels[0], "b": surface.labels[1]}
    else:
        start = (lab.start_a, lab.start_b)
        found = claims.facts(lab.surface, lab.learning_rate, lab.momentum, start, lab.steps)
        count = lambda k: (str(found[k]) if found[k] is not None  # noqa: E731
                           else i18n.text("exp.opt.more_than", code, steps=lab.steps))
        if lab.surface == "quadratic":
            path = Path.start("sgd", surface, start, lab.learning_rate, lab.momentum)
            for _ in range(claims.ZIGZAG_STEPS):
                path.step(surface)
            fields = {"condition": n(functions.CONDITION), "angle": n(functions.ROTATION),
                      "lr": n(lab.learning_rate), "target": n(claims.LOSS_TARGET),
                      "zigzag": i18n.text("exp.opt.zigzag", code) if claims.zigzags(path)
                      else "", "sgd": count("sgd"), "momentum": count("momentum"),
                      "nesterov": count("nesterov"),
                      "adam": " / ".join(n(v) for v in found["adam_first"])}
        elif lab.surface == "saddle":
            fields = {"start_b": n(lab.start_b), "escaped": n(claims.ESCAPED),
                      **{k: count(k) for k in ("sgd", "momentum", "rmsprop", "adam")}}
        else:
            fields = {k: n(found[k]) if found[k] is not None else "—"
                      for k in ("stable", "unstable")}
    return " ".join(i18n.text(key, code, **fields) for key in (
        f"exp.opt.note.{lab.surface}", "exp.opt.bands", "exp.opt.rules"))


def table_html(lab: OptLab, colors: dict[str, str], code: str) -> str:
    """One row per optimizer: loss now and distance to the (nearest) minimum (and after how
    many steps it diverged, if it did)."""
    t = lambda key: html.escape(i18n.text(key, code))  # noqa: E731
    head = "".join(f'<th style="{CELL};color:#444">{t("exp.opt.col." + c)}</th>'
                   for c in ("name", "loss", "distance"))
    minima = lab.current().minima
    rows = []
    for path in lab.paths:
        status = (" — " + html.escape(i18n.text("exp.opt.diverged", code, steps=path.steps))
                  if path.diverged else "")
        cells = (f'<span style="color:{colors[path.name]};font-weight:700">■</span> '
                 f"{path.name}{status}", sig(path.losses[-1], 4, code),
                 sig(path.distance(minima), 3, code))
        rows.append(f'<tr class="nnlab-opt-row-{path.name}">'
                    + "".join(f'<td style="{CELL}">{c}</td>' for c in cells) + "</tr>")
    return ('<table style="border-collapse:collapse;font-size:0.85em;'
            f'font-variant-numeric:tabular-nums"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
