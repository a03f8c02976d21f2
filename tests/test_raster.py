"""PNG without the system Graphviz: the built-in SVG rasterised by resvg (issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap import load
from boardmap.render import engines, raster, render_view
from tests import png
from tests.conftest import MINIMAL, Result

HERE = Path(__file__).parent
FULL = HERE / "maps" / "render" / "full.yaml"

pytestmark = pytest.mark.skipif(not raster.available(), reason="resvg-py is not installed")


@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "system_dot", lambda: None)


def test_png_has_the_svg_size_at_96_dpi(no_dot: None) -> None:
    gmap = load(FULL)
    svg = render_view(gmap, "board-hwbb", "svg")
    data = render_view(gmap, "board-hwbb", "png")
    width, height = png.size(data)
    assert (width, height) == raster.pixel_size(svg)
    assert width > 100 and height > 100
    # Graphviz's points at 96 dots per inch: `width="Wpt"` gives W * 4/3 pixels.
    points = float(svg.split(b'width="', 1)[1].split(b"pt", 1)[0])
    assert width == round(points * 96 / 72)


def test_text_is_drawn_with_the_shipped_font(no_dot: None) -> None:
    # A label with no box round it: every dark pixel is a letter.
    words = engines.render('digraph { a [shape=plaintext, label="Health and Wellbeing"] }', "png")
    blank = engines.render('digraph { a [shape=plaintext, label=" "] }', "png")
    assert png.dark(blank) == 0
    assert png.dark(words) > 150  # 20 letters of 14-point text
    assert raster.font_path().is_file()
    assert raster.font_path().name == "LiberationSans-Regular.ttf"


def test_png_is_byte_stable(no_dot: None) -> None:
    gmap = load(FULL)
    first = render_view(gmap, "overview", "png")
    assert render_view(load(FULL), "overview", "png") == first
    assert first.startswith(b"\x89PNG\r\n\x1a\n")


def test_render_png_from_the_command_line_without_dot(
    no_dot: None, cli: Callable[..., Result], write_map: Callable[..., Path], tmp_path: Path
) -> None:
    result = cli(
        "render",
        str(write_map(MINIMAL)),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "png",
        "--view",
        "overview",
    )
    assert result.status == 0, result.err
    data = (tmp_path / "out" / "overview.png").read_bytes()
    assert png.size(data)[0] > 200 and png.dark(data) > 500


def test_pdf_still_needs_dot(
    no_dot: None, cli: Callable[..., Result], write_map: Callable[..., Path], tmp_path: Path
) -> None:
    result = cli("render", str(write_map(MINIMAL)), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert result.status != 0
    assert "PDF needs Graphviz's dot, which is not installed" in result.err
    assert not (tmp_path / "out").exists()


def test_an_enormous_raster_is_refused() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="90000pt" height="90000pt"></svg>'
    with pytest.raises(raster.RasterFailed, match=r"would be 120000 x 120000 pixels as PNG"):
        raster.svg_to_png(svg)


def test_bad_svg_is_a_boardmap_error() -> None:
    with pytest.raises(raster.RasterFailed, match="resvg could not draw the diagram as PNG"):
        raster.svg_to_png(b"<not svg")
