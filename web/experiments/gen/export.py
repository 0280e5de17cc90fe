"""Colours, figure data and slide exports of the generalisation card (Matplotlib on demand)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from web.experiments import plots
from web.experiments.gen import data
from web.experiments.gen.model import GenLab
from web.ui.display import Display

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TRAIN_COLOR = "#222222"
VAL_COLOR = "#7b3294"
TEST_COLOR = "#8c8c8c"
NET_COLOR = "#1b9e77"
CURVE_X = np.linspace(0.0, 1.0, 300)
Y_LIMITS = (-2.2, 2.2)


def positive(values: list[float]) -> list[float]:
    """Values for a log axis: non-positive or non-finite become NaN (a gap)."""
    return [v if np.isfinite(v) and v > 0 else float("nan") for v in values]


def net_curve(lab: GenLab) -> np.ndarray | None:
    return None if lab.model is None else lab.model.predict(CURVE_X[:, None])[:, 0]


def curves_figure(lab: GenLab, display: Display) -> Figure:
    """Training and validation MSE per epoch with the best epoch marked."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.8))
    ax = fig.add_subplot()
    curves = lab.curves
    if curves is not None:
        ax.plot(curves.epochs, positive(curves.mse["train"]), color=TRAIN_COLOR, linewidth=2,
                label=display.t("exp.gen.train"))
        ax.plot(curves.epochs, positive(curves.mse["val"]), "--", color=VAL_COLOR, linewidth=2,
                label=display.t("exp.gen.val"))
        if curves.best_epoch is not None:
            ax.axvline(curves.best_epoch, color=VAL_COLOR, linestyle=":", linewidth=1.5)
            ax.plot([curves.best_epoch], [curves.best_val], "*", color=VAL_COLOR, markersize=14,
                    label=display.t("exp.gen.best"))
    ax.set_yscale("log")
    ax.set_xlabel(display.t("exp.gen.epoch_axis"))
    ax.set_ylabel("MSE")
    ax.set_title(display.t("exp.gen.curves"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    plots.localize_mpl(ax, display.code)
    return fig


def fit_figure(lab: GenLab, display: Display) -> Figure:
    """The data (training, validation, test), the true curve and the net's curve."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.8))
    ax = fig.add_subplot()
    split = lab.split_data or data.make(lab.points, lab.noise, lab.split, lab.seed)
    ax.plot(CURVE_X, data.target(CURVE_X), "--", color="#111111", linewidth=1.5,
            label=display.t("exp.gen.truth"))
    for (x, y), key, color, marker in (((split.x_train, split.y_train), "train", TRAIN_COLOR,
                                        "o"),
                                       ((split.x_val, split.y_val), "val", VAL_COLOR, "s"),
                                       ((split.x_test, split.y_test), "test", TEST_COLOR, "^")):
        ax.scatter(x[:, 0], y[:, 0], color=color, marker=marker, s=28,
                   label=display.t(f"exp.gen.{key}"))
    curve = net_curve(lab)
    if curve is not None:
        ax.plot(CURVE_X, curve, color=NET_COLOR, linewidth=3, label=display.t("exp.gen.net"))
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(*Y_LIMITS)
    ax.set_title(display.t("exp.gen.fit"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    plots.localize_mpl(ax, display.code)
    return fig
