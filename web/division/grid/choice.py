"""Which grid to search: a preset (the original's or the lecture's) or your own values.

The four axes are params (lists); a preset sets all four, editing one makes the choice
"custom" (so the preset box never names a grid that is not the one shown). Each typed list is
checked item by item by one rule per axis (a bounded param, the same check as every number
field of the lab, :func:`web.ui.fields.check`); a list with a bad item is rejected as a whole
and nothing changes.
"""

from __future__ import annotations

import param

import pycore
from web.division.grid.search import LECTURE, ORIGINAL, Grid
from web.ui import fields

PRESETS = {"original": ORIGINAL, "lecture": LECTURE}
CUSTOM = "custom"
MAX_VALUES = 8
DEFAULT_WORDS = ("default", "standard")  # "default" in English, "Standard" in German

RULES = {
    "batch_sizes": param.Integer(default=1, bounds=(1, 4096)),
    "learning_rates": param.Number(default=1e-3, bounds=(1e-6, 10.0)),
    "epochs": param.Integer(default=1, bounds=(1, 1000)),
}

Problem = tuple[str, dict[str, object]]


def _items(text: str, axis: str) -> list[str]:
    """Items separated by ";", blanks or commas; in learning rates a single comma inside an
    item is a decimal comma ("0,5"), in the whole-number axes every comma separates."""
    items = []
    for item in text.replace(";", " ").replace(", ", " ").split():
        if "," in item and (axis != "learning_rates" or item.count(",") > 1):
            items += [part for part in item.split(",") if part]
        else:
            items.append(item)
    return items


def parse_values(text: str, axis: str) -> tuple[list | None, Problem | None]:
    """``(values, None)`` for a list the axis accepts, else ``(None, problem)``: an i18n key
    and its fields. Learning rates may say "default" (the optimizer's own)."""
    items = _items(text or "", axis)
    if not items:
        return None, ("grid.empty", {})
    if len(items) > MAX_VALUES:
        return None, ("grid.too_many", {"limit": MAX_VALUES})
    rule = RULES[axis]
    values = []
    for item in items:
        if axis == "learning_rates" and item.lower() in DEFAULT_WORDS:
            values.append(None)
            continue
        value, problem = fields.check(rule, item)
        if problem is not None:
            low, high = rule.bounds
            key = {"batch_sizes": "grid.bad_integer", "epochs": "grid.bad_integer",
                   "learning_rates": "grid.bad_rate"}[axis]
            return None, (key, {"item": item[:40], "low": low, "high": high})
        values.append(value)
    return list(dict.fromkeys(values)), None  # a repeated value would only repeat runs


class GridChoice(param.Parameterized):
    """The grid as four lists and the preset it came from."""

    preset = param.Selector(default="original", objects=[*PRESETS, CUSTOM])
    optimizers = param.ListSelector(default=list(ORIGINAL.optimizers),
                                    objects=list(pycore.optimizers.names()))
    batch_sizes = param.List(default=list(ORIGINAL.batch_sizes))
    learning_rates = param.List(default=list(ORIGINAL.learning_rates))
    epochs = param.List(default=list(ORIGINAL.epochs))

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self._applying = False

    @param.depends("preset", watch=True)
    def _apply_preset(self) -> None:
        grid = PRESETS.get(self.preset)
        if grid is None:
            return
        self._applying = True
        try:
            self.param.update(optimizers=list(grid.optimizers),
                              batch_sizes=list(grid.batch_sizes),
                              learning_rates=list(grid.learning_rates),
                              epochs=list(grid.epochs))
        finally:
            self._applying = False

    @param.depends("optimizers", "batch_sizes", "learning_rates", "epochs", watch=True)
    def _edited(self) -> None:
        if not self._applying and self.grid() != PRESETS.get(self.preset):
            self.preset = CUSTOM

    def grid(self) -> Grid:
        return Grid(tuple(self.optimizers), tuple(self.batch_sizes),
                    tuple(self.learning_rates), tuple(self.epochs))

    def problem(self) -> str | None:
        """Why this grid cannot run (no optimizer chosen), as an i18n key."""
        return "grid.no_optimizer" if not self.optimizers else None
