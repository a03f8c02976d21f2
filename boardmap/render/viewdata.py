"""What a view is: the boxes (`Node`), lines (`Edge`) and words (`View`) of one diagram, as
plain data that dot.py turns into Graphviz text; and the limits the views are drawn within."""

from __future__ import annotations

from dataclasses import dataclass

from boardmap.model import REPORTING_TYPES

# With more lines than this, only reporting lines set the layout's ranks: dot slows badly
# when every line of a tangled graph constrains it (minutes for a few hundred lines).
MAX_RANKED_EDGES = 80
# Lines that go upwards, to the body that oversees: they set the layout's ranks first.
UPWARD_TYPES = REPORTING_TYPES | {"escalates-to"}
# A folded overview with more boxes than this in its bottom row spreads them over rows.
STAGGER_ABOVE = 8
# A folded diagram with more separate parts than this draws them in rows of this many.
PARTS_PER_ROW = 6
# A clause list in a description stops after this many, then says how many more.
MAX_CLAUSES = 8
# A folded view draws a line for each type of link between two boxes only where that makes
# at most this many lines per box; else one line for all of them (a few boxes with dozens
# of lines between them cannot be read).
LINES_PER_BOX = 3


@dataclass(frozen=True)
class Node:
    """A box in a diagram: a board, a step of a route, or a theme."""

    id: str
    text: str
    kind: str  # a board kind, or "step" / "theme"
    board: str | None = None  # the board it stands for; links to the guide's #board-<id>
    heading: str | None = None  # a first line above the text ("Step 2")
    note: str | None = None  # a last line below the text ("+ 3 sub-groups", "No board leads this")
    tooltip: str | None = None
    area: str | None = None  # drawn inside a box for its area, on maps of several areas
    top: bool = False  # nobody in the map oversees it: drawn at the top
    focus: bool = False  # the board a board view is about
    final: bool = False  # the last step of a route
    apart: bool = False  # linked to nothing in the view: drawn together, to one side
    # Drawn apart, but related to other bodies in ways the view draws no line for (board
    # membership, a route, a priority): drawn in a box of its own, not with the unlinked.
    related: bool = False
    gap: bool = False  # something missing (a theme nobody leads): drawn with a warning border
    link: str | None = None  # another diagram it opens (an area's box: "area-<id>.svg")
    # In the diff's diagram: "added", "removed", "changed" or "same" in the two maps.
    mark: str | None = None


@dataclass(frozen=True)
class Edge:
    """A line in a diagram, from tail to head, of a link type or a diagram-only type."""

    tail: str
    head: str
    type: str  # a link type, or a key of say.diagrams.DIAGRAM_LABELS
    text: str
    ranked: bool = True  # whether the line sets the layout's ranks
    flip: bool = False  # lay it out with the head below the tail (the holder above the held)
    also: tuple[str, ...] = ()  # the words of other links of this type between the same two
    count: int = 1  # how many links it stands for, in a folded overview
    tooltip: str | None = None  # what the line stands for, shown on pointing at it
    # The least number of ranks it spans, where a long row of boxes is staggered.
    length: int | None = None
    # In the diff's diagram: "added", "removed", "changed" or "same" in the two maps.
    mark: str | None = None


@dataclass(frozen=True)
class View:
    name: str
    kind: str  # overview, board, reporting, challenge, themes, escalation
    title: str  # what it shows: "Who answers to whom"
    place: str  # the area and the map's date: "Medway, 17 June 2014"
    description: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    direction: str = "BT"  # Graphviz rankdir
    empty: str | None = None  # said instead, where the view has nothing to draw
    note: str | None = None  # a line under the title: what a folded overview folded
    legend_beside: bool = False  # a tall, narrow chart: the legend goes beside it, in a column
    apart_label: str | None = None  # the heading of the boxes drawn apart (else say.diagrams.APART)
    related_label: str | None = None  # the heading of the `related` boxes drawn apart
    # Invisible lines, each from a box to one drawn below it: rows of a folded diagram's
    # separate parts, which would otherwise stand side by side in one very wide row.
    order: tuple[tuple[str, str], ...] = ()

    @property
    def heading(self) -> str:
        """The title with the area and date, on one line: SVG <title>, index headings."""
        return heading_of(self.title, self.place)


def heading_of(title: str, place: str) -> str:
    """A view's heading from its title and place (View.heading)."""
    return f"{title}, {place}" if place else title
