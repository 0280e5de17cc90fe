"""The lab's state in the page address (``#tab=graph&projector=1``), so a link opens a setting.

The hash is read when the page tells Python its location (at once under ``panel serve``, right
after the first paint in the static site) and whenever it changes. ``tab`` opens a tab by name,
``projector=1`` turns projector mode on; a tab may read further keys itself. Unknown tab names
are ignored: a link must never break the page.

A view's settings travel as namespaced keys ``<prefix>.<param>`` (``fit.width=300``), so that
several views can share one address without clashing. :func:`param_values` writes a view's
params into such keys, :func:`apply_params` reads them back through each param's own rule
(type, bounds, allowed values): a value the param would refuse is skipped, never half-applied.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from collections.abc import Callable, Iterable

import panel as pn
import param
from panel.io.state import set_curdoc

from web.ui.display import Display
from web.ui.fields import check
from web.ui.lazy import on_first_paint

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")
MAX_TEXT = 200  # a String param taken from a link is cut here


def parse_hash(text: str) -> dict[str, str]:
    """``"#a=1&b=x%20y"`` -> ``{"a": "1", "b": "x y"}``; the last of repeated keys wins."""
    return dict(urllib.parse.parse_qsl((text or "").lstrip("#"), keep_blank_values=True))


def format_hash(values: dict[str, object]) -> str:
    return "#" + urllib.parse.urlencode({k: str(v) for k, v in values.items()}, safe=",")


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
    """Apply the page's hash once the page is drawn, and whenever it changes after that.

    Under ``panel serve`` the browser reports its hash before the page is ready, and a tab
    switched at that moment does not reach the page (measured); in the static site the hash
    arrives after the first paint. So a hash is applied only once ``document_ready`` has been
    seen, on the next turn of the event loop (not inside Panel's dispatch of an event)."""
    location = pn.state.location
    if location is None:
        return
    ready = False
    doc = pn.state.curdoc  # callbacks of the event loop run without it: pass it on

    def apply() -> None:
        apply_hash(parse_hash(location.hash), display, tabs, names, claims)

    def apply_with_lock() -> None:
        """Under ``panel serve`` on the document's next tick, holding its lock (a Bokeh model
        changed without it raises and never reaches the page); in Pyodide at once."""
        with set_curdoc(doc):
            pn.state.execute(apply, schedule=True)

    def on_ready() -> None:
        nonlocal ready
        ready = True
        apply_with_lock()

    def changed(_event: param.parameterized.Event) -> None:
        if ready:
            asyncio.get_running_loop().call_soon(apply_with_lock)

    if not on_first_paint(on_ready):
        apply()
    location.param.watch(changed, "hash")


# --- a view's params in the hash ----------------------------------------------------------
def encode(value: object) -> str:
    """One param value as link text: lists comma-separated, booleans 1/0, floats exact."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(encode(item) for item in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def decode(parameter: param.Parameter, text: str) -> tuple[bool, object]:
    """``(True, value)`` if ``parameter`` accepts ``text`` as a value, else ``(False, None)``.

    The rule is the param's own: numbers through :func:`web.ui.fields.check` (type and
    bounds), selectors by their allowed objects, booleans by TRUE/FALSE words."""
    if isinstance(parameter, param.Boolean):
        word = text.strip().lower()
        return (True, word in TRUE) if word in TRUE + FALSE else (False, None)
    if isinstance(parameter, param.ListSelector):
        chosen = [_choice(parameter.objects, part) for part in text.split(",") if part.strip()]
        return (False, None) if any(c is _NO for c in chosen) else (True, chosen)
    if isinstance(parameter, param.Selector):
        choice = _choice(parameter.objects, text)
        return (False, None) if choice is _NO else (True, choice)
    if isinstance(parameter, param.Number):
        value, problem = check(parameter, text)
        return (False, None) if problem else (True, value)
    if isinstance(parameter, param.String):
        return True, text[:MAX_TEXT]
    return False, None


_NO = object()


def _choice(objects: Iterable[object], text: str) -> object:
    for item in objects:
        if encode(item) == text.strip():
            return item
    return _NO


def param_values(owner: param.Parameterized, prefix: str,
                 names: Iterable[str]) -> dict[str, str]:
    """``{"<prefix>.<name>": text}`` for the named params of ``owner``."""
    return {f"{prefix}.{name}": encode(getattr(owner, name)) for name in names}


def apply_params(owner: param.Parameterized, prefix: str, names: Iterable[str],
                 values: dict[str, str]) -> list[str]:
    """Set the named params of ``owner`` from ``values`` (keys ``<prefix>.<name>``), one by
    one in the order of ``names`` (a later param may override what an earlier one implies,
    e.g. a chosen surface brings its own start point, which the link then replaces); returns
    the keys that were present but refused (they change nothing)."""
    refused = []
    for name in names:
        key = f"{prefix}.{name}"
        if key in values:
            ok, value = decode(owner.param[name], values[key])
            if ok:
                setattr(owner, name, value)
            else:
                refused.append(key)
    return refused


def current_hash() -> dict[str, str]:
    """The page's hash as a dict ({} without a page)."""
    location = pn.state.location
    return parse_hash(location.hash) if location is not None else {}


def on_hash_change(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(values)`` whenever the page's hash changes (not at all without a page)."""
    location = pn.state.location
    if location is not None:
        location.param.watch(lambda event: callback(parse_hash(event.new)), "hash")


def follow_hash(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(values)`` with the page's hash now and after every change: for a tab,
    which is built after the page is ready."""
    callback(current_hash())
    on_hash_change(callback)


def share(values: dict[str, object]) -> str:
    """Put ``values`` into the page's address (no reload) and return the whole link; without a
    page, just the hash."""
    hash_text = format_hash(values)
    location = pn.state.location
    if location is None:
        return hash_text
    location.hash = hash_text
    base = f"{location.protocol}//{location.hostname}" + (f":{location.port}"
                                                          if location.port else "")
    return f"{base}{location.pathname}{location.search}{hash_text}"
