"""Static-site export of NN Lab: Python runs in Pyodide inside a Web Worker.

One module per job: `wheels` (pinned pure-Python wheels, the project wheel, slimming),
`pyodide_dist` (locating/fetching Pyodide and copying only the packages we need),
`assets` (Bokeh/Panel JS+CSS taken from the wheels), `pages` (HTML/worker templates + CSP).
`build.py` at the repository root is the command-line entry point.

Versions are pinned here once; CPython (requirements.txt) and the browser must agree, because the
page's BokehJS/Panel JS and the worker's Python models exchange JSON patches by model name.
"""

PYODIDE_VERSION = "0.27.7"
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
PYTHON_TAG = "3.12"  # CPython inside Pyodide 0.27.x
BOKEH_VERSION = "3.9.2"
PANEL_VERSION = "1.9.4"

# Pure-Python wheels from PyPI that Pyodide's own distribution lacks (or has in a version Panel
# rejects, e.g. narwhals<2). Pins match the CPython environment (requirements.txt).
PINNED_WHEELS: dict[str, str] = {
    "bokeh": BOKEH_VERSION,
    "panel": PANEL_VERSION,
    "param": "2.4.2",
    "pyviz_comms": "3.0.6",
    "markdown": "3.11.3",
    "markdown_it_py": "4.3.0",
    "mdit_py_plugins": "0.7.0",
    "mdurl": "0.1.2",
    "linkify_it_py": "2.2.0",
    "tqdm": "4.70.1",
    "narwhals": "2.29.0",
}

# Packages of Pyodide's own distribution (names as in pyodide-lock.json) loaded before the app
# starts: what `import panel, bokeh, numpy` needs. pyodide-http keeps panel.io.pyodide from
# importing pandas at start-up (it only falls back to pandas patches without it).
STARTUP_PACKAGES = (
    "numpy",
    "packaging",
    "jinja2",
    "pyyaml",
    "typing-extensions",
    "xyzservices",
    "pyodide-http",
)

# Vendored in offline builds but loaded only on demand (`await pyodide_js.loadPackage(...)`):
# pandas for table views, matplotlib (+pillow, fonts...) for PNG/SVG export.
LAZY_PACKAGES = ("pandas", "matplotlib", "pillow")
