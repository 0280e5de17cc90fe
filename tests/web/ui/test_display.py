"""Words and sizes bound once: a language switch or projector mode relabels everything."""

from __future__ import annotations

import panel as pn
import param
from bokeh.plotting import figure

from web.ui import i18n
from web.ui.display import Display

i18n.register({"test.hello": ("Hello {name}", "Hallo {name}"),
               "test.count": ("{n} epochs", "{n} Epochen"),
               "test.rate": ("rate {r}", "Rate {r}")})


class Counter(param.Parameterized):
    n = param.Integer(default=0)


def test_text_reference_follows_language_and_fields() -> None:
    display, counter = Display(code="de"), Counter()
    pane = pn.pane.Markdown(display.text("test.count", n=counter.param.n))
    button = pn.widgets.Button(label=display.text("test.hello", name="Ada"))
    assert pane.object == "0 Epochen" and button.label == "Hallo Ada"
    counter.n = 3
    display.code = "en"
    assert pane.object == "3 epochs" and button.label == "Hello Ada"


def test_float_fields_use_the_languages_decimal_mark() -> None:
    assert i18n.text("test.rate", "de", r=0.5) == "Rate 0,5"
    assert i18n.text("test.rate", "en", r=0.5) == "rate 0.5"


def test_options_follow_the_language() -> None:
    display = Display(code="de")
    select = pn.widgets.Select(options=display.options({"test.count": 1}), value=1)
    display.code = "en"
    assert select.options == {"{n} epochs": 1} and select.value == 1


def test_follow_writes_bokeh_attributes_and_projector_sizes() -> None:
    display = Display(code="en")
    fig = figure()
    display.follow(fig.title, "text", display.text("test.hello", name="x"))
    display.follow(fig.title, "text_font_size", display.px(16))
    assert fig.title.text == "Hello x" and fig.title.text_font_size == "16px"
    display.code, display.projector = "de", True
    assert fig.title.text == "Hallo x" and fig.title.text_font_size == "22px"


def test_every_key_has_both_languages() -> None:
    import web.app  # noqa: F401  (registers the header's words)

    for key in i18n.all_keys():
        assert i18n.text(key, "de") and i18n.text(key, "en")
