"""The one index of a map's relationships (boardmap.graph): link keys, typed views, cycles,
and one index per map shared by every stage."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boardmap import graph
from boardmap.graph import LinkKey, Relation, acyclic, cycles, index, link_keys, reachable
from boardmap.load import load_text
from boardmap.model import GovernanceMap

MAP = """\
boardmap: 1
area: Testshire
as_of: 2024-04-01
boards:
  - {id: council, name: Testshire Council, kind: organisation, top: true}
  - {id: hwbb, name: Health and Wellbeing Board, kind: statutory-board, part_of: council, chair: leader}
  - {id: lscb, name: Safeguarding Children Board, kind: statutory-board, chair: Jane Smith}
  - {id: sub, name: Audit Sub-group, kind: sub-group, members: [police, leader]}
  - {id: leader, name: Leader of the Council, kind: role}
  - {id: police, name: Testshire Police, kind: organisation}
  - {id: a, name: Board A, kind: partnership}
  - {id: b, name: Board B, kind: partnership, members: [police]}
links:
  - {from: lscb, to: hwbb, type: informs, what: annual report}
  - {from: sub, to: lscb, type: sub-group-of}
  - {from: lscb, to: hwbb, type: informs, what: audit findings}
  - {from: hwbb, to: lscb, type: challenges}
  - {from: lscb, to: hwbb, type: informs, what: a third}
  - {from: lscb, to: hwbb, type: reports-to}
  - {from: a, to: b, type: reports-to}
  - {from: b, to: a, type: reports-to}
  - {from: a, to: b, type: escalates-to}
"""


@pytest.fixture
def gmap() -> GovernanceMap:
    return load_text(MAP)


def test_parallel_links_are_numbered_in_the_maps_order(gmap: GovernanceMap) -> None:
    keys = index(gmap).keys
    assert keys[0] == LinkKey("lscb", "hwbb", "informs", 1)
    assert keys[2] == LinkKey("lscb", "hwbb", "informs", 2)
    assert keys[4] == LinkKey("lscb", "hwbb", "informs", 3)
    assert keys[5] == LinkKey("lscb", "hwbb", "reports-to", 1)
    assert [k.id for k in keys[:3]] == ["lscb:informs:hwbb", "sub:sub-group-of:lscb", "lscb:informs:hwbb:2"]
    assert [k.edge for k in (keys[0], keys[2], keys[4])] == ["informs", "informs-2", "informs-3"]
    assert keys[2].relation == ("lscb", "hwbb", "informs")
    assert index(gmap).links[LinkKey("lscb", "hwbb", "informs", 2)].what == "audit findings"


def test_a_key_stays_when_other_links_are_added_or_removed(gmap: GovernanceMap) -> None:
    """A link's key depends only on the links of its own type between the same boards
    before it: adding or removing any other link leaves it as it was."""
    before = dict(zip(link_keys(gmap.links), (link.what for link in gmap.links), strict=True))
    others = [link for link in gmap.links if link.type != "informs"][1:]
    informs = [link for link in gmap.links if link.type == "informs"]
    shuffled = [*others[::-1], informs[0], informs[1], informs[2]]
    after = dict(zip(link_keys(shuffled), (link.what for link in shuffled), strict=True))
    for key, what in after.items():
        if key.type == "informs":
            assert before[key] == what


def test_renames_number_the_links_as_the_other_map_names_them(gmap: GovernanceMap) -> None:
    keys = link_keys(gmap.links, {"lscb": "lscp"})
    assert keys[0] == LinkKey("lscp", "hwbb", "informs", 1)
    assert keys[2] == LinkKey("lscp", "hwbb", "informs", 2)
    assert keys[1] == LinkKey("sub", "lscp", "sub-group-of", 1)


def test_the_index_graph_keeps_every_link(gmap: GovernanceMap) -> None:
    g = index(gmap).graph
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_edges() == len(gmap.links) == 9
    assert sorted(g["lscb"]["hwbb"]) == ["informs", "informs-2", "informs-3", "reports-to"]
    edge = g.edges["lscb", "hwbb", "informs-3"]
    assert edge["link"].what == "a third"
    assert edge["key"] == LinkKey("lscb", "hwbb", "informs", 3)
    assert edge["index"] == 4
    assert g.nodes["hwbb"]["board"].name == "Health and Wellbeing Board"


def test_the_api_graph_is_a_new_graph_of_plain_values(gmap: GovernanceMap) -> None:
    first = graph.build_graph(gmap)
    first.remove_edge("lscb", "hwbb", "informs")
    again = graph.build_graph(gmap)
    assert again.edges["lscb", "hwbb", "informs"]["what"] == "annual report"
    assert again.edges["lscb", "hwbb", "informs-2"]["index"] == 2
    assert index(gmap).graph.has_edge("lscb", "hwbb", "informs")


def test_typed_views(gmap: GovernanceMap) -> None:
    found = index(gmap)
    assert found.typed("reporting").edges == [
        ("sub", "lscb"),
        ("lscb", "hwbb"),
        ("a", "b"),
        ("b", "a"),
        ("hwbb", "council"),  # part_of, after the links
    ]
    assert found.typed("reporting").succ["lscb"] == ["hwbb"]
    assert found.typed("reporting").pred["lscb"] == ["sub"]
    assert found.typed("challenge").edges == [("hwbb", "lscb")]
    assert found.typed("escalation").edges == [("a", "b")]
    assert sorted(found.typed("membership").edges) == [("leader", "sub"), ("police", "b"), ("police", "sub")]
    assert sorted(found.typed("chairs").edges) == [("Jane Smith", "lscb"), ("leader", "hwbb")]
    assert found.typed("reporting") is found.typed("reporting")  # made once
    with pytest.raises(ValueError, match="no typed view 'money'; the views are reporting, challenge"):
        found.typed("money")


def test_links_by_board_and_by_type(gmap: GovernanceMap) -> None:
    found = index(gmap)
    assert [link.type for link in found.links_of("hwbb")] == [
        "informs",
        "informs",
        "challenges",
        "informs",
        "reports-to",
    ]
    assert found.links_of("council") == []
    assert [link.what for link in found.by_type["informs"]] == ["annual report", "audit findings", "a third"]
    assert found.pair_types[("lscb", "hwbb")] == {"informs", "reports-to"}
    assert found.first_link[("lscb", "hwbb", "informs")].what == "annual report"
    assert found.chaired == {"leader": ["hwbb"], "Jane Smith": ["lscb"]}
    assert found.member_of == {"police": ["sub", "b"], "leader": ["sub"]}
    assert "council" in found.linked and "council" not in found.link_ends  # by part_of only


def test_first_links_are_the_first_of_each_key_in_the_maps_order(gmap: GovernanceMap) -> None:
    """first_link makes each type's table when first asked (graph.FirstLinks): it holds what
    one table of every link, first come first kept, held."""
    expected: dict[tuple[str, str, str], object] = {}
    for link in gmap.links:
        expected.setdefault((link.from_, link.to, link.type), link)
    first = index(gmap).first_link
    assert first[("lscb", "hwbb", "reports-to")] is gmap.links[5]
    assert {key: first[key] for key in expected} == expected
    assert dict(first) == expected and len(first) == len(expected) == 7
    assert ("hwbb", "lscb", "informs") not in first and first.get(("x", "y", "informs")) is None
    with pytest.raises(KeyError):
        first[("lscb", "hwbb", "consults")]


def test_links_of_several_types_come_in_the_maps_order(gmap: GovernanceMap) -> None:
    """links_of_types reads the tables by type and puts the links back in the map's order."""
    found = index(gmap)
    for types in (["reports-to", "sub-group-of"], ["informs", "challenges", "reports-to"], ["consults"]):
        assert found.links_of_types(types) == [link for link in gmap.links if link.type in types]
        assert [id(x) for x in found.links_of_types(reversed(types))] == [
            id(link) for link in gmap.links if link.type in types
        ]


def test_cycles_and_reachability(gmap: GovernanceMap) -> None:
    reporting = index(gmap).typed("reporting")
    assert list(cycles(reporting)) == [{"a", "b"}]
    assert list(cycles(index(gmap).typed("challenge"))) == []
    assert list(cycles(Relation([("x", "y"), ("y", "z"), ("z", "x"), ("z", "w"), ("w", "w")]))) == [
        {"x", "y", "z"}
    ]  # a board's line to itself is not a circle of boards
    digraph = reporting.digraph()
    assert isinstance(digraph, nx.DiGraph) and list(digraph.edges) == list(nx.DiGraph(reporting.edges).edges)
    assert reachable(reporting, ["sub"]) == {"sub", "lscb", "hwbb", "council"}
    assert reachable(reporting, ["council"], backwards=True) == {"council", "hwbb", "lscb", "sub"}
    assert reachable(reporting, ["not-a-board"]) == {"not-a-board"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40))
def test_acyclic_agrees_with_networkx(pairs: list[tuple[int, int]]) -> None:
    """`acyclic` (Kahn's algorithm) says there is no circle exactly where networkx finds
    none; a line from a board to itself counts as a circle, as graphlib counted it."""
    relation = Relation((f"n{a}", f"n{b}") for a, b in pairs)
    assert acyclic(relation) == nx.is_directed_acyclic_graph(nx.DiGraph(relation.edges))
    assert acyclic(Relation([])) and not acyclic(Relation([("a", "a")]))


def test_one_index_per_map_made_again_when_its_lists_change(gmap: GovernanceMap) -> None:
    first = index(gmap)
    assert index(gmap) is first
    other = load_text(MAP)
    assert index(other) is not first and index(other).gmap is other
    gmap.links.pop()  # a map's lists can still be changed in place: the index follows
    assert index(gmap) is not first
    assert len(index(gmap).keys) == 8


def test_only_a_few_maps_indexes_are_kept() -> None:
    maps = [load_text(MAP) for _ in range(graph.KEPT + 2)]
    made = [index(m) for m in maps]
    assert index(maps[-1]) is made[-1]
    assert index(maps[0]) is not made[0]  # let go, made again


def test_memo_keeps_a_stages_value_with_the_index(gmap: GovernanceMap) -> None:
    calls: list[int] = []

    def make() -> list[str]:
        calls.append(1)
        return ["north", "south"]

    assert index(gmap).memo("test.areas", make) == ["north", "south"]
    assert index(gmap).memo("test.areas", make) == ["north", "south"]
    assert calls == [1]
