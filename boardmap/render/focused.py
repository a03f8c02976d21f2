"""The views about one thing: a board and everything around it, and an escalation route's steps."""

from __future__ import annotations

from boardmap.model import Board, GovernanceMap
from boardmap.render.inputs import board_inputs
from boardmap.render.viewdata import MAX_CLAUSES, MAX_RANKED_EDGES, Edge, Node, View
from boardmap.render.viewparts import (
    _between,
    _clauses,
    _date,
    _diagram_edge,
    _free_chair_edges,
    _heading,
    _in_map_order,
    _index,
    _the,
    _verb,
    board_nodes,
    free_chairs,
    link_edges,
    merge_parallel,
)
from boardmap.say.diagrams import DIAGRAM_DESCRIPTIONS, NO_LINKS, STEP_LABEL
from boardmap.say.grammar import count as counted
from boardmap.say.grammar import join, sentence

# -- one board -----------------------------------------------------------------------------


def board_view(gmap: GovernanceMap, board_id: str) -> View:
    """The board, everything linked to it, its chairs and members, and what it chairs."""
    index = _index(gmap)
    by_id = index.by_id
    focus = by_id[board_id]
    links = board_inputs(gmap, board_id).drawn(gmap)
    rank_all = len(links) <= MAX_RANKED_EDGES
    edges = merge_parallel(link_edges(gmap, links, rank_all=rank_all))
    edges += [
        _diagram_edge(chair, board_id, "chairs")
        for chair in focus.chairs
        if chair in by_id and chair != board_id
    ]
    chairs = free_chairs(gmap, focus)
    edges += _free_chair_edges(chairs, board_id)
    edges += [
        _diagram_edge(board_id, chaired, "chairs")
        for chaired in dict.fromkeys(index.chaired.get(board_id, []))
        if chaired != board_id
    ]
    edges += [
        _diagram_edge(member, board_id, "member", ranked=rank_all)
        for member in focus.members
        if member in by_id and member != board_id
    ]
    edges += [
        _diagram_edge(board_id, other, "member", ranked=rank_all)
        for other in dict.fromkeys(index.member_of.get(board_id, []))
        if other != board_id
    ]
    touched = {e.tail for e in edges} | {e.head for e in edges} | {board_id}
    # The board first, then the others in the map's order.
    order = sorted(
        (i for i in touched if i in index.position), key=lambda i: (i != board_id, index.position[i])
    )
    lone = None if edges else NO_LINKS
    nodes = board_nodes(gmap, [by_id[i] for i in order], focus=board_id, note=lone) + chairs
    title = _heading(gmap, "board", board=focus.label)
    names = {chair.id: chair.text for chair in chairs}
    return View(
        f"board-{board_id}",
        "board",
        *title,
        _describe_board(gmap, focus, edges, names),
        tuple(nodes),
        tuple(edges),
    )


def _describe_board(
    gmap: GovernanceMap, focus: Board, edges: list[Edge], names: dict[str, str] | None = None
) -> str:
    """`names`: the words for boxes that are not boards (free-text chairs)."""
    names = names or {}
    d = DIAGRAM_DESCRIPTIONS
    if not edges:
        return sentence(d["board-no-links"].format(board=focus.label, area=gmap.area, date=_date(gmap)))
    clauses = []
    for edge in edges[: MAX_CLAUSES + 1]:  # _clauses says how many more after MAX_CLAUSES
        if edge.tail == focus.id:
            clauses.append("it " + _verb(edge.type, _the(gmap, edge.head)))
        else:
            clauses.append(f"{names.get(edge.tail) or _the(gmap, edge.tail)} {_verb(edge.type, 'it')}")
    return sentence(
        d["board"].format(
            board=focus.label, area=gmap.area, date=_date(gmap), clauses=_clauses(clauses, len(edges))
        )
    )


# -- escalation routes ---------------------------------------------------------------------


def escalation(gmap: GovernanceMap, route_id: str) -> View:
    """A route's numbered steps as a flowchart: from the boards it is between, step by step,
    to whoever takes part in the last step (they settle it)."""
    route = next(r for r in gmap.escalations if r.id == route_id)
    last = len(route.steps)
    steps = [
        Node(f"step-{n}", step.action, "step", heading=STEP_LABEL.format(n=n), final=n == last)
        for n, step in enumerate(route.steps, start=1)
    ]
    edges = [_diagram_edge(board_id, "step-1", "starts") for board_id in route.between]
    edges += [_diagram_edge(f"step-{n}", f"step-{n + 1}", "next") for n in range(1, last)]
    for n, step in enumerate(route.steps, start=1):
        # The boards the route is between take part throughout; lines back up to them from
        # every step would only tangle the chart (the steps' own words say who acts).
        for board_id in (b for b in step.involves if b not in route.between):
            if n == last:  # ranked: whoever settles it stands at the foot of the chart
                edges.append(_diagram_edge(f"step-{n}", board_id, "settles"))
            else:
                edges.append(_diagram_edge(f"step-{n}", board_id, "involves", ranked=False))
    touched = {e.tail for e in edges} | {e.head for e in edges}
    nodes = board_nodes(gmap, _in_map_order(gmap, touched)) + steps
    edges = _between(nodes, edges)
    settlers = route.steps[-1].involves or route.between
    description = sentence(
        DIAGRAM_DESCRIPTIONS["escalation"].format(
            area=gmap.area,
            date=_date(gmap),
            route=f"“{route.name}”",
            steps=counted(last, "step"),
            between=join([_the(gmap, b) for b in route.between]),
            settlers=join([_the(gmap, b) for b in settlers]),
        )
    )
    title = _heading(gmap, "escalation", route=route.name)
    return View(
        f"escalation-{route.id}",
        "escalation",
        *title,
        description,
        tuple(nodes),
        tuple(edges),
        direction="TB",
        legend_beside=True,
    )
