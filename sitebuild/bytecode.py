"""Optional: ship third-party wheels as CPython 3.12 bytecode, so Pyodide skips compiling them.

Importing Panel + Bokeh from source takes Pyodide ~3 s on every cold start, much of it compiling
(Pyodide's own packages ship sources too); bytecode saved ~1.3 s of time-to-interactive in
benchmarks/site_load.py. A .pyc can only be made by the same minor version (3.12: bytecode
magic 3531, shared by 3.12.1 … 3.12.7), so this step runs only when a CPython 3.12 interpreter
is available (`--python312`, $PYTHON312, `python3.12` on PATH, or pyenv's); otherwise the wheels
keep their sources and the site starts ~1 s slower.

Each `x.py` becomes a sourceless `x.pyc` with an unchecked hash (no mtime check: unpacking a wheel
in the browser sets fresh mtimes). Our own wheel (pycore, web) keeps its sources so tracebacks
show code lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

_PROBE = "import sys; print(sys.version_info[:2] == (3, 12) and sys.version_info.releaselevel)"

# Runs inside the 3.12 interpreter: argv = wheel paths, rewritten in place.
_COMPILE = """
import pathlib, py_compile, sys, tempfile, zipfile
for wheel in sys.argv[1:]:
    with zipfile.ZipFile(wheel) as zin:
        items = [(i, zin.read(i)) for i in zin.infolist() if not i.is_dir()]
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel, "w") as zout:
        for info, data in items:
            if info.filename.endswith(".py"):
                src = pathlib.Path(tmp, "m.py")
                src.write_bytes(data)
                pyc = py_compile.compile(
                    str(src), cfile=str(src) + "c", doraise=True,
                    dfile="/lib/python3.12/site-packages/" + info.filename,
                    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
                info = zipfile.ZipInfo(info.filename + "c", info.date_time)
                data = pathlib.Path(pyc).read_bytes()
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
"""


def find_python312(option: str | None) -> str | None:
    """A working CPython 3.12 (final release) executable, or None."""
    pyenv = sorted(Path.home().glob(".pyenv/versions/3.12*/bin/python3.12"), reverse=True)
    candidates = [option, os.environ.get("PYTHON312"), shutil.which("python3.12"), *pyenv]
    for candidate in filter(None, candidates):
        try:
            probe = subprocess.run([str(candidate), "-c", _PROBE], capture_output=True, text=True)
        except OSError:
            continue
        if probe.returncode == 0 and probe.stdout.strip() == "final":
            return str(candidate)
    return None


def precompile_wheels(python312: str, wheels: list[Path]) -> None:
    """Replace the sources in `wheels` by 3.12 bytecode (in place)."""
    result = subprocess.run(
        [python312, "-c", _COMPILE, *map(str, wheels)], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"build: precompiling wheels with {python312} failed:\n{result.stderr}")
