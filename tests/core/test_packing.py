"""One buffer for all weights (pycore.packing): the layers' arrays are views of it, training on
it gives the very numbers of per-array training, and a stale pack is noticed."""

from __future__ import annotations

import copy

import numpy as np
import pytest

import pycore
from pycore.layers import BatchNormalization, Dense, Dropout, Layer
from pycore.optimizers import get, names
from tests.core.test_optimizers import CASES, LR_FACTORS, problem


def small_model(seed: int = 0, dropout: float = 0.2) -> pycore.Sequential:
    """Trainable and non-trainable weights (BatchNormalization) and a layer without any."""
    hidden = [Dense(3, activation="tanh", input_dim=2), BatchNormalization()]
    model = pycore.Sequential([*hidden, *([Dropout(dropout)] if dropout else []),
                               Dense(1, activation="sigmoid")], seed=seed)
    model.compile(optimizer=pycore.optimizers.SGD(0.1, momentum=0.9),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


def data(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(40, 2))
    return x, (x[:, :1] * x[:, 1:] > 0).astype(float)


def test_built_weights_are_views_of_one_buffer_trainable_first():
    model = small_model()
    packed = model.packed_weights()
    assert all(w.base is packed.values for w in model.weights)
    assert [w is p for w, p in zip(model.weights, packed.weights, strict=True)] == [True] * 8
    trainable = np.concatenate([w.ravel() for w in model.trainable_weights])
    np.testing.assert_array_equal(packed.trainable, trainable)
    rest = np.concatenate([w.ravel() for w in model.non_trainable_weights])
    np.testing.assert_array_equal(packed.values[packed.trainable.size:], rest)


def test_arrays_taken_after_build_follow_training():
    model = small_model()
    kernel, moving_mean = model.layers[0].kernel, model.layers[1].moving_mean
    before = kernel.copy()
    model.fit(*data(), epochs=2, batch_size=8, seed=0)
    assert kernel is model.layers[0].kernel and moving_mean is model.layers[1].moving_mean
    assert not np.array_equal(kernel, before)


def per_array_fit(model: pycore.Sequential, x: np.ndarray, y: np.ndarray) -> None:
    """The fit loop's arithmetic with one optimizer call per weight array (the reference)."""
    with np.errstate(all="ignore"):
        for start in range(0, len(x), 8):
            pred = model.forward(x[start:start + 8], training=True)
            grads = model.backward(y[start:start + 8], pred)
            model.optimizer.apply(grads, model.trainable_weights)


def test_packed_training_gives_the_numbers_of_per_array_training():
    x, y = data()
    packed, reference = small_model(dropout=0.0), small_model(dropout=0.0)
    packed.fit(x, y, epochs=3, batch_size=8, shuffle=False)
    for _ in range(3):
        per_array_fit(reference, x, y)
    for a, b in zip(packed.weights, reference.weights, strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(packed.optimizer.slots(), reference.optimizer.slots(), strict=True):
        np.testing.assert_array_equal(a["momentum"], b["momentum"])


def test_a_copied_model_is_packed_anew_and_trains_alone():
    model = small_model()
    twin = copy.deepcopy(model)
    original = model.get_weights()
    twin.fit(*data(), epochs=1, batch_size=8, seed=0)
    assert all(w.base is twin.packed_weights().values for w in twin.weights)
    for a, b in zip(model.get_weights(), original, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(twin.layers[0].kernel, original[0])


def test_a_layer_added_later_joins_a_new_buffer_with_the_old_values():
    model = pycore.Sequential([Dense(2, input_dim=2)], seed=0)
    kernel = model.layers[0].kernel.copy()
    model.add(Dense(1))
    packed = model.packed_weights()
    assert all(w.base is packed.values for w in model.weights)
    np.testing.assert_array_equal(model.layers[0].kernel, kernel)


class ListLayer(Layer):
    """A layer that keeps its weight in a list: the default move cannot find it."""

    def __init__(self) -> None:
        super().__init__()
        self.store: list[np.ndarray] = []

    built = property(lambda self: bool(self.store))
    output_dim = property(lambda self: self.input_dim)

    def build(self, input_dim: int, rng: np.random.Generator) -> None:
        self.input_dim = input_dim
        self.store = [np.ones(input_dim)]

    weights = property(lambda self: list(self.store))

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        return x * self.store[0]

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        return grad_out

    def get_config(self) -> dict:
        return {"name": self.name}


def test_a_layer_that_hides_its_weights_is_told_what_to_override():
    with pytest.raises(TypeError, match=r"override Layer\.move_weights"):
        pycore.Sequential([Dense(2, input_dim=2), ListLayer()])


def flat_problem(seed: int) -> tuple[np.ndarray, list[np.ndarray], list[list[np.ndarray]]]:
    """``problem``'s parameters as consecutive views of one vector."""
    params, grad_steps = problem(seed)
    flat = np.concatenate([p.ravel() for p in params])
    views, start = [], 0
    for p in params:
        views.append(flat[start:start + p.size].reshape(p.shape))
        start += p.size
    return flat, views, grad_steps


def flat_run(opt, flat, views, grad_steps, lrs) -> None:
    flat_grad = np.empty_like(flat)
    grad_views, start = [], 0
    for v in views:
        grad_views.append(flat_grad[start:start + v.size].reshape(v.shape))
        start += v.size
    for grads, lr in zip(grad_steps, lrs, strict=True):
        for view, g in zip(grad_views, grads, strict=True):
            view[...] = g
        opt.learning_rate = lr
        opt.apply_fresh(grad_views, views, flat=(flat_grad, flat))


OPTIONS = [{}, {"weight_decay": 0.01}, {"clipvalue": 0.5}, {"clipnorm": 0.7},
           {"global_clipnorm": 0.9}]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: next(iter(o), "plain"))
@pytest.mark.parametrize(("name", "kwargs", "lr"), CASES)
def test_flat_update_is_bit_identical_to_the_per_array_update(name, kwargs, lr, options):
    lrs = [lr * f for f in LR_FACTORS]
    params, grad_steps = problem(5)
    per_array = get(name, learning_rate=lr, **kwargs, **options)
    for grads, step_lr in zip(grad_steps, lrs, strict=True):
        per_array.learning_rate = step_lr
        per_array.apply(grads, params)
    flat, views, _ = flat_problem(5)
    whole = get(name, learning_rate=lr, **kwargs, **options)
    flat_run(whole, flat, views, grad_steps, lrs)
    assert whole.iterations == per_array.iterations == len(grad_steps)
    for got, want in zip(views, params, strict=True):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(whole.slots(), per_array.slots(), strict=True):
        assert got.keys() == want.keys()
        for key in got:
            np.testing.assert_array_equal(got[key], want[key])


@pytest.mark.parametrize("name", names())
def test_per_array_calls_after_flat_ones_share_the_same_state(name):
    """A user's own ``apply`` on the views continues from the state the flat steps left."""
    flat, views, grad_steps = flat_problem(9)
    mixed = get(name, learning_rate=0.05)
    flat_run(mixed, flat, views, grad_steps[:3], [0.05] * 3)
    for grads in grad_steps[3:]:
        mixed.apply(grads, views)
    params, _ = problem(9)
    plain = get(name, learning_rate=0.05)
    for grads in grad_steps:
        plain.apply(grads, params)
    for got, want in zip(views, params, strict=True):
        np.testing.assert_array_equal(got, want)


def test_a_copied_model_keeps_training_like_the_original_and_reports_its_own_state():
    x, y = data()
    model = small_model(dropout=0.0)
    model.fit(x, y, epochs=1, batch_size=8, shuffle=False)
    twin = copy.deepcopy(model)
    for m in (model, twin):
        m.fit(x, y, epochs=2, initial_epoch=1, batch_size=8, shuffle=False)
    for a, b in zip(model.weights, twin.weights, strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(model.optimizer.slots(), twin.optimizer.slots(), strict=True):
        np.testing.assert_array_equal(a["momentum"], b["momentum"])
    assert twin.optimizer.iterations == model.optimizer.iterations == 10
