"""Wheels the worker installs: pinned PyPI wheels and this repository's own wheel, slimmed.

The PyPI wheels of panel (30 MB) and bokeh (6 MB) mostly carry the JavaScript bundles that the
*page* loads; the worker only needs the Python. Slimming drops those bundles, type stubs, source
maps and test suites, so the browser downloads ~1 MB per wheel instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

from sitebuild import PINNED_WHEELS, PYTHON_TAG
from sitebuild.patches import patch_member

# Path prefixes inside wheels that only the page (or nobody) in the browser uses. Other .js files
# stay: some Python modules read them (pyviz_comms/notebook.js at import).
_DROP_PREFIXES = (
    "panel/dist/",
    "bokeh/server/static/",
    "panel/tests/",
    "bokeh/tests/",
    # command lines, the Sphinx extension and sample data: nothing in a browser page uses them
    "panel/command/",
    "bokeh/sphinxext/",
    "bokeh/sampledata/",
    # Panel's JavaScript build configuration (package.json stays: panel.io.resources reads it)
    "panel/package-lock.json",
    "panel/tsconfig.json",
    "panel/eslint.config.js",
    # narwhals back ends for libraries that do not exist in our Pyodide (imported only when a
    # pyarrow/polars/dask/duckdb/ibis/pyspark/sqlframe object is passed in).
    *(f"narwhals/_{lib}/" for lib in ("arrow", "polars", "spark_like", "duckdb", "dask", "ibis")),
    "narwhals/_sql/",
)
_DROP_SUFFIXES = (".map", ".ts", ".pyi", ".pyc", ".less", ".scss")
_DROP_DIRS = {"tests", "__pycache__"}


def _normalise(name: str) -> str:
    """PEP 503/427 normalisation used in wheel file names (markdown-it-py → markdown_it_py)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _pip(arguments: list[str], failure: str) -> None:
    """Run this interpreter's pip; stop the build with pip's own error output if it fails."""
    result = subprocess.run([sys.executable, "-m", "pip", *arguments], capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(f"build: {failure}\n{result.stderr.strip()}")


def find_cached_wheel(cache: Path, name: str, version: str) -> Path | None:
    """The cached pure-Python wheel for `name==version`, if present."""
    for path in sorted(cache.glob("*.whl")):
        dist, ver = path.name.split("-")[:2]
        if _normalise(dist) == _normalise(name) and ver == version:
            return path
    return None


def fetch_pinned_wheels(cache: Path) -> list[Path]:
    """Download (once) every pinned wheel into `cache`; return their paths in pin order.

    Uses pip's ordinary client with `--no-deps --only-binary=:all: --platform any` for the
    interpreter inside Pyodide, so only pure-Python wheels can match.
    """
    cache.mkdir(parents=True, exist_ok=True)
    missing = [f"{n}=={v}" for n, v in PINNED_WHEELS.items() if not find_cached_wheel(cache, n, v)]
    if missing:
        _pip(
            ["download", "--no-deps", "--only-binary=:all:", "--python-version", PYTHON_TAG,
             "--platform", "any", "-d", str(cache), *missing],
            failure=f"cannot download wheels {missing} (no network and not in {cache}?)",
        )
    wheels = []
    for name, version in PINNED_WHEELS.items():
        path = find_cached_wheel(cache, name, version)
        if path is None:
            raise SystemExit(f"build: pip reported success but {name}=={version} is not in {cache}")
        wheels.append(path)
    return wheels


_PROJECT_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".cache",
    "site",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "tests",
    "artifacts",
    "node_modules",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)


def build_project_wheel(project: Path, dest: Path) -> Path:
    """`pip wheel <project> --no-deps` into `dest`: ships pycore/ and web/ to the worker.

    The project is copied to a scratch folder first, so setuptools' `build/` and `*.egg-info`
    never land in the work tree.
    """
    dest.mkdir(parents=True, exist_ok=True)
    source = dest / "src"
    shutil.copytree(project, source, ignore=_PROJECT_IGNORE)
    _pip(["wheel", str(source), "--no-deps", "--no-build-isolation", "-q", "-w", str(dest)],
         failure=f"`pip wheel {project}` failed")
    built = sorted(dest.glob("*.whl"))
    if len(built) != 1:
        raise SystemExit(f"build: expected one wheel for {project}, got {built}")
    return built[0]


def _keep(member: str) -> bool:
    path = PurePosixPath(member)
    if member.startswith(_DROP_PREFIXES) or member.endswith(_DROP_SUFFIXES):
        return False
    return not _DROP_DIRS.intersection(path.parts[:-1])


def slim_wheel(src: Path, dest_dir: Path) -> Path:
    """Copy `src` into `dest_dir` without browser-side assets, with the start-up edits of
    :mod:`sitebuild.patches`; RECORD lists what remains."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / src.name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        kept = [info for info in zin.infolist() if _keep(info.filename)]
        names = {info.filename for info in kept}
        for info in kept:
            data = patch_member(info.filename, zin.read(info))
            if info.filename.endswith(".dist-info/RECORD"):
                lines = data.decode().splitlines()
                data = "\n".join(ln for ln in lines if ln.split(",")[0] in names).encode() + b"\n"
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return dest
