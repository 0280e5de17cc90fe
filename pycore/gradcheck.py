"""Check an activation's derivative against finite differences.

Why: students may type an activation with a hand-written derivative
(`pycore.activations.from_formula(expr, derivative_expr)`); the original division project
shipped a derivative that was wrong on two of its three pieces and nobody noticed. A wrong
derivative does not crash anything, it just makes training quietly wrong, so the lab checks it
and shows the result instead of trusting it.

At each point x of the check the derivative is compared with the centred difference
(f(x + h) - f(x - h)) / 2h, h = 6.06e-6 max(1, |x|) (the cube root of machine epsilon:
truncation error ~h² balanced against rounding error ~eps/h). Points near a kink are skipped:
there the one-sided slopes (f(x + h) - f(x)) / h and (f(x) - f(x - h)) / h disagree by more than
`KINK_TOLERANCE` (relative to max(1, |slope|)), the centred difference averages two different
slopes and proves nothing about either. Smooth curvature makes the two one-sided slopes differ
by only about h |f''|, far below that tolerance for the built-in activations except within
~1e-3 of the division activation's kink at 0, where its curvature is 3e10. Points where f
itself is not finite are skipped too.
The relative error at a point is |f'(x) - difference| / max(1, |difference|): relative for
slopes above 1, absolute below (where a relative error would only measure the finite
difference's rounding noise, e.g. tanh' ~ 1e-15 at x = 18), so neither a slope of 30000 nor a
slope of 1e-15 fails for rounding-sized differences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from pycore import activations

#: Default points: -20 .. 20 in steps of 0.01 (covers the division activation's seam at 15).
DEFAULT_POINTS = np.linspace(-20.0, 20.0, 4001)
DEFAULT_TOLERANCE = 1e-4
KINK_TOLERANCE = 1e-3
_STEP = float(np.cbrt(np.finfo(np.float64).eps))


@dataclass(frozen=True)
class DerivativeCheck:
    """Result of :func:`check_derivative`.

    ``ok``: every checked point's relative error within ``tolerance``. ``max_abs_error`` and
    ``max_rel_error`` (relative to max(1, |difference|), module docstring) over the checked
    points; ``worst_x`` is where the relative error is largest, with the derivative
    (``analytic``) and the finite difference (``numeric``) there; ``checked`` and ``skipped``
    count points (skipped: near a kink or non-finite f). With nothing checked, ``ok`` is False
    and the worst-point fields are NaN.
    """

    ok: bool
    max_abs_error: float
    max_rel_error: float
    worst_x: float
    analytic: float
    numeric: float
    checked: int
    skipped: int
    tolerance: float


def check_derivative(activation: Any, x: Any = None,
                     tolerance: float = DEFAULT_TOLERANCE) -> DerivativeCheck:
    """Compare ``activation.derivative`` with a centred finite difference at the points ``x``
    (default -20 .. 20 step 0.01), skipping kinks; see the module docstring."""
    act = activations.get(activation)
    if not act.elementwise:
        raise ValueError(f"{act.name} is not element-wise; its derivative is a Jacobian")
    if not tolerance > 0.0:
        raise ValueError(f"tolerance must be a positive number, got {tolerance!r}")
    points = DEFAULT_POINTS if x is None else np.asarray(x, dtype=np.float64).ravel()
    if points.size == 0 or not np.all(np.isfinite(points)):
        raise ValueError("x must be a non-empty array of finite numbers")
    h = _STEP * np.maximum(1.0, np.abs(points))
    with np.errstate(all="ignore"):
        below, at, above = act(points - h), act(points), act(points + h)
        numeric = (above - below) / (2.0 * h)
        left, right = (at - below) / h, (above - at) / h
        scale = np.maximum(1.0, np.abs(numeric))
        smooth = np.abs(right - left) <= KINK_TOLERANCE * scale
        usable = smooth & np.isfinite(below) & np.isfinite(at) & np.isfinite(above)
        analytic = act.derivative(points)
        abs_error = np.where(np.isfinite(analytic), np.abs(analytic - numeric), np.inf)
    checked = int(np.sum(usable))
    if checked == 0:
        nan = float("nan")
        return DerivativeCheck(False, nan, nan, nan, nan, nan, 0, points.size, tolerance)
    relative = np.where(usable, abs_error / scale, -1.0)
    worst = int(np.argmax(relative))
    return DerivativeCheck(
        ok=bool(relative[worst] <= tolerance),
        max_abs_error=float(np.max(abs_error[usable])),
        max_rel_error=float(relative[worst]),
        worst_x=float(points[worst]),
        analytic=float(analytic[worst]),
        numeric=float(numeric[worst]),
        checked=checked,
        skipped=int(points.size - checked),
        tolerance=float(tolerance),
    )
