"""The site leaves out BokehJS's WebGL bundle (sitebuild/assets.py), so no figure may use it."""

from __future__ import annotations

from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "web"


def test_no_figure_asks_for_the_webgl_backend() -> None:
    # Bokeh draws on canvas unless a figure is given output_backend="webgl" explicitly.
    users = [path for path in WEB.rglob("*.py") if "webgl" in path.read_text().lower()]
    assert users == []
