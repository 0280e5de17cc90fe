"""Keras 3 optimizers in pure NumPy: ``get(name_or_optimizer_or_config, **kwargs)``.

Each optimizer uses Keras 3's argument names and defaults and its exact update rule (the
formulas are in each module's docstring). ``opt.apply(grads, params)`` updates the parameter
arrays in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pycore.optimizers.adadelta import Adadelta
from pycore.optimizers.adagrad import Adagrad
from pycore.optimizers.adam import Adam, Adamax, Nadam
from pycore.optimizers.base import Optimizer
from pycore.optimizers.ftrl import Ftrl
from pycore.optimizers.rmsprop import RMSprop
from pycore.optimizers.sgd import SGD
from pycore.registry import resolve

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

def _builder(cls: type[Optimizer]) -> Callable[..., Optimizer]:
    """Build through ``from_config`` (not the bare constructor), so that unknown arguments get
    its message listing the accepted ones."""
    return lambda **config: cls.from_config(config)


_BUILDERS: dict[str, Callable[..., Optimizer]] = {
    cls.name: _builder(cls)
    for cls in (SGD, RMSprop, Adam, Adamax, Nadam, Adagrad, Adadelta, Ftrl)
}


def names() -> list[str]:
    """Registered optimizer names, in the order a menu should show them."""
    return list(_BUILDERS)


def get(identifier: str | dict[str, Any] | Optimizer, **kwargs: Any) -> Optimizer:
    """Return an optimizer from a name, a ``get_config()`` dict, or an existing instance.

    ``get("adam", learning_rate=1e-3)`` -- name (case-insensitive) plus Keras arguments;
    ``get(config)`` -- rebuilds ``opt.get_config()`` (``kwargs`` override its entries);
    ``get(opt)`` -- returns ``opt`` itself (no ``kwargs`` allowed: it would not be a copy).
    Unknown names, unknown arguments and out-of-range values raise ``ValueError``.
    """
    return resolve(identifier, kind="optimizer", base=Optimizer, table=_BUILDERS,
                   normalize=str.lower, overrides=kwargs)
