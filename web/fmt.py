"""One number format for every label in the lab.

Students compare numbers across views (a node's value in the graph, the same weight in the
network view), so all of them are printed the same way: a fixed number of significant digits,
scientific notation only when a number is very small or very large, and a dash instead of
``nan``/``inf`` (a teaching tool must not show "nan" as if it were a number).
"""

from __future__ import annotations

import math

DASH = "—"


def sig(value: float, digits: int = 4) -> str:
    """``value`` with ``digits`` significant digits ("0.04", "-3.912", "1e-06"); "—" if not finite.

    Uses Python's ``g`` format, which switches to exponent notation below 1e-4 and at or above
    10**digits, and strips trailing zeros; "-0" is printed as "0".
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return DASH
    if not math.isfinite(number):
        return DASH
    text = f"{number:.{digits}g}"
    return "0" if text == "-0" else text
