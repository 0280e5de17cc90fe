"""Fields that show and edit single weights of a live model (the model owns every weight).

A field reads its number from the model whenever the model changes (``LiveModel.revision``) and
writes a typed number straight into the model; it keeps no copy. ``WeightEditor`` is one such
field plus a choice of which weight, for nets too large for a table (a click on an edge of the
network drawing chooses it too).
"""

from __future__ import annotations

from collections.abc import Callable

import panel as pn
import param

from pycore import notation
from web.ui import i18n, theme
from web.ui.display import Display
from web.ui.fields import CheckedField
from web.ui.live_model import LiveModel
from web.ui.widgets import from_param

i18n.register({
    "weights.choose": ("Weight", "Gewicht"),
    "weights.value": ("Value", "Wert"),
    "weights.tip": ("w[l]ij connects neuron i of layer l−1 to neuron j of layer l; b[l]j is the "
                    "bias of neuron j. Or click a line.",
                    "w[l]ij verbindet Neuron i von Schicht l−1 mit Neuron j von Schicht l; "
                    "b[l]j ist der Bias von Neuron j. Oder klicke eine Linie an."),
})

# The one rule for a weight typed by hand: a finite number of sensible size.
WEIGHT_RULE = param.Number(default=0.0, bounds=(-1e6, 1e6))


class WeightField(CheckedField):
    """Shows and edits the weight ``ref`` of ``live.model``."""

    ref = param.ClassSelector(class_=notation.ParameterRef, doc="Which weight or bias.")

    def __init__(self, live: LiveModel, display: Display, ref: notation.ParameterRef,
                 label: Callable[[], str] | str | None = None, digits: int = 8,
                 on_store: Callable[[], None] | None = None, **kwargs: object) -> None:
        super().__init__(WEIGHT_RULE, ref.label if label is None else label, display,
                         digits=digits, ref=ref, **kwargs)
        self.live, self._on_store = live, on_store
        self.refresh()
        live.param.watch(self.refresh, ["revision", "model"])
        self.param.watch(self.refresh, "ref")

    def current(self) -> float:
        return self.live.parameter(self.ref)

    def refresh(self, *_events: object) -> None:
        """Show the weight's value after one change (or a batch) of the live model, unless the
        model no longer has this weight (it was replaced by a net of another shape): then the
        owner gives the field another weight or drops it; until then the field keeps what it
        showed."""
        try:
            self.current()
        except ValueError:
            return
        super().refresh()

    def store(self, value: float) -> None:
        self.live.set_parameter(self.ref, value)
        if self._on_store is not None:
            self._on_store()


class WeightEditor(pn.viewable.Viewer):
    """Pick a weight by its lecture label, then type its value."""

    label = param.Selector(default=None, objects=[], doc="Lecture label of the chosen weight.")

    def __init__(self, live: LiveModel, display: Display, prefix: str) -> None:
        super().__init__()
        self.live = live
        refs = self._refs()
        self.param.label.objects = list(refs)
        first = next(iter(refs))
        self.field = WeightField(live, display, refs[first], display.text("weights.value"),
                                 css_classes=[f"nnlab-{prefix}-weight-value"], width=150)
        self.label = first
        self.choose = from_param(
            pn.widgets.Select, self.param.label, display.text("weights.choose"),
            description=display.text("weights.tip"), width=140,
            css_classes=[f"nnlab-{prefix}-weight"], stylesheets=theme.INPUT_STYLESHEETS)
        live.param.watch(self._new_model, "model")

    def _refs(self) -> dict[str, notation.ParameterRef]:
        return {ref.label: ref for ref in notation.parameters(self.live.model)}

    @param.depends("label", watch=True)
    def _chosen(self) -> None:
        self.field.ref = self._refs()[self.label]

    def _new_model(self, _event: object) -> None:
        refs = self._refs()
        self.param.label.objects = list(refs)
        label = self.label if self.label in refs else next(iter(refs))
        self.label = label
        self.field.ref = refs[label]  # same label, but a weight of the new model

    def __panel__(self) -> pn.Row:
        return pn.Row(self.choose, self.field, align="start")
