"""Optimizers on a loss surface without a browser: gradients, pycore's update rules, the claims
of the notes, the picture."""

from __future__ import annotations

import numpy as np
import panel as pn
import pytest

from web.experiments.surface import claims, functions
from web.experiments.surface.model import LR_CHOICES, OptLab
from web.experiments.surface.paths import OPTIMIZERS, Path
from web.experiments.surface.texts import note
from web.experiments.surface.view import OptCard
from web.ui.display import Display

POINTS = [(0.3, -0.7), (-1.2, 1.9), (1.5, 0.2)]


@pytest.fixture(scope="module")
def net_surface() -> functions.Surface:
    return functions.net_slice(*functions.trained_net())


def numeric_gradient(surface: functions.Surface, p: np.ndarray, h: float = 1e-6) -> np.ndarray:
    steps = np.eye(2) * h
    return np.array([(surface.loss_at(p + d) - surface.loss_at(p - d)) / (2 * h) for d in steps])


@pytest.mark.parametrize("surface", list(functions.ANALYTIC.values()), ids=str)
@pytest.mark.parametrize("point", POINTS)
def test_analytic_gradients_match_finite_differences(surface, point) -> None:
    p = np.array(point)
    np.testing.assert_allclose(surface.gradient(p), numeric_gradient(surface, p), rtol=1e-6,
                               atol=1e-6)


def test_net_slice_gradient_and_grid_are_the_nets_own(net_surface) -> None:
    a0, b0 = net_surface.minima[0]
    p = np.array([a0 - 1.0, b0 + 0.5])
    np.testing.assert_allclose(net_surface.gradient(p), numeric_gradient(net_surface, p),
                               rtol=1e-5, atol=1e-7)
    a, b = np.array([a0 - 1.0, a0]), np.array([b0 + 0.5])
    grid = net_surface.grid(a, b)
    assert grid.shape == (1, 2)
    assert grid[0, 0] == pytest.approx(net_surface.loss_at(p), rel=1e-12)


def test_sgd_path_is_w_minus_lr_times_g() -> None:
    s = functions.QUADRATIC
    path = Path.start("sgd", s, s.start, 0.01, 0.0)
    for _ in range(3):
        before = np.array(path.points[-1])
        path.step(s)
        np.testing.assert_allclose(path.points[-1], before - 0.01 * s.gradient(before),
                                   rtol=0, atol=1e-15)


def test_momentum_and_nesterov_follow_kerass_sgd_rules() -> None:
    s, lr, m = functions.QUADRATIC, 0.01, 0.9
    for name in ("momentum", "nesterov"):
        path = Path.start(name, s, s.start, lr, m)
        w, v = np.array(s.start), np.zeros(2)
        for _ in range(4):
            g = s.gradient(w)
            v = m * v - lr * g
            w = w + (m * v - lr * g if name == "nesterov" else v)
            path.step(s)
            np.testing.assert_allclose(path.points[-1], w, rtol=1e-12, atol=1e-15)


def test_adams_first_step_is_the_learning_rate_whatever_the_gradient() -> None:
    s = functions.QUADRATIC
    moved = claims.first_step(s, "adam", 0.01, s.start)
    np.testing.assert_allclose(moved, [0.01, 0.01], rtol=1e-6)
    assert not np.allclose(np.abs(s.gradient(np.array(s.start))), 1.0)  # gradient isn't 1


def test_quadratic_claims_hold_at_the_default_settings() -> None:
    lab = OptLab()
    start = (lab.start_a, lab.start_b)
    found = claims.facts("quadratic", lab.learning_rate, lab.momentum, start, lab.steps)
    sgd = Path.start("sgd", functions.QUADRATIC, start, lab.learning_rate, 0.0)
    for _ in range(claims.ZIGZAG_STEPS):
        sgd.step(functions.QUADRATIC)
    assert claims.zigzags(sgd)
    assert found["momentum"] is not None and found["nesterov"] is not None
    assert found["sgd"] is None or found["sgd"] > 2 * max(found["momentum"], found["nesterov"])
    assert f"more than {lab.steps}" in note(lab, "en")


def test_rosenbrock_walls_limit_sgds_learning_rate() -> None:
    s = functions.ROSENBROCK
    stable, unstable = claims.stable_rates(s, "sgd", s.start, s.steps, claims.CHOICES)
    assert stable == s.learning_rate and unstable > stable
    path = Path.start("sgd", s, s.start, unstable, 0.0)
    for _ in range(s.steps):
        path.step(s)
    assert path.diverged and np.all(np.isfinite(path.points))


def test_scaled_and_momentum_steps_leave_the_saddle_sooner() -> None:
    s = functions.SADDLE
    found = claims.facts("saddle", s.learning_rate, 0.9, s.start, s.steps)
    for name in ("momentum", "rmsprop", "adam"):
        assert found[name] is not None and found[name] < found["sgd"] / 2


def test_paths_start_again_when_a_setting_changes() -> None:
    lab = OptLab()
    for _ in range(3):
        lab.step_once()
    assert {p.steps for p in lab.paths} == {3}
    lab.lr_step = LR_CHOICES.index(0.02)
    assert {p.steps for p in lab.paths} == {0}
    assert [p.name for p in lab.paths] == [n for n in OPTIMIZERS if n in lab.chosen]


def test_a_surface_brings_its_own_settings() -> None:
    lab = OptLab()
    lab.surface = "rosenbrock"
    s = functions.ROSENBROCK
    assert (lab.learning_rate, lab.steps, (lab.start_a, lab.start_b)) == (s.learning_rate,
                                                                           s.steps, s.start)
    assert "0.002" in note(lab, "en") and "0.005" in note(lab, "en")


def test_run_stops_at_the_number_of_steps() -> None:
    lab = OptLab(steps=7)
    lab.run_now()
    assert lab.finished and {p.steps for p in lab.paths if not p.diverged} == {7}


def test_view_draws_the_surface_and_every_path() -> None:
    lab = OptLab()
    view = OptCard(Display(code="en"), lab)
    pn.panel(view).get_root()
    lab.step_once()
    image = view.image.data["image"][0]
    assert image.shape == (140, 140) and np.nanmin(image) == 0
    for path in lab.paths:
        assert view.paths[path.name].data["x"] == [p[0] for p in path.points]
        assert view.items[path.name].visible
    assert not view.items["ftrl"].visible and view.paths["ftrl"].data["x"] == []
    assert view.marks.data == {"x": [0.0], "y": [0.0]}
    lab.surface = "saddle"
    assert view.marks.data == {"x": [0.0, 0.0], "y": [1.0, -1.0]}
    assert view.figure.x_range.start == functions.SADDLE.a_range[0]


def test_table_says_when_a_path_diverged() -> None:
    from web.experiments.surface.export import COLORS
    from web.experiments.surface.texts import table_html

    lab = OptLab(chosen=["sgd", "adam"])
    lab.surface = "rosenbrock"  # brings its start and steps
    lab.lr_step = LR_CHOICES.index(0.005)  # above SGD's stable rate here
    lab.run_now()
    sgd, adam = lab.paths
    assert sgd.diverged and not adam.diverged
    assert f"diverged after {sgd.steps} steps" in table_html(lab, COLORS, "en")
