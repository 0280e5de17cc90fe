"""Shared fixtures for real-browser tests (headless Chromium driven by Playwright).

Why these fixtures exist: every browser test must (1) use the system Chromium, never a
Playwright-downloaded one, (2) prove the site is self-contained by aborting *and counting* every
request that leaves 127.0.0.1/localhost, and (3) collect console output and page/worker errors so a
Python traceback inside Pyodide fails the test instead of passing silently. The helpers behind
them live in :mod:`labtools` (shared with ``benchmarks/``); this module only makes fixtures.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from labtools.browser import ConsoleLog, RequestGuard, launch_chromium
from labtools.serve import serve_directory
from labtools.site import SiteBuildError, build_site


@pytest.fixture(scope="session")
def chromium():
    """A headless system Chromium shared by the whole session (launching costs ~1 s)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            browser = launch_chromium(pw)
        except FileNotFoundError as missing:
            pytest.fail(str(missing))
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


@pytest.fixture(scope="session")
def static_server():
    """Factory fixture: `static_server(path)` serves a folder for the rest of the session."""
    with contextlib.ExitStack() as stack:
        yield lambda root: stack.enter_context(serve_directory(Path(root)))


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """`build.py --offline` once per session (Pyodide from $PYODIDE_DIR, or downloaded; with
    neither the build fails and so does every test using it: never a skip)."""
    try:
        return build_site(tmp_path_factory.mktemp("site"), quiet=True)
    except SiteBuildError as failed:
        pytest.fail(f"offline build failed: {failed}")


@pytest.fixture(scope="session")
def site_url(offline_site: Path, static_server) -> str:
    """The offline build served on 127.0.0.1 for the whole session."""
    return static_server(offline_site)
