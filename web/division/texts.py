"""The division tab's words, German and English, in one place."""

from __future__ import annotations

from web.ui import file_errors, i18n

i18n.register({
    # inputs and results
    "division.dividend": ("Dividend x1", "Dividend x1"),
    "division.divisor": ("Divisor x2", "Divisor x2"),
    "division.network": ("Network × 100", "Netz × 100"),
    "division.true": ("True quotient x1 / x2", "Wahrer Quotient x1 / x2"),
    "division.abs_error": ("Absolute error", "Absoluter Fehler"),
    "division.rel_error": ("Relative error", "Relativer Fehler"),
    "division.field.dividend": ("dividend", "Dividend"),
    "division.field.divisor": ("divisor", "Divisor"),
    # messages about the inputs
    "division.msg.empty": ("Please enter a number as {field}.",
                           "Bitte eine Zahl als {field} eingeben."),
    "division.msg.not_number": (
        "The {field} is not a number. Type digits such as 4.26 (a decimal comma works too).",
        "Der {field} ist keine Zahl. Bitte Ziffern eingeben, z. B. 4,26 (ein Dezimalpunkt geht "
        "auch)."),
    "division.msg.too_large": (
        "The {field} is too large: this demo accepts numbers between −1000000 and 1000000.",
        "Der {field} ist zu groß: die Demo nimmt Zahlen zwischen −1000000 und 1000000."),
    "division.msg.zero": ("Division by zero is not defined: please choose a divisor other than 0.",
                          "Durch null kann man nicht teilen: bitte einen Divisor ungleich 0 "
                          "wählen."),
    "division.msg.domain_x": (
        "Below 1: a hidden neuron's input z is ≤ 0 here, so it has left its logarithm piece and "
        "no longer computes a logarithm of its input. The result is wrong here.",
        "Unter 1: die Eingabe z eines versteckten Neurons ist hier ≤ 0; es hat sein "
        "Logarithmus-Stück verlassen und berechnet keinen Logarithmus seiner Eingabe mehr. Das "
        "Ergebnis ist hier falsch."),
    "division.msg.hidden_seam": (
        "A hidden neuron's input z is above 15 here, where its activation leaves the logarithm "
        "piece for its third piece, so it no longer computes a logarithm of its input. The "
        "result is wrong here.",
        "Die Eingabe z eines versteckten Neurons ist hier größer als 15; dort verlässt seine "
        "Aktivierung das Logarithmus-Stück für ihr drittes Stück, es berechnet also keinen "
        "Logarithmus seiner Eingabe mehr. Das Ergebnis ist hier falsch."),
    "division.msg.overshoot": (
        "Above 50: the output neuron's input z is above 0 here, where its activation leaves the "
        "exponential piece for the steep logarithm piece. The result is too large.",
        "Über 50: die Eingabe z des Ausgabeneurons ist hier größer als 0; dort verlässt seine "
        "Aktivierung das Exponential-Stück und wird zum steilen Logarithmus-Stück. Das "
        "Ergebnis ist zu groß."),
    "division.msg.saturated": (
        "Above 50: the output neuron's input z is above 0 here, and its activation grows only "
        "slowly towards 1 there (the result stays below 100). The result is too small.",
        "Über 50: die Eingabe z des Ausgabeneurons ist hier größer als 0, und dort wächst seine "
        "Aktivierung nur langsam gegen 1 (das Ergebnis bleibt unter 100). Das Ergebnis ist zu "
        "klein."),
    "division.msg.exp_limit": (
        "Above 50: the output neuron is still on its exponential piece, whose values stay at "
        "most 0.5, so the result is at most 50. The result is too small.",
        "Über 50: das Ausgabeneuron ist noch auf seinem Exponential-Stück, dessen Werte höchstens "
        "0,5 sind; das Ergebnis ist also höchstens 50. Das Ergebnis ist zu klein."),
    "division.msg.outside": (
        "Outside the range of the training data (inputs 1 … 19.99) or above a quotient of 50, "
        "and the result is off: compare it with the true quotient.",
        "Außerhalb des Bereichs der Trainingsdaten (Eingaben 1 … 19,99) oder über dem "
        "Quotienten 50, und das Ergebnis weicht ab: vergleiche es mit dem wahren Quotienten."),
    # weights, presets, heatmap
    "division.weights": ("### Weights and biases", "### Gewichte und Bias"),
    "division.preset": ("Start from", "Startwerte"),
    "division.preset.hand_set": ("hand-set weights (original project)",
                                 "von Hand gesetzte Gewichte (Originalprojekt)"),
    "division.preset.trained": ("trained weights (original project)",
                                "trainierte Gewichte (Originalprojekt)"),
    "division.preset.random": ("random weights", "Zufallsgewichte"),
    "division.preset.custom": ("other weights (edited, loaded or learnt)",
                               "andere Gewichte (bearbeitet, geladen oder gelernt)"),
    "division.seed": ("Random seed", "Zufalls-Seed"),
    "division.model": ("division net", "Divisionsnetz"),
    "division.heatmap.title": ("|error| of the network quotient (log colour scale)",
                               "|Fehler| des Netz-Quotienten (log. Farbskala)"),
    "division.heatmap.wide": ("Wider range 0.1 … 60 (shows where it breaks)",
                              "Größerer Bereich 0,1 … 60 (zeigt, wo es versagt)"),
    "division.heatmap.legend": (
        "Red dot: your input. Dashed line: quotient = 50. Dotted lines: x = 1.",
        "Roter Punkt: deine Eingabe. Gestrichelt: Quotient = 50. Gepunktet: x = 1."),
    # training
    "division.train.title": ("### Train this network", "### Dieses Netz trainieren"),
    "division.train.help": (
        "Training data: {n} random pairs from 1.00…19.99, target x1/x2/100 (as in the original "
        "project). The dotted line is the loss of always predicting the mean: a net above it "
        "has learnt nothing about division.",
        "Trainingsdaten: {n} zufällige Paare aus 1,00…19,99, Ziel x1/x2/100 (wie im "
        "Originalprojekt). Die gepunktete Linie ist der Loss, wenn man immer den Mittelwert "
        "vorhersagt: ein Netz darüber hat nichts über Division gelernt."),
    "division.explain.title": ("How can two neurons divide?",
                               "Wie können zwei Neuronen teilen?"),
    "division.explain": (
        "Sums and products alone cannot divide. The trick is the "
        "activation *f*: for positive inputs it is a logarithm, for negative inputs an "
        "exponential. With the hand-set weights each hidden neuron computes "
        "**a = 0.03 · ln(x) + 0.5**. The output neuron weighs them with +33.3333 and −33.3333 and "
        "adds −3.912023 = ln(0.02), so its input is **z ≈ ln(x1) − ln(x2) + ln(0.02)** — "
        "negative, so *f* is the exponential there: 0.5 · e^z = 0.01 · x1 / x2. Because "
        "**exp(ln x1 − ln x2) = x1 / x2**, the output × 100 is the quotient. It works only for "
        "x1, x2 ≥ 1 (below 1 the hidden neurons leave their logarithm piece) and quotients up "
        "to 50 (above, the output neuron leaves its exponential piece): the heatmap shows where "
        "it breaks.",
        "Mit Summen und Produkten allein geht das nicht. "
        "Der Trick ist die Aktivierung *f*: für positive Eingaben ist sie ein Logarithmus, für "
        "negative eine Exponentialfunktion. Mit den von Hand gesetzten Gewichten rechnet jedes "
        "versteckte Neuron **a = 0,03 · ln(x) + 0,5**. Das Ausgabeneuron gewichtet sie mit "
        "+33,3333 und −33,3333 und addiert −3,912023 = ln(0,02); seine Eingabe ist also "
        "**z ≈ ln(x1) − ln(x2) + ln(0,02)** — negativ, also wirkt dort die "
        "Exponentialfunktion: 0,5 · e^z = 0,01 · x1 / x2. Weil **exp(ln x1 − ln x2) = x1 / x2** "
        "ist, ergibt die Ausgabe × 100 den Quotienten. Das klappt nur für x1, x2 ≥ 1 (darunter "
        "verlassen die versteckten Neuronen ihr Logarithmus-Stück) und Quotienten bis 50 "
        "(darüber verlässt das Ausgabeneuron sein Exponential-Stück): die Heatmap zeigt, wo es "
        "versagt."),
})

file_errors.register({  # why a model file does not fit the division demo (model.load_json)
    "division_weights": ("this demo accepts weights between -{limit} and {limit}",
                         "diese Demo nimmt nur Gewichte zwischen -{limit} und {limit}"),
})
