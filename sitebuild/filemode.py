"""Make the offline folder start from a double-click on index.html (file://).

What Chromium allows on a page opened from disk (measured, docs/deployment.md): no Worker from a
file, no fetch/XHR/importScripts of file:// URLs; but classic ``<script src>`` tags for files
next to the page, Workers from ``blob:`` URLs, ``importScripts`` of ``blob:`` URLs inside them
and WebAssembly compiled from bytes all work. So every file the worker reads is also shipped as
a script, ``payload/<path>.js``, that hands its bytes to the page as base64:

    nnlabPayload("pyodide/pyodide.asm.wasm", "AGFzbQEAAAAB…");

The page (loader.js) starts the worker from a ``blob:`` URL made from ``payload/worker.js.js``;
the worker (worker.js) asks the page for each file when it needs it (``file-request``), and the
page injects that file's payload script and sends the bytes back. Files are fetched lazily, so
export-only packages (matplotlib, …) cost nothing until used. Served over http nothing of this
runs: the payload folder is only read from file://.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

PAYLOAD_DIR = "payload"
# Everything the worker may read: its own source, Pyodide (core, packages) and our wheels.
PAYLOAD_SOURCES = ("worker.js", "pyodide", "wheels")


def payload_name(path: str) -> str:
    """The payload script of a site-relative path (also computed in loader.js)."""
    return f"{PAYLOAD_DIR}/{path}.js"


def write_payload(site: Path) -> int:
    """Write ``payload/<path>.js`` for every worker-readable file of ``site``; return bytes."""
    total = 0
    for source in PAYLOAD_SOURCES:
        root = site / source
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for file in files:
            path = file.relative_to(site).as_posix()
            target = site / payload_name(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            encoded = base64.b64encode(file.read_bytes()).decode("ascii")
            target.write_text(f"nnlabPayload({json.dumps(path)}, \"{encoded}\");\n",
                              encoding="ascii")
            total += target.stat().st_size
    return total
