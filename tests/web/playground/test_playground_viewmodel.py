"""The playground's view-model without a browser: settings, data, the net, own points."""

from __future__ import annotations

import numpy as np
import pytest

from pycore import toy_data
from web.playground.data import OWN
from web.playground.viewmodel import PlaygroundViewModel


@pytest.fixture
def vm() -> PlaygroundViewModel:
    return PlaygroundViewModel()


def weights(vm: PlaygroundViewModel) -> list[np.ndarray]:
    return vm.live.model.get_weights()


def same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_defaults_are_tensorflow_playgrounds_default_task(vm):
    trainer = vm.trainer
    assert (vm.problem, vm.dataset, vm.noise, vm.train_percent) == ("classification", "circle",
                                                                   0, 50)
    assert vm.data.features == ("x1", "x2") and len(vm.data.x_train) == 250
    assert [(h.units, h.activation) for h in vm.hidden()] == [(4, "tanh"), (2, "tanh")]
    assert (trainer.optimizer, trainer.learning_rate, trainer.batch_size) == ("sgd", 0.03, 10)
    assert [layer.units for layer in vm.live.model.layers] == [4, 2, 1]
    assert vm.live.model.layers[-1].activation.name == "sigmoid"


def test_xor_with_the_product_feature_learns(vm):
    vm.dataset = "xor"
    vm.features = ["x1", "x2", "x1_times_x2"]
    vm.trainer.step(60)
    run = vm.trainer.run
    assert run.last("val_loss") < 0.2 < run.logs["val_loss"][0]
    assert run.last("val_accuracy") > 0.95


def test_training_settings_change_without_a_reset(vm):
    vm.trainer.step(3)
    before = weights(vm)
    vm.trainer.learning_rate = 0.1
    vm.layer_settings[0].activation = "relu"
    vm.layer_settings[1].dropout = 0.25
    vm.regularization, vm.regularization_rate = "l2", 0.001
    assert vm.trainer.epoch == 3 and same(before, weights(vm))
    model = vm.live.model
    assert model.layers[0].activation.name == "relu"
    assert [type(layer).__name__ for layer in model.layers] == ["Dense", "Dense", "Dropout",
                                                                "Dense"]
    assert model.layers[2].rate == 0.25
    assert all(layer.kernel_regularizer.l2 == 0.001 for layer in model.layers
               if hasattr(layer, "units"))
    vm.layer_settings[1].dropout = 0.0  # back to no Dropout layer at all
    assert [type(layer).__name__ for layer in model.layers] == ["Dense"] * 3
    vm.trainer.step(1)
    assert vm.trainer.epoch == 4


def test_a_new_shape_is_a_fresh_net_at_epoch_0(vm):
    vm.trainer.step(2)
    vm.change_units(0, +1)
    assert [layer.units for layer in vm.live.model.layers] == [5, 2, 1]
    assert vm.trainer.epoch == 0
    vm.add_layer()
    assert vm.layers == 3 and [h.units for h in vm.hidden()] == [5, 2, 2]
    vm.features = ["x1", "x2", "x1_squared", "sin_x2"]
    assert vm.live.model.input_dim == 4
    for _ in range(10):
        vm.remove_layer()
        vm.change_units(0, -1)
    assert vm.layers == 0 and [layer.units for layer in vm.live.model.layers] == [1]


def test_the_last_feature_cannot_be_taken_away(vm):
    vm.features = ["x2"]
    vm.features = []
    assert vm.features == ["x2"] and vm.live.model.input_dim == 1
    assert vm.notices == [("pg.msg.one_feature", {})]


def test_new_data_keeps_the_weights_and_starts_a_new_run(vm):
    vm.trainer.step(2)
    before, runs = weights(vm), len(vm.trainer.runs)
    x_before = vm.data.x_train.copy()
    vm.noise = 30
    vm.regenerate()
    assert same(before, weights(vm)) and vm.trainer.epoch == 0
    assert len(vm.trainer.runs) == runs + 2 and vm.seed == 1
    assert not np.array_equal(x_before, vm.data.x_train)


def test_reset_draws_fresh_weights(vm):
    before = weights(vm)
    vm.reset_weights()
    assert not same(before, weights(vm)) and vm.trainer.epoch == 0


def test_regression_presets_and_the_1d_function(vm):
    vm.problem = "regression"
    assert (vm.trainer.loss, vm.points, vm.live.model.layers[-1].activation.name) == (
        "mse", 1200, "linear")
    assert "accuracy" not in vm.trainer.run.logs
    vm.reg_dataset = "division"
    assert [layer.activation.name for layer in vm.live.model.layers] == ["division"] * 2
    assert (vm.trainer.loss, vm.trainer.optimizer, vm.trainer.batch_size) == ("mae", "adam", 4)
    vm.reg_dataset = "function"
    assert vm.data.dim == 1 and vm.data.features == ("x1",)
    vm.trainer.step(2)
    assert np.isfinite(vm.trainer.run.last("val_loss"))


def test_a_diverging_net_stops_with_finite_weights(vm):
    vm.problem = "regression"
    vm.layer_settings[0].activation = vm.layer_settings[1].activation = "linear"
    vm.trainer.param.update(learning_rate=10.0)
    vm.trainer.step(20)
    assert vm.trainer.stopped is not None
    assert all(np.isfinite(w).all() for w in weights(vm))


def test_a_clicked_point_joins_the_training_data(vm):
    vm.trainer.step(1)
    before = weights(vm)
    vm.click_label = 0
    vm.add_point(1.5, -2.0)
    assert vm.dataset == OWN and len(vm.data.x_train) == 251 and len(vm.data.x_test) == 250
    assert vm.data.x_train[-1].tolist() == [1.5, -2.0] and vm.data.y_train[-1, 0] == 0.0
    assert same(before, weights(vm))
    vm.clear_points()
    assert vm.own.count == 0 and len(vm.data.x_train) == 0


def test_clicks_on_regression_data_take_the_chosen_value(vm):
    vm.problem = "regression"
    vm.click_value = -0.75
    vm.add_point(0.0, 1.0)
    assert vm.reg_dataset == OWN and vm.data.y_train[-1, 0] == -0.75
    vm.reg_dataset = "function"
    vm.add_point(0.5, 0.5)
    assert vm.notices == [("pg.msg.no_click_1d", {})]


def test_a_bad_csv_names_every_bad_row_and_changes_nothing(vm):
    before = (vm.dataset, vm.data.x_train.copy())
    text = b"x1,x2,label\n1,2,1\n3,abc,0\n1,2\n\n5,5,0.5\n4;2,5;1\n"
    assert not vm.load_csv(text)
    assert vm.notices == [("pg.csv.not_number", {"row": 3, "cell": "abc"}),
                          ("pg.csv.columns", {"row": 4, "found": 2}),
                          ("pg.csv.not_class", {"row": 6, "cell": "0.5"})]
    assert vm.dataset == before[0] and np.array_equal(vm.data.x_train, before[1])
    for bad, key in ((b"", "pg.csv.empty"), (b"\xff\xfe\x00", "pg.csv.not_text"),
                     (b"1,1,1\n", "pg.csv.too_few"), (b"x" * 1_000_001, "pg.csv.too_large")):
        assert not vm.load_csv(bad)
        assert vm.notices[0][0] == key
    assert vm.dataset == before[0]


def test_a_good_csv_becomes_the_own_data_split_by_the_ratio(vm):
    rows = "\n".join(f"{i / 10},{-i / 10},{i % 2 * 2 - 1}" for i in range(40))
    assert vm.load_csv(("x1,x2,label\n" + rows).encode())
    assert vm.dataset == OWN and len(vm.data.x_train) == 20 and len(vm.data.x_test) == 20
    assert set(np.unique(vm.data.y_train)) <= {0.0, 1.0}  # TF's -1 is class 0
    assert vm.notices == [("pg.csv.loaded", {"count": 40})]


def test_generated_data_match_the_documented_pycore_calls(vm):
    vm.dataset, vm.noise, vm.seed = "spiral", 20, 7
    x, y = toy_data.make("spiral", n=500, noise=0.2, seed=7)
    (xt, _), _ = toy_data.split(x, y, 0.5, seed=7)
    np.testing.assert_array_equal(vm.data.x_train, xt)
    np.testing.assert_array_equal(vm.trainer.data.x_train, toy_data.features(xt, ["x1", "x2"]))


def test_a_saved_net_loads_back_with_its_layers(vm):
    vm.layer_settings[0].activation = "relu"
    vm.layer_settings[0].dropout = 0.1
    vm.trainer.step(2)
    file = vm.model_file()
    text, saved = file.save(), weights(vm)
    other = PlaygroundViewModel()
    other.load_json(text)
    assert same(saved, weights(other)) and other.hidden()[0].activation == "relu"
    assert other.hidden()[0].dropout == 0.1 and other.trainer.epoch == 0


def test_a_net_with_other_inputs_is_refused_and_nothing_changes(vm):
    from pycore.serialization import ModelFileError

    other = PlaygroundViewModel()
    other.features = ["x1", "x2", "x1_squared"]
    before = weights(vm)
    with pytest.raises(ModelFileError, match="3 inputs"):
        vm.load_json(other.model_file().save())
    assert same(before, weights(vm))
