"""Pytest fixture that runs the real app under ``panel serve`` for browser tests.

Why a subprocess and not ``pn.serve`` in a thread: the app must work exactly as a user starts it
(``panel serve web/app.py`` from the repository root), with its own Bokeh server and event loop,
so nothing from the test process (imported modules, patched state) leaks into it.

Use it from a test module with a plain import (pytest then sees the fixture in that module)::

    from panel_server import panel_app_url  # noqa: F401  (pytest fixture)

    def test_something(panel_app_url, guarded_page): ...

``tests/browser`` has no ``__init__.py``, so pytest's default (prepend) import mode puts this
directory on ``sys.path`` and ``import panel_server`` works.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_PATH = "web/app.py"
START_TIMEOUT_S = 90.0


def server_log(url: str) -> str:
    """Everything the server behind ``url`` has logged so far (to find Python tracebacks)."""
    return _log_path(urllib.parse.urlparse(url).port).read_text(errors="replace")


def _log_path(port: int) -> Path:
    return REPO_ROOT / "artifacts" / f"panel_serve_{port}.log"


def _free_port() -> int:
    """An unused TCP port on 127.0.0.1 chosen by the OS (parallel runs don't collide)."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    ``http://127.0.0.1:<port>/<script name>`` (``…/app`` for the app)."""
    port = port or _free_port()
    command = [
        sys.executable,
        "-m",
        "panel",
        "serve",
        str(app_path),
        "--port",
        str(port),
        "--address",
        "127.0.0.1",
        f"--allow-websocket-origin=127.0.0.1:{port}",
    ]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    log_path = _log_path(port)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}/{Path(app_path).stem}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _answers(url):
                if process.poll() is not None:
                    raise RuntimeError(
                        f"panel serve exited with {process.returncode}; see {log_path}"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError(f"panel serve did not answer within {START_TIMEOUT_S}s")
                time.sleep(0.3)
            yield url
        finally:
            _stop(process)


@pytest.fixture(scope="session")
def panel_app_url() -> Iterator[str]:
    """URL of the app served by a fresh ``panel serve`` process (one per test session)."""
    with serve_app() as url:
        yield url
