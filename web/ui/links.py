"""The lab's state in the page address (``#tab=graph&projector=1``), so a link opens a setting.

The hash is read when the page tells Python its location (at once under ``panel serve``, right
after the first paint in the static site) and whenever it changes. ``tab`` opens a tab by name,
``projector=1`` turns projector mode on; a tab may read further keys itself. Unknown tab names
are ignored: a link must never break the page.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable

import panel as pn
import param

from web.ui.display import Display

TRUE = ("1", "true", "yes", "on")
HASH_DELAY_MS = 50


def parse_hash(text: str) -> dict[str, str]:
    """``"#a=1&b=x%20y"`` -> ``{"a": "1", "b": "x y"}``; the last of repeated keys wins."""
    return dict(urllib.parse.parse_qsl((text or "").lstrip("#"), keep_blank_values=True))


def format_hash(values: dict[str, object]) -> str:
    return "#" + urllib.parse.urlencode({k: str(v) for k, v in values.items()})


def apply_hash(values: dict[str, str], display: Display, tabs: pn.Tabs, names: list[str],
               claims: dict[str, frozenset[str]] | None = None) -> None:
    """Open the named tab, or the tab that ``claims`` a key of the hash (a link of another
    tool, e.g. TensorFlow Playground's, has no ``tab``); set projector mode."""
    tab = values.get("tab")
    if tab is None:
        tab = next((name for name, keys in (claims or {}).items() if keys & set(values)), None)
    if tab in names:
        tabs.active = names.index(tab)
    if "projector" in values:
        display.projector = values["projector"].lower() in TRUE


def read_hash(display: Display, tabs: pn.Tabs, names: list[str],
              claims: dict[str, frozenset[str]] | None = None) -> None:
    """Apply the page's hash now (if known) and whenever it changes."""
    follow_hash(lambda values: apply_hash(values, display, tabs, names, claims))


def follow_hash(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(values)`` with the page's hash now (if known) and after every change.

    A change is handled in a callback of its own, not inside the event that reports it:
    under ``panel serve`` the page reports its hash while the session is still loading, and
    a tab switched inside that event (or on the next tick) stayed unswitched on screen. Panel's
    one-shot periodic callback runs it with the session's document (in Pyodide: at once)."""
    location = pn.state.location
    if location is None:
        return
    callback(parse_hash(location.hash))

    def changed(event: param.parameterized.Event) -> None:
        values = parse_hash(event.new)
        if pn.state.curdoc is None or pn.state.curdoc.session_context is None:
            callback(values)
        else:
            pn.state.add_periodic_callback(lambda: callback(values), period=HASH_DELAY_MS,
                                           count=1)

    location.param.watch(changed, "hash")
