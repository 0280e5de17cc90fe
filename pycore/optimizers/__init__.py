"""Keras 3 optimizers in pure NumPy: ``get(name_or_optimizer_or_config, **kwargs)``.

Each optimizer uses Keras 3's argument names and defaults and its exact update rule (the
formulas are in each module's docstring). ``opt.apply(grads, params)`` updates the parameter
arrays in place.
"""

from __future__ import annotations

from typing import Any

from pycore.optimizers.adadelta import Adadelta
from pycore.optimizers.adagrad import Adagrad
from pycore.optimizers.adam import Adam, Adamax, Nadam
from pycore.optimizers.base import Optimizer
from pycore.optimizers.ftrl import Ftrl
from pycore.optimizers.rmsprop import RMSprop
from pycore.optimizers.sgd import SGD

__all__ = [
    "SGD",
    "Adadelta",
    "Adagrad",
    "Adam",
    "Adamax",
    "Ftrl",
    "Nadam",
    "Optimizer",
    "RMSprop",
    "get",
    "names",
]

_REGISTRY: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, RMSprop, Adam, Adamax, Nadam, Adagrad, Adadelta, Ftrl)
}


def names() -> list[str]:
    """Registered optimizer names, in the order a menu should show them."""
    return list(_REGISTRY)


def get(identifier: str | dict[str, Any] | Optimizer, **kwargs: Any) -> Optimizer:
    """Return an optimizer from a name, a ``get_config()`` dict, or an existing instance.

    ``get("adam", learning_rate=1e-3)`` -- name (case-insensitive) plus Keras arguments;
    ``get(config)`` -- rebuilds ``opt.get_config()`` (``kwargs`` override its entries);
    ``get(opt)`` -- returns ``opt`` itself (no ``kwargs`` allowed: it would not be a copy).
    Unknown names, unknown arguments and out-of-range values raise ``ValueError``.
    """
    if isinstance(identifier, Optimizer):
        if kwargs:
            raise ValueError("Cannot pass keyword arguments together with an optimizer instance.")
        return identifier
    if isinstance(identifier, str):
        config: dict[str, Any] = {"name": identifier}
    elif isinstance(identifier, dict):
        config = dict(identifier)
        if "name" not in config:
            raise ValueError(f"Optimizer config needs a 'name' key; got keys {sorted(config)}.")
    else:
        raise ValueError(
            "Expected an optimizer name, config dict or Optimizer; "
            f"got {type(identifier).__name__}."
        )
    config.update(kwargs)
    name = config.pop("name")
    key = name.lower() if isinstance(name, str) else name
    if key not in _REGISTRY:
        raise ValueError(f"Unknown optimizer {name!r}; known: {names()}.")
    return _REGISTRY[key].from_config(config)
