"""Card settings in the page address: namespaced keys, each value checked by its param's rule,
and the Experiments tab opening the card a link names."""

from __future__ import annotations

import param
import pytest

from web.experiments.fit.model import FitLab
from web.experiments.gen.model import GenLab
from web.experiments.params.model import ParamsLab
from web.experiments.rates.model import RatesLab
from web.experiments.surface.model import OptLab
from web.experiments.view import CARDS, ExperimentsView
from web.ui import links
from web.ui.display import Display


class Settings(param.Parameterized):
    rate = param.Number(default=0.5, bounds=(0.0, 1.0))
    count = param.Integer(default=3, bounds=(1, 10))
    on = param.Boolean(default=False)
    kind = param.Selector(default="a", objects=["a", "b"])
    picks = param.ListSelector(default=[1, 10], objects=[1, 3, 10, 30])
    text = param.String(default="")


def test_values_travel_as_namespaced_text_and_come_back() -> None:
    source = Settings(rate=0.125, count=7, on=True, kind="b", picks=[3, 30], text="2, 3")
    names = ("rate", "count", "on", "kind", "picks", "text")
    values = links.param_values(source, "x", names)
    assert values == {"x.rate": "0.125", "x.count": "7", "x.on": "1", "x.kind": "b",
                      "x.picks": "3,30", "x.text": "2, 3"}
    parsed = links.parse_hash(links.format_hash(values))
    target = Settings()
    assert links.apply_params(target, "x", names, parsed) == []
    assert target.param.values() | {"name": None} == source.param.values() | {"name": None}


@pytest.mark.parametrize(("key", "text"), [("x.rate", "2"), ("x.rate", "abc"), ("x.count", "2.5"),
                                           ("x.on", "maybe"), ("x.kind", "c"),
                                           ("x.picks", "1,2")])
def test_a_value_the_param_refuses_changes_nothing(key: str, text: str) -> None:
    target = Settings()
    before = target.param.values()
    refused = links.apply_params(target, "x", ("rate", "count", "on", "kind", "picks"),
                                 {key: text, "y.rate": "0.1"})
    assert refused == [key] and target.param.values() == before


@pytest.mark.parametrize(("prefix", "lab_class", "changes"), [
    ("fit", FitLab, {"width": 600, "activation": "sigmoid", "ghosts": [1, 100]}),
    ("gen", GenLab, {"noise": 0.5, "split": "80/10/10", "early_stopping": True}),
    ("rates", RatesLab, {"mode": "batch", "batch_mid": 16, "lr_large": 2.0}),
    ("opt", OptLab, {"surface": "saddle", "lr_step": 8, "start_b": 0.01}),
    ("params", ParamsLab, {"architecture": "4, 5, 1", "use_bias": False}),
])
def test_every_cards_settings_round_trip(prefix, lab_class, changes) -> None:
    source = lab_class()
    for name, value in changes.items():  # in order: a surface brings its own start first
        setattr(source, name, value)
    values = links.parse_hash(links.format_hash(
        links.param_values(source, prefix, lab_class.LINK_PARAMS)))
    target = lab_class()
    assert links.apply_params(target, prefix, lab_class.LINK_PARAMS, values) == []
    for name in lab_class.LINK_PARAMS:
        assert getattr(target, name) == getattr(source, name), name


def test_the_tab_opens_the_card_and_applies_its_settings() -> None:
    view = ExperimentsView(Display())
    assert view.card == "fit" and list(view.cards) == ["fit"]
    view.apply_link(links.parse_hash("#tab=experiments&card=params&params.architecture=1,300,1"
                                     "&fit.width=42"))
    assert view.card == "params" and view.cards["params"].lab.total == 901
    assert view.cards["fit"].lab.width == 42  # an already built card takes its keys at once
    view.apply_link({"card": "nonsense", "fit.width": "0"})
    assert view.card == "params" and view.cards["fit"].lab.width == 42


def test_every_card_builds_and_names_a_prefix_of_its_own() -> None:
    view = ExperimentsView(Display(code="en"))
    for spec in CARDS:
        view.card = spec.name
        assert view.holder.objects == [view.panels[spec.name]] and spec.name in view.cards
    assert len({spec.name for spec in CARDS}) == len(CARDS) == 5
