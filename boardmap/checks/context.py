"""The shared views of a map that rules read: a `Context` builds each once, on first use."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from boardmap.checks.law import parents
from boardmap.checks.packs import link_gaps
from boardmap.checks.registry import RULES, Finding, LinkKey, Severity
from boardmap.graph import MapIndex, Relation, index
from boardmap.model import (
    GOVERNANCE_KINDS,
    REPORTING_TYPES,
    Board,
    GovernanceMap,
    Link,
    Theme,
)
from boardmap.origins import Loaded, located
from boardmap.say.grammar import long_date
from boardmap.say.names import the

if TYPE_CHECKING:
    from boardmap.checks.law import Parent
    from boardmap.checks.packs import PackGap
    from boardmap.checks.roles_read import Inference

# -- the shared views -----------------------------------------------------------------------


class LinksWith(NamedTuple):
    """The links that give a field, each list in the map's order (Context.links_with)."""

    says: list[Link]
    cadence: list[Link]
    cadences: list[str]  # each of `cadence`'s links' cadence, in the same order
    review_by: list[Link]


class Context:
    """A map and the views of it that rules share; each view is built once, on first use."""

    def __init__(self, loaded: Loaded | GovernanceMap, inferred: dict[str, Inference] | None = None) -> None:
        # The map and its side table: the undated map, and where each item was declared.
        self.loaded = located(loaded)
        self.gmap = gmap = self.loaded.map
        self.undated = self.loaded.undated
        # The map's one index (boardmap.graph), shared with the views and the build.
        self.index: MapIndex = index(gmap)
        self.by_id: dict[str, Board] = gmap.by_id
        # Statutory roles read from boards' basis or names (already written into `gmap`).
        self.inferred: dict[str, Inference] = inferred or {}
        self._memo: dict[str, Any] = {}
        self._names: dict[str, str] = {}

    def memo(self, key: str, build: Callable[[Context], Any]) -> Any:
        """A result one rule works out and another reuses (built once per run)."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]

    # -- boards and links --

    @cached_property
    def order(self) -> dict[str, int]:
        """Each board's place in the map: findings list boards in the order they were declared."""
        return self.index.position

    @cached_property
    def governance(self) -> list[Board]:
        """Bodies with governance of their own (boards, partnerships, committees, groups)."""
        return [b for b in self.gmap.boards if b.kind in GOVERNANCE_KINDS]

    @cached_property
    def governance_ids(self) -> set[str]:
        """The ids of the bodies with governance of their own: one set lookup where a rule
        would read a board's kind (a field read of a model costs ~60 ns)."""
        return {b.id for b in self.governance}

    @cached_property
    def links_by_type(self) -> dict[str, list[Link]]:
        return self.index.by_type

    @cached_property
    def pair_types(self) -> dict[tuple[str, str], frozenset[str]]:
        """(from, to) -> the types of the links from one to the other."""
        return self.index.pair_types

    @cached_property
    def links_with(self) -> LinksWith:
        """The links that give a `says`, a `cadence` or a `review_by`, by field, each in the
        map's order: one pass over the links for the three rules that read those fields, not
        one each (reaching a national map's 50,000 links in memory is most of a pass)."""
        says: list[Link] = []
        cadence: list[Link] = []
        cadences: list[str] = []
        review_by: list[Link] = []
        for link in self.gmap.links:
            if link.says is not None:
                says.append(link)
            value = link.cadence
            if value is not None:
                cadence.append(link)
                cadences.append(value)
            if link.review_by is not None:
                review_by.append(link)
        return LinksWith(says, cadence, cadences, review_by)

    @cached_property
    def linked(self) -> set[str]:
        """Boards with at least one link, in or out (a `part_of` the map states counts)."""
        return self.index.linked

    @cached_property
    def challenged(self) -> set[str]:
        """Boards that someone holds to account."""
        return {link.to for link in self.links_by_type.get("challenges", [])}

    @cached_property
    def parents(self) -> dict[str, Parent]:
        """The body each board is part of (`part_of`, or a committee's one council)."""
        return parents(self)

    @cached_property
    def reporting(self) -> Relation:
        """Who answers to whom: reports-to and sub-group-of links, and each board's parent
        (its `part_of`, or a committee's one council)."""
        also = ((board, parent.board) for board, parent in self.parents.items())
        return self.index.relation(REPORTING_TYPES, also)

    @cached_property
    def first_link(self) -> Mapping[LinkKey, Link]:
        """The first link declared for each (from, to, type)."""
        return self.index.first_link

    @cached_property
    def route_ids(self) -> set[str]:
        return {route.id for route in self.gmap.escalations}

    @cached_property
    def by_role(self) -> dict[str, list[Board]]:
        roles: dict[str, list[Board]] = defaultdict(list)
        for board in self.gmap.boards:
            if board.statutory_role:
                roles[board.statutory_role].append(board)
        return roles

    # -- the map's history: what is not in force on its date --

    @cached_property
    def out_of_force(self) -> dict[str, Board]:
        """Boards the map declares that are not in force on its date (ended, or not yet
        begun), by id, as declared. The loader leaves them out of the dated map; rules use
        them to say that a member or a lead has ended rather than that none was named."""
        return {b.id: b for b in self.undated.boards if b.id not in self.by_id}

    @cached_property
    def undated_boards(self) -> dict[str, Board]:
        """Every board as declared, with members and chairs of every date."""
        return self.undated.by_id

    @cached_property
    def undated_themes(self) -> dict[str, Theme]:
        """Every theme as declared, with its lead of every date."""
        return {t.id: t for t in self.undated.themes}

    # -- statutory rule packs, shared by the pack rules and the rules that absorb them --

    @cached_property
    def pack_gaps(self) -> list[PackGap]:
        """Every link a statutory rule pack requires that the map lacks."""
        return link_gaps(self)

    @cached_property
    def gaps_by_subject(self) -> dict[str, list[PackGap]]:
        found: dict[str, list[PackGap]] = defaultdict(list)
        for gap in self.pack_gaps:
            found[gap.subject.id].append(gap)
        return found

    # -- wording and places --

    def the(self, board_id: str) -> str:
        """'the Health and Wellbeing Board'; free text (a chair's name) as written."""
        said = self._names.get(board_id)
        if said is None:
            board = self.by_id.get(board_id) or self.out_of_force.get(board_id)
            said = self._names[board_id] = the(board) if board else board_id
        return said

    def The(self, board_id: str) -> str:
        """The same, capitalised for the start of a sentence."""
        text = self.the(board_id)
        return text[:1].upper() + text[1:]

    def date(self, day: dt.date) -> str:
        return long_date(day)

    def where(self, item: Any) -> tuple[str, int]:
        return self.loaded.line(item)

    def sorted_ids(self, ids: Iterable[str]) -> list[str]:
        """Board ids in the order the map declares them."""
        order = self.order
        return sorted(ids, key=lambda i: (order.get(i, len(order)), i))

    def finding(
        self,
        rule_id: str,
        item: Any,
        message: str,
        boards: Iterable[str] = (),
        *,
        severity: Severity | None = None,
        links: Iterable[LinkKey] = (),
        theme: str | None = None,
        route: str | None = None,
        source: str | None = None,
        requirement: str | None = None,
    ) -> Finding:
        """A finding of a registered rule, located at the declaration of `item`."""
        file, line = self.where(item)
        return Finding(
            file=file,
            line=line,
            rule=rule_id,
            severity=severity or RULES[rule_id].severity,
            message=message,
            boards=tuple(boards),
            source=source,
            links=tuple(links),
            theme=theme,
            route=route,
            requirement=requirement,
        )
