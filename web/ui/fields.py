"""A text field for one numeric setting, validated by that setting's own param.

Why not Panel's FloatInput: a number field in the browser silently turns "0,5", "" or "abc" into
nothing or into a clamped value, so a student never learns that what they typed was not used.
Here the param that owns the setting (a ``param.Number``/``param.Integer`` with bounds) is the
one rule: the typed text is parsed (decimal comma allowed, never ``eval``), checked against the
param's bounds, and either stored in the param or rejected with a message beside the field that
says what was typed, why it cannot be used and which value stays in force. The field then shows
that value again, so screen and state never disagree.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import panel as pn
import param

from web.ui import fmt, i18n, theme
from web.ui.display import Display

i18n.register({
    "field.empty": ("Please type a number: {kept} stays.",
                    "Bitte eine Zahl eingeben: {kept} bleibt."),
    "field.not_number": ("“{typed}” is not a number: {kept} stays.",
                         "„{typed}“ ist keine Zahl: {kept} bleibt."),
    "field.not_integer": ("{typed} is not a whole number: {kept} stays.",
                          "{typed} ist keine ganze Zahl: {kept} bleibt."),
    "field.below": ("{typed} is too small (at least {bound}): {kept} stays.",
                    "{typed} ist zu klein (mindestens {bound}): {kept} bleibt."),
    "field.above": ("{typed} is too large (at most {bound}): {kept} stays.",
                    "{typed} ist zu groß (höchstens {bound}): {kept} bleibt."),
    "field.not_above": ("{typed} is too small (must be more than {bound}): {kept} stays.",
                        "{typed} ist zu klein (muss größer als {bound} sein): {kept} bleibt."),
    "field.not_below": ("{typed} is too large (must be less than {bound}): {kept} stays.",
                        "{typed} ist zu groß (muss kleiner als {bound} sein): {kept} bleibt."),
})

Problem = tuple[str, dict[str, object]]  # an i18n key and its fields


def check(parameter: param.Parameter, text: str) -> tuple[float | int | None, Problem | None]:
    """``(value, None)`` if ``text`` is a value ``parameter`` accepts, else ``(None, problem)``.
    The rule is the param's: its type (Integer or Number) and its bounds, inclusive or not."""
    typed = (text or "").strip()
    if not typed:
        return None, ("field.empty", {})
    try:
        number = fmt.parse(typed)
    except ValueError:
        return None, ("field.not_number", {"typed": typed[:40]})
    if not math.isfinite(number):
        return None, ("field.not_number", {"typed": typed[:40]})
    if isinstance(parameter, param.Integer):
        if number != int(number):
            return None, ("field.not_integer", {"typed": typed})
        number = int(number)
    low, high = parameter.bounds or (None, None)
    low_inclusive, high_inclusive = getattr(parameter, "inclusive_bounds", (True, True))
    if low is not None and (number < low or (number == low and not low_inclusive)):
        key = "field.below" if low_inclusive else "field.not_above"
        return None, (key, {"typed": typed, "bound": low})
    if high is not None and (number > high or (number == high and not high_inclusive)):
        key = "field.above" if high_inclusive else "field.not_below"
        return None, (key, {"typed": typed, "bound": high})
    return number, None


class CheckedField(pn.viewable.Viewer):
    """A text input for one number, checked by ``rule`` (a param.Number/Integer with bounds);
    subclasses say where the number lives (``current``) and how to store it (``store``)."""

    problem = param.Parameter(default=None, doc="(i18n key, fields) of the rejected input.")

    def __init__(self, rule: param.Parameter, label: Callable[[], str] | str,
                 display: Display, css_classes: list[str] | None = None,
                 width: int | str = 170, digits: int = 6, **params: object) -> None:
        """``width``: pixels, or a CSS length such as :func:`web.ui.theme.em`'s."""
        super().__init__(**params)
        self.rule, self.display, self.digits = rule, display, digits
        size = {"width": width} if isinstance(width, int) else theme.css_width(width)
        self.input = pn.widgets.TextInput(label=label, stylesheets=theme.INPUT_STYLESHEETS,
                                          css_classes=css_classes or [], **size)
        self.message = pn.pane.HTML(
            pn.bind(message_html, problem=self.param.problem, code=display.param.code,
                    digits=digits),
            margin=(0, 10), stylesheets=theme.STYLESHEETS, **size)
        self.input.param.watch(self._typed, "value")
        display.param.watch(lambda _e: self.show(), "code")

    def current(self) -> float:
        raise NotImplementedError

    def store(self, value: float) -> None:
        raise NotImplementedError

    def shown(self) -> str:
        return self.display.number(self.current(), self.digits)

    def show(self) -> None:
        """Show the value in force, unless the student is typing a new one right now (while a
        net trains, its weights change every frame; overwriting the field would throw away
        what is being typed before Enter)."""
        if self.input.value_input not in (None, self.input.value):
            return
        text = self.shown()
        self.input.param.update(value=text, value_input=text)

    def refresh(self, *_events: object) -> None:
        """Show the value in force; a stale "… stays" message would no longer be true."""
        self.problem = None
        self.show()

    def _typed(self, event: param.parameterized.Event) -> None:
        self.input.value_input = event.new  # entered: no longer "being typed"
        if event.new == self.shown():
            return
        value, problem = check(self.rule, event.new)
        if problem is None:
            try:
                self.store(value)
            except ValueError:
                problem = ("field.not_number", {"typed": event.new})
        if problem is not None:
            key, fields = problem
            self.show()
            self.problem = (key, {**fields, "kept": self.current()})
            return
        self.refresh()

    def __panel__(self) -> pn.Column:
        return pn.Column(self.input, self.message, margin=0)


def message_html(problem: Problem | None, code: str, digits: int = 6) -> str:
    """The message of a rejected input in the current language (the value that stays is
    written as the field writes it)."""
    if problem is None:
        return ""
    key, fields = problem
    fields = {**fields, "kept": fmt.sig(fields["kept"], digits, code)}
    return (f'<span class="nnlab-field-message">{html.escape(i18n.text(key, code, **fields))}'
            "</span>")


class NumberField(CheckedField):
    """The field for ``owner.<name>``, a numeric param, which is its only state and its rule."""

    def __init__(self, owner: param.Parameterized, name: str, label: Callable[[], str] | str,
                 display: Display, css_class: str | None = None, **kwargs: object) -> None:
        self.owner, self.name_ = owner, name
        super().__init__(owner.param[name], label, display,
                         css_classes=[css_class] if css_class else [], **kwargs)
        self.refresh()
        owner.param.watch(self.refresh, name)

    def current(self) -> float:
        return getattr(self.owner, self.name_)

    def store(self, value: float) -> None:
        setattr(self.owner, self.name_, value)
