"""What the views share: what they look up in the map's index, a board's box and a
link's line, chairs' lines, merging parallel lines, and the short wording helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from boardmap.graph import MapIndex, index
from boardmap.model import Board, GovernanceMap, Link, Theme
from boardmap.render.fold import MAX_OVERVIEW_BOARDS
from boardmap.render.viewdata import MAX_CLAUSES, UPWARD_TYPES, Edge, Node
from boardmap.say.diagrams import (
    DIAGRAM_DESCRIPTIONS,
    DIAGRAM_LABELS,
    DIAGRAM_TITLES,
    FREE_CHAIR,
    NO_LEAD,
    RELATED_WAYS,
    diagram_place,
)
from boardmap.say.grammar import join, long_date, sentence
from boardmap.say.links import link_label
from boardmap.say.names import area_name, the
from boardmap.say.vocab import LINK_VERBS

# -- names ---------------------------------------------------------------------------------


def has_board_view(board: Board) -> bool:
    return board.kind != "organisation"


def map_areas(gmap: GovernanceMap) -> list[str]:
    """The areas the map's boards name, in the order they first appear."""
    return _areas(gmap)


def has_area_views(gmap: GovernanceMap) -> bool:
    """Whether each area has a diagram of its own: on a map of several areas whose overview
    is folded (there, the overview shows areas rather than boards)."""
    return len(_areas(gmap)) > 1 and len(_overview(gmap)) > MAX_OVERVIEW_BOARDS


# -- shared pieces -------------------------------------------------------------------------


# The views look things up in the map's one index (boardmap.graph.index), made once per
# map: a map of 10,000 boards has some 8,000 board views, each of which would otherwise read
# every board and link. What only the views work out from it (areas, their names, their
# bodies and links) is kept with it, under names starting "views.".


def _index(gmap: GovernanceMap) -> MapIndex:
    return index(gmap)


def _areas(gmap: GovernanceMap) -> list[str]:
    """The areas the boards name, in the order they first appear."""
    return _index(gmap).memo(
        "views.areas", lambda: list(dict.fromkeys(area for board in gmap.boards for area in board.areas))
    )


def _overview(gmap: GovernanceMap) -> list[Board]:
    """The overview's bodies (without --with-members): organisations only where they take
    part in a link."""
    found = _index(gmap)
    ends = found.link_ends
    return found.memo(
        "views.overview", lambda: [b for b in gmap.boards if b.kind != "organisation" or b.id in ends]
    )


def _areas_drawn(gmap: GovernanceMap) -> bool:
    """Boxes for areas only on maps that span more than one."""
    return len(_areas(gmap)) > 1


def _by_id(gmap: GovernanceMap) -> dict[str, Board]:
    return _index(gmap).by_id


def _area_name(gmap: GovernanceMap, area: str) -> str:
    names: dict[str, str] = _index(gmap).memo("views.area_names", dict)
    if area not in names:
        names[area] = area_name(area, gmap.glossary, gmap.area)
    return names[area]


def _in_map_order(gmap: GovernanceMap, ids: Iterable[str]) -> list[Board]:
    """The boards of these ids, in the map's order (ids that are not boards left out):
    cheaper than reading the whole map for a few boards."""
    found = _index(gmap)
    return [
        found.by_id[i]
        for i in sorted((i for i in set(ids) if i in found.position), key=found.position.__getitem__)
    ]


def board_node(gmap: GovernanceMap, board: Board, *, note: str | None = None) -> Node:
    """A board's box, with `note` under its name."""
    return _box(gmap, _made(gmap, "views.nodes"), board, False, note, _areas_drawn(gmap))


def board_nodes(
    gmap: GovernanceMap, boards: Iterable[Board], *, focus: str | None = None, note: str | None = None
) -> list[Node]:
    """The boards' boxes, in their order (the map's index looked up once for them all): the
    box of `focus`, the board a board view is about, drawn as the focus, with `note`."""
    made = _made(gmap, "views.nodes")
    areas_drawn = _areas_drawn(gmap)
    return [
        _box(gmap, made, board, board.id == focus, note if board.id == focus else None, areas_drawn)
        for board in boards
    ]


def _box(
    gmap: GovernanceMap,
    made: dict[tuple[int, bool, str | None, bool], tuple[Board, Node]],
    board: Board,
    focus: bool,
    note: str | None,
    areas_drawn: bool,
) -> Node:
    key = (id(board), focus, note, areas_drawn)
    kept = made.get(key)
    if kept is not None and kept[0] is board:
        return kept[1]
    area = _area_name(gmap, board.areas[0]) if len(board.areas) == 1 and areas_drawn else None
    node = Node(
        id=board.id,
        text=board.label,
        kind=board.kind,
        board=board.id,
        tooltip=board.purpose or board.label,
        area=area,
        top=board.top,
        focus=focus,
        note=note,
    )
    made[key] = board, node
    return node


def link_edges(gmap: GovernanceMap, links: Iterable[Link], *, rank_all: bool) -> list[Edge]:
    """The links' lines, in their order (the map's index looked up once for them all)."""
    made: dict[tuple[int, bool], tuple[Link, Edge]] = _made(gmap, "views.edges")
    by_id = _by_id(gmap)
    edges = []
    for link in links:
        ranked = rank_all or link.type in UPWARD_TYPES
        key = (id(link), ranked)
        kept = made.get(key)
        if kept is None or kept[0] is not link:
            sender, receiver = by_id.get(link.from_), by_id.get(link.to)
            label = link_label(
                link,
                sender.short or sender.name if sender else None,
                receiver.short or receiver.name if receiver else None,
            )
            edge = Edge(link.from_, link.to, link.type, label, ranked=ranked, flip=link.type == "challenges")
            kept = made[key] = link, edge
        edges.append(kept[1])
    return edges


def _made(gmap: GovernanceMap, name: str) -> dict[Any, Any]:
    """Boxes or lines made already, kept with the map's index: a body or a link is drawn
    alike in every view that shows it (the 1,000-board map's 894 views draw 20,400 lines
    of 7,800 links). Each is kept under its board's or link's id with the board or link
    itself, which keeps the id from being reused, and is taken only for that same object."""
    return _index(gmap).memo(name, dict)


def _diagram_edge(tail: str, head: str, kind: str, *, ranked: bool = True) -> Edge:
    return Edge(tail, head, kind, DIAGRAM_LABELS[kind], ranked=ranked)


def _heading(gmap: GovernanceMap, key: str, **names: str) -> tuple[str, str]:
    """A view's title and place."""
    return (DIAGRAM_TITLES[key].format(**names), diagram_place(gmap.area, gmap.as_of))


def _the(gmap: GovernanceMap, board_id: str) -> str:
    """A board's name as a sentence says it ('the Health and Wellbeing Board')."""
    said: dict[str, str] = _index(gmap).memo("views.the", dict)
    if board_id not in said:
        board = _by_id(gmap).get(board_id)
        said[board_id] = the(board) if board else board_id
    return said[board_id]


def _date(gmap: GovernanceMap) -> str:
    return long_date(gmap.as_of)


def _clauses(clauses: list[str], total: int | None = None) -> str:
    """Clauses joined by semicolons, the list cut short after MAX_CLAUSES; `total` is how
    many there are, where only the first few were made."""
    total = len(clauses) if total is None else total
    if total > MAX_CLAUSES:
        rest = total - MAX_CLAUSES
        clauses = [*clauses[:MAX_CLAUSES], DIAGRAM_DESCRIPTIONS["more"].format(count=rest)]
    return "; ".join(clauses)


def _empty(gmap: GovernanceMap, message: str) -> str:
    return sentence(DIAGRAM_DESCRIPTIONS["empty"].format(message=message, date=_date(gmap), area=gmap.area))


def _chair_edges(gmap: GovernanceMap, shown: set[str], boards: Iterable[Board]) -> list[Edge]:
    """A line from each chair that is a board in the view (a role) to the board it chairs."""
    by_id = _by_id(gmap)
    return [
        _diagram_edge(chair, board.id, "chairs")
        for board in boards
        for chair in board.chairs
        if chair in shown and chair in by_id
    ]


def free_chairs(gmap: GovernanceMap, board: Board) -> list[Node]:
    """A role-shaped box for each of a board's chairs given as free text (not a board id).
    Its id comes from the board's id and the chair's place in its list, never from the
    text: ids have no underscore, so it is never a board's."""
    by_id = _by_id(gmap)
    return [
        Node(
            f"chair_{board.id}_{n}",
            _one_line(chair),
            "role",
            tooltip=FREE_CHAIR.format(chair=_one_line(chair), board=the(board)),
        )
        for n, chair in enumerate(board.chairs, start=1)
        if chair not in by_id
    ]


def _free_chair_edges(chairs: list[Node], board_id: str) -> list[Edge]:
    return [_diagram_edge(chair.id, board_id, "chairs") for chair in chairs]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _related_ways(gmap: GovernanceMap) -> dict[str, set[str]]:
    """Each body -> the ways (keys of RELATED_WAYS) it is related to others besides
    links: sitting on a board or having members, chairing or being chaired, a place in an
    escalation route or in a shared priority."""
    by_id = _by_id(gmap)
    ways: dict[str, set[str]] = {}

    def add(board_id: str, way: str) -> None:
        ways.setdefault(board_id, set()).add(way)

    for board in gmap.boards:
        for member in board.members:
            if member in by_id and member != board.id:
                add(member, "members")
                add(board.id, "members")
        for chair in board.chairs:
            if chair != board.id:
                add(board.id, "chairs")
                if chair in by_id:
                    add(chair, "chairs")
    for route in gmap.escalations:
        for board_id in (*route.between, *(b for step in route.steps for b in step.involves)):
            add(board_id, "routes")
    for theme in gmap.themes:
        for supporter in (theme.lead, *theme.supports):
            if supporter is not None:
                add(supporter, "themes")
    return ways


def _ways_text(ways: Iterable[str]) -> str:
    """'board membership or an escalation route', in the order of RELATED_WAYS."""
    names = [text for way, text in RELATED_WAYS.items() if way in set(ways)]
    return join(names, "or")


def merge_parallel(edges: list[Edge]) -> list[Edge]:
    """One line for several links of one type from one board to another, its label listing
    what each says: a fan of parallel lines is hard to follow and wide to draw."""
    groups: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in edges:
        groups.setdefault((edge.tail, edge.head, edge.type), []).append(edge)
    merged = []
    for group in groups.values():
        if len(group) == 1 and not group[0].also:  # as it is: most lines are not parallel
            merged.append(group[0])
            continue
        texts = list(dict.fromkeys(edge.text for edge in group))
        merged.append(replace(group[0], text=texts[0], also=tuple(texts[1:])))
    return merged


def _between(nodes: list[Node], edges: list[Edge]) -> list[Edge]:
    """Only the lines whose both ends are drawn (a route or theme may name a board that is
    out of force on the map's date)."""
    ids = {node.id for node in nodes}
    return [e for e in edges if e.tail in ids and e.head in ids]


# -- overview ------------------------------------------------------------------------------


def overview_boards(gmap: GovernanceMap, *, with_members: bool = False) -> list[Board]:
    """The bodies the overview draws: every board; organisations only where they take part
    in a link (or, with members, all of them)."""
    if with_members:
        return list(gmap.boards)
    return _overview(gmap)


def _verb(kind: str, other: str) -> str:
    if kind in LINK_VERBS:
        return LINK_VERBS[kind].format(b=other)
    return f"{DIAGRAM_LABELS[kind]} {other}"


# -- reporting and challenge ---------------------------------------------------------------


def _typed_nodes(gmap: GovernanceMap, edges: list[Edge], *, with_top: bool = False) -> list[Node]:
    touched = {e.tail for e in edges} | {e.head for e in edges}
    return board_nodes(gmap, [b for b in gmap.boards if b.id in touched or (with_top and b.top)])


# -- themes --------------------------------------------------------------------------------


def _theme_node(theme: Theme) -> Node:
    return Node(
        f"theme-{theme.id}",
        theme.name,
        "theme",
        tooltip=theme.description,
        note=None if theme.lead else NO_LEAD,
        gap=theme.lead is None,
    )
