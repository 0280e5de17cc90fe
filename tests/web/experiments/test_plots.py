"""Tick labels in the reader's language without JavaScript from strings (the static site's
Content Security Policy forbids it: a CustomJS formatter leaves the whole plot blank)."""

from __future__ import annotations

import panel as pn
import pytest
from bokeh.models import CustomJS, CustomJSTickFormatter, FixedTicker

from web.experiments import plots
from web.experiments.view import CARDS, ExperimentsView
from web.ui.display import Display


@pytest.mark.parametrize(("low", "high", "ticks"), [
    (0.0, 1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]), (-2.2, 2.2, [-2.0, -1.0, 0.0, 1.0, 2.0]),
    (0.0, 301.0, [0.0, 100.0, 200.0, 300.0]),
    (0.0, 1001.0, [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]),
    (-0.28, 0.78, [-0.2, 0.0, 0.2, 0.4, 0.6]), (3.0, 3.0, [3.0]),
])
def test_nice_ticks_are_round_numbers_inside_the_range(low, high, ticks) -> None:
    assert plots.nice_ticks(low, high) == ticks


def test_labels_follow_the_language() -> None:
    from bokeh.models import LinearAxis

    axis = LinearAxis()
    plots.label_ticks(axis, [0.0, 0.2, 1e-5], "de")
    assert isinstance(axis.ticker, FixedTicker) and axis.ticker.ticks == [0.0, 0.2, 1e-5]
    assert axis.major_label_overrides == {0.0: "0", 0.2: "0,2", 1e-5: "1e-5"}
    plots.label_ticks(axis, [0.2], "en")
    assert axis.major_label_overrides == {0.2: "0.2"}


def test_no_card_evaluates_javascript_from_a_string() -> None:
    view = ExperimentsView(Display(code="de"))
    for spec in CARDS:
        view.card = spec.name
        root = pn.panel(view.cards[spec.name]).get_root()
        kinds = {type(model) for model in root.references()}
        assert not kinds & {CustomJS, CustomJSTickFormatter}, spec.name


def test_a_cards_axes_are_relabelled_when_the_language_changes() -> None:
    view = ExperimentsView(Display(code="de"))
    view.card = "opt"
    figure = view.cards["opt"].figure
    assert figure.xaxis[0].major_label_overrides[-2.0] == "-2"
    view.display.code = "en"
    view.card = "fit"
    fit = view.cards["fit"].figure
    assert fit.xaxis[0].major_label_overrides[0.2] == "0.2"
    view.display.code = "de"
    assert fit.xaxis[0].major_label_overrides[0.2] == "0,2"
