"""pycore.solvers: Levenberg-Marquardt (Jacobian by backprop, damping, variable projection)."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from pycore import data, losses
from pycore.solvers import LevenbergMarquardt, levenberg_marquardt
from pycore.solvers.residuals import dense_layers, forward, jacobian, residuals

DIVISION_X, DIVISION_Y = data.division_dataset(4000, seed=1)


def net(sizes: list[int], hidden: str, out: str, use_bias: bool = True,
        dropout: bool = False) -> pycore.Sequential:
    layers: list = [pycore.Dense(sizes[1], activation=hidden, input_dim=sizes[0],
                                 use_bias=use_bias)]
    for k, units in enumerate(sizes[2:]):
        if dropout:
            layers.append(pycore.Dropout(0.3))
        layers.append(pycore.Dense(units, activation=out if k == len(sizes) - 3 else hidden))
    return pycore.Sequential(layers, seed=0)


def grid_mae(model: pycore.Sequential, step: float = 0.05) -> float:
    """Mean absolute error in quotient units on the 1.00-19.99 grid."""
    x, y = data.division_grid(step)
    return float(np.mean(np.abs(model.predict(x) - y))) * data.QUOTIENT_SCALE


@pytest.mark.parametrize("seed", range(10))
def test_division_learnt_from_scratch(seed: int) -> None:
    model = data.division_model(preset=None, seed=seed)
    history = levenberg_marquardt(model, DIVISION_X, DIVISION_Y, seed=seed)
    assert history.params["mode"] == "variable projection"
    assert grid_mae(model) <= 1e-6
    w1, b1, w2, _ = model.get_weights()
    # The hand-set structure, rediscovered: each hidden unit reads one input (diag or swapped),
    # and 0.03 * W2 = +-1, so the output computes exp(ln x1 - ln x2 + const).
    assert min(abs(w1[0, 0]) + abs(w1[1, 1]), abs(w1[0, 1]) + abs(w1[1, 0])) < 1e-8
    np.testing.assert_allclose(np.sort(0.03 * w2.ravel()), [-1.0, 1.0], atol=1e-6)
    assert np.all(np.abs(b1) < 1e-5)


def test_history_matches_the_loss_and_never_rises() -> None:
    model = data.division_model(preset=None, seed=3)
    history = levenberg_marquardt(model, DIVISION_X, DIVISION_Y, max_iter=30, seed=3)
    loss = history.history["loss"]
    assert len(loss) == len(history.history["lambda"]) == 30
    assert np.all(np.diff(loss) <= 0.0)  # a rejected step is never applied
    assert loss[-1] == pytest.approx(losses.get("log_mse")(DIVISION_Y, model.predict(DIVISION_X)),
                                     rel=1e-12)
    assert all(np.all(np.isfinite(w)) for w in model.get_weights())


def test_damping_schedule() -> None:
    model = data.division_model(preset=None, seed=0)
    solver = LevenbergMarquardt(model, DIVISION_X, DIVISION_Y, max_iter=40, seed=0)
    lam, loss = solver.lam, solver.loss
    assert lam == 1e-3
    while not solver.done:
        new_loss = solver.step()
        expected = lam / 3 if new_loss < loss else lam * 4
        assert solver.lam == pytest.approx(expected, rel=1e-12)
        lam, loss = solver.lam, new_loss
    assert solver.iteration == 40


@pytest.mark.parametrize(("hidden", "out", "target"), [
    ("tanh", "tanh", lambda x: 0.5 * np.sin(3 * x)),
    ("tanh", "relu", lambda x: 0.3 + 0.2 * np.sin(3 * x)),
])
def test_joint_lm_where_projection_does_not_apply(hidden, out, target) -> None:
    x = np.linspace(-1.0, 1.0, 101).reshape(-1, 1)
    y = target(x)
    for seed in range(10):
        model = net([1, 6, 1], hidden, out)
        history = levenberg_marquardt(model, x, y, loss="mse", max_iter=200, seed=seed)
        assert history.params["mode"] == "joint"
        assert history.history["loss"][0] > 1e-3
        assert history.history["loss"][-1] < 1e-5, seed


def test_cancel_through_the_callback() -> None:
    seen: list[tuple[int, float]] = []

    def callback(iteration: int, loss: float) -> bool:
        seen.append((iteration, loss))
        return iteration == 3

    model = data.division_model(preset=None, seed=0)
    history = levenberg_marquardt(model, DIVISION_X, DIVISION_Y, seed=0, callback=callback)
    assert [i for i, _ in seen] == [0, 1, 2, 3]
    assert history.history["loss"] == [loss for _, loss in seen]
    assert history.params["cancelled"] is True
    assert history.history["loss"][-1] == pytest.approx(
        losses.get("log_mse")(DIVISION_Y, model.predict(DIVISION_X)), rel=1e-12)


def linear_problem() -> tuple[pycore.Sequential, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(50, 3))
    y = x @ np.array([[1.5], [-2.0], [0.5]]) + 0.3 + 0.1 * rng.normal(size=(50, 1))
    return pycore.Sequential([pycore.Dense(1, input_dim=3)]), x, y


@pytest.mark.parametrize("start", [[1.4, -1.8, 0.6, 0.4], [0.1, 0.2, 0.3, 0.4]])
def test_linear_least_squares_step_is_the_damped_normal_equation(start: list[float]) -> None:
    model, x, y = linear_problem()
    p = np.array(start)
    solver = LevenbergMarquardt(model, x, y, loss="mse", variable_projection=False,
                                start=[p[:3].reshape(3, 1), p[3:]])
    solver.step()
    jac = np.column_stack([x, np.ones(len(x))])  # d(ŷ - y)/d(W, b) for a linear layer
    normal = jac.T @ jac
    step = np.linalg.solve(normal + 1e-3 * np.diag(np.diag(normal)),
                           -jac.T @ (jac @ p - y.ravel()))
    # The step length is capped at 0.5 |params|: the second start is too small for the step.
    step *= min(1.0, 0.5 * np.linalg.norm(p) / np.linalg.norm(step))
    np.testing.assert_allclose(np.concatenate([w.ravel() for w in model.get_weights()]),
                               p + step, rtol=1e-12)


@pytest.mark.parametrize("variable_projection", [False, True])
def test_linear_least_squares_reaches_the_exact_solution(variable_projection: bool) -> None:
    model, x, y = linear_problem()
    history = levenberg_marquardt(model, x, y, loss="mse", max_iter=20,
                                  variable_projection=variable_projection, seed=0)
    exact = np.linalg.lstsq(np.column_stack([x, np.ones(len(x))]), y.ravel(), rcond=None)[0]
    np.testing.assert_allclose(np.concatenate([w.ravel() for w in model.get_weights()]), exact,
                               rtol=1e-10)
    # With projection there is nothing left for LM: the single layer is solved at the start.
    assert len(history.history.get("loss", [])) == (0 if variable_projection else 20)


def residual_vector(layers, weights, x, y, loss_name) -> np.ndarray:
    return residuals(loss_name, forward(layers, weights, x).output, y)[0].ravel()


@pytest.mark.parametrize(("sizes", "hidden", "out", "loss_name", "use_bias", "dropout"), [
    ([2, 3, 2], "tanh", "sigmoid", "log_mse", True, False),
    ([3, 4, 3, 1], "swish", "linear", "mse", True, True),
    ([2, 3, 3], "elu", "softmax", "mse", False, False),
    ([2, 2, 1], "division", "division", "log_mse", True, False),
])
def test_jacobian_rows_equal_finite_differences(sizes, hidden, out, loss_name, use_bias,
                                                dropout) -> None:
    model = net(sizes, hidden, out, use_bias, dropout)
    rng = np.random.default_rng(2)
    x = rng.uniform(1.0, 3.0, size=(7, sizes[0]))
    y = rng.uniform(0.1, 0.9, size=(7, sizes[-1]))
    layers, weights = dense_layers(model), model.get_weights()
    cache = forward(layers, weights, x)
    jac = jacobian(layers, weights, cache, residuals(loss_name, cache.output, y)[1])
    h = 1e-6
    column = 0
    for k, w in enumerate(weights):
        for index in np.ndindex(w.shape):
            up = [v.copy() for v in weights]
            down = [v.copy() for v in weights]
            up[k][index] += h
            down[k][index] -= h
            numeric = (residual_vector(layers, up, x, y, loss_name)
                       - residual_vector(layers, down, x, y, loss_name)) / (2 * h)
            np.testing.assert_allclose(jac[:, column], numeric, rtol=1e-5, atol=1e-8)
            column += 1
    assert jac.shape == (7 * sizes[-1], column)


def test_bad_input_is_rejected_and_changes_nothing() -> None:
    model = data.division_model(preset="hand_set")
    before = model.get_weights()
    zero_target = DIVISION_Y.copy()
    zero_target[5] = 0.0
    regularized = pycore.Sequential([pycore.Dense(1, input_dim=2, kernel_regularizer="l2")])
    cases = [
        (model, DIVISION_X, DIVISION_Y, {"loss": "mae"}, "not a mean of squared residuals"),
        (model, DIVISION_X, zero_target, {}, "must be > 0"),
        (model, DIVISION_X, DIVISION_Y, {"max_iter": -1}, "max_iter"),
        (model, DIVISION_X[:, :1], DIVISION_Y, {}, "features"),
        (regularized, DIVISION_X, DIVISION_Y, {}, "regularizer"),
    ]
    for target_model, x, y, kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            levenberg_marquardt(target_model, x, y, **kwargs)
    for old, new in zip(before, model.get_weights(), strict=True):
        np.testing.assert_array_equal(old, new)


def test_projection_is_exact_only_where_the_residual_is_affine() -> None:
    x = np.linspace(-1.0, 1.0, 21).reshape(-1, 1)
    too_big = np.full((21, 1), 0.7)  # above the exp piece's top f(0) = 0.5
    cases = [
        (net([1, 3, 1], "tanh", "linear"), x, np.sin(x), "mse", "variable projection"),
        (net([1, 3, 1], "tanh", "linear"), x, np.exp(x), "log_mse", "joint"),
        (net([2, 2, 1], "division", "division"), DIVISION_X, DIVISION_Y, "mse", "joint"),
        (net([1, 3, 1], "tanh", "division"), x, too_big, "log_mse", "joint"),
    ]
    for model, xs, ys, loss_name, mode in cases:
        solver = LevenbergMarquardt(model, xs, ys, loss=loss_name, max_iter=1, seed=0)
        assert solver.history.params["mode"] == mode
