"""Start NN Lab from this folder: serve it on this computer only and open the browser.

    python3 start.py                 (Windows: double-click start.py, or: py start.py)
    python3 start.py --port 8080     (another port; the next free one is taken if it is busy)
    python3 start.py --no-browser    (only serve, e.g. on a machine without a desktop)

Browsers do not run NN Lab's Python worker from a file opened directly (file://); it needs a
web server, even a local one. This script is that server: Python's standard library only,
bound to 127.0.0.1 (nothing is reachable from the network), serving this folder with the right
MIME types (on Windows the registry may map .js to text/plain, which breaks Web Workers).
Ctrl-C (or closing the window) stops it.
"""

import argparse
import functools
import http.server
import os
import sys
import threading
import webbrowser

HERE = os.path.dirname(os.path.abspath(__file__))
PREFERRED_PORT = 8000  # a fixed port keeps the browser's saved settings between starts
MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".tar": "application/x-tar",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012  (the base class's attribute, extended)
        **http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def log_message(self, format, *args):
        """Quiet: one line per request would bury the address printed at start."""


def bind(port):
    """A server on 127.0.0.1: `port` if free, else the next free one up to port + 20, else any."""
    handler = functools.partial(Handler, directory=HERE)
    for candidate in [*range(port, port + 21), 0]:
        try:
            return http.server.ThreadingHTTPServer(("127.0.0.1", candidate), handler)
        except OSError:
            continue
    raise OSError("no free port on 127.0.0.1")


def has_desktop():
    """A graphical browser can open: Windows and macOS, or Linux with X11/Wayland. Without one,
    webbrowser may start a text browser in this very terminal; print the address instead."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve NN Lab from this folder.")
    parser.add_argument("--port", type=int, default=PREFERRED_PORT)
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    if not os.path.exists(os.path.join(HERE, "index.html")):
        print(f"start.py: no index.html next to this script in {HERE}", file=sys.stderr)
        return 1
    server = bind(args.port)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"NN Lab: {url}   (Ctrl-C stops the server)", flush=True)
    if not args.no_browser and has_desktop():
        threading.Timer(0.3, webbrowser.open, (url,)).start()
    elif not args.no_browser:
        print("No desktop found: open the address above in a browser.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
