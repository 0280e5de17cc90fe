"""The division network's presets reproduce the published figures; data helpers are sane.

Figures (quotient units = output × 100) on the FULL grid 1.00..19.99 step 0.01 (3.61 million
pairs, vectorised: about 1.5 s): 20 / 5 → 3.99999448, mean absolute error 1.92e-6, worst
relative error 3.01e-6; outside the valid range 0.5 / 2 → 0.49999619 (not 0.25) and
60 / 1 → 86.34 (saturation, not 60). The "trained" preset's MAE on the same grid is 0.2001
(the original reports ≈ 0.20).
"""

from __future__ import annotations

import numpy as np
import pytest

from pycore import data, losses, optimizers


@pytest.fixture(scope="module")
def hand_set():
    return data.division_model("hand_set")


@pytest.fixture(scope="module")
def full_grid():
    return data.division_grid(step=0.01)


@pytest.fixture(scope="module")
def full_grid_quotients(hand_set, full_grid):
    x, y = full_grid
    return hand_set.predict(x) * data.QUOTIENT_SCALE, y * data.QUOTIENT_SCALE


def test_division_model_architecture(hand_set) -> None:
    assert [layer.units for layer in hand_set.layers] == [2, 1]
    assert [layer.activation.name for layer in hand_set.layers] == ["division", "division"]
    assert hand_set.input_dim == 2 and hand_set.count_params() == 9
    assert isinstance(hand_set.optimizer, optimizers.Adam)
    assert hand_set.loss.get_config() == losses.get("mae").get_config()
    for got, preset in zip(hand_set.get_weights(), data.DIVISION_PRESETS["hand_set"],
                           strict=True):
        np.testing.assert_array_equal(got, preset)


def test_twenty_over_five(hand_set) -> None:
    quotient = hand_set.predict([[20.0, 5.0]])[0, 0] * 100
    assert round(quotient, 8) == 3.99999448


def test_full_grid_errors(full_grid_quotients) -> None:
    predicted, true = full_grid_quotients
    assert predicted.shape == (1900 * 1900, 1)
    mean_abs = np.mean(np.abs(predicted - true))
    worst_rel = np.max(np.abs(predicted - true) / true)
    assert mean_abs == pytest.approx(1.92e-6, rel=0.01)
    assert worst_rel == pytest.approx(3.01e-6, rel=0.01)


def test_where_it_breaks(hand_set) -> None:
    small, large = hand_set.predict([[0.5, 2.0], [60.0, 1.0]])[:, 0] * 100
    assert small == pytest.approx(0.5, abs=1e-3)  # true quotient 0.25
    assert large == pytest.approx(86.3, abs=0.05)  # true quotient 60


def test_trained_preset_is_blunt(full_grid) -> None:
    model = data.division_model("trained")
    x, y = full_grid
    mae_quotient = np.mean(np.abs(model.predict(x) - y)) * 100
    assert mae_quotient == pytest.approx(0.200, rel=0.01)  # the original reports about 0.20
    assert model.layers[1].kernel[0, 0] < 0  # the "both output weights negative" basin


def test_presets_are_read_only_keras_order() -> None:
    for weights in data.DIVISION_PRESETS.values():
        assert [w.shape for w in weights] == [(2, 2), (2,), (2, 1), (1,)]
        with pytest.raises(ValueError):
            weights[0][0, 0] = 1.0
    model = data.division_model("hand_set")
    model.weights[0][0, 0] = 5.0  # editing the model does not touch the preset
    assert data.DIVISION_PRESETS["hand_set"][0][0, 0] == 1e-6
    with pytest.raises(ValueError, match="unknown preset"):
        data.division_model("nope")


def test_division_dataset() -> None:
    x, y = data.division_dataset(5000, seed=0)
    assert x.shape == (5000, 2) and y.shape == (5000, 1)
    assert x.min() >= 1.0 and x.max() <= 19.99
    np.testing.assert_allclose(x * 100, np.round(x * 100), atol=1e-9)
    assert x.min() == 1.0 and x.max() == 19.99  # both ends are drawn
    np.testing.assert_allclose(y[:, 0], x[:, 0] / x[:, 1] / 100, rtol=1e-15)
    again, _ = data.division_dataset(5000, seed=0)
    np.testing.assert_array_equal(x, again)
    assert not np.array_equal(x, data.division_dataset(5000, seed=1)[0])
    with pytest.raises(ValueError):
        data.division_dataset(0)


def test_division_grid_steps() -> None:
    x, y = data.division_grid(step=0.19)
    values = np.unique(x[:, 0])
    assert values[0] == 1.0 and len(values) == 100
    np.testing.assert_allclose(np.diff(values), 0.19, rtol=1e-12)
    assert x.shape == (100 * 100, 2) and y.shape == (10000, 1)
    with pytest.raises(ValueError, match=r"multiple of 0\.01"):
        data.division_grid(step=0.015)


def test_train_val_test_split() -> None:
    x = np.arange(100.0).reshape(-1, 1)
    y = 2 * x
    (xt, yt), (xv, _), (xs, _) = data.train_val_test_split(x, y, seed=0)
    assert (len(xt), len(xv), len(xs)) == (80, 10, 10)
    np.testing.assert_array_equal(yt, 2 * xt)
    assert sorted(np.concatenate([xt, xv, xs])[:, 0]) == list(range(100))
    assert not np.array_equal(xt[:, 0], np.arange(80))  # shuffled
    again = data.train_val_test_split(x, y, seed=0)
    np.testing.assert_array_equal(again[0][0], xt)
    with pytest.raises(ValueError, match="summing to 1"):
        data.train_val_test_split(x, y, fractions=(0.5, 0.2, 0.2))
