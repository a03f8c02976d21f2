"""Bodies the law requires of every area that a map lacks on its date (the packs' `bodies`
entries), area by area.

A map of one area (no board lists `areas`) needs one of each body. A map of several areas
(its boards list `areas`: `[bcp]`, `[dorset]`) needs one for each area: a board that lists
several areas serves each of them (a joint Safeguarding Adults Board for two councils, a
Community Safety Partnership shared by two districts), and a board that lists none serves
the whole map. Where the map holds no body of a kind in any area, one finding says so for
the map as a whole, not one for each area: the map is about other bodies.

The law gives some bodies to some tiers of council only (a pack entry's `tiers`): in a
two-tier area the county council has the Health and Wellbeing Board, the Safeguarding
Adults Board and the children's safeguarding arrangements, and each district a Community
Safety Partnership. An area needs a body where one of the councils serving it is of such
a tier, or where the map does not say the tier of each (tiers.area_tiers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from boardmap.checks.packs_data import RequiredBody, packs_in_force
from boardmap.checks.shared import Views
from boardmap.checks.tiers import area_tiers
from boardmap.model import Board


@dataclass(frozen=True)
class BodyGap:
    """A body the law requires that the map lacks on its date; `ended` is the last such
    body the map holds that has ended, `pending` one that has not yet begun. In a map of
    several areas, `area` is the area that lacks it and `served` the areas the map does
    show one for; `area` is None where the map lacks it everywhere."""

    pack: str
    entry: RequiredBody
    ended: Board | None
    pending: Board | None
    area: str | None = None
    served: tuple[str, ...] = ()


def map_areas(boards: Iterable[Board]) -> list[str]:
    """The areas a map's boards list, in the order they first appear."""
    return list(dict.fromkeys(area for board in boards for area in board.areas))


def _serves(board: Board, area: str | None) -> bool:
    return area is None or not board.areas or area in board.areas


def missing_bodies(ctx: Views) -> list[BodyGap]:
    found: list[BodyGap] = []
    on = ctx.gmap.as_of
    areas = map_areas(ctx.gmap.boards)
    for pack in packs_in_force(ctx):
        for entry in pack.bodies:
            if not entry.in_force(on):
                continue
            roles = entry.role.split("|")
            present = [b for r in roles for b in ctx.by_role.get(r, [])]
            if any(not b.areas for b in present):
                continue  # a body that serves the whole map
            if not areas:  # a map of one area: its councils' tiers say what it needs
                if not present and entry.needed(area_tiers(ctx, None)):
                    found.append(_gap(ctx, pack.pack, entry, None, ()))
                continue
            # A map of several areas: each area its councils' tiers say needs one (a
            # district's area needs no Health and Wellbeing Board; its county's does).
            needing = [a for a in areas if entry.needed(area_tiers(ctx, a))]
            covered = {a for b in present for a in b.areas}
            served = tuple(a for a in areas if a in covered)
            lacking = [a for a in needing if a not in served]
            if not present and lacking == areas:
                found.append(_gap(ctx, pack.pack, entry, None, ()))  # none anywhere: one finding
                continue
            found.extend(_gap(ctx, pack.pack, entry, a, served) for a in lacking)
    return found


def _gap(ctx: Views, pack: str, entry: RequiredBody, area: str | None, served: tuple[str, ...]) -> BodyGap:
    """The gap, with the body of the kind (or the one it replaced) that ended before the
    map's date, or begins after it, in the area."""
    on = ctx.gmap.as_of
    before = [*entry.role.split("|"), *(entry.replaces.split("|") if entry.replaces else [])]
    gone = [b for b in ctx.out_of_force.values() if b.statutory_role in before and _serves(b, area)]
    ended = [b for b in gone if b.until is not None and b.until <= on]
    pending = [b for b in gone if b.since is not None and on < b.since]
    last = max(ended, key=lambda b: (b.until, ctx.order.get(b.id, 0))) if ended else None
    first = min(pending, key=lambda b: (b.since, ctx.order.get(b.id, 0))) if pending else None
    return BodyGap(pack, entry, last, first, area, served)
