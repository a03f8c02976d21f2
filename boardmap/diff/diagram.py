"""Both maps in one diagram, drawn by boardmap.render through the same DOT builder, box and
line styles and legend as the map's own views: every board and link of either map, each
marked as new (bold, "new"), removed (dashed, "removed"), changed or the same."""

from __future__ import annotations

from pathlib import Path

from boardmap import render
from boardmap.diff.compare import find_renames, keyed_links
from boardmap.diff.output import MapDiff
from boardmap.errors import UsageError
from boardmap.graph import LinkKey
from boardmap.model import Board, GovernanceMap, Link
from boardmap.outputs import write_atomic
from boardmap.render.views import Edge, Node, View
from boardmap.say import diagrams as words
from boardmap.say.diff import diagram_counts
from boardmap.say.grammar import sentence
from boardmap.say.links import link_label

DIAGRAM_FORMATS = ("svg", "dot", "png", "pdf")


def diagram_view(old: GovernanceMap, new: GovernanceMap, result: MapDiff) -> View:
    """The view of both maps: boards (organisations only where a line or a change names
    them) and links of either map, each with its mark, and the diff's own sentences as the
    tooltip of whatever changed."""
    renames = find_renames(old, new)
    changed = {(c.kind, c.key): c for c in result.changes if c.status == "changed"}
    board_status = {str(c.key[0]): c.status for c in result.of("board")}
    boards: dict[str, Board] = {b.id: b for b in new.boards}
    for board in old.boards:
        boards.setdefault(renames.get(board.id, board.id), board)
    link_status = {c.key: c.status for c in result.of("link")}
    links: dict[LinkKey, Link] = keyed_links(new.links, {})
    for key, link in keyed_links(old.links, renames).items():
        links.setdefault(key, link)
    linked = {k[0] for k in links} | {k[1] for k in links}
    nodes = []
    for board_id, board in boards.items():
        if board.kind == "organisation" and board_id not in linked and board_id not in board_status:
            continue
        status = board_status.get(board_id, "same")
        change = changed.get(("board", (board_id,)))
        mark = words.DIFF_MARKS.get(status)
        if mark and change is not None and change.fields:
            # A changed box says what changed; pointing at it reads the diff's own sentences.
            fields = dict.fromkeys(words.DIFF_FIELDS.get(f.field, f.field) for f in change.fields)
            mark = f"{mark}: {', '.join(fields)}"
        tooltip = " ".join(result.sentences(change)) if change else board.purpose or board.label
        nodes.append(
            Node(
                id=board_id,
                text=board.label,
                kind=board.kind,
                note=f"({mark})" if mark else None,
                tooltip=tooltip,
                mark=status,
            )
        )
    edges = []
    for key, link in links.items():
        status = str(link_status.get(key, "same"))
        mark = words.DIFF_MARKS.get(status)
        change = changed.get(("link", key))
        edges.append(
            Edge(
                tail=key[0],
                head=key[1],
                type=link.type,
                text=f"{mark}: {link_label(link)}" if mark else link_label(link),
                tooltip=" ".join(result.sentences(change)) if change else None,
                mark=status,
            )
        )
    return View(
        name="changes",
        kind="changes",
        title=words.DIFF_TITLE.format(area=result.area, old=result.old_label, new=result.new_label),
        place="",
        description=_description(nodes, edges, result),
        nodes=tuple(nodes),
        edges=tuple(edges),
    )


def _description(nodes: list[Node], edges: list[Edge], result: MapDiff) -> str:
    def said(status: str, one: str, many: str) -> str:
        boards = sum(n.mark == status for n in nodes)
        links = sum(e.mark == status for e in edges)
        return diagram_counts(boards, links, one, many)

    return words.DIFF_DESCRIPTION.format(
        area=result.area,
        old=result.old_label,
        new=result.new_label,
        new_count=sentence(said("added", "is new", "are new"))[:-1],
        removed_count=said("removed", "was removed", "were removed"),
    )


def diagram(old: GovernanceMap, new: GovernanceMap, result: MapDiff) -> tuple[str, str, str]:
    """(DOT text, title, description) of both maps in one picture, what is new drawn bold
    and marked "new", what was removed dashed and marked "removed": never by colour alone."""
    view = diagram_view(old, new, result)
    return render.draw_view(view, "dot").decode("utf-8"), view.title, view.description


def write_diagram(old: GovernanceMap, new: GovernanceMap, result: MapDiff, path: Path | str) -> Path:
    """Draw both maps in one diagram to `path`: .svg, .dot, .png or .pdf, checked and
    finished as every view is. Written atomically."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in DIAGRAM_FORMATS:
        raise UsageError(
            f"--diagram {path}: the file name must end in {', '.join('.' + f for f in DIAGRAM_FORMATS)}"
        )
    return write_atomic(path, render.draw_view(diagram_view(old, new, result), fmt))
