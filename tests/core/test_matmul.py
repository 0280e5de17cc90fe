"""Dense's matrix product: without BLAS (Pyodide) a large product runs as ordered row updates;
every path must give the numbers of ``@`` (exactly where the summation order is the same)."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from pycore import matmul as mm
from pycore.diagnostics import layer_statistics


def _in_order(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each entry summed over the inner index in order, from 0: NumPy's loop without BLAS."""
    out = np.zeros((a.shape[0], b.shape[1]))
    for j in range(a.shape[1]):
        out += a[:, j:j + 1] * b[j]
    return out


@pytest.mark.parametrize("layout", ["x @ W", "x.T @ g", "g @ W.T"])
def test_ordered_product_sums_in_order_for_every_layout_dense_uses(layout: str) -> None:
    rng = np.random.default_rng(3)
    x, g, w = (rng.standard_normal((200, 40)), rng.standard_normal((200, 40)),
               rng.standard_normal((40, 40)))
    a, b = {"x @ W": (x, w), "x.T @ g": (x.T, g), "g @ W.T": (g, w.T)}[layout]
    out = mm.ordered_matmul(a, b)
    assert np.array_equal(out, _in_order(a, b))
    np.testing.assert_allclose(out, a @ b, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("shape_a", "shape_b", "ordered"), [
    ((1000, 100), (100, 100), True), ((100, 1000), (1000, 32), True),
    ((1000, 100), (100, 5), False), ((10, 4), (4, 40), False), ((50, 1), (1, 100), False)])
def test_without_blas_only_large_wide_products_take_the_ordered_path(
        shape_a: tuple[int, int], shape_b: tuple[int, int], ordered: bool) -> None:
    rng = np.random.default_rng(4)
    a, b = rng.standard_normal(shape_a), rng.standard_normal(shape_b)
    out = mm.matmul(a, b, no_blas=True)
    if shape_a[1] == 1:
        assert np.array_equal(out, a * b)
    else:
        expected = mm.ordered_matmul(a, b) if ordered else a @ b
        assert np.array_equal(out, expected)
    assert np.array_equal(mm.matmul(a, b, no_blas=False), a * b if shape_a[1] == 1 else a @ b)


def test_the_deep_probe_without_blas_equals_the_one_with_blas(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The deep-nets homework shape (shortened): every statistic and gradient agrees."""
    rng = np.random.default_rng(5)
    model = pycore.Sequential([pycore.Dense(64, activation="tanh", input_dim=64),
                               *[pycore.Dense(64, activation="tanh") for _ in range(4)],
                               pycore.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    x, y = rng.standard_normal((300, 64)), rng.standard_normal((300, 1))
    with_blas = layer_statistics(model, x, y)
    monkeypatch.setattr(mm, "NO_BLAS", True)
    without = layer_statistics(model, x, y)
    for a, b in zip(with_blas, without, strict=True):
        for kind in ("activation", "preactivation", "gradient"):
            if a.values(kind) is not None:
                np.testing.assert_allclose(b.values(kind), a.values(kind), rtol=1e-10,
                                           atol=1e-13)
        assert b.weight_gradient_norm == pytest.approx(a.weight_gradient_norm, rel=1e-12)
