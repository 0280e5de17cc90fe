"""Variable projection: the output layer's weights solved exactly by linear least squares.

When every residual is an affine function of the output pre-activation z, r = z - z*(y), the
output layer's weights enter the residuals linearly: r = [h, 1] θ - z*, with h the last
hidden layer's activations. For fixed hidden weights the best θ is then a linear
least-squares solution, so a solver only has to search the hidden weights (Golub & Pereyra's
variable projection); the problem it sees is smaller and much better conditioned.

r is affine in z in two cases the lab uses:
- ``linear`` output with ``mse``: r = z - y, so z* = y;
- ``division`` output with ``log_mse`` on its exp piece (z <= 0, where f(z) = c e^(z - 1) with
  c = 1.359140915): ln f(z) - ln y = z - (ln(y / c) + 1), so z* = ln(y / c) + 1. That needs
  every target below f(0) = 0.5 (then z* <= 0). For the division targets this is
  ln y - ln 0.5 up to the constant's rounding (ln(c) - 1 = ln 0.5 + 8e-11).
Elsewhere (e.g. tanh output, or mse on the division output) the residual is not affine in z
and no exact projection exists: the solver then runs plain joint LM.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from pycore.activations import Activation, Division

InverseFn = Callable[[np.ndarray], np.ndarray]


def _division_log_inverse(y: np.ndarray) -> np.ndarray:
    return np.log(y / Division.EXP_SCALE) + 1.0


def output_inverse(activation: Activation, loss_name: str, y: np.ndarray) -> InverseFn | None:
    """z*(y) such that the residual is z - z*(y) for these targets, or None if none exists."""
    if activation.name == "linear" and loss_name == "mse":
        return np.asarray
    if activation.name == "division" and loss_name == "log_mse":
        exp_piece_top = float(activation(np.zeros(1))[0])  # f(0) = 0.5, the exp piece's top
        if np.all(y > 0.0) and np.all(y <= exp_piece_top):
            return _division_log_inverse
    return None


class OutputProjection:
    """Solves the output layer for given hidden activations and projects Jacobians.

    ``targets`` is z*(y), shape (samples, outputs); ``use_bias`` adds the column of ones.
    """

    def __init__(self, targets: np.ndarray, use_bias: bool) -> None:
        self.targets = targets
        self.use_bias = use_bias
        self.basis = np.zeros((targets.shape[0], 0))

    def solve(self, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Least-squares (kernel, bias) for hidden activations ``hidden`` (samples, units).

        Uses the SVD with the rank cut at the usual tolerance (largest singular value times
        max(shape) times machine epsilon), so two identical hidden units or a dead unit give
        the minimum-norm solution instead of a singular-matrix error. Keeps the orthonormal
        basis of the column space for :meth:`project`.
        """
        design = hidden
        if self.use_bias:
            design = np.column_stack([hidden, np.ones(hidden.shape[0])])
        u, s, vt = np.linalg.svd(design, full_matrices=False)
        tolerance = (s[0] if s.size else 0.0) * max(design.shape) * np.finfo(np.float64).eps
        rank = int(np.sum(s > tolerance))
        self.basis = u[:, :rank]
        theta = vt[:rank].T @ ((self.basis.T @ self.targets) / s[:rank, None])
        if self.use_bias:
            return theta[:-1], theta[-1]
        return theta, None

    def project(self, jac: np.ndarray) -> np.ndarray:
        """(I - P) J for every output's block of rows, P the projector onto the column space
        of the last :meth:`solve`: Kaufman's form of the variable-projection Jacobian (the
        hidden weights' effect on the residual after the output layer has re-solved itself,
        to first order)."""
        samples = self.targets.shape[0]
        blocks = jac.reshape(samples, -1)  # the projection acts along the samples only
        projected = blocks - self.basis @ (self.basis.T @ blocks)
        return projected.reshape(jac.shape)
