"""Issue 12, projector mode in the Playground: no text runs into another, none is cut off.

At 1024×768 with projector mode's larger type, in German and English, every visible text of
the tab's upper part (the training buttons and numbers, the data column, the layer headings,
the settings) is measured in the page, through the widgets' shadow roots: the boxes of the
text itself (a Range over its text nodes), not of the elements, so that a label that runs out
of its box is caught. A text is clipped if its element scrolls (scrollWidth > clientWidth), if
an ancestor that clips (overflow not visible) does not hold it, or if another element is drawn
over it (the topmost element at its left, middle and right is neither it nor its ancestor).
"""

from __future__ import annotations

import pytest
from panel_server import panel_app_url  # noqa: F401  (pytest fixture)
from test_lecture_hall import main_figure_box, open_app

pytestmark = pytest.mark.browser

TEXT_BOXES_JS = """() => {
  const up = (el) => el.parentElement || el.getRootNode().host || null;
  const within = (el, outer) => { for (let e = el; e; e = up(e)) if (e === outer) return true;
                                  return false; };
  const hooks = (el) => { const out = []; for (let e = el; e; e = up(e))
    out.push(...[...(e.classList || [])].filter(c => c.startsWith("nnlab-"))); return out; };
  const topmost = (x, y) => { let e = document.elementFromPoint(x, y);
    while (e && e.shadowRoot) { const inner = e.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === e) break; e = inner; }
    return e; };
  const clippedBy = (el, r) => { for (let e = up(el); e; e = up(e)) {
    if (getComputedStyle(e).overflowX === "visible") continue;
    const b = e.getBoundingClientRect();
    if (r[0] < b.left - 1 || r[2] > b.right + 1) return true; } return false; };
  const items = [];
  const walk = (root) => { for (const el of root.querySelectorAll("*")) {
    if (el.shadowRoot) walk(el.shadowRoot);
    if (["STYLE", "SCRIPT", "OPTION"].includes(el.tagName)) continue;
    const nodes = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE
                                                 && n.textContent.trim());
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (!nodes.length || style.visibility === "hidden" || style.display === "none"
        || box.width === 0 || box.height === 0 || !hooks(el).includes("nnlab-playground")) continue;
    const rects = nodes.flatMap(n => { const range = document.createRange();
      range.selectNodeContents(n);
      return [...range.getClientRects()].filter(r => r.width > 0)
        .map(r => [r.left, r.top, r.right, r.bottom]); });
    const why = [];
    if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1) why.push("scrolls");
    if (rects.some(r => clippedBy(el, r))) why.push("outside a clipping box");
    for (const r of rects) for (const f of [0.1, 0.5, 0.9]) {
      const x = r[0] + f * (r[2] - r[0]), y = (r[1] + r[3]) / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const hit = topmost(x, y);
      if (hit && !within(hit, el) && !within(el, hit)) {
        why.push(`covered by ${hooks(hit)[0] || hit.tagName}`); break; }
    }
    const text = nodes.map(n => n.textContent.trim()).join(" ");
    if (rects.length) items.push({text: `${text} (${hooks(el)[0]})`, rects, why});
  } };
  walk(document);
  const meet = (a, b) => Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 1
                         && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 1;
  const overlaps = [];
  items.forEach((a, i) => items.slice(i + 1).forEach(b => {
    if (a.rects.some(r => b.rects.some(s => meet(r, s)))) overlaps.push([a.text, b.text]); }));
  return {texts: items.map(i => i.text), overlaps,
          clipped: items.filter(i => i.why.length).map(i => [i.text, i.why])};
}"""
# Texts of the rows issue 12 showed overlapping or cut off; they must be among those measured.
MEASURED = {"de": ("Zurücksetzen", "Trainings-Genauigkeit", "Test-Genauigkeit", "Schichten",
                   "Neuronen", "Ausgabe", "Regression", "Neue Punkte", "Trainingsanteil"),
            "en": ("Reset", "Training accuracy", "Test accuracy", "Layers", "Neurons",
                   "Output", "Regression", "New points", "Training share")}


@pytest.mark.parametrize("code", ["de", "en"])
def test_projector_mode_at_1024_has_no_overlapping_or_clipped_text(
        panel_app_url, guarded_page, code):  # noqa: F811
    page = guarded_page
    open_app(page, panel_app_url, (1024, 768), "tab=playground&projector=1")
    if code == "en":
        page.locator(".nnlab-lang button", has_text="EN").click()
        page.locator(".nnlab-pg-step button", has_text="+1 epoch").wait_for()
    main_figure_box(page, "playground")  # laid out and settled
    found = page.evaluate(TEXT_BOXES_JS)
    shown = " ".join(found["texts"])
    assert [word for word in MEASURED[code] if word not in shown] == []
    assert found["overlaps"] == []
    assert found["clipped"] == []
