"""Issue 12 across every tab, in a real browser against ``panel serve web/app.py``:

- one screen: each tab's main picture (class ``nnlab-main-figure``) lies inside the viewport at
  1024×768, 1280×800 and 1920×1080, and in projector mode at 1024×768;
- projector mode: every text the page draws, in the DOM and on Bokeh's canvases, is at least
  20 px at 1280 px width;
- language: after a switch, no tab shows a sentence of the other language.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from panel_server import panel_app_url  # noqa: F401  (pytest fixture)

import web
from web.app import TABS
from web.ui import i18n
from web.ui.links import parse_hash

pytestmark = pytest.mark.browser

SIZES = ((1024, 768), (1280, 800), (1920, 1080))
TIMEOUT_MS = 60_000
MIN_PROJECTOR_PX = 20.0
SETTLE_READS = 30  # 15 s

# Every DOM element's own text and its computed font size (through shadow roots), visible only.
DOM_TEXT_SIZES_JS = """() => {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const own = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
        .map(n => n.textContent.trim()).join(" ").trim();
      const box = el.getBoundingClientRect();
      if (!own || box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      out.push([own.slice(0, 60), parseFloat(style.fontSize)]);
    }
  };
  walk(document);
  return out;
}"""

# Font sizes of every Bokeh model that draws text on a canvas (titles, axes, labels, legends,
# text glyphs), for the text it actually draws: a hidden axis, an empty title or axis label
# draws nothing, whatever its size.
CANVAS_TEXT_SIZES_JS = """() => {
  const drawn = {  // size property -> does the model draw text with it?
    text_font_size: m => m.type !== "Title" || Boolean(m.text),
    major_label_text_font_size: m => m.visible !== false,
    axis_label_text_font_size: m => m.visible !== false && Boolean(m.axis_label),
    label_text_font_size: m => m.visible !== false && (m.items ?? [1]).length > 0,
    title_text_font_size: m => m.visible !== false && Boolean(m.title),
  };
  const out = [];
  for (const doc of Bokeh.documents) {
    // A renderer draws its `glyph`; the selection/nonselection/hover/muted copies Bokeh makes
    // are drawn only while something is selected or muted (no view selects or mutes).
    const models = [...doc.all_models];
    const drawnGlyphs = new Set(models.map(r => r.glyph).filter(Boolean));
    const copies = new Set(models.flatMap(r => [r.selection_glyph, r.nonselection_glyph,
                                                r.hover_glyph, r.muted_glyph])
                                 .filter(g => g && !drawnGlyphs.has(g)));
    // Axes, colour bars and legends draw only inside a plot's side panels or centre.
    const placed = new Set(models.flatMap(f => [f.left, f.right, f.above, f.below, f.center])
                                 .flat().filter(Boolean));
    const annotation = m => "major_label_text_font_size" in m || "label_text_font_size" in m;
    for (const m of models) for (const [p, draws] of Object.entries(drawn)) {
      const v = m[p];
      if (v === undefined || v === null || m.visible === false || copies.has(m) || !draws(m)
          || (annotation(m) && !placed.has(m))) continue;
      const size = typeof v === "string" ? v : (v.value ?? null);
      if (typeof size === "string" && size.endsWith("px")) out.push([m.type, p, parseFloat(size)]);
    }
  }
  return out;
}"""

DEEP_TEXT_JS = """() => {
  const walk = (node) => {
    let text = node.nodeType === Node.TEXT_NODE ? node.textContent + " " : "";
    if (node.shadowRoot) text += walk(node.shadowRoot);
    for (const child of node.childNodes) text += walk(child);
    return text;
  };
  return walk(document.body);
}"""


def register_every_word() -> None:
    """Import every module under web/ so that every tab's words are registered here too."""
    for module in pkgutil.walk_packages(web.__path__, "web."):
        importlib.import_module(module.name)


def open_app(page, url: str, size: tuple[int, int], hash_: str) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{url}#{hash_}")
    page.locator(".nnlab-tabs").first.wait_for()
    # The hash is applied after the first paint: measure only once its tab is in view (else the
    # first tab's picture is measured) and projector mode is on.
    tab = next(t for t in TABS if t.name == parse_hash(hash_)["tab"])
    title = "|".join(re.escape(i18n.text(tab.title, code)) for code in i18n.LANGUAGES)
    page.locator(".bk-tab.bk-active", has_text=re.compile(title)).first.wait_for()
    if "projector=1" in hash_:
        page.locator(".nnlab-projector").first.wait_for(state="attached")


def main_figure_box(page, tab: str) -> dict:
    """The bounding box of the visible main picture of ``tab`` once it is drawn and its layout
    has settled (two reads 0.5 s apart agree: a projector switch lays the picture out again)."""
    figure = page.locator(".nnlab-main-figure").filter(visible=True).first
    figure.wait_for()
    page.evaluate("() => window.scrollTo(0, 0)")
    box = None
    for _ in range(SETTLE_READS):
        page.wait_for_timeout(500)
        page.evaluate("() => window.scrollTo(0, 0)")
        now = figure.bounding_box()
        if now is not None and now == box:
            return box
        box = now
    raise AssertionError(f"{tab}: main figure not drawn or never settled (last {box})")


def inside(box: dict, width: int, height: int) -> bool:
    return (box["x"] >= -1 and box["y"] >= -1 and box["x"] + box["width"] <= width + 1
            and box["y"] + box["height"] <= height + 1)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_tabs_main_picture_is_on_the_first_screen(panel_app_url, guarded_page, size):  # noqa: F811
    for tab in TABS:
        open_app(guarded_page, panel_app_url, size, f"tab={tab.name}")
        box = main_figure_box(guarded_page, tab.name)
        assert inside(box, *size), f"{tab.name} at {size}: main picture at {box}"


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.name)
def test_projector_mode_keeps_one_screen(panel_app_url, guarded_page, tab, size):  # noqa: F811
    open_app(guarded_page, panel_app_url, size, f"tab={tab.name}&projector=1")
    box = main_figure_box(guarded_page, tab.name)
    assert inside(box, *size), f"{tab.name} in projector mode at {size}: main picture at {box}"


def test_projector_mode_enlarges_every_text(panel_app_url, guarded_page):  # noqa: F811
    page = guarded_page
    small: list = []
    for tab in TABS:
        open_app(page, panel_app_url, (1280, 800), f"tab={tab.name}&projector=1")
        main_figure_box(page, tab.name)
        small += [(tab.name, *item) for item in page.evaluate(DOM_TEXT_SIZES_JS)
                  if item[1] < MIN_PROJECTOR_PX]
        small += [(tab.name, *item) for item in page.evaluate(CANVAS_TEXT_SIZES_JS)
                  if item[2] < MIN_PROJECTOR_PX]
    assert not small, f"text below {MIN_PROJECTOR_PX} px in projector mode: {small[:20]}"


@pytest.mark.parametrize(("shown", "other"), [("de", "en"), ("en", "de")])
def test_no_tab_shows_the_other_language(panel_app_url, guarded_page, shown, other):  # noqa: F811
    register_every_word()
    ours = set(i18n.strings(shown))
    foreign = sorted(s for s in set(i18n.strings(other)) - ours
                     if len(s) >= 12 and " " in s and "{" not in s)
    page = guarded_page
    found = []
    for tab in TABS:
        open_app(page, panel_app_url, (1920, 1080), f"tab={tab.name}")
        main_figure_box(page, tab.name)
        page.locator(".nnlab-lang button", has_text=shown.upper()).click()
        # the switch has reached Python and come back: the header's save button speaks it
        page.locator("button", has_text=i18n.text("files.save", shown)).first.wait_for()
        main_figure_box(page, tab.name)
        text = " ".join(page.evaluate(DEEP_TEXT_JS).split())
        found += [(tab.name, s) for s in foreign if " ".join(s.split()) in text]
    assert not found, f"{other} text on the {shown} page: {found[:10]}"
