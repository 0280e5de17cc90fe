"""Locate a Pyodide distribution and copy only the parts the site uses.

Offline builds need Pyodide's core files plus the wheels of the packages we load (and their
dependencies per `pyodide-lock.json`). The source is, in order: `--pyodide-dir`, the environment
variable `PYODIDE_DIR`, or a cache filled once from the official CDN (verified by the sha256 values
in the official lock file). If none works the build stops with a message saying so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from sitebuild import PYODIDE_CDN, PYODIDE_VERSION

CORE_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_FILE = "pyodide-lock.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_lock(pyodide_dir: Path) -> dict:
    return json.loads((pyodide_dir / LOCK_FILE).read_text(encoding="utf-8"))


def closure(lock: dict, names: Iterable[str]) -> list[str]:
    """`names` plus everything they depend on (transitively), per the lock's `depends` lists."""
    packages = lock["packages"]
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise SystemExit(f"build: package {name!r} is not in the Pyodide distribution's lock")
        seen.add(name)
        todo.extend(packages[name].get("depends", []))
    return sorted(seen)


def _download(url: str, dest: Path) -> None:
    tmp = dest.with_suffix(dest.suffix + ".part")
    with urllib.request.urlopen(url, timeout=60) as response, tmp.open("wb") as out:
        shutil.copyfileobj(response, out)
    tmp.replace(dest)


def download_distribution(cache: Path, packages: Iterable[str]) -> Path:
    """Fill `cache` from the official CDN with the core files and `packages` (+ deps)."""
    cache.mkdir(parents=True, exist_ok=True)
    if not (cache / LOCK_FILE).exists():
        _download(PYODIDE_CDN + LOCK_FILE, cache / LOCK_FILE)
    lock = load_lock(cache)
    for name in CORE_FILES:
        if not (cache / name).exists():
            _download(PYODIDE_CDN + name, cache / name)
    for name in closure(lock, packages):
        entry = lock["packages"][name]
        target = cache / entry["file_name"]
        if not target.exists():
            _download(PYODIDE_CDN + entry["file_name"], target)
        if _sha256(target) != entry["sha256"]:
            target.unlink()
            raise SystemExit(f"build: sha256 mismatch for {target.name} from {PYODIDE_CDN}")
    return cache


def resolve_pyodide_dir(option: str | None, cache: Path, packages: Iterable[str]) -> Path:
    """The Pyodide directory for an offline build, or SystemExit explaining what is missing."""
    chosen = option or os.environ.get("PYODIDE_DIR")
    if chosen:
        path = Path(chosen).resolve()
        missing = [n for n in (*CORE_FILES, LOCK_FILE) if not (path / n).is_file()]
        if missing:
            raise SystemExit(f"build: {path} is not a Pyodide {PYODIDE_VERSION} dir: no {missing}")
        return path
    try:
        return download_distribution(cache, packages)
    except OSError as exc:
        raise SystemExit(
            "build: --offline needs Pyodide files: pass --pyodide-dir DIR or set PYODIDE_DIR, "
            f"or allow downloading from {PYODIDE_CDN} (failed: {exc})"
        ) from exc


def copy_distribution(src: Path, dest: Path, packages: Iterable[str]) -> list[str]:
    """Copy the core files and `packages` (+ deps) into `dest`; write a lock listing only them.

    Returns the package names copied. Files are verified against the lock's sha256 so a corrupt
    cache fails the build instead of failing in a student's browser.
    """
    lock = load_lock(src)
    names = closure(lock, packages)
    dest.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        shutil.copyfile(src / name, dest / name)
    for name in names:
        entry = lock["packages"][name]
        source = src / entry["file_name"]
        if not source.is_file() or _sha256(source) != entry["sha256"]:
            raise SystemExit(f"build: {source} is missing or does not match pyodide-lock.json")
        shutil.copyfile(source, dest / entry["file_name"])
    trimmed = {**lock, "packages": {n: lock["packages"][n] for n in names}}
    (dest / LOCK_FILE).write_text(json.dumps(trimmed, indent=1), encoding="utf-8")
    return names
