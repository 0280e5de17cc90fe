"""Initializers (Keras defaults, fans, truncation, determinism) and regularizers."""

import math

import numpy as np
import pytest

from pycore import initializers, regularizers
from pycore.initializers import TRUNCATION_STD, compute_fans

SHAPE = (200, 300)


def draw(name, shape=SHAPE, seed=0):
    return initializers.get(name)(shape, np.random.default_rng(seed))


def test_names_and_constants():
    assert set(initializers.names()) >= {"zeros", "ones", "random_uniform", "random_normal",
                                         "glorot_uniform", "glorot_normal", "he_uniform",
                                         "he_normal"}
    np.testing.assert_array_equal(draw("zeros", (2, 3)), np.zeros((2, 3)))
    np.testing.assert_array_equal(draw("ones", (4,)), np.ones(4))
    assert draw("zeros", (2, 3)).dtype == np.float64


@pytest.mark.parametrize("name", ["random_uniform", "random_normal", "glorot_uniform",
                                  "glorot_normal", "he_uniform", "he_normal"])
def test_same_seed_bit_identical_and_different_seed_differs(name):
    a, b, c = draw(name, seed=7), draw(name, seed=7), draw(name, seed=8)
    assert a.shape == SHAPE
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_fans_like_keras():
    assert compute_fans((3, 5)) == (3.0, 5.0)
    assert compute_fans((7,)) == (7.0, 7.0)
    assert compute_fans(()) == (1.0, 1.0)
    assert compute_fans((3, 3, 4, 8)) == (36.0, 72.0)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("random_uniform", 0.05),
        ("glorot_uniform", math.sqrt(6 / (SHAPE[0] + SHAPE[1]))),
        ("he_uniform", math.sqrt(6 / SHAPE[0])),
    ],
)
def test_uniform_limits_and_spread(name, limit):
    w = draw(name)
    assert w.min() >= -limit
    assert w.max() < limit
    assert w.max() > 0.99 * limit  # 60 000 draws reach the edge
    # Variance of U(-a, a) is a^2 / 3; 60 000 draws -> ~0.6 % sampling error.
    assert w.var() == pytest.approx(limit**2 / 3, rel=0.03)


@pytest.mark.parametrize(
    ("name", "std"),
    [
        ("glorot_normal", math.sqrt(2 / (SHAPE[0] + SHAPE[1]))),
        ("he_normal", math.sqrt(2 / SHAPE[0])),
    ],
)
def test_truncated_normal(name, std):
    w = draw(name)
    cut = 2 * std / TRUNCATION_STD
    assert np.abs(w).max() <= cut
    assert np.abs(w).max() > 0.98 * cut
    # Dividing by 0.8796... makes the truncated draws have the intended standard deviation.
    assert w.std() == pytest.approx(std, rel=0.02)
    assert abs(w.mean()) < 0.02 * std


def test_random_normal_defaults():
    w = draw("random_normal")
    assert w.std() == pytest.approx(0.05, rel=0.02)
    assert np.abs(w).max() > 2 * 0.05  # not truncated


def test_truncation_constant_is_std_of_truncated_standard_normal():
    z = np.random.default_rng(1).standard_normal(2_000_000)
    assert z[np.abs(z) <= 2].std() == pytest.approx(TRUNCATION_STD, rel=2e-3)


def test_initializer_lookup():
    init = initializers.get("GlorotUniform")
    assert init.name == "glorot_uniform"
    assert initializers.get(init) is init
    custom = initializers.get({"name": "random_uniform", "minval": 0.0, "maxval": 1.0})
    assert initializers.get(custom.get_config()).get_config() == custom.get_config()
    with pytest.raises(ValueError, match="he_normal"):
        initializers.get("orthogonal_magic")


W = np.array([[0.5, -2.0], [0.0, 3.0]])


@pytest.mark.parametrize(
    ("reg", "penalty", "gradient"),
    [
        (regularizers.L1(), 0.01 * 5.5, 0.01 * np.sign(W)),
        (regularizers.L2(), 0.01 * 13.25, 0.02 * W),
        (regularizers.L1L2(l1=0.1, l2=0.2), 0.1 * 5.5 + 0.2 * 13.25, 0.1 * np.sign(W) + 0.4 * W),
        (regularizers.L1L2(), 0.0, np.zeros_like(W)),
    ],
)
def test_regularizer_values(reg, penalty, gradient):
    assert reg(W) == pytest.approx(penalty)
    assert isinstance(reg(W), float)
    np.testing.assert_allclose(reg.gradient(W), gradient)


@pytest.mark.parametrize("reg", [regularizers.L1(0.3), regularizers.L2(0.7),
                                 regularizers.L1L2(0.2, 0.5)])
def test_regularizer_gradient_matches_finite_difference(reg):
    w = np.random.default_rng(3).normal(size=(3, 4))
    h = 1e-6
    numeric = np.zeros_like(w)
    for idx in np.ndindex(w.shape):
        up, down = w.copy(), w.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (reg(up) - reg(down)) / (2 * h)
    np.testing.assert_allclose(reg.gradient(w), numeric, rtol=1e-6, atol=1e-9)


def test_regularizer_lookup_and_config():
    assert regularizers.get(None) is None
    assert isinstance(regularizers.get("L2"), regularizers.L2)
    assert regularizers.get("l1").l1 == 0.01
    reg = regularizers.get({"name": "l2", "l2": 1e-3})
    assert reg.l2 == 1e-3
    assert regularizers.get(reg) is reg
    for r in (regularizers.L1(0.2), regularizers.L2(0.3), regularizers.L1L2(0.1, 0.4)):
        rebuilt = regularizers.get(r.get_config())
        assert type(rebuilt) is type(r)
        assert rebuilt.get_config() == r.get_config()
    with pytest.raises(ValueError, match="l1_l2"):
        regularizers.get("dropout")
