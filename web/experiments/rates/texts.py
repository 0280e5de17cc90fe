"""Words of the card "learning rate and batch size" and its computed lane table."""

from __future__ import annotations

import html

from web.experiments.rates.model import ACTIVATION, POINTS, WIDTH, Lane, RatesLab
from web.ui import i18n
from web.ui.fmt import sig
from web.ui.training_controls import stopped_text

i18n.register({
    "exp.rates.title": ("Learning rate and batch size", "Lernrate und Batchgröße"),
    "exp.rates.question": (
        "How large may a step be, and how many examples should each step look at?",
        "Wie groß darf ein Schritt sein, und wie viele Beispiele soll jeder Schritt ansehen?"),
    "exp.rates.mode.lr": ("Learning rates: small · good · too large",
                          "Lernraten: klein · gut · zu groß"),
    "exp.rates.mode.batch": ("Batch sizes: 1 · 32 · all", "Batchgrößen: 1 · 32 · alle"),
    "exp.rates.lr_small": ("Learning rate A", "Lernrate A"),
    "exp.rates.lr_good": ("Learning rate B", "Lernrate B"),
    "exp.rates.lr_large": ("Learning rate C", "Lernrate C"),
    "exp.rates.batch_small": ("Batch A", "Batch A"),
    "exp.rates.batch_mid": ("Batch B", "Batch B"),
    "exp.rates.batch_full": ("Batch C", "Batch C"),
    "exp.rates.batch_lr": ("Learning rate", "Lernrate"),
    "exp.rates.epochs": ("Epochs", "Epochen"),
    "exp.rates.x_axis": ("x-axis", "x-Achse"),
    "exp.rates.axis.epoch": ("epochs", "Epochen"),
    "exp.rates.axis.update": ("updates (steps)", "Updates (Schritte)"),
    "exp.rates.axis.second": ("seconds of compute", "Sekunden Rechenzeit"),
    "exp.rates.axis_short.epoch": ("epochs", "Epochen"),
    "exp.rates.axis_short.update": ("updates", "Updates"),
    "exp.rates.axis_short.second": ("seconds", "Sekunden"),
    "exp.rates.chart": ("Loss (MSE on all points) of the three settings",
                        "Loss (MSE auf allen Punkten) der drei Einstellungen"),
    "exp.rates.lane": ("lr {lr}, batch {batch}", "lr {lr}, Batch {batch}"),
    "exp.rates.col.lane": ("Setting", "Einstellung"),
    "exp.rates.col.updates": ("Updates / epoch", "Updates / Epoche"),
    "exp.rates.col.time": ("Compute time", "Rechenzeit"),
    "exp.rates.col.loss": ("Loss now", "Loss jetzt"),
    "exp.rates.col.status": ("Status", "Status"),
    "exp.rates.running": ("epoch {epoch}", "Epoche {epoch}"),
    "exp.rates.diverged": ("Diverged and caught — {detail}", "Divergiert und abgefangen — "
                                                              "{detail}"),
    "exp.rates.setup": (
        "One net ({width} {activation} neurons, one linear output), the same seed — so the same "
        "starting weights and the same order of examples — learns y = x² from {points} points "
        "with plain gradient descent (SGD: w ← w − lr·g). One epoch is one pass over all "
        "{points} points: batch size b means ⌈{points}/b⌉ updates per epoch. The loss is "
        "measured after every epoch on all points.",
        "Ein Netz ({width} {activation}-Neuronen, ein lineares Ausgabeneuron), derselbe Seed — "
        "also dieselben Startgewichte und dieselbe Reihenfolge der Beispiele — lernt y = x² aus "
        "{points} Punkten mit einfachem Gradientenabstieg (SGD: w ← w − lr·g). Eine Epoche ist "
        "ein Durchgang durch alle {points} Punkte: Batchgröße b heißt ⌈{points}/b⌉ Updates pro "
        "Epoche. Der Loss wird nach jeder Epoche auf allen Punkten gemessen."),
})

CELL = "padding:3px 10px;text-align:right;border-bottom:1px solid #ddd;white-space:nowrap"


def setup_text(code: str) -> str:
    return i18n.text("exp.rates.setup", code, width=WIDTH, activation=ACTIVATION, points=POINTS)


def lane_label(lane: Lane, code: str) -> str:
    return i18n.text("exp.rates.lane", code, lr=sig(lane.learning_rate, 3, code),
                     batch=lane.batch_size)


def status(lane: Lane, code: str) -> str:
    if lane.stopped is not None:
        return i18n.text("exp.rates.diverged", code, detail=stopped_text(lane.stopped, code))
    return i18n.text("exp.rates.running", code, epoch=lane.trainer.epoch)


def table_html(lab: RatesLab, colors: list[str], code: str) -> str:
    """One row per lane: setting, updates per epoch, compute time, loss now, status."""
    t = lambda key: html.escape(i18n.text(key, code))  # noqa: E731
    head = "".join(f'<th style="{CELL};color:#444">{t("exp.rates.col." + c)}</th>'
                   for c in ("lane", "updates", "time", "loss", "status"))
    rows = []
    for k, (lane, color) in enumerate(zip(lab.lanes, colors, strict=False)):
        cells = [f'<span style="color:{color};font-weight:700">■</span> '
                 f"{html.escape(lane_label(lane, code))}",
                 str(lane.updates_per_epoch), f"{sig(lane.seconds[-1], 3, code)} s",
                 sig(lane.losses[-1], 3, code), html.escape(status(lane, code))]
        style = [CELL] * 4 + [CELL + ";text-align:left;white-space:normal"]
        rows.append(f'<tr class="nnlab-rates-lane-{k}">' + "".join(
            f'<td style="{s}">{c}</td>' for s, c in zip(style, cells, strict=True)) + "</tr>")
    return ('<table style="border-collapse:collapse;font-size:0.9em;'
            f'font-variant-numeric:tabular-nums"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
