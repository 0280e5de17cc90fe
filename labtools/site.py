"""The static site as the browser runs get it: built by ``build.py``, then warmed up.

Why here: the browser tests and every site benchmark build the same folder the same way
(``build.py --offline``: Pyodide from ``$PYODIDE_DIR``, or downloaded once), and the
benchmarks must measure training only after the app's one-time background load of Matplotlib
(``web.ui.export.warm_up``), which occupies the worker for seconds.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from labtools import REPO_ROOT
from labtools.browser import launch_chromium
from labtools.serve import serve_directory

BUILD_TIMEOUT_S = 600.0
# True once web.ui.export.warm_up has drawn its figure (the import and drawing are synchronous,
# so the worker answers this check only before the import or after the drawing).
EXPORT_READY_JS = "() => pyodide.runPython(\"import sys; 'matplotlib.pyplot' in sys.modules\")"


class SiteBuildError(RuntimeError):
    """``build.py`` failed; the message holds its output (when it was captured)."""


def build_site(out: Path, offline: bool = True, quiet: bool = False) -> Path:
    """Build the site into ``out`` (``build.py [--offline] --out out``) and return ``out``.

    ``quiet`` captures the build's output (it then appears only in the error); otherwise it
    goes to the console. A failure raises :class:`SiteBuildError`: an offline build without
    ``$PYODIDE_DIR`` and without network access cannot succeed, and must not pass for one."""
    command = [sys.executable, str(REPO_ROOT / "build.py"), *(["--offline"] if offline else []),
               "--out", str(out)]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=quiet, text=True,
                            timeout=BUILD_TIMEOUT_S, check=False)
    if result.returncode != 0:
        output = f"\n{result.stdout}\n{result.stderr}" if quiet else ""
        needs = " (an offline build needs PYODIDE_DIR or network access)" if offline else ""
        raise SiteBuildError(f"build.py exited with {result.returncode}{needs}{output}")
    return out


@contextlib.contextmanager
def site_folder(given: str | Path | None = None) -> Iterator[Path]:
    """``given`` (an already built site), or a fresh offline build in a temporary folder that
    is removed on exit (what a benchmark's ``--site DIR`` option chooses between)."""
    if given is not None:
        yield Path(given)
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield build_site(Path(tmp) / "site")


@contextlib.contextmanager
def browse_site(given: str | Path | None = None,
                port: int | None = None) -> Iterator[tuple[str, Any]]:
    """The site (``given``, or built now) served on 127.0.0.1 and the system Chromium:
    ``(url, browser)``, both closed on exit. ``port`` None lets the OS choose."""
    from playwright.sync_api import sync_playwright

    with (site_folder(given) as site, serve_directory(site, port) as url,
          sync_playwright() as pw):
        browser = launch_chromium(pw)
        try:
            yield url, browser
        finally:
            browser.close()


def wait_for_export_warm_up(page: Any, timeout_s: float = 180.0, rest_s: float = 1.0) -> None:
    """Wait until the page's worker has finished loading Matplotlib in the background, then
    ``rest_s`` more, so that what follows is measured in the steady state.

    ``page`` is a ``playwright.sync_api.Page`` of the static site (its first Web Worker runs
    Pyodide). Raises ``TimeoutError`` if the warm-up does not end within ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not page.workers[0].evaluate(EXPORT_READY_JS):
        if time.monotonic() > deadline:
            raise TimeoutError(f"Matplotlib was not warmed up within {timeout_s:g} s")
        page.wait_for_timeout(500)
    page.wait_for_timeout(rest_s * 1000)
