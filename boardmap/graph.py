"""The one index of a map's relationships, and the one way to name a link.

Every stage that asks "which links does this board have", "who answers to whom" or "is
there a circle" asks `index(gmap)`: the checks' context, the views, the build's
fingerprints, the diff and the exports. The index is made once per map object and kept
while the map is in use (see `index`); each part of it is worked out on first use, so a
stage pays only for what it reads.

A link is named by its `LinkKey`: (from, to, type, n), the n-th link of that type from one
board to the other in the map's order. Its spellings are derived from it: `key.id`
('lscb:informs:hwbb', then 'lscb:informs:hwbb:2'), the exports' edge id; and `key.edge`
('informs', then 'informs-2'), the key of its edge between the two boards in the graph.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from boardmap.model import REPORTING_TYPES, Board, GovernanceMap, Link

if TYPE_CHECKING:
    import networkx as nx

# networkx is imported where a graph of it is made, not at the top: importing it costs about
# 150 ms (measured with python -X importtime, networkx 3.6), more than `boardmap check` spends
# on a council's map, and most maps have no circle for it to find. The typed views are plain
# successor lists (`Relation`); networkx finds the circles where `acyclic` says there are some.

# The typed views: each relation of the map as a directed graph of board ids (a Relation).
TYPED_VIEWS: tuple[str, ...] = ("reporting", "challenge", "escalation", "membership", "chairs")
# The link types each view of links draws (reporting also draws each board's `part_of`).
VIEW_TYPES: dict[str, frozenset[str]] = {
    "reporting": REPORTING_TYPES,
    "challenge": frozenset({"challenges"}),
    "escalation": frozenset({"escalates-to"}),
}
# How many maps' indexes are kept at once: a build reads one map (and the copy the checks
# make with inferred roles), a diff two, a comparison a few.
KEPT = 8
_T = TypeVar("_T")


class LinkKey(NamedTuple):
    """The n-th link of `type` from `from_` to `to`, counting from 1 in the map's order."""

    from_: str
    to: str
    type: str
    n: int = 1

    @property
    def relation(self) -> tuple[str, str, str]:
        """(from, to, type): what a finding about a link names, whether or not it exists."""
        return (self.from_, self.to, self.type)

    @property
    def edge(self) -> str:
        """The key of its edge between the two boards in the graph: 'informs', 'informs-2'."""
        return self.type if self.n == 1 else f"{self.type}-{self.n}"

    @property
    def id(self) -> str:
        """Unique in the map, readable: 'lscb:challenges:hwbb', then ':2', ... (exports)."""
        base = f"{self.from_}:{self.type}:{self.to}"
        return base if self.n == 1 else f"{base}:{self.n}"


def link_keys(links: Iterable[Link], renames: Mapping[str, str] | None = None) -> list[LinkKey]:
    """Each link's key, in order. `renames` (old id -> new id) names the ends as another map
    does, so that the links of two maps can be matched (the diff)."""
    seen: dict[tuple[str, str, str], int] = {}
    keys = []
    for link in links:
        a, b = link.from_, link.to
        if renames:
            a, b = renames.get(a, a), renames.get(b, b)
        relation = (a, b, link.type)
        n = seen[relation] = seen.get(relation, 0) + 1
        keys.append(LinkKey(a, b, link.type, n))
    return keys


class Relation:
    """One relation between boards as a directed graph: successor and predecessor lists,
    each line once, in the order the lines were given. `digraph()` is the same as a networkx
    DiGraph, for networkx's algorithms."""

    def __init__(self, edges: Iterable[tuple[str, str]]) -> None:
        succ: dict[str, list[str]] = defaultdict(list)
        pred: dict[str, list[str]] = defaultdict(list)
        self.edges: list[tuple[str, str]] = list(dict.fromkeys(edges))
        for a, b in self.edges:
            succ[a].append(b)
            pred[b].append(a)
        self.succ: dict[str, list[str]] = dict(succ)
        self.pred: dict[str, list[str]] = dict(pred)
        self._digraph: nx.DiGraph | None = None

    def digraph(self) -> nx.DiGraph:
        """The relation as a networkx DiGraph (made once)."""
        if self._digraph is None:
            import networkx as nx  # see the note at the top

            self._digraph = nx.DiGraph()
            self._digraph.add_edges_from(self.edges)
        return self._digraph


def acyclic(relation: Relation) -> bool:
    """Whether the relation has no circle (a line from a board to itself is one): boards
    with no line in are taken away, with their lines out, until none is left (Kahn's
    algorithm). graphlib's `prepare` said the same, but also walked the whole graph in
    Python looking for a circle to report: 20 ms against 4 ms on a national map's two
    relations (reporting, escalation), which have none."""
    succ = relation.succ
    waiting = {node: len(parents) for node, parents in relation.pred.items()}
    ready = [node for node in succ if node not in waiting]
    while ready:
        for child in succ.get(ready.pop(), ()):
            left = waiting[child] - 1
            if left:
                waiting[child] = left
            else:
                del waiting[child]
                ready.append(child)
    return not waiting


def cycles(relation: Relation) -> Iterator[set[str]]:
    """Each strongly connected set of two or more boards: every circle lies inside one.
    `acyclic` says whether there is any circle; networkx finds them."""
    if not acyclic(relation):
        import networkx as nx  # see the note at the top

        for component in nx.strongly_connected_components(relation.digraph()):
            if len(component) > 1:
                yield set(component)


def reachable(relation: Relation, sources: Iterable[str], *, backwards: bool = False) -> set[str]:
    """The boards reached from `sources` along the relation's lines (against them,
    `backwards`), the sources included."""
    import networkx as nx  # see the note at the top

    graph = relation.digraph()
    found = set(sources)
    start = [s for s in found if s in graph]
    if start:
        walk = graph.reverse(copy=False) if backwards else graph
        for layer in nx.bfs_layers(walk, start):
            found.update(layer)
    return found


class _LinkTables(NamedTuple):
    by_type: dict[str, list[Link]]
    pair_types: dict[tuple[str, str], frozenset[str]]
    places: dict[str, list[int]]  # each type's links' places in the map, as by_type lists them


class FirstLinks(Mapping[tuple[str, str, str], Link]):
    """The first link of each (from, to, type), in the map's order. Each type's table is made
    from that type's links when a key of that type is first asked for: the checks ask for a
    few types' (a finding's link), and a table of all 50,000 links of a national map was a
    third of the index's pass over them. Iterated, it gives the keys type by type."""

    def __init__(self, by_type: dict[str, list[Link]]) -> None:
        self._by_type = by_type
        self._tables: dict[str, dict[tuple[str, str], Link]] = {}

    def _table(self, link_type: str) -> dict[tuple[str, str], Link]:
        table = self._tables.get(link_type)
        if table is None:
            table = self._tables[link_type] = {}
            for link in self._by_type.get(link_type, ()):
                table.setdefault((link.from_, link.to), link)
        return table

    def __getitem__(self, key: tuple[str, str, str]) -> Link:
        a, b, link_type = key
        try:
            return self._table(link_type)[a, b]
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        for link_type in self._by_type:
            yield from ((a, b, link_type) for a, b in self._table(link_type))

    def __len__(self) -> int:
        return sum(len(self._table(link_type)) for link_type in self._by_type)


class MapIndex:
    """What every stage looks up about a map's boards and links, each part made on first use."""

    def __init__(self, gmap: GovernanceMap) -> None:
        self.gmap = gmap
        self._typed: dict[str, Relation] = {}
        self._memo: dict[str, Any] = {}

    def memo(self, name: str, make: Callable[[], _T]) -> _T:
        """A value a stage works out from the map (the views' areas, say), made once and kept
        with the index; `name` is the stage's own ('views.area_links')."""
        if name not in self._memo:
            self._memo[name] = make()
        return cast(_T, self._memo[name])

    # -- boards --

    @cached_property
    def by_id(self) -> dict[str, Board]:
        return dict(self.gmap.by_id)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each board's place in the map's order."""
        return {board.id: n for n, board in enumerate(self.gmap.boards)}

    @cached_property
    def chaired(self) -> dict[str, list[str]]:
        """Each chair (a board id or free text) -> the boards it chairs, in map order."""
        found: dict[str, list[str]] = {}
        for board in self.gmap.boards:
            for chair in board.chairs:
                found.setdefault(chair, []).append(board.id)
        return found

    @cached_property
    def member_of(self) -> dict[str, list[str]]:
        """Each member -> the boards it sits on, in map order."""
        found: dict[str, list[str]] = {}
        for board in self.gmap.boards:
            for member in board.members:
                found.setdefault(member, []).append(board.id)
        return found

    # -- links --

    @cached_property
    def _tables(self) -> _LinkTables:
        """One pass over the links for the tables below (a national map has 50,000 links).
        The keys are made apart, on first use: the checks never need them."""
        by_type: dict[str, list[Link]] = defaultdict(list)
        pairs: dict[tuple[str, str], frozenset[str]] = {}
        places: dict[str, list[int]] = defaultdict(list)
        # Most pairs are linked by one type: they share that type's one frozenset, and a
        # pair's set is made only where it has two types (45,000 sets made and added to
        # were a sixth of this pass: 30 ms -> 26 ms).
        single: dict[str, frozenset[str]] = {}
        for n, link in enumerate(self.gmap.links):
            a, b, link_type = link.from_, link.to, link.type
            by_type[link_type].append(link)
            places[link_type].append(n)
            types = pairs.get((a, b))
            if types is None:
                one = single.get(link_type)
                if one is None:
                    one = single[link_type] = frozenset((link_type,))
                pairs[(a, b)] = one
            elif link_type not in types:
                pairs[(a, b)] = types | {link_type}
        return _LinkTables(by_type, pairs, places)

    def links_of_types(self, types: Iterable[str]) -> list[Link]:
        """The links of these types, in the map's order: read from the tables by type (and
        their places in the map), not from a pass over every link."""
        tables = self._tables
        wanted = [t for t in dict.fromkeys(types) if t in tables.by_type]
        if len(wanted) == 1:
            return tables.by_type[wanted[0]]
        placed = chain.from_iterable(zip(tables.places[t], tables.by_type[t], strict=True) for t in wanted)
        return [link for _, link in sorted(placed, key=itemgetter(0))]

    @cached_property
    def _keys(self) -> list[LinkKey]:
        keys: list[LinkKey] = []
        seen: dict[tuple[str, str, str], int] = {}
        for link in self.gmap.links:
            relation = (link.from_, link.to, link.type)
            n = seen[relation] = seen.get(relation, 0) + 1
            keys.append(LinkKey(*relation, n))
        return keys

    @property
    def keys(self) -> list[LinkKey]:
        """Each link's key, in the map's order (`keys[i]` names `gmap.links[i]`)."""
        return self._keys

    @cached_property
    def links(self) -> dict[LinkKey, Link]:
        """Every link by its key, in the map's order."""
        return dict(zip(self.keys, self.gmap.links, strict=True))

    @property
    def by_type(self) -> dict[str, list[Link]]:
        """The links of each type, in the map's order."""
        return self._tables.by_type

    @property
    def pair_types(self) -> dict[tuple[str, str], frozenset[str]]:
        """(from, to) -> the types of the links from one to the other."""
        return self._tables.pair_types

    @property
    def first_link(self) -> FirstLinks:
        """The first link of each (from, to, type): the link that key's `relation` names."""
        return self._first_link

    @cached_property
    def _first_link(self) -> FirstLinks:
        return FirstLinks(self.by_type)

    @cached_property
    def touching(self) -> dict[str, list[int]]:
        """Each board id -> the places in `gmap.links` of the links to or from it, in order."""
        found: dict[str, list[int]] = {}
        for n, link in enumerate(self.gmap.links):
            found.setdefault(link.from_, []).append(n)
            if link.to != link.from_:
                found.setdefault(link.to, []).append(n)
        return found

    def links_of(self, board_id: str) -> list[Link]:
        """The links to or from a board, in the map's order."""
        links = self.gmap.links
        return [links[n] for n in self.touching.get(board_id, ())]

    @cached_property
    def link_ends(self) -> set[str]:
        """Boards at either end of a link: read from the pairs of boards linked (45,000 keys
        at 10,000 boards), not from the 50,000 links, each read twice; by itemgetter, with
        no Python code for each pair (about 9 ms -> 6 ms)."""
        pairs = self.pair_types
        return set(map(itemgetter(0), pairs)).union(map(itemgetter(1), pairs))

    @cached_property
    def linked(self) -> set[str]:
        """Boards with at least one link, in or out (a `part_of` the map states counts)."""
        ends = set(self.link_ends)
        for board in self.gmap.boards:
            if board.part_of is not None:
                ends.add(board.id)
                ends.add(board.part_of)
        return ends

    # -- graphs --

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole map: board ids as nodes (`board` holds the Board), one edge per link
        keyed by `key.edge`, holding the `link`, its `key` and its `index` in `gmap.links`."""
        import networkx as nx  # see the note at the top

        graph = nx.MultiDiGraph()
        graph.add_nodes_from((board.id, {"board": board}) for board in self.gmap.boards)
        graph.add_edges_from(
            (key.from_, key.to, key.edge, {"link": link, "key": key, "index": n})
            for n, (key, link) in enumerate(zip(self.keys, self.gmap.links, strict=True))
        )
        return graph

    def typed(self, view: str) -> Relation:
        """One relation as a directed graph of board ids, each line once, in the map's order:
        'reporting' (reports-to and sub-group-of links, and each board to its `part_of`),
        'challenge' (challenger -> challenged), 'escalation' (escalates-to), 'membership'
        (member -> the board it sits on) and 'chairs' (chair -> the board it chairs)."""
        made = self._typed.get(view)
        if made is None:
            made = self._typed[view] = Relation(self._typed_edges(view))
        return made

    def _typed_edges(self, view: str) -> Iterator[tuple[str, str]]:
        if view in VIEW_TYPES:
            types = VIEW_TYPES[view]
            yield from ((link.from_, link.to) for link in self.links_of_types(sorted(types)))
            if view == "reporting":
                yield from ((b.id, b.part_of) for b in self.gmap.boards if b.part_of is not None)
        elif view == "membership":
            yield from ((m, board.id) for board in self.gmap.boards for m in board.members)
        elif view == "chairs":
            yield from ((c, board.id) for board in self.gmap.boards for c in board.chairs)
        else:
            raise ValueError(f"no typed view {view!r}; the views are {', '.join(TYPED_VIEWS)}")

    def relation(self, types: Iterable[str], also: Iterable[tuple[str, str]] = ()) -> Relation:
        """The links of these types as a relation, each line once, then `also`'s lines."""
        return Relation([*((link.from_, link.to) for link in self.links_of_types(sorted(types))), *also])


# id(map) -> the map's index (which holds the map, so that the id cannot be reused while
# it is kept), the most recently used last.
_KEPT: OrderedDict[int, tuple[tuple[int, int, int, int], MapIndex]] = OrderedDict()


def index(gmap: GovernanceMap) -> MapIndex:
    """The map's index, made once and shared by every stage. A map is frozen, so its index
    stays true while it lives; it is made again if its lists of boards or links were
    replaced or resized in place. The last few maps' indexes are kept, each holding its
    map."""
    made_from = (id(gmap.boards), len(gmap.boards), id(gmap.links), len(gmap.links))
    kept = _KEPT.get(id(gmap))
    if kept is not None and kept[1].gmap is gmap and kept[0] == made_from:
        _KEPT.move_to_end(id(gmap))
        return kept[1]
    made = MapIndex(gmap)
    _KEPT[id(gmap)] = (made_from, made)
    _KEPT.move_to_end(id(gmap))
    while len(_KEPT) > KEPT:
        _KEPT.popitem(last=False)
    return made


def build_graph(gmap: GovernanceMap) -> nx.MultiDiGraph:
    """The map as a networkx MultiDiGraph of plain values (the API's `graph`): nodes are
    board ids with the board's fields as attributes; each link is one edge, keyed by its
    `LinkKey.edge` ('informs', 'informs-2'), with the link's fields and its `index` in
    `gmap.links`. A new graph each time: the caller may change it."""
    import networkx as nx  # see the note at the top

    graph = nx.MultiDiGraph(area=gmap.area, title=gmap.title, as_of=gmap.as_of.isoformat())
    for board in gmap.boards:
        attrs = {k: v for k, v in board.__dict__.items() if k != "id" and v is not None}
        graph.add_node(board.id, **attrs)
    for n, (key, link) in enumerate(zip(index(gmap).keys, gmap.links, strict=True)):
        attrs = {k: v for k, v in link.__dict__.items() if k != "from_" and v is not None}
        graph.add_edge(link.from_, link.to, key=key.edge, index=n, **attrs)
    return graph
