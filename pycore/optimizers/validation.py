"""Hyper-parameter checks shared by all optimizers.

Why a module of its own: a teaching tool gets its hyper-parameters from sliders and text
boxes, so a bad value (a negative learning rate, ``rho = 1``) must fail at construction with
a message naming the argument and the allowed range -- not later as a NaN in a plot.
"""

from __future__ import annotations

import math
from numbers import Real


def check_number(
    name: str,
    value: object,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a float after checking it is a finite real inside the bounds.

    ``low``/``high`` are inclusive unless ``low_open``/``high_open`` make them exclusive.
    Booleans are rejected even though Python treats them as ints: ``momentum=True`` is a typo.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"`{name}` must be a real number; received {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"`{name}` must be finite; received {value!r}.")
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        low_text = "-inf" if low is None else repr(low)
        high_text = "inf" if high is None else repr(high)
        raise ValueError(
            f"`{name}` must lie in {left}{low_text}, {high_text}{right}; received {value!r}."
        )
    return number


def check_optional_positive(name: str, value: object) -> float | None:
    """``None`` (feature off) or a finite number > 0 (clipping thresholds)."""
    if value is None:
        return None
    return check_number(name, value, low=0.0, low_open=True)


def check_bool(name: str, value: object) -> bool:
    """Flags such as ``nesterov`` must be real booleans, so ``"False"`` is not silently true."""
    if not isinstance(value, bool):
        raise ValueError(f"`{name}` must be True or False; received {value!r}.")
    return value


def check_decay_rate(name: str, value: object) -> float:
    """Exponential-average factors (``rho``, ``beta_1``, ``beta_2``) must lie in [0, 1).

    At 1 the average never moves off its zero start (and Adam's bias correction divides by 0).
    """
    return check_number(name, value, low=0.0, high=1.0, high_open=True)
