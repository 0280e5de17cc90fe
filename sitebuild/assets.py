"""Bokeh's and Panel's browser files, taken from the very wheels the worker installs.

Which scripts the page needs is decided by Panel itself: the app is built once in CPython at
build time and `panel.io.resources.bundle_resources` lists the JS bundles for its models (CDN
mode). Each CDN URL is then mapped to the file inside the bokeh/panel wheel, so page JS and
worker Python are the same release. An unmappable URL stops the build (it would be a request
leaving the site). Panel's stylesheets are fetched at run time from `PANEL_CDN_ROOT`, which the
worker points at `vendor/panel/`; the CSS trees Panel's widgets refer to are copied there.
"""

from __future__ import annotations

import importlib
import re
import zipfile
from pathlib import Path, PurePosixPath

from sitebuild import BOKEH_VERSION, PANEL_VERSION
from sitebuild.patches import patch_member

_BOKEH_CDN = re.compile(
    rf"^https://cdn\.bokeh\.org/bokeh/release/bokeh-(?P<part>[a-z]+-)?{BOKEH_VERSION}\.min\.js$"
)
_PANEL_CDN = f"https://cdn.holoviz.org/panel/{PANEL_VERSION}/dist/"
PANEL_VENDOR = f"vendor/panel/{PANEL_VERSION}/dist/"
BOKEH_VENDOR = "vendor/bokeh/"
# Trees under panel/dist that widgets reference at run time (stylesheets, fonts, icons).
_PANEL_RUNTIME_TREES = ("css/", "bundled/theme/", "bundled/font-awesome/", "images/")
_RUNTIME_SUFFIXES = (".css", ".woff", ".woff2", ".ttf", ".eot", ".svg", ".png", ".ico")
# es-module-shims serves only Panel's ESM components (JSComponent/ReactiveESM), which NN Lab does
# not use; it would need blob: scripts, i.e. a weaker CSP. bokeh-gl draws only figures made with
# output_backend="webgl", which no NN Lab figure is (tests/web/test_no_webgl.py); it is 0.2 MB of
# script for the page to parse while the worker compiles Pyodide.
_UNUSED_SCRIPTS = ("es-module-shims", "bokeh-gl-")


def app_script_urls(app_spec: str) -> list[str]:
    """CDN URLs of the JS bundles Panel would include for the app `module:function`."""
    from bokeh.document import Document
    from panel.io.resources import Resources, bundle_resources
    from panel.io.state import set_curdoc

    module_name, _, func_name = app_spec.partition(":")
    factory = getattr(importlib.import_module(module_name), func_name)
    doc = Document()
    with set_curdoc(doc):
        app = factory()
        check_pyodide_compatible(app)
        app.server_doc(doc)
        bundle = bundle_resources(doc.roots, Resources(mode="cdn"))
    urls = [str(url) for url in bundle.js_files]
    return [url for url in urls if not any(name in url for name in _UNUSED_SCRIPTS)]


def check_pyodide_compatible(app) -> None:
    """Stop the build if the app uses components that cannot run on Pyodide 0.27.

    ReactiveHTML components (pn.FlexBox, FloatPanel, Swipe, GridStack, ...) sanitise their
    string parameters with `nh3`, a Rust extension with no Pyodide 0.27 build: in the browser
    they fail with ModuleNotFoundError after a long boot. Failing here is faster and clearer.
    """
    from panel.reactive import ReactiveHTML

    offenders = sorted({type(obj).__name__ for obj in app.select(ReactiveHTML)})
    if offenders:
        raise SystemExit(
            f"build: {', '.join(offenders)} (ReactiveHTML) need nh3, which Pyodide 0.27 lacks; "
            "use pn.Row/pn.Column (+ pn.HSpacer) instead"
        )


def _wheel_member(url: str) -> tuple[str, str, str]:
    """(which wheel, member path inside it, output path in the site) for a CDN URL."""
    match = _BOKEH_CDN.match(url)
    if match:
        name = f"bokeh-{match.group('part') or ''}".rstrip("-") + ".min.js"
        return "bokeh", f"bokeh/server/static/js/{name}", BOKEH_VENDOR + name
    if url.startswith(_PANEL_CDN):
        rest = url[len(_PANEL_CDN) :]
        return "panel", f"panel/dist/{rest}", PANEL_VENDOR + rest
    raise SystemExit(f"build: no local copy known for {url}; refusing to reference a CDN")


def vendor_scripts(urls: list[str], wheels: dict[str, Path], out: Path) -> list[str]:
    """Extract the scripts behind `urls`; return their site-relative paths in load order."""
    archives = {name: zipfile.ZipFile(path) for name, path in wheels.items()}
    try:
        paths = []
        for url in urls:
            wheel, member, target = _wheel_member(url)
            dest = out / target
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                dest.write_bytes(patch_member(member, archives[wheel].read(member)))
            except KeyError as exc:
                raise SystemExit(f"build: {member} is not in {wheels[wheel].name}") from exc
            paths.append(target)
        return paths
    finally:
        for archive in archives.values():
            archive.close()


def vendor_panel_runtime(panel_wheel: Path, out: Path) -> int:
    """Copy Panel's run-time stylesheets/fonts to `vendor/panel/<ver>/dist/`; return file count."""
    count = 0
    with zipfile.ZipFile(panel_wheel) as archive:
        for member in archive.namelist():
            rest = member.removeprefix("panel/dist/")
            if rest == member or not rest.startswith(_PANEL_RUNTIME_TREES):
                continue
            if not rest.endswith(_RUNTIME_SUFFIXES):
                continue
            dest = out / PANEL_VENDOR / PurePosixPath(rest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(archive.read(member))
            count += 1
    return count
