"""Councils' tiers (issue 14): which tier of local government each council in a map is, and
so which of an area's statutory bodies are its councils'.

In a two-tier area the county council has the Health and Wellbeing Board, the Safeguarding
Adults Board and the children's safeguarding arrangements, and each district council a
Community Safety Partnership (docs/statutory.md, "Two-tier areas"); the packs' `bodies`
entries list the tiers whose areas need them (packs_bodies.py). A council's tier is its
`tier`, or read from a name that settles it; an area served by a council whose tier is not
known may be any tier.

Data only: boardmap.say.findings.tier_read says what was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boardmap.checks.law import councils
from boardmap.checks.shared import Views
from boardmap.model import Board

# A council's tier from its name, only where the name settles it. "X District Council" is a
# district (a metropolitan district says "Metropolitan"), "X Metropolitan Borough Council" a
# metropolitan borough and "London Borough of X" a London borough. Nothing else is read: a
# "County Council" may be a unitary (Durham, Northumberland, Rutland), and a "Borough
# Council" or "City Council" a district (Redditch, Canterbury), a unitary (Halton, Bristol)
# or a metropolitan borough (Leeds); the map says those with `tier`.
_TIER_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bmetropolitan (?:borough|district) council\b|^metropolitan borough of\b"), "metropolitan"),
    (re.compile(r"^(?:the )?london borough of\b|\blondon borough council\b"), "london-borough"),
    (re.compile(r"\bdistrict council\b"), "district"),
)


@dataclass(frozen=True)
class Tier:
    """A council's tier: the map's `tier`, or read from its name (`why` says how)."""

    tier: str
    why: str | None = None  # "its name is 'Bromsgrove District Council'", where read


def tier_from_name(name: str) -> str | None:
    """The tier a council's name settles, or None (most names do not)."""
    text = " ".join(name.replace("&", "and").casefold().split())
    return next((tier for pattern, tier in _TIER_NAMES if pattern.search(text)), None)


def council_tiers(ctx: Views) -> dict[str, Tier]:
    """The tier of each council in the map whose tier is known: its `tier`, or read from
    its name."""
    found: dict[str, Tier] = {}
    for council in councils(ctx):
        if council.tier is not None:
            found[council.id] = Tier(council.tier)
        elif (tier := tier_from_name(council.name)) is not None:
            found[council.id] = Tier(tier, f"its name is '{council.name}'")
    return found


def area_tiers(ctx: Views, area: str | None) -> frozenset[str] | None:
    """The tiers of the councils that serve an area (None: the whole map; a council with no
    `areas` serves every area), or None where the map holds no council there or one whose
    tier it does not say: then the area may be any tier."""
    known: dict[str | None, frozenset[str] | None] = ctx.memo("area-tiers", _area_tiers)
    if area in known:
        return known[area]
    # An area no council lists: only the councils that list no area serve it.
    by_area: dict[str | None, list[Board]] = ctx.memo("councils-by-area", _councils_by_area)
    return _tiers_of(ctx, by_area.get(None, []))


def _councils_by_area(ctx: Views) -> dict[str | None, list[Board]]:
    """The map's councils by the area each lists (None: those that list none)."""
    found: dict[str | None, list[Board]] = {}
    for council in councils(ctx):
        keys: list[str | None] = list(council.areas) if council.areas else [None]
        for area in dict.fromkeys(keys):
            found.setdefault(area, []).append(council)
    return found


def _area_tiers(ctx: Views) -> dict[str | None, frozenset[str] | None]:
    """The tiers of the councils of each area a council lists, and of the whole map (None),
    worked out once for the map."""
    by_area: dict[str | None, list[Board]] = ctx.memo("councils-by-area", _councils_by_area)
    everywhere = by_area.get(None, [])
    found: dict[str | None, frozenset[str] | None] = {None: _tiers_of(ctx, councils(ctx))}
    for area, serving in by_area.items():
        if area is not None:
            found[area] = _tiers_of(ctx, [*everywhere, *serving])
    return found


def _tiers_of(ctx: Views, serving: list[Board]) -> frozenset[str] | None:
    tiers: dict[str, Tier] = ctx.memo("council-tiers", council_tiers)
    if not serving or any(c.id not in tiers for c in serving):
        return None
    return frozenset(tiers[c.id].tier for c in serving)
