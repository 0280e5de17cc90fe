"""One training step by hand: every weight moves as the optimizer's rule says, checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pycore import notation
from web.graph.update_table import report_html
from web.graph.view import GraphView
from web.ui.display import Display


@pytest.fixture
def view() -> GraphView:
    return GraphView(Display(code="en"), net="slides")


def finished(view: GraphView) -> dict[str, float]:
    """Run backprop to the end; the gradients the graph shows, by weight label."""
    view.go(view.backprop.n)
    return {n.label: n.grad for n in view.graph.nodes if n.op in ("weight", "bias")}


def test_sgd_moves_every_weight_by_minus_lr_times_g(view: GraphView) -> None:
    grads = finished(view)
    assert grads == {"w[1]11": 2.0, "b[1]1": 1.0}
    report = view.apply_update()
    assert [(r.label, r.before, r.grad, r.after) for r in report.rows] == [
        ("w[1]11", 3.0, 2.0, pytest.approx(3.0 - 0.1 * 2.0, abs=1e-15)),
        ("b[1]1", 1.0, 1.0, pytest.approx(1.0 - 0.1 * 1.0, abs=1e-15))]
    assert (report.loss_before, report.loss_after) == (3.0, pytest.approx(2.5, abs=1e-12))
    # the next forward pass: step 0 of backprop on the new weights, z = 2.8 · 2 + 0.9
    assert view.step == 0
    assert view.graph.node("z1_1").value == pytest.approx(6.5, abs=1e-12)
    assert view.live.model.get_weights()[0][0, 0] == pytest.approx(2.8, abs=1e-15)
    table = report_html(report, "de")
    assert "3 − 0,1 · 2 = 2,8" in table and "1 − 0,1 · 1 = 0,9" in table
    assert "2,5 nach dem Update" in table
    view.target = 9.0  # now ŷ < y: the gradients are negative and stand in parentheses
    finished(view)
    assert "2,8 − 0,1 · (-2) = 3" in report_html(view.apply_update(), "de")


def test_momentum_keeps_a_velocity_and_uses_it_in_the_next_step(view: GraphView) -> None:
    view.trainer.param.update(optimizer="sgd", momentum=0.9, learning_rate=0.1)
    g1 = finished(view)
    first = view.apply_update()
    m1 = {r.label: -0.1 * g1[r.label] for r in first.rows}  # m ← μ·0 − lr·g
    for row in first.rows:
        assert row.state == {"momentum": pytest.approx(m1[row.label], abs=1e-15)}
        assert row.after == pytest.approx(row.before + m1[row.label], abs=1e-15)
    g2 = finished(view)
    second = view.apply_update()
    for row in second.rows:
        m2 = 0.9 * m1[row.label] - 0.1 * g2[row.label]
        assert row.state["momentum"] == pytest.approx(m2, abs=1e-15)
        assert row.after == pytest.approx(row.before + m2, abs=1e-15)
    assert "m ← μ·m − lr·g, w ← w + m" in report_html(second, "en")


def test_adam_follows_its_moments_by_hand(view: GraphView) -> None:
    view.trainer.param.update(optimizer="adam", learning_rate=0.1)
    b1, b2, eps, lr = 0.9, 0.999, 1e-7, 0.1
    m = {"w[1]11": 0.0, "b[1]1": 0.0}
    v = dict(m)
    for t in (1, 2, 3):
        grads = finished(view)
        report = view.apply_update()
        assert report.iteration == t
        for row in report.rows:
            g = grads[row.label]
            m[row.label] = b1 * m[row.label] + (1 - b1) * g
            v[row.label] = b2 * v[row.label] + (1 - b2) * g * g
            m_hat, v_hat = m[row.label] / (1 - b1**t), v[row.label] / (1 - b2**t)
            # Keras puts ε outside the root and does not correct it: ε / sqrt(1 − β2^t) here
            step = lr * m_hat / (math.sqrt(v_hat) + eps / math.sqrt(1 - b2**t))
            assert row.state["momentum"] == pytest.approx(m[row.label], rel=1e-12)
            assert row.state["velocity"] == pytest.approx(v[row.label], rel=1e-12)
            assert row.after == pytest.approx(row.before - step, rel=1e-12, abs=1e-15)
    assert "t = 3" in report_html(report, "en")


def test_a_new_example_starts_the_optimizer_afresh(view: GraphView) -> None:
    view.trainer.param.update(optimizer="adam", learning_rate=0.1)
    finished(view)
    view.apply_update()
    view.x1 = 1.0
    finished(view)
    assert view.apply_update().iteration == 1


def test_an_update_that_would_overflow_is_not_applied() -> None:
    view = GraphView(Display(code="en"), net="relu")
    view.trainer.param.update(optimizer="sgd", learning_rate=10.0)
    view.live.load_weights([w * 0 + 1e300 for w in view.live.model.get_weights()])
    before = view.live.model.get_weights()
    view.go(view.backprop.n)
    report = view.apply_update()
    assert not report.applied
    assert all(r.after == r.before for r in report.rows)
    for got, want in zip(view.live.model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, want)
    assert "was not applied" in report_html(report, "en")


def test_the_record_goes_when_the_example_or_a_weight_is_changed_by_hand(
        view: GraphView) -> None:
    finished(view)
    assert view.apply_update() is view.record
    view.live.set_parameter(notation.parameters(view.live.model)[0], 1.5)
    assert view.record is None
    finished(view)
    view.apply_update()
    view.target = 5.0
    assert view.record is None
