"""pycore: a pure-NumPy, Keras-like neural-network core for NN Lab.

`import pycore` gives the Keras-style entry points `Sequential`, `Dense` and `Dropout` and the
submodules (one concept each), so lecture code such as `pycore.optimizers.get("adam")` works
after a single import. The API contract is in docs/pycore-api.md.
"""

from pycore import (
    activations,
    callbacks,
    data,
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
from pycore.layers import Dense, Dropout
from pycore.model import Sequential

__all__ = [
    "Dense",
    "Dropout",
    "Sequential",
    "activations",
    "callbacks",
    "data",
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
