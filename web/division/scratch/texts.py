"""Words of the "learn from scratch" section, German and English."""

from __future__ import annotations

from web.ui import i18n

i18n.register({
    "scratch.title": ("Learn it from scratch (Levenberg–Marquardt)",
                      "Von null lernen (Levenberg–Marquardt)"),
    "scratch.help": (
        "Gradient descent does not find division (see “Why gradient descent fails”). A "
        "second-order method does: Levenberg–Marquardt starts from random hidden weights "
        "(|N(0; 0.05)|, seeded, never a preset), solves the output layer exactly by least "
        "squares after every step and takes damped Gauss–Newton steps on the 6 hidden "
        "parameters. Loss: log-MSE, the mean of (ln ŷ − ln y)². Data: the {n} training pairs "
        "of the training panel.",
        "Gradientenabstieg findet die Division nicht (siehe „Warum Gradientenabstieg "
        "scheitert“). Ein Verfahren zweiter Ordnung schon: Levenberg–Marquardt startet mit "
        "zufälligen versteckten Gewichten (|N(0; 0,05)|, mit Seed, nie ein Preset), löst die "
        "Ausgabeschicht nach jedem Schritt exakt mit kleinsten Quadraten und macht gedämpfte "
        "Gauß–Newton-Schritte auf den 6 versteckten Parametern. Loss: log-MSE, der Mittelwert "
        "von (ln ŷ − ln y)². Daten: die {n} Trainingspaare des Trainingsbereichs."),
    "scratch.seed": ("Seed of the random start", "Seed des Zufallsstarts"),
    "scratch.learn": ("Learn from scratch", "Von null lernen"),
    "scratch.cancel": ("Cancel", "Abbrechen"),
    "scratch.progress": ("Iteration {iteration} of {total}", "Iteration {iteration} von {total}"),
    "scratch.chart": ("log-MSE per iteration (log scale)", "log-MSE pro Iteration (log. Skala)"),
    "scratch.iteration_axis": ("iteration", "Iteration"),
    "scratch.mae": ("Test MAE (quotient units)", "Test-MAE (Quotienten-Einheiten)"),
    "scratch.mae_help": (
        "Mean |100 ŷ − x1/x2| over all {pairs} pairs of 1.0, 1.1, … 19.9 (not the training "
        "pairs).",
        "Mittelwert von |100 ŷ − x1/x2| über alle {pairs} Paare aus 1,0; 1,1; … 19,9 (nicht "
        "die Trainingspaare)."),
    "scratch.done": (
        "Learnt in {seconds} s ({iterations} iterations): test MAE {mae} quotient units. These "
        "weights are now the active model: inputs, drawing, heatmap and training use them.",
        "Gelernt in {seconds} s ({iterations} Iterationen): Test-MAE {mae} "
        "Quotienten-Einheiten. Diese Gewichte sind jetzt das aktive Modell: Eingaben, "
        "Zeichnung, Heatmap und Training verwenden sie."),
    "scratch.cancelled": (
        "Cancelled after {iterations} iterations: the active model is unchanged.",
        "Abgebrochen nach {iterations} Iterationen: das aktive Modell ist unverändert."),
    "scratch.weights": ("Weights: hand-set and learnt", "Gewichte: von Hand gesetzt und gelernt"),
    "scratch.parameter": ("parameter", "Parameter"),
    "scratch.hand_set": ("hand-set", "von Hand"),
    "scratch.learnt": ("learnt (seed {seed})", "gelernt (Seed {seed})"),
    "scratch.not_yet": ("learnt", "gelernt"),
    "division.origin.scratch": ("learnt from scratch", "von null gelernt"),
})
