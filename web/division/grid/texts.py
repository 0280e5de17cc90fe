"""Words of the grid-search section, German and English."""

from __future__ import annotations

from web.ui import i18n

i18n.register({
    "grid.title": ("Grid search (as the original project's Talos run)",
                   "Rastersuche (wie der Talos-Lauf des Originalprojekts)"),
    "grid.help": (
        "Tries every combination of optimizer, batch size, learning rate and epochs, each from "
        "the same random start, with loss MAE on the training pairs, and measures the MAE on "
        "the validation pairs. The original grid is the original project's (7 optimizers at "
        "their default learning rates, batch sizes 1 … 64, 90 or 240 epochs): it takes long. "
        "Runs that differ only in epochs share their training. Separate values by “;”; the "
        "learning rate “default” is the optimizer's own.",
        "Probiert jede Kombination aus Optimierer, Batchgröße, Lernrate und Epochen, jede vom "
        "selben Zufallsstart, mit Loss MAE auf den Trainingspaaren, und misst den MAE auf den "
        "Validierungspaaren. Das Originalraster ist das des Originalprojekts (7 Optimierer mit "
        "ihren Standard-Lernraten, Batchgrößen 1 … 64, 90 oder 240 Epochen): es dauert lange. "
        "Läufe, die sich nur in den Epochen unterscheiden, teilen ihr Training. Werte mit „;“ "
        "trennen; die Lernrate „Standard“ ist die des Optimierers."),
    "grid.preset": ("Grid", "Raster"),
    "grid.preset.original": ("original project's grid", "Raster des Originalprojekts"),
    "grid.preset.lecture": ("small grid for a lecture", "kleines Raster für die Vorlesung"),
    "grid.preset.custom": ("your own values", "eigene Werte"),
    "grid.optimizers": ("Optimizers", "Optimierer"),
    "grid.batch_sizes": ("Batch sizes", "Batchgrößen"),
    "grid.learning_rates": ("Learning rates", "Lernraten"),
    "grid.epochs": ("Epochs", "Epochen"),
    "grid.default": ("default", "Standard"),
    "grid.size": ("{combinations} combinations, {steps} update steps on {rows} training pairs.",
                  "{combinations} Kombinationen, {steps} Update-Schritte auf {rows} "
                  "Trainingspaaren."),
    "grid.start": ("Start grid search", "Rastersuche starten"),
    "grid.cancel": ("Cancel", "Abbrechen"),
    "grid.use_best": ("Use best", "Bestes verwenden"),
    "grid.progress": ("{percent} % done, {elapsed} so far, about {eta} left",
                      "{percent} % erledigt, bisher {elapsed}, noch etwa {eta}"),
    "grid.progress_start": ("{percent} % done, {elapsed} so far", "{percent} % erledigt, "
                                                                   "bisher {elapsed}"),
    "grid.finished": ("Finished: {results} results in {elapsed}.",
                      "Fertig: {results} Ergebnisse in {elapsed}."),
    "grid.cancelled": ("Cancelled after {elapsed}: {results} results so far.",
                       "Abgebrochen nach {elapsed}: bisher {results} Ergebnisse."),
    "grid.used": ("The best combination ({optimizer}, batch {batch}, {epochs} epochs, "
                  "validation MAE {mae}) is now the active model.",
                  "Die beste Kombination ({optimizer}, Batch {batch}, {epochs} Epochen, "
                  "Validierungs-MAE {mae}) ist jetzt das aktive Modell."),
    "grid.seconds": ("{value} s", "{value} s"),
    "grid.minutes": ("{value} min", "{value} min"),
    "grid.hours": ("{value} h", "{value} h"),
    "grid.col.run": ("optimizer / baseline", "Optimierer / Referenz"),
    "grid.col.batch": ("batch", "Batch"),
    "grid.col.lr": ("learning rate", "Lernrate"),
    "grid.col.epochs": ("epochs", "Epochen"),
    "grid.col.mae": ("val MAE", "Val-MAE"),
    "grid.col.mae_q": ("val MAE × 100", "Val-MAE × 100"),
    "grid.col.time": ("time (s)", "Zeit (s)"),
    "grid.baseline.zero": ("baseline: predict 0", "Referenz: 0 vorhersagen"),
    "grid.baseline.mean": ("baseline: predict the mean", "Referenz: Mittelwert vorhersagen"),
    "grid.diverged": ("{optimizer} (diverged)", "{optimizer} (divergiert)"),
    "grid.table_help": ("Click a column title to sort.", "Spaltentitel anklicken zum Sortieren."),
    # messages beside the fields
    "grid.empty": ("Please give at least one value: the list stays {kept}.",
                   "Bitte mindestens einen Wert angeben: die Liste bleibt {kept}."),
    "grid.too_many": ("At most {limit} values: the list stays {kept}.",
                      "Höchstens {limit} Werte: die Liste bleibt {kept}."),
    "grid.bad_integer": ("“{item}” cannot be used: give whole numbers from {low} to {high}. "
                         "The list stays {kept}.",
                         "„{item}“ geht nicht: bitte ganze Zahlen von {low} bis {high}. Die "
                         "Liste bleibt {kept}."),
    "grid.bad_rate": ("“{item}” cannot be used: give numbers from {low} to {high} or "
                      "“default”. The list stays {kept}.",
                      "„{item}“ geht nicht: bitte Zahlen von {low} bis {high} oder "
                      "„Standard“. Die Liste bleibt {kept}."),
    "grid.no_optimizer": ("Choose at least one optimizer.",
                          "Bitte mindestens einen Optimierer wählen."),
    "division.origin.grid_best": ("grid-search best", "Bestes der Rastersuche"),
})
