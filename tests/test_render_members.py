"""Diagrams: chairs given as free text, and bodies related to others only through
membership, a route or a shared priority (new-user trial)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardmap import load_text
from boardmap.build import build
from boardmap.model import GovernanceMap
from boardmap.render import describe, to_dot
from boardmap.render.views import build_view

TRIAL = """\
boardmap: 1
area: Salopshire
as_of: 2024-04-01
boards:
  - {id: chief-executive, name: Chief Executive, kind: role}
  - {id: dcs, name: Director of Children's Services, kind: role}
  - {id: council, name: Salopshire Council, kind: organisation}
  - {id: sab, name: Salopshire Safeguarding Adults Board, kind: statutory-board,
     chair: "Independent Chair (Mr Rhodri ap Dafydd)"}
  - {id: scp, name: Safeguarding Children Partnership, kind: statutory-board,
     chair: [chief-executive, "Detective Chief Superintendent, West Mercia Police",
             "ICB Chief Nursing Officer"], members: [dcs, council]}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: lonely, name: Lonely Group, kind: officer-group}
  - {id: csp, name: Community Safety Partnership, kind: partnership}
links:
  - {from: scp, to: hwb, type: informs}
escalations:
  - id: r1
    name: Disagreement
    between: [sab, csp]
    steps:
      - action: The chairs meet.
"""


@pytest.fixture(scope="module")
def trial() -> GovernanceMap:
    return load_text(TRIAL)


# -- free-text chairs ----------------------------------------------------------------------


def test_free_text_chair_is_drawn_in_the_boards_own_view(trial: GovernanceMap) -> None:
    view = build_view(trial, "board-sab")
    chairs = [node for node in view.nodes if node.kind == "role"]
    assert [(n.id, n.text, n.board) for n in chairs] == [
        ("chair_sab_1", "Independent Chair (Mr Rhodri ap Dafydd)", None)
    ]
    assert [(e.tail, e.head, e.type) for e in view.edges] == [("chair_sab_1", "sab", "chairs")]
    assert "Rhodri ap Dafydd" in to_dot(trial, "board-sab")
    assert describe(trial, "board-sab") == (
        "Salopshire Safeguarding Adults Board in Salopshire on 1 April 2024: "
        "Independent Chair (Mr Rhodri ap Dafydd) chairs it."
    )


def test_co_chairs_mixing_a_role_and_free_text_are_all_drawn(trial: GovernanceMap) -> None:
    view = build_view(trial, "board-scp")
    chairs = [(e.tail, e.head) for e in view.edges if e.type == "chairs"]
    # Node ids come from the board id and the chair's place in the list, not from its text.
    assert chairs == [("chief-executive", "scp"), ("chair_scp_2", "scp"), ("chair_scp_3", "scp")]
    assert describe(trial, "board-scp") == (
        "Safeguarding Children Partnership in Salopshire on 1 April 2024: it keeps the Health "
        "and Wellbeing Board informed; the Chief Executive chairs it; Detective Chief "
        "Superintendent, West Mercia Police chairs it; ICB Chief Nursing Officer chairs it; "
        "the Director of Children's Services is a member of it; Salopshire Council is a member "
        "of it."
    )


def test_free_text_chair_goes_through_the_escaping_helper() -> None:
    gmap = load_text(TRIAL.replace('"Independent Chair (Mr Rhodri ap Dafydd)"', r'"Dr \\N <b>Quote\" Smith"'))
    text = to_dot(gmap, "board-sab")
    # The backslash is doubled in a label (not read as DOT's \N) and written as four in a
    # tooltip (which Graphviz reads for escapes twice), the label is not HTML, the quote
    # escaped; the label wrapped as any box's is.
    assert r'chair_sab_1 [label="Dr \\N <b>Quote\"\nSmith"' in text
    assert r'tooltip="Dr \\\\N <b>Quote\" Smith: chairs the Salopshire' in text
    assert "chair_sab_1" in text


def test_free_text_chairs_in_the_overview(trial: GovernanceMap) -> None:
    view = build_view(trial, "overview")
    chairs = {(e.tail, e.head) for e in view.edges if e.type == "chairs"}
    assert chairs == {
        ("chief-executive", "scp"),
        ("chair_sab_1", "sab"),
        ("chair_scp_2", "scp"),
        ("chair_scp_3", "scp"),
    }
    # The description counts the map's bodies, not the chairs' boxes.
    assert describe(trial, "overview").startswith(
        "How the 7 bodies in Salopshire's map relate on 1 April 2024: 5 lines"
    )


def test_changing_a_free_text_chair_rewrites_that_boards_diagram(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    out = tmp_path / "out"
    source.write_text(TRIAL, encoding="utf-8")
    build(source, out)
    source.write_text(TRIAL.replace("Rhodri ap Dafydd", "Owain Glyn"), encoding="utf-8")
    report = build(source, out)
    assert "board-sab.svg" in {Path(name).name for name in report.written}
    assert "Owain Glyn" in (out / "board-sab.svg").read_text(encoding="utf-8")
    assert "board-scp.svg" not in {Path(name).name for name in report.written}


# -- bodies drawn apart --------------------------------------------------------------------


def test_only_bodies_with_no_relationship_are_in_the_not_linked_box(trial: GovernanceMap) -> None:
    view = build_view(trial, "overview")
    apart = {node.id: node.related for node in view.nodes if node.apart}
    # dcs sits on a board; csp is in a route; the Lonely Group has nothing at all.
    assert apart == {"dcs": True, "csp": True, "lonely": False}
    assert view.related_label == (
        "Linked to other bodies only through board membership or an escalation route, not drawn here"
    )
    assert describe(trial, "overview") == (
        "How the 7 bodies in Salopshire's map relate on 1 April 2024: 5 lines, of which "
        "4 “chairs” lines and 1 “keeps informed” line; 1 of them is linked to no other body; "
        "2 are linked to other bodies only through board membership or an escalation route, "
        "which this "
        "diagram does not draw."
    )
    text = to_dot(trial, "overview")
    unlinked, related = text.split("subgraph cluster_related")
    assert "Not linked to any other body in this map" in unlinked.split("cluster_apart")[1]
    assert "lonely" in unlinked.split("cluster_apart")[1]
    assert "dcs" in related.split("cluster_legend")[0]


def test_with_members_draws_the_membership_instead(trial: GovernanceMap) -> None:
    view = build_view(trial, "overview", with_members=True)
    assert ("dcs", "scp", "member") in {(e.tail, e.head, e.type) for e in view.edges}
    apart = {node.id: node.related for node in view.nodes if node.apart}
    assert apart == {"csp": True, "lonely": False}
    assert view.related_label == ("Linked to other bodies only through an escalation route, not drawn here")


def test_a_theme_or_a_membership_alone_keeps_a_body_out_of_the_gap_box() -> None:
    gmap = load_text("""\
boardmap: 1
area: A
as_of: 2020-01-01
boards:
  - {id: a, name: Board A, kind: partnership}
  - {id: b, name: Board B, kind: partnership, members: [m]}
  - {id: m, name: Lead Member, kind: role}
  - {id: c, name: Board C, kind: partnership}
  - {id: d, name: Board D, kind: partnership}
links:
  - {from: a, to: c, type: informs}
themes:
  - {id: t, name: Priority, lead: d}
""")
    view = build_view(gmap, "overview")
    assert {n.id: n.related for n in view.nodes if n.apart} == {"b": True, "m": True, "d": True}
    assert view.related_label == (
        "Linked to other bodies only through board membership or a shared priority, not drawn here"
    )
    assert "linked to no other body" not in view.description


def test_a_map_whose_unlinked_bodies_have_no_relationship_keeps_one_box() -> None:
    gmap = load_text("""\
boardmap: 1
area: A
as_of: 2020-01-01
boards:
  - {id: a, name: Board A, kind: partnership}
  - {id: c, name: Board C, kind: partnership}
  - {id: e, name: Board E, kind: partnership}
links:
  - {from: a, to: c, type: informs}
""")
    view = build_view(gmap, "overview")
    assert view.related_label is None
    assert view.description.endswith("1 of them is linked to no other body.")
    text = to_dot(gmap, "overview")
    assert "cluster_apart" in text and "cluster_related" not in text


def _folded_map(member: bool) -> GovernanceMap:
    from boardmap.render.views import MAX_OVERVIEW_BOARDS

    count = MAX_OVERVIEW_BOARDS + 5
    lines = [
        "boardmap: 1",
        "area: A",
        "as_of: 2020-01-01",
        "boards:",
        "  - {id: top, name: Top Board, kind: statutory-board" + (", members: [m]}" if member else "}"),
        "  - {id: other, name: Other Board, kind: statutory-board}",
        "  - {id: m, name: Lone Member, kind: role}",
    ]
    lines += [f"  - {{id: b{i}, name: Board {i}, kind: sub-group}}" for i in range(count)]
    lines += ["links:", "  - {from: top, to: other, type: informs}"]
    lines += [f"  - {{from: b{i}, to: top, type: sub-group-of}}" for i in range(count)]
    return load_text("\n".join(lines) + "\n")


def test_a_folded_overview_calls_a_member_joined_by_no_line_not_unlinked() -> None:
    alone = build_view(_folded_map(member=False), "overview")
    assert [n.id for n in alone.nodes if n.apart] == ["m"]
    assert alone.apart_label is None  # words.APART: it has no relationship at all
    assert "1 of them is linked to no other body" in alone.description
    sits = build_view(_folded_map(member=True), "overview")
    assert [n.id for n in sits.nodes if n.apart] == ["m"]
    assert sits.apart_label == "Joined by no line to another box"
    assert "1 of the boxes is joined by no line to another" in sits.description
    assert "linked to no other body" not in sits.description
