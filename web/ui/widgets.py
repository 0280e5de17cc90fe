"""Widgets made from params, the lab's way: a translated label, and no developer docs shown.

Panel's ``from_param`` shows a param's ``doc`` as the widget's tooltip. Those docs are written
for developers, in English; a student in a German lecture must not meet them. So every widget
the lab makes from a param goes through :func:`from_param`, which needs a label (a translation
reference) and shows a tooltip only when a translated ``description`` is given.
"""

from __future__ import annotations

from collections.abc import Callable

import panel as pn
import param


def from_param(widget_type: type[pn.widgets.Widget], parameter: param.Parameter,
               label: Callable[[], str] | str, **kwargs: object) -> pn.widgets.Widget:
    """``widget_type.from_param(parameter)`` labelled ``label``, with no untranslated tooltip."""
    if "description" in widget_type.param:  # a Checkbox has no tooltip at all
        kwargs.setdefault("description", None)
    return widget_type.from_param(parameter, label=label, **kwargs)
