"""pycore: a pure-NumPy, Keras-like neural-network core for NN Lab.

`import pycore` gives the Keras-style entry points `Sequential`, `Dense`, `Dropout` and
`BatchNormalization` and the submodules (one concept each), so lecture code such as
`pycore.optimizers.get("adam")` or `pycore.diagnostics.layer_statistics(...)` works after a
single import. The API contract is in docs/pycore-api.md.
"""

from pycore import (
    activations,
    callbacks,
    data,
    diagnostics,
    division,
    gradcheck,
    graph,
    initializers,
    landscape,
    layers,
    losses,
    metrics,
    model,
    notation,
    numerics,
    optimizers,
    regularizers,
    serialization,
    solvers,
)
from pycore.layers import BatchNormalization, Dense, Dropout
from pycore.model import Sequential

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
