"""One training step by hand: apply the optimizer to the gradients backprop just found.

The step itself is the lab's one training loop (:class:`web.ui.trainer.Trainer`, one epoch of
the one example = one update with pycore's own optimizer); this module records what it did, for
every weight and bias: the value before, the gradient g (the one the graph shows at the end of
backprop), the value after, and the optimizer's state after the step (momentum m, Adam's m and
v, …, as ``Optimizer.slots()`` names them). For plain SGD the record is w ← w − lr·g.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pycore import notation
from web.ui.network_picture import gradient_lookup
from web.ui.trainer import Trainer


@dataclass(frozen=True)
class WeightUpdate:
    """One weight or bias through one step."""

    label: str
    before: float
    grad: float
    after: float
    state: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class UpdateReport:
    """What one hand-made step did: the rule's settings, every weight, and the loss on the
    example before and after."""

    config: dict[str, object]  # the optimizer's get_config(): name, learning_rate, ...
    iteration: int
    rows: list[WeightUpdate]
    loss_before: float
    loss_after: float
    applied: bool

    @property
    def optimizer(self) -> str:
        return str(self.config["name"])

    def setting(self, name: str, default: float = 0.0) -> float:
        """A number of the rule (learning_rate, momentum, beta_1, …)."""
        return float(self.config.get(name, default) or default)


def _state_of(trainer: Trainer) -> dict[int, dict[str, np.ndarray]]:
    """id(trainable weight array) -> its slot arrays after the last step."""
    model = trainer.model
    return {id(w): slots for w, slots in zip(model.trainable_weights, model.optimizer.slots(),
                                               strict=False)}


def take_step(trainer: Trainer) -> UpdateReport:
    """Take one optimizer step on the trainer's one example and report it. A step that would
    make a weight or the loss non-finite is not applied (pycore's guard); ``applied`` says so
    and every ``after`` equals its ``before``."""
    model, data = trainer.model, trainer.data
    refs = notation.parameters(model)
    before = [notation.get_parameter(model, r) for r in refs]
    grad_of = gradient_lookup(model, model.gradients(data.x_train, data.y_train))
    loss_before = float(model.evaluate(data.x_train, data.y_train))
    trainer.stopped = None  # a stop reported by an earlier step is not this step's
    trainer.step(1)
    state = _state_of(trainer)
    rows = []
    for ref, old in zip(refs, before, strict=True):
        array = model.weights[ref.weight_index]
        slots = state.get(id(array), {})
        rows.append(WeightUpdate(
            ref.label, old, float(grad_of[id(array)][ref.position]),
            notation.get_parameter(model, ref),
            {name: float(values[ref.position]) for name, values in slots.items()}))
    return UpdateReport(model.optimizer.get_config(), model.optimizer.iterations, rows,
                        loss_before,
                        float(model.evaluate(data.x_train, data.y_train)),
                        trainer.stopped is None)
