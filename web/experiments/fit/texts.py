"""Words of the card "watch a network learn" (German and English) and its computed notes."""

from __future__ import annotations

import html

from web.experiments.fit import task
from web.experiments.fit.model import FitRun
from web.ui import i18n
from web.ui.fmt import sig

i18n.register({
    "exp.fit.title": ("Watch a network learn", "Einem Netz beim Lernen zuschauen"),
    "exp.fit.question": (
        "How does one hidden layer of many neurons learn a curve it does not know — and what do "
        "more neurons or another activation change?",
        "Wie lernt eine versteckte Schicht aus vielen Neuronen eine Kurve, die sie nicht "
        "kennt — und was ändern mehr Neuronen oder eine andere Aktivierung?"),
    "exp.fit.width": ("Neurons", "Neuronen"),
    "exp.fit.activation": ("Activation", "Aktivierung"),
    "exp.fit.epochs": ("Epochs", "Epochen"),
    "exp.fit.ghosts": ("Keep the curve after epoch", "Kurve behalten nach Epoche"),
    "exp.fit.seed": ("Random seed", "Zufalls-Seed"),
    "exp.fit.presets": ("The material's runs:", "Die Läufe aus dem Material:"),
    "exp.fit.clear": ("Clear table", "Tabelle leeren"),
    "exp.fit.epoch": ("Epoch", "Epoche"),
    "exp.fit.mse": ("MSE", "MSE"),
    "exp.fit.ms": ("ms per epoch", "ms pro Epoche"),
    "exp.fit.figure": ("The net's curve over the true function",
                       "Kurve des Netzes über der wahren Funktion"),
    "exp.fit.truth": ("true function", "wahre Funktion"),
    "exp.fit.points": ("training points", "Trainingspunkte"),
    "exp.fit.now": ("now (epoch {epoch})", "jetzt (Epoche {epoch})"),
    "exp.fit.after": ("after epoch {epoch}", "nach Epoche {epoch}"),
    "exp.fit.times": ("Compute time per epoch (ms), measured in this page",
                      "Rechenzeit pro Epoche (ms), gemessen in dieser Seite"),
    "exp.fit.col.run": ("Run", "Lauf"),
    "exp.fit.col.activation": ("Activation", "Aktivierung"),
    "exp.fit.col.width": ("Neurons", "Neuronen"),
    "exp.fit.col.params": ("Parameters", "Parameter"),
    "exp.fit.col.epochs": ("Epochs", "Epochen"),
    "exp.fit.col.mse": ("MSE", "MSE"),
    "exp.fit.col.ms": ("ms / epoch", "ms / Epoche"),
    "exp.fit.setup": (
        "Every run: {points} points x uniform on [0, 1], target f(x) = 0.5 sin(2πx) + 0.3x + "
        "a bump at 0.7; one hidden layer, one linear output neuron; Adam with learning rate "
        "{lr}, batch size {batch}, mean squared error (MSE). The MSE is measured on all "
        "{points} points after the epoch; ms per epoch is the time of the training steps, "
        "measured here (in the static site: Python inside your browser).",
        "Jeder Lauf: {points} Punkte x gleichverteilt auf [0, 1], Ziel f(x) = 0,5 sin(2πx) + "
        "0,3x + eine Beule bei 0,7; eine versteckte Schicht, ein lineares Ausgabeneuron; Adam "
        "mit Lernrate {lr}, Batchgröße {batch}, mittlerer quadratischer Fehler (MSE). Der MSE "
        "wird nach der Epoche auf allen {points} Punkten gemessen; ms pro Epoche ist die Zeit "
        "der Trainingsschritte, hier gemessen (in der statischen Seite: Python in deinem "
        "Browser)."),
    "exp.fit.linear": (
        "Why a straight line? All {width} neurons are linear, so the whole net is "
        "x·W1·W2 + (b1·W2 + b2) = w·x + b with w = {w} and b = {b}: one linear map, however "
        "many neurons. The best straight line through these points has w = {best_w}, "
        "b = {best_b} and MSE {best_mse}; the net is at MSE {mse}.",
        "Warum eine Gerade? Alle {width} Neuronen sind linear, also ist das ganze Netz "
        "x·W1·W2 + (b1·W2 + b2) = w·x + b mit w = {w} und b = {b}: eine lineare Abbildung, "
        "egal wie viele Neuronen. Die beste Gerade durch diese Punkte hat w = {best_w}, "
        "b = {best_b} und MSE {best_mse}; das Netz steht bei MSE {mse}."),
    "exp.fit.compare": (
        "Run {number} ({activation}, {width}) took {ratio}× the time per epoch of run {base} "
        "({base_activation}, {base_width}).",
        "Lauf {number} ({activation}, {width}) brauchte {ratio}× so lange pro Epoche wie Lauf "
        "{base} ({base_activation}, {base_width})."),
    "exp.fit.stopped": ("stopped", "gestoppt"),
})


def setup_text(code: str) -> str:
    return i18n.text("exp.fit.setup", code, points=task.POINTS, lr=task.LEARNING_RATE,
                     batch=task.BATCH_SIZE)


def linear_text(run: FitRun | None, line: tuple[float, float] | None,
                best: tuple[float, float, float], code: str) -> str:
    """The explanation of a linear run, with the composed line computed from its weights."""
    if run is None or line is None or run.activation != "linear":
        return ""
    return i18n.text("exp.fit.linear", code, width=run.width, w=sig(line[0], 4, code),
                     b=sig(line[1], 4, code), best_w=sig(best[0], 4, code),
                     best_b=sig(best[1], 4, code), best_mse=sig(best[2], 3, code),
                     mse=sig(run.mse, 3, code))


def compare_text(runs: list[FitRun], code: str) -> str:
    """How the newest run's time per epoch compares with the first run's (measured)."""
    if len(runs) < 2 or runs[0].ms_per_epoch is None or runs[-1].ms_per_epoch is None:
        return ""
    base, run = runs[0], runs[-1]
    return i18n.text("exp.fit.compare", code, number=run.number, activation=run.activation,
                     width=run.width, ratio=sig(run.ms_per_epoch / base.ms_per_epoch, 2, code),
                     base=base.number, base_activation=base.activation, base_width=base.width)


def table_html(runs: list[FitRun], code: str) -> str:
    """The run table: settings, parameter count, final MSE and measured ms per epoch."""
    t = lambda key: html.escape(i18n.text(key, code))  # noqa: E731
    head = "".join(f'<th style="{CELL};color:#444">{t("exp.fit.col." + c)}</th>'
                   for c in ("run", "activation", "width", "params", "epochs", "mse", "ms"))
    rows = []
    for run in reversed(runs):
        epochs = f"{run.epochs} ({t('exp.fit.stopped')})" if run.stopped else str(run.epochs)
        cells = (run.number, run.activation, run.width, run.params, epochs,
                 sig(run.mse, 3, code), sig(run.ms_per_epoch, 3, code))
        rows.append("<tr>" + "".join(f'<td style="{CELL}">{html.escape(str(c))}</td>'
                                     for c in cells) + "</tr>")
    return ('<table class="nnlab-fit-table" style="border-collapse:collapse;font-size:0.95em;'
            f'font-variant-numeric:tabular-nums"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


CELL = "padding:3px 6px;text-align:right;border-bottom:1px solid #ddd"
LABEL = "color:#444;font-size:0.95em"
VALUE = "font-size:1.15em;font-weight:700;font-variant-numeric:tabular-nums"


def numbers_html(run: FitRun | None, code: str) -> str:
    """Epoch, MSE and ms per epoch of the run in view, each number alone in its element
    (test hooks ``nnlab-fit-epoch``, ``nnlab-fit-mse``, ``nnlab-fit-ms-per-epoch``)."""
    values = (("exp.fit.epoch", "nnlab-fit-epoch", run.epochs if run else None),
              ("exp.fit.mse", "nnlab-fit-mse", run.mse if run else None),
              ("exp.fit.ms", "nnlab-fit-ms-per-epoch", run.ms_per_epoch if run else None))
    labels = "".join(f'<span style="{LABEL}">{html.escape(i18n.text(key, code))}</span>'
                     for key, _hook, _value in values)
    numbers = "".join(f'<span class="{hook}" style="{VALUE}">{sig(value, 4, code)}</span>'
                      for _key, hook, value in values)
    return ('<div style="display:grid;grid-template-columns:repeat(3,auto);gap:0 16px">'
            f"{labels}{numbers}</div>")
