""""Share link" in the static site, under its Content Security Policy (no ``eval``).

The button once ran a BokehJS ``CustomJS``, which the CSP blocks: in the site the click did
nothing. Now Python puts the experiment into the address bar (``web.ui.links.share``) and the
page's ``share.js`` copies the address to the clipboard. The address coming back as a hash
change must not replace the net (its own experiment changes nothing).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

BOOT_TIMEOUT_MS = 120_000
UPDATE_TIMEOUT_MS = 30_000


def clipboard_text(page, wanted: str, timeout_ms: int = 5_000) -> str:
    """The clipboard's text once it contains ``wanted`` (or whatever it holds at the end)."""
    text = ""
    for _ in range(timeout_ms // 100):
        text = page.evaluate("navigator.clipboard.readText()")
        if wanted in text:
            break
        page.wait_for_timeout(100)
    return text


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_share_puts_the_link_into_the_address_and_the_clipboard(
        guarded_page, site_url, console_log, request_guard):
    page = guarded_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "#tab=playground&dataset=xor")
    step = page.locator(".nnlab-pg-step button").first
    step.wait_for(timeout=BOOT_TIMEOUT_MS)
    epoch = page.locator(".nnlab-pg-epoch input").first
    step.click()
    expect(epoch).to_have_value("1", timeout=UPDATE_TIMEOUT_MS)

    page.locator(".nnlab-pg-share button").first.click()
    page.wait_for_function("() => location.hash.includes('networkShape=')",
                           timeout=UPDATE_TIMEOUT_MS)
    assert "dataset=xor" in page.url and "tab=playground" in page.url
    assert clipboard_text(page, "networkShape=") == page.url
    page.wait_for_timeout(1000)  # the hash change has come back to Python by now
    expect(epoch).to_have_value("1")  # the same net: its own link changed nothing
    assert not [m for m in console_log.messages if "Content Security Policy" in m]
    assert not console_log.python_errors()
    assert request_guard.blocked == []
