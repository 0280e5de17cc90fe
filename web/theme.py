"""Lecture-hall styling: large type, readable numbers, no external fonts or CSS.

Panel renders every component in its own shadow DOM, so a stylesheet reaches only the component
it is attached to. Custom properties (``--bokeh-font-size``) and ``font-size`` do inherit through
shadow roots, so setting them once on the app's root enlarges every widget; the classes used by
our own HTML panes are styled by attaching :data:`STYLESHEETS` to those panes too.
"""

from __future__ import annotations

CSS = """
:host {
  --bokeh-font-size: 18px;
  font-size: 18px;
  font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.nnlab-title { font-size: clamp(22px, 2.2vw, 30px); line-height: 1.2; font-weight: 700;
               margin: 0; }
.nnlab-results { display: grid; grid-template-columns: max-content auto; gap: 6px 22px;
                 align-items: baseline; font-size: 22px; }
.nnlab-results .nnlab-label { color: #444; }
.nnlab-results .nnlab-number { font-variant-numeric: tabular-nums; font-weight: 600; }
.nnlab-quotient { font-size: 40px; font-weight: 800; color: #1f5fa8;
                  font-variant-numeric: tabular-nums; }
.nnlab-message { display: block; font-size: 20px; padding: 10px 14px; border-radius: 6px;
                 background: #fdecea; color: #8a1c12; border-left: 6px solid #c0392b; }
.nnlab-message.nnlab-warning, .nnlab-train-message.nnlab-warning {
                 background: #fff4e0; color: #7a4a00; border-left: 6px solid #d95f02; }
.nnlab-message:empty { display: none; }
.nnlab-train-message { display: block; font-size: 18px; padding: 6px 10px; }
.nnlab-file-message { font-size: 16px; }
"""

STYLESHEETS = [CSS]

# Inside a widget's shadow root: Bokeh's inputs fix their own font size, so enlarge it there.
INPUT_CSS = """
:host input, :host select { font-size: 20px; min-height: 40px; }
:host input { font-variant-numeric: tabular-nums; }
"""

INPUT_STYLESHEETS = [INPUT_CSS]
