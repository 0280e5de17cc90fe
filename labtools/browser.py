"""Headless system Chromium for tests and benchmarks, kept offline and watched.

Why: every browser run here must (1) use the system Chromium, never a Playwright-downloaded one,
(2) prove the page is self-contained by aborting *and recording* every request that leaves
127.0.0.1/localhost, and (3) collect console output and page/worker errors, so that a Python
traceback inside Pyodide is seen instead of passing silently. Playwright objects are typed
loosely (``Any``): Playwright is imported only when a browser is launched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

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


def launch_chromium(playwright: Any) -> Any:
    """The system Chromium, headless, with our flags (a ``playwright.sync_api.Browser``).

    ``playwright`` is what ``sync_playwright()`` yields. A missing Chromium is reported with
    the way to install it, not as Playwright's advice to download its own."""
    if not Path(CHROMIUM_PATH).exists():
        raise FileNotFoundError(
            f"{CHROMIUM_PATH} is missing: run `make test` (installs chromium via apt)")
    return playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)


def is_local_url(url: str) -> bool:
    """True for URLs the browser may fetch without leaving the machine.

    data:/blob:/about:/file: URLs never touch the network; http(s) must target a loopback host.
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

    def handle(self, route: Any) -> None:
        """Let a local request (``playwright.sync_api.Route``) through, abort any other."""
        url = route.request.url
        if is_local_url(url):
            self.local.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def install(self, context: Any) -> None:
        """Route every request of a BrowserContext (pages *and* their workers) through us.

        Create the context with ``service_workers="block"``, or a service worker could fetch
        past the router."""
        context.route("**/*", self.handle)


@dataclass
class ConsoleLog:
    """Console messages plus page and worker errors, as plain strings."""

    messages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        """Record what ``page`` (and every Web Worker it starts) logs or fails to load."""
        page.on("console", lambda msg: self.messages.append(f"[{msg.type}] {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("worker", self._attach_worker)

    def _attach_worker(self, worker: Any) -> None:
        worker.on("console", lambda msg: self.messages.append(f"[worker {msg.type}] {msg.text}"))

    def _request_failed(self, request: Any) -> None:
        self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status} Error: {response.url}")

    def python_errors(self) -> list[str]:
        """Lines that betray a failure: Python tracebacks, JS errors, failed/4xx requests."""
        return [m for m in self.messages + self.errors if "Traceback" in m or "Error" in m]
