"""A View -> DOT text, written in one pass: shapes, line styles, legend, title.

Every piece of user text passes through `label()`, the one place that cleans and escapes it
for DOT, and every value through boardmap.escape.dot_id as it is written (`Dot`). The legend
is made once for each set of line types and box kinds it explains. A link's type is told by
its line style, arrowhead and label together; colour (from the Okabe–Ito palette, safe for
colour-blind readers) only repeats what they say.
"""

from __future__ import annotations

import functools
import itertools
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from boardmap import escape as escape_text
from boardmap import words
from boardmap.model import LINK_TYPES
from boardmap.outputs import safe_name
from boardmap.render.views import Edge, Node, View

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
LINE_ORDER: tuple[str, ...] = (*LINK_TYPES, *words.DIAGRAM_LABELS)


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
_MARKED_BOX = {
    "added": {"penwidth": "3.5", "fontname": "Helvetica-Bold"},
    "removed": {"penwidth": "2", "fillcolor": "#FFFFFF"},
    "changed": {"penwidth": "2.5"},
    "same": {"penwidth": "1"},
}
_MARKED_LINE = {
    "added": {"style": "bold", "penwidth": "3", "fontname": "Helvetica-Bold", "fontcolor": "#00684A"},
    "removed": {"style": "dashed", "penwidth": "2", "fontcolor": "#A33F00"},
    "changed": {"penwidth": "2", "fontcolor": "#7A5200"},
    "same": {"penwidth": "1", "fontcolor": "#555555"},
}
STEP_KIND_NAMES = {"theme": "shared priority", "step": "step of the route", "folded": words.FOLDED_BOX}


def clean(text: str) -> str:
    """User text as one plain line (boardmap.escape.plain)."""
    return escape_text.plain(text)


def escape(line: str) -> str:
    """One line of text made literal inside a quoted DOT label (boardmap.escape.dot_label)."""
    return escape_text.dot_label(line)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most about `width` characters; a very long text is cut with an ellipsis."""
    lines = textwrap.wrap(clean(text), width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1][: width - 2].rstrip() + " …"]
    return lines


def label(*parts: tuple[str | None, int], justify: str = "\\n") -> str:
    """A DOT label from user texts, each wrapped to its width: the one escaping path."""
    lines = [escape(line) for text, width in parts if text for line in wrap(text, width)]
    # Never read as a Graphviz HTML label (dot_id quotes "<Board>"), whatever it holds.
    return justify.join(lines) + (justify if justify != "\\n" else "")


def bullets(items: Iterable[str], width: int) -> str:
    """A left-aligned list label, one bullet per item, each item wrapped under its bullet."""
    lines = []
    for item in items:
        wrapped = wrap(item, width - 2)
        lines += ["• " + escape(wrapped[0])] + ["   " + escape(line) for line in wrapped[1:]]
    return "\\l".join(lines) + "\\l"


def attr_text(text: str) -> str:
    """A tooltip's value, one line (boardmap.escape.dot_tooltip), cut short as a label is: a
    300 KB purpose copied whole into every diagram made 305 KB SVGs (issue 24)."""
    return escape_text.dot_tooltip(clip_tooltip(text))


def clip_tooltip(text: str) -> str:
    """At most MAX_TOOLTIP characters of one line, cut at a space, with an ellipsis."""
    text = escape_text.plain(text)
    if len(text) <= MAX_TOOLTIP:
        return text
    cut = text.rfind(" ", MAX_TOOLTIP // 2, MAX_TOOLTIP - 1)
    return text[: cut if cut > 0 else MAX_TOOLTIP - 2].rstrip() + " …"


# -- DOT as text ----------------------------------------------------------------------------

_id = escape_text.dot_id


def _edge_end(name: str) -> str:
    """A line's end: a box's name, with a port and compass point after colons."""
    node, _, rest = name.partition(":")
    if not rest:
        return _id(node)
    port, _, compass = rest.partition(":")
    return ":".join([_id(node), _id(port), *([compass] if compass else [])])


def _a_list(attrs: Mapping[str, str | None], *, label_first: bool) -> str:
    """Attributes as DOT writes them, `name=value`, in order of name (a box's or a line's
    label first), each value through dot_id."""
    said = []
    if label_first and attrs.get("label") is not None:
        said.append(f"label={_id(attrs['label'])}")  # type: ignore[arg-type]
    for name, value in sorted(attrs.items()):
        if value is not None and not (label_first and name == "label"):
            said.append(f"{_id(name)}={_id(value)}")
    return " ".join(said)


class Dot:
    """The statements of a graph or subgraph as DOT text lines, written as they are made
    (the form the graphviz package writes, so the text is what it always was)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def node(self, name: str, **attrs: str | None) -> None:
        said = _a_list(attrs, label_first=True)
        self.lines.append(f"\t{_id(name)} [{said}]\n" if said else f"\t{_id(name)}\n")

    def edge(self, tail: str, head: str, **attrs: str | None) -> None:
        said = _a_list(attrs, label_first=True)
        line = f"\t{_edge_end(tail)} -> {_edge_end(head)}"
        self.lines.append(f"{line} [{said}]\n" if said else f"{line}\n")

    def attr(self, **attrs: str | None) -> None:
        """Attributes of this (sub)graph itself."""
        if attrs:
            self.lines.append(f"\t{_a_list(attrs, label_first=False)}\n")

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[Dot]:
        """A subgraph (a cluster where its name starts 'cluster'), added when it is done."""
        sub = Dot()
        yield sub
        self.lines.append(f"\tsubgraph {_id(name)} {{\n" if name else "\t{\n")
        self.lines += ["\t" + line for line in sub.lines]
        self.lines.append("\t}\n")

    def source(self, name: str, **defaults: Mapping[str, str]) -> str:
        """The whole graph: its name, its defaults for 'graph', 'node' and 'edge', then its
        statements."""
        head = [f"digraph {_id(name)} {{\n"]
        for kind in ("graph", "node", "edge"):
            if defaults.get(kind):
                head.append(f"\t{kind} [{_a_list(defaults[kind], label_first=False)}]\n")
        return "".join([*head, *self.lines, "}\n"])


_NODE_DEFAULTS = {"fontname": FONT, "fontsize": "12", "margin": "0.15,0.08"}
_EDGE_DEFAULTS = {"fontname": FONT, "fontsize": "10"}


# -- the graph -----------------------------------------------------------------------------


def to_dot(view: View, *, simple: bool = False) -> str:
    """The DOT text of a view. Deterministic: the same view gives the same text.

    `simple` leaves out every cluster and rank group (the areas' boxes, the boxes of bodies
    drawn apart, the legend, the top rank): the form tried when Graphviz cannot lay out the
    full one (see render.layout)."""
    graph = Dot()
    if view.empty:
        graph.node("empty", label=label((view.empty, 40)), shape="plaintext", fontsize="14")
        return _source(graph, view)
    if simple:
        for node in view.nodes:
            graph.node(node.id, **_node_attrs(node))
    else:
        aparts = _add_nodes(graph, view)
    labelled = len(view.edges) <= HUGE_VIEW
    for edge in view.edges:
        _add_edge(graph, edge, labelled=labelled)
    if simple:
        return _source(graph, view)
    for upper, lower in view.order:  # an invisible line runs upward in a bottom-to-top layout
        graph.edge(*((lower, upper) if view.direction == "BT" else (upper, lower)), style="invis")
    _add_top_rank(graph, view.nodes)
    legend = _add_legend(graph, view)
    below = [*aparts, (legend, legend)] if legend else aparts
    if aparts:  # the diagram, then the boxes drawn apart (box by box), then the legend
        _put_below(graph, view, aparts[0][0])
        for (_, upper), (lower, _) in itertools.pairwise(below):
            graph.edge(*((lower, upper) if view.direction == "BT" else (upper, lower)), style="invis")
    elif legend and not view.legend_beside:
        _put_below(graph, view, legend)
    return _source(graph, view)


def _source(graph: Dot, view: View) -> str:
    return graph.source(
        safe_name(view.name), graph=_graph_attrs(view), node=_NODE_DEFAULTS, edge=_EDGE_DEFAULTS
    )


def _put_below(graph: Dot, view: View, anchor: str) -> None:
    """Invisible lines that hold the legend (or the unlinked boxes) below the diagram,
    rather than beside it where they would make a wide picture wider."""
    ranked = [(e.head, e.tail) if e.flip else (e.tail, e.head) for e in view.edges if e.ranked]
    placed = [node.id for node in view.nodes if not node.apart]
    if view.direction == "BT":  # the lowest boxes are those no ranked line points up to
        heads = {head for _, head in ranked}
        for node_id in placed:
            if node_id not in heads:
                graph.edge(anchor, node_id, style="invis")
    else:  # top to bottom: the lowest boxes are those no ranked line leaves
        tails = {tail for tail, _ in ranked}
        for node_id in placed:
            if node_id not in tails:
                graph.edge(node_id, anchor, style="invis")


def _graph_attrs(view: View) -> dict[str, str]:
    huge = len(view.edges) > HUGE_VIEW
    attrs = {
        "label": label(
            (view.title, 80), (view.place, 80), (view.note, 80), (words.UNLABELLED if huge else None, 80)
        ),
        "labelloc": "t",
        "fontname": FONT,
        "fontsize": "18",
        "rankdir": view.direction,
        "nodesep": "0.35",
        "ranksep": "0.55",
        "pad": "0.3",
        "outputorder": "edgesfirst",
        "bgcolor": "white",
    }
    if len(view.edges) > LARGE_VIEW:
        attrs.update(mclimit="0.1", nslimit="2")
    if huge:
        attrs["splines"] = "line"
    return attrs


def _add_nodes(graph: Dot, view: View) -> list[tuple[str, str]]:
    """Boxes: on their own, inside a box for their area, or with those drawn apart (the
    unlinked, then those related only in ways the view draws no line for). Returns, for each
    box of those drawn apart, the first boxes of its top and bottom rows."""
    areas = sorted({node.area for node in view.nodes if node.area and not node.apart})
    for node in view.nodes:
        if not node.area and not node.apart:
            graph.node(node.id, **_node_attrs(node))
    for area in areas:
        with graph.subgraph(name=f"cluster_area_{safe_name(area)}") as cluster:
            cluster.attr(
                label=label((area, 40)),
                style="rounded,dashed",
                color="#777777",
                fontsize="14",
                fontname=FONT,
                labelloc=_top(view.direction),
            )
            for node in view.nodes:
                if node.area == area and not node.apart:
                    cluster.node(node.id, **_node_attrs(node))
    groups = [
        (
            "cluster_apart",
            view.apart_label or words.APART,
            [node for node in view.nodes if node.apart and not node.related],
        ),
        (
            "cluster_related",
            view.related_label or words.APART,
            [node for node in view.nodes if node.apart and node.related],
        ),
    ]
    return [_add_apart(graph, view, name, heading, apart) for name, heading, apart in groups if apart]


def _add_apart(graph: Dot, view: View, name: str, heading: str, apart: list[Node]) -> tuple[str, str]:
    """A box of boxes drawn apart, in rows; the first boxes of its top and bottom rows."""
    with graph.subgraph(name=name) as cluster:
        cluster.attr(
            label=label((heading, 40)),
            style="rounded,dashed",
            color="#777777",
            fontsize="12",
            fontname=FONT,
            labelloc=_top(view.direction),
            labeljust="l",
        )
        for node in apart:
            cluster.node(node.id, **_node_attrs(node))
        rows = [
            [(n.id, n.id) for n in apart[i : i + APART_PER_ROW]] for i in range(0, len(apart), APART_PER_ROW)
        ]
        grid(cluster, rows, view.direction)
    return rows[0][0][0], rows[-1][0][0]


def _node_attrs(node: Node) -> dict[str, str]:
    box = BOX_STYLES.get(node.kind, BOX_STYLES["committee"])
    width = STEP_WIDTH if node.kind == "step" else NODE_WIDTH
    attrs = {
        "label": label((node.heading, width), (node.text, width), (node.note, width)),
        "shape": box.shape,
        "style": box.style,
        "fillcolor": box.fill,
        "penwidth": box.penwidth,
    }
    if node.focus:
        attrs.update(penwidth="3.5", fontsize="14")
    if node.final:
        attrs["peripheries"] = "2"
    if node.gap:
        attrs.update(color=VERMILLION, penwidth="2.5", style=box.style + ",dashed")
    if node.board:
        attrs["URL"] = f"#board-{node.board}"
        attrs["target"] = "_top"
    elif node.link:
        attrs["URL"] = node.link
        attrs["target"] = "_top"
    if node.tooltip or node.board:
        attrs["tooltip"] = attr_text(node.tooltip or node.text)
    if node.mark:
        styles = [part for part in box.style.split(",") if part not in ("bold", "dashed")]
        styles += {"added": ["bold"], "removed": ["dashed"]}.get(node.mark, [])
        attrs.update(color=MARK_COLOURS[node.mark], style=",".join(styles), **_MARKED_BOX[node.mark])
    return attrs


def _edge_attrs(edge: Edge, *, labelled: bool = True) -> dict[str, str]:
    line = LINE_STYLES[edge.type]
    words_on_line = (
        bullets((edge.text, *edge.also), EDGE_WIDTH + 4) if edge.also else label((edge.text, EDGE_WIDTH))
    )
    attrs = {
        "label" if labelled else "tooltip": words_on_line
        if labelled
        else attr_text("; ".join((edge.text, *edge.also))),
        "style": line.style,
        "penwidth": line.penwidth,
        "color": line.color,
        "arrowsize": "0.9",
    }
    if edge.flip:  # drawn from head to tail for the layout; the arrow still points at the head
        attrs.update(dir="back", arrowtail=line.arrowhead, arrowhead="none")
    else:
        attrs["arrowhead"] = line.arrowhead
    if not edge.ranked:
        attrs["constraint"] = "false"
    if edge.tooltip:
        attrs["tooltip"] = attr_text(edge.tooltip)
    if edge.length is not None:  # staggered: weighted, so that its length is kept
        attrs.update(minlen=str(edge.length), weight="2")
    if edge.mark:
        attrs.update(color=MARK_COLOURS[edge.mark], **_MARKED_LINE[edge.mark])
    return attrs


def _add_edge(graph: Dot, edge: Edge, *, labelled: bool = True) -> None:
    tail, head = (edge.head, edge.tail) if edge.flip else (edge.tail, edge.head)
    graph.edge(tail, head, **_edge_attrs(edge, labelled=labelled))


def _add_top_rank(graph: Dot, nodes: Iterable[Node]) -> None:
    """`top: true` bodies on the topmost rank (rank=max when the layout runs bottom to top).

    Only bodies outside every cluster: a rank group that takes in a box inside an area's box
    or the box of those drawn apart is a layout Graphviz's dot cannot always make (it gave
    NaN coordinates and a blank picture, issue 25). Top bodies inside a cluster still rise to
    the top through their reporting lines."""
    tops = [node.id for node in nodes if node.top and not node.area and not node.apart]
    if tops:
        with graph.subgraph() as top:
            top.attr(rank="max")
            for node_id in tops:
                top.node(node_id)


# -- the legend ----------------------------------------------------------------------------


def _top(direction: str) -> str:
    """A cluster's labelloc for its top edge: Graphviz turns 't' over in a bottom-to-top layout."""
    return "b" if direction == "BT" else "t"


def _add_legend(graph: Dot, view: View) -> str:
    """A box of the line types and box kinds the view uses, each drawn as it appears, laid
    out in a few rows so that it does not stretch the diagram. Its first box, or '' where the
    view uses nothing the legend explains."""
    used_lines = {edge.type for edge in view.edges}
    lines = tuple(kind for kind in LINE_ORDER if kind in used_lines)
    used_kinds = {node.kind for node in view.nodes}
    kinds = tuple(kind for kind in KIND_ORDER if kind in used_kinds)
    used_marks = {node.mark for node in view.nodes} | {edge.mark for edge in view.edges}
    marks = tuple(mark for mark in MARKS if mark in used_marks)
    if not lines and not kinds and not marks:  # nothing the legend could explain: no legend
        return ""
    text, first = _legend(lines, kinds, marks, view.legend_beside, view.direction)
    graph.lines += text
    return first


@functools.lru_cache(maxsize=512)
def _legend(
    lines: tuple[str, ...], kinds: tuple[str, ...], marks: tuple[str, ...], beside: bool, direction: str
) -> tuple[tuple[str, ...], str]:
    """The legend's DOT lines and its first box, made once for each set of line types, box
    kinds and marks (a big map's hundreds of board diagrams share a few dozen legends)."""
    holder = Dot()
    with holder.subgraph(name="cluster_legend") as legend:
        legend.attr(
            label=label((words.LEGEND_HEADING, 60)),
            style="rounded",
            color="#777777",
            fontsize="12",
            fontname=FONT,
            labeljust="l",
            labelloc=_top(direction),
        )
        per_line, per_kind = (1, 2) if beside else (LINES_PER_ROW, KINDS_PER_ROW)
        rows = [
            [_legend_line(legend, kind) for kind in lines[i : i + per_line]]
            for i in range(0, len(lines), per_line)
        ]
        rows += [
            [(box, box) for box in (_legend_box(legend, kind) for kind in kinds[i : i + per_kind])]
            for i in range(0, len(kinds), per_kind)
        ]
        rows += [[_legend_mark(legend, mark)] for mark in marks]
        grid(legend, rows, direction)
    return tuple(holder.lines), rows[0][0][0]


def grid(graph: Dot, rows: list[list[tuple[str, str]]], direction: str) -> None:
    """Lay out entries (first node, last node) in rows, first row on top, in the given order,
    with invisible lines: along each row, and from row to row down the first column."""
    for row in rows:
        with graph.subgraph() as same:
            same.attr(rank="same")
            for (_, left), (right, _) in itertools.pairwise(row):
                same.edge(left, right, style="invis")
    firsts = [row[0][0] for row in rows if row]
    if direction == "BT":  # an invisible line runs upward in a bottom-to-top layout
        firsts.reverse()
    for upper, lower in itertools.pairwise(firsts):
        graph.edge(upper, lower, style="invis")


def _legend_line(legend: Dot, kind: str) -> tuple[str, str]:
    start, end = f"legend-line-{kind}", f"legend-text-{kind}"
    phrase = words.LINK_LABELS.get(kind) or words.DIAGRAM_LABELS[kind]
    meaning = words.LINK_MEANINGS.get(kind) or words.DIAGRAM_MEANINGS[kind]
    line = LINE_STYLES[kind]
    with legend.subgraph() as row:
        row.attr(rank="same")
        row.node(start, label="", shape="point", width="0.02", color="white")
        row.node(
            end,
            label=label((f"{phrase}: {meaning}", LEGEND_WIDTH), justify="\\l"),
            shape="plaintext",
            fontsize="10",
        )
        row.edge(
            start,
            end,
            style=line.style,
            arrowhead=line.arrowhead,
            penwidth=line.penwidth,
            color=line.color,
            minlen="2",
            arrowsize="0.9",
        )
    return start, end


def _legend_box(legend: Dot, kind: str) -> str:
    box = BOX_STYLES[kind]
    name = STEP_KIND_NAMES.get(kind) or words.KIND_NAMES[kind]
    node = f"legend-kind-{kind}"
    legend.node(
        node,
        label=label((name, 24)),
        shape=box.shape,
        style=box.style,
        fillcolor=box.fill,
        penwidth=box.penwidth,
        fontsize="10",
    )
    return node


def _legend_mark(legend: Dot, mark: str) -> tuple[str, str]:
    """A line drawn as the diff's diagram draws what is new, removed, changed or the same."""
    start, end = f"legend-mark-{mark}", f"legend-mark-text-{mark}"
    line = _MARKED_LINE[mark]
    with legend.subgraph() as row:
        row.attr(rank="same")
        row.node(start, label="", shape="point", width="0.02", color="white")
        row.node(
            end,
            label=label((words.DIFF_MEANINGS[mark], LEGEND_WIDTH), justify="\\l"),
            shape="plaintext",
            fontsize="10",
        )
        row.edge(
            start,
            end,
            style=line.get("style", "solid"),
            penwidth=line["penwidth"],
            color=MARK_COLOURS[mark],
            arrowhead="normal",
            minlen="2",
        )
    return start, end
