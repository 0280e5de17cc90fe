"""Words of the generalisation card and its computed result line and diagnosis."""

from __future__ import annotations

import html

from web.experiments.gen import data
from web.experiments.gen.curves import OVERFIT_GAP, OVERFIT_RISE, UNDERFIT_FLOOR
from web.experiments.gen.model import BATCH_SIZE, LEARNING_RATE, GenLab
from web.ui import i18n
from web.ui.fmt import sig

i18n.register({
    "exp.gen.title": ("Generalisation", "Generalisierung"),
    "exp.gen.question": (
        "When does a net learn the curve, when only its training points — and what helps?",
        "Wann lernt ein Netz die Kurve, wann nur seine Trainingspunkte — und was hilft?"),
    "exp.gen.preset.overfit": ("Overfit", "Overfitting"),
    "exp.gen.preset.underfit": ("Underfit", "Underfitting"),
    "exp.gen.preset.more_data": ("Cure: more data", "Mittel: mehr Daten"),
    "exp.gen.preset.dropout": ("Cure: dropout", "Mittel: Dropout"),
    "exp.gen.preset.l2": ("Cure: L2", "Mittel: L2"),
    "exp.gen.preset.early_stopping": ("Cure: early stopping", "Mittel: Early Stopping"),
    "exp.gen.noise": ("Noise σ", "Rauschen σ"),
    "exp.gen.points": ("Points", "Punkte"),
    "exp.gen.split": ("Train/val/test", "Train/Val/Test"),
    "exp.gen.width": ("Neurons", "Neuronen"),
    "exp.gen.depth": ("Layers", "Schichten"),
    "exp.gen.activation": ("Activation", "Aktivierung"),
    "exp.gen.dropout": ("Dropout", "Dropout"),
    "exp.gen.l2": ("L2", "L2"),
    "exp.gen.patience": ("Patience", "Geduld"),
    "exp.gen.early_stopping": ("Early stopping", "Early Stopping"),
    "exp.gen.epochs": ("Epochs", "Epochen"),
    "exp.gen.restore": ("↺ Best weights", "↺ Beste Gewichte"),
    "exp.gen.curves": ("MSE per epoch (log scale)", "MSE pro Epoche (log. Skala)"),
    "exp.gen.fit": ("The net's curve and the data", "Kurve des Netzes und die Daten"),
    "exp.gen.train": ("training", "Training"),
    "exp.gen.val": ("validation", "Validierung"),
    "exp.gen.test": ("test", "Test"),
    "exp.gen.best": ("best validation", "beste Validierung"),
    "exp.gen.truth": ("true curve sin(2πx)", "wahre Kurve sin(2πx)"),
    "exp.gen.net": ("net", "Netz"),
    "exp.gen.epoch_axis": ("epoch", "Epoche"),
    "exp.gen.result": (
        "Epoch {epoch}: MSE training {train}, validation {val} (best {best} in epoch "
        "{best_epoch}), test {test}; distance of the net's curve from the true curve {true}.",
        "Epoche {epoch}: MSE Training {train}, Validierung {val} (am besten {best} in Epoche "
        "{best_epoch}), Test {test}; Abstand der Netzkurve von der wahren Kurve {true}."),
    "exp.gen.restored": (" The weights of epoch {best_epoch} are in use (restored).",
                         " Die Gewichte aus Epoche {best_epoch} sind in Gebrauch "
                         "(zurückgeholt)."),
    "exp.gen.dx.overfit": (
        "Overfitting: validation MSE is {rise}× its best and {gap}× the training MSE — the net "
        "has learnt the noise of its {n} training points.",
        "Overfitting: der Validierungs-MSE ist {rise}× sein bester Wert und {gap}× der "
        "Trainings-MSE — das Netz hat das Rauschen seiner {n} Trainingspunkte gelernt."),
    "exp.gen.dx.underfit": (
        "Underfitting: even the training MSE ({train}) is above what the noise explains "
        "(2σ² + {floor} = {limit}) — the net cannot form the curve.",
        "Underfitting: schon der Trainings-MSE ({train}) liegt über dem, was das Rauschen "
        "erklärt (2σ² + {floor} = {limit}) — das Netz kann die Kurve nicht formen."),
    "exp.gen.dx.good": (
        "No overfitting, no underfitting: validation MSE is {rise_now}× its best and {gap_now}× "
        "the training MSE (overfitting means both at least {rise}× and {gap}×); the training "
        "MSE {train} is within what the noise explains ({limit}).",
        "Weder Over- noch Underfitting: der Validierungs-MSE ist {rise_now}× sein bester Wert "
        "und {gap_now}× der Trainings-MSE (Overfitting hieße beides mindestens {rise}× und "
        "{gap}×); der Trainings-MSE {train} liegt in dem, was das Rauschen erklärt ({limit})."),
    "exp.gen.setup": (
        "Data: x uniform on [0, 1], y = sin(2πx) + σ·noise. Adam, learning rate {lr}, batch "
        "size {batch}. The MSE curves are the plain error of the net as it predicts (dropout "
        "off, without the L2 term), measured after every epoch. The test points are not used "
        "for anything but the result. L2 adds l2·Σw² to the loss (the course writes "
        "λ/(2m)·Σ‖W‖²: l2 = λ/(2m)).",
        "Daten: x gleichverteilt auf [0, 1], y = sin(2πx) + σ·Rauschen. Adam, Lernrate {lr}, "
        "Batchgröße {batch}. Die MSE-Kurven sind der reine Fehler des Netzes beim Vorhersagen "
        "(Dropout aus, ohne L2-Term), nach jeder Epoche gemessen. Die Testpunkte dienen nur dem "
        "Ergebnis. L2 addiert l2·Σw² zum Loss (im Kurs steht λ/(2m)·Σ‖W‖²: l2 = λ/(2m))."),
})


def setup_text(code: str) -> str:
    return i18n.text("exp.gen.setup", code, lr=LEARNING_RATE, batch=BATCH_SIZE)


def result_text(lab: GenLab, code: str) -> str:
    """The numbers of the net as it is now, and what they mean (all computed)."""
    curves, model, split = lab.curves, lab.model, lab.split_data
    if curves is None or model is None:
        return ""
    train = data.mse(model, split.x_train, split.y_train)
    val = data.mse(model, split.x_val, split.y_val)
    n = lambda v, d=3: sig(v, d, code)  # noqa: E731
    text = i18n.text("exp.gen.result", code, epoch=curves.epochs[-1], train=n(train),
                     val=n(val), best=n(curves.best_val), best_epoch=curves.best_epoch,
                     test=n(data.mse(model, split.x_test, split.y_test)),
                     true=n(data.true_error(model)))
    if curves.restored:
        text += i18n.text("exp.gen.restored", code, best_epoch=curves.best_epoch)
    verdict = lab.diagnosis()
    limit = n(2 * lab.noise**2 + UNDERFIT_FLOOR)
    fields = {"overfit": {"rise": n(val / curves.best_val, 2), "gap": n(val / train, 2),
                          "n": len(split.x_train)},
              "underfit": {"train": n(train), "floor": n(UNDERFIT_FLOOR), "limit": limit},
              "good": {"rise_now": n(val / curves.best_val, 2), "gap_now": n(val / train, 2),
                       "rise": n(OVERFIT_RISE), "gap": n(OVERFIT_GAP), "train": n(train),
                       "limit": limit}}
    more = i18n.text(f"exp.gen.dx.{verdict}", code, **fields[verdict]) if verdict else ""
    return (f'<div class="nnlab-gen-result">{html.escape(text)}</div>'
            f'<div class="nnlab-gen-diagnosis nnlab-gen-{verdict}" style="font-weight:600">'
            f"{html.escape(more)}</div>")
