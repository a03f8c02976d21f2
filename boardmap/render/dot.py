"""A View -> DOT text, written in one pass: the graph of boxes, lines, areas and the boxes
drawn apart, then the legend (boardmap.render.legend). How each kind looks is in
boardmap.render.styles; the text and its escaping in boardmap.render.dottext.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

from boardmap.outputs import safe_name
from boardmap.render.dottext import Dot, attr_text, bullets, clean, escape, label, wrap
from boardmap.render.legend import add_legend, grid, top
from boardmap.render.styles import (
    APART_PER_ROW,
    BOX_STYLES,
    EDGE_WIDTH,
    FONT,
    HUGE_VIEW,
    LARGE_VIEW,
    LINE_STYLES,
    MARK_COLOURS,
    MARKED_BOX,
    MARKED_LINE,
    MAX_LINES,
    MAX_TOOLTIP,
    NODE_WIDTH,
    STEP_KIND_NAMES,
    STEP_WIDTH,
    VERMILLION,
)
from boardmap.render.views import Edge, Node, View
from boardmap.say.diagrams import APART, UNLABELLED

# Names other modules and tests know from here.
__all__ = [
    "BOX_STYLES",
    "LINE_STYLES",
    "MAX_LINES",
    "MAX_TOOLTIP",
    "STEP_KIND_NAMES",
    "Dot",
    "clean",
    "escape",
    "grid",
    "label",
    "to_dot",
    "wrap",
]

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
            graph.said(_node_line(node))
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
    legend = add_legend(graph, view)
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
            (view.title, 80), (view.place, 80), (view.note, 80), (UNLABELLED if huge else None, 80)
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
            graph.said(_node_line(node))
    for area in areas:
        with graph.subgraph(name=f"cluster_area_{safe_name(area)}") as cluster:
            cluster.attr(
                label=label((area, 40)),
                style="rounded,dashed",
                color="#777777",
                fontsize="14",
                fontname=FONT,
                labelloc=top(view.direction),
            )
            for node in view.nodes:
                if node.area == area and not node.apart:
                    cluster.said(_node_line(node))
    groups = [
        (
            "cluster_apart",
            view.apart_label or APART,
            [node for node in view.nodes if node.apart and not node.related],
        ),
        (
            "cluster_related",
            view.related_label or APART,
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
            labelloc=top(view.direction),
            labeljust="l",
        )
        for node in apart:
            cluster.said(_node_line(node))
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
        attrs.update(color=MARK_COLOURS[node.mark], style=",".join(styles), **MARKED_BOX[node.mark])
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
        attrs.update(color=MARK_COLOURS[edge.mark], **MARKED_LINE[edge.mark])
    return attrs


def _add_edge(graph: Dot, edge: Edge, *, labelled: bool = True) -> None:
    graph.said(_edge_line(edge, labelled))


# A box or a line is drawn in many views alike (a body in each of its neighbours' diagrams,
# a link in both of its ends'): each is written once per process. A thousand-board build's
# 894 diagrams hold 22,000 boxes and 14,000 lines, of some 9,000 kinds.
@functools.lru_cache(maxsize=16384)
def _node_line(node: Node) -> str:
    return Dot.node_statement(node.id, _node_attrs(node))


@functools.lru_cache(maxsize=16384)
def _edge_line(edge: Edge, labelled: bool) -> str:
    tail, head = (edge.head, edge.tail) if edge.flip else (edge.tail, edge.head)
    return Dot.edge_statement(tail, head, _edge_attrs(edge, labelled=labelled))


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
