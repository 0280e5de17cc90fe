"""How large a model file may be, and the largest net it may describe.

Why limits at all: a file comes from a student's disk or a URL and is opened in the browser;
without them a few bytes of JSON could ask for a network that takes all the page's memory.
They are generous for the lab's nets (the playground and the deep-net probe save nets of up
to 128 layers of 1024 units as long as the total stays under MAX_PARAMS).
"""

from __future__ import annotations

#: A weight takes at most 26 characters in the file ("-2.2250738585072014e-308, "), so a net of
#: MAX_PARAMS weights needs at most 13 million; the rest is room for brackets and settings.
MAX_TEXT_CHARS = 16_000_000
MAX_LAYERS = 128
MAX_UNITS = 1024
MAX_PARAMS = 500_000
MAX_NAME_CHARS = 200
MAX_FORMULA_CHARS = 1_000
MAX_METRICS = 10
MAX_INT_DIGITS = 30
