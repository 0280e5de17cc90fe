"""The deep-nets tab's words, English and German, in one place."""

from __future__ import annotations

from web.ui import i18n

i18n.register({
    "deep.heading": ("## Deep nets: activations and gradients, layer by layer",
                     "## Tiefe Netze: Aktivierungen und Gradienten, Schicht für Schicht"),
    "deep.intro": (
        "Many equal layers, N(0, 1) inputs. Left: how the activations a[l] of each layer are "
        "distributed (layer 1 at the back, the deepest in front); right: the gradients ∂L/∂a[l] "
        "that backprop sends back to each layer. A spread that shrinks from layer to layer is a "
        "vanishing signal, one that grows an exploding signal.",
        "Viele gleiche Schichten, N(0, 1)-Eingaben. Links: wie die Aktivierungen a[l] jeder "
        "Schicht verteilt sind (Schicht 1 hinten, die tiefste vorne); rechts: die Gradienten "
        "∂L/∂a[l], die Backprop an jede Schicht zurückschickt. Eine Streuung, die von Schicht zu "
        "Schicht schrumpft, ist ein verschwindendes Signal, eine wachsende ein explodierendes."),
    # settings
    "deep.depth": ("Depth (1–50)", "Tiefe (1–50)"),
    "deep.width": ("Width (2–500)", "Breite (2–500)"),
    "deep.activation": ("Activation", "Aktivierung"),
    "deep.initializer": ("Weight initialisation", "Gewichtsinitialisierung"),
    "deep.sigma": ("σ of random_normal", "σ von random_normal"),
    "deep.batch_norm": ("Batch normalisation after every layer",
                        "Batch-Normalisierung nach jeder Schicht"),
    "deep.inputs": ("Inputs", "Eingaben"),
    "deep.inputs.normal": ("N(0, 1)", "N(0, 1)"),
    "deep.inputs.uniform": ("uniform, variance 1", "gleichverteilt, Varianz 1"),
    "deep.inputs.ones": ("all 1 (the script's example)", "alle 1 (Beispiel aus dem Skript)"),
    "deep.samples": ("Examples", "Beispiele"),
    "deep.seed": ("Seed", "Seed"),
    # presets
    "deep.presets": ("Presets (one click each)", "Presets (je ein Klick)"),
    "deep.homework": ("Homework (30 layers × 100 units):",
                      "Hausaufgabe (30 Schichten × 100 Neuronen):"),
    "deep.preset.saturation": ("σ = 15.811: saturation", "σ = 15,811: Sättigung"),
    "deep.preset.vanishing": ("Vanishing gradients", "Verschwindende Gradienten"),
    "deep.preset.dying": ("Dying ReLU", "Dying ReLU"),
    "deep.preset.selu": ("SELU + lecun_normal", "SELU + lecun_normal"),
    "deep.preset.batchnorm": ("Batch norm: with and without", "Batch-Norm: mit und ohne"),
    "deep.explain.homework": (
        "{activation}, {depth} layers, weights N(0, σ = {sigma}), i.e. variance 1/n: the "
        "activations' standard deviation is {a_first} in layer 1 and {a_last} in layer {depth} "
        "(between {a_min} and {a_max}); the gradients' is {g_last} at layer {depth} and "
        "{g_first} at layer 1.",
        "{activation}, {depth} Schichten, Gewichte N(0, σ = {sigma}), also Varianz 1/n: die "
        "Standardabweichung der Aktivierungen ist {a_first} in Schicht 1 und {a_last} in "
        "Schicht {depth} (zwischen {a_min} und {a_max}); die der Gradienten {g_last} bei "
        "Schicht {depth} und {g_first} bei Schicht 1."),
    "deep.explain.saturation": (
        "{inputs} inputs, each 1, and weights from N(0, 1): the sum z in layer 1 has standard "
        "deviation {z_std} (√{inputs} = {root}). {share} of the sigmoid outputs of layer 1 are "
        "below {low} or above {high}, where the slope is below {flat_slope}; the mean slope is "
        "{slope} (at most {steepest}): these neurons hardly learn.",
        "{inputs} Eingaben, jede 1, und Gewichte aus N(0, 1): die Summe z in Schicht 1 hat die "
        "Standardabweichung {z_std} (√{inputs} = {root}). {share} der Sigmoid-Ausgaben von "
        "Schicht 1 liegen unter {low} oder über {high}, wo die Steigung unter {flat_slope} "
        "liegt; die mittlere Steigung ist {slope} (höchstens {steepest}): diese Neuronen lernen "
        "kaum."),
    "deep.explain.vanishing": (
        "The sigmoid's slope is at most {steepest}, so on the way back every layer shrinks the "
        "gradient: its standard deviation is {g_last} at layer {depth} and {g_first} at "
        "layer 1, {factor} times smaller. The first layers hardly learn.",
        "Die Steigung der Sigmoid-Funktion ist höchstens {steepest}, also verkleinert jede "
        "Schicht den Gradienten auf dem Rückweg: seine Standardabweichung ist {g_last} bei "
        "Schicht {depth} und {g_first} bei Schicht 1, {factor}-mal kleiner. Die ersten "
        "Schichten lernen kaum."),
    "deep.explain.dying": (
        "{count} of {depth} layers consist of dead units only (ReLU output 0 for every "
        "example), the first is layer {first}, the last layer {last}. No gradient passes a dead "
        "layer: below layer {last} every gradient is exactly 0 (standard deviation at layer 1: "
        "{g_first}).",
        "{count} von {depth} Schichten bestehen nur aus toten Neuronen (ReLU-Ausgabe 0 für "
        "jedes Beispiel), die erste ist Schicht {first}, die letzte Schicht {last}. Durch eine "
        "tote Schicht fließt kein Gradient: unterhalb von Schicht {last} ist jeder Gradient "
        "genau 0 (Standardabweichung bei Schicht 1: {g_first})."),
    "deep.explain.dying_none": (
        "No layer is entirely dead; the largest share of dead units is {share}, in layer "
        "{layer}.",
        "Keine Schicht ist ganz tot; der größte Anteil toter Neuronen ist {share}, in Schicht "
        "{layer}."),
    "deep.explain.selu": (
        "SELU with lecun_normal weights normalises itself: over all {depth} layers the "
        "activations' standard deviation stays between {a_min} and {a_max} and their mean "
        "between {m_min} and {m_max}.",
        "SELU mit lecun_normal-Gewichten normalisiert sich selbst: über alle {depth} Schichten "
        "bleibt die Standardabweichung der Aktivierungen zwischen {a_min} und {a_max} und ihr "
        "Mittelwert zwischen {m_min} und {m_max}."),
    "deep.explain.batchnorm": (
        "A: the vanishing-gradient net ({depth} sigmoid layers) with batch normalisation after "
        "every layer; B: the same net without. At layer 1 the gradients' standard deviation is "
        "{g_a} with and {g_b} without it, {factor} times larger; the activations' standard "
        "deviation stays between {a_min} and {a_max}.",
        "A: das Netz mit verschwindenden Gradienten ({depth} Sigmoid-Schichten) mit "
        "Batch-Normalisierung nach jeder Schicht; B: dasselbe Netz ohne. Bei Schicht 1 ist die "
        "Standardabweichung der Gradienten {g_a} mit und {g_b} ohne, {factor}-mal größer; die "
        "der Aktivierungen bleibt zwischen {a_min} und {a_max}."),
    # comparison and training
    "deep.pin": ("Keep as B to compare", "Als B zum Vergleich behalten"),
    "deep.unpin": ("End the comparison", "Vergleich beenden"),
    "deep.train": ("Train {n} epochs", "{n} Epochen trainieren"),
    "deep.train_epochs": ("Epochs per click", "Epochen pro Klick"),
    "deep.training": ("Training: epoch {epoch} of {total} …",
                      "Training: Epoche {epoch} von {total} …"),
    # status
    "deep.status": ("{side}: {depth} layers × {width} units, {activation}, {init}, {bn}; "
                    "{epochs} epochs trained, loss {loss}; probe of {samples} examples: "
                    "{seconds} s.",
                    "{side}: {depth} Schichten × {width} Neuronen, {activation}, {init}, {bn}; "
                    "{epochs} Epochen trainiert, Loss {loss}; Messung an {samples} Beispielen: "
                    "{seconds} s."),
    "deep.bn.on": ("batch normalisation", "Batch-Normalisierung"),
    "deep.bn.off": ("no batch normalisation", "ohne Batch-Normalisierung"),
    "deep.init.sigma": ("N(0, σ = {sigma})", "N(0, σ = {sigma})"),
    "deep.msg.too_large": (
        "{depth} layers × {width} units on {samples} examples would need {millions} million "
        "multiply-adds per pass; the probe allows at most {limit} million (e.g. 50 layers × 100 "
        "units on 1000 examples). The previous setting stays.",
        "{depth} Schichten × {width} Neuronen an {samples} Beispielen bräuchten {millions} "
        "Millionen Multiplikationen pro Durchlauf; die Messung erlaubt höchstens {limit} "
        "Millionen (z. B. 50 Schichten × 100 Neuronen an 1000 Beispielen). Die vorige "
        "Einstellung bleibt."),
    "deep.msg.activation_overflow": (
        "{side}: activations overflow from layer {layer}: from there on, and for every "
        "gradient, there is no finite number to draw.",
        "{side}: die Aktivierungen laufen ab Schicht {layer} über: ab dort, und für jeden "
        "Gradienten, gibt es keine endliche Zahl zu zeichnen."),
    "deep.msg.gradient_overflow": (
        "{side}: gradients overflow from layer {layer} down to layer 1; those layers are left "
        "out of the gradient pictures.",
        "{side}: die Gradienten laufen ab Schicht {layer} abwärts bis Schicht 1 über; diese "
        "Schichten fehlen in den Gradientenbildern."),
    "deep.msg.zero_gradients": (
        "{side}: every gradient of layers 1–{layer} is exactly 0; the logarithmic axis cannot "
        "show 0.",
        "{side}: jeder Gradient der Schichten 1–{layer} ist genau 0; die logarithmische Achse "
        "kann 0 nicht zeigen."),
    # figures
    "deep.kind.activation": ("activations a[l]", "Aktivierungen a[l]"),
    "deep.kind.gradient": ("gradients ∂L/∂a[l]", "Gradienten ∂L/∂a[l]"),
    "deep.ridge.title": ("{side}: {what}", "{side}: {what}"),
    "deep.axis.layer": ("layer", "Schicht"),
    "deep.axis.a": ("a[l]", "a[l]"),
    "deep.axis.gradient": ("∂L/∂a[l]", "∂L/∂a[l]"),
    "deep.hover.mean": ("mean", "Mittelwert"),
    "deep.hover.std": ("std", "Std.-Abw."),
    "deep.spread.title": ("Activations: mean and std", "Aktivierungen: Mittelwert, Std.-Abw."),
    "deep.gradients.title": ("Gradients: std (log axis)", "Gradienten: Std.-Abw. (log.)"),
    "deep.dead.title": ("Dead units (output always 0)", "Tote Neuronen (Ausgabe immer 0)"),
    "deep.axis.share": ("share of units", "Anteil der Neuronen"),
    "deep.derivative.title": ("Layer {layer}: sums z, slope f'(z)",
                              "Schicht {layer}: Summen z, Steigung f'(z)"),
    "deep.axis.z": ("z", "z"),
    "deep.axis.density": ("density", "Dichte"),
    "deep.axis.slope": ("f'(z)", "f'(z)"),
    "deep.legend.mean": ("{side} mean", "{side} Mittelwert"),
    "deep.legend.std": ("{side} std", "{side} Std.-Abw."),
    "deep.legend.weight_norm": ("{side} ‖∂L/∂W‖", "{side} ‖∂L/∂W‖"),
    "deep.legend.histogram": ("{side} z", "{side} z"),
    "deep.legend.slope": ("f'(z)", "f'(z)"),
    "deep.layer": ("Layer in the slope picture", "Schicht im Steigungsbild"),
    "deep.export": ("Picture to export", "Bild für den Export"),
    "deep.figure.activations": ("activations per layer", "Aktivierungen je Schicht"),
    "deep.figure.gradients": ("gradients per layer", "Gradienten je Schicht"),
    "deep.figure.spread": ("mean and std over depth", "Mittelwert und Std.-Abw. über die Tiefe"),
    "deep.figure.gradient_spread": ("gradient std over depth",
                                    "Std.-Abw. der Gradienten über die Tiefe"),
    "deep.figure.dead": ("dead units", "tote Neuronen"),
    "deep.figure.slope": ("slope over the sums z", "Steigung über den Summen z"),
    "deep.model": ("deep net A", "tiefe Netz A"),
})
