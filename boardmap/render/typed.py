"""The views of one kind of relation: who answers to whom (reporting), who holds whom to
account (challenge), and who works on which shared priority (themes)."""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import replace

from boardmap.model import GOVERNANCE_KINDS, GovernanceMap
from boardmap.render.fitting import _fit_typed, _Fitted, _fitted_lines, _fitted_view, _fold_short
from boardmap.render.fold import MAX_OVERVIEW_BOARDS
from boardmap.render.inputs import challenge_inputs, reporting_inputs
from boardmap.render.viewdata import MAX_RANKED_EDGES, PARTS_PER_ROW, Edge, Node, View
from boardmap.render.viewparts import (
    _between,
    _clauses,
    _date,
    _diagram_edge,
    _empty,
    _heading,
    _the,
    _theme_node,
    _typed_nodes,
    _verb,
    board_node,
    link_edges,
    merge_parallel,
)
from boardmap.say.diagrams import ANSWERS_TO_NO_ONE, APART_REPORTING, DIAGRAM_DESCRIPTIONS, EMPTY_VIEWS
from boardmap.say.grammar import count as counted
from boardmap.say.grammar import join, sentence


def reporting(gmap: GovernanceMap) -> View:
    """Lines of accountability as a hierarchy, `top` bodies at the top."""
    links = link_edges(gmap, reporting_inputs(gmap).drawn(gmap), rank_all=True)
    edges = merge_parallel(links)
    nodes = _typed_nodes(gmap, edges, with_top=True)
    title = _heading(gmap, "reporting")
    if not nodes:
        message = EMPTY_VIEWS["reporting"]
        return View("reporting", "reporting", *title, _empty(gmap, message), (), (), empty=message)
    d = DIAGRAM_DESCRIPTIONS
    if len(nodes) > MAX_OVERVIEW_BOARDS:
        return _folded(gmap, "reporting", title, nodes, links, _fit_typed(gmap, nodes, links))
    below = {e.tail for e in edges}
    tops = [_the(gmap, node.id) for node in nodes if node.id not in below]
    description = sentence(
        d["reporting"].format(
            area=gmap.area,
            date=_date(gmap),
            lines=counted(len(edges), "reporting line"),
            bodies=len(nodes),
            tops=join(tops),
        )
    )
    # Boards that answer to no one: a root of the tree says so (unless the map marks it as
    # the top), and a board with no reporting line at all is drawn apart, not left out.
    kinds = {b.id: b.kind for b in gmap.boards}
    nodes = [
        replace(node, note=ANSWERS_TO_NO_ONE)
        if kinds.get(node.id) in GOVERNANCE_KINDS and node.id not in below and not node.top
        else node
        for node in nodes
    ]
    shown = {node.id for node in nodes}
    alone = [
        replace(board_node(gmap, b), apart=True)
        for b in gmap.boards
        if b.kind in GOVERNANCE_KINDS and b.id not in shown
    ]
    return View(
        "reporting",
        "reporting",
        *title,
        description,
        (*nodes, *alone),
        tuple(edges),
        apart_label=APART_REPORTING if alone else None,
    )


def challenge(gmap: GovernanceMap) -> View:
    """Who holds whom to account: the holder drawn above the body it holds to account."""
    links = challenge_inputs(gmap).drawn(gmap)
    edges = merge_parallel(link_edges(gmap, links, rank_all=len(links) <= MAX_RANKED_EDGES))
    nodes = _typed_nodes(gmap, edges)
    title = _heading(gmap, "challenge")
    if not nodes:
        message = EMPTY_VIEWS["challenge"]
        return View("challenge", "challenge", *title, _empty(gmap, message), (), (), empty=message)
    if len(nodes) > MAX_OVERVIEW_BOARDS:
        # Folded, few enough lines remain for each to set the layout's ranks.
        edges_all = link_edges(gmap, links, rank_all=True)
        return _folded(gmap, "challenge", title, nodes, links, _fit_typed(gmap, nodes, edges_all))
    clauses = [f"{_the(gmap, e.tail)} {_verb(e.type, _the(gmap, e.head))}" for e in edges]
    description = sentence(
        DIAGRAM_DESCRIPTIONS["challenge"].format(area=gmap.area, date=_date(gmap), clauses=_clauses(clauses))
    )
    return View("challenge", "challenge", *title, description, tuple(nodes), tuple(edges))


def themes(gmap: GovernanceMap) -> View:
    """Who leads and who supports each shared priority: boards above, priorities below."""
    d = DIAGRAM_DESCRIPTIONS
    theme_nodes: list[Node] = []
    edges: list[Edge] = []
    clauses: list[str] = []
    for theme in gmap.themes:
        node_id = f"theme-{theme.id}"
        theme_nodes.append(_theme_node(theme))
        if theme.lead:
            edges.append(_diagram_edge(theme.lead, node_id, "leads"))
            clause = d["theme-led"].format(theme=theme.name, lead=_the(gmap, theme.lead))
        else:
            clause = d["theme-unled"].format(theme=theme.name)
        edges += [_diagram_edge(board_id, node_id, "supports") for board_id in theme.supports]
        if theme.supports:
            clause = d["theme-supported"].format(
                theme_clause=clause, supports=join([_the(gmap, b) for b in theme.supports])
            )
        clauses.append(clause)
    boards = _typed_nodes(gmap, edges)
    title = _heading(gmap, "themes")
    count = len(gmap.themes)
    if len(boards) > MAX_OVERVIEW_BOARDS:
        fitted = _fit_typed(gmap, boards, edges, themed=True)
        description = sentence(
            d["themes-folded"].format(
                themes=f"{count:,}",
                area=gmap.area,
                date=_date(gmap),
                bodies=f"{len(boards):,}",
                count=len(fitted.nodes),
                fold=_fold_short(fitted),
                lines=_fitted_lines(fitted),
            )
        )
        view = _fitted_view(gmap, "themes", "themes", title, description, fitted, direction="TB")
        order = _rows_of_parts(fitted.nodes, fitted.edges)
        if not order:
            return view
        # In rows, each part's lines keep their length (no staggering of a long bottom row).
        return replace(view, order=order, edges=tuple(replace(edge, length=None) for edge in view.edges))
    nodes = boards + theme_nodes
    edges = _between(nodes, edges)
    description = sentence(
        d["themes"].format(
            priorities=counted(count, "shared priority"),
            area=gmap.area,
            date=_date(gmap),
            clauses=_clauses(clauses),
        )
    )
    return View("themes", "themes", *title, description, tuple(nodes), tuple(edges), direction="TB")


def _rows_of_parts(nodes: list[Node], lines: list[Edge]) -> tuple[tuple[str, str], ...]:
    """Where the boxes of a folded themes diagram fall into many separate parts (each area
    with its priorities), invisible lines that draw the parts in rows of PARTS_PER_ROW:
    from the last priority of each part to the first box of the part below it."""
    part = {node.id: node.id for node in nodes if not node.apart}

    def find(box: str) -> str:
        while part[box] != box:
            part[box] = part[part[box]]
            box = part[box]
        return box

    for line in lines:
        a, b = find(line.tail), find(line.head)
        if a != b:
            part[b] = a
    parts: dict[str, list[Node]] = {}
    for node in nodes:
        if not node.apart:
            parts.setdefault(find(node.id), []).append(node)
    if len(parts) <= PARTS_PER_ROW:
        return ()
    ends = [
        (
            next((n.id for n in members if n.kind != "theme"), members[0].id),
            next((n.id for n in reversed(members) if n.kind == "theme"), members[-1].id),
        )
        for members in parts.values()
    ]
    return tuple((ends[n][1], ends[n + PARTS_PER_ROW][0]) for n in range(len(ends) - PARTS_PER_ROW))


def _folded(
    gmap: GovernanceMap,
    kind: str,
    title: tuple[str, str],
    nodes: list[Node],
    links: Sized,
    fitted: _Fitted,
) -> View:
    """A reporting or challenge view too large to draw box by box, folded, with the words
    that say how many lines and bodies it stands for."""
    description = sentence(
        DIAGRAM_DESCRIPTIONS[f"{kind}-folded"].format(
            area=gmap.area,
            date=_date(gmap),
            links=f"{len(links):,}",
            bodies=f"{len(nodes):,}",
            count=len(fitted.nodes),
            fold=_fold_short(fitted),
            lines=_fitted_lines(fitted),
        )
    )
    return _fitted_view(gmap, kind, kind, title, description, fitted)
