"""Why a model file cannot be loaded, in the reader's language.

pycore describes every problem of a file as a :class:`ModelFileError` with a path (``where``),
a stable ``reason`` and the ``fields`` of its English sentence (``pycore.serialization.
problems``). This module gives each reason its German sentence next to pycore's English one
(registered with :mod:`web.ui.i18n` as ``files.problem.<reason>``) and fills in the fields per
language: what was found in the file (:class:`Got`), the kind of a looked-up name and numbers
quoted from the file. The path stays as it is, it points into the file. A tab with checks of its
own adds its reasons with :func:`register`. An error without a translated reason is shown as a
German sentence that quotes pycore's English words as such, never as English inside German.
"""

from __future__ import annotations

from pycore.serialization.problems import GOT, PROBLEMS, Got, ModelFileError, add_problems
from web.ui import fmt, i18n

GERMAN: dict[str, str] = {
    "not_utf8": "die Datei ist kein UTF-8-Text",
    "not_text": "erwartet wird der Text einer JSON-Datei, übergeben wurde aber {type}",
    "too_large": "die Datei ist zu groß ({size} Zeichen, höchstens {limit})",
    "non_finite": "die Datei enthält {literal}; jede Zahl muss endlich sein",
    "float_overflow": "die Zahl {number} ist zu groß für eine Gleitkommazahl",
    "too_many_digits": "die Zahl {number}... hat zu viele Ziffern",
    "too_deep": "die Datei ist zu tief verschachtelt, um eine Modelldatei zu sein",
    "not_json": "die Datei ist kein gültiges JSON (Fehler in Zeile {line}, Spalte {column})",
    "object": "erwartet wird ein Objekt {{...}}, in der Datei steht aber {got}",
    "unknown_field": "unbekanntes Feld '{field}'; erlaubt sind: {allowed}",
    "missing_field": "das Feld '{field}' fehlt",
    "whole_number": "erwartet wird eine ganze Zahl von {low} bis {high}, in der Datei steht "
                    "aber {got}",
    "number": "erwartet wird eine Zahl, in der Datei steht aber {got}",
    "number_range": "erwartet wird eine Zahl in {left}{low}; {high}{right}, in der Datei steht "
                    "aber {got}",
    "boolean": "erwartet wird true oder false, in der Datei steht aber {got}",
    "setting_value": "erwartet wird eine Zahl, true/false oder null, in der Datei steht aber "
                     "{got}",
    "text": "erwartet wird ein Text mit höchstens {limit} Zeichen, in der Datei steht aber {got}",
    "name": "erwartet wird ein Name ({known}), in der Datei steht aber {got}",
    "unknown_name": "{kind} '{name}' ist unbekannt; bekannt sind: {known}.",
    "rejected": "dieser Wert wird nicht angenommen (Meldung auf Englisch: „{detail}“)",
    "list_length": "erwartet wird eine Liste der Länge {count}, in der Datei steht aber {got}",
    "format": "erwartet wird '{expected}', in der Datei steht aber {got}",
    "version": "erwartet wird {expected} (dieses Lab liest Dateien der Version {expected}), in "
               "der Datei steht aber {got}",
    "layer_count": "erwartet wird eine Liste von 1 bis {limit} Schichten, in der Datei steht "
                   "aber {got}",
    "layer_kind": "erwartet wird eine dieser Schichtarten: {known}; in der Datei steht aber {got}",
    "first_layer": "die erste Schicht muss die Zahl der Eingänge festlegen ({starters}), "
                   "{layer} tut das nicht",
    "input_width": "erwartet wird {expected} (die Breite der Schicht davor), in der Datei steht "
                   "aber {found}",
    "axis": "erwartet wird -1 oder 1 (die Merkmale), in der Datei steht aber {got}",
    "too_many_params": "das Modell hat {count} Parameter, erlaubt sind höchstens {limit}",
    "cannot_build": "das Modell lässt sich nicht aufbauen (Meldung auf Englisch: „{detail}“)",
    "weight_count": "erwartet wird eine Liste von {count} Arrays (die Gewichte aller Schichten "
                    "in der Reihenfolge von get_weights), in der Datei steht aber {got}",
    "optimizer_object": "erwartet wird ein Objekt mit Name und Einstellungen des Optimierers, "
                        "in der Datei steht aber {got}",
    "metric_list": "erwartet wird eine Liste von höchstens {limit} Metriknamen, in der Datei "
                   "steht aber {got}",
    "cannot_compile": "das Modell lässt sich nicht kompilieren (Meldung auf Englisch: "
                      "„{detail}“)",
    "layer_count_mismatch": "die Datei hat {file} Schichten, dieses Modell {model}",
    "layer_mismatch": "die Schicht der Datei {file} passt nicht zur Schicht dieses Modells "
                      "{model}",
}
GOT_GERMAN = {"object": "ein Objekt", "list": "eine Liste der Länge {length}",
              "text": "der Text {sample!r}", "number": "die Zahl {sample}", "true": "true",
              "false": "false", "null": "null"}
#: the kinds of looked-up names (pycore's words in English, with the German article)
KINDS = {"activation": "die Aktivierungsfunktion", "initializer": "der Initialisierer",
         "regularizer": "der Regularisierer", "optimizer": "der Optimierer",
         "loss": "die Verlustfunktion", "metric": "die Metrik"}

i18n.register({
    **{f"files.got.{kind}": (GOT[kind], german) for kind, german in GOT_GERMAN.items()},
    **{f"files.kind.{kind}": (kind, german) for kind, german in KINDS.items()},
    "files.where.file": ("file", "Datei"),
    "files.problem.unexplained": ("{detail}", "die Datei lässt sich nicht verwenden (Meldung "
                                              "auf Englisch: „{detail}“)"),
})
_TRANSLATED: set[str] = set()


def register(table: dict[str, tuple[str, str]]) -> None:
    """A tab's own reasons, ``reason -> (English, German)``: the English sentence goes to
    pycore (``str(error)``), both to the translations."""
    add_problems({reason: english for reason, (english, _) in table.items()})
    translate({reason: german for reason, (_, german) in table.items()})


def translate(german: dict[str, str]) -> None:
    """German sentences for reasons whose English sentence pycore already has."""
    i18n.register({f"files.problem.{reason}": (PROBLEMS[reason], text)
                   for reason, text in german.items()})
    _TRANSLATED.update(german)


def translated() -> set[str]:
    """The reasons that have both languages."""
    return set(_TRANSLATED)


def detail(error: ModelFileError, code: str) -> str:
    """What is wrong with the file as one sentence in language ``code``:
    ``"<where>: <problem>."``."""
    if error.reason not in _TRANSLATED:
        return _sentence("", i18n.text("files.problem.unexplained", code, detail=str(error)))
    fields = {name: _field(name, value, code) for name, value in error.fields.items()}
    problem = i18n.text(f"files.problem.{error.reason}", code, **fields)
    where = i18n.text("files.where.file", code) if error.where == "file" else error.where
    return _sentence(where, problem)


def _sentence(where: str, problem: str) -> str:
    text = f"{where}: {problem}" if where else problem
    return text if text.endswith(".") else f"{text}."


def _field(name: str, value: object, code: str) -> object:
    if isinstance(value, Got):
        sample = (fmt.exact(value.sample, code) if value.kind == "number" else value.sample)
        return i18n.text(f"files.got.{value.kind}", code, sample=sample, length=value.length)
    if name == "kind" and value in KINDS:
        return f"files.kind.{value}"  # i18n.text translates a field that is a key
    return value  # i18n.text writes floats with the language's decimal mark


translate(GERMAN)
