"""Layers, one concept per file: the `Layer` contract (`base.py`), `Dense` (`dense.py`),
`Dropout` (`dropout.py`) and `BatchNormalization` (`batch_norm.py`).

`LAYER_CLASSES` is the one registry of layer kinds: `layer_from_config`, `Sequential.from_config`
and the model-file loader (`pycore.serialization`) accept exactly these class names. A new
layer is one file here plus one entry below.
"""

from __future__ import annotations

from typing import Any

from pycore.layers.base import Layer, LayerTrace
from pycore.layers.batch_norm import BatchNormalization
from pycore.layers.dense import Dense
from pycore.layers.dropout import Dropout

LAYER_CLASSES: dict[str, type[Layer]] = {"Dense": Dense, "Dropout": Dropout,
                                         "BatchNormalization": BatchNormalization}


def layer_from_config(entry: dict[str, Any]) -> Layer:
    """Rebuild a layer from `{"class_name": <a LAYER_CLASSES key>, "config": {...}}`."""
    class_name = entry.get("class_name")
    if class_name not in LAYER_CLASSES:
        raise ValueError(f"unknown layer class {class_name!r}; known: {sorted(LAYER_CLASSES)}")
    try:
        return LAYER_CLASSES[class_name](**entry.get("config", {}))
    except TypeError as error:
        raise ValueError(f"bad {class_name} config: {error}") from None


__all__ = ["LAYER_CLASSES", "BatchNormalization", "Dense", "Dropout", "Layer", "LayerTrace",
           "layer_from_config"]
