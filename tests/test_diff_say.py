"""The diff's sentences, made by boardmap.say.diff and say.diff_arrangements from the diff's
records, tested as a table: each record (or field) and the exact sentence it gives. And the
JSON: fields, not prose, in the shape docs/commands.md documents."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from boardmap.diff import diff_maps
from boardmap.diff.records import Change, StepChange
from boardmap.load import load_text
from boardmap.model import Agreement, Board, Escalation, Link, Theme
from boardmap.say import diff as say
from boardmap.say import diff_arrangements as said
from boardmap.say.names import free_name, the

from .sentence_lint import lint

BOARDS = {
    "hwbb": Board(id="hwbb", name="Health and Wellbeing Board", short="HWBB", kind="statutory-board"),
    "leader": Board(id="leader", name="Leader of the Council", kind="role"),
    "council": Board(id="council", name="Medway Council", kind="organisation"),
    "police": Board(id="police", name="Kent Police", kind="organisation"),
}


def name(board_id: str) -> str:
    board = BOARDS.get(board_id)
    return the(board) if board else free_name(board_id)


HWBB = BOARDS["hwbb"]
DAY = dt.date(2019, 4, 1)


@pytest.mark.parametrize(
    ("field", "before", "after", "expected"),
    [
        # A chair the map names only as text, an office: 'the Mayor of Medway' (issue 12).
        (
            "chair",
            ["leader"],
            ["Mayor of Medway"],
            "The Health and Wellbeing Board is now chaired by "
            "the Mayor of Medway (previously by the Leader of the Council).",
        ),
        (
            "chair",
            [],
            ["leader", "police"],
            "The Health and Wellbeing Board is now chaired jointly "
            "by the Leader of the Council and Kent Police (no chair was recorded before).",
        ),
        (
            "chair",
            ["Jane Smith"],
            [],
            "The Health and Wellbeing Board no longer has a chair recorded "
            "(previously chaired by Jane Smith).",
        ),
        (
            "short",
            "HWB",
            "HWBB",
            "The Health and Wellbeing Board is now abbreviated to HWBB (previously HWB).",
        ),
        (
            "short",
            "HWBB",
            None,
            "The Health and Wellbeing Board no longer has an abbreviation (previously HWBB).",
        ),
        (
            "kind",
            "partnership",
            "statutory-board",
            "The Health and Wellbeing Board is now a statutory board (previously a partnership).",
        ),
        (
            "kind",
            "sub-group",
            "external",
            "The Health and Wellbeing Board is now an outside body (previously a sub-group).",
        ),
        (
            "purpose",
            None,
            "Plans care.",
            'The Health and Wellbeing Board now has a stated purpose: "Plans care."',
        ),
        (
            "purpose",
            "Plans  care",
            None,
            "The Health and Wellbeing Board no longer has a stated "
            'purpose. It previously read: "Plans care".',
        ),
        ("independent_chair", False, True, "The Health and Wellbeing Board now has an independent chair."),
        (
            "members",
            ["council"],
            ["council", "police"],
            "Kent Police now sits on the Health and Wellbeing Board.",
        ),
        (
            "members",
            ["council", "police"],
            [],
            "Medway Council and Kent Police no longer sit on the Health and Wellbeing Board.",
        ),
        (
            "members",
            ["council", "police"],
            ["police", "council"],
            "The members of the Health and Wellbeing Board are now listed in a different order.",
        ),
        (
            "statutory_role",
            None,
            "hwb",
            "In law, the Health and Wellbeing Board is now the Health and Wellbeing Board.",
        ),
        (
            "statutory_role",
            "hwb",
            None,
            "The Health and Wellbeing Board no longer has a statutory "
            "role in the map (previously the Health and Wellbeing Board).",
        ),
        (
            "basis",
            None,
            "Health and Social Care Act 2012",
            "The legal basis of the Health and Wellbeing Board is now Health and Social Care Act 2012.",
        ),
        (
            "meets",
            "monthly",
            None,
            "How often the Health and Wellbeing Board meets is no longer recorded (previously monthly).",
        ),
        (
            "areas",
            [],
            ["Medway"],
            "The Health and Wellbeing Board now covers Medway (previously no named area).",
        ),
        (
            "top",
            False,
            True,
            "The Health and Wellbeing Board is now shown as answering to no other body in this map.",
        ),
        (
            "since",
            None,
            DAY,
            "The Health and Wellbeing Board is now in force from 1 April 2019 (previously no start date).",
        ),
        (
            "until",
            DAY,
            None,
            "The Health and Wellbeing Board no longer has an end date (previously 1 April 2019).",
        ),
        (
            "url",
            None,
            "https://example.org",
            "The web page of the Health and Wellbeing Board is now https://example.org.",
        ),
    ],
)
def test_a_changed_board_field_is_one_sentence(field: str, before: Any, after: Any, expected: str) -> None:
    assert list(say.board_changed(HWBB, HWBB, field, before, after, name)) == [expected]
    assert lint([expected]) == []


def test_a_board_added_and_removed() -> None:
    board = Board(
        id="csp",
        name="Community Safety Partnership",
        short="CSP",
        kind="partnership",
        chair="Mayor of Medway",
        since=DAY,
        until=dt.date(2020, 1, 1),
        purpose="Keeps  Medway safe",
    )
    assert say.board_added(board, dt.date(2019, 1, 1), name) == (
        "The Community Safety Partnership (CSP) is a new partnership, chaired by the Mayor of "
        'Medway. It started on 1 April 2019. Its purpose: "Keeps Medway safe".'
    )
    assert say.board_removed(board, dt.date(2021, 1, 1)) == (
        "The Community Safety Partnership (CSP) is no longer part of the arrangements. It ended "
        "on 1 January 2020."
    )


LINK = Link.model_validate({"from": "hwbb", "to": "leader", "type": "reports-to"})


@pytest.mark.parametrize(
    ("field", "before", "after", "expected"),
    [
        (
            "cadence",
            "quarterly",
            "monthly",
            "The Health and Wellbeing Board reports to the Leader of "
            "the Council: now every month (previously every three months).",
        ),
        (
            "cadence",
            None,
            "annual",
            "The Health and Wellbeing Board reports to the Leader of the "
            "Council: now every year (how often was not recorded before).",
        ),
        (
            "what",
            None,
            "the annual report",
            "The Health and Wellbeing Board reports to the Leader of "
            "the Council: it now sends the annual report (nothing was recorded before).",
        ),
        (
            "basis",
            "the 2014 protocol",
            None,
            "The Health and Wellbeing Board reports to the Leader of "
            "the Council: no agreement behind this is recorded now (previously the 2014 protocol).",
        ),
        (
            "review_by",
            None,
            DAY,
            "The Health and Wellbeing Board reports to the Leader of the "
            "Council: due for review by 1 April 2019 (previously no review date).",
        ),
        (
            "until",
            None,
            DAY,
            "The Health and Wellbeing Board reports to the Leader of the Council: "
            "the link now ends on 1 April 2019 (previously no end date).",
        ),
        (
            "says",
            None,
            "is accountable through its independent chair to {to}",
            "The Health and "
            "Wellbeing Board reports to the Leader of the Council: the map’s words for this link are "
            "now “is accountable through its independent chair to the Leader of the Council” "
            "(previously none).",
        ),
        (
            "says",
            "is accountable to",
            None,
            "The Health and Wellbeing Board reports to the Leader of "
            "the Council: the map no longer has words of its own for this link (previously “is "
            "accountable to …”).",
        ),
    ],
)
def test_a_changed_link_field_is_one_sentence(field: str, before: Any, after: Any, expected: str) -> None:
    assert say.link_changed("hwbb", "leader", "reports-to", field, before, after, name) == expected


def test_links_added_and_removed() -> None:
    assert say.link_added(LINK, "hwbb", "leader", name) == (
        "The Health and Wellbeing Board now reports to the Leader of the Council (new)."
    )
    assert say.link_removed(LINK, "hwbb", "leader", name) == (
        "The Health and Wellbeing Board no longer reports to the Leader of the Council (removed)."
    )


ROUTE = Escalation.model_validate(
    {"id": "r", "name": "Disagreements", "between": ["hwbb", "leader"], "steps": [{"action": "Talk."}]}
)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            StepChange("involves", 2, old_involves=("hwbb",), new_involves=()),
            'Step 2 of "Disagreements" '
            "now involves no named board (previously the Health and Wellbeing Board).",
        ),
        (
            StepChange("reworded", 1, "Talk.", "Write."),
            'Step 1 of "Disagreements" now reads: "Write." It previously read: "Talk."',
        ),
        (StepChange("added", 3, new="Meet"), '"Disagreements" has a new step 3: "Meet".'),
        (
            StepChange("removed", 1, old="Talk."),
            'Step 1 of "Disagreements" has been removed. It read: "Talk."',
        ),
    ],
)
def test_each_kind_of_step_change(step: StepChange, expected: str) -> None:
    involves = (step.old_involves, step.new_involves) if step.what == "involves" else None
    assert said.step_changed(ROUTE, step.what, step.number, step.old, step.new, involves, name) == expected


def test_routes_themes_and_agreements() -> None:
    assert said.route_added(ROUTE, name) == (
        'There is a new escalation route, "Disagreements", for concerns between the Health and '
        "Wellbeing Board and the Leader of the Council, in 1 step."
    )
    theme = Theme.model_validate({"id": "t", "name": "Early help", "supports": ["council", "police"]})
    assert said.theme_added(theme, name) == (
        'There is a new shared priority, "Early help", with no lead board yet and supported by '
        "Medway Council and Kent Police."
    )
    assert list(said.theme_changed(theme, "lead", "hwbb", None, name)) == [
        'The shared priority "Early help" no longer has a lead board (previously the Health and '
        "Wellbeing Board)."
    ]
    agreement = Agreement.model_validate(
        {"id": "p", "name": "Joint protocol", "between": ["hwbb", "leader"], "status": "agreed"}
    )
    assert said.agreement_removed(agreement, DAY) == (
        "The agreement “Joint protocol” lapsed: it ended on 1 April 2019."
    )
    assert said.agreement_changed(agreement, agreement, "covers", name, covered=1) == (
        "The agreement “Joint protocol” now sets out 1 link of this map."
    )
    assert said.agreement_signed(agreement, "hwbb", DAY, "Minute  12", True, name) == (
        "The Health and Wellbeing Board agreed “Joint protocol” on 1 April 2019 (Minute 12)."
    )


@pytest.mark.parametrize(
    ("counts", "findings", "map_changed", "expected"),
    [
        ({}, {}, False, "No changes."),
        ({"board": {"added": 1, "changed": 2}}, {}, False, "1 board added, 2 changed."),
        (
            {"link": {"removed": 3}, "theme": {"added": 2}},
            {"appeared": 1, "resolved": 2, "removed": 1},
            True,
            "The map's settings changed; 3 links removed; 2 shared priorities added; 1 new gap; 2 "
            "findings resolved; 1 finding gone with a removed board.",
        ),
    ],
)
def test_the_summary_counts(
    counts: dict[str, dict[str, int]], findings: dict[str, int], map_changed: bool, expected: str
) -> None:
    assert say.summary(counts, findings, map_changed) == expected


def test_findings_are_said_by_status() -> None:
    assert say.finding_appeared("info", "the entry names no rule") == "Information: The entry names no rule."
    assert say.finding_resolved("warning", "It is unscrutinised.", "The council does it.") == (
        "Accepted by the map's owners (was a warning): It is unscrutinised. Their reason: The "
        "council does it."
    )
    assert say.finding_gone("error", "They are unlinked", ["the A Board", "the B Board"]) == (
        "No longer raised because the A Board and the B Board are no longer in the map, which does "
        "not resolve it (was an error): They are unlinked."
    )


# -- the records carry data, and the JSON fields ------------------------------------------------

OLD = """\
boardmap: 1
area: Medway
as_of: 2014-06-17
boards:
  - id: hwbb
    name: Health and Wellbeing Board
    kind: statutory-board
    chair: leader
  - id: leader
    name: Leader of the Council
    kind: role
  - id: gone
    name: Old Board
    kind: partnership
links:
  - from: hwbb
    to: leader
    type: reports-to
    cadence: quarterly
"""
NEW = (
    OLD.replace("    chair: leader\n", "    chair: Mayor of Medway\n")
    .replace("    cadence: quarterly\n", "    cadence: monthly\n")
    .replace("  - id: gone\n    name: Old Board\n    kind: partnership\n", "")
)


def _both() -> Any:
    old = load_text(textwrap.dedent(OLD), file="old.yaml")
    new = load_text(textwrap.dedent(NEW), file="new.yaml")
    return diff_maps(old, new, old_label="the old map", new_label="the new map")


def test_records_hold_the_items_and_fields_not_sentences() -> None:
    result = _both()
    board = result.of("board", "changed")[0]
    assert isinstance(board, Change)
    assert not hasattr(board, "sentences")
    assert board.before is not None and board.after is not None
    assert [(f.field, f.old, f.new) for f in board.fields] == [("chair", ["leader"], ["Mayor of Medway"])]
    assert result.sentences(board) == (
        "The Health and Wellbeing Board is now chaired by the Mayor of Medway (previously by the "
        "Leader of the Council).",
    )
    removed = result.of("board", "removed")[0]
    assert removed.key == ("gone",) and removed.after is None


def test_json_carries_fields_not_prose() -> None:
    data = _both().to_json()
    assert list(data) == ["area", "old", "new", "summary", "changes", "findings"]
    assert data["old"] == {"label": "the old map", "as_of": "2014-06-17"}
    assert data["summary"]["boards"] == {"added": 0, "removed": 1, "changed": 1}
    assert data["summary"]["links"] == {"added": 0, "removed": 0, "changed": 1}
    assert set(data["summary"]) == {"boards", "links", "routes", "themes", "agreements", "findings"}
    assert data["changes"][:2] == [
        {
            "kind": "board",
            "status": "changed",
            "key": {"id": "hwbb"},
            "name": "Health and Wellbeing Board",
            "fields": [{"field": "chair", "old": ["leader"], "new": ["Mayor of Medway"]}],
        },
        {"kind": "board", "status": "removed", "key": {"id": "gone"}, "name": "Old Board", "fields": []},
    ]
    link = next(c for c in data["changes"] if c["kind"] == "link" and c["status"] == "changed")
    assert link == {
        "kind": "link",
        "status": "changed",
        "key": {"from": "hwbb", "to": "leader", "type": "reports-to", "occurrence": 1},
        "fields": [{"field": "cadence", "old": "quarterly", "new": "monthly"}],
    }
    # No sentence anywhere in the changes: only ids, names and the map's own values.
    text = json.dumps(data["changes"])
    assert "now" not in text and "previously" not in text
    removed = [f for f in data["findings"] if f["status"] == "removed"]
    assert removed and all(set(f) >= {"status", "rule", "severity", "message"} for f in removed)
    assert not [f for f in data["findings"] if f["status"] == "resolved"]


# -- the diagram: a render View, drawn through the views' own DOT builder and legend --------------


def test_the_diagram_is_a_view_with_marks_drawn_by_render() -> None:
    from boardmap.diff import diagram
    from boardmap.diff.diagram import diagram_view

    old = load_text(textwrap.dedent(OLD), file="old.yaml")
    new = load_text(textwrap.dedent(NEW), file="new.yaml")
    result = diff_maps(old, new, findings=False)
    view = diagram_view(old, new, result)
    assert {(n.id, n.mark, n.note) for n in view.nodes} == {
        ("hwbb", "changed", "(changed: chair)"),
        ("leader", "same", None),
        ("gone", "removed", "(removed)"),
    }
    assert [(e.tail, e.head, e.mark, e.text) for e in view.edges] == [
        ("hwbb", "leader", "changed", "changed: reports to")
    ]
    source, title, description = diagram(old, new, result)
    assert title == (
        "What changed in the map of Medway's boards: the map as of 17 June 2014 to the map as of 17 June 2014"
    )
    assert description.endswith(
        "Nothing is new and 1 board was removed. Everything else is drawn thin and grey."
    )
    # One legend: the line types and box kinds the picture uses, and what its marks mean.
    for entry in ("legend-line-reports-to", "legend-kind-statutory-board", "legend-mark-removed"):
        assert f'"{entry}"' in source, entry
    assert "legend-mark-added" not in source  # nothing is new: no entry for it


def test_the_diff_reaches_into_no_private_part_of_render() -> None:
    folder = Path(__file__).resolve().parents[1] / "boardmap" / "diff"
    for module in folder.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "render.dot" not in text and "render import dot" not in text, module.name
        assert "graphviz" not in text, module.name


def test_links_are_named_by_the_maps_one_link_key() -> None:
    from boardmap.graph import LinkKey, index

    result = _both()
    change = result.of("link", "changed")[0]
    assert isinstance(change.key, LinkKey)
    new = load_text(textwrap.dedent(NEW), file="new.yaml")
    assert change.key in index(new).links
