"""A diagram's legend (its key): the line types, box kinds and marks a view uses, each drawn
as it appears, in a few rows; made once for each set it explains."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

from boardmap.render.dottext import Dot, label
from boardmap.render.styles import (
    BOX_STYLES,
    FONT,
    KIND_ORDER,
    KINDS_PER_ROW,
    LEGEND_WIDTH,
    LINE_ORDER,
    LINE_STYLES,
    LINES_PER_ROW,
    MARK_COLOURS,
    MARKED_LINE,
    MARKS,
    STEP_KIND_NAMES,
)
from boardmap.render.views import View
from boardmap.say.diagrams import DIAGRAM_LABELS, DIAGRAM_MEANINGS, DIFF_MEANINGS, LEGEND_HEADING
from boardmap.say.vocab import KIND_NAMES, LINK_LABELS, LINK_MEANINGS


def top(direction: str) -> str:
    """A cluster's labelloc for its top edge: Graphviz turns 't' over in a bottom-to-top layout."""
    return "b" if direction == "BT" else "t"


def add_legend(graph: Dot, view: View) -> str:
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
    kinds and marks."""
    holder = Dot()
    with holder.subgraph(name="cluster_legend") as legend:
        legend.attr(
            label=label((LEGEND_HEADING, 60)),
            style="rounded",
            color="#777777",
            fontsize="12",
            fontname=FONT,
            labeljust="l",
            labelloc=top(direction),
        )
        per_line, per_kind = (1, 2) if beside else (LINES_PER_ROW, KINDS_PER_ROW)
        rows = [
            [_entry(legend, _legend_line, kind) for kind in lines[i : i + per_line]]
            for i in range(0, len(lines), per_line)
        ]
        rows += [
            [_entry(legend, _legend_box, kind) for kind in kinds[i : i + per_kind]]
            for i in range(0, len(kinds), per_kind)
        ]
        rows += [[_entry(legend, _legend_mark, mark)] for mark in marks]
        grid(legend, rows, direction)
    return tuple(holder.lines), rows[0][0][0]


def _entry(legend: Dot, draw: Callable[[Dot, str], tuple[str, str]], kind: str) -> tuple[str, str]:
    """An entry of the legend (its first and last node), its lines added to `legend`."""
    lines, ends = _drawn(draw, kind)
    legend.lines += lines
    return ends


@functools.cache
def _drawn(draw: Callable[[Dot, str], tuple[str, str]], kind: str) -> tuple[tuple[str, ...], tuple[str, str]]:
    """An entry's lines, made once for each line type, box kind or mark: the sets that
    legends explain vary (637 sets in the 1,000-board map's 894 diagrams, too many for
    _legend to remember), but their entries are the same few dozen."""
    holder = Dot()
    ends = draw(holder, kind)
    return tuple(holder.lines), ends


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
    phrase = LINK_LABELS.get(kind) or DIAGRAM_LABELS[kind]
    meaning = LINK_MEANINGS.get(kind) or DIAGRAM_MEANINGS[kind]
    line = LINE_STYLES[kind]
    return _legend_row(
        legend,
        start,
        end,
        f"{phrase}: {meaning}",
        style=line.style,
        arrowhead=line.arrowhead,
        penwidth=line.penwidth,
        color=line.color,
        minlen="2",
        arrowsize="0.9",
    )


def _legend_row(legend: Dot, start: str, end: str, text: str, **line: str | None) -> tuple[str, str]:
    """One row of the legend: a sample line drawn with `line`'s attributes, then its words."""
    with legend.subgraph() as row:
        row.attr(rank="same")
        row.node(start, label="", shape="point", width="0.02", color="white")
        row.node(end, label=label((text, LEGEND_WIDTH), justify="\\l"), shape="plaintext", fontsize="10")
        row.edge(start, end, **line)
    return start, end


def _legend_box(legend: Dot, kind: str) -> tuple[str, str]:
    box = BOX_STYLES[kind]
    name = STEP_KIND_NAMES.get(kind) or KIND_NAMES[kind]
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
    return node, node


def _legend_mark(legend: Dot, mark: str) -> tuple[str, str]:
    """A line drawn as the diff's diagram draws what is new, removed, changed or the same."""
    start, end = f"legend-mark-{mark}", f"legend-mark-text-{mark}"
    line = MARKED_LINE[mark]
    return _legend_row(
        legend,
        start,
        end,
        DIFF_MEANINGS[mark],
        style=line.get("style", "solid"),
        penwidth=line["penwidth"],
        color=MARK_COLOURS[mark],
        arrowhead="normal",
        minlen="2",
    )
