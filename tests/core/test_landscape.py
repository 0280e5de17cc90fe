"""pycore.landscape: loss slices against brute force, gradient signs and cosine by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest

import pycore
from pycore import data, landscape, losses
from pycore.activations import Division

X, Y = data.division_dataset(300, seed=5)


@dataclass(frozen=True)
class Ref:
    """Stand-in for pycore.notation.ParameterRef: any object with these two attributes."""

    weight_index: int
    position: tuple[int, ...]


def brute_force(model, x, y, refs, a_values, b_values, loss) -> np.ndarray:
    """One model evaluation per slice point, on a copy of the model's weights."""
    fn = losses.get(loss)
    original = model.get_weights()
    out = np.empty((len(b_values), len(a_values)))
    for j, b in enumerate(b_values):
        for i, a in enumerate(a_values):
            weights = [w.copy() for w in original]
            weights[refs[0][0]][refs[0][1]] = a
            weights[refs[1][0]][refs[1][1]] = b
            model.set_weights(weights)
            out[j, i] = fn(y, model.predict(x))
    model.set_weights(original)
    return out


def tanh_net() -> pycore.Sequential:
    return pycore.Sequential([
        pycore.Dense(3, activation="tanh", input_dim=2),
        pycore.Dropout(0.5),
        pycore.Dense(2, activation="elu", use_bias=False),
        pycore.Dense(1, activation="sigmoid"),
    ], seed=3)


@pytest.mark.parametrize(("build", "refs", "loss"), [
    (lambda: data.division_model("hand_set"), [(2, (0, 0)), (2, (1, 0))], "log_mse"),
    (lambda: data.division_model("trained"), [(0, (0, 0)), (0, (1, 1))], "mae"),
    (lambda: data.division_model("hand_set"), [(1, (1,)), (3, (0,))], "mse"),
    (lambda: data.division_model("trained"), [(0, (0, 1)), (1, (0,))], "log_mse"),
    (lambda: data.division_model("trained"), [(0, (1, 0)), (1, (0,))], "log_mse"),
    (tanh_net, [(0, (1, 0)), (0, (0, 2))], "mse"),
    (lambda: data.division_model(None, seed=2), [(2, (1, 0)), (0, (0, 1))], "log_mse"),
    (tanh_net, [(2, (1, 1)), (0, (0, 2))], "binary_crossentropy"),
    (tanh_net, [(3, (0, 0)), (4, (0,))], "mse"),
])
def test_surface_equals_brute_force(build, refs, loss) -> None:
    model = build()
    y = Y if model.layers[-1].activation.name == "division" else (Y > 0.01).astype(float)
    before = model.get_weights()
    a_values = before[refs[0][0]][refs[0][1]] + np.linspace(-0.5, 0.5, 5)
    b_values = before[refs[1][0]][refs[1][1]] + np.linspace(-0.3, 0.4, 4)
    surface = landscape.loss_surface(model, X, y, refs, a_values, b_values, loss=loss)
    assert surface.shape == (4, 5)
    np.testing.assert_allclose(surface, brute_force(model, X, y, refs, a_values, b_values, loss),
                               rtol=1e-12, atol=1e-15)
    for old, new in zip(before, model.get_weights(), strict=True):
        np.testing.assert_array_equal(old, new)


def test_parameter_spellings_and_default_loss() -> None:
    model = data.division_model("hand_set")  # compiled with mae
    a, b = np.array([30.0, 33.0]), np.array([-33.0])
    plain = landscape.loss_surface(model, X, Y, [(2, (0, 0)), (2, (1, 0))], a, b)
    objects = landscape.loss_surface(model, X, Y, [Ref(2, (0, 0)), Ref(2, (1, 0))], a, b)
    flat = landscape.loss_surface(model, X, Y, [(2, 0), (2, 1)], a, b, loss="mae")
    np.testing.assert_array_equal(plain, objects)
    np.testing.assert_array_equal(plain, flat)


@pytest.mark.parametrize(("refs", "a", "message"), [
    ([(2, (0, 0))], [1.0], "exactly two"),
    ([(2, (0, 0)), (2, (0, 0))], [1.0], "must differ"),
    ([(4, (0, 0)), (2, (0, 0))], [1.0], "weight_index"),
    ([(2, (2, 0)), (2, (0, 0))], [1.0], "not inside weight 2"),
    ([(2, (0,)), (2, (0, 0))], [1.0], "2 indices"),
    (["W2", (2, (0, 0))], [1.0], "weight_index, position"),
    ([(2, (1, 0)), (2, (0, 0))], [np.nan], "finite"),
    ([(2, (1, 0)), (2, (0, 0))], [], "non-empty"),
])
def test_bad_slices_are_rejected(refs, a, message) -> None:
    model = data.division_model("hand_set")
    with pytest.raises(ValueError, match=message):
        landscape.loss_surface(model, X, Y, refs, a, [1.0])


def hand_output_gradient(model, x, y, loss) -> np.ndarray:
    """d loss / d W2 for the 2-2-1 division net, one sample at a time, written out."""
    (w1, b1, w2, b2), f = model.get_weights(), Division()
    grad = np.zeros(2)
    for (x1, x2), (target,) in zip(x, y, strict=True):
        h = [f(np.array(x1 * w1[0, j] + x2 * w1[1, j] + b1[j]))[()] for j in range(2)]
        z = h[0] * w2[0, 0] + h[1] * w2[1, 0] + b2[0]
        pred, slope = f(np.array(z))[()], f.derivative(np.array(z))[()]
        d_pred = {"mae": math.copysign(1.0, pred - target),
                  "log_mse": 2 * (math.log(pred) - math.log(target)) / pred}[loss]
        grad += np.array(h) * slope * d_pred / len(x)
    return grad


@pytest.mark.parametrize("preset", ["hand_set", "trained", None])
@pytest.mark.parametrize("loss", ["mae", "log_mse"])
def test_output_gradient_signs_by_hand(preset, loss) -> None:
    model = data.division_model(preset, seed=7)
    x, y = X[:40], Y[:40]
    signs = landscape.output_gradient_signs(model, x, y, loss)
    assert signs.shape == (2, 1)
    np.testing.assert_array_equal(signs.ravel(), np.sign(hand_output_gradient(model, x, y, loss)))


def test_both_output_gradients_positive_at_random_starts() -> None:
    """The issue's claim, checked for 50 seeds and the three usual losses: at a random start
    the prediction is far above every target, so both output weights want to fall."""
    for seed in range(50):
        model = data.division_model(preset=None, seed=seed)
        for loss in ("mae", "mse", "log_mse"):
            assert np.all(landscape.output_gradient_signs(model, X, Y, loss) == 1), (seed, loss)


def test_hidden_cosine_similarity_by_hand() -> None:
    model = data.division_model("trained")
    (w1, b1, _, _), f = model.get_weights(), Division()
    h1 = f(X @ w1[:, 0] + b1[0])
    h2 = f(X @ w1[:, 1] + b1[1])
    expected = float(np.sum(h1 * h2) / math.sqrt(np.sum(h1 * h1) * np.sum(h2 * h2)))
    assert landscape.hidden_cosine_similarity(model, X) == pytest.approx(expected, rel=1e-12)
    # The hand-set units read one input each: ln-features of x1 and x2, not parallel.
    assert landscape.hidden_cosine_similarity(data.division_model("hand_set"), X) < 1.0
    wide = pycore.Sequential([pycore.Dense(3, input_dim=2), pycore.Dense(1)])
    with pytest.raises(ValueError, match="exactly 2 units"):
        landscape.hidden_cosine_similarity(wide, X)


@pytest.mark.parametrize(("z", "difference"), [(1e-6, 0.021), (0.01, 0.28), (-0.01, -0.005)])
def test_the_kink_of_the_division_activation(z, difference) -> None:
    """f(z) - f(0) near the kink, as stated in the issue (rounded there): a step of 1e-6 to
    the right moves the output about 0.03 ln 2, one of 0.01 about 0.03 ln 10001; one of 0.01
    to the left only about 0.5 (e^-0.01 - 1). f(0) = c / e with c = 1.359140915 (~0.5)."""
    f, f0 = Division(), Division.EXP_SCALE / math.e
    value = float(f(np.array(z)) - f(np.array(0.0)))
    exact = (0.03 * math.log1p(1e6 * z) + 0.5 - f0 if z > 0
             else Division.EXP_SCALE * math.exp(z - 1.0) - f0)
    assert value == pytest.approx(exact, rel=1e-12)
    assert round(value, 3 if abs(difference) < 0.1 else 2) == difference


@pytest.mark.parametrize(("build", "refs"), [
    (lambda: data.division_model("hand_set"), [(1, (1,)), (3, (0,))]),
    (lambda: data.division_model(None, seed=2), [(2, (1, 0)), (0, (0, 1))]),
    (tanh_net, [(2, (1, 1)), (0, (0, 2))]),
    (tanh_net, [(0, (0, 2)), (3, (1, 0))]),
])
def test_layers_below_the_upper_parameter_once_per_value_give_the_same_numbers(
        build, refs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two parameters in different layers: the layers below the upper one are computed once
    per value of the lower one's axis; bit for bit what evaluating every point gives."""
    model = build()
    y = Y if model.layers[-1].activation.name == "division" else (Y > 0.01).astype(float)
    weights = model.get_weights()
    a_values = weights[refs[0][0]][refs[0][1]] + np.linspace(-0.5, 0.5, 7)
    b_values = weights[refs[1][0]][refs[1][1]] + np.linspace(-0.3, 0.4, 3)
    shared = landscape.loss_surface(model, X, y, refs, a_values, b_values, loss="mse")
    monkeypatch.setattr(landscape, "_SHARED_ELEMENTS", 0)
    per_point = landscape.loss_surface(model, X, y, refs, a_values, b_values, loss="mse")
    np.testing.assert_array_equal(shared, per_point)
