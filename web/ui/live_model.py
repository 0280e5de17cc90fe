"""The one owner of a pycore model that several views show, edit and train.

A weight lives in exactly one place: the pycore model's arrays. Views never keep a copy; they
follow two counters. ``revision`` ticks whenever weights change in place (a training update, an
edited weight); ``generation`` ticks when the weights are *replaced* (a preset, a loaded file, a
new architecture, a solver's result), which starts a new training run with its own curve and an
epoch counter back at 0. ``origin`` names where the current weights came from (an i18n key, so
a run's label follows the language).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import param

import pycore
from pycore import notation


class LiveModel(param.Parameterized):
    """A pycore model plus the counters that let pictures follow its weights."""

    model = param.ClassSelector(class_=pycore.Sequential, doc="The model; owns the weights.")
    revision = param.Integer(default=0, doc="Ticks on every in-place weight change.")
    generation = param.Integer(default=0, doc="Ticks when weights or model are replaced.")
    origin = param.String(default="", doc="i18n key naming where the weights came from.")

    def touch(self) -> None:
        """Tell followers that the weights changed in place (one tick per update, not per
        weight: a training update of any size is one redraw)."""
        self.revision += 1

    def replace(self, model: pycore.Sequential, origin: str = "") -> None:
        """A different model (new architecture or a loaded file): a new run starts."""
        with param.parameterized.batch_call_watchers(self):
            self.model = model
            self.origin = origin
            self.generation += 1
            self.revision += 1

    def load_weights(self, weights: Sequence[np.ndarray], origin: str = "") -> None:
        """New weights for the same architecture (a preset, a solver's result): a new run.
        Raises ValueError (and changes nothing) for wrong shapes or non-finite values."""
        self.model.set_weights(weights)
        with param.parameterized.batch_call_watchers(self):
            self.origin = origin
            self.generation += 1
            self.revision += 1

    def parameter(self, ref: notation.ParameterRef) -> float:
        return notation.get_parameter(self.model, ref)

    def set_parameter(self, ref: notation.ParameterRef, value: float) -> None:
        """Edit one weight or bias in place; training continues from the edited value.
        Raises ValueError for a non-finite value (nothing changes)."""
        notation.set_parameter(self.model, ref, value)
        self.touch()
