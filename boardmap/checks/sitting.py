"""Whom a member sits for: the statutory roles a member brings to a board.

An organisation sits for itself and for the organisation it is part of (`part_of`): the
Salford locality of NHS Greater Manchester sits for the integrated care board. An officer
(a body of kind `role`) sits for itself and for the organisation it answers to, following
`reports-to` links and `part_of` through other officers: a chief constable who reports to
the police force sits for the police, and a delegated safeguarding partner who answers to
the integrated care board's chief executive, who reports to the board, sits for the
integrated care board. An organisation does not sit for one it only reports to: a body
the council commissions (Healthwatch) is not the council. Working Together to Safeguard
Children 2023, chapter 2, has each lead safeguarding partner appoint a delegated
safeguarding partner who can "take decisions on behalf of the LSP", and has the lead
partners "hold their delegates to account" (as the Leeds Safeguarding Children Partnership
quotes it, https://leedsscp.org.uk/the-partnership/annual-report/lscp-executive): a
partnership whose members are the three delegates has the three partners in it.

The chain stops at any body that is not an officer or an organisation (a partnership, a
committee): answering to a board does not make an officer that board's delegate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from boardmap.checks.shared import Views

_OFFICER = "role"
_ORGANISATIONS = frozenset({"organisation", "external"})
_SITTING_KINDS = frozenset({_OFFICER, *_ORGANISATIONS})


def _answers_to(ctx: Views) -> dict[str, list[str]]:
    """For each officer, the officers and organisations it reports to or is part of; for
    each organisation, the organisation it is part of."""

    def build(_: object) -> dict[str, list[str]]:
        # Each board's kind read once, in one pass over the boards, not for each link.
        officers: set[str] = set()
        sitting: set[str] = set()
        up: dict[str, list[str]] = defaultdict(list)
        for board in ctx.gmap.boards:
            kind = board.kind
            if kind in _SITTING_KINDS:
                sitting.add(board.id)
                if kind == _OFFICER:
                    officers.add(board.id)
        for link in ctx.links_by_type.get("reports-to", []):
            if link.from_ in officers:
                up[link.from_].append(link.to)
        for board in ctx.gmap.boards:
            if board.part_of and board.id in sitting:
                up[board.id].append(board.part_of)
        return {body: [b for b in targets if b in sitting] for body, targets in up.items()}

    result: dict[str, list[str]] = ctx.memo("sitting.answers_to", build)
    return result


def sits_for(ctx: Views, member: str) -> frozenset[str]:
    """The statutory roles `member` brings to a board it sits in: its own, and those of
    every body up its chain (an officer's officers and organisations, an organisation's
    parent organisation)."""
    # Worked out once a member per run: a member sits on many boards (partner_groups asks
    # for each member of each board, 50,000 times on the dense 10,000-board map).
    known: dict[str, frozenset[str]] = ctx.memo("sitting.sits_for", _no_members_yet)
    found = known.get(member)
    if found is None:
        found = known[member] = _sits_for(ctx, member)
    return found


def sitting(ctx: Views, members: Iterable[str]) -> list[frozenset[str]]:
    """`sits_for` of each of `members` that is a body in the map, in order: for a board's
    members and chairs at once, one lookup each in the run's table (partner_groups asks
    for 30,000 to 50,000 members of a national map's boards: 26 ms -> 20 ms, and 30 ms ->
    21 ms on the dense map)."""
    known: dict[str, frozenset[str]] = ctx.memo("sitting.sits_for", _no_members_yet)
    by_id = ctx.by_id
    found: list[frozenset[str]] = []
    for member in members:
        if member in by_id:
            roles = known.get(member)
            if roles is None:
                roles = known[member] = _sits_for(ctx, member)
            found.append(roles)
    return found


def _no_members_yet(_: object) -> dict[str, frozenset[str]]:
    return {}


def _sits_for(ctx: Views, member: str) -> frozenset[str]:
    if member not in ctx.by_id:
        return frozenset()
    up = _answers_to(ctx)
    roles: set[str] = set()
    seen: set[str] = set()
    todo = [member]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        role = ctx.by_id[current].statutory_role
        if role:
            roles.add(role)
        todo.extend(up.get(current, []))
    return frozenset(roles)
