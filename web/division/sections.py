"""The division tab's deeper sections, each built the first time it is opened.

Learning from scratch, the loss landscape, the grid search, your own activation and the model
comparison are heavy (figures, tables, computations), and most visits never open them: each is
a collapsed card whose content is imported and built when the card is first expanded, so the
tab's first paint stays light (``benchmarks/site_load.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import panel as pn

from web.division.compare import texts as _compare_texts  # noqa: F401  (card titles)
from web.division.grid import texts as _grid_texts  # noqa: F401
from web.division.landscape import texts as _landscape_texts  # noqa: F401
from web.division.own import texts as _own_texts  # noqa: F401
from web.division.scratch import texts as _scratch_texts  # noqa: F401

if TYPE_CHECKING:
    from web.division.details import DivisionDetails

CARD_CSS = """
:host(.nnlab-section) { margin-top: 14px; }
.card-header { font-size: 22px; font-weight: 700; padding: 6px 10px; }
"""


def lazy_card(title: Callable[[], str], build: Callable[[], pn.viewable.Viewable],
              css_class: str) -> pn.Card:
    """A collapsed card that builds its content when it is first expanded."""
    card = pn.Card(title=title, collapsed=True, sizing_mode="stretch_width",
                   css_classes=["nnlab-section", css_class], stylesheets=[CARD_CSS])

    def opened(event) -> None:
        if not event.new and not card.objects:
            card.append(build())

    card.param.watch(opened, "collapsed")
    return card


def _scratch(details: DivisionDetails) -> pn.viewable.Viewable:
    from web.division.scratch.view import ScratchView

    details.learner.warm_up()
    return ScratchView(details.learner, details.display)


def _landscape(details: DivisionDetails) -> pn.viewable.Viewable:
    from web.division.landscape.model import Landscape
    from web.division.landscape.reasons import Reasons
    from web.division.landscape.view import LandscapeView

    data, live = details.data, details.vm.live
    landscape = Landscape(live, data.x_train, data.y_train, details.trainer, details.path,
                          details.learner)
    reasons = Reasons(live, landscape.x, landscape.y, details.trainer, loss=landscape.loss)
    return LandscapeView(landscape, reasons, details.display)


def _grid(details: DivisionDetails) -> pn.viewable.Viewable:
    from web.division.grid.view import GridView

    return GridView(details, details.display)


def _own(details: DivisionDetails) -> pn.viewable.Viewable:
    from web.division.own.view import OwnActivationView

    return OwnActivationView(details.vm, details.display)


def _compare(details: DivisionDetails) -> pn.viewable.Viewable:
    from web.division.compare.view import CompareView

    return CompareView(details.vm, details.display)


SECTIONS = (("scratch.title", _scratch, "nnlab-scratch-section"),
            ("landscape.title", _landscape, "nnlab-landscape-section"),
            ("grid.title", _grid, "nnlab-grid-section"),
            ("own.title", _own, "nnlab-own-section"),
            ("compare.title", _compare, "nnlab-compare-section"))


def sections(details: DivisionDetails) -> list[pn.Card]:
    """The collapsed cards, in the order of the story."""
    return [lazy_card(details.display.text(key), lambda build=build: build(details), css)
            for key, build, css in SECTIONS]
