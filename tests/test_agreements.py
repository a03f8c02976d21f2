"""Agreements between boards (issue 15): the format, the loader's messages and the rules."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml_rs

from boardmap import agreements
from boardmap.checks import packs, packs_data
from boardmap.checks.engine import check
from boardmap.errors import MapError
from boardmap.load import load, load_text
from boardmap.schema import json_schema
from tests.conftest import ROOT

ISLINGTON = ROOT / "examples" / "islington-hwbb-iscb.yaml"

BASE = """\
boardmap: 1
area: Testshire
as_of: 2015-06-01
boards:
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board, statutory_role: hwb}
  - {id: lscb, name: Safeguarding Children Board, kind: statutory-board, statutory_role: lscb}
  - {id: csp, name: Community Safety Partnership, kind: statutory-board, statutory_role: csp}
  - {id: ce, name: Chief Executive, kind: role}
links:
  - {from: lscb, to: hwb, type: challenges}
  - {from: hwb, to: lscb, type: informs, what: the strategy, cadence: annual}
  - {from: hwb, to: ce, type: reports-to}
  - {from: lscb, to: ce, type: reports-to}
  - {from: csp, to: ce, type: reports-to}
escalations:
  - id: hwb-lscb
    name: When the two boards disagree
    between: [hwb, lscb]
    steps:
      - action: The chairs meet.
"""

AGREED = """\
agreements:
  - id: protocol
    name: Protocol between the boards
    between: [hwb, lscb]
    agreed:
      - {by: hwb, on: 2014-10-10, ref: minute 12}
      - {by: lscb, on: 2014-10-10, ref: minute 7}
    review_by: 2015-10-01
"""


def text_map(extra: str = AGREED, base: str = BASE) -> str:
    return base + textwrap.dedent(extra)


def findings(text: str, rule: str) -> list[Any]:
    return [f for f in check(load_text(text)).open if f.rule == rule]


def problems(write_map: Callable[..., Path], extra: str) -> list[str]:
    path = write_map(text_map(extra))
    with pytest.raises(MapError) as caught:
        load(path)
    return [f"{p.line}:{p.column}: {p.rule}: {p.message}" for p in caught.value.problems]


# -- the format ---------------------------------------------------------------------------------


def test_an_agreement_loads_with_its_signatures_and_covers_every_link_between_its_boards() -> None:
    gmap = load_text(text_map())
    (agreement,) = gmap.agreements
    assert agreement.status == "agreed"
    assert [(s.by, s.on, s.ref) for s in agreement.agreed] == [
        ("hwb", dt.date(2014, 10, 10), "minute 12"),
        ("lscb", dt.date(2014, 10, 10), "minute 7"),
    ]
    covered = agreements.covered_links(gmap, agreement)
    assert [(x.from_, x.to, x.type) for x in covered] == [
        ("lscb", "hwb", "challenges"),
        ("hwb", "lscb", "informs"),
    ]
    assert [r.id for r in agreements.covered_routes(gmap, agreement)] == ["hwb-lscb"]
    assert agreements.standing(gmap, agreement) == (
        "agreed by both boards on 10 October 2014; due for review October 2015"
    )


def test_covers_names_only_some_links_and_routes() -> None:
    gmap = load_text(
        text_map("""\
        agreements:
          - id: protocol
            name: Protocol
            between: [hwb, lscb]
            covers:
              links: [{from: lscb, to: hwb, type: challenges}]
              routes: []
        """)
    )
    (agreement,) = gmap.agreements
    assert [(x.from_, x.type) for x in agreements.covered_links(gmap, agreement)] == [("lscb", "challenges")]
    assert agreements.covered_routes(gmap, agreement) == []


def test_the_schema_describes_agreements_and_accepts_the_islington_example() -> None:
    schema = json_schema()
    item = schema["$defs"]["Agreement"]
    assert {
        "id",
        "name",
        "between",
        "covers",
        "agreed",
        "status",
        "review_by",
        "url",
        "since",
        "until",
    } <= set(item["properties"])
    assert schema["$defs"]["Signature"]["required"] == ["by", "on"]
    # As boardmap reads YAML (1.2, where `on` is a word, not true), with dates as text.
    data = yaml_rs.loads(ISLINGTON.read_text(encoding="utf-8"), parse_datetime=False)
    jsonschema.validate(data, schema)
    bad = {**data, "agreements": [{**data["agreements"][0], "status": "signed"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_a_signature_after_the_date_seen_with_as_of_is_left_out() -> None:
    text = text_map(AGREED.replace("{by: lscb, on: 2014-10-10", "{by: lscb, on: 2015-03-01"))
    early = load_text(text, as_of=dt.date(2015, 1, 1))
    assert [s.by for s in early.agreements[0].agreed] == ["hwb"]
    assert early.agreements[0].status == "draft"  # not every board had agreed it by then
    assert [s.by for s in load_text(text).agreements[0].agreed] == ["hwb", "lscb"]


def test_an_agreement_out_of_force_is_left_out() -> None:
    text = text_map(AGREED + "    until: 2015-01-01\n")
    assert load_text(text).agreements == []
    assert len(load_text(text, as_of=dt.date(2014, 12, 1)).agreements) == 1


# -- bad input ----------------------------------------------------------------------------------


def test_an_unknown_board_in_between_or_by_says_did_you_mean(write_map: Any) -> None:
    found = problems(
        write_map,
        """\
        agreements:
          - id: protocol
            name: Protocol
            between: [hwb, lscbb]
            agreed:
              - {by: hwbb, on: 2014-10-10}
        """,
    )
    assert found == [
        "24:20: unknown-board: no board has the id 'lscbb'; did you mean 'lscb'?",
        "26:14: unknown-board: no board has the id 'hwbb'; did you mean 'hwb'?",
    ]


def test_by_not_in_between_and_a_date_in_the_future(write_map: Any) -> None:
    found = problems(
        write_map,
        """\
        agreements:
          - id: protocol
            name: Protocol
            between: [hwb, lscb]
            agreed:
              - {by: csp, on: 2014-10-10}
              - {by: hwb, on: 2015-06-02, ref: minute 3}
        """,
    )
    assert found == [
        "26:14: schema: 'csp' is not one of the boards this agreement is between (hwb, lscb); "
        "add it to `between`, or correct `by`",
        "27:23: schema: this agreement is dated 2015-06-02, after the date the map describes "
        "(2015-06-01); record an agreement once it is made, or correct the date",
    ]


def test_bad_status_and_too_few_boards(write_map: Any) -> None:
    found = problems(
        write_map,
        """\
        agreements:
          - id: protocol
            name: Protocol
            between: [hwb, lscb]
            status: signed
          - id: other
            name: Another
            between: [hwb]
        """,
    )
    assert found == [
        "25:13: schema: status 'signed' is not one of: draft, agreed, withdrawn; did you mean 'agreed'?",
        "28:14: schema: between needs at least 2 items",
    ]


def test_covers_outside_its_boards_and_a_duplicate_id(write_map: Any) -> None:
    found = problems(
        write_map,
        """\
        agreements:
          - id: protocol
            name: Protocol
            between: [hwb, lscb]
            covers:
              links: [{from: csp, to: ce}, {from: hwb, to: ce}]
          - id: protocol
            name: Another
            between: [hwb, lscb]
        """,
    )
    assert found[0] == (
        "26:15: schema: this link, from 'csp' to 'ce', neither starts nor ends at "
        "one of the boards this agreement is between (hwb, lscb); an agreement "
        "covers only what its own boards do"
    )
    assert found[1].startswith("27:9: duplicate-id: the agreement id 'protocol' is declared twice: first at ")
    assert found[1].endswith("map.yaml:22; give each its own id")
    assert len(found) == 2


def test_a_bad_agreement_exits_2_naming_file_and_line(write_map: Any, cli: Any) -> None:
    path = write_map(text_map(AGREED.replace("by: lscb", "by: lsbc")))
    result = cli("check", str(path))
    assert result.status == 2
    assert f"{path}:27:14: unknown-board: no board has the id 'lsbc'; did you mean 'lscb'?" in result.out
    assert "Traceback" not in result.out + result.err


# -- the rules: each triggered, and a near-identical map that does not --------------------------


def test_no_agreement_between_statutory_boards_joined_by_challenge() -> None:
    (found,) = findings(text_map(""), "no-agreement")
    assert found.severity == "info"
    assert found.boards == ("hwb", "lscb")
    assert found.message == (
        "The Health and Wellbeing Board and the Safeguarding Children Board are "
        "joined by a challenge or reporting link, but no agreement in this "
        "map sets out how they work together."
    )
    assert findings(text_map(), "no-agreement") == []


def test_a_withdrawn_agreement_covers_nothing() -> None:
    assert len(findings(text_map(AGREED + "    status: withdrawn\n"), "no-agreement")) == 1


def test_an_agreement_covering_other_links_only_leaves_the_challenge_uncovered() -> None:
    only_informs = """\
        agreements:
          - id: protocol
            name: Protocol
            between: [hwb, lscb]
            covers: {links: [{from: hwb, to: lscb, type: informs}]}
            agreed: [{by: hwb, on: 2014-10-10}, {by: lscb, on: 2014-10-10}]
        """
    assert len(findings(text_map(only_informs), "no-agreement")) == 1
    assert (
        findings(
            text_map(
                only_informs.replace("type: informs", "type: challenges").replace(
                    "from: hwb, to: lscb", "from: lscb, to: hwb"
                )
            ),
            "no-agreement",
        )
        == []
    )


@pytest.fixture
def protocol_pack(monkeypatch: Any, tmp_path: Path) -> None:
    """A rule pack that requires a protocol between the HWB and the LSCB."""
    (tmp_path / "local-2015.yaml").write_text(
        textwrap.dedent("""\
        pack: local-2015
        title: A local pack
        description: Requires a protocol.
        since: 2013-04-01
        protocols:
          - id: hwb-lscb-protocol
            between: [hwb, lscb]
            source: Local safeguarding procedures, section 2
            force: guidance
            confidence: text
        """),
        encoding="utf-8",
    )
    monkeypatch.setattr(packs_data, "PACK_DIR", tmp_path)
    monkeypatch.setattr(sys.modules["boardmap.loader.references"], "PACK_DIR", tmp_path)
    packs.load_pack.cache_clear()
    yield
    packs.load_pack.cache_clear()


@pytest.mark.usefixtures("protocol_pack")
def test_a_pack_that_requires_a_protocol_makes_it_a_warning() -> None:
    text = text_map("").replace("as_of: 2015-06-01", "as_of: 2015-06-01\nrules: [local-2015]")
    (found,) = findings(text, "no-agreement")
    assert found.severity == "warning"
    assert found.source == "Local safeguarding procedures, section 2"
    assert found.message.endswith(
        "A rule pack in force requires a written protocol between them "
        "(Local safeguarding procedures, section 2)."
    )
    # Required even where no challenge joins them.
    unjoined = text.replace("  - {from: lscb, to: hwb, type: challenges}\n", "")
    (found,) = findings(unjoined, "no-agreement")
    assert found.severity == "warning" and found.boards == ("hwb", "lscb")
    assert findings(text + textwrap.dedent(AGREED), "no-agreement") == []


def test_agreement_review_due() -> None:
    past = text_map().replace("as_of: 2015-06-01", "as_of: 2015-10-02")
    (found,) = findings(past, "agreement-review-due")
    assert found.severity == "warning"
    assert found.message == (
        "The agreement “Protocol between the boards” was due for review by "
        "1 October 2015, which has passed (this map describes 2 October 2015)."
    )
    assert (
        findings(text_map().replace("as_of: 2015-06-01", "as_of: 2015-10-01"), "agreement-review-due") == []
    )


def test_agreement_not_agreed_by_every_board() -> None:
    one = text_map(AGREED.replace("      - {by: lscb, on: 2014-10-10, ref: minute 7}\n", ""))
    (found,) = findings(one, "agreement-not-agreed")
    assert found.severity == "warning" and found.boards == ("lscb",)
    assert found.message == (
        "The agreement “Protocol between the boards” is marked as agreed, but "
        "this map records no agreement by the Safeguarding Children Board."
    )
    assert findings(text_map(), "agreement-not-agreed") == []


def test_a_draft_agreement_is_information() -> None:
    draft = text_map(
        AGREED.replace("      - {by: lscb, on: 2014-10-10, ref: minute 7}\n", "") + "    status: draft\n"
    )
    (found,) = findings(draft, "agreement-not-agreed")
    assert found.severity == "info"
    assert found.message == (
        "The agreement “Protocol between the boards” is still a draft. The "
        "Safeguarding Children Board has not agreed it."
    )


def test_agreement_covers_a_link_or_route_no_longer_in_the_map() -> None:
    covers = """\
        agreements:
          - id: protocol
            name: Protocol
            between: [hwb, lscb]
            covers:
              links: [{from: lscb, to: hwb, type: challenges}]
              routes: [hwb-lscb]
            agreed: [{by: hwb, on: 2014-10-10}, {by: lscb, on: 2014-10-10}]
        """
    assert findings(text_map(covers), "agreement-covers-missing") == []
    gone = text_map(
        covers,
        BASE.replace("  - {from: lscb, to: hwb, type: challenges}\n", "").replace(
            "id: hwb-lscb", "id: hwb-lscb-disputes"
        ),
    )
    found = findings(gone, "agreement-covers-missing")
    assert [f.message for f in found] == [
        "The agreement “Protocol” sets out a challenges link from the Safeguarding Children Board "
        "to the Health and Wellbeing Board, but this map has no such link.",
        "The agreement “Protocol” sets out the escalation route 'hwb-lscb', but this map has no "
        "route with that id.",
    ]


def test_the_new_rules_are_in_rules_and_explain(cli: Any) -> None:
    listed = cli("rules").out
    for rule_id in (
        "no-agreement",
        "agreement-review-due",
        "agreement-not-agreed",
        "agreement-covers-missing",
    ):
        assert rule_id in listed
        explained = cli("explain", rule_id)
        assert explained.status == 0
        assert "How to fix: " in explained.out


def test_the_islington_example_records_its_protocol() -> None:
    gmap = load(ISLINGTON)
    (agreement,) = gmap.agreements
    assert agreement.between == ["hwbb", "iscb"]
    assert [(s.by, s.on) for s in agreement.agreed] == [("hwbb", dt.date(2013, 10, 10))]
    result = check(gmap)
    assert [f.rule for f in result.open if f.rule.startswith("agreement")] == ["agreement-not-agreed"]
    assert [f.rule for f in result.open if f.rule == "no-agreement"] == []


# -- the guide and the diff -----------------------------------------------------------------------


def test_the_guide_says_which_agreement_sets_out_each_relationship() -> None:
    from boardmap.guide import build_guide

    guide = build_guide(load_text(text_map()))
    said = (
        "This is set out in “Protocol between the boards”, agreed by both boards on "
        "10 October 2014; due for review October 2015."
    )
    assert guide.markdown.count(said) == 1
    assert said in " ".join(guide.html.split())
    # Only the table of the links it covers says so: not the tables of links to the Chief
    # Executive (three, one per board).
    table = guide.markdown.split("## Who does what, board by board", 1)[1]
    assert table.count("**With the ") == 4 and table.count("set out in") == 1
    assert table.index(said) < table.index("**With the [Chief Executive]")
    assert "set out in" not in build_guide(load_text(text_map(""))).markdown


def test_the_guide_gives_a_partly_agreed_protocol_as_it_stands() -> None:
    from boardmap.guide import build_guide

    one = text_map(AGREED.replace("      - {by: lscb, on: 2014-10-10, ref: minute 7}\n", ""))
    assert (
        "This is set out in “Protocol between the boards”, agreed by the Health and Wellbeing "
        "Board on 10 October 2014; no agreement by the Safeguarding Children Board is "
        "recorded; due for review October 2015."
    ) in build_guide(load_text(one)).markdown


def _diff(old: str, new: str) -> Any:
    from boardmap.diff import diff_maps

    return diff_maps(load_text(old), load_text(new))


def test_the_diff_reports_an_agreement_made_and_removed() -> None:
    made = _diff(text_map(""), text_map())
    assert made.groups()[0] == (
        "Agreements between boards",
        [
            "There is a new agreement, “Protocol between the boards”, between the Health and "
            "Wellbeing Board and the Safeguarding Children Board: agreed by both boards on "
            "10 October 2014; due for review October 2015."
        ],
    )
    assert made.to_json()["summary"]["agreements"] == {"added": 1, "removed": 0, "changed": 0}
    assert made.to_json()["changes"][0]["key"] == {"id": "protocol"}
    gone = _diff(text_map(), text_map(""))
    assert gone.groups()[0] == (
        "Agreements between boards",
        ["The agreement “Protocol between the boards” is no longer in the map."],
    )


def test_the_diff_reports_an_agreement_signed_changed_and_withdrawn() -> None:
    draft = AGREED.replace("      - {by: lscb, on: 2014-10-10, ref: minute 7}\n", "")
    signed = _diff(text_map(draft), text_map())
    assert signed.groups()[0][1] == [
        "The Safeguarding Children Board agreed “Protocol between the boards” on 10 October 2014 (minute 7)."
    ]
    reviewed = _diff(text_map(), text_map(AGREED.replace("2015-10-01", "2016-10-01")))
    assert reviewed.groups()[0][1] == [
        "The agreement “Protocol between the boards” is now due for review by 1 October 2016 "
        "(previously 1 October 2015)."
    ]
    withdrawn = _diff(text_map(), text_map(AGREED + "    status: withdrawn\n"))
    assert withdrawn.groups()[0][1] == ["The agreement “Protocol between the boards” has been withdrawn."]
    assert [f.finding.rule for f in withdrawn.findings] == ["no-agreement"]


def test_the_diff_of_two_dates_reports_signatures_and_lapses(write_map: Any) -> None:
    from boardmap.diff import compare_dates

    agreed = AGREED.replace("{by: lscb, on: 2014-10-10", "{by: lscb, on: 2014-11-20").replace(
        "2015-10-01", "2015-03-01"
    )
    path = write_map(
        BASE
        + agreed
        + (
            "  - id: old-mou\n"
            "    name: Memorandum of understanding\n"
            "    between: [hwb, lscb]\n"
            "    agreed: [{by: hwb, on: 2013-01-10}, {by: lscb, on: 2013-01-10}]\n"
            "    until: 2014-11-20\n"
        )
    )
    found = compare_dates(path, dt.date(2014, 10, 15), dt.date(2015, 6, 1)).diff
    assert found.groups()[0] == (
        "Agreements between boards",
        [
            "The agreement “Memorandum of understanding” lapsed: it ended on 20 November 2014.",
            "The agreement “Protocol between the boards” is now agreed.",
            "The Safeguarding Children Board agreed “Protocol between the boards” on "
            "20 November 2014 (minute 7).",
            "The agreement “Protocol between the boards” lapsed: its review was due by 1 March 2015, "
            "and the map records no new review date.",
        ],
    )
    assert "agreement-review-due" in [f.finding.rule for f in found.findings]


def test_build_remakes_the_guide_when_only_an_agreement_changes(write_map: Any, tmp_path: Path) -> None:
    from boardmap.build import build

    path = write_map(text_map())
    out = tmp_path / "out"
    build(path, out)
    assert "agreed by both boards on 10 October 2014" in (out / "guide.md").read_text()
    write_map(text_map(AGREED.replace("2015-10-01", "2016-10-01")))
    report = build(path, out)
    assert "guide.md" in [str(name) for name in report.written]
    assert "due for review October 2016" in (out / "guide.md").read_text()
