"""How each kind of box and line is drawn, and the sizes of a diagram's text.

A link's type is told by its line style, arrowhead and label together; colour (from the
Okabe–Ito palette, safe for colour-blind readers) only repeats what they say.
"""

from __future__ import annotations

from dataclasses import dataclass

from boardmap.model import LINK_TYPES
from boardmap.say.diagrams import DIAGRAM_LABELS, FOLDED_BOX

FONT = "Helvetica"  # Graphviz's in-process renderer measures text with Helvetica's metrics
NODE_WIDTH = 20  # characters per line of a box's label
STEP_WIDTH = 34
EDGE_WIDTH = 18
LEGEND_WIDTH = 44
LINES_PER_ROW = 2  # legend entries per row
KINDS_PER_ROW = 8
APART_PER_ROW = 4
# Above this many lines, Graphviz is told to spend less effort placing boxes: a 200-board
# overview drops from about two minutes to a few seconds, and looks much the same.
LARGE_VIEW = 100
# Above this many, lines are drawn straight and their words move into tooltips: a picture
# with more labels than this cannot be read, and laying them out takes minutes.
HUGE_VIEW = 400
MAX_LINES = 8  # a longer name is cut, with an ellipsis; the tooltip keeps more of it
# A tooltip's most: about as much as a label of MAX_LINES lines shows, and then some.
MAX_TOOLTIP = 600

# Okabe–Ito colours.
BLACK, ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)


@dataclass(frozen=True)
class LineStyle:
    style: str
    arrowhead: str
    penwidth: str
    color: str


# Within any one view, no two line types share both a style and an arrowhead.
LINE_STYLES: dict[str, LineStyle] = {
    "reports-to": LineStyle("solid", "normal", "2", BLACK),
    "sub-group-of": LineStyle("solid", "empty", "1.2", BLACK),
    "escalates-to": LineStyle("solid", "normalnormal", "2", PURPLE),
    "challenges": LineStyle("dashed", "diamond", "2", VERMILLION),
    "consults": LineStyle("dashed", "obox", "1.2", BLUE),
    "informs": LineStyle("dotted", "vee", "1.5", BLUE),
    "attends": LineStyle("dotted", "odot", "1.5", GREEN),
    # Committees in common: a heavy line with no arrow, as neither body answers to the other.
    "meets-with": LineStyle("bold", "none", "2.5", SKY),
    "chairs": LineStyle("solid", "dot", "1.2", GREEN),
    "member": LineStyle("dotted", "none", "1", BLACK),
    "leads": LineStyle("solid", "normal", "2.5", ORANGE),
    "supports": LineStyle("dashed", "empty", "1.2", BLUE),
    "starts": LineStyle("solid", "vee", "1.2", BLACK),
    "next": LineStyle("solid", "normal", "2", BLACK),
    "involves": LineStyle("dotted", "odot", "1.2", GREEN),
    "settles": LineStyle("solid", "box", "2.5", VERMILLION),
    "links": LineStyle("bold", "crow", "2", "#555555"),
}
# The order of line types in a legend.
LINE_ORDER: tuple[str, ...] = (*LINK_TYPES, *DIAGRAM_LABELS)


@dataclass(frozen=True)
class BoxStyle:
    shape: str
    style: str
    fill: str
    penwidth: str = "1"


# Light tints of the Okabe–Ito colours, so that black text stays easy to read on them.
BOX_STYLES: dict[str, BoxStyle] = {
    "statutory-board": BoxStyle("box", "rounded,filled,bold", "#FBF6C4", "2.5"),
    "partnership": BoxStyle("box", "rounded,filled", "#DDF0FB"),
    "committee": BoxStyle("box", "filled", "#FBEBCC"),
    "sub-group": BoxStyle("tab", "filled", "#EAF5FB"),
    "officer-group": BoxStyle("component", "filled", "#D1EEE4"),
    "role": BoxStyle("ellipse", "filled", "#F5E0EC"),
    "organisation": BoxStyle("box3d", "filled", "#EEEEEE"),
    "external": BoxStyle("box", "dashed,filled", "#FFFFFF", "1.5"),
    "theme": BoxStyle("note", "filled", "#FBF6C4"),
    "step": BoxStyle("box", "filled,diagonals", "#FFFFFF"),
    "folded": BoxStyle("folder", "filled", "#F2F2F2", "1.5"),
}
KIND_ORDER: tuple[str, ...] = tuple(BOX_STYLES)
# The diff's diagram (`boardmap diff --diagram`) marks each box and line as added, removed,
# changed or the same in the two maps: by its line (bold, dashed, thin) and its words ("new",
# "removed"), which its colour only repeats.
MARKS: tuple[str, ...] = ("added", "removed", "changed", "same")
MARK_COLOURS = {"added": GREEN, "removed": VERMILLION, "changed": ORANGE, "same": "#8C8C8C"}
MARKED_BOX = {
    "added": {"penwidth": "3.5", "fontname": "Helvetica-Bold"},
    "removed": {"penwidth": "2", "fillcolor": "#FFFFFF"},
    "changed": {"penwidth": "2.5"},
    "same": {"penwidth": "1"},
}
MARKED_LINE = {
    "added": {"style": "bold", "penwidth": "3", "fontname": "Helvetica-Bold", "fontcolor": "#00684A"},
    "removed": {"style": "dashed", "penwidth": "2", "fontcolor": "#A33F00"},
    "changed": {"penwidth": "2", "fontcolor": "#7A5200"},
    "same": {"penwidth": "1", "fontcolor": "#555555"},
}
STEP_KIND_NAMES = {"theme": "shared priority", "step": "step of the route", "folded": FOLDED_BOX}
