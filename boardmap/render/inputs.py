"""What each view reads of its map, declared once: the view's builder draws the links named
here, and the build's fingerprint of the view is a hash of exactly these inputs
(boardmap.build.fingerprints), so a change to what a view reads needs one edit, here.

A view reads the declarations of its boards (names, kinds, purposes, chairs, members), the
links it draws, and where it says so every theme or one escalation route. A view that is
folded (more than MAX_OVERVIEW_BOARDS bodies) reads the whole map: where each body folds
to, and the boxes of areas, depend on all of it. So do the overview and the area views.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from boardmap.graph import index
from boardmap.model import GOVERNANCE_KINDS, REPORTING_TYPES, GovernanceMap, Link
from boardmap.render.fold import MAX_OVERVIEW_BOARDS


@dataclass(frozen=True)
class Inputs:
    """The parts of a map one view reads."""

    whole: bool = False  # the whole map (the fields below still say what it draws)
    boards: tuple[str, ...] = ()  # the boards it shows, in the map's order
    links: tuple[int, ...] = ()  # the places in `gmap.links` of the links it draws
    themes: bool = False  # every theme
    route: str | None = None  # one escalation route's id

    def drawn(self, gmap: GovernanceMap) -> list[Link]:
        """The links the view draws, in the map's order."""
        return [gmap.links[n] for n in self.links]


WHOLE = Inputs(whole=True)


def _boards(gmap: GovernanceMap, ids: Iterable[str]) -> tuple[str, ...]:
    position = index(gmap).position
    return tuple(sorted((i for i in set(ids) if i in position), key=position.__getitem__))


def _of_types(gmap: GovernanceMap, types: Iterable[str]) -> tuple[int, ...]:
    wanted = frozenset(types)
    return tuple(n for n, link in enumerate(gmap.links) if link.type in wanted)


def _ends(gmap: GovernanceMap, links: Iterable[int]) -> set[str]:
    return {end for n in links for end in (gmap.links[n].from_, gmap.links[n].to)}


def _unless_folded(inputs: Inputs) -> Inputs:
    """The view reads the whole map where it has so many bodies that it is folded (it still
    draws its own links)."""
    return replace(inputs, whole=True) if len(inputs.boards) > MAX_OVERVIEW_BOARDS else inputs


def board_inputs(gmap: GovernanceMap, board_id: str) -> Inputs:
    """A board's view: its links, the boards at their other ends, its chairs and members,
    and the boards it chairs or sits on."""
    found = index(gmap)
    board = found.by_id[board_id]
    links = tuple(found.touching.get(board_id, ()))
    near = {board_id, *board.chairs, *board.members, *_ends(gmap, links)}
    near.update(found.chaired.get(board_id, ()), found.member_of.get(board_id, ()))
    return Inputs(boards=_boards(gmap, near), links=links)


def reporting_inputs(gmap: GovernanceMap) -> Inputs:
    """The reporting view: its lines and their boards, and every body that could stand at
    the top or apart (marked `top`, or a body of governance with no reporting line)."""
    links = _of_types(gmap, REPORTING_TYPES)
    ends = _ends(gmap, links)
    tops = {b.id for b in gmap.boards if b.top or (b.kind in GOVERNANCE_KINDS and b.id not in ends)}
    return _unless_folded(Inputs(boards=_boards(gmap, ends | tops), links=links))


def challenge_inputs(gmap: GovernanceMap) -> Inputs:
    """The challenge view: its lines and their boards."""
    links = _of_types(gmap, {"challenges"})
    return _unless_folded(Inputs(boards=_boards(gmap, _ends(gmap, links)), links=links))


def themes_inputs(gmap: GovernanceMap) -> Inputs:
    """The themes view: every theme, and the boards that lead or support one."""
    named = {b for t in gmap.themes for b in (t.lead, *t.supports) if b}
    return _unless_folded(Inputs(boards=_boards(gmap, named), themes=True))


def escalation_inputs(gmap: GovernanceMap, route_id: str) -> Inputs:
    """A route's view: the route, and the boards it is between or its steps involve."""
    route = next(r for r in gmap.escalations if r.id == route_id)
    named = {*route.between, *(b for step in route.steps for b in step.involves)}
    return Inputs(boards=_boards(gmap, named), route=route_id)


def view_inputs(gmap: GovernanceMap, name: str) -> Inputs:
    """What the view called `name` reads (the whole map for the overview, the area views,
    and a name that is not a view)."""
    if name.startswith("board-") and name[len("board-") :] in index(gmap).by_id:
        return board_inputs(gmap, name[len("board-") :])
    if name.startswith("escalation-") and any(r.id == name[len("escalation-") :] for r in gmap.escalations):
        return escalation_inputs(gmap, name[len("escalation-") :])
    if name == "reporting":
        return reporting_inputs(gmap)
    if name == "challenge":
        return challenge_inputs(gmap)
    if name == "themes":
        return themes_inputs(gmap)
    return WHOLE
