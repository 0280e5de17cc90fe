"""Words of the "your own activation" section, German and English."""

from __future__ import annotations

from web.ui import i18n

i18n.register({
    "own.title": ("Your own activation (and derivative) per layer",
                  "Eigene Aktivierung (und Ableitung) pro Schicht"),
    "own.help": (
        "Choose the activation of each layer, or type a formula in x (numbers, x, + − * / **, "
        "exp, log, sqrt, abs, tanh, sin, cos, sigmoid, maximum, minimum, pi, e). A hand-written "
        "derivative is checked against finite differences before it is used; without one the "
        "derivative is a finite difference. Apply keeps the active weights and makes the new "
        "net the active model.",
        "Wähle die Aktivierung jeder Schicht oder tippe eine Formel in x (Zahlen, x, "
        "+ − * / **, exp, log, sqrt, abs, tanh, sin, cos, sigmoid, maximum, minimum, pi, e). "
        "Eine von Hand geschriebene Ableitung wird vor der Verwendung mit finiten Differenzen "
        "geprüft; ohne sie ist die Ableitung eine finite Differenz. Übernehmen behält die "
        "aktiven Gewichte und macht das neue Netz zum aktiven Modell."),
    "own.layer.hidden": ("Hidden layer (a[1])", "Versteckte Schicht (a[1])"),
    "own.layer.output": ("Output layer (a[2])", "Ausgabeschicht (a[2])"),
    "own.kind": ("Activation", "Aktivierung"),
    "own.kind.formula": ("your formula", "eigene Formel"),
    "own.formula": ("f(x) =", "f(x) ="),
    "own.derivative": ("f′(x) = (optional)", "f′(x) = (optional)"),
    "own.accept": ("Use a derivative that failed its check anyway",
                   "Eine Ableitung, die die Prüfung nicht besteht, trotzdem verwenden"),
    "own.apply": ("Apply", "Übernehmen"),
    "own.formula_empty": ("Please type a formula in x.", "Bitte eine Formel in x eingeben."),
    "own.formula_bad": (
        "This is not a formula the lab can read: use x, numbers, + − * / ** and the functions "
        "listed above.",
        "Diese Formel kann das Lab nicht lesen: bitte x, Zahlen, + − * / ** und die oben "
        "genannten Funktionen verwenden."),
    "own.check_ok": (
        "Derivative checked: it matches the finite difference at {checked} points of −20 … 20 "
        "(largest relative error {error}; {skipped} points near kinks skipped).",
        "Ableitung geprüft: sie stimmt an {checked} Stellen von −20 … 20 mit der finiten "
        "Differenz überein (größter relativer Fehler {error}; {skipped} Stellen an Knicken "
        "übersprungen)."),
    "own.check_wrong": (
        "Your derivative is wrong: at x = {x} it gives {analytic}, but (f(x+h) − f(x−h)) / 2h "
        "gives {numeric} (relative error {error}, allowed {tolerance}).",
        "Deine Ableitung ist falsch: bei x = {x} ergibt sie {analytic}, aber "
        "(f(x+h) − f(x−h)) / 2h ergibt {numeric} (relativer Fehler {error}, erlaubt "
        "{tolerance})."),
    "own.check_none": (
        "Your derivative could not be checked: f is not finite or has kinks at every point "
        "of −20 … 20.",
        "Deine Ableitung ließ sich nicht prüfen: f ist an keiner Stelle von −20 … 20 endlich "
        "und glatt."),
    "own.no_check": ("Derivative: finite difference (no formula given).",
                     "Ableitung: finite Differenz (keine Formel angegeben)."),
    "own.builtin": ("Built-in activation with its exact derivative.",
                    "Eingebaute Aktivierung mit ihrer exakten Ableitung."),
    "own.not_applied": ("Nothing changed: every layer needs an activation.",
                        "Nichts geändert: jede Schicht braucht eine Aktivierung."),
    "own.not_trusted": (
        "Nothing changed: a hand-written derivative failed its check. Fix it, or tick “use "
        "it anyway” to watch what training with a wrong derivative does.",
        "Nichts geändert: eine von Hand geschriebene Ableitung hat die Prüfung nicht "
        "bestanden. Korrigiere sie oder setze den Haken „trotzdem verwenden“, um zu sehen, was "
        "Training mit einer falschen Ableitung macht."),
    "own.applied": ("Applied: the net with these activations and the active weights is now "
                    "the active model.",
                    "Übernommen: das Netz mit diesen Aktivierungen und den aktiven Gewichten ist "
                    "jetzt das aktive Modell."),
    "division.origin.own": ("your own activation", "eigene Aktivierung"),
})
