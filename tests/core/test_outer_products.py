"""A Dense layer with one input or one unit computes its outer products by broadcasting (fast
without BLAS, as in Pyodide); the numbers must be exactly those of ``@``."""

from __future__ import annotations

import numpy as np
import pytest

import pycore


@pytest.mark.parametrize(("inputs", "units", "batch"), [(1, 300, 32), (300, 1, 32), (1, 1, 7),
                                                        (4, 3, 1)])
def test_forward_and_backward_equal_matrix_products(inputs: int, units: int, batch: int) -> None:
    rng = np.random.default_rng(inputs * 1000 + units)
    layer = pycore.Dense(units, activation="relu", input_dim=inputs)
    layer.build(inputs, rng)
    x = rng.standard_normal((batch, inputs))
    out = layer.forward(x, training=True)
    z = x @ layer.kernel + layer.bias
    assert np.array_equal(out, np.maximum(z, 0.0))
    grad = rng.standard_normal((batch, units))
    grad_in = layer.backward(grad)
    grad_z = grad * (z > 0)
    assert np.array_equal(layer.grads[0], x.T @ grad_z)
    assert np.array_equal(grad_in, grad_z @ layer.kernel.T)


def test_relu_slope_is_one_above_zero_else_zero() -> None:
    z = np.array([-2.0, -0.0, 0.0, 1e-300, 3.0, np.nan, np.inf, -np.inf])
    slope = pycore.activations.get("relu").derivative(z)
    assert slope.dtype == np.float64
    np.testing.assert_array_equal(slope, np.where(z > 0.0, 1.0, 0.0))
