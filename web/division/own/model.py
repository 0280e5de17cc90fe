"""Your own activation for each layer of the division net, and its derivative checked.

Each layer gets a built-in activation or a formula in x (``pycore.activations.from_formula``,
the safe parser: never ``eval``), optionally with a hand-written derivative. A hand-written
derivative is compared with finite differences (``pycore.gradcheck.check_derivative``, away
from kinks) before it is used: the original project shipped a derivative that was wrong on two
of its three pieces and nobody noticed, because a wrong derivative crashes nothing, it only
makes training quietly wrong. A failed (or impossible) check is shown with where it fails and
blocks "apply" unless you choose to use it anyway (to watch what a wrong derivative does).

Apply builds a new 2-2-1 net with these activations and the active weights and makes it the
active model (a new run, origin "your own activation").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import param

import pycore
from pycore.formula import FormulaError
from pycore.gradcheck import DerivativeCheck, check_derivative
from web.ui.live_model import LiveModel

FORMULA = "formula"
CHOICES = [*(name for name in pycore.activations.names() if name != "softmax"), FORMULA]
ORIGIN = "division.origin.own"


@dataclass(frozen=True)
class Built:
    """One layer's activation, or why there is none, and the derivative check (if any)."""

    activation: pycore.activations.Activation | None
    problem: str | None = None  # i18n key
    check: DerivativeCheck | None = None
    builtin: bool = False

    @property
    def trusted(self) -> bool:
        """Usable without asking: built, and no hand-written derivative failed its check."""
        return self.activation is not None and (self.check is None or self.check.ok)


class LayerActivation(param.Parameterized):
    """The activation of one layer: a built-in name or your formula (and derivative)."""

    kind = param.Selector(default="division", objects=CHOICES)
    formula = param.String(default="", doc="f(x) as typed.")
    derivative = param.String(default="", doc="f'(x) as typed; empty: finite differences.")

    def build(self) -> Built:
        if self.kind != FORMULA:
            return Built(pycore.activations.get(self.kind), builtin=True)
        if not self.formula.strip():
            return Built(None, "own.formula_empty")
        try:
            activation = pycore.activations.from_formula(self.formula, self.derivative or None,
                                                         name="own")
        except FormulaError:
            return Built(None, "own.formula_bad")
        if not self.derivative.strip():
            return Built(activation)
        return Built(activation, check=check_derivative(activation))


class OwnActivations(param.Parameterized):
    """Both layers' choices and what applying them did."""

    accept_unchecked = param.Boolean(default=False,
                                     doc="Use a derivative that failed its check anyway.")
    outcome = param.String(default=None, allow_None=True,
                           doc="i18n key of the last apply's outcome.")

    def __init__(self, live: LiveModel, on_applied: Callable[[], None] | None = None,
                 **params: object) -> None:
        super().__init__(**params)
        self.live, self._on_applied = live, on_applied
        self.layers = (LayerActivation(name="hidden"), LayerActivation(name="output"))
        for layer in self.layers:
            layer.param.watch(self._edited, ["kind", "formula", "derivative"])

    def _edited(self, *_events: object) -> None:
        self.outcome = None  # a message about the previous choice would no longer be true

    def built(self) -> tuple[Built, Built]:
        return self.layers[0].build(), self.layers[1].build()

    def apply(self) -> bool:
        """Make a net with these activations and the active weights the active model; False
        (and nothing changes) if a layer has no activation or an untrusted derivative."""
        built = self.built()
        if any(b.activation is None for b in built):
            self.outcome = "own.not_applied"
            return False
        if not all(b.trusted for b in built) and not self.accept_unchecked:
            self.outcome = "own.not_trusted"
            return False
        hidden, output = (b.activation for b in built)
        model = pycore.Sequential([pycore.Dense(2, activation=hidden, input_dim=2),
                                   pycore.Dense(1, activation=output)], name="division")
        model.set_weights(self.live.model.get_weights())
        model.compile(optimizer="adam", loss="mae")
        self.live.replace(model, origin=ORIGIN)
        self.outcome = "own.applied"
        if self._on_applied is not None:
            self._on_applied()
        return True
