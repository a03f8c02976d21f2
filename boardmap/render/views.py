"""Which boards and lines each diagram shows: a GovernanceMap in, a View (plain data) out.

A View knows nothing of DOT: dot.py turns it into Graphviz text. Views are named
`overview`, `reporting`, `challenge`, `themes` (where the map names shared priorities),
`area-<area id>` (one per area, on a map of several areas whose overview is folded),
`escalation-<route id>` (one per route) and `board-<board id>` (one per board of every kind
except organisations, which are members of boards rather than boards).

On a large map (more than MAX_OVERVIEW_BOARDS bodies in a view) the overview, reporting,
challenge, themes and area views are folded (boardmap.render.fold): several bodies drawn as
one box, with counts, until the diagram can be read.
"""

from __future__ import annotations

import difflib
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from boardmap import words
from boardmap.errors import UsageError
from boardmap.model import GOVERNANCE_KINDS, REPORTING_TYPES, Board, GovernanceMap, Link, Theme
from boardmap.outputs import safe_name
from boardmap.render import fold as folding
from boardmap.render.fold import MAX_OVERVIEW_BOARDS, MAX_OVERVIEW_LINES, MAX_OVERVIEW_NODES
from boardmap.say.grammar import plural

__all__ = [
    "MAX_OVERVIEW_BOARDS",
    "MAX_OVERVIEW_LINES",
    "MAX_OVERVIEW_NODES",
    "Edge",
    "Node",
    "View",
    "build_view",
    "view_names",
]

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
    type: str  # a link type, or a key of words.DIAGRAM_LABELS
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
    apart_label: str | None = None  # the heading of the boxes drawn apart (else words.APART)
    related_label: str | None = None  # the heading of the `related` boxes drawn apart
    # Invisible lines, each from a box to one drawn below it: rows of a folded diagram's
    # separate parts, which would otherwise stand side by side in one very wide row.
    order: tuple[tuple[str, str], ...] = ()

    @property
    def heading(self) -> str:
        """The title with the area and date, on one line: SVG <title>, index headings."""
        return f"{self.title}, {self.place}" if self.place else self.title


# -- names ---------------------------------------------------------------------------------


def has_board_view(board: Board) -> bool:
    return board.kind != "organisation"


def map_areas(gmap: GovernanceMap) -> list[str]:
    """The areas the map's boards name, in the order they first appear."""
    return _basics(gmap).areas


def has_area_views(gmap: GovernanceMap) -> bool:
    """Whether each area has a diagram of its own: on a map of several areas whose overview
    is folded (there, the overview shows areas rather than boards)."""
    basics = _basics(gmap)
    return len(basics.areas) > 1 and len(basics.overview) > MAX_OVERVIEW_BOARDS


def view_names(gmap: GovernanceMap) -> list[str]:
    """Every view of the map, in a fixed order."""
    names = ["overview", "reporting", "challenge"]
    if gmap.themes:
        names.append("themes")
    if has_area_views(gmap):
        names += [f"area-{area}" for area in map_areas(gmap)]
    names += [f"escalation-{route.id}" for route in gmap.escalations]
    names += [f"board-{board.id}" for board in gmap.boards if has_board_view(board)]
    return names


def build_view(gmap: GovernanceMap, name: str, *, with_members: bool = False) -> View:
    """The view called `name`; a UsageError listing the valid names for any other."""
    if name == "overview":
        return overview(gmap, with_members=with_members)
    if name == "reporting":
        return reporting(gmap)
    if name == "challenge":
        return challenge(gmap)
    if name == "themes" and gmap.themes:
        return themes(gmap)
    if name.startswith("area-") and name[len("area-") :] in map_areas(gmap) and has_area_views(gmap):
        return area_view(gmap, name[len("area-") :])
    if name.startswith("escalation-"):
        routes = {route.id: route for route in gmap.escalations}
        if name[len("escalation-") :] in routes:
            return escalation(gmap, name[len("escalation-") :])
    if name.startswith("board-"):
        board = _by_id(gmap).get(name[len("board-") :])
        if board is not None and has_board_view(board):
            return board_view(gmap, board.id)
    raise UsageError(_unknown_view(gmap, name))


def _unknown_view(gmap: GovernanceMap, name: str) -> str:
    names = view_names(gmap)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"this map has no view called '{name}'.{hint} Its views are: {', '.join(names)}"


# -- shared pieces -------------------------------------------------------------------------


@dataclass
class _Index:
    """What the views look up about a map, found in one pass rather than once per view: a
    map of 10,000 boards has some 8,000 board views, each of which would otherwise read
    every board and link."""

    areas_drawn: bool
    position: dict[str, int]  # board id -> its place in the map's order
    by_id: dict[str, Board]  # GovernanceMap.by_id, without pydantic's attribute lookup
    area_names: dict[str, str] = field(default_factory=dict)  # area id -> as readers say it
    links: dict[str, list[Link]] = field(default_factory=dict)  # links to or from a board
    chairs: dict[str, list[str]] = field(default_factory=dict)  # boards a board chairs
    member_of: dict[str, list[str]] = field(default_factory=dict)  # boards it sits on
    # Made when first asked for: the links to or from each area's bodies, and each area's
    # bodies in the overview (the area views of a large map).
    area_links: dict[str, list[Link]] | None = None
    area_bodies: dict[str, list[Board]] | None = None


@dataclass(frozen=True)
class _Basics:
    """What every list of views needs (whether there are area views), made without the
    whole index: a build with nothing to redraw asks only this."""

    areas: list[str]  # the areas the boards name, in the order they first appear
    overview: list[Board]  # the overview's bodies (without --with-members)


_T = TypeVar("_T")
# id(map) -> (a weak reference to the map, what the value was made from, the value)
_Cache = dict[int, tuple[weakref.ref[GovernanceMap], tuple[int, ...], _T]]
_INDEXES: _Cache[_Index] = {}
_BASICS: _Cache[_Basics] = {}


def _per_map(cache: _Cache[_T], gmap: GovernanceMap, make: Callable[[GovernanceMap], _T]) -> _T:
    """`make(gmap)`, kept while the map lives; made again if its lists of boards or links
    were replaced or resized."""
    made_from = (id(gmap.boards), len(gmap.boards), id(gmap.links), len(gmap.links))
    cached = cache.get(id(gmap))
    if cached is not None and cached[0]() is gmap and cached[1] == made_from:
        return cached[2]
    value = make(gmap)
    key = id(gmap)
    cache[key] = (weakref.ref(gmap, lambda _: cache.pop(key, None)), made_from, value)
    return value


def _basics(gmap: GovernanceMap) -> _Basics:
    return _per_map(_BASICS, gmap, _make_basics)


def _make_basics(gmap: GovernanceMap) -> _Basics:
    linked = {link.from_ for link in gmap.links} | {link.to for link in gmap.links}
    return _Basics(
        list(dict.fromkeys(area for board in gmap.boards for area in board.areas)),
        [b for b in gmap.boards if b.kind != "organisation" or b.id in linked],
    )


def _index(gmap: GovernanceMap) -> _Index:
    """The map's index (see _Index)."""
    return _per_map(_INDEXES, gmap, _make_index)


def _make_index(gmap: GovernanceMap) -> _Index:
    index = _Index(
        len({area for board in gmap.boards for area in board.areas}) > 1,
        {board.id: n for n, board in enumerate(gmap.boards)},
        dict(gmap.by_id),
    )
    for link in gmap.links:
        index.links.setdefault(link.from_, []).append(link)
        if link.to != link.from_:
            index.links.setdefault(link.to, []).append(link)
    for board in gmap.boards:
        for chair in board.chairs:
            index.chairs.setdefault(chair, []).append(board.id)
        for member in board.members:
            index.member_of.setdefault(member, []).append(board.id)
    return index


def _areas_drawn(gmap: GovernanceMap) -> bool:
    """Boxes for areas only on maps that span more than one."""
    return _index(gmap).areas_drawn


def _by_id(gmap: GovernanceMap) -> dict[str, Board]:
    return _index(gmap).by_id


def _area_name(gmap: GovernanceMap, area: str) -> str:
    names = _index(gmap).area_names
    if area not in names:
        names[area] = words.area_name(area, gmap.glossary, gmap.area)
    return names[area]


def _in_map_order(gmap: GovernanceMap, ids: Iterable[str]) -> list[Board]:
    """The boards of these ids, in the map's order (ids that are not boards left out):
    cheaper than reading the whole map for a few boards."""
    index = _index(gmap)
    return [
        index.by_id[i]
        for i in sorted((i for i in set(ids) if i in index.position), key=index.position.__getitem__)
    ]


def board_node(
    gmap: GovernanceMap,
    board: Board,
    *,
    focus: bool = False,
    note: str | None = None,
    areas_drawn: bool | None = None,
) -> Node:
    """A board's box; `areas_drawn` is _areas_drawn(gmap), where the caller knows it."""
    if areas_drawn is None:
        areas_drawn = _areas_drawn(gmap)
    area = _area_name(gmap, board.areas[0]) if len(board.areas) == 1 and areas_drawn else None
    return Node(
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


def link_edge(gmap: GovernanceMap, link: Link, *, rank_all: bool) -> Edge:
    ranked = rank_all or link.type in UPWARD_TYPES
    by_id = _by_id(gmap)
    sender, receiver = by_id.get(link.from_), by_id.get(link.to)
    label = words.link_label(
        link,
        sender.short or sender.name if sender else None,
        receiver.short or receiver.name if receiver else None,
    )
    return Edge(link.from_, link.to, link.type, label, ranked=ranked, flip=link.type == "challenges")


def _diagram_edge(tail: str, head: str, kind: str, *, ranked: bool = True) -> Edge:
    return Edge(tail, head, kind, words.DIAGRAM_LABELS[kind], ranked=ranked)


def _heading(gmap: GovernanceMap, key: str, **names: str) -> tuple[str, str]:
    """A view's title and place."""
    return (words.DIAGRAM_TITLES[key].format(**names), words.diagram_place(gmap.area, gmap.as_of))


def _the(gmap: GovernanceMap, board_id: str) -> str:
    """A board's name as a sentence says it ('the Health and Wellbeing Board')."""
    board = _by_id(gmap).get(board_id)
    return words.the(board) if board else board_id


def _date(gmap: GovernanceMap) -> str:
    return words.long_date(gmap.as_of)


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _clauses(clauses: list[str], total: int | None = None) -> str:
    """Clauses joined by semicolons, the list cut short after MAX_CLAUSES; `total` is how
    many there are, where only the first few were made."""
    total = len(clauses) if total is None else total
    if total > MAX_CLAUSES:
        rest = total - MAX_CLAUSES
        clauses = [*clauses[:MAX_CLAUSES], words.DIAGRAM_DESCRIPTIONS["more"].format(count=rest)]
    return "; ".join(clauses)


def _empty(gmap: GovernanceMap, message: str) -> str:
    return words.sentence(
        words.DIAGRAM_DESCRIPTIONS["empty"].format(message=message, date=_date(gmap), area=gmap.area)
    )


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
            tooltip=words.FREE_CHAIR.format(chair=_one_line(chair), board=words.the(board)),
        )
        for n, chair in enumerate(board.chairs, start=1)
        if chair not in by_id
    ]


def _free_chair_edges(chairs: list[Node], board_id: str) -> list[Edge]:
    return [_diagram_edge(chair.id, board_id, "chairs") for chair in chairs]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _related_ways(gmap: GovernanceMap) -> dict[str, set[str]]:
    """Each body -> the ways (keys of words.RELATED_WAYS) it is related to others besides
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
    """'board membership or an escalation route', in the order of words.RELATED_WAYS."""
    names = [text for way, text in words.RELATED_WAYS.items() if way in set(ways)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def merge_parallel(edges: list[Edge]) -> list[Edge]:
    """One line for several links of one type from one board to another, its label listing
    what each says: a fan of parallel lines is hard to follow and wide to draw."""
    groups: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in edges:
        groups.setdefault((edge.tail, edge.head, edge.type), []).append(edge)
    merged = []
    for group in groups.values():
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
    return _basics(gmap).overview


def overview(gmap: GovernanceMap, *, with_members: bool = False) -> View:
    """Every board and link; organisations only where they take part in a link (or, with
    members, all of them and whom they sit on). A large map is folded (boardmap.render.fold):
    several bodies drawn as one box, the lines between boxes counted."""
    boards = overview_boards(gmap, with_members=with_members)
    if len(boards) > MAX_OVERVIEW_BOARDS:
        return _folded_overview(gmap, boards, with_members=with_members)
    nodes = [board_node(gmap, b) for b in boards]
    shown = {node.id for node in nodes}
    rank_all = len(gmap.links) <= MAX_RANKED_EDGES
    edges = [link_edge(gmap, link, rank_all=rank_all) for link in gmap.links]
    edges += _chair_edges(gmap, shown, boards)
    for board in boards:  # chairs given as free text, each in a box of its own
        chairs = free_chairs(gmap, board)
        nodes += chairs
        edges += _free_chair_edges(chairs, board.id)
        shown.update(chair.id for chair in chairs)
    if with_members:
        edges += [
            _diagram_edge(member, b.id, "member", ranked=rank_all)
            for b in boards
            for member in b.members
            if member in shown
        ]
    edges = merge_parallel([e for e in edges if e.tail in shown and e.head in shown])
    touched = {e.tail for e in edges} | {e.head for e in edges}
    # Drawn apart: those no line joins; of them, those related to others in ways this view
    # draws no line for go in a box of their own, so that the box of the unlinked holds only
    # bodies with no relationship of any kind in the map.
    ways = _related_ways(gmap)
    nodes = [
        replace(node, apart=node.id not in touched, related=node.id not in touched and node.id in ways)
        for node in nodes
    ]
    related = {way for node in nodes if node.related for way in ways[node.id]}
    related_text = _ways_text(related) if related else None
    related_label = words.APART_RELATED.format(ways=related_text) if related_text else None
    return View(
        "overview",
        "overview",
        *_heading(gmap, "overview"),
        _describe_overview(gmap, nodes, edges, related_text),
        tuple(nodes),
        tuple(edges),
        related_label=related_label,
    )


def _folded_overview(gmap: GovernanceMap, boards: list[Board], *, with_members: bool) -> View:
    rank_all = len(gmap.links) <= MAX_RANKED_EDGES
    edges = [link_edge(gmap, link, rank_all=rank_all) for link in gmap.links]
    ids = {b.id for b in boards}
    edges += _chair_edges(gmap, ids, boards)
    if with_members:
        edges += [
            _diagram_edge(member, b.id, "member", ranked=rank_all)
            for b in boards
            for member in b.members
            if member in ids
        ]
    fitted = _fit(gmap, boards, edges)
    if fitted.unlinked:  # "not linked to any other body" only where it has no relationship
        ways = _related_ways(gmap)
        if any(
            b in ways
            for node in fitted.nodes
            if node.apart
            for b in (node.id, *fitted.fold.inside.get(node.id, ()))
        ):
            fitted = replace(fitted, unlinked=False)
    d = words.DIAGRAM_DESCRIPTIONS
    description = words.sentence(
        d["overview-folded"].format(
            bodies=f"{len(boards):,}",
            area=gmap.area,
            date=_date(gmap),
            count=len(fitted.nodes),
            fold=_fold_short(fitted),
            lines=_fitted_lines(fitted),
        )
    )
    return _fitted_view(gmap, "overview", "overview", _heading(gmap, "overview"), description, fitted)


def _fitted_view(
    gmap: GovernanceMap,
    name: str,
    kind: str,
    title: tuple[str, str],
    description: str,
    fitted: _Fitted,
    direction: str = "BT",
) -> View:
    return View(
        name,
        kind,
        *title,
        description,
        tuple(fitted.nodes),
        tuple(fitted.edges),
        direction=direction,
        note=_fold_note(gmap, fitted) if fitted.folded else None,
        apart_label=None if fitted.unlinked else words.APART_FOLDED,
    )


# -- folding a large view ------------------------------------------------------------------


@dataclass(frozen=True)
class _Fitted:
    """A view folded to fit: the fold kept, its boxes and lines, what else it drew as one
    box (keys of words.FOLD_EXTRA_NOTES), how many links join bodies inside one box, and
    whether the boxes drawn apart (those no line joins to another) have no links at all."""

    fold: folding.Fold
    nodes: list[Node]
    edges: list[Edge]
    extras: tuple[str, ...]
    inside: int
    unlinked: bool

    @property
    def folded(self) -> bool:
        return bool(self.fold.what or self.extras)


def _fit(
    gmap: GovernanceMap,
    boards: list[Board],
    edges: list[Edge],
    *,
    every: list[Board] | None = None,
    links: list[Link] | None = None,
    by_area: bool = True,
    fixed: dict[str, folding.Home] | None = None,
    unfolded: bool = False,
    themed: bool = False,
    first: bool = False,
) -> _Fitted:
    """The first fold (boardmap.render.fold) of `boards` that draws few enough boxes and
    lines: with a line for each type of link between two boxes, else one line for all of
    them. Where none does, the heaviest fold; with `first`, the first fold, whatever it
    draws. `themed`: the map's shared priorities are drawn too, those led from one box as
    one box. Boxes that no line joins to another are drawn apart, in rows."""
    last: tuple[folding.Fold, dict[str, str], list[Node]] | None = None
    for fold in folding.folds(
        gmap, boards, every=every, links=links, by_area=by_area, fixed=fixed, unfolded=unfolded
    ):
        into, extra = _fold_themes(gmap, fold.into) if themed else (fold.into, [])
        last = fold, into, extra
        if first:
            return _fitted(gmap, fold, into, extra, _folded_edges(edges, into), edges)
        boxes = len(fold.inside) + len(extra)
        if boxes > MAX_OVERVIEW_NODES:
            continue
        # How many lines each way would draw, counted before any line is made.
        typed, pairs = _line_counts(edges, into)
        if typed <= min(MAX_OVERVIEW_LINES, LINES_PER_BOX * boxes):
            return _fitted(gmap, fold, into, extra, _folded_edges(edges, into), edges)
        if pairs <= MAX_OVERVIEW_LINES:
            return _fitted(gmap, fold, into, extra, _mixed_edges(_folded_edges(edges, into)), edges)
    assert last is not None  # folds() yields at least one
    fold, into, extra = last
    return _fitted(gmap, fold, into, extra, _mixed_edges(_folded_edges(edges, into)), edges)


def _line_counts(edges: list[Edge], into: dict[str, str]) -> tuple[int, int]:
    """How many lines _folded_edges would draw, and how many _mixed_edges would."""
    typed: set[tuple[str, str, str]] = set()
    for edge in edges:
        tail, head = into.get(edge.tail), into.get(edge.head)
        if tail is not None and head is not None and tail != head:
            typed.add((tail, head, edge.type))
    return len(typed), len({(tail, head) for tail, head, _ in typed})


def _fitted(
    gmap: GovernanceMap,
    fold: folding.Fold,
    into: dict[str, str],
    extra: list[Node],
    lines: list[Edge],
    edges: list[Edge],
) -> _Fitted:
    nodes: list[Node] = []
    by_id = _by_id(gmap)
    area_views = any(group.area for group in fold.groups.values()) and has_area_views(gmap)
    for box, inside in fold.inside.items():
        group = fold.groups.get(box)
        if group is None:
            kinds = [by_id[b].kind for b in inside]
            note = words.FOLDED.format(things=folding.things(kinds)) if kinds else None
            nodes.append(board_node(gmap, by_id[box], note=note))
        else:
            node = _group_node(gmap, group)
            if group.area and area_views:  # an area's box opens the area's own diagram
                node = replace(node, link=f"{safe_name('area-' + group.area)}.svg")
            nodes.append(node)
    nodes += extra
    touched = {e.tail for e in lines} | {e.head for e in lines}
    # A box joined to no other is drawn in the rows of those apart, not on the top rank.
    nodes = [node if node.id in touched else replace(node, apart=True, top=False) for node in nodes]
    linked = {e.tail for e in edges} | {e.head for e in edges}
    unlinked = not any(
        node.id in linked or any(b in linked for b in fold.inside.get(node.id, ()))
        for node in nodes
        if node.apart
    )
    lines = _stagger(nodes, lines)
    drawable = sum(1 for e in edges if e.tail in into and e.head in into)
    extras = (
        ("themes",)
        if any(node.kind == "theme" and node.board is None and node.id.startswith("fold_") for node in extra)
        else ()
    ) + (("elsewhere",) if any(g.key == "elsewhere" for g in fold.groups.values()) else ())
    return _Fitted(fold, nodes, lines, extras, drawable - sum(line.count for line in lines), unlinked)


def _fold_themes(gmap: GovernanceMap, into: dict[str, str]) -> tuple[dict[str, str], list[Node]]:
    """The map's shared priorities beside a fold's boxes: each in the box of its lead (else
    of its first supporter drawn); several in one box drawn as one box that counts them."""
    homes: dict[str, list[Theme]] = {}
    for theme in gmap.themes:
        ends = [b for b in (theme.lead, *theme.supports) if b is not None and b in into]
        homes.setdefault(into[ends[0]] if ends else "", []).append(theme)
    into = dict(into)
    nodes: list[Node] = []
    for together in homes.values():
        if len(together) == 1:
            nodes.append(_theme_node(together[0]))
            into[nodes[-1].id] = nodes[-1].id
            continue
        node_id = f"fold_themes_{len(nodes) + 1}"  # an underscore: no theme id has one
        unled = sum(1 for theme in together if theme.lead is None)
        nodes.append(
            Node(
                node_id,
                words.FOLDED_THEMES.format(count=len(together)),
                "theme",
                note=words.FOLDED_UNLED.format(count=unled) if unled else None,
                tooltip=_clauses([theme.name for theme in together]),
                gap=unled > 0,
            )
        )
        into.update((f"theme-{theme.id}", node_id) for theme in together)
    return into, nodes


def _fold_note(gmap: GovernanceMap, fitted: _Fitted) -> str:
    """The note under a folded view's title: what was folded, and where to see the rest."""
    parts = [part for part in (fitted.fold.what,) if part]
    parts += [words.FOLD_EXTRA_NOTES[key] for key in fitted.extras]
    text = "; ".join(parts)
    if not fitted.fold.what:
        text = words.FOLD_HEAD + text
    more = words.FOLD_MORE_AREAS if has_area_views(gmap) else words.FOLD_MORE
    return f"{text}. {more}."


def _fold_short(fitted: _Fitted) -> str:
    """What was folded, as a folded view's description says it."""
    parts = [part for part in (fitted.fold.short,) if part]
    return "; ".join(parts + [words.FOLD_EXTRA_SHORT[key] for key in fitted.extras])


def _group_node(gmap: GovernanceMap, group: folding.Group) -> Node:
    """A box for several bodies: no board of its own to link to; its tooltip counts every
    kind of body inside it."""
    members = [_by_id(gmap)[b] for b in group.members]
    every_kind = folding.things((b.kind for b in members), named=None)
    tooltip = f"{group.text}: {words.FOLDED_BODIES.format(count=len(members), things=every_kind)}"
    return Node(id=group.id, text=group.text, kind="folded", note=group.note, tooltip=tooltip)


def _folded_edges(edges: list[Edge], into: dict[str, str]) -> list[Edge]:
    """Lines moved to the boxes their ends are drawn in; lines inside one box dropped. One
    line for each type between two boxes: where all its links join the two boards it joins,
    it lists what they say (merge_parallel); where it stands for links of bodies folded into
    a box, its label counts them."""
    groups: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in edges:
        tail, head = into.get(edge.tail), into.get(edge.head)
        if tail is not None and head is not None and tail != head:
            groups.setdefault((tail, head, edge.type), []).append(edge)
    kept: list[Edge] = []
    for (tail, head, kind), group in groups.items():
        if len(group) == 1 or all(e.tail == tail and e.head == head for e in group):
            kept += [replace(e, tail=tail, head=head, count=len(group)) for e in merge_parallel(group)]
        else:
            kept.append(
                replace(
                    group[0], tail=tail, head=head, also=(), count=len(group), text=_counted(kind, len(group))
                )
            )
    return kept


def _phrase(kind: str) -> str:
    return words.LINK_LABELS.get(kind) or words.DIAGRAM_LABELS[kind]


def _counted(kind: str, count: int) -> str:
    """'keeps informed (12 links)'."""
    return words.FOLDED_LINE.format(phrase=_phrase(kind), count=count, s=_plural(count))


def _mixed_edges(lines: list[Edge]) -> list[Edge]:
    """One line from one box to another for lines of several types: its label counts the
    links, its tooltip says how many of each type."""
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for line in lines:
        pairs.setdefault((line.tail, line.head), []).append(line)
    kept: list[Edge] = []
    for (tail, head), group in pairs.items():
        if len(group) == 1:
            kept += group
            continue
        count = sum(line.count for line in group)
        tooltip = "; ".join(
            _counted(line.type, line.count) for line in sorted(group, key=lambda line: -line.count)
        )
        kept.append(
            Edge(
                tail,
                head,
                "links",
                words.FOLDED_MIXED.format(count=count, kinds=len(group)),
                ranked=any(line.ranked for line in group),
                count=count,
                tooltip=tooltip,
            )
        )
    return kept


def _stagger(nodes: list[Node], lines: list[Edge]) -> list[Edge]:
    """Boxes at the foot of the chart, when there are many, spread over a few rows (longer
    ranked lines for every other one), so the picture is not one very wide row."""
    heads = {line.head if not line.flip else line.tail for line in lines if line.ranked}
    tails = {line.tail if not line.flip else line.head for line in lines if line.ranked}
    feet = [node.id for node in nodes if node.id in tails and node.id not in heads]
    if len(feet) <= STAGGER_ABOVE:
        return lines
    rows = -(-len(feet) // STAGGER_ABOVE)
    length = {box: 1 + n % rows for n, box in enumerate(feet)}
    return [
        replace(line, length=length[foot])
        if line.ranked and (foot := line.head if line.flip else line.tail) in length
        else line
        for line in lines
    ]


def _fitted_lines(fitted: _Fitted) -> str:
    return _lines_text(fitted.nodes, fitted.edges, fitted.inside, unlinked=fitted.unlinked)


def _lines_text(
    nodes: list[Node],
    edges: list[Edge],
    inside: int = 0,
    *,
    unlinked: bool = True,
    related: str | None = None,
) -> str:
    """'12 lines, of which 8 “reports to” lines and 4 “keeps informed” lines; 2 of them are linked to
    no other body', and for a folded view how many links are inside boxes (`unlinked`:
    whether the boxes drawn apart have no links at all, or only links inside them;
    `related`: the ways the `related` boxes are related to others)."""
    d = words.DIAGRAM_DESCRIPTIONS
    counts: dict[str, int] = {}
    for edge in edges:
        phrase = _phrase(edge.type)
        counts[phrase] = counts.get(phrase, 0) + 1
    if edges:
        # '8 “reports to” lines': the label in quotes, then what it counts, so that a label
        # ending on 'to' does not end the sentence.
        kinds = words.join_names(
            [
                f"{n} “{text}” {plural('line', n)}"
                for text, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            ]
        )
        lines = d["overview-lines"].format(count=len(edges), s=_plural(len(edges)), kinds=kinds)
    else:
        lines = d["overview-no-lines"]
    alone = sum(1 for node in nodes if node.apart and not node.related)
    if alone and edges:
        lines += "; " + d["overview-isolated" if unlinked else "folded-apart"].format(
            count=alone, verb="is" if alone == 1 else "are"
        )
    others = sum(1 for node in nodes if node.related)
    if others and related:
        lines += "; " + d["overview-related"].format(
            count=others, verb="is" if others == 1 else "are", ways=related
        )
    if inside > 0 and not edges:
        return d["folded-all-inside"].format(count=f"{inside:,}", s=_plural(inside))
    if inside > 0:
        lines += "; " + d["folded-inside"].format(count=f"{inside:,}", s=_plural(inside))
    return lines


def _describe_overview(
    gmap: GovernanceMap, nodes: list[Node], edges: list[Edge], related: str | None = None
) -> str:
    bodies = sum(1 for node in nodes if node.board is not None)  # not free-text chairs
    return words.sentence(
        words.DIAGRAM_DESCRIPTIONS["overview"].format(
            count=bodies, area=gmap.area, date=_date(gmap), lines=_lines_text(nodes, edges, related=related)
        )
    )


# -- one board -----------------------------------------------------------------------------


def board_view(gmap: GovernanceMap, board_id: str) -> View:
    """The board, everything linked to it, its chairs and members, and what it chairs."""
    index = _index(gmap)
    by_id = index.by_id
    focus = by_id[board_id]
    links = index.links.get(board_id, [])
    rank_all = len(links) <= MAX_RANKED_EDGES
    edges = merge_parallel([link_edge(gmap, link, rank_all=rank_all) for link in links])
    edges += [
        _diagram_edge(chair, board_id, "chairs")
        for chair in focus.chairs
        if chair in by_id and chair != board_id
    ]
    chairs = free_chairs(gmap, focus)
    edges += _free_chair_edges(chairs, board_id)
    edges += [
        _diagram_edge(board_id, chaired, "chairs")
        for chaired in dict.fromkeys(index.chairs.get(board_id, []))
        if chaired != board_id
    ]
    edges += [
        _diagram_edge(member, board_id, "member", ranked=rank_all)
        for member in focus.members
        if member in by_id and member != board_id
    ]
    edges += [
        _diagram_edge(board_id, other, "member", ranked=rank_all)
        for other in dict.fromkeys(index.member_of.get(board_id, []))
        if other != board_id
    ]
    touched = {e.tail for e in edges} | {e.head for e in edges} | {board_id}
    # The board first, then the others in the map's order.
    order = sorted(
        (i for i in touched if i in index.position), key=lambda i: (i != board_id, index.position[i])
    )
    lone = None if edges else words.NO_LINKS
    nodes = [
        board_node(
            gmap,
            by_id[i],
            focus=i == board_id,
            note=lone if i == board_id else None,
            areas_drawn=index.areas_drawn,
        )
        for i in order
    ] + chairs
    title = _heading(gmap, "board", board=focus.label)
    names = {chair.id: chair.text for chair in chairs}
    return View(
        f"board-{board_id}",
        "board",
        *title,
        _describe_board(gmap, focus, edges, names),
        tuple(nodes),
        tuple(edges),
    )


def _describe_board(
    gmap: GovernanceMap, focus: Board, edges: list[Edge], names: dict[str, str] | None = None
) -> str:
    """`names`: the words for boxes that are not boards (free-text chairs)."""
    names = names or {}
    d = words.DIAGRAM_DESCRIPTIONS
    if not edges:
        return words.sentence(d["board-no-links"].format(board=focus.label, area=gmap.area, date=_date(gmap)))
    clauses = []
    for edge in edges[: MAX_CLAUSES + 1]:  # _clauses says how many more after MAX_CLAUSES
        if edge.tail == focus.id:
            clauses.append("it " + _verb(edge.type, _the(gmap, edge.head)))
        else:
            clauses.append(f"{names.get(edge.tail) or _the(gmap, edge.tail)} {_verb(edge.type, 'it')}")
    return words.sentence(
        d["board"].format(
            board=focus.label, area=gmap.area, date=_date(gmap), clauses=_clauses(clauses, len(edges))
        )
    )


def _verb(kind: str, other: str) -> str:
    if kind in words.LINK_VERBS:
        return words.LINK_VERBS[kind].format(b=other)
    return f"{words.DIAGRAM_LABELS[kind]} {other}"


# -- reporting and challenge ---------------------------------------------------------------


def _typed_nodes(gmap: GovernanceMap, edges: list[Edge], *, with_top: bool = False) -> list[Node]:
    touched = {e.tail for e in edges} | {e.head for e in edges}
    return [board_node(gmap, b) for b in gmap.boards if b.id in touched or (with_top and b.top)]


def _fit_typed(gmap: GovernanceMap, nodes: list[Node], edges: list[Edge], *, themed: bool = False) -> _Fitted:
    """A view of one kind of line, folded as the overview is (the same boxes for the same
    areas); its bodies fold into those above them in the whole map."""
    by_id = _by_id(gmap)
    boards = [by_id[node.id] for node in nodes if node.board is not None]
    return _fit(gmap, boards, edges, every=overview_boards(gmap), themed=themed)


def reporting(gmap: GovernanceMap) -> View:
    """Lines of accountability as a hierarchy, `top` bodies at the top."""
    links = [link_edge(gmap, link, rank_all=True) for link in gmap.links if link.type in REPORTING_TYPES]
    edges = merge_parallel(links)
    nodes = _typed_nodes(gmap, edges, with_top=True)
    title = _heading(gmap, "reporting")
    if not nodes:
        message = words.EMPTY_VIEWS["reporting"]
        return View("reporting", "reporting", *title, _empty(gmap, message), (), (), empty=message)
    d = words.DIAGRAM_DESCRIPTIONS
    if len(nodes) > MAX_OVERVIEW_BOARDS:
        fitted = _fit_typed(gmap, nodes, links)
        description = words.sentence(
            d["reporting-folded"].format(
                area=gmap.area,
                date=_date(gmap),
                links=f"{len(links):,}",
                bodies=f"{len(nodes):,}",
                count=len(fitted.nodes),
                fold=_fold_short(fitted),
                lines=_fitted_lines(fitted),
            )
        )
        return _fitted_view(gmap, "reporting", "reporting", title, description, fitted)
    below = {e.tail for e in edges}
    tops = [_the(gmap, node.id) for node in nodes if node.id not in below]
    description = words.sentence(
        d["reporting"].format(
            area=gmap.area,
            date=_date(gmap),
            count=len(edges),
            s=_plural(len(edges)),
            bodies=len(nodes),
            tops=words.join_names(tops),
        )
    )
    # Boards that answer to no one: a root of the tree says so (unless the map marks it as
    # the top), and a board with no reporting line at all is drawn apart, not left out.
    kinds = {b.id: b.kind for b in gmap.boards}
    nodes = [
        replace(node, note=words.ANSWERS_TO_NO_ONE)
        if kinds.get(node.id) in GOVERNANCE_KINDS and node.id not in below and not node.top
        else node
        for node in nodes
    ]
    shown = {node.id for node in nodes}
    alone = [
        replace(board_node(gmap, b), apart=True)
        for b in gmap.boards
        if b.kind in GOVERNANCE_KINDS and b.id not in shown
    ]
    return View(
        "reporting",
        "reporting",
        *title,
        description,
        (*nodes, *alone),
        tuple(edges),
        apart_label=words.APART_REPORTING if alone else None,
    )


def challenge(gmap: GovernanceMap) -> View:
    """Who holds whom to account: the holder drawn above the body it holds to account."""
    links = [link for link in gmap.links if link.type == "challenges"]
    edges = merge_parallel([link_edge(gmap, link, rank_all=len(links) <= MAX_RANKED_EDGES) for link in links])
    nodes = _typed_nodes(gmap, edges)
    title = _heading(gmap, "challenge")
    if not nodes:
        message = words.EMPTY_VIEWS["challenge"]
        return View("challenge", "challenge", *title, _empty(gmap, message), (), (), empty=message)
    if len(nodes) > MAX_OVERVIEW_BOARDS:
        # Folded, few enough lines remain for each to set the layout's ranks.
        fitted = _fit_typed(gmap, nodes, [link_edge(gmap, link, rank_all=True) for link in links])
        description = words.sentence(
            words.DIAGRAM_DESCRIPTIONS["challenge-folded"].format(
                area=gmap.area,
                date=_date(gmap),
                links=f"{len(links):,}",
                bodies=f"{len(nodes):,}",
                count=len(fitted.nodes),
                fold=_fold_short(fitted),
                lines=_fitted_lines(fitted),
            )
        )
        return _fitted_view(gmap, "challenge", "challenge", title, description, fitted)
    clauses = [f"{_the(gmap, e.tail)} {_verb(e.type, _the(gmap, e.head))}" for e in edges]
    description = words.sentence(
        words.DIAGRAM_DESCRIPTIONS["challenge"].format(
            area=gmap.area, date=_date(gmap), clauses=_clauses(clauses)
        )
    )
    return View("challenge", "challenge", *title, description, tuple(nodes), tuple(edges))


# -- themes --------------------------------------------------------------------------------


def _theme_node(theme: Theme) -> Node:
    return Node(
        f"theme-{theme.id}",
        theme.name,
        "theme",
        tooltip=theme.description,
        note=None if theme.lead else words.NO_LEAD,
        gap=theme.lead is None,
    )


def themes(gmap: GovernanceMap) -> View:
    """Who leads and who supports each shared priority: boards above, priorities below."""
    d = words.DIAGRAM_DESCRIPTIONS
    theme_nodes: list[Node] = []
    edges: list[Edge] = []
    clauses: list[str] = []
    for theme in gmap.themes:
        node_id = f"theme-{theme.id}"
        theme_nodes.append(_theme_node(theme))
        if theme.lead:
            edges.append(_diagram_edge(theme.lead, node_id, "leads"))
            clause = d["theme-led"].format(theme=theme.name, lead=_the(gmap, theme.lead))
        else:
            clause = d["theme-unled"].format(theme=theme.name)
        edges += [_diagram_edge(board_id, node_id, "supports") for board_id in theme.supports]
        if theme.supports:
            clause = d["theme-supported"].format(
                theme_clause=clause, supports=words.join_names([_the(gmap, b) for b in theme.supports])
            )
        clauses.append(clause)
    boards = _typed_nodes(gmap, edges)
    title = _heading(gmap, "themes")
    count = len(gmap.themes)
    if len(boards) > MAX_OVERVIEW_BOARDS:
        fitted = _fit_typed(gmap, boards, edges, themed=True)
        description = words.sentence(
            d["themes-folded"].format(
                themes=f"{count:,}",
                area=gmap.area,
                date=_date(gmap),
                bodies=f"{len(boards):,}",
                count=len(fitted.nodes),
                fold=_fold_short(fitted),
                lines=_fitted_lines(fitted),
            )
        )
        view = _fitted_view(gmap, "themes", "themes", title, description, fitted, direction="TB")
        order = _rows_of_parts(fitted.nodes, fitted.edges)
        if not order:
            return view
        # In rows, each part's lines keep their length (no staggering of a long bottom row).
        return replace(view, order=order, edges=tuple(replace(edge, length=None) for edge in view.edges))
    nodes = boards + theme_nodes
    edges = _between(nodes, edges)
    description = words.sentence(
        d["themes"].format(
            count=count,
            ies="y" if count == 1 else "ies",
            area=gmap.area,
            date=_date(gmap),
            clauses=_clauses(clauses),
        )
    )
    return View("themes", "themes", *title, description, tuple(nodes), tuple(edges), direction="TB")


def _area_bodies(gmap: GovernanceMap) -> dict[str, list[Board]]:
    """Each area -> the overview's bodies that name it, in the map's order."""
    index = _index(gmap)
    if index.area_bodies is None:
        index.area_bodies = {}
        for board in overview_boards(gmap):
            for area in dict.fromkeys(board.areas):
                index.area_bodies.setdefault(area, []).append(board)
    return index.area_bodies


def _area_links(gmap: GovernanceMap) -> dict[str, list[Link]]:
    """Each area -> the links to or from its bodies, in the map's order (one pass for all
    the area views)."""
    index = _index(gmap)
    if index.area_links is None:
        index.area_links = {}
        by_id = index.by_id
        for link in gmap.links:
            ends = (by_id.get(link.from_), by_id.get(link.to))
            for area in dict.fromkeys(a for end in ends if end is not None for a in end.areas):
                index.area_links.setdefault(area, []).append(link)
    return index.area_links


def _rows_of_parts(nodes: list[Node], lines: list[Edge]) -> tuple[tuple[str, str], ...]:
    """Where the boxes of a folded themes diagram fall into many separate parts (each area
    with its priorities), invisible lines that draw the parts in rows of PARTS_PER_ROW:
    from the last priority of each part to the first box of the part below it."""
    part = {node.id: node.id for node in nodes if not node.apart}

    def find(box: str) -> str:
        while part[box] != box:
            part[box] = part[part[box]]
            box = part[box]
        return box

    for line in lines:
        a, b = find(line.tail), find(line.head)
        if a != b:
            part[b] = a
    parts: dict[str, list[Node]] = {}
    for node in nodes:
        if not node.apart:
            parts.setdefault(find(node.id), []).append(node)
    if len(parts) <= PARTS_PER_ROW:
        return ()
    ends = [
        (
            next((n.id for n in members if n.kind != "theme"), members[0].id),
            next((n.id for n in reversed(members) if n.kind == "theme"), members[-1].id),
        )
        for members in parts.values()
    ]
    return tuple((ends[n][1], ends[n + PARTS_PER_ROW][0]) for n in range(len(ends) - PARTS_PER_ROW))


# -- one area ------------------------------------------------------------------------------


def area_view(gmap: GovernanceMap, area: str) -> View:
    """The overview of one area, on a map of several: the bodies that name the area (those
    it shares with others too), the bodies outside every area linked to them (national
    bodies), and one box for the bodies of other areas linked to them; folded as the
    overview of a one-area map is where it has more than MAX_OVERVIEW_BOARDS bodies."""
    index = _index(gmap)
    own = {b.id for b in _area_bodies(gmap).get(area, [])}
    links = _area_links(gmap).get(area, [])
    outside = {end for link in links for end in (link.from_, link.to) if end not in own}
    boards = _in_map_order(gmap, own | outside)
    elsewhere: dict[str, folding.Home] = {
        i: ("elsewhere", "") for i in outside if i in index.by_id and index.by_id[i].areas
    }
    rank_all = len(links) <= MAX_RANKED_EDGES
    edges = [link_edge(gmap, link, rank_all=rank_all) for link in links]
    edges += _chair_edges(gmap, {b.id for b in boards}, [b for b in boards if b.id in own])
    alone = len(boards) - len(elsewhere)  # the bodies drawn as themselves, unfolded
    fitted = _fit(
        gmap,
        boards,
        edges,
        links=links,
        by_area=False,
        fixed=elsewhere,
        unfolded=alone <= MAX_OVERVIEW_BOARDS,
        first=alone <= MAX_OVERVIEW_BOARDS,
    )
    # One area: no box for it around its bodies (the title names it).
    fitted = replace(fitted, nodes=[replace(node, area=None) for node in fitted.nodes])
    name = _area_name(gmap, area)
    d = words.DIAGRAM_DESCRIPTIONS
    if fitted.folded:
        description = d["area-folded"].format(
            bodies=f"{len(own):,}",
            name=name,
            date=_date(gmap),
            count=len(fitted.nodes),
            fold=_fold_short(fitted),
            lines=_fitted_lines(fitted),
        )
    else:
        description = d["area"].format(
            count=len(own), name=name, date=_date(gmap), lines=_fitted_lines(fitted)
        )
    return _fitted_view(
        gmap, f"area-{area}", "area", _heading(gmap, "area", area=name), words.sentence(description), fitted
    )


# -- escalation routes ---------------------------------------------------------------------


def escalation(gmap: GovernanceMap, route_id: str) -> View:
    """A route's numbered steps as a flowchart: from the boards it is between, step by step,
    to whoever takes part in the last step (they settle it)."""
    route = next(r for r in gmap.escalations if r.id == route_id)
    last = len(route.steps)
    steps = [
        Node(f"step-{n}", step.action, "step", heading=words.STEP_LABEL.format(n=n), final=n == last)
        for n, step in enumerate(route.steps, start=1)
    ]
    edges = [_diagram_edge(board_id, "step-1", "starts") for board_id in route.between]
    edges += [_diagram_edge(f"step-{n}", f"step-{n + 1}", "next") for n in range(1, last)]
    for n, step in enumerate(route.steps, start=1):
        # The boards the route is between take part throughout; lines back up to them from
        # every step would only tangle the chart (the steps' own words say who acts).
        for board_id in (b for b in step.involves if b not in route.between):
            if n == last:  # ranked: whoever settles it stands at the foot of the chart
                edges.append(_diagram_edge(f"step-{n}", board_id, "settles"))
            else:
                edges.append(_diagram_edge(f"step-{n}", board_id, "involves", ranked=False))
    touched = {e.tail for e in edges} | {e.head for e in edges}
    nodes = [board_node(gmap, b) for b in _in_map_order(gmap, touched)] + steps
    edges = _between(nodes, edges)
    settlers = route.steps[-1].involves or route.between
    description = words.sentence(
        words.DIAGRAM_DESCRIPTIONS["escalation"].format(
            area=gmap.area,
            date=_date(gmap),
            route=f"“{route.name}”",
            count=last,
            s=_plural(last),
            between=words.join_names([_the(gmap, b) for b in route.between]),
            settlers=words.join_names([_the(gmap, b) for b in settlers]),
        )
    )
    title = _heading(gmap, "escalation", route=route.name)
    return View(
        f"escalation-{route.id}",
        "escalation",
        *title,
        description,
        tuple(nodes),
        tuple(edges),
        direction="TB",
        legend_beside=True,
    )
