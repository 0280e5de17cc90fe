"""The student's own points from a CSV file: ``x1,x2,label`` per row, every bad row named.

Why so strict: a file with one broken row must not turn into a data set that silently lacks
that row. The whole file is checked first; if anything is wrong the result lists every bad row
with its reason (an i18n key and fields) and no points, so the caller changes nothing.
Accepted: an optional header row, "," or ";" (with ";" a decimal comma is fine), blank lines,
classification labels 0/1 (TensorFlow Playground's -1/+1 too) and any finite regression target.
Numbers are parsed by ``float`` (never ``eval``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from web.ui import fmt

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
MAX_ABS = 1e6
MAX_MESSAGES = 12  # more bad rows than this: the first ones and a count

Problem = tuple[str, dict[str, object]]


@dataclass
class CsvResult:
    """Points (x of shape (n, 2), y of (n, 1)) or the problems that stopped the reading."""

    x: np.ndarray | None = None
    y: np.ndarray | None = None
    problems: list[Problem] = field(default_factory=list)


def _cells(line: str) -> list[str]:
    if ";" in line:
        return [cell.strip().replace(",", ".") for cell in line.split(";")]
    return [cell.strip() for cell in line.split(",")]


def _number(cell: str) -> float | None:
    try:
        value = fmt.parse(cell)
    except ValueError:
        return None
    return value if np.isfinite(value) and abs(value) <= MAX_ABS else None


def _label(value: float, classification: bool) -> float | None:
    if not classification:
        return value
    if value in (0.0, 1.0):
        return value
    return 0.0 if value == -1.0 else None


def read_points(data: bytes | None, classification: bool) -> CsvResult:
    """Every row checked; points only if all rows are good."""
    if not data:
        return CsvResult(problems=[("pg.csv.empty", {})])
    if len(data) > MAX_BYTES:
        return CsvResult(problems=[("pg.csv.too_large", {"limit": MAX_BYTES})])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return CsvResult(problems=[("pg.csv.not_text", {})])
    rows, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = _cells(line)
        if len(cells) != 3:
            problems.append(("pg.csv.columns", {"row": number, "found": len(cells)}))
            continue
        values = [_number(cell) for cell in cells]
        if None in values:
            if not rows and not problems and all(_number(c) is None for c in cells[:2]):
                continue  # a header row ("x1,x2,label")
            bad = next(cell for cell, value in zip(cells, values, strict=True) if value is None)
            problems.append(("pg.csv.not_number", {"row": number, "cell": bad[:30]}))
            continue
        label = _label(values[2], classification)
        if label is None:
            problems.append(("pg.csv.not_class", {"row": number, "cell": cells[2][:30]}))
            continue
        rows.append((values[0], values[1], label))
    if not problems and len(rows) < 2:
        problems.append(("pg.csv.too_few", {}))
    if len(rows) > MAX_ROWS:
        problems.append(("pg.csv.too_many", {"limit": MAX_ROWS}))
    if problems:
        shown = problems[:MAX_MESSAGES]
        if len(problems) > MAX_MESSAGES:
            shown.append(("pg.csv.more", {"count": len(problems) - MAX_MESSAGES}))
        return CsvResult(problems=shown)
    array = np.array(rows, dtype=np.float64)
    return CsvResult(array[:, :2], array[:, 2:])
