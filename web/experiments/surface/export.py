"""Colours, the banded contour image and the slide export of the loss-surface card.

The surface is drawn as bands of equal log-loss (filled contours): losses span many decades on
Rosenbrock, and equal steps of log(loss − min) make both the valley floor and the walls
visible. Light bands are low, darker bands high; the paths are drawn in strong colours on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from web.experiments import plots
from web.experiments.surface.model import OptLab
from web.experiments.surface.paths import OPTIMIZERS
from web.ui.display import Display

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BANDS = 14
PALETTE = [f"#{v:02x}{v:02x}{v:02x}" for v in np.linspace(250, 150, BANDS).astype(int)]
# Not orange or blue (they mean negative/positive in the lab) and not grey (the bands).
COLORS = dict(zip(OPTIMIZERS, ("#000000", "#d62728", "#7b3294", "#2ca02c", "#e377c2",
                               "#8c564b", "#bcbd22", "#17becf", "#9467bd", "#1b9e77"),
                  strict=True))


def bands(loss: np.ndarray) -> np.ndarray:
    """Band number 0 … BANDS−1 of every grid value, by log(loss − min); NaN stays NaN."""
    shifted = np.log10(loss - np.nanmin(loss) + 1e-3 * (np.nanmax(loss) - np.nanmin(loss))
                       + 1e-12)
    low, high = np.nanmin(shifted), np.nanmax(shifted)
    scaled = (shifted - low) / ((high - low) or 1.0)
    return np.floor(np.clip(scaled, 0.0, 1.0 - 1e-9) * BANDS)


def surface_figure(lab: OptLab, display: Display) -> Figure:
    """Filled contours, every path, start and minima; legend beside the axes."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.5, 6.5))
    ax = fig.add_subplot()
    a, b, loss = lab.grid()
    ax.contourf(a, b, bands(loss), levels=np.arange(BANDS + 1) - 0.5,
                cmap=ListedColormap(PALETTE))
    for path in lab.paths:
        xs, ys = zip(*path.points, strict=True)
        ax.plot(xs, ys, "-o", color=COLORS[path.name], markersize=2.5, linewidth=2,
                label=path.name)
    surface = lab.current()
    ax.plot([lab.start_a], [lab.start_b], "o", color="black", markersize=10,
            label=display.t("exp.opt.start"))
    mins = np.array(surface.minima)
    key = "exp.opt.trained" if lab.surface == "net" else "exp.opt.minimum"
    ax.plot(mins[:, 0], mins[:, 1], "*", color="black", markersize=16, label=display.t(key))
    ax.set_xlim(*surface.a_range)
    ax.set_ylim(*surface.b_range)
    ax.set_xlabel(surface.labels[0])
    ax.set_ylabel(surface.labels[1])
    ax.set_title(f"{display.t('exp.opt.surface.' + lab.surface)} — lr "
                 f"{display.number(lab.learning_rate, 3)}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    plots.localize_mpl(ax, display.code)
    return fig
