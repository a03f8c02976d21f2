"""The key taken out of a drawing and the drawing cropped to what is left, for the copy a
page holds (boardmap.render.svgpass gathers what these need in its one pass).

Graphviz lays the key out inside the drawing, where it took a third to a half of many
diagrams and, on a phone, made every label smaller; the page shows it in words instead.
"""

from __future__ import annotations

import re

# The key's crop (as boardmap.guide drew it before this pass): numbers, the graph's move.
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
# (A number as float() reads it: '4..5' is none, and the move or scale is not read.)
_TRANSLATE = re.compile(r"translate\(\s*(-?(?:\d+\.?\d*|\.\d+))[ ,]+(-?(?:\d+\.?\d*|\.\d+))\s*\)")
_SCALE = re.compile(r"scale\(\s*(\d+\.?\d*|\.\d+)(?:[ ,]+(\d+\.?\d*|\.\d+))?\s*\)")
# A little room around a cropped drawing, in points.
PAD = 6.0
# Text width is not in the SVG: a generous estimate of Helvetica's average character width.
CHAR_WIDTH = 0.6


class Child:
    """A child of the graph: where its pieces (and its tail's) begin in the copy, what the
    key needs to know of it, and what it adds to the drawing's extent."""

    __slots__ = ("background", "begin", "ids", "local", "shapes", "text", "title", "xlink", "xs", "ys")

    def __init__(self, local: str, begin: int) -> None:
        self.local = local
        self.begin = begin
        self.title: str | None = None  # a <g>'s first <title>
        self.text = ""  # a <text>'s text
        self.background = False  # the graph's first polygon, left out of the extent
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.shapes: list[str] = []  # the points of its polygons and lines, the d of its paths
        self.ids: list[str] = []
        self.xlink = 0

    def add_ellipse(self, cx: float, cy: float, rx: float, ry: float) -> None:
        """An ellipse's extent."""
        self.xs += (cx - rx, cx + rx)
        self.ys += (cy - ry, cy + ry)

    def add_text(self, x: float, y: float, size: float, anchor: str, text: str) -> None:
        """A line of text's extent: its width estimated from its length."""
        width = len(text) * size * CHAR_WIDTH
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        self.xs += (left, left + width)
        self.ys += (y - size, y + size * 0.3)


def take_key(children: list[Child], root_title: str | None) -> tuple[list[tuple[str, str]], list[Child]]:
    """What the key lists, and the graph's children to take out with it: the key's
    boxes and lines, and the lines of the title that the page's caption says."""
    key: list[tuple[str, str]] = []
    drop: list[Child] = []
    for child in children:
        title = child.title or ""
        if child.local == "g" and (title == "cluster_legend" or title.startswith("legend-")):
            drop.append(child)
            if title.startswith("legend-line-") and "->" not in title:
                key.append(("line", title.removeprefix("legend-line-")))
            elif title.startswith("legend-kind-"):
                key.append(("box", title.removeprefix("legend-kind-")))
    if key:
        caption = " ".join((root_title or "").split())
        for child in children:
            if child.local == "text" and child.text and " ".join(child.text.split()) in caption:
                drop.append(child)
    return key, drop


# What Graphviz writes in points and paths: digits, '.', '-', ',', ' ' and the path's M and C.
_PLAIN_SHAPE = str.maketrans("", "", "0123456789.-, MC")


def _numbers(shape: str) -> list[float]:
    """The numbers of a shape as _NUMBER finds them. Graphviz's own shapes are split at
    their commas, spaces and path letters instead, five times quicker than the search (a
    build's 36,000 shapes): made only of those and of digits, '.' and '-', each piece
    float() reads is a number _NUMBER reads the same, but for one with a leading '.'."""
    if not shape.translate(_PLAIN_SHAPE):
        spaced = " " + shape.replace(",", " ").replace("M", " ").replace("C", " ")
        if " ." not in spaced and " -." not in spaced:
            try:
                return list(map(float, spaced.split()))
            except ValueError:  # '1.2.3', '5-3': the search reads these its own way
                pass
    return list(map(float, _NUMBER.findall(shape)))


# A piece between spaces and path letters with two commas, or one at its start or end.
_TWO_COMMAS = re.compile(r",[^ MC,]*,")
_SPACED = str.maketrans(",MC", "   ")
_END_COMMAS = (", ", " ,", ",M", "M,", ",C", "C,")


def extent(shapes: list[str]) -> tuple[list[float], list[float]]:
    """The least and greatest x, and y, of the shapes (in each, its numbers at even places
    are x, at odd places y, as _numbers reads them). Graphviz writes every shape as pieces
    'x,y' between spaces and path letters: those are read all at once (a build's 46,000
    shapes in a twentieth of the time); any other shape one at a time."""
    joined = " ".join(shapes)
    if (
        not joined.translate(_PLAIN_SHAPE)
        and not _TWO_COMMAS.search(joined)
        and not joined.startswith(",")
        and not joined.endswith(",")
        and not any(comma in joined for comma in _END_COMMAS)
    ):
        spaced = " " + joined.translate(_SPACED)
        if " ." not in spaced and " -." not in spaced:
            written = spaced.split()  # the numbers as written
            # A piece with no comma is one number, with one comma (not at an end) two: as
            # many numbers as two for each comma means every piece is 'x,y', so that each
            # shape's x and y are at even and odd places of the whole.
            if written and len(written) == 2 * joined.count(","):
                try:
                    # Each different x and y read once: a box's path names each corner's
                    # numbers several times (the 1,000-board build's drawings hold 472,000
                    # numbers, 268,000 different in each drawing's xs and ys).
                    xs = list(map(float, set(written[0::2])))
                    ys = list(map(float, set(written[1::2])))
                except ValueError:
                    pass
                else:
                    return [min(xs), max(xs)], [min(ys), max(ys)]
    xs, ys = [], []
    for shape in shapes:
        numbers = _numbers(shape)
        if numbers:
            xs += (min(numbers[0::2]), max(numbers[0::2]))
            if len(numbers) > 1:
                ys += (min(numbers[1::2]), max(numbers[1::2]))
    return xs, ys


def crop(attrs: dict[str, str], children: list[Child], transform: str) -> None:
    """The drawing's canvas made the smallest box around what is left, with a pad."""
    xs = [x for c in children for x in c.xs]
    ys = [y for c in children for y in c.ys]
    shape_xs, shape_ys = extent([shape for c in children for shape in c.shapes])
    xs += shape_xs
    ys += shape_ys
    if not xs or not ys:
        return
    move = _TRANSLATE.search(transform)
    scale = _SCALE.search(transform)
    dx, dy = (float(move.group(1)), float(move.group(2))) if move else (0.0, 0.0)
    sx = float(scale.group(1)) if scale else 1.0
    sy = float(scale.group(2) or scale.group(1)) if scale else 1.0
    left, right = min(xs) * sx + dx - PAD, max(xs) * sx + dx + PAD
    top, bottom = min(ys) * sy + dy - PAD, max(ys) * sy + dy + PAD
    width, height = right - left, bottom - top
    attrs["viewBox"] = f"{left:.2f} {top:.2f} {width:.2f} {height:.2f}"
    attrs["width"] = f"{width:.0f}pt"
    attrs["height"] = f"{height:.0f}pt"
