"""Losses: values vs hand-computed Keras numbers, gradients vs finite differences."""

import numpy as np
import pytest

from pycore import losses


def numeric_gradient(loss, y_true, y_pred, h=1e-6):
    grad = np.zeros_like(y_pred)
    for idx in np.ndindex(y_pred.shape):
        up, down = y_pred.copy(), y_pred.copy()
        up[idx] += h
        down[idx] -= h
        grad[idx] = (loss(y_true, up) - loss(y_true, down)) / (2 * h)
    return grad


# Values from the Keras 3 documentation examples, re-derived by hand in the comments.
@pytest.mark.parametrize(
    ("name", "y_true", "y_pred", "expected"),
    [
        # errors 1, 0, 1, 0 -> mean of squares 2/4
        ("mse", [[0, 1], [0, 0]], [[1, 1], [1, 0]], 0.5),
        ("mae", [[0, 1], [0, 0]], [[1, 1], [1, 0]], 0.5),
        # all |e| <= 1: 0.5 * (0.36 + 0.36 + 0.16 + 0.36) / 4
        ("huber", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], 0.155),
        # -(ln 0.4 + ln 0.4 + ln 0.6 + ln 0.4) / 4
        ("binary_crossentropy", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]],
         -(3 * np.log(0.4) + np.log(0.6)) / 4),
        # (ln 2 - ln 1)^2 and (ln 0.5 - ln 2)^2 = (2 ln 2)^2: mean 5 (ln 2)^2 / 2
        ("log_mse", [[1.0], [2.0]], [[2.0], [0.5]], 2.5 * np.log(2.0) ** 2),
        # -(ln 0.95 + ln 0.1) / 2 = 1.1769392 (Keras doc); the 0 is clipped to 1e-7, unused
        ("categorical_crossentropy", [[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]],
         1.1769392),
    ],
)
def test_keras_reference_values(name, y_true, y_pred, expected):
    value = losses.get(name)(np.array(y_true, float), np.array(y_pred, float))
    assert isinstance(value, float)
    assert value == pytest.approx(expected, rel=1e-6)


def test_huber_linear_part():
    # |e| = 3 > delta = 1: 1 * (3 - 0.5) = 2.5; |e| = 0.5: 0.125
    assert losses.get("huber")(np.array([0.0, 0.0]), np.array([3.0, -0.5])) == pytest.approx(
        (2.5 + 0.125) / 2)


def _cases(name, rng):
    shape = (4, 3)
    if name == "binary_crossentropy":
        return rng.integers(0, 2, shape).astype(float), rng.uniform(0.05, 0.95, shape)
    if name == "categorical_crossentropy":
        y_true = np.eye(3)[rng.integers(0, 3, 4)]
        # Rows that do not sum to 1, to exercise Keras' renormalisation in the gradient.
        return y_true, rng.uniform(0.1, 1.0, shape)
    if name == "log_mse":
        return rng.uniform(0.01, 2.0, shape), rng.uniform(0.01, 2.0, shape)
    y_true = rng.normal(size=shape)
    # Keep |y_pred - y_true| away from 0 (mae kink) and from delta = 1 (huber seam).
    offset = rng.choice([-1, 1], shape) * rng.choice([0.3, 0.7, 1.6, 2.4], shape)
    return y_true, y_true + offset


@pytest.mark.parametrize("name", losses.names())
def test_gradient_matches_finite_difference(name):
    rng = np.random.default_rng(42)
    loss = losses.get(name)
    y_true, y_pred = _cases(name, rng)
    analytic = loss.gradient(y_true, y_pred)
    numeric = numeric_gradient(loss, y_true, y_pred)
    assert analytic.shape == y_pred.shape
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


def test_mae_gradient_at_zero_error_is_zero():
    g = losses.get("mae").gradient(np.array([[1.0, 2.0]]), np.array([[1.0, 3.0]]))
    np.testing.assert_array_equal(g, [[0.0, 0.5]])


def test_crossentropy_clipping_keeps_loss_finite_and_stops_gradient():
    bce = losses.get("binary_crossentropy")
    y_true = np.array([[1.0, 0.0]])
    y_pred = np.array([[0.0, 1.0]])
    with np.errstate(all="raise"):
        value = bce(y_true, y_pred)
        grad = bce.gradient(y_true, y_pred)
    assert value == pytest.approx(-np.log(1e-7), rel=1e-6)
    np.testing.assert_array_equal(grad, [[0.0, 0.0]])


def test_crossentropy_gradients_are_their_formulas_bit_for_bit():
    """-t/q + (1-t)/(1-q) (binary) and -t/q (categorical, before the normalisation) inside the
    clip interval, exactly 0 outside it and at NaN; also for scalar inputs."""
    eps = losses.EPSILON
    p = np.array([[0.0], [eps / 2], [eps], [0.3], [0.5], [0.9], [1 - eps], [1.0], [np.nan]])
    t = np.array([[1.0], [0.0], [1.0], [0.0], [1.0], [1.0], [0.0], [1.0], [0.0]])
    q = np.clip(p, eps, 1 - eps)
    with np.errstate(all="ignore"):
        binary = np.where(q == p, -t / q + (1 - t) / (1 - q), 0.0) / p.size
        np.testing.assert_array_equal(losses.get("binary_crossentropy").gradient(t, p), binary)
        assert losses.get("binary_crossentropy").gradient(1.0, 0.25) == -4.0
        assert losses.get("binary_crossentropy").gradient(1.0, 0.0) == 0.0
    y = np.array([[0.0, 1.0, 0.0]])
    r = np.array([[0.2, 0.8, 0.0]])
    q = np.clip(r, eps, 1 - eps)
    g = np.where(q == r, -y / q, 0.0)
    categorical = g - np.sum(g * r, axis=-1, keepdims=True)
    np.testing.assert_array_equal(losses.get("categorical_crossentropy").gradient(y, r),
                                  categorical)


@pytest.mark.parametrize("bad", [0.0, -0.5, np.nan])
def test_log_mse_rejects_non_positive_targets(bad):
    log_mse = losses.get("log_mse")
    y_true = np.array([[0.2], [bad]])
    for call in (log_mse, log_mse.gradient):
        with pytest.raises(ValueError, match=r"must be > 0; target .* at position 1 \(of 2\)"):
            call(y_true, np.array([[0.1], [0.1]]))


def test_log_mse_clips_non_positive_predictions_without_warnings():
    log_mse = losses.get("log_mse")
    y_true, y_pred = np.array([[1.0], [1.0], [1.0]]), np.array([[0.0], [-3.0], [np.e]])
    with np.errstate(all="raise"):
        value = log_mse(y_true, y_pred)
        grad = log_mse.gradient(y_true, y_pred)
    # ln(1e-300)^2 twice (clipped to LOG_FLOOR) and 1^2 once, over 3 elements
    assert value == pytest.approx((2 * np.log(losses.LOG_FLOOR) ** 2 + 1.0) / 3)
    # zero gradient where clipped; 2 (ln e - ln 1) / e / 3 elsewhere
    np.testing.assert_allclose(grad, [[0.0], [0.0], [2.0 / np.e / 3]])


def test_target_shape_is_reshaped_to_prediction():
    mse = losses.get("mse")
    assert mse(np.array([1.0, 2.0]), np.array([[1.0], [4.0]])) == pytest.approx(2.0)
    assert mse.gradient(np.array([1.0, 2.0]), np.array([[1.0], [4.0]])).shape == (2, 1)
    with pytest.raises(ValueError):
        mse(np.zeros(3), np.zeros((2, 1)))


def test_lookup():
    assert losses.get("MSE").name == "mse"
    assert losses.get("mean_absolute_error").name == "mae"
    loss = losses.get("huber")
    assert losses.get(loss) is loss
    assert losses.get({"name": "huber", "delta": 2.0}).delta == 2.0
    assert losses.get(loss.get_config()).get_config() == loss.get_config()
    with pytest.raises(ValueError, match="categorical_crossentropy"):
        losses.get("hinge")


@pytest.mark.parametrize("name", losses.names())
def test_per_sample_losses_of_stacked_predictions(name):
    rng = np.random.default_rng(3)
    loss = losses.get(name)
    y_true, first = _cases(name, rng)
    second = _cases(name, rng)[1]
    stacked = loss.per_sample(y_true, np.stack([first, second]))
    assert stacked.shape == (2, 4)
    for k, y_pred in enumerate((first, second)):
        assert np.mean(stacked[k]) == pytest.approx(loss(y_true, y_pred), rel=1e-12)


def test_the_clip_mask_is_the_outside_of_the_clip_interval():
    """``q != p`` marks exactly the predictions outside [EPSILON, 1 - EPSILON] (and NaN)."""
    from pycore.losses import EPSILON, _clip_outside

    p = np.array([0.0, EPSILON / 2, EPSILON, 0.5, 1 - EPSILON, 1 - EPSILON / 4, 1.0, np.nan,
                  -3.0, 7.0])
    q, outside = _clip_outside(p)
    np.testing.assert_array_equal(outside, ~((p >= EPSILON) & (p <= 1 - EPSILON)))
    np.testing.assert_array_equal(q, np.clip(p, EPSILON, 1 - EPSILON))
