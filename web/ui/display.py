"""How the lab is shown to its audience: the language, and projector mode. Shared by all views.

Words and sizes are bound once, where a widget or picture is made. ``display.text(key)`` is a
*reference* (a function bound to ``display.code`` and to any param given as a field), which
Panel accepts for any widget or pane parameter (``name=``, ``label=``, ``options=``,
``object=``): flipping ``display.code`` relabels the whole app without a rebuild and without
per-view relabel methods. Bokeh models are not Panel components, so :meth:`Display.follow`
writes a reference into a Bokeh attribute and keeps it up to date; :meth:`Display.px` is such a
reference for plot font sizes, which projector mode enlarges.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import panel as pn
import param

from web.ui import fmt, i18n
from web.ui.bokeh_sync import bokeh_edit

PROJECTOR_SCALE = 1.4  # 16 px plot text becomes 22 px: readable from the back of a hall


class Display(param.Parameterized):
    """Language (German first: the course is taught in German) and projector mode."""

    code = param.Selector(default="de", objects=list(i18n.LANGUAGES))
    projector = param.Boolean(default=False, doc="Larger type everywhere, explanations hidden.")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        # Reactive expressions made by follow() must live as long as their targets.
        self._followers: list[Any] = []

    # --- words ---------------------------------------------------------------------------
    def t(self, key: str, **fields: object) -> str:
        """The string now (for text assembled at one moment, e.g. an export's title)."""
        return i18n.text(key, self.code, **fields)

    def number(self, value: object, digits: int = 4) -> str:
        """A number as this language writes it (0,5 in German, 0.5 in English)."""
        return fmt.sig(value, digits, self.code)

    def text(self, key: str, **fields: object) -> Callable[[], str]:
        """A reference to the string for ``key`` that follows the language and every field
        given as a param (``epoch=trainer.param.epoch``) or as another reference."""
        return pn.bind(i18n.text, key, code=self.param.code, **fields)

    def options(self, keys_to_values: Mapping[str, object]) -> Callable[[], dict[str, object]]:
        """A reference to Select/RadioButton options whose labels are translation keys."""

        def render(code: str) -> dict[str, object]:
            return {i18n.text(key, code): value for key, value in keys_to_values.items()}

        return pn.bind(render, code=self.param.code)

    # --- sizes ---------------------------------------------------------------------------
    def px(self, base: float) -> Callable[[], str]:
        """A reference to a CSS font size: ``base`` px, enlarged in projector mode."""
        return pn.bind(_px, base, projector=self.param.projector)

    # --- Bokeh models --------------------------------------------------------------------
    def follow(self, target: Any, attribute: str, reference: Callable[[], Any]) -> None:
        """Keep ``target.attribute`` (a Bokeh model's, e.g. a figure title's ``text``) equal to
        ``reference()`` now and whenever its inputs change."""
        reactive = param.rx(reference)
        write = bokeh_edit(lambda value: setattr(target, attribute, value))
        write(reactive.rx.value)
        reactive.rx.watch(write)
        self._followers.append(reactive)


def scaled(base: float, projector: bool) -> int:
    """A font size in whole pixels: ``base``, enlarged in projector mode (for pictures that
    must know the size to make room for their text)."""
    return round(base * (PROJECTOR_SCALE if projector else 1.0))


def _px(base: float, projector: bool) -> str:
    return f"{scaled(base, projector)}px"
