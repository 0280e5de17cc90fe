"""View-model of the parameter counter: an architecture as typed, its count per layer, and
pycore's own count of the same net as the check.

A Dense layer with n inputs and u units has n·u weights and (with biases) u biases: n·u + u
parameters. The widths are typed as text ("2, 3, 2": input, hidden …, output); the text is
parsed without ``eval``, checked against the lab's limits for a net (``pycore.serialization``),
and either accepted or refused with a message — the last accepted architecture stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import param

import pycore
from pycore.serialization import MAX_LAYERS, MAX_PARAMS, MAX_UNITS

SEPARATORS = re.compile(r"[\s,;\-–—→>]+")  # "2, 3, 2", "2-3-2", "2 → 3 → 2"
TIMES = re.compile(r"(?<=\d)\s*[x×]\s*(?=\d)")  # "2 x 3 x 2", only between two numbers
NEGATIVE = re.compile(r"(?:^|[,;])\s*[-–]\s*(\d+)")  # "2, -3": a minus after a comma
PRESETS = {"script": "2, 3, 2", "division": "2, 2, 1", "watch": "1, 300, 1",
           "digits": "784, 128, 10", "deep": "1, 64, 64, 64, 1"}

Problem = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class LayerCount:
    """One Dense layer's parameters by the formula."""

    number: int
    inputs: int
    units: int
    bias: bool

    @property
    def weights(self) -> int:
        return self.inputs * self.units

    @property
    def biases(self) -> int:
        return self.units if self.bias else 0

    @property
    def total(self) -> int:
        return self.weights + self.biases


def parse(text: str) -> tuple[list[int] | None, Problem | None]:
    """``([widths], None)`` or ``(None, problem)`` for typed widths such as "2, 3, 2"."""
    text = (text or "").strip()
    negative = NEGATIVE.search(text)
    if negative:
        return None, ("exp.params.msg.width", {"width": -int(negative.group(1)), "max": MAX_UNITS})
    parts = [p for p in SEPARATORS.split(TIMES.sub(",", text)) if p]
    if not parts:
        return None, ("exp.params.msg.empty", {})
    widths = []
    for part in parts:
        if not part.isdigit():
            return None, ("exp.params.msg.not_integer", {"typed": part[:20]})
        widths.append(int(part))
    if len(widths) < 2:
        return None, ("exp.params.msg.too_few", {})
    if len(widths) - 1 > MAX_LAYERS:
        return None, ("exp.params.msg.too_many_layers", {"max": MAX_LAYERS})
    for width in widths:
        if not 1 <= width <= MAX_UNITS:
            return None, ("exp.params.msg.width", {"width": width, "max": MAX_UNITS})
    return widths, None


def layer_counts(widths: list[int], bias: bool) -> list[LayerCount]:
    return [LayerCount(k + 1, n, u, bias) for k, (n, u) in enumerate(pairwise(widths))]


@lru_cache(maxsize=32)
def pycore_count(widths: tuple[int, ...], bias: bool) -> int:
    return build(list(widths), bias).count_params()


def build(widths: list[int], bias: bool) -> pycore.Sequential:
    """The same architecture as a pycore net (linear Dense layers; weights are not needed)."""
    layers = [pycore.Dense(units, activation="linear", use_bias=bias,
                           **({"input_dim": widths[0]} if k == 0 else {}))
              for k, units in enumerate(widths[1:])]
    return pycore.Sequential(layers, seed=0)


class ParamsLab(param.Parameterized):
    """The typed architecture (text), the accepted one (widths) and pycore's count of it."""

    architecture = param.String(default=PRESETS["script"], doc="Widths as typed.")
    use_bias = param.Boolean(default=True)
    widths = param.List(default=[2, 3, 2], item_type=int, doc="The last accepted widths.")
    problem = param.Parameter(default=None, doc="(i18n key, fields) of a refused text.")

    LINK_PARAMS = ("architecture", "use_bias")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self._accept()

    @param.depends("architecture", "use_bias", watch=True)
    def _accept(self) -> None:
        widths, problem = parse(self.architecture)
        if problem is None:
            total = sum(layer.total for layer in layer_counts(widths, self.use_bias))
            if total > MAX_PARAMS:
                problem = ("exp.params.msg.too_large", {"count": total, "max": MAX_PARAMS})
        if problem is not None:
            self.problem = (problem[0], {**problem[1], "kept": ", ".join(map(str, self.widths))})
            return
        self.param.update(widths=widths, problem=None)

    def layers(self) -> list[LayerCount]:
        return layer_counts(self.widths, self.use_bias)

    @property
    def total(self) -> int:
        return sum(layer.total for layer in self.layers())

    def pycore_count(self) -> int:
        """``model.count_params()`` of the same net built by pycore: the check."""
        return pycore_count(tuple(self.widths), self.use_bias)

    def preset(self, name: str) -> None:
        self.architecture = PRESETS[name]
