"""Slide export: real PNG/SVG bytes from a view's Matplotlib drawing, labels in both languages."""

from web.ui import export
from web.ui.display import Display


def _figure():
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 2))
    figure.add_subplot().plot([0, 1, 2], [1, 0, 1])
    return figure


def test_png_has_signature_and_dimensions():
    data = export.render(_figure, "png")
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width > 100 and height > 100


def test_svg_is_an_svg_document():
    text = export.render(_figure, "svg").decode()
    assert "<svg" in text and text.rstrip().endswith("</svg>")


def test_buttons_download_what_render_draws_and_follow_the_language(run_coroutine):
    display = Display(code="en")
    png_button, svg_button = export.export_buttons(_figure, "plot", display)
    assert png_button.filename == "plot.png" and svg_button.filename == "plot.svg"
    assert png_button.label == "PNG for slides"
    display.code = "de"
    assert png_button.label == "PNG für Folien"
    downloaded = run_coroutine(png_button.callback())
    assert downloaded.getvalue().startswith(b"\x89PNG")
