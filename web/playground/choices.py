"""The playground's choices and defaults: problems, data sets, presets, one hidden layer's
settings. Apart from the view-model so that links and controls can name them without it."""

from __future__ import annotations

import sys

import param

from pycore import toy_data
from web.playground import data as pg_data
from web.playground.network import HIDDEN_ACTIVATIONS, MAX_UNITS

PROBLEMS = ("classification", "regression")
CLASS_SETS = (*toy_data.CLASSIFICATION, pg_data.OWN)
REG_SETS = (*toy_data.REGRESSION, pg_data.OWN)
DEFAULT_POINTS = {"classification": 500, "regression": 1200}  # TensorFlow Playground's
LOSSES = {"classification": "binary_crossentropy", "regression": "mse"}
FRAME_SECONDS = 1 / 26  # the output picture: at most 26 frames a second
# A training update (then counter, chart and net drawing are redrawn and clicks handled):
# in Pyodide a few a second, with output frames drawn in between (``BetweenEpochs``), since
# every redraw of a part costs the worker a document patch; under ``panel serve`` the patches
# leave only between updates, so every update is a frame.
UPDATE_SECONDS = 0.5 if sys.platform == "emscripten" else FRAME_SECONDS
# The trainer's settings at start (TensorFlow Playground's), and how long an update lasts.
TRAINING = {"optimizer": "sgd", "learning_rate": 0.03, "batch_size": 10,
            "epochs_per_update": 500, "seconds_per_update": UPDATE_SECONDS}
# Settings that suit a data set better than TF's defaults (applied when it is chosen).
PRESETS = {
    "division": ({"layers": 1, "features": ["x1", "x2"]}, [(2, "division")],
                 {"loss": "mae", "optimizer": "adam", "learning_rate": 1e-3, "batch_size": 4}),
    "function": ({"layers": 2, "features": ["x1"]}, [(8, "tanh"), (8, "tanh")],
                 {"loss": "mse", "optimizer": "adam", "learning_rate": 0.01, "batch_size": 16}),
}


class LayerSettings(param.Parameterized):
    """One hidden layer's settings (the view has one column of widgets per layer)."""

    units = param.Integer(default=2, bounds=(1, MAX_UNITS))
    activation = param.Selector(default="tanh", objects=list(HIDDEN_ACTIVATIONS))
    dropout = param.Number(default=0.0, bounds=(0.0, 0.9))
