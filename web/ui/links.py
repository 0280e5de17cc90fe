"""The lab's state in the page address (``#tab=graph&projector=1``), so a link opens a setting.

The hash is read when the page tells Python its location (at once under ``panel serve``, right
after the first paint in the static site) and whenever it changes. ``tab`` opens a tab by name,
``projector=1`` turns projector mode on; a tab may read further keys itself. Unknown tab names
are ignored: a link must never break the page.
"""

from __future__ import annotations

import asyncio
import urllib.parse

import panel as pn
import param

from web.ui.display import Display
from web.ui.lazy import on_first_paint

TRUE = ("1", "true", "yes", "on")


def parse_hash(text: str) -> dict[str, str]:
    """``"#a=1&b=x%20y"`` -> ``{"a": "1", "b": "x y"}``; the last of repeated keys wins."""
    return dict(urllib.parse.parse_qsl((text or "").lstrip("#"), keep_blank_values=True))


def format_hash(values: dict[str, object]) -> str:
    return "#" + urllib.parse.urlencode({k: str(v) for k, v in values.items()})


def apply_hash(values: dict[str, str], display: Display, tabs: pn.Tabs, names: list[str]) -> None:
    if values.get("tab") in names:
        tabs.active = names.index(values["tab"])
    if "projector" in values:
        display.projector = values["projector"].lower() in TRUE


def read_hash(display: Display, tabs: pn.Tabs, names: list[str]) -> None:
    """Apply the page's hash once the page is drawn, and whenever it changes after that.

    Under ``panel serve`` the browser reports its hash before the page is ready, and a tab
    switched at that moment does not reach the page (measured); in the static site the hash
    arrives after the first paint. So a hash is applied only once ``document_ready`` has been
    seen, on the next turn of the event loop (not inside Panel's dispatch of an event)."""
    location = pn.state.location
    if location is None:
        return
    ready = False

    def apply() -> None:
        apply_hash(parse_hash(location.hash), display, tabs, names)

    def on_ready() -> None:
        nonlocal ready
        ready = True
        pn.state.execute(apply, schedule=True)

    def changed(_event: param.parameterized.Event) -> None:
        if ready:
            asyncio.get_running_loop().call_soon(apply)

    if not on_first_paint(on_ready):
        apply()
    location.param.watch(changed, "hash")
