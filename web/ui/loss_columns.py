"""What the loss chart draws: a run's epochs as chart rows, thinned to a point budget, with
gaps between runs, and the run's best held-out epoch. Plain data, no Bokeh: the chart
(:mod:`web.ui.loss_chart`) and the division tab's own curve use it."""

from __future__ import annotations

import math

import numpy as np

from web.ui.trainer import Run

LOSS_CAP = 1e12
POINT_BUDGET = 1500  # points per curve at most
COLUMNS = ("epoch", "loss", "val_loss", "accuracy", "val_accuracy")


def plottable(value: float | None) -> float:
    """A loss for the log-scale chart: NaN (a gap) instead of None, values ≤ 0, inf or above
    LOSS_CAP; such values leave Bokeh's log axis without a single tick and the curve flat (the
    status line next to the chart still prints the real number)."""
    if value is None:
        return math.nan
    return value if 0 < value <= LOSS_CAP else math.nan


def run_columns(run: Run, start: int = 0, stride: int = 1) -> dict[str, list[float]]:
    """Chart rows of ``run``: every ``stride``-th epoch from its ``start``-th on (accuracies
    as logged, NaN where a run has none)."""
    picked = slice(start, None, stride)
    rows = len(run.epochs[picked])

    def column(name: str, keep=plottable) -> list[float]:
        values = run.logs.get(name, [])[picked]
        return [keep(v) for v in values] if values else [math.nan] * rows

    return {"epoch": run.epochs[picked], "loss": column("loss"),
            "val_loss": column("val_loss"), "accuracy": column("accuracy", float),
            "val_accuracy": column("val_accuracy", float)}


def chart_columns(runs: list[Run], stride: int = 1) -> dict[str, list[float]]:
    """All runs, with a NaN row between two runs so that Bokeh breaks the line there (none
    after the last run: its new epochs are streamed onto its end)."""
    out: dict[str, list[float]] = {name: [] for name in COLUMNS}
    for k, run in enumerate(runs):
        for name, values in run_columns(run, 0, stride).items():
            out[name] += [math.nan, *values] if k else values
    return out


def stride_for(epochs: int) -> int:
    """Every how many epochs a point is drawn: 1, doubled until at most POINT_BUDGET remain
    (a curve of 30 000 points would cost the page tens of milliseconds per repaint)."""
    stride = 1
    while epochs > POINT_BUDGET * stride:
        stride *= 2
    return stride


def best_epoch(run: Run) -> tuple[int, float] | None:
    """(epoch, validation loss) of the run's lowest finite validation loss, if any."""
    values = np.asarray(run.logs.get("val_loss", []), dtype=float)
    if not np.isfinite(values).any():
        return None
    k = int(np.nanargmin(np.where(np.isfinite(values), values, np.nan)))
    return run.epochs[k], float(values[k])
