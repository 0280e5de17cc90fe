"""Save the current model as a JSON file and load one back (header of the app).

The file format and all validation belong to ``pycore.serialization``; this module is only the
UI: a download button that writes ``to_json`` at click time (so it always saves the current
weights) and a file input whose bytes go to the owner's ``load`` callback. A file that cannot be
loaded raises ``ModelFileError`` there, which is shown as a message, and nothing changes.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable

import panel as pn
import param

from pycore.serialization import ModelFileError
from web import i18n

i18n.register(
    {
        "files.save": ("Save model (JSON)", "Modell speichern (JSON)"),
        "files.load": ("Load model:", "Modell laden:"),
        "files.loaded": ("Loaded {name}.", "{name} geladen."),
        "files.bad": ("Could not load {name}: {detail} The model was not changed.",
                      "{name} konnte nicht geladen werden: {detail} Das Modell bleibt "
                      "unverändert."),
        "files.cannot_save": ("Cannot save: {detail}", "Speichern nicht möglich: {detail}"),
    }
)

MAX_FILE_BYTES = 5_000_000


def load_file(data: bytes | None, load: Callable[[bytes], None]) -> str | None:
    """Hand the file's bytes to ``load``; return None on success, the problem text otherwise."""
    if not data:
        return "the file is empty."
    if len(data) > MAX_FILE_BYTES:
        return f"the file is larger than {MAX_FILE_BYTES} bytes."
    try:
        load(data)
    except ModelFileError as error:
        return f"{error}."
    return None


class ModelFiles(pn.viewable.Viewer):
    """Download/upload buttons for one model, with a status line (class ``nnlab-file-message``)."""

    status = param.String(default="", doc="Last save/load message (plain text).")

    def __init__(self, lang: i18n.Language, save: Callable[[], str],
                 load: Callable[[bytes], None], filename: str = "nnlab-model.json",
                 **params: object) -> None:
        super().__init__(**params)
        self._lang = lang
        self._save, self._load = save, load
        self.download = pn.widgets.FileDownload(
            callback=self._download, filename=filename, embed=False, color="primary",
            css_classes=["nnlab-save-model"])
        self.upload = pn.widgets.FileInput(accept=".json,application/json", multiple=False,
                                           css_classes=["nnlab-load-model"], width=230)
        self.upload.param.watch(self._uploaded, "value")
        self._label = pn.pane.HTML("", margin=(12, 4, 0, 12))
        self._message = pn.pane.HTML("", margin=(8, 8))
        lang.bind(self._relabel)

    def _relabel(self) -> None:
        self.download.label = self._lang.t("files.save")
        self._label.object = self._lang.t("files.load")

    @param.depends("status", watch=True)
    def _show_status(self) -> None:
        self._message.object = (f'<span class="nnlab-file-message">{html.escape(self.status)}'
                                "</span>") if self.status else ""

    def _download(self) -> io.StringIO:
        try:
            return io.StringIO(self._save())
        except ValueError as error:  # non-finite weights cannot be saved
            self.status = self._lang.t("files.cannot_save", detail=str(error))
            raise

    def _uploaded(self, event: param.parameterized.Event) -> None:
        if event.new is None:
            return
        name = self.upload.filename or "file"
        problem = load_file(event.new, self._load)
        self.status = (self._lang.t("files.loaded", name=name) if problem is None
                       else self._lang.t("files.bad", name=name, detail=problem))
        # Choosing the same file again must load it again. clear() empties the browser's file
        # field (else it reports no change); the browser then sends value "" back. Under
        # panel serve that echo and a quick next upload can reach Python in the same 50 ms
        # debounce window, where Panel keeps only the last value: the same bytes as now, so
        # no change and no load (1 in 3 test runs). Forgetting the bytes here makes any next
        # upload a change, whether or not the echo arrives first.
        self.upload.value = None
        self.upload.clear()

    def __panel__(self) -> pn.Row:
        return pn.Column(pn.Row(self.download, self._label, self.upload), self._message,
                         align="center")
