"""The site's HTML and JavaScript, rendered from `sitebuild/templates/`, and its CSP.

Content-Security-Policy (meta tag, so it works on GitHub Pages and `http.server` alike):
- scripts only from the site itself ('self'); no inline script anywhere (page logic lives in
  loader.js), so no 'unsafe-inline' for scripts;
- 'wasm-unsafe-eval': compiling WebAssembly is "eval" to CSP; Pyodide needs it;
- styles: Bokeh and Panel inject <style> elements and style attributes into shadow roots, so
  'unsafe-inline' is required for styles (styles cannot run code);
- images/fonts from the site, data: and blob: (Bokeh exports and icons use them);
- the CDN host only in default (online) mode, where the worker loads Pyodide from it;
- 'blob:' for scripts and workers only in the offline build: opened from disk (file://) its
  worker starts from a blob: URL and loads Pyodide's scripts from blob: URLs (filemode.py).
  Only code already running on the page can create blob: URLs.
A meta CSP governs the page (and a worker started from a blob: URL); a worker loaded from a
file gets its policy from its own HTTP response.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

_TEMPLATES = Path(__file__).with_name("templates")
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=jinja2.select_autoescape(["html"])
)
STATIC_FILES = ("loader.css", "frames.js", "loader.js", "keys.js", "share.js", "boot.js",
                "favicon.svg", "start.py")


def content_security_policy(cdn_origin: str | None) -> str:
    """The CSP string; `cdn_origin` (e.g. https://cdn.jsdelivr.net) only for online builds,
    whose worker never starts from blob: (only the offline build opens from disk)."""
    extra = f" {cdn_origin}" if cdn_origin else " blob:"
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval'{extra}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src 'self'{extra}",
        f"worker-src 'self'{'' if cdn_origin else ' blob:'}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


def write_pages(
    out: Path, *, title: str, scripts: list[str], worker_config: dict, csp: str,
    cdn_host: str = "the internet",
) -> None:
    """Write index.html, worker.js, the loader files, the icon, the starter ``start.py`` and
    the bare-boot benchmark page. ``cdn_host`` is named when Pyodide cannot be loaded."""
    config_json = json.dumps(worker_config, indent=1)
    boot_config = json.dumps({k: worker_config[k] for k in ("pyodideScript", "indexURL")})
    rendered = {
        "index.html": _ENV.get_template("index.html").render(
            title=title, scripts=scripts, csp=csp, cdn_host=cdn_host),
        "worker.js": _ENV.get_template("worker.js").render(config_json=config_json),
        "boot.html": _ENV.get_template("boot.html").render(csp=csp),
        "boot-worker.js": _ENV.get_template("boot-worker.js").render(config_json=boot_config),
    }
    for name, text in rendered.items():
        (out / name).write_text(text, encoding="utf-8")
    for name in STATIC_FILES:
        (out / name).write_text((_TEMPLATES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")
