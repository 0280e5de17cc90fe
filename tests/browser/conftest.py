"""Shared fixtures for real-browser tests (headless Chromium driven by Playwright).

Why these fixtures exist: every browser test must (1) use the system Chromium, never a
Playwright-downloaded one, (2) prove the site is self-contained by aborting *and counting* every
request that leaves 127.0.0.1/localhost, and (3) collect console output and page/worker errors so a
Python traceback inside Pyodide fails the test instead of passing silently.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import pytest

# build.py and sitebuild/ live at the repository root and are not part of the installed package.
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def is_local_url(url: str) -> bool:
    """True for URLs the browser may fetch without leaving the machine.

    data:/blob:/file: URLs never touch the network; http(s) must target a loopback host.
    """
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "file"):
        return True
    return parsed.hostname in LOCAL_HOSTS


@dataclass
class RequestGuard:
    """Aborts non-local requests and remembers them (the offline site must make zero)."""

    blocked: list[str] = field(default_factory=list)
    local: list[str] = field(default_factory=list)

    def handle(self, route) -> None:  # route: playwright.sync_api.Route
        url = route.request.url
        if is_local_url(url):
            self.local.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def install(self, context) -> None:
        """Route every request of a BrowserContext (pages *and* their workers) through us."""
        context.route("**/*", self.handle)


@dataclass
class ConsoleLog:
    """Console messages plus page and worker errors, as plain strings."""

    messages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda msg: self.messages.append(f"[{msg.type}] {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("worker", self._attach_worker)

    def _attach_worker(self, worker) -> None:
        worker.on("console", lambda msg: self.messages.append(f"[worker {msg.type}] {msg.text}"))

    def _request_failed(self, request) -> None:
        self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status} Error: {response.url}")

    def python_errors(self) -> list[str]:
        """Lines that betray a failure: Python tracebacks, JS errors, failed/4xx requests."""
        return [m for m in self.messages + self.errors if "Traceback" in m or "Error" in m]


@pytest.fixture(scope="session")
def chromium():
    """A headless system Chromium shared by the whole session (launching costs ~1 s)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"{CHROMIUM_PATH} is missing: run `make test` (installs chromium via apt)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def request_guard() -> RequestGuard:
    return RequestGuard()


@pytest.fixture
def console_log() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def guarded_page(chromium, request_guard: RequestGuard, console_log: ConsoleLog):
    """A fresh page whose non-local requests are aborted and counted, console captured.

    Service workers are blocked so that every request (including the Web Worker's) goes through
    the context's router.
    """
    context = chromium.new_context(service_workers="block")
    request_guard.install(context)
    page = context.new_page()
    console_log.attach(page)
    yield page
    context.close()


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

    def log_message(self, format: str, *args) -> None:
        """Silence per-request logging; pytest output stays readable."""


@contextlib.contextmanager
def serve_directory(root: Path, port: int | None = None) -> Iterator[str]:
    """Serve `root` over http on 127.0.0.1 in a background thread; yield the base URL."""
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


@pytest.fixture(scope="session")
def static_server():
    """Factory fixture: `static_server(path)` serves a folder for the rest of the session."""
    with contextlib.ExitStack() as stack:
        yield lambda root: stack.enter_context(serve_directory(Path(root)))


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """`build.py --offline` once per session (Pyodide from $PYODIDE_DIR, or downloaded; with
    neither the build fails and so does every test using it: never a skip)."""
    out = tmp_path_factory.mktemp("site")
    cmd = [sys.executable, str(REPO_ROOT / "build.py"), "--offline", "--out", str(out)]
    result = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(
            "offline build failed (a missing Pyodide needs PYODIDE_DIR or network access):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return out


@pytest.fixture(scope="session")
def site_url(offline_site: Path, static_server) -> str:
    """The offline build served on 127.0.0.1 for the whole session."""
    return static_server(offline_site)
