"""Start-up never hangs: opened from disk, without internet, or served by its own start.py.

- file://: the offline build starts from a double-click (its worker runs from a blob: URL and
  reads its files through the payload scripts, sitebuild/filemode.py), offline, and loads an
  export-only package on demand; a build without payload (the CDN build) must say how to start
  NN Lab (the `.nnlab-hint[data-kind=file]` advice naming start.py) within 2 s;
- the default (CDN) build with the CDN unreachable must say that the internet is missing and
  name the offline build within a few seconds;
- `start.py` (shipped in every build) serves the folder on 127.0.0.1 with the MIME types
  Web Workers and WebAssembly need, on the next free port if the preferred one is taken.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from labtools import REPO_ROOT
from labtools.serve import free_port

FILE_MESSAGE_MS = 2_000
OFFLINE_MESSAGE_MS = 5_000
BOOT_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def cdn_site(tmp_path_factory) -> Path:
    """The default build: Pyodide from the CDN, everything else in the folder."""
    out = tmp_path_factory.mktemp("cdn-site")
    cmd = [sys.executable, str(REPO_ROOT / "build.py"), "--out", str(out)]
    result = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def error_box(page, kind: str, timeout_ms: int):
    """Wait for the loader's error box and the advice of `kind`; return the advice's text."""
    page.locator("#nnlab-loader-error").wait_for(state="visible", timeout=timeout_ms)
    hint = page.locator(f'#nnlab-loader-error .nnlab-hint[data-kind="{kind}"]')
    assert hint.is_visible(), f"advice {kind!r} not shown"
    assert page.locator("#nnlab-loader-error .nnlab-hint:visible").count() == 1
    return hint.inner_text()


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_the_offline_folder_starts_from_a_double_click(
    guarded_page, offline_site, request_guard, console_log
):
    page = guarded_page
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".nnlab-dividend input").first.wait_for(timeout=BOOT_TIMEOUT_MS)
    for css_class, value in (("nnlab-dividend", "20"), ("nnlab-divisor", "5")):
        field = page.locator(f".{css_class} input").first
        field.fill(value)
        field.press("Enter")
    page.locator(".nnlab-quotient", has_text="3,99999448").wait_for(timeout=30_000)  # German
    version = page.workers[0].evaluate(
        """async () => {
            await pyodide.loadPackage(["matplotlib"]);
            return pyodide.runPython("import matplotlib; matplotlib.__version__");
        }""")
    assert version.startswith("3.")
    assert request_guard.blocked == []
    assert all(url.startswith("file://") for url in request_guard.local)
    assert console_log.python_errors() == []


@pytest.mark.browser
def test_a_build_without_payload_opened_from_disk_says_how_to_start_within_2_s(
    guarded_page, cdn_site
):
    guarded_page.goto((cdn_site / "index.html").as_uri(), wait_until="commit")
    advice = error_box(guarded_page, "file", FILE_MESSAGE_MS)
    assert "start.py" in advice and "file://" in advice and "build.py --offline" in advice
    assert "Doppelklick auf start.py" in advice  # German too
    assert "payload" in guarded_page.locator("#nnlab-loader-error-text").inner_text()


@pytest.mark.browser
def test_cdn_build_without_internet_names_the_offline_build(
    guarded_page, cdn_site, static_server, request_guard
):
    guarded_page.goto(static_server(cdn_site), wait_until="commit")
    advice = error_box(guarded_page, "offline", OFFLINE_MESSAGE_MS)
    assert "cdn.jsdelivr.net" in advice and "build.py --offline" in advice
    assert "Offline-Ausgabe" in advice
    assert any("cdn.jsdelivr.net" in url for url in request_guard.blocked)


@contextlib.contextmanager
def start_py(site: Path, port: int) -> Iterator[str]:
    """Run the site's start.py without a browser; yield the URL it prints."""
    process = subprocess.Popen(
        [sys.executable, str(site / "start.py"), "--no-browser", "--port", str(port)],
        cwd=site.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("NN Lab: http://127.0.0.1:"), line
        yield line.split()[2]
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers["Content-Type"]


def test_start_py_serves_the_folder_with_the_right_types(offline_site: Path):
    with start_py(offline_site, free_port()) as url:
        page, page_type = fetch(url)
        assert b'id="nnlab-loader"' in page and page_type.startswith("text/html")
        assert fetch(url + "worker.js")[1] == "text/javascript"
        assert fetch(url + "pyodide/pyodide.asm.wasm")[1] == "application/wasm"
        icon, icon_type = fetch(url + "favicon.svg")
        assert icon_type == "image/svg+xml" and ET.fromstring(icon).tag.endswith("svg")


def test_start_py_takes_the_next_port_when_the_preferred_one_is_busy(offline_site: Path):
    with contextlib.closing(socket.socket()) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        with start_py(offline_site, taken) as url:
            assert f":{taken}/" not in url
            assert b"nnlab-loader" in fetch(url)[0]


def test_every_page_links_the_shipped_icon(offline_site: Path):
    for page in ("index.html", "boot.html"):
        assert '<link rel="icon" href="favicon.svg"' in (offline_site / page).read_text()
    assert (offline_site / "favicon.svg").stat().st_size < 2_000
