"""Playground links (TensorFlow Playground's hash keys and ours) and the code it shows."""

from __future__ import annotations

import numpy as np
import pytest

from web.playground import code
from web.playground.links import apply_link, read_link, write_link
from web.playground.viewmodel import PlaygroundViewModel
from web.ui.links import parse_hash

# A link as playground.tensorflow.org writes it (all its keys), with other settings.
TF_LINK = ("#activation=relu&batchSize=3&dataset=xor&regDataset=reg-plane&learningRate=0.1"
           "&regularizationRate=0.003&noise=15&networkShape=5,3,2&seed=0.39429"
           "&showTestData=true&discretize=true&percTrainData=70&x=true&y=false&xTimesY=true"
           "&xSquared=false&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=false"
           "&collectStats=false&problem=classification&initZero=false&hideText=false"
           "&regularization=L2")


def test_a_tensorflow_playground_link_opens_its_experiment():
    vm = PlaygroundViewModel()
    vm.trainer.step(2)
    apply_link(vm, parse_hash(TF_LINK))
    assert (vm.dataset, vm.noise, vm.train_percent) == ("xor", 15, 70)
    assert vm.features == ["x1", "x1_times_x2", "sin_x1"]
    assert [(h.units, h.activation) for h in vm.hidden()] == [(5, "relu"), (3, "relu"),
                                                              (2, "relu")]
    assert (vm.trainer.learning_rate, vm.trainer.batch_size) == (0.1, 3)
    # TF's L2 pulls by rate * w (its penalty is rate * w² / 2); Keras's L2(l2) by 2 * l2 * w
    assert (vm.regularization, vm.regularization_rate) == ("l2", 0.0015)
    assert vm.show_test and vm.discretize and vm.notices == []
    assert vm.live.model.input_dim == 3 and vm.trainer.epoch == 0
    assert vm.seed == apply_seed("0.39429")


def apply_seed(text: str) -> int:
    vm = PlaygroundViewModel()
    apply_link(vm, {"seed": text})
    return vm.seed


def test_our_link_reads_back_to_the_same_experiment():
    vm = PlaygroundViewModel()
    vm.param.update(dataset="moons", noise=10, points=300, show_test=True)
    vm.layer_settings[1].activation = "elu"
    vm.layer_settings[0].dropout = 0.2
    vm.trainer.param.update(optimizer="sgd", momentum=0.9, nesterov=True, learning_rate=0.01)
    link = write_link(vm)
    assert link["tab"] == "playground" and link["activations"] == "tanh,elu"
    other = PlaygroundViewModel()
    apply_link(other, link)
    assert write_link(other) == link and other.notices == []
    assert np.array_equal(other.data.x_train, vm.data.x_train)


def test_bad_and_unknown_keys_are_ignored_with_a_note():
    vm = PlaygroundViewModel()
    apply_link(vm, {"networkShape": "9,abc", "batchSize": "x", "learningRate": "100",
                    "dataset": "own", "foo": "1", "cosX": "true", "sinY_hide": "true",
                    "tab": "playground", "noise": "20"})
    keys = dict(vm.notices)
    assert keys["pg.link.unknown"] == {"keys": "foo"}
    assert sorted(keys["pg.link.bad"]["items"].split(", ")) == [
        "batchSize=x", "dataset=own", "learningRate=100", "networkShape=9,abc"]
    assert keys["pg.link.unsupported"] == {"keys": "cosX, sinY_hide"}
    assert vm.noise == 20 and vm.layers == 2 and vm.trainer.batch_size == 10


def test_an_empty_network_shape_means_no_hidden_layer():
    settings, layers, _, notices = read_link({"networkShape": ""})
    assert settings == {"layers": 0} and layers == [] and notices == []


def test_the_pycore_code_runs_and_reproduces_data_and_start_weights():
    vm = PlaygroundViewModel()
    vm.layer_settings[0].dropout = 0.1
    vm.param.update(regularization="l1", regularization_rate=0.001)
    vm.reset_weights()
    namespace: dict = {}
    exec(code.pycore_code(vm).split("model.compile")[0], namespace)  # data and net only
    np.testing.assert_array_equal(namespace["x_train"], vm.trainer.data.x_train)
    for made, live in zip(namespace["model"].get_weights(), vm.live.model.get_weights(),
                          strict=True):
        np.testing.assert_array_equal(made, live)
    namespace = {}
    exec(code.pycore_code(vm), namespace)  # all of it, as shown: trains and evaluates
    assert namespace["history"].history["val_accuracy"][-1] > 0.5


def test_code_for_own_points_carries_them_exactly():
    vm = PlaygroundViewModel()
    vm.add_point(0.123456789, -4.2)
    namespace: dict = {}
    exec(code.pycore_code(vm).split("model = ")[0], namespace)
    np.testing.assert_array_equal(namespace["x_train"], vm.trainer.data.x_train)


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "ftrl"])
def test_keras_code_names_the_same_layers_and_settings(optimizer):
    vm = PlaygroundViewModel()
    vm.trainer.optimizer = optimizer
    keras = code.keras_code(vm)
    assert "keras.Input(shape=(2,))" in keras
    assert 'keras.layers.Dense(4, activation="tanh")' in keras
    assert f"keras.optimizers.{code.OPTIMIZER_CLASSES[optimizer]}(learning_rate=0.03" in keras
    assert "batch_size=10" in keras and 'loss="binary_crossentropy"' in keras


def test_the_summary_counts_parameters_per_layer():
    summary = code.summary(PlaygroundViewModel())
    assert " 12" in summary and " 10" in summary and "Total params: 25" in summary
