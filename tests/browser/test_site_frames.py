"""The page recycles the buffers of pictures redrawn many times a second (frames.js).

Each frame of the playground's output arrives from the worker as a new 40 kB ArrayBuffer;
frames.js copies it into one of two buffers kept per image column and frees the new one at once
(``transfer(0)``), so that the page does not pile up memory that starts a major garbage
collection every few seconds. A recycled buffer that BokehJS still showed, or one shared by two
columns, would put a wrong picture on the screen: the first tests drive frames.js alone with
made-up patches, the last one checks that after a training run the page shows exactly the
picture the worker's Python holds.
"""

from __future__ import annotations

import base64
import itertools
from pathlib import Path

import pytest

from web.ui import i18n

FRAMES_JS = Path(__file__).parents[2] / "sitebuild" / "templates" / "frames.js"
BOOT_TIMEOUT_MS = 120_000

# Runs frames.js on patches shaped like Panel's (a ColumnDataChanged event per image column);
# `plan` lists the frames: [[column, bytes, fill], ...] per patch. Returns, per patch and
# column, which buffer BokehJS would get (an index into all buffers seen), its first byte and
# length, and the byte length left in the buffer the worker sent.
RUN_JS = """(plan) => {
  const seen = [];
  const index = (buffer) => {
    if (!seen.includes(buffer)) seen.push(buffer);
    return seen.indexOf(buffer);
  };
  return plan.map((frame, n) => {
    const buffers = new Map(), entries = [], sent = [];
    frame.forEach(([column, bytes, fill], k) => {
      const id = `${n}-${k}`, buffer = new ArrayBuffer(bytes);
      new Uint8Array(buffer).fill(fill);
      buffers.set(id, buffer);
      sent.push(buffer);
      const array = {type: "ndarray", array: {type: "bytes", data: {id}}, shape: [bytes / 4],
                     dtype: "uint32", order: "little"};
      entries.push([column, [array]]);
    });
    const patch = {events: [{kind: "ColumnDataChanged", model: {id: "source"}, attr: "data",
                             data: {type: "map", entries}, cols: entries.map((e) => e[0])}]};
    window.nnlabRecycleFrames(patch, buffers);
    return frame.map(([column], k) => {
      const got = buffers.get(`${n}-${k}`);
      return {column, buffer: index(got), first: new Uint8Array(got)[0], bytes: got.byteLength,
              sentLeft: sent[k].byteLength};
    });
  });
}"""


@pytest.fixture
def frames_page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(FRAMES_JS))
    yield page
    context.close()


def run(page, plan: list) -> list:
    return page.evaluate(RUN_JS, plan)


@pytest.mark.browser
def test_each_frame_arrives_whole_in_one_of_two_buffers_and_the_sent_one_is_freed(frames_page):
    results = [frame[0] for frame in run(frames_page, [[["image", 40_000, n + 1]]
                                                       for n in range(8)])]
    assert [r["first"] for r in results] == list(range(1, 9))  # every frame's own bytes
    assert all(r["bytes"] == 40_000 for r in results)
    assert [r["sentLeft"] for r in results] == [40_000, 40_000] + [0] * 6
    assert [r["buffer"] for r in results] == [0, 1, 0, 1, 0, 1, 0, 1]


@pytest.mark.browser
def test_the_buffer_shown_is_never_written(frames_page):
    """Frame n goes into the buffer of frame n - 2, never into frame n - 1's (still shown
    until frame n replaces it), also with two columns changing in one patch."""
    plan = [[["image", 40_000, 2 * n + 1], ["levels", 16_384, 2 * n + 2]] for n in range(6)]
    results = run(frames_page, plan)
    for column in (0, 1):
        buffers = [frame[column]["buffer"] for frame in results]
        assert all(a != b for a, b in itertools.pairwise(buffers))
        assert [frame[column]["first"] for frame in results] == [p[column][2] for p in plan]
    image = {frame[0]["buffer"] for frame in results}
    levels = {frame[1]["buffer"] for frame in results}
    assert len(image) == len(levels) == 2 and not image & levels


@pytest.mark.browser
def test_small_arrays_and_a_new_size_are_left_as_sent(frames_page):
    small = [frame[0] for frame in run(frames_page, [[["thumbs", 1_600, n]] for n in range(4)])]
    assert [r["sentLeft"] for r in small] == [1_600] * 4
    assert len({r["buffer"] for r in small}) == 4
    plan = [[["image", 40_000, 1]], [["image", 40_000, 2]], [["image", 90_000, 3]]]
    resized = [frame[0] for frame in run(frames_page, plan)]
    assert resized[-1]["bytes"] == 90_000 and resized[-1]["sentLeft"] == 90_000


# Page side: the bytes of the output picture's image (the playground's only 100 x 100 image
# column), as base64, and the id of its ColumnDataSource.
PAGE_IMAGE_JS = """() => {
  const found = [];
  for (const model of Bokeh.documents[0].all_models) {
    const image = model.type === "ColumnDataSource" ? model.data.image : null;
    if (image?.length === 1 && image[0].length === 100 * 100) found.push([model.id, image[0]]);
  }
  if (found.length !== 1) throw new Error(`${found.length} output images`);
  const [id, array] = found[0];
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return [id, btoa(text)];
}"""
# The distinct buffers the output picture's image lay in, sampled every animation frame for
# `ms` while the net trains.
BUFFERS_SEEN_JS = """async (ms) => {
  const source = [...Bokeh.documents[0].all_models].find((m) => m.type === "ColumnDataSource"
    && m.data.image?.[0]?.length === 100 * 100);
  const buffers = new Set(), end = performance.now() + ms;
  while (performance.now() < end) {
    const array = source.data.image[0];
    buffers.add(array.buffer);
    await new Promise(requestAnimationFrame);
  }
  return buffers.size;
}"""
# Worker side: the same column of the same model in Python's document.
PY_IMAGE_JS = """(id) => pyodide.runPython(`
import base64
from panel.io.state import state
base64.b64encode(state.curdoc.get_model_by_id(${JSON.stringify(id)}).data["image"][0].tobytes()).decode()
`)"""


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_after_training_the_page_shows_the_picture_python_holds(guarded_page, site_url,
                                                                console_log):
    import web.app  # noqa: F401  (registers the tab titles)

    page = guarded_page
    page.goto(site_url)
    page.locator(".nnlab-dividend input").first.wait_for(timeout=BOOT_TIMEOUT_MS)
    page.locator(".bk-tab", has_text=i18n.text("app.tab.playground", "de")).first.click()
    play = page.locator(".nnlab-pg-play button").first
    play.wait_for()
    before = page.evaluate(PAGE_IMAGE_JS)[1]
    play.click()
    page.wait_for_timeout(2000)
    assert page.evaluate(BUFFERS_SEEN_JS, 1500) == 2  # ~35 frames, in two buffers by turns
    play.click(force=True)
    page.wait_for_timeout(2000)  # the update in progress ends, its last frame arrives
    model_id, shown = page.evaluate(PAGE_IMAGE_JS)
    held = page.workers[0].evaluate(PY_IMAGE_JS, model_id)
    assert shown != before, "the picture did not change while training"
    assert base64.b64decode(shown) == base64.b64decode(held)
    assert console_log.python_errors() == []
