"""A map -> the formats other tools read: GraphML, GEXF, node-link JSON, a Kumu CSV pair,
a Mermaid flowchart and the DOT source of the overview diagram.

Every format is text, built in a fixed order, so the same map always gives the same bytes.
Names and phrases come from the map and from boardmap.say, so an export says a link
the way the diagrams and the guide do.

`import boardmap` loads this module (so that `boardmap.export` stays the function, see
boardmap/__init__.py), so everything beyond the standard library is imported where used.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from boardmap.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

    from boardmap.model import Board, GovernanceMap, Link

FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "csv", "mermaid", "dot")
# What a list becomes in formats that hold only scalars (GraphML, GEXF).
JOIN = "; "


def export(gmap: GovernanceMap, to: str) -> str:
    """The map in format `to` (one of FORMATS), as text."""
    writers: dict[str, Callable[[GovernanceMap], str]] = {
        "graphml": to_graphml,
        "gexf": to_gexf,
        "json": to_json,
        "csv": to_csv,
        "mermaid": to_mermaid,
        "dot": to_dot,
    }
    if to not in writers:
        raise UsageError(f"cannot export to '{to}'; the formats are: {', '.join(FORMATS)}")
    return writers[to](gmap)


# -- a graph of scalars, for GraphML and GEXF --------------------------------------------


def _text(value: Any) -> Any:
    """A field's value as a scalar: lists joined, dates as YYYY-MM-DD, the rest as is."""
    if isinstance(value, list):
        return JOIN.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def board_attrs(board: Board) -> dict[str, Any]:
    """A board's fields as scalar attributes, with `label` first (what yEd and Gephi show)."""
    from boardmap.say.vocab import KIND_NAMES

    attrs: dict[str, Any] = {"label": board.label, "kind_name": KIND_NAMES[board.kind]}
    for field, value in board.__dict__.items():
        if field == "id" or value is None or value == []:
            continue
        attrs[field] = _text(value)
    return attrs


def link_attrs(link: Link) -> dict[str, Any]:
    """A link's fields as scalar attributes; `label` is its plain phrase."""
    from boardmap.say.links import link_label

    attrs: dict[str, Any] = {"label": link_label(link), "type": link.type}
    for field, value in link.__dict__.items():
        if field in ("from_", "to", "type") or value is None:
            continue
        attrs[field] = _text(value)
    return attrs


def edge_id(link: Link, occurrence: int) -> str:
    """A readable id for a link, unique in the map: 'lscb:challenges:hwbb' (then ':2', ...);
    the `id` of its boardmap.graph.LinkKey."""
    from boardmap.graph import LinkKey  # networkx with it: `import boardmap` stays light

    return LinkKey(link.from_, link.to, link.type, occurrence).id


def export_graph(gmap: GovernanceMap) -> nx.MultiDiGraph:
    """The map as a MultiDiGraph whose attributes are all scalars (str, bool)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.graph["name"] = gmap.title or gmap.area
    graph.graph["area"] = gmap.area
    graph.graph["as_of"] = gmap.as_of.isoformat()
    for board in gmap.boards:
        graph.add_node(board.id, **board_attrs(board))
    for link, key in _keyed_links(gmap):
        graph.add_edge(link.from_, link.to, key=key, **link_attrs(link))
    return graph


def _keyed_links(gmap: GovernanceMap) -> Iterator[tuple[Link, str]]:
    """Each link with its edge id (its LinkKey's `id`), from the map's index."""
    from boardmap.graph import index  # networkx with it: `import boardmap` stays light

    return ((link, key.id) for key, link in index(gmap).links.items())


# Characters XML 1.0 does not allow at all, even escaped: C0 controls other than tab, line
# feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Drop the characters XML cannot carry from every text attribute, in place."""
    for attrs in [
        graph.graph,
        *(d for _, d in graph.nodes(data=True)),
        *(d for _, _, d in graph.edges(data=True)),
    ]:
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = _NOT_XML.sub("", value)
    return graph


def to_graphml(gmap: GovernanceMap) -> str:
    """GraphML through networkx; node and edge `label` attributes carry the names and phrases.

    networkx writes booleans as Python spells them ('True'); GraphML's are XML Schema
    booleans, 'true' and 'false', which stricter readers insist on.
    """
    import networkx as nx

    text = "\n".join(nx.generate_graphml(_xml_safe(export_graph(gmap)), prettyprint=True)) + "\n"
    for key in re.findall(r'<key id="(\w+)" for="\w+" attr\.name="[^"]*" attr\.type="boolean"', text):
        text = re.sub(
            rf'(<data key="{key}">)(True|False)(</data>)', lambda m: m[1] + m[2].lower() + m[3], text
        )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text


def to_gexf(gmap: GovernanceMap) -> str:
    """GEXF 1.2 through networkx, for Gephi.

    GEXF gives an edge's `type` attribute a meaning of its own (directed or undirected), so
    the link type travels as `link_type`. networkx stamps the file with today's date; the
    map's own date replaces it, so that the same map gives the same bytes.
    """
    import networkx as nx

    graph = _xml_safe(export_graph(gmap))
    for _, _, data in graph.edges(data=True):
        data["link_type"] = data.pop("type")
    text = "\n".join(nx.generate_gexf(graph, prettyprint=True)) + "\n"
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{gmap.as_of.isoformat()}"', text, count=1)
    return re.sub(r"<creator>[^<]*</creator>", "<creator>boardmap</creator>", text, count=1)


# -- node-link JSON ------------------------------------------------------------------------


def to_json(gmap: GovernanceMap) -> str:
    """networkx node-link data: lists stay lists, dates are YYYY-MM-DD, keys are sorted."""
    import networkx as nx

    from boardmap.say.links import link_label
    from boardmap.say.vocab import KIND_NAMES

    graph = nx.MultiDiGraph(area=gmap.area, title=gmap.title, as_of=gmap.as_of.isoformat())
    for board in gmap.boards:
        attrs = {k: _json_value(v) for k, v in board.__dict__.items() if k != "id" and v is not None}
        graph.add_node(board.id, label=board.label, kind_name=KIND_NAMES[board.kind], **attrs)
    for link, key in _keyed_links(gmap):
        attrs = {
            k: _json_value(v) for k, v in link.__dict__.items() if k not in ("from_", "to") and v is not None
        }
        graph.add_edge(link.from_, link.to, key=key, label=link_label(link), **attrs)
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, list):
        return [str(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# -- CSV for Kumu ---------------------------------------------------------------------------


def csv_tables(gmap: GovernanceMap) -> tuple[str, str]:
    """Kumu's two sheets, as CSV text: elements (the boards) and connections (the links)."""
    from boardmap.say.vocab import LINK_LABELS
    from boardmap.table_specs import CONNECTION_COLUMNS, ELEMENT_COLUMNS, OPTIONAL_ELEMENT_COLUMNS

    columns = [
        *ELEMENT_COLUMNS,
        *[
            (header, field)
            for header, field in OPTIONAL_ELEMENT_COLUMNS
            if any(getattr(b, field) for b in gmap.boards)
        ],
    ]
    elements = [[header for header, _ in columns]]
    for board in gmap.boards:
        elements.append([_cell(getattr(board, field)) for _, field in columns])
    connections = [[header for header, _ in CONNECTION_COLUMNS]]
    for link in gmap.links:
        row = []
        for _, field in CONNECTION_COLUMNS:
            if field == "says":
                # The map's own words, {to} and all, so that the table reads back the same.
                row.append(_cell(link.says or LINK_LABELS[link.type]))
            else:
                row.append(_cell(getattr(link, "from_" if field == "from" else field)))
        connections.append(row)
    return _csv_text(elements), _csv_text(connections)


def to_csv(gmap: GovernanceMap) -> str:
    """Both sheets in one text, each under a '# elements' or '# connections' line."""
    elements, connections = csv_tables(gmap)
    return f"# elements\n{elements}\n# connections\n{connections}"


def _cell(value: Any) -> str:
    from boardmap.table_specs import LIST_SEPARATOR, defuse_cell

    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    if isinstance(value, list):
        return defuse_cell(LIST_SEPARATOR.join(str(v) for v in value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return defuse_cell(str(value))


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


# -- Mermaid --------------------------------------------------------------------------------

# Node shapes by kind, as (opening, closing) around the quoted label: as near as Mermaid
# comes to the diagrams' shapes (boardmap.render.dot.BOX_STYLES), one shape per kind.
MERMAID_SHAPES: dict[str, tuple[str, str]] = {
    "statutory-board": ("[[", "]]"),
    "partnership": ("(", ")"),
    "committee": ("[", "]"),
    "sub-group": ("[/", "/]"),
    "officer-group": ("[\\", "\\]"),
    "role": ("([", "])"),
    "organisation": ("[(", ")]"),
    "external": (">", "]"),
}
# Line and head by link type, after the diagrams (boardmap.render.dot.LINE_STYLES): solid
# for answering to, heavy for escalation and challenge, dotted for the lighter links; no two
# types share both line and head, and the label always says which it is.
MERMAID_ARROWS: dict[str, str] = {
    "reports-to": "-->",
    "sub-group-of": "--o",
    "escalates-to": "==>",
    "challenges": "==x",
    "informs": "-.->",
    "attends": "-.-o",
    "consults": "-.-x",
    "meets-with": "===",
}
# Characters a Mermaid label may hold as they are; everything else becomes an entity code.
_MERMAID_PLAIN = re.compile(r"[\w ,.'’()/:?!-]")


def mermaid_text(text: str) -> str:
    """Text made safe inside a quoted Mermaid label: quotes as #quot;, other punctuation
    as #<code>; entity codes, line breaks as spaces. No character can close the label."""
    out = []
    for char in " ".join(text.split()):
        if char == '"':
            out.append("#quot;")
        elif _MERMAID_PLAIN.fullmatch(char) and char != "_":
            out.append(char)
        else:
            out.append(f"#{ord(char)};")
    return "".join(out)


def mermaid_id(board_id: str) -> str:
    """A node id Mermaid cannot misread: board ids use a-z, 0-9 and '-'; '-' becomes '_'
    (never in a board id, so no two boards meet) and the 'b_' prefix keeps clear of
    keywords such as `end`."""
    return "b_" + board_id.replace("-", "_")


def to_mermaid(gmap: GovernanceMap) -> str:
    """A Mermaid flowchart (top down) of every board and link, for GitHub and intranets,
    with the diagrams' labels, and their fills and borders by kind."""
    from boardmap.say.links import link_label

    lines = ["---", f"title: {_mermaid_title(gmap)}", "---", "flowchart TD"]
    for board in gmap.boards:
        opening, closing = MERMAID_SHAPES[board.kind]
        lines.append(
            f'    {mermaid_id(board.id)}{opening}"{mermaid_text(board.label)}"{closing}'
            f":::{_mermaid_class(board.kind)}"
        )
    for link in gmap.links:
        arrow = MERMAID_ARROWS[link.type]
        label = mermaid_text(link_label(link))
        lines.append(f'    {mermaid_id(link.from_)} {arrow}|"{label}"| {mermaid_id(link.to)}')
    lines.extend(_mermaid_classes(sorted({b.kind for b in gmap.boards})))
    return "\n".join(lines) + "\n"


def _mermaid_class(kind: str) -> str:
    return "k_" + kind.replace("-", "_")


def _mermaid_classes(kinds: list[str]) -> list[str]:
    from boardmap.render.dot import BOX_STYLES

    lines = []
    for kind in kinds:
        box = BOX_STYLES[kind]
        style = f"fill:{box.fill},stroke:#000000,color:#000000,stroke-width:{box.penwidth}px"
        if "dashed" in box.style:
            style += ",stroke-dasharray:5 3"
        lines.append(f"    classDef {_mermaid_class(kind)} {style}")
    return lines


def _mermaid_title(gmap: GovernanceMap) -> str:
    # The title sits in YAML front matter: a JSON string is valid YAML, and no line break
    # survives json.dumps, so the title cannot leave its line.
    title = f"{gmap.title or gmap.area}, as of {gmap.as_of.isoformat()}"
    return json.dumps(" ".join(title.split()), ensure_ascii=False)


# -- DOT ------------------------------------------------------------------------------------


def to_dot(gmap: GovernanceMap) -> str:
    """The DOT source of the overview diagram, as `boardmap render` draws it."""
    try:
        from boardmap.render import to_dot as render_dot
    except ImportError as exc:
        raise UsageError(
            "the dot export needs boardmap.render, which this installation lacks; "
            "choose another format with --to"
        ) from exc
    text: str = render_dot(gmap, "overview")
    return text
