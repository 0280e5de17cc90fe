"""Words of the model comparison, German and English."""

from __future__ import annotations

from web.ui import i18n

i18n.register({
    "compare.title": ("Compare models side by side", "Modelle nebeneinander vergleichen"),
    "compare.help": (
        "Keep up to {max} models (hand-set, trained, learnt from scratch, grid-search best, "
        "your own activation …): each is copied as it is now and measured on the same "
        "{pairs} test pairs 1.0, 1.1, … 19.9.",
        "Behalte bis zu {max} Modelle (von Hand gesetzt, trainiert, von null gelernt, Bestes "
        "der Rastersuche, eigene Aktivierung …): jedes wird so kopiert, wie es jetzt ist, und "
        "auf denselben {pairs} Testpaaren 1,0; 1,1; … 19,9 gemessen."),
    "compare.name": ("Name (optional)", "Name (optional)"),
    "compare.keep": ("Keep the active model", "Aktives Modell behalten"),
    "compare.remove": ("Remove {number}", "{number} entfernen"),
    "compare.full": ("Four models are kept already: remove one first.",
                     "Es sind schon vier Modelle behalten: bitte zuerst eines entfernen."),
    "compare.name_long": ("The name is too long (at most 40 characters).",
                          "Der Name ist zu lang (höchstens 40 Zeichen)."),
    "compare.none": ("No model kept yet.", "Noch kein Modell behalten."),
    "compare.col.name": ("model", "Modell"),
    "compare.col.activations": ("activations", "Aktivierungen"),
    "compare.col.mae": ("MAE (quotient units)", "MAE (Quotienten-Einheiten)"),
    "compare.col.worst": ("worst relative error", "größter relativer Fehler"),
    "compare.heatmap": ("{number}: |error| over 1 … 25", "{number}: |Fehler| über 1 … 25"),
})
