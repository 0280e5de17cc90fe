"""Sequential: structure, weights, Keras fit/evaluate/predict semantics, input checks."""

from __future__ import annotations

import numpy as np
import pytest

import pycore
from pycore import Dense, Dropout, Sequential, optimizers
from pycore.callbacks import Callback


def regression_data(n: int = 60, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 3))
    y = x @ np.array([[1.5], [-2.0], [0.5]]) + 0.3 + 0.2 * np.sin(3 * x[:, :1])
    return x, y


def make_model(optimizer="sgd", metrics=None, dropout: float = 0.0, seed: int = 0) -> Sequential:
    layers = [Dense(5, activation="tanh", input_dim=3)]
    if dropout:
        layers.append(Dropout(dropout))
    layers.append(Dense(1))
    model = Sequential(layers, seed=seed)
    model.compile(optimizer=optimizer, loss="mse", metrics=metrics)
    return model


def test_package_exports() -> None:
    for name in ("activations", "losses", "optimizers", "initializers", "regularizers",
                 "layers", "model", "callbacks", "data", "graph", "serialization"):
        assert getattr(pycore, name).__name__ == f"pycore.{name}"
    assert pycore.Sequential is pycore.model.Sequential
    assert pycore.Dense is pycore.layers.Dense and pycore.Dropout is pycore.layers.Dropout


def test_weights_keras_order_shapes_and_count() -> None:
    model = Sequential([Dense(4, input_dim=3), Dense(2, use_bias=False), Dense(1)])
    assert model.built and model.input_dim == 3
    assert [w.shape for w in model.get_weights()] == [(3, 4), (4,), (4, 2), (2, 1), (1,)]
    assert model.count_params() == 3 * 4 + 4 + 4 * 2 + 2 + 1
    assert model.layers[1].bias is None
    assert [layer.name for layer in model.layers] == ["dense", "dense_1", "dense_2"]


def test_weights_are_live_and_set_weights_copies() -> None:
    model = make_model()
    model.weights[0][0, 0] = 42.0
    assert model.layers[0].kernel[0, 0] == 42.0
    new = [np.full(w.shape, float(i)) for i, w in enumerate(model.get_weights())]
    kernel = model.layers[0].kernel
    model.set_weights(new)
    assert model.layers[0].kernel is kernel  # copied into, not replaced
    new[0][0, 0] = -1.0
    assert model.get_weights()[0][0, 0] == 0.0
    got = model.get_weights()
    got[1][0] = 99.0
    assert model.layers[0].bias[0] == 1.0  # get_weights returns copies


def test_set_weights_validates() -> None:
    model = make_model()
    good = model.get_weights()
    with pytest.raises(ValueError, match="expected 4 weight arrays"):
        model.set_weights(good[:3])
    with pytest.raises(ValueError, match=r"shape \(3, 5\)"):
        model.set_weights([np.zeros((5, 3)), *good[1:]])
    with pytest.raises(ValueError, match="NaN"):
        model.set_weights([np.full((3, 5), np.nan), *good[1:]])
    np.testing.assert_array_equal(model.get_weights()[0], good[0])


def test_build_on_first_data_and_add() -> None:
    model = Sequential()
    model.add(Dense(3, activation="relu"))
    model.add(Dropout(0.1))
    model.add(Dense(1))
    assert not model.built
    assert "?" in model.summary()
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=1, verbose=0)
    assert model.built and model.input_dim == 2
    assert [w.shape for w in model.get_weights()] == [(2, 3), (3,), (3, 1), (1,)]
    explicit = Sequential([Dense(3), Dense(1)])
    explicit.build((None, 2))
    assert explicit.count_params() == 13


def test_summary_table() -> None:
    text = make_model(dropout=0.5).summary()
    assert 'Model: "sequential"' in text
    assert "dense (Dense)" in text and "(None, 5)" in text and " 20" in text
    assert "dropout (Dropout)" in text
    assert "Total params: 26" in text


def test_config_round_trip() -> None:
    model = Sequential([Dense(4, activation="elu", input_dim=2, kernel_regularizer="l2"),
                        Dropout(0.25), Dense(3, activation="softmax", use_bias=False)])
    config = model.get_config()
    clone = Sequential.from_config(config)
    assert clone.get_config() == config
    assert [w.shape for w in clone.get_weights()] == [w.shape for w in model.get_weights()]
    assert clone.layers[0].kernel_regularizer.l2 == model.layers[0].kernel_regularizer.l2


def test_fit_history_keys_and_lengths() -> None:
    x, y = regression_data()
    history = make_model(metrics=["mae"]).fit(x, y, epochs=3, batch_size=8,
                                              validation_split=0.25, seed=1)
    assert set(history.history) == {"loss", "mae", "val_loss", "val_mae"}
    assert all(len(values) == 3 for values in history.history.values())
    assert history.epoch == [0, 1, 2] and history.stopped is None


def test_shuffle_false_equals_manual_train_on_batch_loop() -> None:
    """Batch order, the pre-update epoch loss (weighted by batch size) and weights match."""
    x, y = regression_data(n=21)
    fitted, manual = make_model(metrics=["mae"]), make_model(metrics=["mae"])
    history = fitted.fit(x, y, epochs=2, batch_size=8, shuffle=False)
    for epoch in range(2):
        results = [manual.train_on_batch(x[s:s + 8], y[s:s + 8]) for s in (0, 8, 16)]
        sizes = np.array([8, 8, 5])
        losses, maes = np.array(results).T
        assert history.history["loss"][epoch] == pytest.approx(losses @ sizes / 21, rel=1e-12)
        assert history.history["mae"][epoch] == pytest.approx(maes @ sizes / 21, rel=1e-12)
    for a, b in zip(fitted.get_weights(), manual.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_same_seed_is_bit_identical_and_split_runs_match() -> None:
    x, y = regression_data()
    runs = []
    for _ in range(2):
        model = make_model(optimizer="adam", dropout=0.3, seed=4)
        model.fit(x, y, epochs=4, batch_size=7, seed=9)
        runs.append(model.get_weights())
    stepped = make_model(optimizer="adam", dropout=0.3, seed=4)
    for epoch in range(4):
        stepped.fit(x, y, epochs=epoch + 1, initial_epoch=epoch, batch_size=7, seed=9)
    other = make_model(optimizer="adam", dropout=0.3, seed=4)
    other.fit(x, y, epochs=4, batch_size=7, seed=10)
    for a, b, c in zip(*runs, stepped.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
    assert not all(np.array_equal(a, d) for a, d in zip(runs[0], other.get_weights(),
                                                         strict=True))


def test_continuing_keeps_optimizer_state() -> None:
    x, y = regression_data()
    model = make_model(optimizer="adam")
    model.fit(x, y, epochs=1, batch_size=10, seed=0)
    assert model.optimizer.iterations == 6
    model.fit(x, y, epochs=2, initial_epoch=1, batch_size=10, seed=0)
    assert model.optimizer.iterations == 12
    with pytest.raises(ValueError, match="epochs=k \\+ 1, initial_epoch=k"):
        model.fit(x, y, epochs=1, initial_epoch=1)


def test_validation_split_takes_last_rows_before_shuffling() -> None:
    x, y = regression_data(n=40)
    split = make_model(metrics=["mae"]).fit(x, y, epochs=2, batch_size=8, validation_split=0.25,
                                            seed=3)
    explicit_model = make_model(metrics=["mae"])
    explicit = explicit_model.fit(x[:30], y[:30], epochs=2, batch_size=8,
                                  validation_data=(x[30:], y[30:]), seed=3)
    assert split.history == explicit.history
    loss, mae = explicit_model.evaluate(x[30:], y[30:])
    assert explicit.history["val_loss"][-1] == pytest.approx(loss, rel=1e-12)
    assert explicit.history["val_mae"][-1] == pytest.approx(mae, rel=1e-12)


def test_loss_decreases_on_simple_regression() -> None:
    x, y = regression_data(n=200)
    model = make_model(optimizer=optimizers.get("adam", learning_rate=0.01), seed=1)
    history = model.fit(x, y, epochs=30, batch_size=16, seed=0)
    losses = history.history["loss"]
    assert losses[-1] < 0.1 * losses[0]
    assert model.evaluate(x, y) < 0.05


def test_evaluate_and_predict_shapes_and_semantics() -> None:
    x, y = regression_data(n=50)
    model = make_model(metrics=["mae", "mse"])
    pred = model.predict(x)
    assert pred.shape == (50, 1)
    result = model.evaluate(x, y)
    assert isinstance(result, list) and len(result) == 3
    assert result[0] == pytest.approx(np.mean((pred - y) ** 2), rel=1e-12)
    assert result[1] == pytest.approx(np.mean(np.abs(pred - y)), rel=1e-12)
    batched = model.evaluate(x, y, batch_size=7)
    assert batched == pytest.approx(result, rel=1e-12)
    assert isinstance(make_model().evaluate(x, y), float)
    np.testing.assert_allclose(model.predict(x[:1]), pred[:1], rtol=1e-14)
    assert make_model().evaluate(x, y.ravel()) == pytest.approx(result[0])  # 1-D targets


def test_accuracy_metrics() -> None:
    binary = Sequential([Dense(1, activation="sigmoid", input_dim=2)], seed=0)
    binary.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])
    x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]])
    binary.set_weights([np.array([[2.0], [-2.0]]), np.array([0.0])])
    y = np.array([[1.0], [1.0], [0.0], [0.0]])  # predictions: 1, 0, 0.5 -> 0, 0
    assert binary.evaluate(x, y)[1] == pytest.approx(0.75)
    multi = Sequential([Dense(3, activation="softmax", input_dim=2)], seed=0)
    multi.compile(optimizer="sgd", loss="categorical_crossentropy",
                  metrics=["accuracy", "categorical_accuracy"])
    multi.set_weights([np.array([[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]]), np.zeros(3)])
    y3 = np.eye(3)[[0, 1, 0, 2]]  # argmax of predictions: 0, 1, 0/1 tie -> 0, 1
    _, acc, cat = multi.evaluate(x, y3)
    assert acc == cat == pytest.approx(0.75)


def test_regularization_in_reported_loss() -> None:
    x, y = regression_data()
    model = Sequential([Dense(1, input_dim=3, kernel_regularizer=pycore.regularizers.L2(0.5))],
                       seed=0)
    model.compile(optimizer="sgd", loss="mse")
    penalty = 0.5 * np.sum(model.layers[0].kernel ** 2)
    data_loss = np.mean((model.predict(x) - y) ** 2)
    assert model.evaluate(x, y) == pytest.approx(data_loss + penalty, rel=1e-12)
    history = model.fit(x, y, epochs=1, batch_size=len(x), shuffle=False)
    assert history.history["loss"][0] == pytest.approx(data_loss + penalty, rel=1e-12)


def test_stop_training_from_callback_ends_after_current_batch() -> None:
    class StopAfter(Callback):
        def __init__(self) -> None:
            super().__init__()
            self.batches: list[int] = []
            self.ended = False

        def on_batch_end(self, batch, logs=None):
            self.batches.append(batch)
            if batch == 2:
                self.model.stop_training = True

        def on_train_end(self, logs=None):
            self.ended = True

    x, y = regression_data()
    model = make_model()
    stopper = StopAfter()
    history = model.fit(x, y, epochs=5, batch_size=10, callbacks=[stopper])
    assert stopper.batches == [0, 1, 2] and stopper.ended
    assert model.optimizer.iterations == 3
    assert len(history.history["loss"]) == 1


def test_callback_hook_order() -> None:
    calls: list[str] = []

    class Recorder(Callback):
        def on_train_begin(self, logs=None):
            calls.append("train_begin")

        def on_epoch_begin(self, epoch, logs=None):
            calls.append(f"epoch_begin {epoch}")

        def on_batch_end(self, batch, logs=None):
            calls.append(f"batch_end {batch} {sorted(logs)}")

        def on_epoch_end(self, epoch, logs=None):
            calls.append(f"epoch_end {epoch} {sorted(logs)}")

        def on_train_end(self, logs=None):
            calls.append("train_end")

    x, y = regression_data(n=20)
    make_model(metrics=["mae"]).fit(x, y, epochs=1, batch_size=10, validation_split=0.5,
                                    callbacks=[Recorder()])
    assert calls == ["train_begin", "epoch_begin 0", "batch_end 0 ['loss', 'mae']",
                     "epoch_end 0 ['loss', 'mae', 'val_loss', 'val_mae']", "train_end"]


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        (np.ones((5, 2)), np.ones((5, 1)), "3 features per example|expects 3"),
        (np.ones(5), np.ones((5, 1)), "2-D"),
        (np.ones((0, 3)), np.ones((0, 1)), "empty"),
        (np.full((5, 3), np.nan), np.ones((5, 1)), "NaN"),
        (np.ones((5, 3)), np.full((5, 1), np.inf), "NaN or infinite"),
        (np.ones((5, 3)), np.ones((4, 1)), "5 examples"),
        (np.ones((5, 3)), np.ones((5, 2)), r"\(examples, 1\)"),
    ],
)
def test_input_validation(x, y, message) -> None:
    model = make_model()
    with pytest.raises(ValueError, match=message):
        model.fit(x, y)
    with pytest.raises(ValueError, match=message):
        model.evaluate(x, y)


def test_argument_validation() -> None:
    x, y = regression_data(n=10)
    with pytest.raises(ValueError, match="compiled"):
        Sequential([Dense(1, input_dim=3)]).fit(x, y)
    model = make_model()
    with pytest.raises(ValueError, match="batch_size"):
        model.fit(x, y, batch_size=0)
    with pytest.raises(ValueError, match="validation_split"):
        model.fit(x, y, validation_split=1.0)
    with pytest.raises(ValueError, match="no validation examples"):
        model.fit(x, y, validation_split=0.01)
    with pytest.raises(ValueError, match="Unknown loss"):
        model.compile(optimizer="sgd", loss="nope")
    with pytest.raises(ValueError, match="Dropout rate"):
        Dropout(1.0)
    with pytest.raises(ValueError, match="units"):
        Dense(0)
