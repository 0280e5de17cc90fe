"""`Dropout`: inverted dropout (Keras), a layer without weights."""

from __future__ import annotations

from typing import Any

import numpy as np

from pycore.layers.base import Layer


class Dropout(Layer):
    """Inverted dropout (Keras): while training, each value is zeroed with probability `rate`
    and the survivors are scaled by 1/(1-rate), so the expected activation is unchanged and
    inference needs no rescaling. Outside training it is the identity.

    The mask comes from `self.rng` (a NumPy Generator; `fit(seed=...)` replaces it every epoch
    so that a seeded run is reproducible). It has no weights.
    """

    config_keys = frozenset({"name", "rate", "seed"})
    rng: np.random.Generator  # always set: a Dropout layer draws its masks from it

    def __init__(self, rate: float, seed: int | None = None, name: str | None = None) -> None:
        rate = float(rate)
        if not 0.0 <= rate < 1.0:
            raise ValueError(f"Dropout rate must be in [0, 1), got {rate}")
        super().__init__(name)
        self.rate = rate
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self._scale: np.ndarray | None = None

    @property
    def built(self) -> bool:
        return self.input_dim is not None

    @property
    def output_dim(self) -> int | None:
        return self.input_dim

    def build(self, input_dim: int, rng: np.random.Generator | None = None) -> None:
        self.input_dim = int(input_dim)

    @property
    def weights(self) -> list[np.ndarray]:
        return []

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if not training or self.rate == 0.0:
            self._scale = None
            return x
        keep = self.rng.random(x.shape) >= self.rate
        self._scale = keep / (1.0 - self.rate)
        return x * self._scale

    def trace(self, x: np.ndarray) -> tuple[None, np.ndarray]:
        """Inference mode is the identity: (no pre-activation, x)."""
        return None, x

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        return grad_out if self._scale is None else grad_out * self._scale

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "rate": self.rate, "seed": self.seed}
