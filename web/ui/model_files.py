"""Save the model of the tab in view as a JSON file, and load one back (header of the app).

The file format and all validation belong to ``pycore.serialization``; this module is the UI:
a download button that asks the tab in view for its file at click time (so it always saves the
current weights of the model the student is looking at) and a file input whose bytes go to that
tab. A tab offers a file by having a ``model_file()`` method returning a :class:`ModelFile`.
A file that cannot be loaded raises ``ModelFileError`` there, which is shown as a message (its
reason translated by ``file_errors``), and nothing changes. The message names the file and the
model, follows the language and is cleared by the next action (``clear()``, e.g. when another
tab is opened).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass

import panel as pn
import param

from pycore.serialization import ModelFileError
from web.ui import file_errors, i18n
from web.ui.display import Display

i18n.register({
    "files.save": ("Save model", "Modell speichern"),
    "files.load": ("Load:", "Laden:"),
    "files.loaded": ("Loaded {name} into the {model}.", "{name} in das {model} geladen."),
    "files.saved": ("Saved the {model} as {name}.", "Das {model} als {name} gespeichert."),
    "files.bad": ("Could not load {name}: {detail} The {model} was not changed.",
                  "{name} konnte nicht geladen werden: {detail} Das {model} bleibt unverändert."),
    "files.empty": ("the file is empty.", "die Datei ist leer."),
    "files.too_large": ("the file is larger than {limit} bytes.",
                        "die Datei ist größer als {limit} Bytes."),
    "files.cannot_save": ("Cannot save the {model}: a weight is not a finite number.",
                          "Das {model} kann nicht gespeichert werden: ein Gewicht ist keine "
                          "endliche Zahl."),
    "files.none": ("This tab has no model to save or load.",
                   "Dieser Reiter hat kein Modell zum Speichern oder Laden."),
})

MAX_FILE_BYTES = 5_000_000
Message = tuple[str, dict[str, object]]  # i18n key and fields
Problem = Message | ModelFileError  # why a file was not loaded


@dataclass(frozen=True)
class ModelFile:
    """What a tab offers the header: its model's name (an i18n key, e.g. "the division net"),
    the download's file name, and how to save and load it."""

    model_key: str
    filename: str
    save: Callable[[], str]
    load: Callable[[bytes], None]


def load_problem(data: bytes | None, load: Callable[[bytes], None]) -> Problem | None:
    """Hand the file's bytes to ``load``; None on success, else what went wrong."""
    if not data:
        return "files.empty", {}
    if len(data) > MAX_FILE_BYTES:
        return "files.too_large", {"limit": MAX_FILE_BYTES}
    try:
        load(data)
    except ModelFileError as error:
        return error
    return None


class ModelFiles(pn.viewable.Viewer):
    """Download/upload buttons for the tab in view, with one status line
    (class ``nnlab-file-message``)."""

    message = param.Parameter(default=None, doc="(i18n key, fields) of the last action.")

    def __init__(self, display: Display, target: Callable[[], object | None]) -> None:
        super().__init__()
        self.display, self._target = display, target
        self.download = pn.widgets.FileDownload(
            callback=self._download, filename="nnlab-model.json", embed=False, color="primary",
            label=display.text("files.save"), css_classes=["nnlab-save-model"])
        self.upload = pn.widgets.FileInput(accept=".json,application/json", multiple=False,
                                           css_classes=["nnlab-load-model"], width=210)
        self.upload.param.watch(self._uploaded, ["value", "filename"])
        self._label = pn.pane.HTML(display.text("files.load"), margin=(12, 4, 0, 12))
        self._status = pn.pane.HTML(pn.bind(self._status_html, self.param.message,
                                            display.param.code), margin=(8, 8))

    def clear(self) -> None:
        self.message = None

    def _file(self) -> ModelFile | None:
        view = self._target()
        offer = getattr(view, "model_file", None)
        return offer() if offer is not None else None

    def _download(self) -> io.StringIO:
        file = self._file()
        if file is None:
            self.message = ("files.none", {})
            return io.StringIO("")
        self.download.filename = file.filename
        try:
            text = file.save()
        except ValueError:  # non-finite weights cannot be saved
            self.message = ("files.cannot_save", {"model": file.model_key})
            raise
        self.message = ("files.saved", {"model": file.model_key, "name": file.filename})
        return io.StringIO(text)

    def _uploaded(self, *events: param.parameterized.Event) -> None:
        """A chosen file arrives as one change of value and filename; an empty file has no
        value at all (Panel turns empty contents into None), only a new filename."""
        changed = {event.name for event in events}
        data = self.upload.value
        if data is None and not ("filename" in changed and self.upload.filename):
            return  # our own reset below, or nothing chosen
        name = self.upload.filename or "?"
        file = self._file()
        if file is None:
            self.message = ("files.none", {})
        else:
            problem = load_problem(data, file.load)
            fields = {"name": name, "model": file.model_key}
            self.message = (("files.loaded", fields) if problem is None
                            else ("files.bad", {**fields, "problem": problem}))
        # Forget the bytes: the next file counts as a change even if it is the same file again
        # (and even when the browser's echo of the cleared field and the next upload reach
        # the server within Panel's debounce window, which kept only the last, equal value);
        # clear() empties the browser's field too, which otherwise ignores the same file.
        self.upload.value = None
        self.upload.clear()

    @staticmethod
    def _status_html(message: Message | None, code: str) -> str:
        if message is None:
            return ""
        key, fields = message
        if "problem" in fields:
            problem = fields["problem"]
            detail = (file_errors.detail(problem, code) if isinstance(problem, ModelFileError)
                      else i18n.text(problem[0], code, **problem[1]))
            fields = {k: v for k, v in fields.items() if k != "problem"} | {"detail": detail}
        text = i18n.text(key, code, **fields)
        return f'<span class="nnlab-file-message">{html.escape(text)}</span>'

    def __panel__(self) -> pn.Column:
        return pn.Column(pn.Row(self.download, self._label, self.upload), self._status,
                         align="center")
