"""The playground's experiment as code a student can run: pycore and Keras, with one names.

The pycore code runs as shown (a test executes it): it makes the same data with the same
:mod:`pycore.toy_data` calls as the tab, builds the same layers with the same seed (so the
same starting weights) and trains with the tab's settings. The Keras code is the same
experiment in Keras 3 (layer, optimizer and argument names are the same by design of pycore).
"""

from __future__ import annotations

import numpy as np

from pycore.layers import Dense, Dropout
from web.playground import network
from web.playground.data import OWN
from web.playground.viewmodel import PlaygroundViewModel

EPOCHS = 50
OPTIMIZER_CLASSES = {"sgd": "SGD", "rmsprop": "RMSprop", "adam": "Adam", "adamax": "Adamax",
                     "nadam": "Nadam", "adagrad": "Adagrad", "adadelta": "Adadelta",
                     "ftrl": "Ftrl"}


def _rows(array: np.ndarray) -> str:
    """Every digit (repr of float64 round-trips), so the code's data equal the tab's."""
    return repr(array.tolist())


def data_lines(vm: PlaygroundViewModel) -> list[str]:
    """Lines that make x_train, y_train, x_test, y_test exactly as the tab has them."""
    d, features = vm.data, list(vm.data.features)
    if d.name == OWN:
        lines = ["import numpy as np", "",
                 f"x_train = toy_data.features(np.array({_rows(d.x_train)}), {features})",
                 f"y_train = np.array({_rows(d.y_train)})"]
        if len(d.x_test):
            lines += [f"x_test = toy_data.features(np.array({_rows(d.x_test)}), {features})",
                      f"y_test = np.array({_rows(d.y_test)})"]
        return lines
    return [f'x, y = toy_data.make("{d.name}", n={vm.points}, noise={vm.noise / 100:g}, '
            f"seed={vm.seed})",
            f"x = toy_data.features(x, {features})",
            "(x_train, y_train), (x_test, y_test) = toy_data.split(",
            f"    x, y, train_fraction={vm.train_percent / 100:g}, seed={vm.seed})"]


def _layer_args(layer: Dense, first: bool, keras: bool) -> str:
    args = [str(layer.units), f'activation="{layer.activation.name}"']
    if first and not keras:
        args.append(f"input_dim={layer.input_dim}")
    initializer = layer.kernel_initializer
    if initializer != "glorot_uniform":
        args.append(f'kernel_initializer="{initializer}"')
    reg = layer.kernel_regularizer
    if reg is not None:
        kind, rate = reg.name, reg.l1 if reg.name == "l1" else reg.l2
        module = "keras.regularizers" if keras else "pycore.regularizers"
        args.append(f"kernel_regularizer={module}.{kind.upper()}({rate:g})")
    return ", ".join(args)


def _layers(vm: PlaygroundViewModel, keras: bool) -> list[str]:
    prefix = "keras.layers." if keras else "pycore."
    lines = [f"    keras.Input(shape=({vm.live.model.input_dim},)),"] if keras else []
    for index, layer in enumerate(vm.live.model.layers):
        if isinstance(layer, Dropout):
            lines.append(f"    {prefix}Dropout({layer.rate:g}),")
        else:
            note = ("  # NN Lab's own activation" if keras and layer.activation.name ==
                    "division" else "")
            lines.append(f"    {prefix}Dense({_layer_args(layer, index == 0, keras)}),{note}")
    return lines


def _optimizer(vm: PlaygroundViewModel, module: str) -> str:
    trainer = vm.trainer
    args = [f"learning_rate={trainer.learning_rate:g}"]
    if trainer.optimizer == "sgd" and trainer.momentum:
        args.append(f"momentum={trainer.momentum:g}")
        if trainer.nesterov:
            args.append("nesterov=True")
    return f"{module}.{OPTIMIZER_CLASSES[trainer.optimizer]}({', '.join(args)})"


def _compile_fit(vm: PlaygroundViewModel, module: str, seed: bool) -> list[str]:
    metrics = ', metrics=["accuracy"]' if vm.classification else ""
    fit_seed = ", seed=0" if seed else ""
    test = len(vm.data.x_test) > 0
    held_out = "validation_data=(x_test, y_test)" if test else "verbose=0"
    return [f"model.compile(optimizer={_optimizer(vm, module)},",
            f'              loss="{vm.trainer.loss}"{metrics})',
            f"history = model.fit(x_train, y_train, epochs={EPOCHS}, "
            f"batch_size={vm.trainer.batch_size},",
            f"                    {held_out}{fit_seed})",
            f"print(model.evaluate({'x_test, y_test' if test else 'x_train, y_train'}))"]


def pycore_code(vm: PlaygroundViewModel) -> str:
    lines = ["import pycore", "from pycore import toy_data", "", *data_lines(vm), "",
             "model = pycore.Sequential([", *_layers(vm, keras=False),
             f"], seed={vm.init_seed})", *_compile_fit(vm, "pycore.optimizers", seed=True)]
    return "\n".join(lines)


def keras_code(vm: PlaygroundViewModel) -> str:
    lines = ["import keras", "from pycore import toy_data  # the playground's data (NumPy)", "",
             *data_lines(vm), "", "model = keras.Sequential([", *_layers(vm, keras=True), "])",
             *_compile_fit(vm, "keras.optimizers", seed=False)]
    return "\n".join(lines)


def summary(vm: PlaygroundViewModel) -> str:
    """Keras's summary table of the net (parameters per layer)."""
    return network.summary(vm.live.model)
