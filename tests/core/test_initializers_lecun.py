"""LeCun initializers and the parametrised plain random ones, checked by their statistics.

Sample sizes are chosen so that each tolerance is several standard errors wide (e.g. 60 000
draws: the standard deviation's relative standard error is ~0.3 %, the test allows 2 %).
"""

import math

import numpy as np
import pytest

from pycore import initializers
from pycore.initializers import TRUNCATION_STD

SHAPE = (200, 300)  # fan_in 200


def draw(identifier, shape=SHAPE, seed=0):
    return initializers.get(identifier)(shape, np.random.default_rng(seed))


def test_lecun_names_resolve_like_keras() -> None:
    assert {"lecun_normal", "lecun_uniform"} <= set(initializers.names())
    assert initializers.get("LecunNormal").name == "lecun_normal"
    assert initializers.get("lecun_uniform").get_config() == {"name": "lecun_uniform"}


def test_lecun_normal_is_truncated_with_variance_one_over_fan_in() -> None:
    w = draw("lecun_normal")
    std = math.sqrt(1 / SHAPE[0])
    cut = 2 * std / TRUNCATION_STD  # Keras: stddev sqrt(1/fan_in)/0.8796..., cut at 2 stddev
    assert np.abs(w).max() <= cut
    assert np.abs(w).max() > 0.98 * cut
    assert w.std() == pytest.approx(std, rel=0.02)
    assert abs(w.mean()) < 0.02 * std


def test_lecun_uniform_limits_and_variance() -> None:
    w = draw("lecun_uniform")
    limit = math.sqrt(3 / SHAPE[0])
    assert -limit <= w.min() and w.max() < limit
    assert w.max() > 0.99 * limit
    assert w.var() == pytest.approx(1 / SHAPE[0], rel=0.03)


@pytest.mark.parametrize("name", ["lecun_normal", "lecun_uniform"])
def test_lecun_keeps_the_spread_of_unit_inputs(name: str) -> None:
    """Why LeCun: with variance 1/n, a sum of n unit-variance inputs has variance 1."""
    x = np.random.default_rng(5).normal(size=(400, SHAPE[0]))
    z = x @ draw(name)
    assert z.std() == pytest.approx(1.0, rel=0.03)


@pytest.mark.parametrize("name", ["lecun_normal", "lecun_uniform"])
def test_lecun_is_reproducible(name: str) -> None:
    np.testing.assert_array_equal(draw(name, seed=4), draw(name, seed=4))
    assert not np.array_equal(draw(name, seed=4), draw(name, seed=5))


def test_random_normal_with_stddev_one_gives_the_scripts_sigma() -> None:
    """The lecture's example: 250 inputs of value 1 and N(0, 1) weights give a weighted sum
    with standard deviation sqrt(250) = 15.811."""
    w = draw({"name": "random_normal", "stddev": 1.0}, shape=(250, 20_000))
    z = np.ones((1, 250)) @ w
    assert z.std() == pytest.approx(math.sqrt(250), rel=0.02)
    assert math.sqrt(250) == pytest.approx(15.811, abs=5e-4)


def test_random_normal_mean_and_stddev() -> None:
    w = draw({"name": "random_normal", "mean": 2.0, "stddev": 0.5})
    assert w.mean() == pytest.approx(2.0, abs=0.01)
    assert w.std() == pytest.approx(0.5, rel=0.02)
    assert w.max() > 2.0 + 4 * 0.5  # not truncated: 60 000 draws pass 4 sigma


def test_random_uniform_minval_maxval() -> None:
    w = draw({"name": "random_uniform", "minval": -1.0, "maxval": 3.0})
    assert -1.0 <= w.min() < -0.99 and 2.99 < w.max() < 3.0
    assert w.mean() == pytest.approx(1.0, abs=0.02)
    assert w.var() == pytest.approx(16 / 12, rel=0.03)


def test_parametrised_configs_round_trip() -> None:
    for config in ({"name": "random_normal", "mean": 0.5, "stddev": 15.0},
                   {"name": "random_uniform", "minval": -0.2, "maxval": 0.7}):
        assert initializers.get(config).get_config() == config
    with pytest.raises(ValueError, match="does not take parameters"):
        initializers.get({"name": "lecun_normal", "stddev": 2.0})
