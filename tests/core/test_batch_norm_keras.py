"""pycore's BatchNormalization trains exactly as Keras 3 does (SGD and Adam, several epochs).

The reference numbers in fixtures/keras_batchnorm.json were computed by Keras 3 (torch backend,
float64) with fixtures/make_keras_batchnorm.py, from the same starting weights and data, with
`shuffle=False`. Keras is not a dependency: the test reads only the JSON. Each case checks the
per-epoch loss, every weight after training (gamma, beta and the moving statistics included),
`predict` (which uses the moving statistics) and `evaluate`, all to 1e-5.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from pycore import BatchNormalization, Dense, Sequential, optimizers

FIXTURE = Path(__file__).parent / "fixtures" / "keras_batchnorm.json"
CASES = json.loads(FIXTURE.read_text())["cases"]
TOLERANCE = 1e-5  # Keras's loss tracker keeps float32, so the losses carry ~1e-7 rounding


def pycore_model(case: dict) -> Sequential:
    layers = []
    for spec in case["layers"]:
        if spec[0] == "Dense":
            layers.append(Dense(spec[1], activation=spec[2]))
        else:
            layers.append(BatchNormalization(**spec[1]))
    model = Sequential(layers)
    model.build(len(case["x_train"][0]))
    model.set_weights([np.array(w) for w in case["initial_weights"]])
    settings = case["optimizer"]
    model.compile(optimizer=optimizers.get(settings["name"],
                                           learning_rate=settings["learning_rate"]),
                  loss="mse")
    return model


@pytest.fixture(scope="module", params=sorted(CASES))
def trained(request) -> tuple[dict, Sequential, dict]:
    case = CASES[request.param]
    model = pycore_model(case)
    history = model.fit(np.array(case["x_train"]), np.array(case["y_train"]),
                        epochs=case["epochs"], batch_size=case["batch_size"], shuffle=False)
    return case, model, history.history


def test_the_fixture_covers_both_optimizers_and_every_switch() -> None:
    assert {case["optimizer"]["name"] for case in CASES.values()} == {"sgd", "adam"}
    keywords = {key for case in CASES.values() for spec in case["layers"]
                if spec[0] == "BatchNormalization" for key in spec[1]}
    assert keywords >= {"momentum", "epsilon", "center", "scale"}
    assert all(case["epochs"] >= 4 for case in CASES.values())


def test_weights_are_in_keras_order(trained) -> None:
    case, model, _ = trained
    names = [path.rsplit("/", 1)[1] for path in case["weight_paths"]]
    ours = []
    for layer in model.layers:
        if isinstance(layer, Dense):
            ours += ["kernel", "bias"]
        else:
            ours += [n for n, w in (("gamma", layer.gamma), ("beta", layer.beta)) if w is not None]
            ours += ["moving_mean", "moving_variance"]
    assert ours == names


def test_epoch_losses_match_keras(trained) -> None:
    case, _, history = trained
    np.testing.assert_allclose(history["loss"], case["loss"], rtol=TOLERANCE)


def test_weights_and_moving_statistics_match_keras(trained) -> None:
    case, model, _ = trained
    initial = case["initial_weights"]
    for k, (ours, theirs) in enumerate(zip(model.get_weights(), case["final_weights"],
                                           strict=True)):
        assert not np.allclose(theirs, initial[k]), f"weight {k} never moved: a void check"
        np.testing.assert_allclose(ours, theirs, rtol=TOLERANCE, atol=TOLERANCE,
                                   err_msg=case["weight_paths"][k])


def test_predict_and_evaluate_use_the_moving_statistics_as_keras(trained) -> None:
    case, model, _ = trained
    x_test, y_test = np.array(case["x_test"]), np.array(case["y_test"])
    np.testing.assert_allclose(model.predict(x_test), case["predict"], rtol=TOLERANCE,
                               atol=TOLERANCE)
    assert model.evaluate(x_test, y_test) == pytest.approx(case["evaluate"], rel=TOLERANCE)
