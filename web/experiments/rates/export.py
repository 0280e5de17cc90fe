"""Curve data and the slide export of "learning rate and batch size" (Matplotlib on demand)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from web.experiments import plots
from web.experiments.rates import texts
from web.experiments.rates.model import Lane, RatesLab
from web.ui.display import Display

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LANE_COLORS = ("#1b9e77", "#7b3294", "#c51b7d")  # not orange/blue: those mean a sign
HEADROOM = 10.0  # the y-axis ends this factor above the starting loss: a diverging curve leaves
MARK_BELOW_TOP = 2.0  # the cross of a diverged lane sits just below the top (log axis)


def x_values(lane: Lane, axis: str) -> list[float]:
    return {"epoch": lane.epochs, "update": lane.updates, "second": lane.seconds}[axis]


def series(lab: RatesLab) -> list[tuple[list[float], list[float]]]:
    """(x, loss) of every lane on the chosen axis; losses ≤ 0 or non-finite become gaps."""
    return [(list(x_values(lane, lab.x_axis)),
             [v if math.isfinite(v) and v > 0 else math.nan for v in lane.losses])
            for lane in lab.lanes]


def y_limits(lab: RatesLab) -> tuple[float, float]:
    """From below the smallest loss of any lane to ``HEADROOM`` × the starting loss."""
    finite = [v for lane in lab.lanes for v in lane.losses if math.isfinite(v) and v > 0]
    if not finite:
        return 1e-3, 1.0
    start = max(lane.losses[0] for lane in lab.lanes)
    return min(finite) / 2.0, max(start, min(finite)) * HEADROOM


def chart_figure(lab: RatesLab, display: Display) -> Figure:
    """The three curves, a cross where a lane diverged, the legend beside the axes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 4.8))
    ax = fig.add_subplot()
    low, high = y_limits(lab)
    for lane, (x, y), color in zip(lab.lanes, series(lab), LANE_COLORS, strict=False):
        ax.plot(x, y, color=color, linewidth=2.5, label=texts.lane_label(lane, display.code))
        if lane.stopped is not None and x:
            ax.plot([x[-1]], [high / MARK_BELOW_TOP], "x", color=color, markersize=14,
                    markeredgewidth=3)
    ax.set_yscale("log")
    ax.set_ylim(low, high)
    ax.set_xlabel(display.t(f"exp.rates.axis.{lab.x_axis}"))
    ax.set_ylabel("MSE")
    ax.set_title(display.t("exp.rates.chart"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    plots.localize_mpl(ax, display.code)
    return fig
