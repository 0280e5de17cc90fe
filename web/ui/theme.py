"""Lecture-hall styling: large type, readable numbers, no external fonts or CSS.

Panel renders every component in its own shadow DOM, so a stylesheet reaches only the component
it is attached to. Custom properties (``--bokeh-font-size``) and ``font-size`` do inherit through
shadow roots, so setting them once on the app's root enlarges every widget (projector mode sets
larger ones through the root's ``nnlab-projector`` class); the classes used by our own HTML
panes are styled by attaching :data:`STYLESHEETS` to those panes too (the root gets
:data:`ROOT_STYLESHEETS`). Text drawn on a Bokeh
canvas does not inherit CSS, so :func:`style_axes` binds its sizes to the display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from web.ui.display import Display

# On the app's root only: a pane that set its own size would not follow projector mode.
ROOT_CSS = """
:host {
  --bokeh-font-size: 18px;
  font-size: 18px;
  font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
:host(.nnlab-projector) { --bokeh-font-size: 24px; font-size: 24px; }
"""

CSS = """
.nnlab-title { font-size: 28px; line-height: 1.2; font-weight: 800; margin: 0;
               white-space: nowrap; }
.nnlab-subtitle { font-size: clamp(0.84em, 1.4vw, 1.05em); font-weight: 400; color: #444;
                  margin-left: 10px; white-space: nowrap; }
@media (max-width: 1400px) { .nnlab-subtitle { display: none; } }  /* one header line */
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
.nnlab-train-message { display: block; font-size: 1em; padding: 6px 10px; }
.nnlab-file-message { font-size: 0.9em; }
.nnlab-field-message { display: block; font-size: 0.85em; line-height: 1.25; color: #8a1c12; }
.nnlab-chart-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0 18px;
                    font-size: 0.89em; line-height: 1.6; color: #333; }
.nnlab-chart-key { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.nnlab-chart-line { display: inline-block; width: 1.8em; }
.nnlab-chart-star { font-size: 1.2em; line-height: 1; }
"""

STYLESHEETS = [CSS]
ROOT_STYLESHEETS = [ROOT_CSS, CSS]

# Inside a widget's shadow root: Bokeh's inputs fix their own font size, so enlarge it there.
INPUT_CSS = """
:host input, :host select { font-size: 20px; min-height: 40px; }
:host input { font-variant-numeric: tabular-nums; }
"""

INPUT_STYLESHEETS = [INPUT_CSS]
# A MultiChoice's chosen items ("chips") and their remove buttons: Bokeh draws them at 12 px,
# which projector mode would not enlarge.
CHOICES_CSS = """
:host .choices__list--multiple .choices__item, :host .choices__button {
  font-size: var(--bokeh-font-size);
}"""

NORMAL_PX = 18  # ROOT_CSS's type size in normal mode


def em(px: float) -> str:
    """A length measured in normal mode (``px`` at 18 px type) as em of the inherited type:
    the same in normal mode, and as much wider in projector mode as its type is larger, so a
    label that fits its box in normal mode fits it there too."""
    return f"{px / NORMAL_PX:.4g}em"


def css_width(length: str) -> dict[str, Any]:
    """Keyword arguments that size a Panel widget by a CSS length (e.g. :func:`em`'s) instead
    of a number of pixels."""
    return {"width": None, "styles": {"width": length}}


def em_width(px: float) -> dict[str, Any]:
    """Keyword arguments that size a Panel widget :func:`em` wide instead of ``px`` wide."""
    return css_width(em(px))


def root_classes(projector: bool) -> list[str]:
    """CSS classes of the app's root: projector mode enlarges all type through them."""
    return ["nnlab-app", "nnlab-projector"] if projector else ["nnlab-app"]


PLOT_TEXT_PX = 16  # tick labels, legends, labels on the canvas
PLOT_TITLE_PX = 17


def style_axes(fig: Any, display: Display) -> None:
    """Title, axis labels and tick labels of a Bokeh figure in the lab's sizes (projector mode
    included)."""
    if fig.title is not None:
        display.follow(fig.title, "text_font_size", display.px(PLOT_TITLE_PX))
    for axis in (*fig.xaxis, *fig.yaxis):
        display.follow(axis, "axis_label_text_font_size", display.px(PLOT_TEXT_PX))
        display.follow(axis, "major_label_text_font_size", display.px(PLOT_TEXT_PX))
        axis.axis_label_text_font_style = "normal"
    for legend in fig.legend:
        display.follow(legend, "label_text_font_size", display.px(PLOT_TEXT_PX))
