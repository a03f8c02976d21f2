"""Bodies the law requires of every area that a map lacks on its date (the packs' `bodies`
entries)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from boardmap.checks.packs_data import RequiredBody, packs_in_force
from boardmap.model import Board

if TYPE_CHECKING:
    from boardmap.checks.engine import Context


@dataclass(frozen=True)
class BodyGap:
    """A body the law requires that the map lacks on its date; `ended` is the last such
    body the map holds that has ended, `pending` one that has not yet begun."""

    pack: str
    entry: RequiredBody
    ended: Board | None
    pending: Board | None


def missing_bodies(ctx: Context) -> list[BodyGap]:
    found: list[BodyGap] = []
    on = ctx.gmap.as_of
    for pack in packs_in_force(ctx):
        for entry in pack.bodies:
            if not entry.in_force(on):
                continue
            roles = entry.role.split("|")
            if any(ctx.by_role.get(r) for r in roles):
                continue
            before = [*roles, *(entry.replaces.split("|") if entry.replaces else [])]
            gone = [b for b in ctx.out_of_force.values() if b.statutory_role in before]
            ended = [b for b in gone if b.until is not None and b.until <= on]
            pending = [b for b in gone if b.since is not None and on < b.since]
            last = max(ended, key=lambda b: (b.until, ctx.order.get(b.id, 0))) if ended else None
            first = min(pending, key=lambda b: (b.since, ctx.order.get(b.id, 0))) if pending else None
            found.append(BodyGap(pack.pack, entry, last, first))
    return found
