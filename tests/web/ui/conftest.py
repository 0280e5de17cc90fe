"""A small regression task shared by the training tests."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from web.ui.live_model import LiveModel
from web.ui.trainer import Dataset


def make_regression(seed: int = 0) -> tuple[LiveModel, Dataset]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(128, 2))
    y = x @ np.array([[0.5], [-1.5]]) + 0.25
    model = pycore.Sequential([pycore.Dense(1, input_dim=2)], seed=seed)
    return LiveModel(model=model, origin="test.origin"), Dataset(x, y, x[:32], y[:32])


@pytest.fixture
def regression():
    """A factory: ``regression(seed)`` -> (LiveModel of a linear net, its Dataset)."""
    return make_regression
