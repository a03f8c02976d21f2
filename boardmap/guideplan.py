"""What a build must know of the guide before the guide is made: which diagrams it shows
inline, and which pages it has. Kept apart from boardmap.guide (which re-exports both) so
that a build plans its outputs and starts its workers without importing the guide and the
checks it reports, which the parent imports while the workers draw (issue 23: the first
worker of a 1,000-board build starts at 0.25 s, not 0.27 s).

A map of more than MAX_ONE_PAGE bodies, or of several areas and more than
MAX_AREAS_ONE_PAGE bodies, gets a page for each area (boardmap.guide.pages)."""

from __future__ import annotations

from boardmap.model import GOVERNANCE_KINDS, GovernanceMap
from boardmap.outputs import safe_name

MAX_ONE_PAGE = 60
MAX_AREAS_ONE_PAGE = 30


def map_areas(gmap: GovernanceMap) -> list[str]:
    """The areas the map's boards name, in the order they first appear."""
    return list(dict.fromkeys(area for board in gmap.boards for area in board.areas))


def area_files(gmap: GovernanceMap) -> dict[str, str]:
    """The page of each area, by area, where the guide is split; none where it is not."""
    areas = map_areas(gmap)
    bodies = len(gmap.boards)
    if not (bodies > MAX_ONE_PAGE or (len(areas) > 1 and bodies > MAX_AREAS_ONE_PAGE)):
        return {}
    return {area: f"guide-{safe_name(area)}.html" for area in areas}


def shown_views(gmap: GovernanceMap) -> frozenset[str]:
    """The views the guide shows, where boardmap.render draws them: the first screen's
    overview, each governance body's diagram in its section and each escalation route's
    (the callers of guide.base.Base.figure). A build makes the page's copy only of these."""
    wanted = {"overview"}
    wanted |= {f"board-{board.id}" for board in gmap.boards if board.kind in GOVERNANCE_KINDS}
    wanted |= {f"escalation-{route.id}" for route in gmap.escalations}
    return frozenset(wanted)
