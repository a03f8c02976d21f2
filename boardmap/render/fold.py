"""A large map's overview folded to a readable size: several bodies drawn as one box.

Up to MAX_OVERVIEW_BOARDS bodies, the overview draws every one. Above that, `folds` gives
ways of folding that draw fewer and fewer boxes, and the overview keeps the first that
needs at most MAX_OVERVIEW_NODES boxes and MAX_OVERVIEW_LINES lines (or else the last):

- sub-groups: each sub-group inside the first body above it that is not a sub-group;
- groups: the same for sub-groups and officers' groups;
- on maps of several areas:
  - areas: one box for each area's bodies, and one for the bodies each set of areas
    shares (a police force, a care board);
  - regions: one box for each group of areas joined by the bodies they share;
  - then the same with the bodies outside the areas (national bodies) in one box;
- on maps of one area, top: only the top two levels, then the top level, of who answers
  to whom, each box holding the bodies beneath it; roles, organisations and outside bodies
  with no reporting line counted in one box per kind.

"Above" follows each body's first reporting line (sub-group-of before reports-to, in the
map's order), so every body has one place to fold into and the result is the same on every
run. A box that would hold a single body is drawn as that body.

The same folds serve the other views of a large map (reporting, challenge, themes: `every`
gives the bodies whose reporting lines and areas decide where a body goes, so a sub-group
folds into its parent even where the parent has no line of its own in the view, and every
view groups the areas alike) and each area's own overview (`by_area=False`: the folds of a
one-area map; `fixed` puts the bodies of other areas in one box).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from boardmap.model import Board, GovernanceMap, Link
from boardmap.say.diagrams import (
    FOLD_LEVELS,
    FOLD_MORE,
    FOLD_NOTES,
    FOLD_SHORT,
    FOLDED_BODIES,
    FOLDED_ELSEWHERE,
    FOLDED_KIND,
    FOLDED_OTHERS,
    FOLDED_OUTSIDE,
    FOLDED_SHARED,
)
from boardmap.say.grammar import count as counted
from boardmap.say.grammar import join
from boardmap.say.names import area_name
from boardmap.say.vocab import KIND_NAMES, count_of

# An overview with more bodies than this is folded.
MAX_OVERVIEW_BOARDS = 60
# A fold is kept when it draws at most this many boxes and lines: more cannot be read on a
# page, and Graphviz slows (its WebAssembly build can run out of stack) on bigger graphs.
MAX_OVERVIEW_NODES = 80
MAX_OVERVIEW_LINES = 60
# Kinds that the "groups" fold draws inside the bodies they work for.
GROUP_KINDS = frozenset({"sub-group", "officer-group"})
# Kinds that the "top" fold counts in one box per kind, where they have no reporting line.
LOOSE_KINDS = ("role", "organisation", "external")
# A box's label names this many kinds of body it holds, then says how many others.
KINDS_NAMED = 3

# What a body is folded into: a board's id (the body drawn with others inside it), or a
# key for a box that is not a board: ("area", id), ("shared", ids), ("region", ids),
# ("kind", kind), ("outside", ""), ("elsewhere", "") (an area's view: other areas' bodies).
Home = str | tuple[str, str] | tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Group:
    """A box that stands for several bodies and is not itself a board."""

    id: str
    text: str
    members: tuple[str, ...]  # board ids, in the map's order
    note: str | None = None
    key: str = ""  # what it holds: "area", "shared", "region", "kind", "outside", "elsewhere"
    area: str | None = None  # the area, for a box of one area's bodies


@dataclass(frozen=True)
class Fold:
    level: str  # a key of FOLD_NOTES, or "none" (only `fixed` bodies folded)
    into: dict[str, str]  # every body drawn -> the id of its box (its own id if not folded)
    groups: dict[str, Group]  # the boxes that are not boards, by id
    # box id -> the bodies folded into it (for a board's box, not the board itself), in the
    # map's order; boxes in the map's order of the first body they hold
    inside: dict[str, list[str]]
    levels: int = 0  # for "top": how many levels of the reporting tree are drawn

    @property
    def boxes(self) -> list[str]:
        return list(self.inside)

    @property
    def what(self) -> str:
        """What was folded, as the note under the title says it ("" for the fold "none")."""
        if self.level == "none":
            return ""
        return FOLD_NOTES[self.level].format(levels=FOLD_LEVELS.get(self.levels, ""))

    @property
    def note(self) -> str:
        """The note under the diagram's title."""
        return f"{self.what}. {FOLD_MORE}."

    @property
    def short(self) -> str:
        """What was folded, as the diagram's description says it ("" for the fold "none")."""
        if self.level == "none":
            return ""
        return FOLD_SHORT[self.level].format(levels=FOLD_LEVELS.get(self.levels, ""))


def folds(
    gmap: GovernanceMap,
    boards: list[Board],
    *,
    every: list[Board] | None = None,
    links: list[Link] | None = None,
    by_area: bool = True,
    fixed: dict[str, Home] | None = None,
    unfolded: bool = False,
) -> Iterator[Fold]:
    """Folds of a view of `boards`, from the lightest to the heaviest; each is made only
    when asked for (when the one before draws too much).

    `every`: the bodies whose reporting lines say what is above what, and whose areas make
    the groups of areas (default: `boards`); `links`: the links that hold their reporting
    lines (default: the map's). `by_area`: whether bodies may fold into boxes
    of areas, where they span several. `fixed`: bodies that go into the given box whatever
    the fold. `unfolded`: start with the fold that folds nothing but `fixed`."""
    drawn = _Drawn(gmap, boards, every, fixed, gmap.links if links is None else links)
    if unfolded:
        yield drawn.fold("none", lambda board: board.id)
    yield drawn.fold("sub-groups", drawn.inside_kinds(frozenset({"sub-group"})))
    yield drawn.fold("groups", drawn.inside_kinds(GROUP_KINDS))
    if by_area and len({area for board in boards for area in board.areas}) > 1:
        regions = drawn.regions()
        joined = 1 < len(set(regions.values())) < len(regions)
        yield drawn.fold("areas", drawn.area_homes())
        if joined:
            yield drawn.fold("regions", drawn.area_homes(regions))
        yield drawn.fold(
            "regions+outside" if joined else "areas+outside",
            drawn.area_homes(regions if joined else None, outside=True),
        )
    else:
        for levels in (2, 1):
            yield drawn.fold("top", drawn.top_homes(levels - 1), levels=levels)


class _Drawn:
    """The bodies an overview draws, and what folding them needs to know."""

    def __init__(
        self,
        gmap: GovernanceMap,
        boards: list[Board],
        every: list[Board] | None,
        fixed: dict[str, Home] | None,
        links: list[Link],
    ) -> None:
        self.gmap = gmap
        self.boards = boards  # those drawn
        self.every = boards if every is None else every
        self.by_id = {board.id: board for board in self.every}
        self.by_id.update((board.id, board) for board in boards)
        self.fixed = fixed or {}
        self.parent = self._parents(links)
        self.children = set(self.parent.values())
        self.areas = list(dict.fromkeys(area for board in self.every for area in board.areas))
        self._area_order = {area: n for n, area in enumerate(self.areas)}
        self._area_keys: dict[str, Home | None] = {}

    def _parents(self, links: list[Link]) -> dict[str, str]:
        """Each body's first reporting line to another body drawn: sub-group-of, then
        reports-to."""
        parent: dict[str, str] = {}
        for kind in ("sub-group-of", "reports-to"):
            for link in links:
                if (
                    link.type == kind
                    and link.from_ in self.by_id
                    and link.to in self.by_id
                    and link.from_ != link.to
                ):
                    parent.setdefault(link.from_, link.to)
        return parent

    def chain(self, board: str) -> list[str]:
        """The body and each body above it, stopping where a loop of reporting lines closes."""
        chain, seen = [board], {board}
        while chain[-1] in self.parent and self.parent[chain[-1]] not in seen:
            chain.append(self.parent[chain[-1]])
            seen.add(chain[-1])
        return chain

    # -- where each body goes ----------------------------------------------------------

    def inside_kinds(self, kinds: frozenset[str]) -> Callable[[Board], Home]:
        """Bodies of `kinds` inside the first body above them of another kind (or the
        topmost of their kind, where every body above them is of those kinds)."""

        def home(board: Board) -> Home:
            if board.kind not in kinds:
                return board.id
            chain = self.chain(board.id)
            return next((b for b in chain[1:] if self.by_id[b].kind not in kinds), chain[-1])

        return home

    def area_key(self, board: Board) -> Home | None:
        """The box of a body's areas: ("area", id) for one, ("shared", ids in the map's
        order) for several."""
        if board.id not in self._area_keys:
            own = set(board.areas)
            self._area_keys[board.id] = (
                None
                if not own
                else ("area", board.areas[0])
                if len(own) == 1
                else ("shared", tuple(sorted(own, key=self._area_order.__getitem__)))
            )
        return self._area_keys[board.id]

    def area_homes(
        self, regions: dict[str, str] | None = None, *, outside: bool = False
    ) -> Callable[[Board], Home]:
        """Each body in the box of its areas, or of the first body above it that names
        areas. A body with no areas above it goes inside the topmost body above it, or with
        `outside`, in one box for all such bodies. With `regions` (area -> the first area of
        its region), boxes of areas become boxes of regions."""

        def home(board: Board) -> Home:
            chain = self.chain(board.id)
            key = next((k for b in chain if (k := self.area_key(self.by_id[b])) is not None), None)
            if key is None:
                return ("outside", "") if outside else chain[-1]
            if regions is None:
                return key
            first = key[1] if isinstance(key[1], str) else key[1][0]
            return ("region", regions[first])

        return home

    def regions(self) -> dict[str, str]:
        """Each area -> the first area (in the map's order) of the areas joined to it by
        bodies they share."""
        root = {area: area for area in self.areas}
        order = self._area_order

        def find(area: str) -> str:
            while root[area] != area:
                root[area] = root[root[area]]
                area = root[area]
            return area

        for board in self.every:
            for other in board.areas[1:]:
                a, b = find(board.areas[0]), find(other)
                if a != b:  # the area that comes first in the map stands for the region
                    first, second = sorted((a, b), key=order.__getitem__)
                    root[second] = first
        return {area: find(area) for area in self.areas}

    def top_homes(self, depth: int) -> Callable[[Board], Home]:
        """Each body inside the body `depth` levels below the top of its reporting line;
        roles, organisations and outside bodies with no reporting line together by kind."""

        def home(board: Board) -> Home:
            if board.kind in LOOSE_KINDS and board.id not in self.parent and board.id not in self.children:
                return ("kind", board.kind)
            chain = self.chain(board.id)
            return chain[max(len(chain) - 1 - depth, 0)]

        return home

    # -- the boxes -----------------------------------------------------------------------

    def fold(self, level: str, home: Callable[[Board], Home], *, levels: int = 0) -> Fold:
        fixed = self.fixed
        homes = {board.id: fixed[board.id] if board.id in fixed else home(board) for board in self.boards}
        members: dict[Home, list[str]] = {}
        for board_id, key in homes.items():
            members.setdefault(key, []).append(board_id)
        groups: dict[str, Group] = {}
        ids: dict[Home, str] = {}
        for key, inside in members.items():
            if isinstance(key, str) or len(inside) == 1:  # a board, or a box of one body
                ids[key] = key if isinstance(key, str) else inside[0]
                continue
            group_id = f"fold_{len(groups) + 1}"  # an underscore: no board id has one
            ids[key] = group_id
            groups[group_id] = self.group(group_id, key, inside)
        into = {board_id: ids[key] for board_id, key in homes.items()}
        # Boxes in the map's order: a board's where the board stands, another where its
        # first body stands.
        position = {board_id: n for n, board_id in enumerate(into)}
        first = {box: position.get(box, position[members[key][0]]) for key, box in ids.items()}
        inside_of: dict[str, list[str]] = {box: [] for box in sorted(first, key=first.__getitem__)}
        for board_id, box in into.items():
            if board_id != box:
                inside_of[box].append(board_id)
        return Fold(level, into, groups, inside_of, levels)

    def group(self, group_id: str, key: Home, inside: list[str]) -> Group:
        kinds = [self.by_id[b].kind for b in inside]
        if key[0] == "kind":
            return Group(
                group_id,
                FOLDED_KIND.format(things=things(kinds, named=None)),
                tuple(inside),
                key="kind",
            )
        if key[0] == "outside":
            text = FOLDED_OUTSIDE
        elif key[0] == "elsewhere":
            text = FOLDED_ELSEWHERE
        elif key[0] == "area" and isinstance(key[1], str):
            text = self.area_name(key[1])
        elif key[0] == "shared":
            text = FOLDED_SHARED.format(areas=join([self.area_name(area) for area in key[1]]))
        else:  # a region: its areas in the map's order
            region = {area for b in inside for area in self.by_id[b].areas}
            text = join([self.area_name(a) for a in self.areas if a in region])
        counted = things(kinds)
        note = counted if len(set(kinds)) == 1 else FOLDED_BODIES.format(count=len(inside), things=counted)
        area = key[1] if key[0] == "area" and isinstance(key[1], str) else None
        return Group(group_id, text, tuple(inside), note, key[0], area)

    def area_name(self, area: str) -> str:
        return area_name(area, self.gmap.glossary, self.gmap.area)


_KIND_ORDER = {kind: n for n, kind in enumerate(KIND_NAMES)}


def things(kinds: Iterable[str], named: int | None = KINDS_NAMED) -> str:
    """'12 sub-groups, 3 roles and 2 others': how many of each kind, the commonest first."""
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    order = sorted(counts, key=lambda kind: (-counts[kind], _KIND_ORDER.get(kind, 99)))
    parts = [count_of(counts[kind], kind) for kind in order]
    if named is not None and len(parts) > named + 1:
        rest = sum(counts[kind] for kind in order[named:])
        parts = [*parts[:named], FOLDED_OTHERS.format(others=counted(rest, "other"))]
    return join(parts)
