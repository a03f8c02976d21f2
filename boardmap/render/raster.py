"""SVG -> PNG in-process, with resvg (the resvg-py wheel): PNG without the system Graphviz.

The diagram is the SVG the built-in Graphviz drew, so a PNG has the same layout as the SVG
beside it. Text is drawn with the Liberation Sans font shipped in boardmap/render/fonts
(SIL Open Font License; metric-compatible with the Helvetica that Graphviz measures labels
with, so labels fit their boxes) and the system's fonts are not consulted: the same map
gives the same PNG bytes on every machine with the same resvg-py.
"""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path

from boardmap.errors import BoardmapError, ToolMissing

INSTALL_RESVG = "pip install resvg-py"
FONT_FILE = "LiberationSans-Regular.ttf"
FONT_FAMILY = "Liberation Sans"
# Graphviz writes sizes in points; at 96 dots per inch a PNG has the pixels of `dot -Tpng`.
DPI = 96.0
# A raster larger than this (in pixels, width times height) is refused before drawing:
# 100 million pixels is 400 MB of memory, far beyond a readable diagram.
MAX_PIXELS = 100_000_000

_SIZE = re.compile(rb'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"[^>]*?\bheight="([\d.]+)(pt|px)?"')


class RasterFailed(BoardmapError):
    """resvg could not draw the SVG."""


def available() -> bool:
    try:
        import resvg_py  # noqa: F401
    except ImportError:
        return False
    return True


def font_path() -> Path:
    """The shipped font file."""
    return Path(str(importlib.resources.files("boardmap.render") / "fonts" / FONT_FILE))


def pixel_size(svg: bytes) -> tuple[int, int] | None:
    """The PNG's width and height in pixels for an SVG whose size Graphviz gave in points."""
    match = _SIZE.search(svg)
    if match is None:
        return None
    scale = [DPI / 72 if unit in (b"pt", None) else 1.0 for unit in (match[2], match[4])]
    return round(float(match[1]) * scale[0]), round(float(match[3]) * scale[1])


def svg_to_png(svg: bytes, *, what: str = "the diagram") -> bytes:
    """The SVG drawn as PNG on a white background, with the shipped font only."""
    try:
        import resvg_py
    except ImportError:
        raise ToolMissing(f"PNG without Graphviz's dot needs resvg: {INSTALL_RESVG}") from None
    size = pixel_size(svg)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise RasterFailed(
            f"{what} would be {size[0]} x {size[1]} pixels as PNG, more than "
            f"{MAX_PIXELS:,} pixels; draw it as SVG or PDF instead"
        )
    font = str(font_path())
    try:
        data = resvg_py.svg_to_bytes(
            svg_string=svg.decode("utf-8"),
            background="#ffffff",
            skip_system_fonts=True,
            font_files=[font],
            font_family=FONT_FAMILY,
            sans_serif_family=FONT_FAMILY,
            serif_family=FONT_FAMILY,
            monospace_family=FONT_FAMILY,
            dpi=DPI,
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise RasterFailed(f"resvg could not draw {what} as PNG ({exc})") from exc
    return bytes(data)
