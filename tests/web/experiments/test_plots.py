"""Tick labels in the reader's language without JavaScript from strings (the static site's
Content Security Policy forbids it: a CustomJS formatter leaves the whole plot blank)."""

from __future__ import annotations

import panel as pn
from bokeh.models import CustomJS, CustomJSTickFormatter

from web.experiments.view import CARDS, ExperimentsView
from web.ui.display import Display


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
    assert view.cards["opt"].figure.xaxis[0].formatter.language == "de"
    view.display.code = "en"
    view.card = "fit"
    fit = view.cards["fit"].figure
    assert fit.xaxis[0].formatter.language == "en"
    view.display.code = "de"
    assert fit.xaxis[0].formatter.language == "de"
