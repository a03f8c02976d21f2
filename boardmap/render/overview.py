"""The overview (every body and line), and one area's view on a map of several areas."""

from __future__ import annotations

from dataclasses import replace

from boardmap.model import Board, GovernanceMap, Link
from boardmap.render import fold as folding
from boardmap.render.fitting import _fit, _fitted_lines, _fitted_view, _fold_short, _lines_text
from boardmap.render.fold import MAX_OVERVIEW_BOARDS
from boardmap.render.viewdata import MAX_RANKED_EDGES, Edge, Node, View
from boardmap.render.viewparts import (
    _area_name,
    _chair_edges,
    _date,
    _diagram_edge,
    _free_chair_edges,
    _heading,
    _in_map_order,
    _index,
    _related_ways,
    _ways_text,
    board_nodes,
    free_chairs,
    link_edges,
    merge_parallel,
    overview_boards,
)
from boardmap.say.diagrams import APART_RELATED, DIAGRAM_DESCRIPTIONS
from boardmap.say.grammar import sentence


def overview(gmap: GovernanceMap, *, with_members: bool = False) -> View:
    """Every board and link; organisations only where they take part in a link (or, with
    members, all of them and whom they sit on). A large map is folded (boardmap.render.fold):
    several bodies drawn as one box, the lines between boxes counted."""
    boards = overview_boards(gmap, with_members=with_members)
    if len(boards) > MAX_OVERVIEW_BOARDS:
        return _folded_overview(gmap, boards, with_members=with_members)
    nodes = board_nodes(gmap, boards)
    shown = {node.id for node in nodes}
    rank_all = len(gmap.links) <= MAX_RANKED_EDGES
    edges = link_edges(gmap, gmap.links, rank_all=rank_all)
    edges += _chair_edges(gmap, shown, boards)
    for board in boards:  # chairs given as free text, each in a box of its own
        chairs = free_chairs(gmap, board)
        nodes += chairs
        edges += _free_chair_edges(chairs, board.id)
        shown.update(chair.id for chair in chairs)
    if with_members:
        edges += [
            _diagram_edge(member, b.id, "member", ranked=rank_all)
            for b in boards
            for member in b.members
            if member in shown
        ]
    edges = merge_parallel([e for e in edges if e.tail in shown and e.head in shown])
    touched = {e.tail for e in edges} | {e.head for e in edges}
    # Drawn apart: those no line joins; of them, those related to others in ways this view
    # draws no line for go in a box of their own, so that the box of the unlinked holds only
    # bodies with no relationship of any kind in the map.
    ways = _related_ways(gmap)
    nodes = [
        replace(node, apart=node.id not in touched, related=node.id not in touched and node.id in ways)
        for node in nodes
    ]
    related = {way for node in nodes if node.related for way in ways[node.id]}
    related_text = _ways_text(related) if related else None
    related_label = APART_RELATED.format(ways=related_text) if related_text else None
    return View(
        "overview",
        "overview",
        *_heading(gmap, "overview"),
        _describe_overview(gmap, nodes, edges, related_text),
        tuple(nodes),
        tuple(edges),
        related_label=related_label,
    )


def _folded_overview(gmap: GovernanceMap, boards: list[Board], *, with_members: bool) -> View:
    rank_all = len(gmap.links) <= MAX_RANKED_EDGES
    edges = link_edges(gmap, gmap.links, rank_all=rank_all)
    ids = {b.id for b in boards}
    edges += _chair_edges(gmap, ids, boards)
    if with_members:
        edges += [
            _diagram_edge(member, b.id, "member", ranked=rank_all)
            for b in boards
            for member in b.members
            if member in ids
        ]
    fitted = _fit(gmap, boards, edges)
    if fitted.unlinked:  # "not linked to any other body" only where it has no relationship
        ways = _related_ways(gmap)
        if any(
            b in ways
            for node in fitted.nodes
            if node.apart
            for b in (node.id, *fitted.fold.inside.get(node.id, ()))
        ):
            fitted = replace(fitted, unlinked=False)
    d = DIAGRAM_DESCRIPTIONS
    description = sentence(
        d["overview-folded"].format(
            bodies=f"{len(boards):,}",
            area=gmap.area,
            date=_date(gmap),
            count=len(fitted.nodes),
            fold=_fold_short(fitted),
            lines=_fitted_lines(fitted),
        )
    )
    return _fitted_view(gmap, "overview", "overview", _heading(gmap, "overview"), description, fitted)


def _describe_overview(
    gmap: GovernanceMap, nodes: list[Node], edges: list[Edge], related: str | None = None
) -> str:
    bodies = sum(1 for node in nodes if node.board is not None)  # not free-text chairs
    return sentence(
        DIAGRAM_DESCRIPTIONS["overview"].format(
            count=bodies, area=gmap.area, date=_date(gmap), lines=_lines_text(nodes, edges, related=related)
        )
    )


def _area_bodies(gmap: GovernanceMap) -> dict[str, list[Board]]:
    """Each area -> the overview's bodies that name it, in the map's order."""

    def make() -> dict[str, list[Board]]:
        bodies: dict[str, list[Board]] = {}
        for board in overview_boards(gmap):
            for area in dict.fromkeys(board.areas):
                bodies.setdefault(area, []).append(board)
        return bodies

    return _index(gmap).memo("views.area_bodies", make)


def _area_links(gmap: GovernanceMap) -> dict[str, list[Link]]:
    """Each area -> the links to or from its bodies, in the map's order (one pass for all
    the area views)."""
    by_id = _index(gmap).by_id

    def make() -> dict[str, list[Link]]:
        links: dict[str, list[Link]] = {}
        for link in gmap.links:
            ends = (by_id.get(link.from_), by_id.get(link.to))
            for area in dict.fromkeys(a for end in ends if end is not None for a in end.areas):
                links.setdefault(area, []).append(link)
        return links

    return _index(gmap).memo("views.area_links", make)


# -- one area ------------------------------------------------------------------------------


def area_view(gmap: GovernanceMap, area: str) -> View:
    """The overview of one area, on a map of several: the bodies that name the area (those
    it shares with others too), the bodies outside every area linked to them (national
    bodies), and one box for the bodies of other areas linked to them; folded as the
    overview of a one-area map is where it has more than MAX_OVERVIEW_BOARDS bodies."""
    index = _index(gmap)
    own = {b.id for b in _area_bodies(gmap).get(area, [])}
    links = _area_links(gmap).get(area, [])
    outside = {end for link in links for end in (link.from_, link.to) if end not in own}
    boards = _in_map_order(gmap, own | outside)
    elsewhere: dict[str, folding.Home] = {
        i: ("elsewhere", "") for i in outside if i in index.by_id and index.by_id[i].areas
    }
    rank_all = len(links) <= MAX_RANKED_EDGES
    edges = link_edges(gmap, links, rank_all=rank_all)
    edges += _chair_edges(gmap, {b.id for b in boards}, [b for b in boards if b.id in own])
    alone = len(boards) - len(elsewhere)  # the bodies drawn as themselves, unfolded
    fitted = _fit(
        gmap,
        boards,
        edges,
        links=links,
        by_area=False,
        fixed=elsewhere,
        unfolded=alone <= MAX_OVERVIEW_BOARDS,
        first=alone <= MAX_OVERVIEW_BOARDS,
    )
    # One area: no box for it around its bodies (the title names it).
    fitted = replace(fitted, nodes=[replace(node, area=None) for node in fitted.nodes])
    name = _area_name(gmap, area)
    d = DIAGRAM_DESCRIPTIONS
    if fitted.folded:
        description = d["area-folded"].format(
            bodies=f"{len(own):,}",
            name=name,
            date=_date(gmap),
            count=len(fitted.nodes),
            fold=_fold_short(fitted),
            lines=_fitted_lines(fitted),
        )
    else:
        description = d["area"].format(
            count=len(own), name=name, date=_date(gmap), lines=_fitted_lines(fitted)
        )
    return _fitted_view(
        gmap, f"area-{area}", "area", _heading(gmap, "area", area=name), sentence(description), fitted
    )
