"""Both maps in one diagram: what is new drawn bold and marked "new", what was removed dashed
and marked "removed"."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardmap import words
from boardmap.diff.compare import find_renames, keyed_links
from boardmap.diff.output import MapDiff
from boardmap.diff.records import Change, Kind, LinkKey
from boardmap.model import Board, GovernanceMap, Link

DIAGRAM_FORMATS = ("svg", "dot", "png", "pdf")
_MARK_COLOURS = {"added": "#009E73", "removed": "#D55E00", "changed": "#E69F00", "same": "#8C8C8C"}


@dataclass(frozen=True)
class _Union:
    """Every board and link of either map, each with its status: added, removed, changed, same."""

    boards: list[tuple[str, Board, str]]
    links: list[tuple[LinkKey, Link, str]]
    changes: dict[tuple[Kind, tuple[str | int, ...]], Change]  # what changed, for tooltips


def _union(old: GovernanceMap, new: GovernanceMap, result: MapDiff) -> _Union:
    renames = find_renames(old, new)
    board_status = {str(c.key[0]): c.status for c in result.of("board")}
    boards: dict[str, Board] = {b.id: b for b in new.boards}
    for board in old.boards:
        boards.setdefault(renames.get(board.id, board.id), board)
    link_status = {c.key: c.status for c in result.of("link")}
    links: dict[LinkKey, Link] = dict(keyed_links(new.links, {}))
    for key, link in keyed_links(old.links, renames).items():
        links.setdefault(key, link)
    linked = {k[0] for k in links} | {k[1] for k in links}
    shown = [
        (i, b, board_status.get(i, "same"))
        for i, b in boards.items()
        if b.kind != "organisation" or i in linked or i in board_status
    ]
    changes: dict[tuple[Kind, tuple[str | int, ...]], Change] = {
        (c.kind, c.key): c for c in result.changes if c.status == "changed"
    }
    return _Union(shown, [(k, link, str(link_status.get(k, "same"))) for k, link in links.items()], changes)


def diagram(old: GovernanceMap, new: GovernanceMap, result: MapDiff) -> tuple[str, str, str]:
    """(DOT text, title, description) of both maps in one picture, what is new drawn bold
    and marked "new", what was removed dashed and marked "removed": never by colour alone."""
    import graphviz

    from boardmap.render import dot as dotmod

    union = _union(old, new, result)
    title = words.DIFF_TITLE.format(area=result.area, old=result.old_label, new=result.new_label)
    graph = graphviz.Digraph(
        name="changes",
        graph_attr={
            "label": dotmod.label((title, 90)),
            "labelloc": "t",
            "fontname": dotmod.FONT,
            "fontsize": "18",
            "rankdir": "BT",
            "pad": "0.3",
            "bgcolor": "white",
            "nodesep": "0.35",
            "ranksep": "0.55",
            "outputorder": "edgesfirst",
        },
        node_attr={"fontname": dotmod.FONT, "fontsize": "12", "margin": "0.15,0.08"},
        edge_attr={"fontname": dotmod.FONT, "fontsize": "10"},
    )
    for node_id, board, status in union.boards:
        change = union.changes.get(("board", (node_id,)))
        graph.node(node_id, **_node_style(board, status, change, result.sentences(change) if change else ()))
    for key, link, status in union.links:
        change = union.changes.get(("link", key))
        graph.edge(key[0], key[1], **_edge_style(link, status, result.sentences(change) if change else None))
    _diff_legend(graph)
    return graph.source, title, _diagram_description(union, result)


def _changed_mark(mark: str | None, change: Change | None) -> str | None:
    """'(changed: chair, members)': what changed, where the diff knows; '(new)' and the like
    otherwise."""
    if mark is None:
        return None
    if change is None or not change.fields:
        return f"({mark})"
    fields = dict.fromkeys(words.DIFF_FIELDS.get(f.field, f.field) for f in change.fields)
    return f"({mark}: {', '.join(fields)})"


def _node_style(
    board: Board, status: str, change: Change | None = None, sentences: tuple[str, ...] = ()
) -> dict[str, str]:
    from boardmap.render import dot as dotmod

    box = dotmod.BOX_STYLES.get(board.kind, dotmod.BOX_STYLES["committee"])
    mark = words.DIFF_MARKS.get(status)
    styles = [s for s in box.style.split(",") if s not in ("bold", "dashed")]
    # A changed box says what changed; pointing at it reads the diff's own sentences.
    tooltip = " ".join(sentences) if change else board.purpose or board.label
    attrs = {
        "shape": box.shape,
        "fillcolor": box.fill,
        "color": _MARK_COLOURS[status],
        "label": dotmod.label(
            (board.label, dotmod.NODE_WIDTH), (_changed_mark(mark, change), dotmod.NODE_WIDTH)
        ),
        "tooltip": dotmod.attr_text(tooltip),
    }
    if status == "added":
        attrs.update(penwidth="3.5", style=",".join([*styles, "bold"]), fontname="Helvetica-Bold")
    elif status == "removed":
        attrs.update(penwidth="2", style=",".join([*styles, "dashed"]), fillcolor="#FFFFFF")
    elif status == "changed":
        attrs.update(penwidth="2.5", style=",".join(styles))
    else:
        attrs.update(penwidth="1", style=",".join(styles))
    return attrs


def _edge_style(link: Link, status: str, sentences: tuple[str, ...] | None = None) -> dict[str, str]:
    from boardmap.render import dot as dotmod

    line = dotmod.LINE_STYLES[link.type]
    mark = words.DIFF_MARKS.get(status)
    text = f"{mark}: {words.link_label(link)}" if mark else words.link_label(link)
    attrs = {
        "label": dotmod.label((text, dotmod.EDGE_WIDTH)),
        "arrowhead": line.arrowhead,
        "color": _MARK_COLOURS[status],
        "fontcolor": _MARK_COLOURS[status] if status != "same" else "#555555",
        "style": line.style,
        "penwidth": "1",
    }
    if sentences is not None:
        attrs["tooltip"] = dotmod.attr_text(" ".join(sentences))
    if status == "added":
        attrs.update(style="bold", penwidth="3", fontname="Helvetica-Bold", fontcolor="#00684A")
    elif status == "removed":
        attrs.update(style="dashed", penwidth="2", fontcolor="#A33F00")
    elif status == "changed":
        attrs.update(penwidth="2", fontcolor="#7A5200")
    return attrs


def _diff_legend(graph: Any) -> None:
    from boardmap.render import dot as dotmod

    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(
            label=dotmod.label((words.LEGEND_HEADING, 60)),
            style="rounded",
            color="#777777",
            fontsize="12",
            fontname=dotmod.FONT,
            labeljust="l",
        )
        rows = []
        for status in ("added", "removed", "changed", "same"):
            start, end = f"legend-line-{status}", f"legend-text-{status}"
            with legend.subgraph() as row:
                row.attr(rank="same")
                row.node(start, label="", shape="point", width="0.02", color="white")
                row.node(
                    end,
                    shape="plaintext",
                    fontsize="10",
                    label=dotmod.label((words.DIFF_MEANINGS[status], dotmod.LEGEND_WIDTH), justify="\\l"),
                )
                style = _edge_style(Link.model_construct(from_="a", to="b", type="reports-to"), status)
                row.edge(
                    start,
                    end,
                    style=style["style"],
                    penwidth=style["penwidth"],
                    color=style["color"],
                    arrowhead="normal",
                    minlen="2.5",
                )
            rows.append(start)
        rows.reverse()  # the layout runs bottom to top
        for upper, lower in itertools.pairwise(rows):
            legend.edge(upper, lower, style="invis")


def _diagram_description(union: _Union, result: MapDiff) -> str:
    def said(status: str, one: str, many: str) -> str:
        boards = sum(s == status for _, _, s in union.boards)
        links = sum(s == status for _, _, s in union.links)
        parts = [
            f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in ((boards, "board"), (links, "link")) if n
        ]
        if not parts:
            return f"nothing {one}"
        return f"{words.join_names(parts)} {one if boards + links == 1 else many}"

    return words.DIFF_DESCRIPTION.format(
        area=result.area,
        old=result.old_label,
        new=result.new_label,
        new_count=words.sentence(said("added", "is new", "are new"))[:-1],
        removed_count=said("removed", "was removed", "were removed"),
    )


def write_diagram(old: GovernanceMap, new: GovernanceMap, result: MapDiff, path: Path | str) -> Path:
    """Draw both maps in one diagram to `path`: .svg, .dot, .png or .pdf (the last two need
    Graphviz's dot). Written atomically."""
    from boardmap.errors import UsageError
    from boardmap.outputs import write_atomic
    from boardmap.render import engines

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in DIAGRAM_FORMATS:
        raise UsageError(
            f"--diagram {path}: the file name must end in {', '.join('.' + f for f in DIAGRAM_FORMATS)}"
        )
    source, title, description = diagram(old, new, result)
    data = engines.render(source, fmt)
    if fmt == "svg":
        data = engines.finish_svg(data, title, description, "boardmap-changes")
    return write_atomic(path, data)
