"""Colours and the slide export of the parameter counter (Matplotlib on demand)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from web.experiments import plots
from web.experiments.params import texts
from web.experiments.params.model import ParamsLab
from web.ui.display import Display

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLORS = ("#7b3294", "#1b9e77")  # weights, biases


def bars_figure(lab: ParamsLab, display: Display) -> Figure:
    """Stacked bars per layer with the total on top; legend beside the axes."""
    from matplotlib.figure import Figure

    layers = lab.layers()
    names = [texts.layer_label(layer.number, layer.inputs, layer.units, display.code)
             for layer in layers]
    fig = Figure(figsize=(9, 4.8))
    ax = fig.add_subplot()
    weights = [layer.weights for layer in layers]
    ax.bar(names, weights, color=COLORS[0], label=display.t("exp.params.weights"))
    ax.bar(names, [layer.biases for layer in layers], bottom=weights, color=COLORS[1],
           label=display.t("exp.params.biases"))
    for name, layer in zip(names, layers, strict=True):
        ax.annotate(str(layer.total), (name, layer.total), ha="center", va="bottom")
    ax.set_title(f"{display.t('exp.params.figure')} — {display.t('exp.params.total')} "
                 f"{lab.total}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    plots.localize_mpl(ax, display.code, "y")
    return fig
