"""The tab's presets (one click each) and their explanations, whose every number is computed from
the probe's result for the picture on screen, never typed in.

A preset sets all of A's settings, and for the batch-normalisation preset also B (the same net
without it) so that the two are shown side by side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from web.deepnets.probe import ProbeResult
from web.ui import fmt, i18n

DEFAULTS = {"depth": 30, "width": 100, "activation": "tanh", "initializer": "random_normal",
            "sigma": 0.1, "batch_norm": False, "inputs": "normal", "samples": 1000, "seed": 0}
HOMEWORK = ("tanh", "relu", "elu", "selu")
SATURATED = 0.01  # a sigmoid output below 0.01 or above 0.99 has slope below 0.01
CUSTOM = "custom"


@dataclass(frozen=True)
class Preset:
    name: str
    settings: dict[str, Any]
    compare: dict[str, Any] | None = None


def _homework(activation: str) -> Preset:
    """The homework's net: 30 × 100, N(0, 1) inputs, weights N(0, 1/n) (σ = 1/√100)."""
    return Preset(f"homework_{activation}", {**DEFAULTS, "activation": activation,
                                             "sigma": 1 / math.sqrt(DEFAULTS["width"])})


VANISHING = {**DEFAULTS, "depth": 20, "activation": "sigmoid", "initializer": "glorot_uniform"}
PRESETS = {p.name: p for p in (
    *map(_homework, HOMEWORK),
    Preset("saturation", {**DEFAULTS, "depth": 5, "width": 250, "activation": "sigmoid",
                          "sigma": 1.0, "inputs": "ones"}),
    Preset("vanishing", VANISHING),
    Preset("dying", {**DEFAULTS, "depth": 20, "width": 5, "activation": "relu",
                     "initializer": "he_normal"}),
    Preset("selu", {**DEFAULTS, "depth": 50, "activation": "selu",
                    "initializer": "lecun_normal"}),
    Preset("batchnorm", {**VANISHING, "batch_norm": True}, compare=VANISHING),
)}


def _n(value: float, code: str, digits: int = 3) -> str:
    return fmt.sig(value, digits, code)


def _percent(share: float, code: str) -> str:
    return f"{fmt.sig(100 * share, 3, code)} %"


def _spread_fields(result: ProbeResult, code: str) -> dict[str, object]:
    a_std, g_std = result.stat("activation_std"), result.stat("gradient_std")
    return {"depth": result.depth, "a_first": _n(a_std[0], code), "a_last": _n(a_std[-1], code),
            "a_min": _n(np.nanmin(a_std), code), "a_max": _n(np.nanmax(a_std), code),
            "g_first": _n(g_std[0], code), "g_last": _n(g_std[-1], code)}


def _steepest(result: ProbeResult) -> float:
    """The activation's largest slope (sigmoid: 0.25 at z = 0), on a fine grid."""
    return float(np.max(result.activation.derivative(np.linspace(-10.0, 10.0, 20_001))))


def _saturation_fields(result: ProbeResult, code: str) -> dict[str, object]:
    first = result.layers[0]
    a, z = first.values("activation"), first.values("preactivation")
    low, high = SATURATED, 1 - SATURATED
    flat = np.mean((a < low) | (a > high))
    # where sigmoid's output is below `low` or above `high`, its slope a(1 - a) is below:
    flat_slope = low * (1 - low)
    return {"inputs": z.shape[1], "z_std": _n(first.preactivation_std, code, 4),
            "root": _n(math.sqrt(z.shape[1]), code, 5), "share": _percent(flat, code),
            "low": _n(low, code), "high": _n(high, code), "flat_slope": _n(flat_slope, code),
            "slope": _n(float(np.mean(result.activation.derivative(z))), code),
            "steepest": _n(_steepest(result), code)}


def _vanishing_fields(result: ProbeResult, code: str) -> dict[str, object]:
    g_std = result.stat("gradient_std")
    return {**_spread_fields(result, code), "factor": _n(g_std[-1] / g_std[0], code, 2),
            "steepest": _n(_steepest(result), code)}


def _dying_fields(result: ProbeResult, code: str) -> tuple[str, dict[str, object]]:
    dead = result.stat("dead_fraction")
    all_dead = [k + 1 for k, share in enumerate(dead) if share == 1.0]
    if not all_dead:
        worst = int(np.nanargmax(dead))
        return "deep.explain.dying_none", {"share": _percent(dead[worst], code),
                                           "layer": worst + 1}
    return "deep.explain.dying", {"count": len(all_dead), "depth": result.depth,
                                  "first": all_dead[0], "last": all_dead[-1],
                                  "g_first": _n(result.stat("gradient_std")[0], code)}


def _selu_fields(result: ProbeResult, code: str) -> dict[str, object]:
    mean = result.stat("activation_mean")
    return {**_spread_fields(result, code), "m_min": _n(np.nanmin(mean), code),
            "m_max": _n(np.nanmax(mean), code)}


def _batchnorm_fields(a: ProbeResult, b: ProbeResult, code: str) -> dict[str, object]:
    g_a, g_b = a.stat("gradient_std")[0], b.stat("gradient_std")[0]
    return {**_spread_fields(a, code), "g_a": _n(g_a, code), "g_b": _n(g_b, code),
            "factor": _n(g_a / g_b, code, 2)}


def explanation(name: str, a: ProbeResult | None, b: ProbeResult | None, code: str) -> str:
    """The explanation of preset `name` with the numbers of the results on screen ("" for
    your own settings, or while a result cannot be shown: the status line says why)."""
    if name not in PRESETS or a is None or a.activation_overflow is not None:
        return ""
    if a.gradient_overflow is not None:
        return ""
    if name.startswith("homework_"):
        return i18n.text("deep.explain.homework", code, activation=a.activation.name,
                         sigma=_n(PRESETS[name].settings["sigma"], code),
                         **_spread_fields(a, code))
    if name == "dying":
        key, fields = _dying_fields(a, code)
        return i18n.text(key, code, **fields)
    if name == "batchnorm":
        if b is None or b.gradient_overflow is not None or b.activation_overflow is not None:
            return ""
        return i18n.text("deep.explain.batchnorm", code, **_batchnorm_fields(a, b, code))
    fields = {"saturation": _saturation_fields, "vanishing": _vanishing_fields,
              "selu": _selu_fields}[name](a, code)
    return i18n.text(f"deep.explain.{name}", code, **fields)
