"""Members a statutory board lacks (the packs' `members` entries), and the members the law
requires of each kind of board on a date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from boardmap.checks.packs_data import MemberRule, available_packs, load_pack, packs_in_force
from boardmap.checks.shared import Views
from boardmap.checks.sitting import sits_for
from boardmap.model import Board
from boardmap.say.grammar import a as article
from boardmap.say.vocab import role_name

# Offices through which the council takes part in a board as the local authority.
COUNCIL_OFFICERS = frozenset({"chief-executive", "dcs", "dass"})
# Each office through which a partner body takes part in a board, and the body's role: the
# council's chief officers, and the lead safeguarding partners of the integrated care
# board and the police (Working Together 2023, chapter 2).
OFFICES: dict[str, str] = {
    **dict.fromkeys(COUNCIL_OFFICERS, "local-authority"),
    "icb-chief-executive": "icb",
    "chief-constable": "police",
}


@dataclass(frozen=True)
class MissingMember:
    """One member a board lacks. `ended` and `pending` are members the map lists for the
    board that would meet it but are not in force on the map's date: a clinical
    commissioning group that ended in 2022, say, in a map of 2023."""

    roles: str  # the statutory roles that would meet it: "ccg|icb"
    said: str  # how it is said: "a clinical commissioning group or integrated care board"
    ended: tuple[Board, ...] = ()
    pending: tuple[Board, ...] = ()


@dataclass(frozen=True)
class MemberGap:
    pack: str
    entry: MemberRule
    board: Board
    items: tuple[MissingMember, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """How each missing member is said: "a probation service"."""
        return tuple(item.said for item in self.items)


def member_gaps(ctx: Views) -> list[MemberGap]:
    """Boards whose listed members lack one the law requires. A board with no members
    listed (on any date) is left alone: the map does not record its membership."""
    gaps: list[MemberGap] = []
    on = ctx.gmap.as_of
    for pack in packs_in_force(ctx):
        for entry in pack.members:
            if not entry.in_force(on):
                continue
            for board in ctx.by_role.get(entry.board, []):
                declared = ctx.undated_boards.get(board.id, board)
                if not declared.members:
                    continue
                # Each member with the roles it sits for: an officer also for the body it
                # answers to (sitting.py: a delegated safeguarding partner for its partner),
                # and an office for its body (the council's chief executive for the local
                # authority, the chief constable for the police).
                present: set[str] = set()
                for m in (*board.members, *board.chairs):
                    for role in sits_for(ctx, m):
                        present.update((role, OFFICES.get(role, role)))
                missing = []
                for item in entry.include:
                    roles = item if isinstance(item, str) else item.role
                    if not present.intersection(roles.split("|")):
                        name = None if isinstance(item, str) else item.name
                        missing.append(_missing(ctx, declared, roles, name or article(role_name(roles))))
                if missing:
                    gaps.append(MemberGap(pack.pack, entry, board, tuple(missing)))
    return gaps


def _missing(ctx: Views, declared: Board, roles: str, said: str) -> MissingMember:
    """A missing member, with the members listed for it that are out of force on the date."""
    wanted = roles.split("|")
    gone = [
        ctx.out_of_force[m]
        for m in dict.fromkeys((*declared.members, *declared.chairs))
        if m in ctx.out_of_force and ctx.out_of_force[m].statutory_role in wanted
    ]
    on = ctx.gmap.as_of
    ended = tuple(b for b in gone if b.until is not None and b.until <= on)
    pending = tuple(b for b in gone if b.since is not None and on < b.since)
    return MissingMember(roles, said, ended, pending)


@cache
def required_member_roles(on: dt.date) -> dict[str, frozenset[str]]:
    """For each statutory role of a board, the roles of the members the law requires it to
    have on a date, from every pack shipped whether or not a map asks for its checks (the
    law applies either way): {"sab": {"local-authority", "ccg", "icb", "police"}, ...}."""
    required: dict[str, set[str]] = defaultdict(set)
    for name in available_packs():
        pack = load_pack(name)
        if not pack.in_force(on):
            continue
        for entry in pack.members:
            if entry.in_force(on):
                for item in entry.include:
                    roles = item if isinstance(item, str) else item.role
                    required[entry.board].update(roles.split("|"))
    return {role: frozenset(found) for role, found in required.items()}


def required_roles(entry: MemberRule, missing: tuple[str, ...]) -> list[str]:
    """The statutory_role values that would meet the missing items, for the fix hint."""
    roles: list[str] = []
    for item in entry.include:
        text = item if isinstance(item, str) else item.role
        name = None if isinstance(item, str) else item.name
        if (name or article(role_name(text))) in missing:
            roles.extend(text.split("|"))
    return roles
