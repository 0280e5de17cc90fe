"""Words of the "why gradient descent fails" section, German and English.

Every number in these sentences is a field filled from a measurement at the moment it is
shown (``web.division.landscape.mechanism``); none is typed in here.
"""

from __future__ import annotations

from web.ui import i18n

i18n.register({
    "landscape.title": ("Why gradient descent fails", "Warum Gradientenabstieg scheitert"),
    "landscape.first": ("x axis", "x-Achse"),
    "landscape.second": ("y axis", "y-Achse"),
    "landscape.loss": ("Loss", "Loss"),
    "landscape.chart": ("Loss over two weights (log colours)",
                        "Loss über zwei Gewichten (log. Farben)"),
    "landscape.rows": ("Computing the slice: row {done} of {total}",
                       "Schnitt wird berechnet: Zeile {done} von {total}"),
    "landscape.ready": (
        "Slice: {n} × {n} points, all other weights as in the active model; loss on {samples} "
        "of the training pairs (every second one).",
        "Schnitt: {n} × {n} Punkte, alle anderen Gewichte wie im aktiven Modell; Loss auf "
        "{samples} der Trainingspaare (jedes zweite)."),
    "landscape.same": ("Choose two different weights.", "Bitte zwei verschiedene Gewichte wählen."),
    "landscape.descent": ("last {optimizer} run", "letzter {optimizer}-Lauf"),
    "landscape.descent_none": ("gradient-descent run (none yet)",
                               "Gradientenabstieg (noch kein Lauf)"),
    "landscape.lm": ("Levenberg–Marquardt", "Levenberg–Marquardt"),
    "landscape.now": ("active weights", "aktive Gewichte"),
    "landscape.signs": ("Signs of the output-weight gradients now",
                        "Vorzeichen der Gradienten der Ausgabegewichte jetzt"),
    "landscape.cosine": ("Hidden units: cosine similarity / correlation",
                         "Versteckte Neuronen: Kosinus-Ähnlichkeit / Korrelation"),
    "landscape.positive": ("positive", "positiv"),
    "landscape.negative": ("negative", "negativ"),
    "landscape.zero": ("zero", "null"),
    # the mechanism, measured
    "landscape.why.start": (
        "At the active weights the mean prediction is {prediction} against a mean target of "
        "{target}; {share} % of the {samples} pairs have an output pre-activation z > 0 (the "
        "log piece); every target needs z ≤ {needed} (the exp piece).",
        "Bei den aktiven Gewichten ist die mittlere Vorhersage {prediction}, das mittlere Ziel "
        "{target}; bei {share} % der {samples} Paare ist die Eingabe z des Ausgabeneurons > 0 "
        "(Logarithmus-Stück); jedes Ziel braucht z ≤ {needed} (Exponential-Stück)."),
    "landscape.why.both_down": (
        "Both output-weight gradients are positive: a gradient step lowers both output weights "
        "together, so both hidden units are pushed the same way.",
        "Beide Gradienten der Ausgabegewichte sind positiv: ein Gradientenschritt senkt beide "
        "Ausgabegewichte gemeinsam, beide versteckten Neuronen werden in dieselbe Richtung "
        "gedrückt."),
    "landscape.why.both_up": (
        "Both output-weight gradients are negative: a gradient step raises both output weights "
        "together.",
        "Beide Gradienten der Ausgabegewichte sind negativ: ein Gradientenschritt hebt beide "
        "Ausgabegewichte gemeinsam an."),
    "landscape.why.apart": (
        "The output-weight gradients have opposite signs: a gradient step moves the two output "
        "weights apart, which is what division needs (one weight positive, one negative).",
        "Die Gradienten der Ausgabegewichte haben verschiedene Vorzeichen: ein "
        "Gradientenschritt treibt die beiden Ausgabegewichte auseinander, wie die Division es "
        "braucht (ein Gewicht positiv, eines negativ)."),
    "landscape.why.flat": ("An output-weight gradient is 0: a gradient step does not move it.",
                           "Ein Gradient eines Ausgabegewichts ist 0: ein Gradientenschritt "
                           "bewegt es nicht."),
    "landscape.why.starts": (
        "Over {n} random starts (seeds 0 … {last}) both output-weight gradients were positive "
        "in {count}.",
        "Bei {n} Zufallsstarts (Seeds 0 … {last}) waren beide Gradienten der Ausgabegewichte "
        "in {count} Fällen positiv."),
    "landscape.why.counting": ("Counting over random starts …", "Zähle über Zufallsstarts …"),
    "landscape.why.cosine": (
        "The two hidden units' outputs over these pairs: cosine similarity {cosine}, "
        "correlation {correlation}. The cosine is near 1 whenever both outputs are positive; "
        "the correlation (the cosine after subtracting each unit's mean) tells whether they "
        "carry the same information: ±1 means one feature, the net acts like a net with one "
        "hidden unit; division needs one unit per input, independent of each other (the "
        "hand-set weights: {hand_set}).",
        "Die Ausgaben der beiden versteckten Neuronen über diese Paare: Kosinus-Ähnlichkeit "
        "{cosine}, Korrelation {correlation}. Der Kosinus ist nahe 1, sobald beide Ausgaben "
        "positiv sind; die Korrelation (der Kosinus nach Abzug des Mittelwerts jedes "
        "Neurons) sagt, ob sie dieselbe Information tragen: ±1 heißt ein Merkmal, das Netz "
        "wirkt wie eines mit nur einem versteckten Neuron; die Division braucht ein Neuron pro "
        "Eingabe, unabhängig voneinander (die von Hand gesetzten Gewichte: {hand_set})."),
    "landscape.why.kink": (
        "The kink at 0: f({s1}) − f(0) = {k1}, f({s2}) − f(0) = {k2}, but f({s3}) − f(0) = {k3}. "
        "Where a unit's input crosses 0 the loss surface has a cliff (the sharp edges in the "
        "picture): a step size that is safe on one side is useless or explosive on the other.",
        "Der Knick bei 0: f({s1}) − f(0) = {k1}, f({s2}) − f(0) = {k2}, aber "
        "f({s3}) − f(0) = {k3}. Wo die Eingabe eines Neurons 0 überquert, hat die "
        "Loss-Fläche eine Kante (die scharfen Kanten im Bild): eine Schrittweite, die auf "
        "einer Seite sicher ist, ist auf der anderen nutzlos oder explosiv."),
    "landscape.why.other_net": (
        "This net does not use the division activation on every layer; the measured "
        "explanation is shown for the division net only.",
        "Dieses Netz nutzt nicht auf jeder Schicht die Divisions-Aktivierung; die gemessene "
        "Erklärung gibt es nur für das Divisionsnetz."),
})
