"""The static site's Content Security Policy allows no ``eval`` (sitebuild/pages.py), and
BokehJS compiles every ``CustomJS`` (``js_on_click``, ``jscallback``, ``jslink``, a CustomJS
formatter) with it: such a script does nothing in the site, as the Playground's Share button
once did. What must happen on the page runs in Python, or in the site's own scripts. (The
Playground's test also looks for a CustomJS in its whole Bokeh document.)"""

from __future__ import annotations

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "web"
SCRIPT_CALL = re.compile(r"\b(js_on_\w+|jscallback|jslink|CustomJS\w*)\s*\(")


def test_no_module_writes_a_script_for_bokehjs_to_compile() -> None:
    users = [f"{path.relative_to(WEB)}: {match.group(0)}" for path in sorted(WEB.rglob("*.py"))
             for match in SCRIPT_CALL.finditer(path.read_text())]
    assert users == []
