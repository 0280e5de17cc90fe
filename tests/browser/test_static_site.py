"""End-to-end test of the offline static site in real headless Chromium.

Uses the session's offline build (`offline_site` in conftest.py: Pyodide from $PYODIDE_DIR, or
downloaded; with neither the build fails and so does every test here: never a skip), serves it on
127.0.0.1, aborts and counts every request leaving the machine (must be zero), and drives the
division network through the documented CSS hooks (docs/testing.md).
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from sitebuild import bytecode, pyodide_dist, wheels

BOOT_TIMEOUT_MS = 120_000
UPDATE_TIMEOUT_MS = 30_000

# Text of an element including its (open) shadow roots: Bokeh renders widgets in shadow DOM.
DEEP_TEXT_JS = """el => {
  const walk = (node) => {
    let text = node.nodeType === Node.TEXT_NODE ? node.textContent : "";
    if (node.shadowRoot) text += walk(node.shadowRoot);
    for (const child of node.childNodes) text += walk(child);
    return text;
  };
  return walk(el);
}"""


def deep_text(page, selector: str) -> str:
    return page.locator(selector).first.evaluate(DEEP_TEXT_JS)


def set_number(page, selector: str, value: str) -> None:
    """Type into a Bokeh numeric input and commit (Enter fires Bokeh's change event)."""
    field = page.locator(f"{selector} input").first
    field.fill(value)
    field.press("Enter")


def wait_for_text(page, selector: str, predicate, what: str) -> str:
    """Poll the deep text of `selector` until `predicate(text)`; fail with the last text seen."""
    deadline_ms, text = UPDATE_TIMEOUT_MS, ""
    while deadline_ms > 0:
        if page.locator(selector).count():
            text = deep_text(page, selector)
            if predicate(text):
                return text
        page.wait_for_timeout(250)
        deadline_ms -= 250
    pytest.fail(f"{what}: {selector} shows {text!r}")


@pytest.mark.browser
@pytest.mark.timeout(400)
def test_offline_site_divides_offline_without_errors(
    guarded_page, site_url, request_guard, console_log
):
    page = guarded_page
    page.goto(site_url)
    page.locator(".nnlab-dividend input").first.wait_for(timeout=BOOT_TIMEOUT_MS)
    assert page.locator("#nnlab-loader").count() == 0, "loading screen still shown"
    # Export-only packages are vendored but not loaded at start-up (web.ui.export warms
    # Matplotlib up in the background some seconds after the first paint).
    assert "matplotlib" not in worker_loaded_packages(page)

    set_number(page, ".nnlab-dividend", "20")
    set_number(page, ".nnlab-divisor", "5")
    text = wait_for_text(page, ".nnlab-quotient", lambda t: "3,999994" in t, "20 / 5")
    assert "3,99999448" in text  # German, the default language: decimal comma

    set_number(page, ".nnlab-divisor", "0")
    wait_for_text(page, ".nnlab-message", lambda t: t.strip() != "", "divisor 0 message")

    tabs = page.locator(".bk-tab")
    assert tabs.count() >= 2
    for index in range(tabs.count()):
        tabs.nth(index).click()
        page.wait_for_timeout(1500)  # dynamic tabs render on first open, in the worker

    # They load from the folder on demand (web/ui/export.py: pyodide_js.loadPackage).
    version = page.workers[0].evaluate(
        """async () => {
            await pyodide.loadPackage(["matplotlib"]);
            return pyodide.runPython("import matplotlib; matplotlib.__version__");
        }"""
    )
    assert version.startswith("3.")

    assert request_guard.blocked == [], f"requests left the site: {request_guard.blocked}"
    assert request_guard.local, "no request was routed at all (guard not active?)"
    assert console_log.python_errors() == []


# Repaints every Bokeh plot of the page once and counts, meanwhile, the plots painted and the
# writes into <style> elements (in every open shadow root, where Bokeh keeps its style sheets).
REPAINT_ALL_JS = """async () => {
  const roots = [document];
  const collect = (node) => {
    if (node.shadowRoot) { roots.push(node.shadowRoot); collect(node.shadowRoot); }
    for (const child of node.children || []) collect(child);
  };
  collect(document.documentElement);
  let writes = 0;
  const observer = new MutationObserver((records) => {
    writes += records.filter((r) => (r.target.closest ? r.target : r.target.parentNode)
                                      .closest("style")).length;
  });
  for (const root of roots) observer.observe(root, {childList: true, characterData: true,
                                                    subtree: true});
  const plots = [], seen = new Set();
  const walk = (view) => {
    if (!view || seen.has(view)) return;
    seen.add(view);
    if (typeof view._actual_paint === "function") plots.push(view);
    for (const child of view.child_views || []) walk(child);
  };
  for (const root of Object.values(Bokeh.index)) walk(root);
  let painted = 0;
  for (const plot of plots) {
    const paint = plot._actual_paint.bind(plot);
    plot._actual_paint = (...args) => { painted += 1; return paint(...args); };
    plot.request_paint();
  }
  for (let frame = 0; frame < 10; frame++) await new Promise(requestAnimationFrame);
  observer.disconnect();
  return {plots: plots.length, painted, writes};
}"""


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_a_repaint_of_unmoved_plots_writes_no_style_sheet(guarded_page, site_url):
    """BokehJS writes each renderer's position into its style sheet at every paint; the site's
    edit (`sitebuild.patches._STYLE_UPDATE`) skips the write when the text is the same, so
    the browser does not recompute styles for every frame of a training run."""
    page = guarded_page
    page.goto(site_url)
    page.locator(".nnlab-dividend input").first.wait_for(timeout=BOOT_TIMEOUT_MS)
    page.wait_for_timeout(1000)  # the first layout settles
    result = page.evaluate(REPAINT_ALL_JS)
    assert result["plots"] >= 1 and result["painted"] >= result["plots"], result
    assert result["writes"] == 0, result


def worker_loaded_packages(page) -> list[str]:
    """Names of the packages the app's worker has loaded (`pyodide` is the worker's global)."""
    return page.workers[0].evaluate("() => Object.keys(pyodide.loadedPackages)")


@pytest.mark.browser
@pytest.mark.timeout(200)
def test_bare_boot_page_runs_numpy_offline(guarded_page, site_url, request_guard):
    guarded_page.goto(site_url + "boot.html")
    guarded_page.wait_for_function(
        "() => document.body.dataset.bootReady || document.body.dataset.bootError",
        timeout=BOOT_TIMEOUT_MS,
    )
    assert guarded_page.evaluate("() => document.body.dataset.bootError") is None
    assert request_guard.blocked == []


def test_offline_site_layout(offline_site: Path):
    """Relative URLs only, .nojekyll present, only the needed Pyodide packages vendored."""
    index = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "http://" not in index and "https://" not in index
    assert (offline_site / ".nojekyll").exists()
    worker = (offline_site / "worker.js").read_text(encoding="utf-8")
    assert "https://" not in worker
    shipped = {p.name.split("-")[0].lower() for p in (offline_site / "pyodide").glob("*.whl")}
    assert "numpy" in shipped and "matplotlib" in shipped
    assert "micropip" not in shipped  # not needed: wheels are unpacked directly


def test_slim_wheel_drops_browser_bundles_but_keeps_runtime_files(tmp_path: Path):
    src = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(src, "w") as archive:
        for name in (
            "demo/__init__.py",
            "demo/dist/app.js",
            "demo/notebook.js",
            "demo/tests/test_x.py",
            "demo/mod.pyi",
            "panel/dist/panel.min.js",
        ):
            archive.writestr(name, "x")
        archive.writestr("demo-1.0.dist-info/RECORD", "demo/__init__.py,,\ndemo/mod.pyi,,\n")
    slim = wheels.slim_wheel(src, tmp_path / "out")
    with zipfile.ZipFile(slim) as archive:
        names = set(archive.namelist())
        record = archive.read("demo-1.0.dist-info/RECORD").decode()
    assert "demo/notebook.js" in names  # read by Python at import (cf. pyviz_comms)
    assert "panel/dist/panel.min.js" not in names
    assert "demo/tests/test_x.py" not in names and "demo/mod.pyi" not in names
    assert "demo/mod.pyi" not in record and "demo/__init__.py" in record


def test_pyodide_dir_that_is_not_pyodide_fails_loudly(tmp_path: Path):
    with pytest.raises(SystemExit, match="not a Pyodide"):
        pyodide_dist.resolve_pyodide_dir(str(tmp_path), tmp_path / "cache", ["numpy"])


def test_lock_closure_follows_dependencies():
    lock = {"packages": {"a": {"depends": ["b"]}, "b": {"depends": ["c"]}, "c": {}, "d": {}}}
    assert pyodide_dist.closure(lock, ["a"]) == ["a", "b", "c"]
    with pytest.raises(SystemExit):
        pyodide_dist.closure(lock, ["missing"])


def test_precompiled_wheel_imports_without_sources(tmp_path: Path):
    python312 = bytecode.find_python312(None)
    if python312 is None:
        pytest.skip("no CPython 3.12 here: the build ships sources (slower start, same result)")
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo/__init__.py", "")
        archive.writestr("demo/x.py", "VALUE = 6 * 7\n")
    bytecode.precompile_wheels(python312, [wheel])
    with zipfile.ZipFile(wheel) as archive:
        assert sorted(archive.namelist()) == ["demo/__init__.pyc", "demo/x.pyc"]
    code = f"import sys; sys.path.insert(0, {str(wheel)!r}); import demo.x; print(demo.x.VALUE)"
    result = subprocess.run([python312, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "42", result.stderr
