/* Page side of NN Lab: starts the Python worker at once (in parallel with BokehJS loading),
 * shows real progress, renders the Bokeh document the worker sends and relays patches both
 * ways (Panel's pyodide-worker protocol). Any failure is shown on screen, never a blank page.
 * Opened from disk (file://) it starts the worker from a blob: URL and hands it the files it
 * asks for from the offline build's payload scripts.
 */
(function () {
  "use strict";
  let worker = null;
  let patching = 0;
  let started = false;
  // The loading screen exists once the HTML is parsed ("interactive"), before the deferred
  // BokehJS bundles run (DOMContentLoaded): progress and errors need not wait for those.
  const domReady = new Promise((resolve) => {
    if (document.readyState !== "loading") resolve();
    else document.addEventListener("readystatechange", resolve, { once: true });
  });
  const scriptsReady = new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve));

  // `kind` picks the advice shown under the error (index.html, .nnlab-hint[data-kind]):
  // "file" (opened from disk), "offline" (CDN build without internet) or "other".
  function showError(text, kind = "other") {
    console.error(`NN Lab: ${text}`);
    const box = document.getElementById("nnlab-loader-error");
    if (started || !box) {
      const banner = document.createElement("div");
      banner.className = "nnlab-error-banner";
      banner.textContent = `Python error: ${text}`;
      document.body.appendChild(banner);
      return;
    }
    document.getElementById("nnlab-loader-error-text").textContent = text;
    for (const hint of box.querySelectorAll(".nnlab-hint")) hint.hidden = hint.dataset.kind !== kind;
    box.hidden = false;
    clearTimeout(stallTimer);
  }

  // No progress message for STALL_MS: say so (slow link or a missing file), keep waiting.
  const STALL_MS = 30000;
  let stallTimer = null;
  function watchForStall() {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      if (started) return;
      document.getElementById("nnlab-loader-msg").textContent =
        "Still loading: no progress for 30 s. On a slow connection this can take a while; " +
        "if it stays like this, a file may be missing (see the browser console).";
    }, STALL_MS);
  }
  watchForStall();

  function showProgress(msg) {
    watchForStall();
    const row = document.querySelector(`.nnlab-stage[data-stage="${msg.stage}"]`);
    if (row) {
      const bar = row.querySelector("progress");
      bar.max = msg.total;
      bar.value = msg.done;
      row.classList.toggle("done", msg.done >= msg.total);
    }
    document.getElementById("nnlab-loader-msg").textContent = msg.msg;
  }

  // Page → worker: every document event (property changes, button clicks, ...) is sent at
  // once, in the order it happened; the events of one task travel as one patch. The worker
  // applies patches strictly in arrival order (worker.js), so nothing waits for a reply and
  // nothing is dropped, merged or reordered: a click made while Python trains is applied at
  // the training loop's next yield, after everything sent before it.
  let outbox = [];
  function flushOutbox() {
    const patch = worker.jsdoc.create_json_patch(outbox);
    outbox = [];
    worker.postMessage({ type: "patch", patch });
  }

  function sendChange(event) {
    // Python's own patches are applied with sync: false and raise no events; the counter is a
    // guard against anything derived from them while they are being applied.
    if (patching > 0) return;
    if (!outbox.length) queueMicrotask(flushOutbox);
    outbox.push(event);
  }

  async function render(msg) {
    await scriptsReady;
    if (typeof Bokeh === "undefined") throw new Error("BokehJS did not load (vendor/bokeh missing?)");
    const docsJson = JSON.parse(msg.docs_json);
    const renderItems = JSON.parse(msg.render_items);
    const rootIds = JSON.parse(msg.root_ids);
    const container = document.getElementById("nnlab-app");
    const roots = {};
    for (const id of rootIds) {
      const el = document.createElement("div");
      el.id = `nnlab-root-${id}`;
      el.style.display = "contents";
      container.appendChild(el);
      roots[id] = el.id;
    }
    renderItems[0].roots = roots;
    renderItems[0].root_ids = rootIds;
    const [views] = await Bokeh.embed.embed_items(docsJson, renderItems);
    document.getElementById("nnlab-loader").remove();
    started = true;
    clearTimeout(stallTimer);
    const jsdoc = [...views.roots.values()][0].model.document;
    worker.jsdoc = jsdoc;
    jsdoc.on_change(sendChange, false);
    worker.postMessage({ type: "rendered" });
    worker.postMessage({ type: "location", location: JSON.stringify(window.location) });
    document.body.dataset.nnlabReady = String(performance.now());
  }

  // Opened from disk (file://) browsers refuse Workers from files and every fetch of a file.
  // The offline build ships each file the worker reads as a script, payload/<path>.js, which
  // calls nnlabPayload(path, base64) (sitebuild/filemode.py): the worker starts from a blob: URL
  // and asks for files (file-request), which arrive here through those scripts.
  const payloads = new Map();  // path -> resolve, while its script loads
  window.nnlabPayload = (path, base64) => payloads.get(path)?.(base64);
  const fromBase64 = (text) => (Uint8Array.fromBase64
    ? Uint8Array.fromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));

  function payloadBytes(path) {
    return new Promise((resolve, reject) => {
      payloads.set(path, resolve);
      const script = document.createElement("script");
      script.dataset.payload = path;
      script.src = `payload/${encodeURI(path)}.js`;
      script.onload = () => script.remove();
      script.onerror = () => reject(new Error(`payload/${path}.js is missing: not an offline build`));
      document.head.appendChild(script);
    }).then(fromBase64).finally(() => payloads.delete(path));
  }

  async function openWorker() {
    if (location.protocol !== "file:") return new Worker("worker.js");
    const source = new TextDecoder().decode(await payloadBytes("worker.js"));
    const prelude = `self.NNLAB_BASE = ${JSON.stringify(location.href)};\n`;
    return new Worker(URL.createObjectURL(new Blob([prelude, source], { type: "text/javascript" })));
  }

  function sendFile(path) {
    payloadBytes(path).then(
      (bytes) => worker.postMessage({ type: "file", path, bytes }, [bytes.buffer]),
      (err) => worker.postMessage({ type: "file", path, error: err.message }));
  }

  openWorker().then(listen, (err) => {
    const kind = location.protocol === "file:" ? "file" : "other";
    domReady.then(() => showError(`The Python worker cannot start: ${err.message || err}`, kind));
  });

  function listen(opened) {
    worker = opened;
    worker.onmessage = onWorkerMessage;
    worker.onerror = (event) => {
      event.preventDefault();
      domReady.then(() => showError(`The Python worker failed: ${event.message || "could not load worker.js"}`));
    };
  }

  function onWorkerMessage(event) {
    const msg = event.data;
    if (msg.type === "file-request") {
      sendFile(msg.path);
    } else if (msg.type === "progress") {
      domReady.then(() => showProgress(msg));
    } else if (msg.type === "error") {
      domReady.then(() => showError(msg.msg, msg.kind));
    } else if (msg.type === "render") {
      render(msg).catch((err) => showError(`Rendering failed: ${err.message || err}`));
    } else if (msg.type === "patch") {
      try {
        patching += 1;
        window.nnlabRecycleFrames(msg.patch, msg.buffers);  // frames.js
        worker.jsdoc.apply_json_patch(msg.patch, msg.buffers);
      } finally {
        patching -= 1;
      }
    }
  }

  // Failed <script>/<link> loads do not bubble; catch them in the capture phase (a missing
  // payload script is reported by payloadBytes instead).
  window.addEventListener("error", (event) => {
    const el = event.target;
    if (el && (el.tagName === "SCRIPT" || el.tagName === "LINK") && !el.dataset.payload) {
      domReady.then(() => showError(`Could not load ${el.src || el.href}`));
    }
  }, true);
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
  });
})();
