"""Why gradient descent fails: the measured mechanism, the slice, the paths on it."""

from __future__ import annotations

import numpy as np
import pytest
from bokeh.models import NumeralTickFormatter

import pycore
from pycore.division import division_model
from pycore.landscape import loss_surface, output_gradient_signs
from web.division.details import DivisionDetails
from web.division.landscape.explain import direction_key, reasons_html
from web.division.landscape.mechanism import (
    KINK_STEPS,
    hidden_correlation,
    measure,
    random_start_signs,
)
from web.division.landscape.model import RESOLUTION, Landscape, axis_range
from web.division.landscape.reasons import Reasons
from web.division.landscape.view import LandscapeView
from web.division.model import DivisionViewModel
from web.ui import fmt
from web.ui.display import Display


@pytest.fixture
def details() -> DivisionDetails:
    return DivisionDetails(DivisionViewModel(preset="random"), Display(code="en"))


def rows(details: DivisionDetails) -> tuple[np.ndarray, np.ndarray]:
    return details.data.x_train[::2], details.data.y_train[::2]


def test_mechanism_numbers_are_measured_from_the_model(details) -> None:
    x, y = rows(details)
    model = details.vm.live.model
    m = measure(model, x, y, "mae")
    traces = model.forward_trace(x)
    assert m.mean_prediction == traces[-1].a.mean() and m.mean_target == y.mean()
    assert m.share_log_piece == np.mean(traces[-1].z > 0)
    assert m.signs == tuple(output_gradient_signs(model, x, y, loss="mae").ravel())
    assert m.z_needed == pytest.approx(np.log(2 * y.max()))  # f(z) = 0.5 e^z on z <= 0
    f = pycore.activations.get("division")
    assert m.kink == tuple(float(f(np.array([s]))[0] - f(np.zeros(1))[0]) for s in KINK_STEPS)
    assert m.signs == (1, 1)  # this random start: prediction far above every target


def test_correlation_is_one_for_one_feature_and_small_for_the_hand_set_net(details) -> None:
    x, _y = rows(details)
    twin = division_model(None, seed=0)
    w = twin.get_weights()
    w[0][:, 1] = 3 * w[0][:, 0]  # unit 2 reads the same mixture of inputs, scaled
    w[1][1] = 3 * w[1][0]
    twin.set_weights(w)
    assert hidden_correlation(twin, x) == pytest.approx(1.0, abs=0.02)
    assert abs(hidden_correlation(division_model("hand_set"), x)) < 0.1


def test_random_starts_are_counted_with_the_real_gradients(details) -> None:
    x, y = rows(details)
    both, n = random_start_signs(x, y, "mae", range(5))
    expected = sum(bool(np.all(output_gradient_signs(division_model(None, seed=s), x, y,
                                                     loss="mae") > 0)) for s in range(5))
    assert (both, n) == (expected, 5)


def test_the_text_states_the_measured_numbers(details) -> None:
    x, y = rows(details)
    m = measure(details.vm.live.model, x, y, "mae")
    text = reasons_html(m, (7, 9), len(x), "de")
    for value in (m.mean_prediction, m.mean_target, 100 * m.share_log_piece, m.cosine,
                  m.correlation, *m.kink):
        assert fmt.sig(value, 3, "de") in text
    assert "in 7 Fällen" in text and "Seeds 0 … 8" in text
    assert direction_key((1, 1)) == "landscape.why.both_down"
    assert direction_key((-1, 1)) == "landscape.why.apart"
    assert direction_key((0, 1)) == "landscape.why.flat"
    assert "division net only" in reasons_html(None, None, len(x), "en")


def test_axis_range_covers_values_with_a_margin() -> None:
    low, high = axis_range([2.0, -1.0, 0.5])
    assert low < -1.0 and high > 2.0
    assert axis_range([33.0]) == (0.0, 66.0)


def test_slice_is_the_loss_surface_of_the_active_weights(details) -> None:
    view = LandscapeView(*landscape_parts(details), details.display)
    land = view.landscape
    assert land.rows_done == RESOLUTION and not land.computing and not land.stale
    x, y = land.x, land.y
    a, b = land.a_values, land.b_values
    refs = land.refs()
    direct = loss_surface(details.vm.live.model, x, y, refs, a[[0, 7]], b[[3, 59]], loss="mae")
    np.testing.assert_allclose(land.surface[np.ix_([3, 59], [0, 7])], direct, rtol=1e-12)
    np.testing.assert_array_equal(view.image.data["image"][0], land.surface)
    point = land.point()
    assert a[0] < point[0] < a[-1] and b[0] < point[1] < b[-1]
    assert view.sources["now"].data == {"x": [point[0]], "y": [point[1]]}


def test_paths_of_training_and_lm_are_drawn_and_the_slice_follows(details, run_coroutine):
    view = LandscapeView(*landscape_parts(details), details.display)
    land = view.landscape
    details.trainer.step(1)
    details.trainer.step(1)
    assert len(details.path.last) == 3 and details.path.last_optimizer == "adam"
    xs, _ys = view.sources["descent"].data["x"], view.sources["descent"].data["y"]
    assert xs == [float(w[2][0, 0]) for w in details.path.last]
    run_coroutine(details.learner.learn())
    lm_x = view.sources["lm"].data["x"]
    assert len(lm_x) == details.learner.iteration + 1
    # the new weights made the slice stale (the app's event loop recomputes it at once)
    assert land.stale
    run_coroutine(land.compute())
    assert land.a_values[0] <= min(lm_x) and max(lm_x) <= land.a_values[-1]
    assert len(details.path.last) == 3  # loading the result started a run without a path



def test_the_slice_updates_the_axes_formatters_it_was_built_with(details, run_coroutine):
    """A new formatter model per axis made Bokeh recollect the whole document on the first
    slice in the browser; the formatters exist before the view is in a document."""
    land, reasons = landscape_parts(details)
    land.second = land.first  # no slice: the view's first draw is not the formatters' origin
    view = LandscapeView(land, reasons, details.display)
    assert view.landscape.rows_done == 0
    formatters = [view.figure.xaxis[0].formatter, view.figure.yaxis[0].formatter]
    assert all(isinstance(f, NumeralTickFormatter) for f in formatters)
    land.second = "w[2]21"
    run_coroutine(land.compute())
    assert land.rows_done == RESOLUTION
    after = [view.figure.xaxis[0].formatter, view.figure.yaxis[0].formatter]
    assert all(new is old for new, old in zip(after, formatters, strict=True))

def test_same_weight_twice_gives_a_message_and_no_slice(details) -> None:
    view = LandscapeView(*landscape_parts(details), details.display)
    land = view.landscape
    before = land.surface.copy()
    land.second = land.first
    assert land.problem() == "landscape.same"
    np.testing.assert_array_equal(land.surface, before)
    assert "two different weights" in view._status(0, False, land.first, land.second, "en")


def test_a_net_with_other_activations_gets_no_division_story(details) -> None:
    x, y = rows(details)
    reasons = Reasons(details.vm.live, x, y, details.trainer)
    assert reasons.mechanism is not None
    sigmoid = pycore.Sequential([pycore.Dense(2, activation="sigmoid", input_dim=2),
                                 pycore.Dense(1, activation="sigmoid")])
    details.vm.live.replace(sigmoid, origin="test")
    assert reasons.mechanism is None


def landscape_parts(details: DivisionDetails) -> tuple[Landscape, Reasons]:
    data, live = details.data, details.vm.live
    land = Landscape(live, data.x_train, data.y_train, details.trainer, details.path,
                     details.learner)
    return land, Reasons(live, land.x, land.y, details.trainer)
