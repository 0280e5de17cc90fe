"""Why a model file was not loaded, in German and in English: every reason has both languages,
and for a sample file of each reason the German status line holds no English words and the
English one no German words (the path into the file and quoted values aside)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

import pytest

import pycore
from pycore.serialization import ModelFileError, from_json, load_weights_json, to_json
from pycore.serialization.problems import GOT, PROBLEMS
from tests.core.model_file_samples import SAMPLES, good
from web.division.model import DivisionViewModel
from web.playground.viewmodel import PlaygroundViewModel
from web.ui import file_errors, i18n
from web.ui.model_files import ModelFiles, load_problem

Dense, Norm = pycore.Dense, pycore.BatchNormalization


def _playground_file(*layers: pycore.Layer) -> bytes:
    return to_json(pycore.Sequential(list(layers), seed=0)).encode()


def _other_layers() -> bytes:
    doc = good()
    doc["layers"], doc["weights"] = doc["layers"][:1], doc["weights"][:2]
    return json.dumps(doc).encode()


def _huge_division_weight() -> bytes:
    doc = json.loads(DivisionViewModel().model_file().save())
    doc["weights"][2] = [[1e9], [-33.3]]
    return json.dumps(doc).encode()


def _division_load(data: bytes) -> None:
    DivisionViewModel().load_json(data)


def _playground_load(data: bytes) -> None:
    PlaygroundViewModel().load_json(data)


def _into_division_net(data: bytes) -> None:
    load_weights_json(pycore.data.division_model("hand_set"), data)


#: reason -> (file, the tab's load); pycore's own reasons come from the shared samples
CASES: dict[str, tuple[object, Callable[[bytes], None]]] = {
    **{reason: (text, from_json) for reason, (text, _) in SAMPLES.items()},
    "layer_count_mismatch": (_other_layers(), _into_division_net),
    "layer_mismatch": (_playground_file(Dense(2, "tanh", input_dim=2), Dense(1)),
                       _into_division_net),
    "pg_net_shape": (_playground_file(Dense(2, input_dim=2)), _playground_load),
    "pg_units": (_playground_file(Dense(9, "tanh", input_dim=2), Dense(1)), _playground_load),
    "pg_activation": (_playground_file(Dense(3, "softmax", input_dim=2), Dense(1)),
                      _playground_load),
    "pg_layer_kind": (_playground_file(Dense(3, "tanh", input_dim=2), Norm(), Dense(1)),
                      _playground_load),
    "pg_inputs": (_playground_file(Dense(3, "tanh", input_dim=5), Dense(1)), _playground_load),
    "division_weights": (_huge_division_weight(), _division_load),
}
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")
QUOTED = re.compile(r"'[^']*'|„[^“]*“|\([^()]*\)")


def _words(texts: list[str]) -> set[str]:
    return {w.lower() for text in texts for w in WORD.findall(re.sub(r"\{[^}]*\}", "", text))}


# Words both languages write: names from the file format and code, and words German shares.
SHARED = {"arrays", "demo", "false", "get", "json", "lab", "name", "null", "playground", "text",
          "true", "utf", "version", "weights"}


def _foreign(code: str) -> set[str]:
    """The other language's words (a German sentence that slips into English shows up here as
    English words that are not in SHARED)."""
    tables = {"en": [*PROBLEMS.values(), *GOT.values(), i18n.text("files.bad", "en")],
              "de": [i18n.text(f"files.problem.{r}", "de") for r in file_errors.translated()]
              + [i18n.text(f"files.got.{k}", "de") for k in GOT]
              + [i18n.text("files.bad", "de")]}
    return _words(tables["de" if code == "en" else "en"]) - SHARED


def _error(reason: str) -> ModelFileError:
    data, load = CASES[reason]
    if isinstance(data, bytes):
        problem = load_problem(data, load)
        assert isinstance(problem, ModelFileError)
        return problem
    with pytest.raises(ModelFileError) as info:
        load(data)
    return info.value


def test_every_reason_has_both_languages() -> None:
    assert set(PROBLEMS) == file_errors.translated()
    for reason in PROBLEMS:
        assert i18n.text(f"files.problem.{reason}", "en") == PROBLEMS[reason]
        assert i18n.text(f"files.problem.{reason}", "de") != PROBLEMS[reason]


def test_every_reason_has_a_case() -> None:
    assert set(CASES) == set(PROBLEMS) - {"cannot_build", "cannot_compile"}


@pytest.mark.parametrize("reason", sorted(CASES))
@pytest.mark.parametrize("code", ["de", "en"])
def test_status_line_speaks_one_language(reason: str, code: str) -> None:
    error = _error(reason)
    assert error.reason == reason
    message = ("files.bad", {"name": "x.json", "model": "division.model", "problem": error})
    status = ModelFiles._status_html(message, code)
    start = "x.json konnte nicht geladen werden" if code == "de" else "Could not load x.json"
    assert start in status and error.where in status
    text = html.unescape(re.sub(r"<[^>]*>", " ", status)).replace(error.where, " ")
    for value in error.fields.values():
        text = text.replace(str(value), " ")
    foreign = {w.lower() for w in WORD.findall(QUOTED.sub(" ", text))} & _foreign(code)
    assert not foreign, (foreign, status)


def test_found_values_and_numbers_follow_the_language() -> None:
    error = _error("number_range")  # momentum 1.5
    assert "in der Datei steht aber die Zahl 1,5." in file_errors.detail(error, "de")
    assert "[0; 1]" in file_errors.detail(error, "de")
    assert file_errors.detail(error, "en").endswith("got a number (1.5).")
    unknown = _error("unknown_name")
    assert "die Aktivierungsfunktion 'divide' ist unbekannt" in file_errors.detail(unknown, "de")
    assert file_errors.detail(_error("object"), "de").startswith("Datei: erwartet wird ein Objekt")


def test_an_error_without_a_reason_is_marked_as_english() -> None:
    error = ModelFileError("weights: something odd")
    german = file_errors.detail(error, "de")
    assert german == ("die Datei lässt sich nicht verwenden (Meldung auf Englisch: "
                      "„weights: something odd“).")
    assert file_errors.detail(error, "en") == "weights: something odd."
