"""Source edits to the pinned wheels that cut start-up and drawing time in the browser.

Importing Panel is most of NN Lab's time-to-interactive (~4 s of ~11 s in Pyodide). Three of its
imports serve nothing in the browser and were measured there (`PYTHONPROFILEIMPORTTIME=1` in the
worker, Panel 1.9.4 on Pyodide 0.27.7):
- `panel.io.cache` imports `unittest.mock` (with `unittest`, `argparse`, `gettext`: 0.39 s) only to
  key one entry of its hash table by the `Mock` class; the table also takes fully qualified type
  names, so the entry becomes the string `"unittest.mock.Mock"` and the import goes (`Mock`
  objects hash as before; its subclasses, e.g. `MagicMock`, now hash like any other object);
- every `Markdown` pane imports the `markdown` package (0.11 s) although only the non-default
  renderer "markdown" uses it; the import moves into that branch (no change in behaviour);
- `import panel` imports its chat components (0.16 s) and page templates (0.18 s), which NN Lab
  does not use (web/app.py); `panel.chat`, `panel.template` and `panel.Template` are imported on
  first use instead (Panel's own code imports templates inside the functions that need them).
One edit cuts the cost of every change the worker sends to the page:
- `panel.io.pyodide` sends each Bokeh change as a patch, and each patch's serializer first
  lists every synced model of the document with a reference object for each (~360 models in
  NN Lab: 1-2 ms per patch in Pyodide, about a tenth of the worker's time while the playground
  trains). `_SYNCED_SERIALIZER` answers "is this model known to the page?" per model instead,
  with the same rule (in the document and not new); the patches are the same JSON.
And one edit sends a burst of changes as one patch:
- `panel.io.pyodide` sends every change event as a message of its own, also the events that a
  document hold collected (`web.ui.bokeh_sync.held`). The page applies each message as a task
  of its own and may repaint a plot between two of them: a loss chart whose new epochs, range
  and ticks arrived one after another painted itself twice or three times. `_SEND_HELD_AS_ONE`
  sends the events of an unhold as one patch, as Bokeh's server does; other events go singly,
  as before.
And three edits to BokehJS (`bokeh.min.js`, vendored from the same wheel): two halve the cost
of a plot's repaint on the page, one allocates less per image:
- Bokeh 3.9 reads every line, fill and text property of every glyph, axis and label it draws
  from the computed style of its element first (`getComputedStyle(el).getPropertyValue(
  "--bk-line-color")`, ...), so that a page could restyle plots with CSS variables. That is a
  third of the time of a repaint, and each read after a change of the page forces the
  browser to compute styles anew. No stylesheet of the site, Bokeh's, Panel's or NN Lab's,
  sets such a variable (a test checks), so every read returns "" and the plot's own property
  is used; `_CSS_VALUE` returns "" at once.
- Every renderer of a plot writes its position (a `:host` rule with its box) into a style
  sheet of its own at every paint, also when the box has not moved, and a written style sheet
  makes the browser recompute the styles of the plot's elements: ~30 times a second, ~1 ms
  each, while the playground trains (a trace of the page). `_STYLE_UPDATE` writes a style
  sheet only when its text changes.
- An image glyph copied each new image into its canvas through `getImageData`, a new 40 kB
  array per frame of the playground's output that lived until the next garbage collection
  (the page's frames are recycled for the same reason: sitebuild/templates/frames.js).
  `_IMAGE_PUT` hands the image's own bytes to `putImageData` when they are already RGBA of
  the canvas's size, as they are for `image_rgba` and colour-mapped images.
Each edit names its exact old text: a new Panel release that changes it stops the build here
instead of shipping an unpatched or wrongly patched file.
"""

from __future__ import annotations

_CACHE_HASH_ENTRY = "unittest.mock.Mock : lambda obj: _int_to_bytes(id(obj)),"
_MARKDOWN_IMPORT = ("    def _transform_object(self, obj: t.Any) -> dict[str, t.Any]:\n"
                    "        import markdown\n")
_MARKDOWN_BRANCH = "        if self.renderer == 'markdown':\n"
_LAZY_SUBMODULES = '''

def __getattr__(name):
    if name in ("chat", "template"):
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    if name == "Template":
        from .template import Template
        return Template
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

'''

_SERIALIZER_LINE = "    serializer = Serializer(references=doc.models.synced_references)\n"
_SYNCED_SERIALIZER = '''

class _SyncedSerializer(Serializer):
    """Serializer(references=models.synced_references), without listing them first."""

    def __init__(self, models) -> None:
        super().__init__()
        self._models = models

    def get_ref(self, obj):
        ref = self._references.get(id(obj))
        if ref is None and isinstance(obj, Model) and self._synced(obj):
            return obj.ref
        return ref

    def _synced(self, model) -> bool:
        return (model not in self._models._new_models
                and self._models._models.get(model.id) is model)

    def has_ref(self, obj) -> bool:
        return self.get_ref(obj) is not None

'''

_WORKER_SYNC = """
    def pysync(event):
        if setter is not None and getattr(event, 'setter', None) == setter:
            return
        json_patch, buffer_map = _process_document_events(doc, [event])
"""
_WORKER_SEND = """
    def send(events):
        events = [e for e in events if setter is None or getattr(e, 'setter', None) != setter]
        if not events:
            return
        json_patch, buffer_map = _process_document_events(doc, events)
"""
_WORKER_LINK = "    doc.on_change(pysync)\n    doc.unhold()\n"
_SEND_HELD_AS_ONE = '''

def _send_held_as_one(doc, send):
    """The on_change callback for ``doc`` that calls ``send`` with a list of events: all the
    events of one unhold of the document together, any other event alone."""
    held = None

    def on_change(event):
        if held is None:
            send([event])
        else:
            held.append(event)

    release = doc.callbacks.unhold

    def unhold():
        nonlocal held
        if held is not None:
            release()
            return
        held = []
        try:
            release()
        finally:
            events, held = held, None
            if events:
                send(events)

    doc.callbacks.unhold = unhold
    return on_change

'''

_CSS_VALUE = ("_get_css_value(t){return getComputedStyle(this.obj.el)"
              ".getPropertyValue(`${this.css_prefix}${t}`)}")
_STYLE_UPDATE = "_update(t){this.el.textContent=t}clear(){"
_IMAGE_COPY = ("const a=s.getImageData(0,0,this.image_width[t],this.image_height[t]);"
               "a.data.set(e),s.putImageData(a,0,0)")
_IMAGE_PUT = ("const w=this.image_width[t],h=this.image_height[t],"
              "a=e instanceof Uint8ClampedArray&&e.length===4*w*h"
              "?new ImageData(e,w,h):s.getImageData(0,0,w,h);"
              "a.data!==e&&a.data.set(e),s.putImageData(a,0,0)")

# member path -> [(old, new), ...]; each old text must occur exactly once.
EDITS: dict[str, list[tuple[str, str]]] = {
    "panel/io/cache.py": [
        ("import unittest.mock\n", ""),
        (_CACHE_HASH_ENTRY, f"'unittest.mock.Mock' : {_CACHE_HASH_ENTRY.split(' : ', 1)[1]}"),
    ],
    "panel/__init__.py": [
        ("from . import template  # noqa\n", ""),
        ("from .template import Template  # noqa\n", ""),
        ("from . import chat  # isort:skip noqa has to be after widgets\n", ""),
        ("\n__all__ = (", _LAZY_SUBMODULES + "\n__all__ = ("),
    ],
    "panel/io/pyodide.py": [
        (_SERIALIZER_LINE, "    serializer = _SyncedSerializer(doc.models)\n"),
        ("\ndef _process_document_events(", _SYNCED_SERIALIZER + "\ndef _process_document_events("),
        (_WORKER_SYNC, _WORKER_SEND),
        (_WORKER_LINK, "    doc.on_change(_send_held_as_one(doc, send))\n    doc.unhold()\n"),
        ("\ndef _link_docs_worker(", _SEND_HELD_AS_ONE + "\ndef _link_docs_worker("),
    ],
    "bokeh/server/static/js/bokeh.min.js": [
        (_CSS_VALUE, '_get_css_value(t){return""}'),
        (_STYLE_UPDATE, _STYLE_UPDATE.replace("this.el.textContent=t",
                                              "this.el.textContent!==t&&(this.el.textContent=t)")),
        (_IMAGE_COPY, _IMAGE_PUT),
    ],
    "panel/pane/markup.py": [
        (_MARKDOWN_IMPORT, _MARKDOWN_IMPORT.replace("        import markdown\n", "")),
        (_MARKDOWN_BRANCH, _MARKDOWN_BRANCH + "            import markdown\n\n"),
    ],
}


def patch_member(name: str, data: bytes) -> bytes:
    """`data` of wheel member `name` with its edits applied (unchanged if it has none)."""
    edits = EDITS.get(name)
    if not edits:
        return data
    text = data.decode()
    for old, new in edits:
        if text.count(old) != 1:
            raise SystemExit(f"build: cannot patch {name}: expected its text {old!r} once "
                             f"(found {text.count(old)}); update sitebuild/patches.py")
        text = text.replace(old, new)
    return text.encode()
