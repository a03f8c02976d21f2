"""GovernanceMap -> networkx graphs: the whole map, and the views the checks and diagrams use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from boardmap.model import REPORTING_TYPES

if TYPE_CHECKING:
    from boardmap.model import GovernanceMap


def edge_key(link_type: str, occurrence: int) -> str:
    """Keys keep parallel links apart: 'informs', then 'informs-2', 'informs-3', ..."""
    return link_type if occurrence == 1 else f"{link_type}-{occurrence}"


def build_graph(gmap: GovernanceMap) -> nx.MultiDiGraph:
    """Nodes are board ids with the board's fields as attributes; each link is one edge,
    keyed by its type (numbered where two links of a type join the same boards), with the
    link's fields and its `index` in `gmap.links`."""
    graph = nx.MultiDiGraph(area=gmap.area, title=gmap.title, as_of=gmap.as_of.isoformat())
    for board in gmap.boards:
        attrs = {k: v for k, v in board.__dict__.items() if k != "id" and v is not None}
        graph.add_node(board.id, **attrs)
    seen: dict[tuple[str, str, str], int] = {}
    for index, link in enumerate(gmap.links):
        triple = (link.from_, link.to, link.type)
        seen[triple] = seen.get(triple, 0) + 1
        attrs = {k: v for k, v in link.__dict__.items() if k != "from_" and v is not None}
        graph.add_edge(link.from_, link.to, key=edge_key(link.type, seen[triple]),
                       index=index, **attrs)
    return graph


def typed_view(gmap: GovernanceMap, types: Iterable[str]) -> nx.DiGraph:
    """A simple directed graph of every board and only the links of the given types."""
    wanted = set(types)
    view = nx.DiGraph()
    view.add_nodes_from(b.id for b in gmap.boards)
    view.add_edges_from((link.from_, link.to) for link in gmap.links if link.type in wanted)
    return view


def reporting_view(gmap: GovernanceMap) -> nx.DiGraph:
    """Who answers to whom: reports-to and sub-group-of links."""
    return typed_view(gmap, REPORTING_TYPES)


def node_attrs(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    return dict(graph.nodes[node])
