"""One owner per concept: the shared numerics, and the one-release aliases of moved names."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from pycore import activations, data, division, formula, metrics, numerics, training


def test_exp_nonpositive_is_exact_and_never_underflows() -> None:
    t = np.array([0.0, -1.0, numerics.EXP_FLOOR, numerics.EXP_FLOOR - 1e-9, -1e300, -np.inf])
    with np.errstate(all="raise"):
        out = numerics.exp_nonpositive(t)
    np.testing.assert_array_equal(out[:3], np.exp(t[:3]))
    np.testing.assert_array_equal(out[3:], 0.0)


def test_sigmoid_is_accurate_in_both_tails_and_warning_free() -> None:
    x = np.array([-1e300, -800.0, -30.0, 0.0, 30.0, 800.0, 1e300, np.inf, -np.inf])
    with np.errstate(all="raise"):
        s = numerics.sigmoid(x)
    np.testing.assert_allclose(s[2], np.exp(-30.0) / (1 + np.exp(-30.0)), rtol=1e-15)
    np.testing.assert_array_equal(s[[0, 1, 8]], 0.0)
    np.testing.assert_array_equal(s[[5, 6, 7]], 1.0)
    assert s[3] == 0.5


def test_sigmoid_and_slope_is_sigmoid_and_its_derivative_bit_for_bit() -> None:
    x = np.array([-np.inf, -1e300, -800.0, -30.0, -1.5, -0.0, 0.0, 1e-300, 2.0, 800.0, np.inf,
                  np.nan])
    with np.errstate(all="raise"):
        value, slope = numerics.sigmoid_and_slope(x)
        np.testing.assert_array_equal(value, numerics.sigmoid(x))
        np.testing.assert_array_equal(slope, numerics.sigmoid(x) * numerics.sigmoid(-x))
    assert slope[6] == 0.25 and value[5] == 0.5


@pytest.mark.parametrize("x", [-2.0, np.float64(0.0), np.array(3.0), np.array(-1e300)])
def test_the_numerics_take_scalars_as_np_where_did(x) -> None:
    """Scalars and 0-d arrays give 0-d arrays with the values of a one-element array."""
    one = np.array([x], dtype=np.float64)
    outputs = [numerics.exp_nonpositive(-np.abs(x)), numerics.sigmoid(x),
               *numerics.sigmoid_and_slope(x)]
    expected = [numerics.exp_nonpositive(-np.abs(one)), numerics.sigmoid(one),
                *numerics.sigmoid_and_slope(one)]
    for out, want in zip(outputs, expected, strict=True):
        assert isinstance(out, np.ndarray) and out.shape == ()
        assert out == want[0]


def test_formula_and_activations_share_the_numerics() -> None:
    x = np.linspace(-50.0, 50.0, 101)
    np.testing.assert_array_equal(formula.compile_formula("sigmoid(x)")(x), numerics.sigmoid(x))
    np.testing.assert_array_equal(activations.get("sigmoid")(x), numerics.sigmoid(x))


@pytest.mark.parametrize(("old", "new", "names"), [
    (formula, numerics, ["EXP_FLOOR", "exp_nonpositive", "sigmoid"]),
    (training, metrics, ["ACCURACY_NAMES", "Metric", "binary_accuracy", "categorical_accuracy",
                         "resolve_metric"]),
    (data, division, ["QUOTIENT_SCALE", "DIVISION_PRESETS", "division_targets",
                      "division_dataset", "division_grid", "division_model"]),
])
def test_moved_names_keep_their_old_address_for_one_release(old, new, names) -> None:
    for name in names:
        assert getattr(old, name) is getattr(new, name), name


def test_import_pycore_exposes_the_concept_modules() -> None:
    for name in ("division", "metrics", "notation", "numerics"):
        assert getattr(pycore, name).__name__ == f"pycore.{name}"
    assert pycore.division.division_model("hand_set").name == "division"
