"""View-model of the division demo: the inputs as typed, the 2-2-1 net's weights, its result.

Kept free of Panel so that it can be tested without a browser: the view only turns these
parameters into widgets and pictures. The network is a real ``pycore`` model (two Dense layers
with the division activation), so the demo shows exactly what the core computes:

    z1 = x W1 + b1,  a1 = f(z1),  z2 = a1 W2 + b2,  y = f(z2),  network quotient = 100 y

With the hand-set weights the hidden neurons compute 0.03 ln(x_i) + 0.5 and the output neuron
exp-s their difference, so 100 y = exp(ln x1 - ln x2) = x1 / x2 (for x1, x2 >= 1 and
x1 / x2 <= 50; outside that the formula still runs but gives wrong answers, which the demo shows).

Every number that reaches the screen goes through :func:`web.fmt.sig`, which never prints NaN
or inf: invalid input produces a message and no result instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import param

import pycore
from pycore import data as pycore_data
from pycore.serialization import ModelFileError, load_weights_json, to_json
from web import fmt, i18n

i18n.register(
    {
        "division.msg.empty": ("Please enter a number as {field}.",
                               "Bitte eine Zahl als {field} eingeben."),
        "division.msg.not_number": (
            "The {field} is not a number. Type digits such as 4.26 (a decimal comma works too).",
            "Der {field} ist keine Zahl. Bitte Ziffern eingeben, z. B. 4.26 (Komma geht auch)."),
        "division.msg.not_finite": ("The {field} must be a finite number.",
                                    "Der {field} muss eine endliche Zahl sein."),
        "division.msg.too_large": (
            "The {field} is too large: this demo accepts numbers between -1000000 and 1000000.",
            "Der {field} ist zu groß: die Demo nimmt Zahlen zwischen -1000000 und 1000000."),
        "division.msg.zero": ("Division by zero is not defined: please choose a divisor other "
                              "than 0.",
                              "Durch null kann man nicht teilen: bitte einen Divisor ungleich 0 "
                              "wählen."),
        "division.msg.huge_quotient": ("The quotient is too large to show: choose a larger "
                                       "divisor.",
                                       "Der Quotient ist zu groß: bitte einen größeren Divisor "
                                       "wählen."),
        "division.msg.domain_x": (
            "Outside the trained range: the network divides only for numbers ≥ 1 "
            "(its hidden neurons compute a logarithm, which needs positive inputs of at least 1). "
            "Its result below is wrong on purpose — this is where it breaks.",
            "Außerhalb des Bereichs: das Netz teilt nur Zahlen ≥ 1 (die versteckten Neuronen "
            "rechnen einen Logarithmus, der positive Eingaben ab 1 braucht). Das Ergebnis unten "
            "ist deshalb falsch — genau hier versagt das Netz."),
        "division.msg.domain_q": (
            "Outside the trained range: the network's output neuron saturates for quotients "
            "above 50, so its result below is too small.",
            "Außerhalb des Bereichs: das Ausgabeneuron sättigt bei Quotienten über 50, das "
            "Ergebnis unten ist deshalb zu klein."),
        "division.msg.weight_invalid": (
            "Weights must be finite numbers between -1000000 and 1000000; kept the old value.",
            "Gewichte müssen endliche Zahlen zwischen -1000000 und 1000000 sein; der alte Wert "
            "bleibt."),
        "division.field.dividend": ("dividend", "Dividend"),
        "division.field.divisor": ("divisor", "Divisor"),
    }
)

MAX_ABS_INPUT = 1e6
QUOTIENT_DIGITS = 9  # 20 / 5 -> 3.99999448: enough digits to see the network's tiny error
MAX_ABS_WEIGHT = 1e6
DOMAIN_MIN_X = 1.0
DOMAIN_MAX_QUOTIENT = 50.0
RANDOM_PRESET = "random"
# Flat order of the 9 parameters as the weight table shows them (Keras arrays W1, b1, W2, b2).
WEIGHT_NAMES = ("w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c")
# Lecture notation, as in the computation graph: w[l]ij joins input i to neuron j of layer l.
WEIGHT_LABELS = ("w[1]11", "w[1]12", "w[1]21", "w[1]22", "b[1]1", "b[1]2",
                 "w[2]11", "w[2]21", "b[2]1")


def flatten_weights(weights: list[np.ndarray]) -> np.ndarray:
    """Keras order [W1 (2,2), b1 (2,), W2 (2,1), b2 (1,)] -> 9 numbers in ``WEIGHT_NAMES`` order."""
    return np.concatenate([np.ravel(w) for w in weights]).astype(np.float64)


def unflatten_weights(flat: np.ndarray) -> list[np.ndarray]:
    """Inverse of :func:`flatten_weights`."""
    flat = np.asarray(flat, dtype=np.float64)
    return [flat[0:4].reshape(2, 2), flat[4:6].copy(), flat[6:8].reshape(2, 1), flat[8:9].copy()]


def parse_number(text: str) -> tuple[float | None, str | None]:
    """``(value, None)`` for a usable number, else ``(None, message_key)``.

    Accepts a decimal comma ("20,7") because German students type it. Python's ``float`` parses
    the text (never ``eval``); it also accepts "nan"/"inf", which are rejected afterwards.
    """
    stripped = (text or "").strip()
    if not stripped:
        return None, "division.msg.empty"
    if "," in stripped and "." not in stripped:
        stripped = stripped.replace(",", ".")
    try:
        value = float(stripped)
    except ValueError:
        return None, "division.msg.not_number"
    if math.isnan(value):
        return None, "division.msg.not_number"
    if math.isinf(value):
        return None, "division.msg.not_finite"
    if abs(value) > MAX_ABS_INPUT:
        return None, "division.msg.too_large"
    return value, None


@dataclass(frozen=True)
class Forward:
    """Every intermediate value of one forward pass through the 2-2-1 network."""

    x: tuple[float, float]
    z1: tuple[float, float]
    a1: tuple[float, float]
    z2: float
    y: float


@dataclass(frozen=True)
class Message:
    """A message for the user: an i18n key, its fields (themselves i18n keys), and its level."""

    key: str
    level: str  # "error" or "warning"
    field_key: str | None = None

    def text(self, lang: i18n.Language) -> str:
        if self.field_key is None:
            return lang.t(self.key)
        return lang.t(self.key, field=lang.t(self.field_key))


@dataclass(frozen=True)
class DivisionResult:
    """What the demo shows for the current inputs and weights (``forward`` None on errors)."""

    forward: Forward | None = None
    true_quotient: float | None = None
    messages: tuple[Message, ...] = field(default_factory=tuple)

    @property
    def network_quotient(self) -> float | None:
        return None if self.forward is None else 100.0 * self.forward.y

    @property
    def absolute_error(self) -> float | None:
        if self.network_quotient is None or self.true_quotient is None:
            return None
        return abs(self.network_quotient - self.true_quotient)

    @property
    def relative_error(self) -> float | None:
        """|net - true| / |true|; undefined (None) when the true quotient is 0."""
        if self.absolute_error is None or not self.true_quotient:
            return None
        return self.absolute_error / abs(self.true_quotient)

    def display(self) -> dict[str, str]:
        """The four result numbers as screen strings (``"—"`` where there is no value)."""
        return {
            "network": fmt.sig(self.network_quotient, QUOTIENT_DIGITS),
            "true": fmt.sig(self.true_quotient, QUOTIENT_DIGITS),
            "abs_error": fmt.sig(self.absolute_error, 3),
            "rel_error": fmt.sig(self.relative_error, 3),
        }


def forward_pass(model: pycore.Sequential, x1: float, x2: float) -> Forward:
    """z1 = x W1 + b1, a1 = f(z1), z2 = a1 W2 + b2, y = f(z2), with the model's own layers."""
    hidden, output = model.layers
    x = np.array([[x1, x2]], dtype=np.float64)
    z1 = x @ hidden.kernel + hidden.bias
    a1 = hidden.activation(z1)
    z2 = a1 @ output.kernel + output.bias
    y = output.activation(z2)
    return Forward((x1, x2), tuple(z1[0]), tuple(a1[0]), float(z2[0, 0]), float(y[0, 0]))


def evaluate(model: pycore.Sequential, dividend: str, divisor: str) -> DivisionResult:
    """Parse both inputs, run the network, and attach errors or out-of-domain warnings."""
    x1, key1 = parse_number(dividend)
    x2, key2 = parse_number(divisor)
    errors = [Message(key, "error", field_key)
              for key, field_key in ((key1, "division.field.dividend"),
                                     (key2, "division.field.divisor")) if key is not None]
    if x2 == 0.0:
        errors.append(Message("division.msg.zero", "error"))
    if errors or x1 is None or x2 is None:
        return DivisionResult(messages=tuple(errors))
    quotient = x1 / x2
    if not math.isfinite(quotient):
        return DivisionResult(messages=(Message("division.msg.huge_quotient", "error"),))
    warnings = []
    if min(x1, x2) < DOMAIN_MIN_X:
        warnings.append(Message("division.msg.domain_x", "warning"))
    elif quotient > DOMAIN_MAX_QUOTIENT:
        warnings.append(Message("division.msg.domain_q", "warning"))
    return DivisionResult(forward_pass(model, x1, x2), quotient, tuple(warnings))


def error_grid(model: pycore.Sequential, low: float, high: float, n: int
               ) -> tuple[np.ndarray, np.ndarray]:
    """|100 y - x1/x2| on an n x n grid, log-spaced from ``low`` to ``high`` on both axes.

    Returns ``(axis, errors)``: ``axis`` the n grid values, ``errors[i, j]`` the error at
    divisor ``axis[i]`` (rows, vertical) and dividend ``axis[j]`` (columns, horizontal).
    Log spacing makes lines of equal quotient straight diagonals, so the "quotient > 50"
    boundary is a line. One vectorised ``predict`` over all n^2 points.
    """
    axis = np.geomspace(low, high, n)
    x1, x2 = np.meshgrid(axis, axis)
    inputs = np.column_stack([x1.ravel(), x2.ravel()])
    network = 100.0 * model.predict(inputs)[:, 0]
    return axis, np.abs(network - inputs[:, 0] / inputs[:, 1]).reshape(n, n)


def preset_names() -> list[str]:
    """The core's presets ("hand_set", "trained") plus a seeded random start."""
    return [*pycore_data.DIVISION_PRESETS, RANDOM_PRESET]


def preset_weights(name: str, seed: int) -> np.ndarray:
    """The 9 weights of a preset; ``random`` is the core's seeded Glorot-uniform initialization."""
    if name == RANDOM_PRESET:
        return flatten_weights(pycore_data.division_model(None, seed=seed).get_weights())
    return flatten_weights(pycore_data.DIVISION_PRESETS[name])


class DivisionViewModel(param.Parameterized):
    """Inputs, weights and derived result of the division demo (one per browser session)."""

    dividend = param.String(default="20.7", doc="The dividend exactly as typed.")
    divisor = param.String(default="4.26", doc="The divisor exactly as typed.")
    preset = param.Selector(default=None, objects=[], doc="Where the current weights came from.")
    seed = param.Integer(default=0, doc="Seed of the 'random' preset.")
    weights = param.Array(doc="The 9 weights and biases in WEIGHT_NAMES order.")
    result = param.ClassSelector(class_=DivisionResult, doc="Result for the current state.")
    weight_message = param.String(default=None, allow_None=True, doc="i18n key or None.")
    wide_range = param.Boolean(default=False, doc="Heatmap over 0.1..60 instead of 1..20.")

    def __init__(self, **params: object) -> None:
        names = preset_names()
        type(self).param.preset.objects = names
        params.setdefault("preset", names[0])
        super().__init__(**params)
        self.model = pycore_data.division_model(None, seed=0)
        self.weights = preset_weights(self.preset, self.seed)
        self._refresh()

    @param.depends("preset", "seed", watch=True)
    def _apply_preset(self) -> None:
        self.weight_message = None
        self.weights = preset_weights(self.preset, self.seed)

    @param.depends("weights", watch=True)
    def _push_weights(self) -> None:
        self.model.set_weights(unflatten_weights(self.weights))
        self._refresh()

    @param.depends("dividend", "divisor", watch=True)
    def _refresh(self) -> None:
        self.result = evaluate(self.model, self.dividend, self.divisor)

    def set_weight(self, index: int, value: float | None) -> bool:
        """Set one of the 9 parameters; rejects None, NaN, inf and |value| > 1e6 (returns False)."""
        if value is None or not math.isfinite(value) or abs(value) > MAX_ABS_WEIGHT:
            self.weight_message = "division.msg.weight_invalid"
            return False
        self.weight_message = None
        if self.weights[index] != value:
            updated = self.weights.copy()
            updated[index] = float(value)
            self.weights = updated
        return True

    def pull_from_model(self) -> None:
        """Take the model's weights after it changed outside (training) and recompute."""
        self.weights = flatten_weights(self.model.get_weights())

    def error_grid(self, n: int = 200) -> tuple[np.ndarray, np.ndarray]:
        low, high = (0.1, 60.0) if self.wide_range else (1.0, 20.0)
        return error_grid(self.model, low, high, n)

    def to_json(self) -> str:
        """The model file (architecture + weights) of the current network."""
        return to_json(self.model)

    def load_json(self, text: str | bytes) -> None:
        """Load a model file's weights; raises ModelFileError and changes nothing if invalid."""
        candidate = pycore_data.division_model(None, seed=0)
        load_weights_json(candidate, text)
        flat = flatten_weights(candidate.get_weights())
        if not np.all(np.abs(flat) <= MAX_ABS_WEIGHT):
            raise ModelFileError("weights: this demo accepts weights between -1e6 and 1e6")
        self.weight_message = None
        self.weights = flat
