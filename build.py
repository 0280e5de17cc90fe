"""Export NN Lab as a static site: Python (pycore + web) runs in Pyodide inside a Web Worker.

    python build.py [--offline] [--pyodide-dir DIR] [--out DIR]

Default mode loads Pyodide (and NumPy) from the official CDN; everything else is vendored.
`--offline` vendors every byte (Pyodide too), so the folder makes zero requests outside itself:
copy it to a USB stick and open index.html, or run its start.py. All URLs are relative, so the
folder works at any path (e.g. a GitHub Pages project site). See docs/deployment.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild import (
    LAZY_PACKAGES,
    PYODIDE_CDN,
    STARTUP_PACKAGES,
    assets,
    bytecode,
    filemode,
    pages,
    pyodide_dist,
)
from sitebuild import wheels as wheel_tools

ROOT = Path(__file__).resolve().parent
DEFAULT_APP = "web.app:create_app"
PYODIDE_SUBDIR = "pyodide/"
WHEEL_SUBDIR = "wheels/"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--offline",
        action="store_true",
        help="vendor Pyodide too: the site makes no request outside its folder",
    )
    parser.add_argument(
        "--pyodide-dir",
        help="Pyodide distribution (default: $PYODIDE_DIR, "
        "else downloaded once into .cache/pyodide)",
    )
    parser.add_argument("--out", default="site", help="output folder (default: site/)")
    parser.add_argument(
        "--app",
        default=DEFAULT_APP,
        help=f"module:function returning the Panel app (default: {DEFAULT_APP})",
    )
    parser.add_argument(
        "--project",
        default=str(ROOT),
        help="project shipped as a wheel to the worker (default: this repository)",
    )
    parser.add_argument("--title", default="NN Lab")
    parser.add_argument(
        "--python312",
        help="CPython 3.12 used to precompile third-party wheels (default: $PYTHON312 or "
        "python3.12 on PATH; without one, wheels ship as source and start ~1 s slower)",
    )
    return parser.parse_args(argv)


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _clear_output(out: Path) -> None:
    """Remove a previous build in `out`; refuse to wipe a folder that is not one (e.g. `.`)."""
    if not out.exists():
        return
    if any(out.iterdir()) and not (out / "worker.js").is_file():
        raise SystemExit(f"build: {out} exists and is not a previous site build; not deleting it")
    shutil.rmtree(out)


def build(args: argparse.Namespace) -> Path:
    """Build the site into args.out (a previous build there is replaced); return its path."""
    started = time.perf_counter()
    out = Path(args.out).resolve()
    cache = ROOT / ".cache"
    project = Path(args.project).resolve()
    sys.path.insert(0, str(project))  # the app is imported once at build time (resource list)

    # Everything that can fail for want of files or network is resolved before `out` is touched.
    vendored = STARTUP_PACKAGES + LAZY_PACKAGES
    if args.offline:
        source = pyodide_dist.resolve_pyodide_dir(args.pyodide_dir, cache / "pyodide", vendored)
    pinned = wheel_tools.fetch_pinned_wheels(cache / "wheels")
    by_name = {p.name.split("-")[0].lower(): p for p in pinned}
    # Assembled in a scratch folder next to `out` and moved there only when complete; a failed
    # build leaves the previous site (and no half-written folder) behind.
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-partial-") as scratch:
        staging = Path(scratch) / out.name
        (staging / WHEEL_SUBDIR).mkdir(parents=True)
        with tempfile.TemporaryDirectory() as tmp:
            own = wheel_tools.build_project_wheel(project, Path(tmp))
            shipped = [wheel_tools.slim_wheel(w, staging / WHEEL_SUBDIR) for w in [*pinned, own]]
        python312 = bytecode.find_python312(args.python312)
        if python312:
            bytecode.precompile_wheels(python312, shipped[: len(pinned)])

        scripts = assets.vendor_scripts(assets.app_script_urls(args.app), by_name, staging)
        assets.vendor_panel_runtime(by_name["panel"], staging)

        if args.offline:
            pyodide_dist.copy_distribution(source, staging / PYODIDE_SUBDIR, vendored)
            index_url, cdn_origin = PYODIDE_SUBDIR, None
        else:
            index_url = PYODIDE_CDN
            cdn_origin = "{0.scheme}://{0.netloc}".format(urlsplit(PYODIDE_CDN))

        worker_config = {
            "pyodideScript": index_url + "pyodide.js",
            "indexURL": index_url,
            "packages": list(STARTUP_PACKAGES),
            "wheels": [f"{WHEEL_SUBDIR}{w.name}" for w in shipped],
            "panelCdnRoot": "vendor/panel/",
            "app": args.app,
        }
        pages.write_pages(
            staging,
            title=args.title,
            scripts=scripts,
            worker_config=worker_config,
            csp=pages.content_security_policy(cdn_origin),
            cdn_host=urlsplit(cdn_origin).netloc if cdn_origin else "the internet",
        )
        if args.offline:
            filemode.write_payload(staging)
        _clear_output(out)
        staging.rename(out)
    mode = "offline" if args.offline else "online (Pyodide from CDN)"
    mode += f", bytecode by {python312}" if python312 else ", wheels as source (no python3.12)"
    print(
        f"build: {mode} site in {out} ({_size_mb(out):.1f} MB, "
        f"{time.perf_counter() - started:.1f} s)"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    build(parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
