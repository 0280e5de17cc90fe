/* Baseline for benchmarks/site_load.py: the same worker set-up as the app, but only
 * Pyodide + NumPy from the same folder. body[data-boot-ready] = ms since navigation. */
const bootWorker = new Worker("boot-worker.js");
bootWorker.onmessage = (event) => {
  const status = document.getElementById("boot-status");
  if (event.data.type === "ready") {
    document.body.dataset.bootReady = String(performance.now());
    status.textContent = `ready: numpy ${event.data.numpy}`;
  } else {
    document.body.dataset.bootError = event.data.msg;
    status.textContent = event.data.msg;
  }
};
