"""boardmap export: GraphML, GEXF, node-link JSON, the Kumu CSV pair, Mermaid and DOT."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from boardmap.export import (
    FORMATS,
    MERMAID_ARROWS,
    MERMAID_SHAPES,
    board_attrs,
    csv_tables,
    edge_id,
    export,
    link_attrs,
    mermaid_text,
)
from boardmap.load import load, load_text
from boardmap.model import BOARD_KINDS, LINK_TYPES, GovernanceMap
from tests.conftest import EXAMPLES, MINIMAL

ROOT = Path(__file__).resolve().parents[1]
ISLINGTON = ROOT / "examples" / "islington-hwbb-iscb.yaml"
Cli = Callable[..., Any]

HOSTILE = r"""
boardmap: 1
area: "Hostile <b>shire</b>\n---"
as_of: 2020-01-01
boards:
  - id: a
    name: "Quote \" board <script>alert(1)</script>"
    short: "}; digraph x {"
    kind: committee
  - id: b
    name: "\"]; click X call alert(1)"
    kind: role
  - id: c
    name: "Line one\nline two\r\nend"
    kind: partnership
  - id: d
    name: "=HYPERLINK(\"http://evil.example\")"
    kind: organisation
    chair: "+cmd|' /C calc'!A0"
  - id: e
    name: "@SUM(1+1) | pipe # hash & amp; `tick` %% comment"
    kind: external
  - id: end
    name: "-end"
    kind: sub-group
links:
  - from: a
    to: b
    type: reports-to
    says: "\"]; click X call alert(1) %% x"
  - from: c
    to: d
    type: informs
    says: "-->|\"x\"| b_a\nflowchart LR"
  - from: e
    to: end
    type: attends
  - from: end
    to: a
    type: sub-group-of
"""


def hostile() -> GovernanceMap:
    return load_text(HOSTILE)


# -- a checker for the Mermaid we write -----------------------------------------------------

_SHAPES = "|".join(f'{re.escape(o)}"([^"]*)"{re.escape(c)}' for o, c in MERMAID_SHAPES.values())
NODE = re.compile(rf"^    (b_[a-z0-9_]+)(?:{_SHAPES}):::(k_[a-z_]+)$")
ARROWS = "|".join(re.escape(a) for a in MERMAID_ARROWS.values())
EDGE = re.compile(rf'^    (b_[a-z0-9_]+) ({ARROWS})\|"([^"]*)"\| (b_[a-z0-9_]+)$')
CLASS = re.compile(r"^    classDef (k_[a-z_]+) ((?:[a-z-]+:[#0-9A-Za-z. ]+)(?:,[a-z-]+:[#0-9A-Za-z. ]+)*)$")
# What a label may hold: letters, digits, a little punctuation, and entity codes.
LABEL = re.compile(r"^(?:[\w ,.'’()/:?!-]|#quot;|#\d+;)*$")


def check_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str, str]]]:
    """Parse the flowchart subset boardmap writes; fail on any line outside it.
    Returns the nodes (id -> label) and edges (from, arrow, label, to)."""
    lines = text.split("\n")
    assert text.endswith("\n") and lines[-1] == ""
    assert lines[0] == "---" and lines[2] == "---" and lines[3] == "flowchart TD"
    assert lines[1].startswith("title: ")
    assert isinstance(json.loads(lines[1][len("title: ") :]), str)  # one JSON string, one line
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str, str]] = []
    classes_used: set[str] = set()
    classes_defined: set[str] = set()
    for line in lines[4:-1]:
        if match := NODE.match(line):
            label = next(g for g in match.groups()[1:-1] if g is not None)
            assert match[1] not in nodes, f"node declared twice: {line}"
            nodes[match[1]] = label
            classes_used.add(match.groups()[-1])
        elif match := EDGE.match(line):
            edges.append((match[1], match[2], match[3], match[4]))
        elif match := CLASS.match(line):
            classes_defined.add(match[1])
        else:
            pytest.fail(f"not a line of the Mermaid subset boardmap writes: {line!r}")
    for label in [*nodes.values(), *(e[2] for e in edges)]:
        assert LABEL.match(label), f"unescaped character in label {label!r}"
    for source, _, _, target in edges:
        assert source in nodes and target in nodes
    assert classes_used == classes_defined
    return nodes, edges


def unescape_mermaid(text: str) -> str:
    return re.sub(r"#(quot|\d+);", lambda m: '"' if m[1] == "quot" else chr(int(m[1])), text)


# -- every format, every example --------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_export_of_every_example_map(path: Path) -> None:
    gmap = load(path)
    for fmt in FORMATS:
        text = export(gmap, fmt)
        assert text.endswith("\n") and len(text) > 100, fmt
        assert export(gmap, fmt) == text, f"{fmt} is not deterministic"
    check_mermaid(export(gmap, "mermaid"))
    ET.fromstring(export(gmap, "graphml"))
    ET.fromstring(export(gmap, "gexf"))
    json.loads(export(gmap, "json"))


def test_an_unknown_format_is_refused() -> None:
    from boardmap.errors import UsageError

    with pytest.raises(
        UsageError,
        match=r"cannot export to 'png'; the formats are: graphml, "
        r"gexf, json, csv, mermaid, dot",
    ):
        export(load_text(MINIMAL), "png")


# -- GraphML and GEXF ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(path: Path) -> None:
    gmap = load(path)
    graph = nx.read_graphml(io.BytesIO(export(gmap, "graphml").encode()), force_multigraph=True)
    assert list(graph.nodes) == [b.id for b in gmap.boards]
    for board in gmap.boards:
        assert graph.nodes[board.id] == board_attrs(board)
    expected: dict[tuple[str, str, str], dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for link in gmap.links:
        base = edge_id(link, 1)
        seen[base] = seen.get(base, 0) + 1
        expected[(link.from_, link.to, edge_id(link, seen[base]))] = link_attrs(link)
    got = {(u, v, k): data for u, v, k, data in graph.edges(keys=True, data=True)}
    assert got == expected
    assert graph.graph["area"] == gmap.area
    assert graph.graph["as_of"] == gmap.as_of.isoformat()


def test_graphml_attributes_yed_and_gephi_read() -> None:
    gmap = load(ISLINGTON)
    root = ET.fromstring(export(gmap, "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.findall("g:key", ns)}
    for name in (
        "label",
        "name",
        "short",
        "kind",
        "kind_name",
        "purpose",
        "statutory_role",
        "chair",
        "independent_chair",
        "top",
    ):
        assert ("node", name) in keys, name
    for name in ("label", "type", "says", "what", "cadence"):
        assert ("edge", name) in keys, name
    assert keys[("node", "top")] == "boolean"
    text = export(gmap, "graphml")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml ')
    assert ">false</data>" in text and ">False</data>" not in text  # XML Schema booleans
    graph = nx.read_graphml(io.BytesIO(export(gmap, "graphml").encode()), force_multigraph=True)
    assert graph.nodes["hwbb"]["label"] == "Islington Health and Wellbeing Board (HWBB)"
    assert graph.nodes["hwbb"]["kind"] == "statutory-board"
    challenge = graph.edges["iscb", "hwbb", "iscb:challenges:hwbb"]
    assert challenge["type"] == "challenges"
    assert challenge["label"] == "holds the Board to account on keeping children safe in all its work"


def test_lists_become_semicolon_joined_text() -> None:
    gmap = load_text(
        MINIMAL.replace(
            "    kind: statutory-board\n  - id: lscb",
            "    kind: statutory-board\n    chair: [lscb, Councillor Smith]\n    members: [lscb]\n"
            "    areas: [north, south]\n  - id: lscb",
            1,
        )
    )
    attrs = board_attrs(gmap.board("hwbb"))
    assert (attrs["chair"], attrs["members"], attrs["areas"]) == (
        "lscb; Councillor Smith",
        "lscb",
        "north; south",
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_gexf_reads_back_with_labels_and_link_types(path: Path) -> None:
    gmap = load(path)
    text = export(gmap, "gexf")
    graph = nx.read_gexf(io.BytesIO(text.encode()))
    assert list(graph.nodes) == [b.id for b in gmap.boards]
    for board in gmap.boards:
        assert graph.nodes[board.id]["label"] == board.label
        assert graph.nodes[board.id]["kind"] == board.kind
    got = sorted((u, v, d["link_type"], d["label"]) for u, v, d in graph.edges(data=True))
    from boardmap.say.links import link_label

    assert got == sorted((x.from_, x.to, x.type, link_label(x)) for x in gmap.links)
    assert f'lastmodifieddate="{gmap.as_of.isoformat()}"' in text
    assert "<creator>boardmap</creator>" in text


# -- JSON --------------------------------------------------------------------------------------


def test_node_link_json_is_sorted_and_reads_back() -> None:
    gmap = load(ISLINGTON)
    text = export(gmap, "json")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["graph"] == {"area": "Islington", "as_of": "2013-10-10", "title": gmap.title}
    graph = nx.node_link_graph(data, edges="edges")
    assert list(graph.nodes) == [b.id for b in gmap.boards]
    hwbb = graph.nodes["hwbb"]
    assert (hwbb["label"], hwbb["kind"], hwbb["kind_name"]) == (
        "Islington Health and Wellbeing Board (HWBB)",
        "statutory-board",
        "statutory board",
    )
    assert graph.number_of_edges() == len(gmap.links)
    first = gmap.links[0]
    assert graph.edges[first.from_, first.to, edge_id(first, 1)]["type"] == first.type


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_pair_has_kumus_columns_first() -> None:
    elements, connections = csv_tables(load(ISLINGTON))
    assert elements.splitlines()[0].startswith("ID,Label,Type,Description,")
    assert connections.splitlines()[0].startswith("From,To,Type,Label,")
    rows = list(csv.DictReader(io.StringIO(connections)))
    assert rows[0]["From"] == "hwbb" and rows[0]["Type"] == "reports-to"


def test_csv_on_stdout_holds_both_sheets_under_a_heading_each() -> None:
    gmap = load_text(MINIMAL)
    elements, connections = csv_tables(gmap)
    assert export(gmap, "csv") == f"# elements\n{elements}\n# connections\n{connections}"


# -- Mermaid -----------------------------------------------------------------------------------


def test_mermaid_for_the_islington_example() -> None:
    gmap = load(ISLINGTON)
    text = export(gmap, "mermaid")
    nodes, edges = check_mermaid(text)
    assert text.splitlines()[1] == (
        "title: \"How Islington's Health and Wellbeing Board and Safeguarding Children Board "
        'work together (protocol, 2013), as of 2013-10-10"'
    )
    assert len(nodes) == len(gmap.boards) and len(edges) == len(gmap.links)
    assert '    b_hwbb[["Islington Health and Wellbeing Board (HWBB)"]]:::k_statutory_board' in text
    assert '    b_dcs(["Director of Children\'s Services"]):::k_role' in text
    assert (
        '    b_iscb ==x|"holds the Board to account on keeping children safe in all its work"| b_hwbb'
    ) in text
    assert (
        '    b_hwbb -->|"answers to the Leader, who makes sure it is well led and effective"| b_leader'
    ) in text
    assert (
        "    classDef k_statutory_board fill:#FBF6C4,stroke:#000000,color:#000000,stroke-width:2.5px" in text
    )
    from boardmap.say.links import link_label

    assert [unescape_mermaid(e[2]) for e in edges] == [link_label(x) for x in gmap.links]
    assert [unescape_mermaid(label) for label in nodes.values()] == [b.label for b in gmap.boards]


def test_every_kind_and_link_type_has_a_shape_and_a_distinct_line() -> None:
    assert set(MERMAID_SHAPES) == set(BOARD_KINDS)
    assert len(set(MERMAID_SHAPES.values())) == len(BOARD_KINDS)
    assert set(MERMAID_ARROWS) == set(LINK_TYPES)
    assert len(set(MERMAID_ARROWS.values())) == len(LINK_TYPES)


def test_mermaid_text_escaping() -> None:
    assert mermaid_text('say "hi"') == "say #quot;hi#quot;"
    assert mermaid_text("a <b> & c; d|e #f") == "a #60;b#62; #38; c#59; d#124;e #35;f"
    assert mermaid_text("line\nbreak\r\n  here") == "line break here"
    assert mermaid_text("Children's Services (DCS): who?") == "Children's Services (DCS): who?"


# -- hostile names -------------------------------------------------------------------------------


def test_hostile_names_cannot_break_out_of_a_mermaid_label() -> None:
    gmap = hostile()
    nodes, edges = check_mermaid(export(gmap, "mermaid"))
    assert [unescape_mermaid(x) for x in nodes.values()] == [" ".join(b.label.split()) for b in gmap.boards]
    assert unescape_mermaid(edges[0][2]) == '"]; click X call alert(1) %% x'
    assert "b_end" in nodes  # a board called `end` cannot end the flowchart


def test_hostile_names_in_csv_are_defused_and_intact() -> None:
    gmap = hostile()
    elements, connections = csv_tables(gmap)
    cells = [c for text in (elements, connections) for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    rows = {r["ID"]: r for r in csv.DictReader(io.StringIO(elements))}
    assert rows["d"]["Label"] == '\'=HYPERLINK("http://evil.example")'
    assert rows["d"]["Chair"] == "'+cmd|' /C calc'!A0"
    assert rows["e"]["Label"] == "'@SUM(1+1) | pipe # hash & amp; `tick` %% comment"
    assert rows["end"]["Label"] == "'-end"
    assert rows["c"]["Label"] == "Line one\nline two\r\nend"
    assert rows["a"]["Short"] == "}; digraph x {"


def test_hostile_names_in_graphml_gexf_and_json_stay_intact() -> None:
    gmap = hostile()
    graphml = export(gmap, "graphml")
    ET.fromstring(graphml)
    assert "<script>" not in graphml
    graph = nx.read_graphml(io.BytesIO(graphml.encode()), force_multigraph=True)
    for board in gmap.boards:  # XML readers turn every CR LF into LF, by the XML standard
        assert graph.nodes[board.id]["name"] == board.name.replace("\r\n", "\n")
    gexf = nx.read_gexf(io.BytesIO(export(gmap, "gexf").encode()))
    for board in gmap.boards:
        assert gexf.nodes[board.id]["label"] == board.label
    data = json.loads(export(gmap, "json"))
    assert [n["name"] for n in data["nodes"]] == [b.name for b in gmap.boards]


# -- DOT -----------------------------------------------------------------------------------------


def test_dot_is_the_overview_diagrams_source() -> None:
    from boardmap.render import to_dot

    gmap = load(ISLINGTON)
    assert export(gmap, "dot") == to_dot(gmap, "overview")


# -- the command ---------------------------------------------------------------------------------


def test_export_prints_to_stdout(cli: Cli, write_map: Callable[..., Path]) -> None:
    path = write_map(MINIMAL)
    result = cli("export", str(path), "--to", "mermaid")
    assert result.status == 0
    assert result.out == export(load(path), "mermaid")


def test_export_writes_a_file_and_a_csv_pair(
    cli: Cli, write_map: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_map(MINIMAL)
    out = tmp_path / "out" / "map.graphml"
    result = cli("export", str(path), "--to", "graphml", "-o", str(out))
    assert (result.status, result.out, result.err) == (0, "", f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == export(load(path), "graphml")
    result = cli("export", str(path), "--to", "csv", "-o", str(tmp_path / "kumu.csv"))
    assert result.status == 0
    elements, connections = csv_tables(load(path))
    assert (tmp_path / "kumu-elements.csv").read_text(encoding="utf-8") == elements
    assert (tmp_path / "kumu-connections.csv").read_text(encoding="utf-8") == connections
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kumu-connections.csv",
        "kumu-elements.csv",
        "map.yaml",
        "out",
    ]


def test_export_as_of_a_date(cli: Cli, write_map: Callable[..., Path]) -> None:
    path = write_map(MINIMAL.replace("    short: LSCB\n", "    short: LSCB\n    until: 2019-09-29\n"))
    later = cli("export", str(path), "--to", "json", "--as-of", "2020-01-01")
    assert [n["id"] for n in json.loads(later.out)["nodes"]] == ["hwbb"]


def test_export_errors(cli: Cli, write_map: Callable[..., Path], tmp_path: Path) -> None:
    bad = cli("export", str(write_map(MINIMAL)), "--to", "png")
    assert bad.status == 2 and "invalid choice: 'png'" in bad.err
    missing = cli("export", str(tmp_path / "nope.yaml"), "--to", "json")
    assert missing.status == 2
    assert missing.err == (
        f"boardmap: {tmp_path / 'nope.yaml'}: no such file or folder; give the path of a map (a .yaml file)\n"
    )


def test_the_library_function_keeps_its_name_after_the_module_is_imported() -> None:
    import importlib

    import boardmap

    importlib.import_module("boardmap.export")
    gmap = boardmap.load(ISLINGTON)
    assert callable(boardmap.export)
    assert boardmap.export(gmap, "mermaid") == export(gmap, "mermaid")
