/* Pictures that the worker redraws many times a second (the playground's output, 25 frames a
 * second of a 40 kB image) arrive as a new ArrayBuffer each. The page dropped each one a frame
 * later, and that memory, held outside V8's heap until a collection, was what started the
 * page's major garbage collections every 3 s while a net trained; each one's pause or marking
 * step could make a frame a long task (benchmarks/README.md, sixth round).
 *
 * nnlabRecycleFrames(patch, buffers) keeps two buffers for every image column a patch replaces
 * (a ColumnDataChanged event): the one shown and a spare, which the page showed two frames ago
 * and BokehJS no longer holds. A new frame is copied into the spare, the spare takes the new
 * frame's place in `buffers`, and the new frame's own buffer is freed at once (`transfer(0)`
 * detaches it). Small arrays, and browsers without ArrayBuffer.prototype.transfer, are left
 * as they are.
 */
(function () {
  "use strict";
  const MIN_BYTES = 8192;
  const MAX_COLUMNS = 16;  // pairs kept; a rebuilt plot's new models push out the oldest
  const pairs = new Map();  // "model id/column/index" -> { shown, spare }, oldest first

  // [key, buffer id] of every binary array of the patch's ColumnDataChanged events
  function frameRefs(patch) {
    const refs = [];
    for (const event of patch.events || []) {
      if (event.kind !== "ColumnDataChanged" || event.data?.type !== "map") continue;
      for (const [column, value] of event.data.entries) {
        const items = Array.isArray(value) ? value : [value];
        for (let index = 0; index < items.length; index++) {
          const item = items[index];
          if (item?.type === "ndarray" && item.array?.type === "bytes" && item.array.data?.id) {
            refs.push([`${event.model.id}/${column}/${index}`, item.array.data.id]);
          }
        }
      }
    }
    return refs;
  }

  function recycle(key, incoming) {
    const pair = pairs.get(key);
    pairs.delete(key);
    if (pairs.size >= MAX_COLUMNS) pairs.delete(pairs.keys().next().value);
    if (!pair || pair.shown.byteLength !== incoming.byteLength) {
      pairs.set(key, { shown: incoming, spare: null });
      return incoming;
    }
    if (!pair.spare) {
      pairs.set(key, { shown: incoming, spare: pair.shown });
      return incoming;
    }
    const target = pair.spare;
    new Uint8Array(target).set(new Uint8Array(incoming));
    incoming.transfer(0);
    pairs.set(key, { shown: target, spare: pair.shown });
    return target;
  }

  window.nnlabRecycleFrames = function (patch, buffers) {
    if (!buffers || typeof ArrayBuffer.prototype.transfer !== "function") return;
    const refs = frameRefs(patch);
    const uses = new Map();
    for (const [, id] of refs) uses.set(id, (uses.get(id) || 0) + 1);
    for (const [key, id] of refs) {
      const incoming = buffers.get(id);
      // an array shared by two columns is left alone: recycling it for one would overwrite
      // the other's later
      if (!(incoming instanceof ArrayBuffer) || incoming.byteLength < MIN_BYTES || uses.get(id) > 1) continue;
      buffers.set(id, recycle(key, incoming));
    }
  };
})();
