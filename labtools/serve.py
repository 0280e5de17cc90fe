"""Serving on 127.0.0.1: a folder (the static site) and the app under ``panel serve``.

Why a thread for the folder and a subprocess for the app: the static site is plain files,
served with the MIME types Web Workers and WebAssembly need, and nothing of this process leaks
into the page. The app must run exactly as a user starts it (``panel serve web/app.py`` from
the repository root), with its own Bokeh server and event loop, so nothing from the calling
process (imported modules, patched state) leaks into it. Ports are chosen by the OS, so
parallel runs do not collide.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from labtools import REPO_ROOT

APP_PATH = "web/app.py"
START_TIMEOUT_S = 90.0


def free_port() -> int:
    """An unused TCP port on 127.0.0.1 (the OS picks it, so parallel runs don't collide)."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request logging; test and benchmark output stays readable."""


@contextlib.contextmanager
def serve_directory(root: Path, port: int | None = None) -> Iterator[str]:
    """Serve ``root`` over http on 127.0.0.1 in a background thread; yield the base URL
    (``http://127.0.0.1:<port>/``). Without ``port`` the OS picks a free one."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port or free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def server_log(url: str) -> str:
    """Everything the ``panel serve`` behind ``url`` has logged so far (to find tracebacks)."""
    return _log_path(urllib.parse.urlparse(url).port).read_text(errors="replace")


def _log_path(port: int) -> Path:
    return REPO_ROOT / "artifacts" / f"panel_serve_{port}.log"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen) -> None:
    """Terminate the server's process group (panel may start children), then make sure."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def serve_app(port: int | None = None, app_path: str | Path = APP_PATH) -> Iterator[str]:
    """Start ``panel serve web/app.py`` (or another script) on 127.0.0.1 and yield its URL,
    ``http://127.0.0.1:<port>/<script name>`` (``…/app`` for the app), once it answers.

    Its output goes to ``artifacts/panel_serve_<port>.log`` (read it with :func:`server_log`);
    the server's whole process group is stopped on exit."""
    port = port or free_port()
    command = [sys.executable, "-m", "panel", "serve", str(app_path), "--port", str(port),
               "--address", "127.0.0.1", f"--allow-websocket-origin=127.0.0.1:{port}"]
    python_path = (str(REPO_ROOT), os.environ.get("PYTHONPATH", ""))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in python_path if p)}
    log_path = _log_path(port)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}/{Path(app_path).stem}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _answers(url):
                if process.poll() is not None:
                    raise RuntimeError(
                        f"panel serve exited with {process.returncode}; see {log_path}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"panel serve did not answer within {START_TIMEOUT_S}s")
                time.sleep(0.3)
            yield url
        finally:
            _stop(process)
