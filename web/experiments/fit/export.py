"""Colours and the slide exports of "watch a network learn" (Matplotlib, loaded on demand).

The Bokeh card and the exported figures draw the same things in the same colours: training
points light grey, the true function dashed black, earlier epochs as grey "ghosts" getting
darker with the epoch, the net now in purple (orange and blue mean negative and positive
elsewhere in the lab, so a curve is neither).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from web.experiments import plots
from web.experiments.fit import task
from web.experiments.fit.model import FitLab, FitRun
from web.ui.display import Display

if TYPE_CHECKING:
    from matplotlib.figure import Figure

POINTS_COLOR = "#9a9a9a"
TRUTH_COLOR = "#111111"
NOW_COLOR = "#7b3294"
GHOST_LIGHT, GHOST_DARK = np.array([0xD0, 0xD0, 0xD0]), np.array([0x40, 0x40, 0x40])
ACTIVATION_COLORS = {"relu": "#1b9e77", "linear": "#666666", "sigmoid": "#c51b7d",
                     "tanh": "#a6761d", "leaky_relu": "#66a61e", "elu": "#e6ab02",
                     "selu": "#8c510a", "softplus": "#35978f", "swish": "#7b3294"}


def activation_color(name: str) -> str:
    return ACTIVATION_COLORS.get(name, "#444444")


def y_limits() -> tuple[float, float]:
    """The y-range of the task's targets plus a margin (a diverging curve leaves the picture
    instead of flattening the data)."""
    y = task.invented_function(np.linspace(0.0, 1.0, 1001))
    pad = 0.15 * float(y.max() - y.min())
    return float(y.min()) - pad, float(y.max()) + pad


def ghost_lines(run: FitRun | None, chosen: list[int]) -> list[tuple[int, np.ndarray, str]]:
    """(epoch, curve, colour) of the run's kept curves at the chosen epochs, earliest first and
    lightest; the last epoch of a run is drawn as "now", not as a ghost."""
    if run is None:
        return []
    epochs = sorted(e for e in run.ghosts if e in chosen and e != run.epochs)
    out = []
    for k, epoch in enumerate(epochs):
        share = (k + 1) / len(epochs)
        rgb = GHOST_LIGHT + (GHOST_DARK - GHOST_LIGHT) * share
        out.append((epoch, run.ghosts[epoch], "#{:02x}{:02x}{:02x}".format(*rgb.astype(int))))
    return out


def curve_figure(lab: FitLab, display: Display) -> Figure:
    """The card's main picture for slides: points, true function, ghosts and the net now."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 5.2))
    ax = fig.add_subplot()
    x, y = lab.data(lab.run.seed if lab.run else None)
    ax.scatter(x[:, 0], y[:, 0], s=4, color=POINTS_COLOR, alpha=0.4,
               label=display.t("exp.fit.points"))
    grid = np.linspace(0.0, 1.0, 400)
    ax.plot(grid, task.invented_function(grid), "--", color=TRUTH_COLOR, linewidth=2,
            label=display.t("exp.fit.truth"))
    for epoch, curve, color in ghost_lines(lab.run, lab.ghosts):
        ax.plot(task.curve_x(), curve, color=color, linewidth=2,
                label=display.t("exp.fit.after", epoch=epoch))
    now = lab.curve()
    if now is not None:
        ax.plot(task.curve_x(), now, color=NOW_COLOR, linewidth=3,
                label=display.t("exp.fit.now", epoch=lab.run.epochs))
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(*y_limits())
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    title = display.t("exp.fit.figure")
    if lab.run is not None:
        title += f" — {lab.run.activation}, {lab.run.width}"
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    plots.localize_mpl(ax, display.code)
    return fig


def times_figure(runs: list[FitRun], display: Display) -> Figure:
    """Measured compute time per epoch of every run, one bar each."""
    from matplotlib.figure import Figure

    done = [r for r in runs if r.ms_per_epoch is not None]
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    ax.bar([r.label for r in done], [r.ms_per_epoch for r in done],
           color=[activation_color(r.activation) for r in done])
    ax.set_title(display.t("exp.fit.times"))
    ax.tick_params(axis="x", rotation=30)
    plots.localize_mpl(ax, display.code, "y")
    return fig
