"""Ridgeline ("3-D") pictures: one histogram per layer, stacked over depth.

Layer 1 is at the back (top), the deepest layer in front (bottom); each ridge is that layer's
histogram scaled to its own peak, so that a distribution that shrinks to a spike stays visible
as a spike. All ridges of a picture (and of A and B when they are compared) share one x-range:
the widest mean ± 3 std of the layers, cut to the values that occur. Values outside it are not
drawn (a few extreme tails), which the figure's note says.

The counts are computed with one `np.bincount` per layer instead of `np.histogram`: in Pyodide
that is about ten times faster (1 ms instead of 16 ms per 100,000 values).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from bokeh.palettes import Viridis256

from web.deepnets.probe import ProbeResult

BINS = 60
RIDGE_HEIGHT = 2.5  # a ridge's peak stands this many rows above its baseline (they overlap)


@dataclass
class Ridges:
    """Polygons of one ridgeline picture (what the Bokeh source and the export draw)."""

    xs: list[np.ndarray] = field(default_factory=list)
    ys: list[np.ndarray] = field(default_factory=list)
    layer: list[int] = field(default_factory=list)
    color: list[str] = field(default_factory=list)
    mean: list[float] = field(default_factory=list)
    std: list[float] = field(default_factory=list)
    depth: int = 1
    x_range: tuple[float, float] = (-1.0, 1.0)


def baseline(layer: int, depth: int) -> float:
    """y of layer `layer`'s ridge base: layer 1 on top, layer `depth` at 0."""
    return float(depth - layer)


def value_range(results: list[ProbeResult], kind: str) -> tuple[float, float]:
    """The shared x-range of `kind` over every shown layer of `results`."""
    lows, highs = [], []
    for result in results:
        for number in result.finite_layers(kind):
            record = result.layers[number - 1]
            values = record.values(kind)
            mean = getattr(record, f"{kind}_mean")
            spread = 3.0 * getattr(record, f"{kind}_std")
            lows.append(max(float(values.min()), mean - spread))
            highs.append(min(float(values.max()), mean + spread))
    if not lows:
        return -1.0, 1.0
    low, high = min(lows), max(highs)
    if not high > low:  # every value equal (e.g. all units dead): a small window around it
        pad = max(abs(low), 1.0) * 0.1
        low, high = low - pad, high + pad
    return low, high


def counts(values: np.ndarray, low: float, high: float, bins: int = BINS) -> np.ndarray:
    """Histogram counts of `values` in `bins` equal bins on [low, high] (others left out)."""
    scaled = (values.ravel() - low) * (bins / (high - low))
    inside = scaled[(scaled >= 0.0) & (scaled <= bins)]
    return np.bincount(np.minimum(inside.astype(np.intp), bins - 1), minlength=bins)


def layer_color(layer: int, depth: int) -> str:
    return Viridis256[round(210 * (layer - 1) / max(1, depth - 1))]


def ridges(result: ProbeResult | None, kind: str, x_range: tuple[float, float],
           bins: int = BINS) -> Ridges:
    """The ridges of `kind` for every layer of `result` that can be shown, back to front."""
    out = Ridges(x_range=x_range)
    if result is None:
        return out
    out.depth = result.depth
    low, high = x_range
    edges = np.linspace(low, high, bins + 1)
    xs = np.concatenate([[low], (edges[:-1] + edges[1:]) / 2, [high]])
    for number in result.finite_layers(kind):
        record = result.layers[number - 1]
        hist = counts(record.values(kind), low, high, bins)
        peak = hist.max()
        height = hist / peak * RIDGE_HEIGHT if peak else np.zeros(bins)
        base = baseline(number, result.depth)
        out.xs.append(xs)  # arrays, not lists: Bokeh sends them as binary buffers
        out.ys.append(np.concatenate([[base], base + height, [base]]))
        out.layer.append(number)
        out.color.append(layer_color(number, result.depth))
        out.mean.append(float(getattr(record, f"{kind}_mean")))
        out.std.append(float(getattr(record, f"{kind}_std")))
    return out


def layer_ticks(depth: int) -> dict[float, str]:
    """Tick positions (baselines) and labels: layer 1, every 5th (every 10th when deep), last."""
    step = 1 if depth <= 10 else 5 if depth <= 30 else 10
    numbers = sorted({1, depth, *range(step, depth + 1, step)})
    return {baseline(n, depth): str(n) for n in numbers}


def draw_matplotlib(ax, data: Ridges, title: str, x_label: str, y_label: str) -> None:
    """The same picture on a Matplotlib axes (for the slide export)."""
    for xs, ys, color in zip(data.xs, data.ys, data.color, strict=True):
        base = ys[0]
        ax.fill_between(xs, base, ys, color=color, alpha=0.9, linewidth=0)
        ax.plot(xs, ys, color="white", linewidth=0.8)
    ticks = layer_ticks(data.depth)
    ax.set_yticks(list(ticks), list(ticks.values()))
    ax.set_ylim(-0.5, data.depth - 1 + RIDGE_HEIGHT + 0.5)
    ax.set_xlim(*data.x_range)
    ax.set_title(title)
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
