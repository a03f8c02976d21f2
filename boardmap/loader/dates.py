"""A map on a date: what is not in force that day left out, and every mention of it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, TypeVar

from boardmap.model import Agreement, Board, Escalation, Link, Theme, _Located
from boardmap.origins import Loaded

_T = TypeVar("_T", bound=_Located)


class Copy(Protocol):
    """A copy of an item with some fields changed, placed where the item was declared."""

    def __call__(self, item: _T, **changes: Any) -> _T: ...


def in_force(item: Board | Link | Agreement | Escalation | Theme, on: dt.date) -> bool:
    """Since is the first day in force; until is the first day no longer in force."""
    return (item.since is None or item.since <= on) and (item.until is None or on < item.until)


def at_date(loaded: Loaded, as_of: dt.date | None = None) -> Loaded:
    """The map as it stands on a date: boards, links, routes and themes out of force are left
    out, and so is every mention of a board that is out of force (its links, its places in
    routes and themes, a `part_of` naming it). The undated map stays as it was, for the checks;
    each item copied here stands where its original stands (in the side table)."""
    gmap = loaded.map
    origins = loaded.origins

    def copied(item: _T, **changes: Any) -> _T:
        new = item.model_copy(update=changes)
        origins.copied(new, item)
        return new

    on = as_of or gmap.as_of
    boards = [b for b in gmap.boards if in_force(b, on)]
    live = {b.id for b in boards}
    everyone = {b.id for b in gmap.boards}
    gone = everyone - live

    def keep(ids: list[str]) -> list[str]:
        return [i for i in ids if i not in gone]

    if gone:
        boards = [_filtered_board(b, gone, copied) for b in boards]
    # Most links carry no dates: skip the call for them (45,000 calls at 10,000 boards); and
    # where every board is in force, every link's ends are (a link to an undeclared board
    # does not load), so only the dates are read (a field read of a model costs ~60 ns).
    if gone:
        links = [
            link
            for link in gmap.links
            if ((link.since is None and link.until is None) or in_force(link, on))
            and link.from_ not in gone
            and link.to not in gone
        ]
    else:
        links = [
            link for link in gmap.links if (link.since is None and link.until is None) or in_force(link, on)
        ]
    escalations: list[Escalation] = []
    for route in gmap.escalations:
        if (route.since is not None or route.until is not None) and not in_force(route, on):
            continue
        if gone and (set(route.between) & gone or any(set(s.involves) & gone for s in route.steps)):
            steps = [s.model_copy(update={"involves": keep(s.involves)}) for s in route.steps]
            route = copied(route, between=keep(route.between), steps=steps)
            if not route.between:
                continue
        escalations.append(route)
    themes: list[Theme] = []
    for theme in gmap.themes:
        if (theme.since is not None or theme.until is not None) and not in_force(theme, on):
            continue
        if gone and (theme.lead in gone or set(theme.supports) & gone):
            theme = copied(
                theme, lead=None if theme.lead in gone else theme.lead, supports=keep(theme.supports)
            )
        themes.append(theme)
    concerns = [copied(c, contact=None) if c.contact in gone else c for c in gmap.concerns]
    result = gmap.with_changes(
        as_of=on,
        boards=boards,
        links=links,
        escalations=escalations,
        themes=themes,
        agreements=_agreements_on(gmap.agreements, on, copied),
        concerns=concerns,
    )
    return loaded.replace(result)


def _agreements_on(agreements: list[Agreement], on: dt.date, copied: Copy) -> list[Agreement]:
    """The agreements in force on a date, each with only the signatures made by then."""
    kept: list[Agreement] = []
    for agreement in agreements:
        if not in_force(agreement, on):
            continue
        if any(s.on > on for s in agreement.agreed):
            # Not every approval was made yet on that date: it was still a draft then.
            status = "draft" if agreement.status == "agreed" else agreement.status
            agreement = copied(agreement, agreed=[s for s in agreement.agreed if s.on <= on], status=status)
        kept.append(agreement)
    return kept


def _filtered_board(board: Board, gone: set[str], copied: Copy) -> Board:
    chair = board.chair  # its field, not `chairs`, which makes a list for each board
    if gone.isdisjoint(board.members) and (
        chair is None or (chair not in gone if isinstance(chair, str) else gone.isdisjoint(chair))
    ):
        part_of = board.part_of
        if part_of is not None and part_of in gone:
            return copied(board, part_of=None)
        return board  # nearly every board: no lists built (issue 8)
    members = [m for m in board.members if m not in gone]
    chairs = [c for c in board.chairs if c not in gone]
    part_of = None if board.part_of in gone else board.part_of
    if len(members) == len(board.members) and len(chairs) == len(board.chairs) and part_of == board.part_of:
        return board
    kept: str | list[str] | None
    if isinstance(chair, list):
        kept = chairs
    else:
        kept = chairs[0] if chairs else None
    return copied(board, members=members, chair=kept, part_of=part_of)
