"""pycore: a pure-NumPy, Keras-like neural-network core for NN Lab.

`import pycore` gives the Keras-style entry points `Sequential`, `Dense`, `Dropout` and
`BatchNormalization` and the submodules (one concept each), so lecture code such as
`pycore.optimizers.get("adam")` or `pycore.diagnostics.layer_statistics(...)` works after a
single import. The API contract is in docs/pycore-api.md.

What a model needs is imported at once; the tools around it (solvers, landscapes, diagnostics,
the graph, model files, ...) are imported the first time they are used (PEP 562 module
``__getattr__``): in the browser every imported module costs start-up time, and a student
opening the first tab uses none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from pycore import (
    activations,
    callbacks,
    initializers,
    layers,
    losses,
    metrics,
    model,
    numerics,
    optimizers,
    regularizers,
)
from pycore.layers import BatchNormalization, Dense, Dropout
from pycore.model import Sequential

if TYPE_CHECKING:
    from pycore import (
        data,
        diagnostics,
        division,
        gradcheck,
        graph,
        landscape,
        notation,
        serialization,
        solvers,
    )

_ON_FIRST_USE = ("data", "diagnostics", "division", "gradcheck", "graph", "landscape",
                 "notation", "serialization", "solvers")

__all__ = [
    "BatchNormalization",
    "Dense",
    "Dropout",
    "Sequential",
    "activations",
    "callbacks",
    "data",
    "diagnostics",
    "division",
    "gradcheck",
    "graph",
    "initializers",
    "landscape",
    "layers",
    "losses",
    "metrics",
    "model",
    "notation",
    "numerics",
    "optimizers",
    "regularizers",
    "serialization",
    "solvers",
]


def __getattr__(name: str) -> object:
    """Import a tool submodule on first use (``pycore.solvers`` after ``import pycore``)."""
    if name in _ON_FIRST_USE:
        return importlib.import_module(f"pycore.{name}")
    raise AttributeError(f"module 'pycore' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
