"""The shared name/instance/config lookup and the config mixin (pycore.registry)."""

from __future__ import annotations

import pytest

from pycore import activations, initializers, losses, optimizers, regularizers
from pycore.registry import Configurable, resolve


class Shape(Configurable):
    name = "shape"


class Box(Shape):
    name = "box"
    config_keys = ("width", "height")

    def __init__(self, width: float = 1.0, height: float = 2.0) -> None:
        self.width, self.height = width, height


TABLE = {"box": Box, "unit_box": lambda: Box(1.0, 1.0)}


def lookup(identifier, **kwargs):
    return resolve(identifier, kind="shape", base=Shape, table=TABLE, **kwargs)


def test_instance_name_and_config_dict():
    box = Box(3.0, 4.0)
    assert lookup(box) is box
    assert lookup("  BOX ").get_config() == {"name": "box", "width": 1.0, "height": 2.0}
    assert lookup({"name": "box", "width": 5.0}).get_config() == {
        "name": "box", "width": 5.0, "height": 2.0}
    assert lookup(box.get_config()).get_config() == box.get_config()
    assert repr(box) == "Box({'name': 'box', 'width': 3.0, 'height': 4.0})"


def test_normalize_aliases_and_overrides():
    squash = {"normalize": lambda s: s.lower().replace("_", "")}
    assert lookup("UnitBox", **squash).width == 1.0
    assert lookup("square", aliases={"square": "unit_box"}).height == 1.0
    assert lookup({"name": "box", "width": 5.0}, overrides={"width": 7.0}).width == 7.0
    assert lookup("box", overrides={"height": 9.0}).height == 9.0


@pytest.mark.parametrize(("identifier", "kwargs", "message"), [
    ("circle", {}, "Unknown shape 'circle'; known: box, unit_box."),
    ({"width": 1.0}, {}, "Shape config needs a 'name' key; got keys ['width']."),
    (3, {}, "Expected a shape name, config dict or Shape; got 3 (int)."),
    ({"name": 3}, {}, "Expected a shape name, config dict or Shape; got 3 (int)."),
    ({"name": "box", "depth": 1.0}, {}, "Shape 'box' does not take parameters ['depth']."),
    (Box(), {"overrides": {"width": 2.0}},
     "Cannot pass keyword arguments together with a shape instance."),
])
def test_errors_name_the_kind_and_the_problem(identifier, kwargs, message):
    with pytest.raises(ValueError) as caught:
        lookup(identifier, **kwargs)
    assert str(caught.value) == message


@pytest.mark.parametrize(("module", "kind"), [
    (losses, "loss"), (activations, "activation"), (initializers, "initializer"),
    (regularizers, "regularizer"), (optimizers, "optimizer"),
])
def test_every_family_uses_the_shared_lookup(module, kind):
    with pytest.raises(ValueError, match=f"^Unknown {kind} 'nope'; known: "
                                         + ", ".join(module.names()) + r"\.$"):
        module.get("nope")
    for name in module.names():
        built = module.get(name.upper())
        assert module.get(built.get_config()).get_config() == built.get_config()


def test_family_specific_spellings_still_work():
    assert losses.get("MeanSquaredError").name == "mse"
    assert type(regularizers.get("L1L2")) is regularizers.L1L2
    assert initializers.get("HeNormal").name == "he_normal"
    assert optimizers.get({"name": "SGD"}, learning_rate=0.5).learning_rate == 0.5
    assert losses.get("huber").get_config() == {"name": "huber", "delta": 1.0}
    assert regularizers.get("l2").get_config() == {"name": "l2", "l2": 0.01}
