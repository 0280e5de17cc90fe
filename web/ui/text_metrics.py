"""How wide a text is on a Bokeh canvas, computed in Python before the browser draws it.

Why: a picture that places labels so that they do not cover each other or the boxes must know
their sizes, and the browser measures text only after Python has sent the picture. Bokeh draws
canvas text in Helvetica (its default ``text_font``), which browsers render with Helvetica or a
font of identical widths (Arial, Liberation Sans), so the font's published advance widths (the
Adobe Helvetica metrics, in thousandths of the font size) give the width exactly for the
characters a picture uses; any other character counts as a wide one.
"""

from __future__ import annotations

_REGULAR = {
    191: "'", 222: "ijl", 278: " !,./:;I[\\]ft·", 333: "()-r`", 355: '"', 389: "*", 469: "^",
    500: "Jckvxyzs", 556: "0123456789#$?_abdeghnopquL", 584: "+<=>~×−", 611: "FTZ",
    667: "&ABEKPSVXY", 722: "CDHNRUw", 778: "GOQ", 833: "Mm", 889: "%", 944: "W", 1000: "—",
    1015: "@",
}
_BOLD = {
    238: "'", 278: " ,./:;I\\·ijl", 333: "!()-[]`ft", 389: "r*", 500: "z",
    556: "0123456789#$Jacesvxyk_", 584: "+<=>~×−", 611: "?FLTZbdghnopqu", 667: "EPSVXY",
    722: "ABCDHKNRU", 778: "GOQw", 833: "M", 889: "m%", 944: "W", 1000: "—",
}
UNKNOWN = 700  # a character outside the tables: assume a wide one (never too narrow)


def _table(groups: dict[int, str]) -> dict[str, int]:
    return {char: width for width, chars in groups.items() for char in chars}


WIDTHS = {False: _table(_REGULAR), True: _table(_BOLD)}


def text_width(text: str, px: float, bold: bool = False) -> float:
    """Width in pixels of ``text`` set in Helvetica at ``px`` pixels (bold if asked)."""
    widths = WIDTHS[bold]
    return sum(widths.get(char, UNKNOWN) for char in text) * px / 1000.0
