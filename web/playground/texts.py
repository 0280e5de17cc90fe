"""The playground tab's words, German and English, in one place."""

from __future__ import annotations

from web.ui import file_errors, i18n

i18n.register({
    "pg.model": ("playground net", "Playground-Netz"),
    "pg.origin.fresh": ("fresh weights", "neue Gewichte"),
    "pg.origin.file": ("loaded file", "geladene Datei"),
    # data
    "pg.data": ("Data", "Daten"),
    "pg.problem": ("Problem", "Aufgabe"),
    "pg.problem.classification": ("Classification", "Klassifikation"),
    "pg.problem.regression": ("Regression", "Regression"),
    "pg.dataset": ("Data set", "Datensatz"),
    "pg.set.circle": ("circle", "Kreis"),
    "pg.set.xor": ("xor", "XOR"),
    "pg.set.gauss": ("two Gaussians", "zwei Gauß-Wolken"),
    "pg.set.spiral": ("spiral", "Spirale"),
    "pg.set.moons": ("two moons", "zwei Monde"),
    "pg.set.reg-plane": ("plane", "Ebene"),
    "pg.set.reg-gauss": ("multi-Gaussian", "mehrere Gauß-Hügel"),
    "pg.set.function": ("1-D function on [0, 1]", "1-D-Funktion auf [0, 1]"),
    "pg.set.division": ("division x1 / x2 / 100", "Division x1 / x2 / 100"),
    "pg.set.own": ("own points", "eigene Punkte"),
    "pg.noise": ("Noise (%)", "Rauschen (%)"),
    "pg.points": ("Points", "Punkte"),
    "pg.train_percent": ("Training share (%)", "Trainingsanteil (%)"),
    "pg.seed": ("Seed", "Seed"),
    "pg.regenerate": ("⟳ New points", "⟳ Neue Punkte"),
    "pg.click": ("A click in the plot adds a point of", "Ein Klick ins Bild fügt hinzu:"),
    "pg.click.1": ("class 1 (blue)", "Klasse 1 (blau)"),
    "pg.click.0": ("class 0 (orange)", "Klasse 0 (orange)"),
    "pg.click_value": ("Value of a clicked point", "Wert eines geklickten Punkts"),
    "pg.clear": ("Clear own points", "Eigene Punkte löschen"),
    "pg.csv": ("CSV x1,x2,label:", "CSV x1,x2,label:"),
    # features and net
    "pg.features": ("Input features", "Eingabemerkmale"),
    "pg.layers": ("Layers", "Schichten"),
    "pg.add_layer": ("+ layer", "+ Schicht"),
    "pg.remove_layer": ("− layer", "− Schicht"),
    "pg.units": ("Neurons", "Neuronen"),
    "pg.activation": ("Activation", "Aktivierung"),
    "pg.dropout": ("Dropout", "Dropout"),
    "pg.regularization": ("Regularisation", "Regularisierung"),
    "pg.regularization.none": ("none", "keine"),
    "pg.regularization.l1": ("L1", "L1"),
    "pg.regularization.l2": ("L2", "L2"),
    "pg.regularization_rate": ("Regularisation rate", "Regularisierungsrate"),
    "pg.initializer": ("Weight initialisation", "Gewichtsinitialisierung"),
    "pg.color_by": ("Lines show", "Linien zeigen"),
    "pg.color_by.weight": ("weight w", "Gewicht w"),
    "pg.color_by.grad": ("gradient ∂L/∂w", "Gradient ∂L/∂w"),
    # output
    "pg.output": ("Output", "Ausgabe"),
    "pg.show_test": ("Show test data", "Testdaten zeigen"),
    "pg.discretize": ("Discretise output", "Ausgabe diskretisieren"),
    "pg.test_accuracy": ("Test accuracy", "Test-Genauigkeit"),
    "pg.train_accuracy": ("Training accuracy", "Trainings-Genauigkeit"),
    "pg.plane": ("x1 (→) and x2 (↑) from {low} to {high}",
                 "x1 (→) und x2 (↑) von {low} bis {high}"),
    "pg.curve_axes": ("x1 (→) from {low} to {high}, output (↑) from {y_low} to {y_high}",
                      "x1 (→) von {low} bis {high}, Ausgabe (↑) von {y_low} bis {y_high}"),
    # links
    "pg.share": ("Share link", "Link teilen"),
    "pg.link.unknown": ("The link's key(s) {keys} are not known here and were ignored.",
                        "Die Link-Schlüssel {keys} sind hier unbekannt und wurden ignoriert."),
    "pg.link.bad": ("The link's value(s) {items} are not valid here and were ignored.",
                    "Die Link-Werte {items} sind hier ungültig und wurden ignoriert."),
    "pg.link.unsupported": ("TensorFlow Playground's {keys} has no counterpart here and was "
                            "ignored.",
                            "TensorFlow Playgrounds {keys} gibt es hier nicht; ignoriert."),
    # code and help
    "pg.code": ("Code: this experiment in pycore and Keras, model summary",
                "Code: dieses Experiment in pycore und Keras, Modellübersicht"),
    "pg.summary": ("Summary", "Übersicht"),
    "pg.help": (
        "**How to use it.** Choose data on the left and the input features the net sees; "
        "set the hidden layers above the drawing (± neurons, activation, dropout per layer). "
        "Press ▶ and watch the output (right: blue = class 1 / positive, orange = class 0 / "
        "negative) and every neuron's own picture (the thumbnails) change. Lines are weights: "
        "thicker = larger |w|, blue positive, orange negative; hover shows w and ∂L/∂w, a click "
        "chooses the weight to edit. Click into the output to add points. Learning rate, "
        "activation, dropout, regularization and data change while it trains; new features or "
        "layer sizes start a fresh net. “Share link” puts this experiment into the address "
        "bar; links of TensorFlow Playground open here too.",
        "**So geht's.** Links Daten und die Eingabemerkmale wählen, die das Netz sieht; über der "
        "Zeichnung die versteckten Schichten einstellen (± Neuronen, Aktivierung, Dropout pro "
        "Schicht). ▶ drücken und zusehen, wie sich die Ausgabe (rechts: blau = Klasse 1 / "
        "positiv, orange = Klasse 0 / negativ) und das eigene Bild jedes Neurons ändern. Linien "
        "sind Gewichte: dicker = größeres |w|, blau positiv, orange negativ; Überfahren zeigt w "
        "und ∂L/∂w, ein Klick wählt das Gewicht zum Bearbeiten. Ein Klick in die Ausgabe fügt "
        "Punkte hinzu. Lernrate, Aktivierung, Dropout, Regularisierung und Daten ändern sich "
        "während des Trainings; neue Merkmale oder Schichtgrößen starten ein neues Netz. "
        "„Link teilen“ schreibt dieses Experiment in die Adresszeile; Links von TensorFlow "
        "Playground öffnen sich hier auch."),
    # messages
    "pg.msg.one_feature": ("A net needs at least one input feature: the last one stays on.",
                           "Ein Netz braucht mindestens ein Eingabemerkmal: das letzte bleibt "
                           "an."),
    "pg.msg.no_click_1d": ("Points can be added by clicking only on 2-D data sets.",
                           "Punkte lassen sich nur bei 2-D-Datensätzen per Klick hinzufügen."),
    "pg.csv.loaded": ("{count} points loaded from the file.",
                      "{count} Punkte aus der Datei geladen."),
    "pg.csv.empty": ("The file is empty: nothing was changed.",
                     "Die Datei ist leer: nichts wurde geändert."),
    "pg.csv.too_large": ("The file is larger than {limit} bytes: nothing was changed.",
                         "Die Datei ist größer als {limit} Bytes: nichts wurde geändert."),
    "pg.csv.not_text": ("The file is not a text (CSV) file: nothing was changed.",
                        "Die Datei ist keine Textdatei (CSV): nichts wurde geändert."),
    "pg.csv.columns": ("Row {row}: expected 3 values x1,x2,label, found {found}.",
                       "Zeile {row}: erwartet 3 Werte x1,x2,label, gefunden {found}."),
    "pg.csv.not_number": ("Row {row}: “{cell}” is not a number (or larger than 1000000).",
                          "Zeile {row}: „{cell}“ ist keine Zahl (oder größer als 1000000)."),
    "pg.csv.not_class": ("Row {row}: label “{cell}” is not a class (0 or 1; −1 means 0).",
                         "Zeile {row}: Label „{cell}“ ist keine Klasse (0 oder 1; −1 heißt 0)."),
    "pg.csv.too_few": ("The file has fewer than 2 points: nothing was changed.",
                       "Die Datei hat weniger als 2 Punkte: nichts wurde geändert."),
    "pg.csv.too_many": ("The file has more than {limit} rows: nothing was changed.",
                        "Die Datei hat mehr als {limit} Zeilen: nichts wurde geändert."),
    "pg.csv.more": ("… and {count} more bad rows. Nothing was changed.",
                    "… und {count} weitere fehlerhafte Zeilen. Nichts wurde geändert."),
    "pg.csv.unchanged": ("The file was not loaded; the data are unchanged.",
                         "Die Datei wurde nicht geladen; die Daten sind unverändert."),
})

file_errors.register({  # why a model file does not fit the playground (network.spec_of)
    "pg_net_shape": ("the playground takes nets with 1 output and at most {limit} hidden layers",
                     "der Playground nimmt nur Netze mit 1 Ausgang und höchstens {limit} "
                     "verdeckten Schichten"),
    "pg_units": ("the playground takes at most {limit} neurons per layer",
                 "der Playground nimmt höchstens {limit} Neuronen pro Schicht"),
    "pg_activation": ("activation '{name}' is not offered here",
                      "die Aktivierungsfunktion '{name}' gibt es hier nicht"),
    "pg_layer_kind": ("the playground has no {layer} layers",
                      "der Playground hat keine Schichten der Art {layer}"),
    "pg_inputs": ("the file's net has {inputs} inputs, but {features} input features are chosen",
                  "das Netz der Datei hat {inputs} Eingänge, gewählt sind aber {features} "
                  "Eingabemerkmale"),
})
