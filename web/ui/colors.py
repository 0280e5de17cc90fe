"""One diverging colour scale for signed quantities, used by every view.

Negative values are orange, positive values blue, zero a light neutral grey (the convention of
TensorFlow Playground, which students may know). Both ends are dark enough to read on a
projector, and the pair stays distinguishable for the common forms of colour blindness.
Magnitudes are compressed with ``sign(v) * log1p(|v|/scale)`` so that a weight of 33 and a
weight of 1e-6 are both visible in the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

NEGATIVE = "#d95f02"
NEUTRAL = "#eeeeee"
POSITIVE = "#1f5fa8"
HIGHLIGHT = "#2ca02c"
DARK_TEXT = "#111111"
LIGHT_TEXT = "#ffffff"

_NEG_RGB = np.array([0xD9, 0x5F, 0x02], dtype=float)
_NEU_RGB = np.array([0xEE, 0xEE, 0xEE], dtype=float)
_POS_RGB = np.array([0x1F, 0x5F, 0xA8], dtype=float)


def _hex(rgb: np.ndarray) -> str:
    r, g, b = (int(c + 0.5) for c in np.clip(rgb, 0, 255))
    return f"#{r:02x}{g:02x}{b:02x}"


def _channels(hex_color: str) -> list[int]:
    """``#rrggbb`` as its red, green and blue bytes (the inverse of ``_hex``)."""
    return [int(hex_color[k:k + 2], 16) for k in (1, 3, 5)]


def _mix(s: float) -> str:
    """Colour at signed strength ``s`` in [-1, 1]."""
    end = _POS_RGB if s >= 0 else _NEG_RGB
    return _hex(_NEU_RGB + abs(s) * (end - _NEU_RGB))


def strength(value: float, scale: float) -> float:
    """Signed strength in [-1, 1]: log-compressed |value| relative to ``scale``."""
    if not math.isfinite(value) or scale <= 0:
        return 0.0
    squashed = math.log1p(abs(value) / scale) / math.log1p(1.0)
    return math.copysign(min(1.0, squashed), value)


def color(value: float, scale: float = 1.0) -> str:
    """Colour of a signed value on the shared scale (``scale`` maps to full saturation)."""
    return _mix(strength(value, scale))


def palette(n: int = 256) -> list[str]:
    """The same scale as ``n`` evenly spaced colours from most negative to most positive."""
    return [_mix(float(t)) for t in np.linspace(-1.0, 1.0, n)]


def rgba_pixels(hex_colors: Sequence[str]) -> np.ndarray:
    """``#rrggbb`` colours as pixels of a Bokeh RGBA image (``image_rgba``: one ``uint32`` per
    pixel whose bytes in memory are R, G, B, A), opaque: ``rgba_pixels(p)[levels]`` colours an
    image of palette indices at once."""
    rgba = [[*_channels(c), 255] for c in hex_colors]
    return np.array(rgba, dtype=np.uint8).view(np.uint32)[:, 0]


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [c / 255.0 for c in _channels(hex_color)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 = none, 21 = black on white)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink(fill: str) -> str:
    """The text colour (dark or white) that contrasts more with ``fill``. Why not a threshold
    on the value: orange is light for its strength, and white on light orange is unreadable
    on a projector; dark text wins on every orange of this scale, white on the darker blues."""
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast(text, fill))
