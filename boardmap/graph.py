"""GovernanceMap -> a networkx MultiDiGraph of the whole map (the API's `graph`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

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
        graph.add_edge(link.from_, link.to, key=edge_key(link.type, seen[triple]), index=index, **attrs)
    return graph
