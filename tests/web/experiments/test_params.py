"""Parameter counter without a browser: the formula per layer against pycore's own count."""

from __future__ import annotations

import itertools

import panel as pn
import pytest

from pycore.serialization import MAX_PARAMS, MAX_UNITS
from web.experiments.params.model import ParamsLab, build, layer_counts, parse
from web.experiments.params.texts import notes, table_html
from web.experiments.params.view import ParamsCard
from web.ui.display import Display


@pytest.mark.parametrize(("text", "widths"), [
    ("2, 3, 2", [2, 3, 2]), ("2-3-2", [2, 3, 2]), ("1 x 300 x 1", [1, 300, 1]),
    ("784;128;10", [784, 128, 10]), ("2 – 3 – 2", [2, 3, 2]), (" 5 → 4 ", [5, 4]),
])
def test_widths_are_read_from_the_usual_notations(text: str, widths: list[int]) -> None:
    assert parse(text) == (widths, None)


@pytest.mark.parametrize(("text", "key"), [
    ("", "exp.params.msg.empty"), ("2, a, 2", "exp.params.msg.not_integer"),
    ("2.5, 3", "exp.params.msg.not_integer"), ("7", "exp.params.msg.too_few"),
    ("2, -3, 2", "exp.params.msg.width"), ("0, 3", "exp.params.msg.width"),
    (f"2, {MAX_UNITS + 1}", "exp.params.msg.width"),
    (", ".join(["2"] * 130), "exp.params.msg.too_many_layers"),
    ("__import__('os')", "exp.params.msg.not_integer"),
])
def test_bad_text_is_refused_with_its_reason(text: str, key: str) -> None:
    widths, problem = parse(text)
    assert widths is None and problem[0] == key


@pytest.mark.parametrize("widths", [[2, 3, 2], [2, 2, 1], [1, 300, 1], [784, 128, 10],
                                    [1, 64, 64, 64, 1], [3, 1]])
@pytest.mark.parametrize("bias", [True, False])
def test_formula_agrees_with_pycore(widths: list[int], bias: bool) -> None:
    layers = layer_counts(widths, bias)
    assert [layer.total for layer in layers] == [
        n * u + (u if bias else 0) for n, u in itertools.pairwise(widths)]
    assert sum(layer.total for layer in layers) == build(widths, bias).count_params()


def test_the_scripts_example_is_9_plus_8() -> None:
    lab = ParamsLab()
    assert [layer.total for layer in lab.layers()] == [9, 8]
    assert lab.total == lab.pycore_count() == 17
    text = notes(lab, "en")
    assert "counts 8 for the hidden layer and 9 for the output layer" in text
    assert "2 × 3 + 3 = 9" in text and "3 × 2 + 2 = 8" in text
    lab.architecture = "2, 2, 1"
    assert "script" not in notes(lab, "en")


def test_refused_text_keeps_the_last_net_and_says_so() -> None:
    lab = ParamsLab(architecture="1, 300, 1")
    lab.architecture = "1, 300, x"
    assert lab.widths == [1, 300, 1] and lab.problem[0] == "exp.params.msg.not_integer"
    assert lab.problem[1]["kept"] == "1, 300, 1"
    lab.architecture = "1024, 1024, 1024"
    assert lab.problem[0] == "exp.params.msg.too_large"
    assert lab.problem[1]["count"] > MAX_PARAMS and lab.widths == [1, 300, 1]
    lab.architecture = "1, 600, 1"
    assert lab.widths == [1, 600, 1] and lab.problem is None


def test_table_shows_formula_total_and_pycores_check() -> None:
    lab = ParamsLab(architecture="784, 128, 10")
    html = table_html(lab, "en")
    assert "784 × 128 + 128" in html and "128 × 10 + 10" in html
    assert f">{784 * 128 + 128 + 128 * 10 + 10}</td>" in html
    assert "count_params() for the same net: 101770 — the same." in html
    lab.use_bias = False
    assert "784 × 128<" in table_html(lab, "en") and lab.pycore_count() == 784 * 128 + 1280


def test_view_draws_one_bar_per_layer() -> None:
    lab = ParamsLab()
    view = ParamsCard(Display(code="de"), lab)
    pn.panel(view).get_root()
    assert view.bars.data["weights"] == [6, 6] and view.bars.data["biases"] == [3, 2]
    assert view.bars.data["layer"] == ["Schicht 1: 2 → 3", "Schicht 2: 3 → 2"]
    lab.preset("deep")
    assert view.bars.data["total"] == [128, 64 * 64 + 64, 64 * 64 + 64, 65]
    assert view.figure.x_range.factors == view.bars.data["layer"]
    lab.preset("digits")
    assert (view.figure.y_range.start, view.figure.y_range.end) == (0.0, 1.15 * 100480)
