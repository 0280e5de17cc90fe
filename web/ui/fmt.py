"""One number format for every label in the lab, in the reader's language.

Students compare numbers across views (a node's value in the graph, the same weight in the
network view), so all of them are printed the same way: a fixed number of significant digits,
scientific notation only when a number is very small or very large, and a dash instead of
``nan``/``inf`` (a teaching tool must not show "nan" as if it were a number). German writes a
decimal comma (0,5), English a decimal point (0.5); nothing else differs.
"""

from __future__ import annotations

import math

DASH = "—"
# Below this magnitude whole numbers are written out ("-40000", not "-4e+04"): a lecture hall
# reads digits faster than exponents.
PLAIN_BELOW = 1e6
DECIMAL_MARK = {"en": ".", "de": ","}


def sig(value: object, digits: int = 4, code: str = "en") -> str:
    """``value`` with ``digits`` significant digits ("0.04", "-3.912", "1e-6", "-40000"; in
    German "0,04"); "—" if not finite or not a number.

    Rounds like Python's ``g`` format. Numbers below 1e-4 and from 1e6 up use a short exponent
    ("1e-6", "3.9e304": no "+" and no leading zeros); larger numbers below 1e6 are written out
    in full after rounding; "-0" is printed as "0".
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DASH
    if not math.isfinite(number):
        return DASH
    text = f"{number:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        rounded = float(text)
        if abs(rounded) < PLAIN_BELOW and int(exponent) > 0:
            text = f"{rounded:.0f}"
        else:
            text = f"{mantissa}e{int(exponent)}"
    if text == "-0":
        text = "0"
    return text.replace(".", DECIMAL_MARK[code])


def exact(value: int | float, code: str = "en") -> str:
    """Every digit of a number quoted from a file ("0.30000000000000004", German with a
    decimal comma): a message that says why a value is refused must not round it."""
    return repr(value).replace(".", DECIMAL_MARK[code])


def parse(text: str) -> float:
    """A number typed by a student: decimal point or decimal comma ("0,5"), surrounding blanks
    ignored. Python's ``float`` parses it (never ``eval``); raises ValueError otherwise.
    "nan" and "inf" parse (the caller's bounds reject them)."""
    stripped = (text or "").strip()
    if "," in stripped and "." not in stripped:
        stripped = stripped.replace(",", ".")
    return float(stripped)
