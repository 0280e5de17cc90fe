"""View-model of the division tab: the inputs as typed, the presets, and the result.

Kept free of widgets so that it can be tested without a browser. The network is a real pycore
model owned by a :class:`LiveModel` (the one place its nine weights live), and every number on
screen comes from pycore's own forward pass (``forward_trace``):

    z1 = x W1 + b1,  a1 = f(z1),  z2 = a1 W2 + b2,  y = f(z2),  network quotient = 100 y

With the hand-set weights the hidden neurons compute 0.03 ln(x_i) + 0.5 and the output neuron
exp-s their difference, so 100 y = x1 / x2 for x1, x2 ≥ 1 and x1 / x2 ≤ 50. Outside that the
formula still runs but gives wrong answers; the messages say which way, as the model computes
it (too large where the output neuron has left its exponential piece, too small where it
saturates), never from a typed-in threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import param

import pycore
from pycore.activations import Division
from pycore.division import DIVISION_PRESETS, QUOTIENT_SCALE, division_dataset, division_model
from pycore.layers import Dense, LayerTrace
from pycore.serialization import load_weights_json, to_json
from pycore.serialization.fields import fail
from web.division import texts  # noqa: F401  (registers the tab's words)
from web.ui import fmt, i18n
from web.ui.live_model import LiveModel
from web.ui.model_files import ModelFile
from web.ui.trainer import Dataset

MAX_ABS_INPUT = 1e6
MAX_ABS_WEIGHT = 1e6
QUOTIENT_DIGITS = 9  # 20 / 5 -> 3.99999448: enough digits to see the network's tiny error
DOMAIN_MIN_X = 1.0
DOMAIN_MAX_QUOTIENT = 50.0
DATA_MAX_X = 19.99  # the largest input of the original training data (1.00 … 19.99)
WRONG_RELATIVE_ERROR = 1e-3  # a result this close to the true quotient gets no warning
RANDOM, CUSTOM = "random", "custom"
PRESETS = (*DIVISION_PRESETS, RANDOM, CUSTOM)
TRAINING_EXAMPLES = 2000
DATA_SEED = 2021


def parse_number(text: str) -> tuple[float | None, str | None]:
    """``(value, None)`` for a usable number, else ``(None, message_key)``. A decimal comma
    ("20,7") is accepted because German students type it; never ``eval``."""
    if not (text or "").strip():
        return None, "division.msg.empty"
    try:
        value = fmt.parse(text)
    except ValueError:
        return None, "division.msg.not_number"
    if not math.isfinite(value):
        return None, "division.msg.not_number"
    if abs(value) > MAX_ABS_INPUT:
        return None, "division.msg.too_large"
    return value, None


@dataclass(frozen=True)
class Message:
    """A message for the user: an i18n key, the field it is about (an i18n key), its level."""

    key: str
    level: str  # "error" or "warning"
    field_key: str | None = None

    def text(self, code: str) -> str:
        return i18n.text(self.key, code, field=self.field_key or "")


@dataclass(frozen=True)
class DivisionResult:
    """What the tab shows for the current inputs and weights (``traces`` None on errors)."""

    traces: tuple[LayerTrace, ...] | None = None
    true_quotient: float | None = None
    messages: tuple[Message, ...] = field(default_factory=tuple)

    @property
    def x(self) -> tuple[float, float] | None:
        return None if self.traces is None else tuple(self.traces[0].inputs[0])

    @property
    def network_quotient(self) -> float | None:
        return None if self.traces is None else QUOTIENT_SCALE * float(self.traces[-1].a[0, 0])

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

    def display(self, code: str) -> dict[str, str]:
        """The four result numbers as screen strings ("—" where there is no value)."""
        return {"network": fmt.sig(self.network_quotient, QUOTIENT_DIGITS, code),
                "true": fmt.sig(self.true_quotient, QUOTIENT_DIGITS, code),
                "abs_error": fmt.sig(self.absolute_error, 3, code),
                "rel_error": fmt.sig(self.relative_error, 3, code)}


def evaluate(model: pycore.Sequential, dividend: str, divisor: str) -> DivisionResult:
    """Parse both inputs, run the network, and attach errors or out-of-range warnings."""
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
    traces = tuple(model.forward_trace(np.array([[x1, x2]], dtype=np.float64)))
    result = DivisionResult(traces, quotient)
    warning = range_warning(result, is_division_net(model))
    return DivisionResult(traces, quotient, (warning,) if warning else ())


def is_division_net(model: pycore.Sequential) -> bool:
    """True when every Dense layer uses the division activation (the net the tab's
    explanations are about); a net with your own activations gets neutral words."""
    return all(layer.activation.name == "division" for layer in model.layers
               if isinstance(layer, Dense))


def range_warning(result: DivisionResult, division: bool) -> Message | None:
    """Why the answer is wrong outside the range the weights were made for, read from what
    the network computes for this input (its trace), never from a typed-in threshold alone:
    which activation piece a neuron is on, and whether the result is too large or too small.
    No warning where the result is right (a net learnt from scratch also divides below 1)."""
    x1, x2 = result.x
    quotient, network = result.true_quotient, result.network_quotient
    outside = (min(x1, x2) < DOMAIN_MIN_X or max(x1, x2) > DATA_MAX_X
               or quotient > DOMAIN_MAX_QUOTIENT)
    if not outside or (result.relative_error or 0.0) <= WRONG_RELATIVE_ERROR:
        return None
    if not division:
        return Message("division.msg.outside", "warning")
    hidden_z, output_z = result.traces[0].z[0], float(result.traces[-1].z[0, 0])
    if min(x1, x2) < DOMAIN_MIN_X and np.any(hidden_z <= 0.0):
        return Message("division.msg.domain_x", "warning")
    if np.any(hidden_z > Division.SEAM):
        return Message("division.msg.hidden_seam", "warning")
    if quotient > DOMAIN_MAX_QUOTIENT:
        if output_z <= 0.0:
            return Message("division.msg.exp_limit", "warning")
        key = "division.msg.overshoot" if network > quotient else "division.msg.saturated"
        return Message(key, "warning")
    return Message("division.msg.outside", "warning")


def error_grid(model: pycore.Sequential, low: float, high: float, n: int
               ) -> tuple[np.ndarray, np.ndarray]:
    """|100 y - x1/x2| on an n x n grid, log-spaced from ``low`` to ``high`` on both axes.

    Returns ``(axis, errors)``: ``errors[i, j]`` is the error at divisor ``axis[i]`` (rows)
    and dividend ``axis[j]`` (columns). Log spacing makes lines of equal quotient straight
    diagonals. One vectorised ``predict`` over all n² points."""
    axis = np.geomspace(low, high, n)
    x1, x2 = np.meshgrid(axis, axis)
    inputs = np.column_stack([x1.ravel(), x2.ravel()])
    network = QUOTIENT_SCALE * model.predict(inputs)[:, 0]
    return axis, np.abs(network - inputs[:, 0] / inputs[:, 1]).reshape(n, n)


def copy_model(model: pycore.Sequential) -> pycore.Sequential:
    """A separate model with the same layers and the current weights (later changes to the
    original do not reach it)."""
    copy = pycore.Sequential.from_config(model.get_config())
    copy.set_weights(model.get_weights())
    return copy


def preset_weights(name: str, seed: int) -> list[np.ndarray]:
    """The weights of a preset; ``random`` is the core's seeded Glorot-uniform start."""
    if name == RANDOM:
        return division_model(None, seed=seed).get_weights()
    return [np.array(w) for w in DIVISION_PRESETS[name]]


class DivisionViewModel(param.Parameterized):
    """Inputs, preset and result of the division tab (one per browser session)."""

    dividend = param.String(default="20.7", doc="The dividend exactly as typed.")
    divisor = param.String(default="4.26", doc="The divisor exactly as typed.")
    preset = param.Selector(default="hand_set", objects=list(PRESETS),
                            doc="Where the weights came from; 'custom' after edits or a file.")
    seed = param.Integer(default=0, bounds=(0, 2**31 - 1), doc="Seed of the 'random' preset.")
    wide_range = param.Boolean(default=False, doc="Heatmap over 0.1..60 instead of 1..25.")
    result = param.ClassSelector(class_=DivisionResult, doc="Result for the current state.")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self.live = LiveModel(model=division_model(self.preset if self.preset in
                                                   DIVISION_PRESETS else None, seed=self.seed),
                              origin=f"division.preset.{self.preset}")
        self.live.param.watch(self._weights_changed, "revision")
        self._refresh()

    @param.depends("preset", "seed", watch=True)
    def _apply_preset(self) -> None:
        """A preset's weights; a net with your own activations becomes the division net again
        (the presets are weights of the division net)."""
        if self.preset == CUSTOM:
            return
        origin = f"division.preset.{self.preset}"
        if is_division_net(self.live.model):
            self.live.load_weights(preset_weights(self.preset, self.seed), origin=origin)
        else:
            model = division_model(None, seed=self.seed)
            model.set_weights(preset_weights(self.preset, self.seed))
            self.live.replace(model, origin=origin)

    def _weights_changed(self, _event: object) -> None:
        self._refresh()

    def mark_custom(self) -> None:
        """The weights no longer are a preset's (a hand edit, a loaded file)."""
        self.preset = CUSTOM

    @param.depends("dividend", "divisor", watch=True)
    def _refresh(self) -> None:
        self.result = evaluate(self.live.model, self.dividend, self.divisor)

    def error_grid(self, n: int = 200) -> tuple[np.ndarray, np.ndarray]:
        low, high = (0.1, 60.0) if self.wide_range else (1.0, 25.0)
        return error_grid(self.live.model, low, high, n)

    def training_data(self) -> Dataset:
        """The original task's data: random pairs from 1.00..19.99, 80 % train, 20 % val."""
        x, y = division_dataset(TRAINING_EXAMPLES, seed=DATA_SEED)
        cut = int(0.8 * TRAINING_EXAMPLES)
        return Dataset(x[:cut], y[:cut], x[cut:], y[cut:])

    # --- model files ---------------------------------------------------------------------
    def model_file(self) -> ModelFile:
        return ModelFile("division.model", "division-model.json",
                         lambda: to_json(self.live.model), self.load_json)

    def load_json(self, text: str | bytes) -> None:
        """Load a model file's weights; raises ModelFileError and changes nothing if invalid."""
        candidate = division_model(None, seed=0)
        load_weights_json(candidate, text)
        weights = candidate.get_weights()
        if not all(np.all(np.abs(w) <= MAX_ABS_WEIGHT) for w in weights):
            raise fail("weights", "division_weights", limit=int(MAX_ABS_WEIGHT))
        self.live.replace(candidate, origin="division.preset.custom")
        self.mark_custom()
