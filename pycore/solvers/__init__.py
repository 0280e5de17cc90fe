"""Solvers that fit a model's weights other than by gradient descent.

`levenberg_marquardt(model, x, y, ...)` runs Levenberg-Marquardt (with variable projection of
the output layer where that is exact) to completion; `LevenbergMarquardt` is the same solver
one iteration per `step()`, for a UI that must stay responsive. See
`pycore.solvers.lm` for the method and docs/division-story.md for why.
"""

from pycore.solvers.lm import LevenbergMarquardt, levenberg_marquardt
from pycore.solvers.residuals import RESIDUAL_LOSSES

__all__ = ["RESIDUAL_LOSSES", "LevenbergMarquardt", "levenberg_marquardt"]
