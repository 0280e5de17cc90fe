"""Every card's slide export draws (PNG and SVG), with its legend beside the data."""

from __future__ import annotations

import pytest

from web.experiments.fit.model import FitLab
from web.experiments.fit.view import FitCard
from web.experiments.gen.model import GenLab
from web.experiments.gen.view import GenCard
from web.experiments.params.view import ParamsCard
from web.experiments.rates.model import RatesLab
from web.experiments.rates.view import RatesCard
from web.experiments.surface.view import OptCard
from web.ui.display import Display
from web.ui.export import render


def cards() -> dict[str, list]:
    display = Display(code="de")
    fit = FitCard(display, FitLab(epochs=2, width=10, ghosts=[1, 2]))
    fit.lab.run_now()
    gen = GenCard(display, GenLab(epochs=3))
    gen.lab.run_now()
    rates = RatesCard(display, RatesLab(epochs=2))
    rates.lab.run_now()
    opt = OptCard(display)
    opt.lab.step_once()
    params = ParamsCard(display)
    return {"fit": [fit.export_curve, fit.export_times],
            "gen": [gen.export_curves, gen.export_fit], "rates": [rates.export_chart],
            "opt": [opt.export_surface], "params": [params.export_bars]}


EXPORTS = cards()


@pytest.mark.parametrize(("card", "index"), [(c, i) for c, makes in EXPORTS.items()
                                             for i in range(len(makes))])
def test_export_draws_png_and_svg(card: str, index: int) -> None:
    make = EXPORTS[card][index]
    assert render(make, "png").startswith(b"\x89PNG")
    assert b"<svg" in render(make, "svg")[:2000]
    figure = make()
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is not None:  # anchored right of the axes: it covers no data
            assert legend.get_bbox_to_anchor().x0 >= ax.get_window_extent().x1 - 1
