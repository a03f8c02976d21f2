"""Which boards and lines each diagram shows: a GovernanceMap in, a View (plain data) out.

A View knows nothing of DOT: dot.py turns it into Graphviz text. Views are named
`overview`, `reporting`, `challenge`, `themes` (where the map names shared priorities),
`area-<area id>` (one per area, on a map of several areas whose overview is folded),
`escalation-<route id>` (one per route) and `board-<board id>` (one per board of every kind
except organisations, which are members of boards rather than boards).

On a large map (more than MAX_OVERVIEW_BOARDS bodies in a view) the overview, reporting,
challenge, themes and area views are folded (boardmap.render.fold): several bodies drawn as
one box, with counts, until the diagram can be read.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from boardmap.errors import UsageError
from boardmap.model import GovernanceMap
from boardmap.render.focused import board_view, escalation
from boardmap.render.fold import MAX_OVERVIEW_BOARDS, MAX_OVERVIEW_LINES, MAX_OVERVIEW_NODES
from boardmap.render.overview import area_view, overview
from boardmap.render.typed import challenge, reporting, themes
from boardmap.render.viewdata import LINES_PER_BOX, Edge, Node, View, heading_of
from boardmap.render.viewparts import _by_id, _heading, has_area_views, has_board_view, map_areas

# The views' modules: viewdata (what a view is), viewparts (what the views share), fitting
# (folding a large view), overview (the overview and area views), typed (reporting,
# challenge, themes) and focused (a board's view, an escalation route's).
__all__ = [
    "LINES_PER_BOX",
    "MAX_OVERVIEW_BOARDS",
    "MAX_OVERVIEW_LINES",
    "MAX_OVERVIEW_NODES",
    "Edge",
    "Labels",
    "Node",
    "View",
    "build_view",
    "has_area_views",
    "has_board_view",
    "heading",
    "labels",
    "map_areas",
    "view_names",
]


def view_names(gmap: GovernanceMap) -> list[str]:
    """Every view of the map, in a fixed order."""
    names = ["overview", "reporting", "challenge"]
    if gmap.themes:
        names.append("themes")
    if has_area_views(gmap):
        names += [f"area-{area}" for area in map_areas(gmap)]
    names += [f"escalation-{route.id}" for route in gmap.escalations]
    names += [f"board-{board.id}" for board in gmap.boards if has_board_view(board)]
    return names


def build_view(gmap: GovernanceMap, name: str, *, with_members: bool = False) -> View:
    """The view called `name`; a UsageError listing the valid names for any other."""
    if name == "overview":
        return overview(gmap, with_members=with_members)
    if name == "reporting":
        return reporting(gmap)
    if name == "challenge":
        return challenge(gmap)
    if name == "themes" and gmap.themes:
        return themes(gmap)
    if name.startswith("area-") and name[len("area-") :] in map_areas(gmap) and has_area_views(gmap):
        return area_view(gmap, name[len("area-") :])
    if name.startswith("escalation-"):
        routes = {route.id: route for route in gmap.escalations}
        if name[len("escalation-") :] in routes:
            return escalation(gmap, name[len("escalation-") :])
    if name.startswith("board-"):
        board = _by_id(gmap).get(name[len("board-") :])
        if board is not None and has_board_view(board):
            return board_view(gmap, board.id)
    raise UsageError(_unknown_view(gmap, name))


@dataclass(frozen=True)
class Labels:
    """What is said of a view without drawing it: its name, heading and description (as
    its View has them), for the diagrams' index and the guide's figures."""

    name: str
    heading: str
    description: str


def labels(gmap: GovernanceMap, name: str, known: dict[str, Labels] | None = None) -> Labels:
    """The Labels of the view called `name`, built once for each `known`: a build's
    index and its guide both ask for them, in the process that does not draw."""
    if known is not None and name in known:
        return known[name]
    view = build_view(gmap, name)
    said = Labels(view.name, view.heading, view.description)
    if known is not None:
        known[name] = said
    return said


def heading(gmap: GovernanceMap, name: str) -> str:
    """The heading of the view called `name`, as build_view(gmap, name).heading has it; a
    board's worked out without building its diagram (the guide's waiting figures ask for
    hundreds, in the process that does not draw them)."""
    if name.startswith("board-"):
        board = _by_id(gmap).get(name[len("board-") :])
        if board is not None and has_board_view(board):
            return heading_of(*_heading(gmap, "board", board=board.label))
    return build_view(gmap, name).heading


def _unknown_view(gmap: GovernanceMap, name: str) -> str:
    names = view_names(gmap)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"this map has no view called '{name}'.{hint} Its views are: {', '.join(names)}"
