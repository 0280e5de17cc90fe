"""Activations: derivatives vs finite differences, stability, division-network numbers."""

import warnings

import numpy as np
import pytest

from pycore import activations
from pycore.activations import Division
from pycore.layers import Dense

ELEMENTWISE = [n for n in activations.names() if n != "softmax"]
# Points away from every kink (0 for relu-likes and division, 15 for division) and out of the
# saturated tails, where a finite difference of values near +-1 is dominated by rounding.
SMOOTH_POINTS = np.array([-6.3, -2.1, -0.7, -0.013, 0.021, 0.4, 1.3, 3.7, 5.9])
HARD_INPUTS = np.array([-1e300, -1e3, -745.5, -700.2, 0.0, 15.0, 1e3, 1e150, 1e151, 1e300])


def central_difference(f, x, h=1e-5):
    """(f(x + h) - f(x - h)) / 2h with a step relative to |x| (error O(h^2))."""
    step = h * np.maximum(1.0, np.abs(x))
    return (f(x + step) - f(x - step)) / (2 * step)


def assert_close_relative(actual, expected, rtol):
    scale = np.maximum(np.abs(expected), 1e-12)
    assert np.all(np.abs(actual - expected) / scale < rtol), (actual, expected)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_finite_difference(name):
    act = activations.get(name)
    x = SMOOTH_POINTS
    assert_close_relative(act.derivative(x), central_difference(act, x), rtol=1e-6)


@pytest.mark.parametrize(
    "x",
    [-30.0, -3.0, -1e-3, 1e-4, 0.37, 7.5, 14.999, 15.001, 16.0, 42.0, 300.0],
)
def test_division_derivative_on_each_piece(x):
    act = Division()
    # The log piece curves strongly just right of 0 (f''' / f' ~ 2 / x^2): use a smaller step
    # there; every step keeps x +- step on the same piece as x.
    h = 1e-8 if 0 < x < 1e-3 else 1e-5
    numeric = central_difference(act, np.array([x]), h=h)
    assert_close_relative(act.derivative(np.array([x])), numeric, rtol=1e-6)


def test_division_piece_formulas_match_brief():
    act = Division()
    x = np.array([-2.0, 3.0, 20.0])
    expected = np.array([
        1.359140915 * np.exp(-3.0),
        0.03 * np.log(1_000_000 * 3.0 + 1) + 0.5,
        1 - 1 / (109.0858178 * 20.0 - 1403.359435),
    ])
    np.testing.assert_allclose(act(x), expected, rtol=1e-13)
    slopes = np.array([expected[0], 30000 / (1_000_000 * 3.0 + 1),
                       109.0858178 / (109.0858178 * 20.0 - 1403.359435) ** 2])
    np.testing.assert_allclose(act.derivative(x), slopes, rtol=1e-13)


def test_division_continuity_at_zero_and_fifteen():
    act = Division()
    left, at, right = act(np.array([-1e-12, 0.0, 1e-12]))
    assert at == pytest.approx(0.5, rel=1e-9)
    assert left == pytest.approx(0.5, rel=1e-9)
    assert right == pytest.approx(0.5, rel=1e-4)  # the log piece is steep: 0.5 + 3e-8
    # Kink at 0: the slope jumps from 0.5 to 30000; the convention is the left piece.
    assert act.derivative(np.array([0.0]))[0] == pytest.approx(0.5)
    assert act.derivative(np.array([1e-300]))[0] == pytest.approx(30000.0)
    below, above = np.nextafter(15.0, 0.0), np.nextafter(15.0, 30.0)
    v = act(np.array([below, 15.0, above]))
    d = act.derivative(np.array([below, 15.0, above]))
    assert v[0] == pytest.approx(v[2], rel=1e-6)
    assert v[1] == pytest.approx(0.99571, abs=1e-5)
    # With the published constants the slopes at 15 agree to 0.53 %, not better:
    # log piece 30000 / 15000001 = 0.0020000, reciprocal piece 109.0858178 / 232.927832^2
    # = 0.0020106. Both round to the brief's "about 0.0020".
    assert d[0] == pytest.approx(30000 / 15_000_001, rel=1e-12)
    assert d[2] == pytest.approx(0.0020106, rel=1e-4)
    assert d[0] == pytest.approx(d[2], rel=6e-3)
    assert d[1] == d[0]  # 15 itself belongs to the log piece


def test_division_network_hand_set_weights():
    f = Division()
    w1 = np.array([[1e-6, 0.0], [0.0, 1e-6]])
    b1 = np.array([-1e-6, -1e-6])
    w2 = np.array([[33.3333], [-33.3333]])
    b2 = np.array([-3.912023])
    x = np.array([[20.0, 5.0], [0.5, 2.0], [60.0, 1.0]])
    y = f(f(x @ w1 + b1) @ w2 + b2)[:, 0] * 100
    assert y[0] == pytest.approx(3.99999448, abs=5e-9)
    assert y[1] == pytest.approx(0.5, abs=1e-4)  # breaks below 1: not 0.25
    assert y[2] == pytest.approx(86.3, abs=0.05)  # saturates: not 60


@pytest.mark.parametrize("name", ["division", "sigmoid", "softplus", "swish", "elu", "selu",
                                  "tanh", "softmax"])
def test_no_warnings_and_finite_at_extreme_inputs(name):
    act = activations.get(name)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        values = act(HARD_INPUTS)
        slopes = act.derivative(HARD_INPUTS)
        act(np.array([-np.inf, np.inf]))  # infinities must not warn either
        act.derivative(np.array([-np.inf, np.inf]))
    assert np.all(np.isfinite(values))
    assert np.all(np.isfinite(slopes))


@pytest.mark.parametrize("name", ["division", "sigmoid", "tanh"])
def test_bounded_activations_finite_at_infinity(name):
    act = activations.get(name)
    with np.errstate(all="raise"):
        assert np.all(np.isfinite(act(np.array([-np.inf, np.inf]))))


def test_division_limits():
    act = Division()
    v = act(np.array([-1e300, 1e300]))
    assert v[0] == 0.0
    assert v[1] == 1.0
    assert np.all(np.diff(act(np.linspace(-50, 200, 2001))) >= 0)  # rising


def test_sigmoid_equals_tanh_identity():
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(activations.get("sigmoid")(x), (1 + np.tanh(x / 2)) / 2,
                               rtol=1e-12, atol=1e-15)


def test_known_values():
    x = np.array([-2.0, -0.5, 0.0, 1.5])
    np.testing.assert_allclose(activations.get("relu")(x), [0, 0, 0, 1.5])
    np.testing.assert_allclose(activations.get("leaky_relu")(x), [-0.4, -0.1, 0, 1.5])
    np.testing.assert_allclose(activations.get("elu")(x), [np.expm1(-2), np.expm1(-0.5), 0, 1.5])
    a, s = 1.67326324235437728481, 1.05070098735548049342
    np.testing.assert_allclose(activations.get("selu")(x),
                               [s * a * np.expm1(-2), s * a * np.expm1(-0.5), 0, s * 1.5])
    np.testing.assert_allclose(activations.get("softplus")(x), np.log1p(np.exp(x)))
    np.testing.assert_allclose(activations.get("swish")(x), x / (1 + np.exp(-x)))
    np.testing.assert_allclose(activations.get("linear")(x), x)


def test_kink_conventions():
    zero = np.array([0.0])
    assert activations.get("relu").derivative(zero)[0] == 0.0
    assert activations.get("leaky_relu").derivative(zero)[0] == 0.2
    assert activations.get("selu").derivative(zero)[0] == pytest.approx(
        1.67326324235437728481 * 1.05070098735548049342)


def test_softmax_rows_and_backward_vs_numeric_jacobian():
    rng = np.random.default_rng(0)
    sm = activations.get("softmax")
    z = rng.normal(size=(4, 5)) * 3
    s = sm(z)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    g = rng.normal(size=(4, 5))
    back = sm.backward(z, g)
    h = 1e-6
    for row in range(4):
        numeric = np.empty((5, 5))
        for j in range(5):
            dz = np.zeros(5)
            dz[j] = h
            numeric[:, j] = (sm(z[row] + dz) - sm(z[row] - dz)) / (2 * h)
        np.testing.assert_allclose(sm.jacobian(z[row]), numeric, rtol=1e-6, atol=1e-10)
        np.testing.assert_allclose(back[row], g[row] @ numeric, rtol=1e-6, atol=1e-10)
        np.testing.assert_allclose(sm.derivative(z[row]), np.diag(numeric), rtol=1e-6,
                                   atol=1e-10)
    np.testing.assert_allclose(sm(np.array([1000.0, 1000.0])), [0.5, 0.5])


def test_elementwise_backward_and_jacobian():
    act = activations.get("tanh")
    z = np.array([[0.3, -1.2], [2.0, 0.0]])
    g = np.array([[1.0, 2.0], [-1.0, 0.5]])
    np.testing.assert_allclose(act.backward(z, g), g * (1 - np.tanh(z) ** 2))
    np.testing.assert_allclose(act.jacobian(z[0]), np.diag(1 - np.tanh(z[0]) ** 2))


def test_get_lookup_and_config_round_trip():
    assert activations.get("TaNh").name == "tanh"
    act = activations.get("relu")
    assert activations.get(act) is act
    assert activations.get(None).name == "linear"
    with pytest.raises(ValueError, match="division"):
        activations.get("nope")
    assert set(activations.names()) == {"linear", "sigmoid", "tanh", "relu", "leaky_relu",
                                        "elu", "selu", "softplus", "swish", "softmax",
                                        "division"}
    for name in activations.names():
        config = activations.get(name).get_config()
        assert activations.get(config).get_config() == config
    leaky = activations.get({"name": "leaky_relu", "negative_slope": 0.3})
    assert leaky(np.array([-1.0]))[0] == pytest.approx(-0.3)


def test_formula_activation_with_and_without_derivative():
    exact = activations.from_formula("x*tanh(x)", "tanh(x)+x*(1-tanh(x)**2)", name="xtanh")
    numeric = activations.from_formula("x*tanh(x)")
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(exact(x), x * np.tanh(x))
    np.testing.assert_allclose(numeric.derivative(x), exact.derivative(x), rtol=1e-8, atol=1e-10)
    assert_close_relative(exact.derivative(x[x != 0]), central_difference(exact, x[x != 0]),
                          rtol=1e-6)
    config = exact.get_config()
    assert config == {"name": "xtanh", "formula": "x*tanh(x)",
                      "derivative": "tanh(x)+x*(1-tanh(x)**2)"}
    rebuilt = activations.get(config)
    np.testing.assert_allclose(rebuilt.derivative(x), exact.derivative(x))
    assert numeric.get_config()["derivative"] is None
    with pytest.raises(activations.FormulaError):
        activations.from_formula("__import__('os')")


VALUE_AND_SLOPE_INPUTS = np.concatenate([
    SMOOTH_POINTS, HARD_INPUTS, [-np.inf, np.inf, -0.0, np.nextafter(15.0, 0.0), 15.0,
                                 np.nextafter(15.0, 30.0), 1e-300],
]).reshape(-1, 2)


@pytest.mark.parametrize("name", activations.names())
def test_value_and_derivative_equals_separate_calls(name):
    act = activations.get(name)
    with np.errstate(all="ignore"):
        value, slope = act.value_and_derivative(VALUE_AND_SLOPE_INPUTS)
        np.testing.assert_array_equal(value, act(VALUE_AND_SLOPE_INPUTS))
        np.testing.assert_array_equal(slope, act.derivative(VALUE_AND_SLOPE_INPUTS))


def test_value_and_derivative_of_formula_activations():
    for act in (activations.from_formula("x*tanh(x)", "tanh(x)+x*(1-tanh(x)**2)"),
                activations.from_formula("x*tanh(x)")):
        value, slope = act.value_and_derivative(SMOOTH_POINTS)
        np.testing.assert_array_equal(value, act(SMOOTH_POINTS))
        np.testing.assert_array_equal(slope, act.derivative(SMOOTH_POINTS))


@pytest.mark.parametrize("name", ["division", "tanh", "softmax"])
def test_dense_cached_slope_gives_the_same_gradients(name):
    """Dense caches value_and_derivative's slope when training; backward must equal the
    inference path, which calls act.backward (softmax always does: it is not element-wise)."""
    layer = Dense(3, name, input_dim=4, kernel_initializer={"name": "random_normal",
                                                            "stddev": 3.0})
    layer.build(4, np.random.default_rng(0))
    rng = np.random.default_rng(1)
    x, g = rng.normal(size=(5, 4)) * 4, rng.normal(size=(5, 3))
    results = []
    for training in (True, False):
        out = layer.forward(x, training=training)
        results.append((out, layer.backward(g), *layer.grads))
    for trained, inferred in zip(*results, strict=True):
        np.testing.assert_array_equal(trained, inferred)
    assert activations.get(name).elementwise == (name != "softmax")
