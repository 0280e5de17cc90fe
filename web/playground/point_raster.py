"""The data points of the output plot as one image of bytes, drawn once per data change.

Why not a scatter glyph: the output plot is repainted with every frame of a running net (up to
24 a second), and BokehJS repaints all of a plot's glyphs; 250 individually coloured, outlined
circles cost the page ~14 ms per repaint, the image behind them ~5. As an image the points cost
one ``drawImage`` per repaint. Each point is a disc of the plot's pixel grid: its fill is its
class (or value) on the lab's signed scale, its ring white for training points and black for
test points (as in TensorFlow Playground). Pixel values index :data:`PALETTE`: 0 is
transparent, 1 white, 2 black, from 3 on the signed scale.
"""

from __future__ import annotations

import numpy as np

from web.ui import colors

TRANSPARENT, WHITE, BLACK, FIRST = 0, 1, 2, 3
LEVELS = 256 - FIRST
PALETTE = ["#00000000", "#ffffff", "#000000", *colors.palette(LEVELS)]
RADIUS_PX = 4.6  # a disc of ~9 pixels, like TF Playground's points
RING_PX = 1.4


def _disc() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pixel offsets (dy, dx) of a disc and whether each is on its ring."""
    r = int(np.ceil(RADIUS_PX))
    dy, dx = np.mgrid[-r:r + 1, -r:r + 1]
    distance = np.hypot(dx, dy)
    inside = distance <= RADIUS_PX
    return dy[inside], dx[inside], distance[inside] > RADIUS_PX - RING_PX


DISC_DY, DISC_DX, DISC_RING = _disc()


def raster(points: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]],
           x_range: tuple[float, float], y_range: tuple[float, float], width: int,
           height: int) -> np.ndarray:
    """A (height, width) byte image (row 0 at the bottom, as Bokeh draws images) of the
    point sets ``(x, y, value in [-1, 1], ring index)``, later sets drawn over earlier ones."""
    image = np.zeros((height, width), np.uint8)
    (x0, x1), (y0, y1) = x_range, y_range
    for x, y, value, ring in points:
        if not len(x):
            continue
        col = np.rint((np.asarray(x) - x0) / (x1 - x0) * width - 0.5).astype(int)
        row = np.rint((np.asarray(y) - y0) / (y1 - y0) * height - 0.5).astype(int)
        fill = FIRST + np.rint((np.clip(np.nan_to_num(value), -1, 1) + 1) / 2
                               * (LEVELS - 1)).astype(int)
        rows = row[:, None] + DISC_DY[None, :]
        cols = col[:, None] + DISC_DX[None, :]
        pixel = np.where(DISC_RING[None, :], ring, fill[:, None])
        keep = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
        image[rows[keep], cols[keep]] = pixel[keep]
    return image
