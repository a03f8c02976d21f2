"""Bodies every area must have, area by area, and `accepted:` entries that name a missing
body by its role (issue 14, items 2 and 3). The fixture is written from Kent's and
Medway's published papers (tests/maps/law/kent-medway-sab-2023.yaml names them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap.checks.engine import CheckResult, Finding, check
from boardmap.errors import MapError
from boardmap.load import load_text
from tests.conftest import Result

KENT_MEDWAY = Path(__file__).parent / "maps" / "law" / "kent-medway-sab-2023.yaml"


def _text(**changes: str) -> str:
    text = KENT_MEDWAY.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _check(text: str) -> CheckResult:
    return check(load_text(text, file="kent-medway.yaml"))


def _bodies(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings if f.rule == "missing-statutory-body"]


def test_a_board_shared_by_two_areas_serves_both() -> None:
    # One Safeguarding Adults Board for Kent and Medway: neither area lacks one.
    messages = _bodies(_check(_text()).open)
    assert not [m for m in messages if "Safeguarding Adults Board" in m]
    assert not [m for m in messages if "Health and Wellbeing Board" in m]


def test_each_area_needs_its_own_body() -> None:
    result = _check(_text())
    found = [f for f in result.open if f.rule == "missing-statutory-body" and f.area == "kent"]
    assert [f.message for f in found] == [
        "This map has no crime and disorder committee or overview and scrutiny committee for "
        "the area 'kent' (Kent County Council) on 1 November 2023 (it shows one for 'medway'). "
        "Every local authority must have a crime and disorder committee (often one of its "
        "overview and scrutiny committees) to review and scrutinise the work of the Community "
        "Safety Partnership's responsible authorities (Police and Justice Act 2006, s.19(1)). "
        "Add one for that area, or list the area in the `areas` of the body that serves it "
        "(statutory_role: crime-and-disorder-committee, overview-and-scrutiny)."
    ]
    assert found[0].severity == "info"
    assert found[0].roles == ("crime-and-disorder-committee", "overview-and-scrutiny")


def test_a_body_no_area_has_is_one_finding_for_the_map() -> None:
    # No Community Safety Partnership anywhere: one finding, not one for each area.
    found = [f for f in _check(_text()).open if f.rule == "missing-statutory-body" and f.roles == ("csp",)]
    assert len(found) == 1
    assert found[0].area is None
    assert found[0].message.startswith("This map has no Community Safety Partnership on 1 November 2023.")


def test_a_board_serving_one_area_leaves_the_other_without() -> None:
    text = _text(
        **{"    areas: [kent, medway]\n    members: [kent-cc": "    areas: [medway]\n    members: [kent-cc"}
    )
    messages = _bodies(_check(text).open)
    assert [m for m in messages if "Safeguarding Adults Board" in m] == [
        "This map has no Safeguarding Adults Board for the area 'kent' (Kent County Council) on "
        "1 November 2023 (it shows one for 'medway'). Each local authority must establish a "
        "Safeguarding Adults Board for its area (Care Act 2014, s.43(1)). Add one for that area, "
        "or list the area in the `areas` of the body that serves it (statutory_role: sab)."
    ]


def test_a_body_with_no_areas_serves_the_whole_map() -> None:
    role = "    statutory_role: overview-and-scrutiny"
    text = _text(**{f"{role}\n    areas: [medway]": role})
    assert not [m for m in _bodies(_check(text).open) if "crime and disorder committee" in m]


# -- accepting a missing body by its role --------------------------------------------------------

ACCEPT_CSP = """
  - rule: missing-statutory-body
    role: csp
    reason: The Community Safety Partnerships are mapped separately.
    until: {until}
"""


def test_an_accepted_role_accepts_the_missing_body() -> None:
    result = _check(_text() + ACCEPT_CSP.format(until="2024-03-31"))
    assert not [f for f in result.open if f.roles == ("csp",)]
    accepted = [f for f in result.accepted if f.rule == "missing-statutory-body"]
    assert [(f.accepted, f.roles) for f in accepted] == [
        ("The Community Safety Partnerships are mapped separately.", ("csp",))
    ]
    assert not [f for f in result.open if f.rule.startswith("accepted-")]


def test_an_accepted_role_and_area_accept_only_that_area() -> None:
    entry = """
  - rule: missing-statutory-body
    role: overview-and-scrutiny
    area: {area}
    reason: Kent's scrutiny committees are outside this map.
"""
    result = _check(_text() + entry.format(area="kent"))
    assert [f.area for f in result.accepted if f.rule == "missing-statutory-body"] == ["kent"]
    wrong = _check(_text() + entry.format(area="medway"))
    assert [f.area for f in wrong.open if f.rule == "missing-statutory-body" and f.area] == ["kent"]
    assert [f.message for f in wrong.open if f.rule == "accepted-unmatched"] == [
        "This entry accepts the missing-statutory-body finding about the missing overview and "
        "scrutiny committee in the area 'medway', but there is no such finding on 1 November "
        "2023: the gap is closed, or the entry names the wrong board or link. Remove the entry, "
        "or correct it."
    ]


def test_an_expired_acceptance_brings_the_missing_body_back() -> None:
    result = _check(_text() + ACCEPT_CSP.format(until="2023-06-30"))
    assert [f for f in result.open if f.roles == ("csp",) and f.rule == "missing-statutory-body"]
    assert [f.message for f in result.open if f.rule == "accepted-expired"] == [
        "The acceptance of the missing-statutory-body finding about the missing Community Safety "
        "Partnership ran until 30 June 2023, which has passed (this map describes 1 November "
        "2023), so that finding is open again. Review it: fix the gap, or renew the acceptance "
        "with a new date and reason."
    ]


PCC = """
  - rule: statutory-duty-not-shown
    role: pcc
    reason: The Police and Crime Commissioner for Kent is mapped with the Community Safety Partnerships.
"""
ANNUAL_REPORT = "england-2019/sab-annual-report"
INFERRED = (
    " The Kent and Medway Safeguarding Adults Board is treated as the Safeguarding Adults Board "
    "because its basis is Care Act 2014, section 43; add `statutory_role: sab` to confirm."
)


def _annual_report(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.requirement == ANNUAL_REPORT]


def test_an_accepted_role_accepts_only_the_body_it_names() -> None:
    # The annual report duty names four bodies the map does not show: an entry naming one
    # of them sets that one aside, and the finding stays open for the other three.
    result = _check(_text() + PCC)
    assert _annual_report(result.accepted) == []
    [finding] = _annual_report(result.open)
    assert finding.message == (
        "The Kent and Medway Safeguarding Adults Board must send the chief executive, the Leader "
        "of the Council and the local Healthwatch its annual report (Care Act 2014, Schedule 2, "
        "paragraph 4); this map shows none of them, so it cannot show that duty met "
        "(statutory_role: chief-executive, leader, healthwatch)." + INFERRED
    )
    assert finding.missing == ("chief-executive", "leader", "healthwatch")
    assert finding.accepted_missing == (
        (
            "pcc",
            "The Police and Crime Commissioner for Kent is mapped with the Community Safety Partnerships.",
            None,
        ),
    )
    # The entry was used: it is not reported as accepting nothing.
    assert not [f for f in result.open if f.rule.startswith("accepted-")]
    # Findings that do not name the commissioner are untouched.
    assert [f.missing for f in result.open if f.rule == "statutory-duty-not-shown" and f is not finding] == [
        ("healthwatch",)
    ]
    # The chair's accountability to the chief executive is said once, by no-accountability
    # (the board is not a group of the partners that answers through them).
    assert [(f.severity, f.boards) for f in result.open if f.rule == "no-accountability"] == [
        ("info", ("kmsab",))
    ]


def test_entries_naming_every_missing_body_accept_the_finding() -> None:
    others = """
  - rule: statutory-duty-not-shown
    role: {role}
    reason: {reason}
    until: 2024-03-31
"""
    text = _text() + PCC
    text += others.format(role="leader", reason="The councils' Leaders are outside this map.")
    text += others.format(role="chief-executive", reason="The councils' Leaders are outside this map.")
    text += others.format(role="healthwatch", reason="Healthwatch is mapped separately.")
    result = _check(text)
    assert _annual_report(result.open) == []
    [finding] = _annual_report(result.accepted)
    # The reasons, each once, in the order the finding names the bodies.
    assert finding.accepted == (
        "The councils' Leaders are outside this map. The Police and Crime Commissioner for Kent "
        "is mapped with the Community Safety Partnerships. Healthwatch is mapped separately."
    )
    assert finding.until is not None and finding.until.isoformat() == "2024-03-31"
    assert finding.missing == ("chief-executive", "leader", "pcc", "healthwatch")


def test_an_expired_entry_for_one_body_leaves_it_named() -> None:
    expired = PCC + "    until: 2023-06-30\n"
    result = _check(_text() + expired)
    [finding] = _annual_report(result.open)
    assert finding.missing == ("chief-executive", "leader", "pcc", "healthwatch")
    assert finding.accepted_missing == ()
    assert [f.rule for f in result.open if f.rule.startswith("accepted-")] == ["accepted-expired"]


def test_an_accepted_body_is_said_in_the_report_and_the_json(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    path = tmp_path / "kent-medway.yaml"
    path.write_text(_text() + PCC, encoding="utf-8")
    text = cli("check", str(path), "--explain").out
    assert (
        "  Accepted for the Police and Crime Commissioner: The Police and Crime Commissioner for\n"
        "  Kent is mapped with the Community Safety Partnerships.\n"
    ) in text
    data = json.loads(cli("check", str(path), "--format", "json").out)
    [found] = [f for f in data["findings"] if f.get("requirement") == ANNUAL_REPORT]
    assert found["missing"] == ["chief-executive", "leader", "healthwatch"]
    assert found["accepted_missing"] == [
        {
            "missing": "pcc",
            "reason": (
                "The Police and Crime Commissioner for Kent is mapped with the Community Safety Partnerships."
            ),
        }
    ]
    assert "area" not in found  # the board serves both areas


# -- the JSON fields of a missing body or duty ------------------------------------------------------


def test_sarif_carries_the_same_facts(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "kent-medway.yaml"
    path.write_text(_text(), encoding="utf-8")
    data = json.loads(cli("check", str(path), "--format", "sarif").out)
    found = [
        r["properties"]
        for r in data["runs"][0]["results"]
        if r["properties"].get("requirement") == "england-2019/crime-and-disorder-committee-required"
    ]
    assert [(p["missing"], p["area"]) for p in found] == [
        (["crime-and-disorder-committee|overview-and-scrutiny"], "kent")
    ]


ONE_AREA = ("    areas: [kent, medway]\n    members: [kent-cc", "    areas: [medway]\n    members: [kent-cc")


def test_json_names_the_missing_bodies_and_the_area(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "kent-medway.yaml"
    path.write_text(
        _text(**{ONE_AREA[0]: ONE_AREA[1]}),
        encoding="utf-8",
    )
    data = json.loads(cli("check", str(path), "--format", "json").out)
    bodies = {
        (f["requirement"], f.get("area")): f["missing"]
        for f in data["findings"]
        if f["rule"] == "missing-statutory-body"
    }
    assert bodies == {
        ("england-2019/sab-required", "kent"): ["sab"],
        ("england-2019/csp-required", None): ["csp"],
        ("england-2019/crime-and-disorder-committee-required", "kent"): [
            "crime-and-disorder-committee|overview-and-scrutiny"
        ],
        ("england-2019/safeguarding-arrangements-required", None): ["safeguarding-partnership"],
    }
    duties = {
        f["requirement"]: (f["missing"], f.get("area"))
        for f in data["findings"]
        if f["rule"] == "statutory-duty-not-shown"
    }
    assert duties[ANNUAL_REPORT] == (["chief-executive", "leader", "pcc", "healthwatch"], "medway")


def test_a_misspelt_role_is_a_located_error_with_a_suggestion() -> None:
    text = _text() + ACCEPT_CSP.format(until="2024-03-31").replace("role: csp", "role: cspp")
    with pytest.raises(MapError) as caught:
        _check(text)
    line = text.splitlines().index("    role: cspp") + 1
    message = str(caught.value)
    assert f"kent-medway.yaml:{line}:" in message
    assert "role 'cspp' is not one of:" in message
    assert "did you mean 'csp'?" in message


# -- members a board lacks, by role -------------------------------------------------------------

BLABY = Path(__file__).parent.parent / "examples" / "blaby-hinckley-csp-2017.yaml"
MEMBER_ENTRY = """
  - rule: missing-statutory-member
    role: {role}
    reason: {reason}
"""
PROBATION = MEMBER_ENTRY.format(
    role="probation", reason="The probation service's seat is not in the sources read."
)


def _members(text: str) -> tuple[list[Finding], list[Finding]]:
    result = check(load_text(text, file="blaby.yaml"))
    rule = "missing-statutory-member"
    return [f for f in result.open if f.rule == rule], [f for f in result.accepted if f.rule == rule]


def test_a_member_finding_names_the_missing_members_by_role() -> None:
    [found], _ = _members(BLABY.read_text(encoding="utf-8"))
    assert found.missing == ("probation", "ccg|icb")
    assert found.roles == ("probation", "ccg", "icb")
    assert found.area is None  # the partnership serves both districts
    assert found.requirement == "england-2013/csp-members"


def test_an_accepted_member_role_accepts_only_that_member() -> None:
    [found], accepted = _members(BLABY.read_text(encoding="utf-8") + PROBATION)
    assert accepted == []
    assert found.message == (
        "The Blaby and Hinckley & Bosworth Community Safety Partnership must have a clinical "
        "commissioning group or integrated care board among its members (Crime and Disorder Act "
        "1998, s.5(1)), but none of the members this map lists is one (statutory_role: ccg, icb)."
    )
    assert found.missing == ("ccg|icb",)
    assert found.accepted_missing == (
        ("probation", "The probation service's seat is not in the sources read.", None),
    )


def test_entries_for_every_missing_member_accept_the_finding() -> None:
    # Either role of "a clinical commissioning group or integrated care board" accepts it.
    nhs = MEMBER_ENTRY.format(role="icb", reason="The NHS body's seat is not in the sources read.")
    found, [accepted] = _members(BLABY.read_text(encoding="utf-8") + PROBATION + nhs)
    assert found == []
    assert accepted.accepted == (
        "The probation service's seat is not in the sources read. The NHS body's seat is not in "
        "the sources read."
    )


def test_a_missing_link_carries_the_area_of_its_board(cli: Callable[..., Result]) -> None:
    worcestershire = Path(__file__).parent / "maps" / "law" / "worcestershire-two-tier-2025.yaml"
    data = json.loads(cli("check", str(worcestershire), "--format", "json").out)
    [scrutiny] = [
        f for f in data["findings"] if f.get("requirement") == "england-2023/sp-independent-scrutiny"
    ]
    assert (scrutiny["rule"], scrutiny["area"]) == ("missing-statutory-link", "worcestershire")
    # The map holds no independent scrutineer: the finding names the role it lacks, as
    # every finding of a duty the map does not show does (tests/test_law_duties.py).
    assert scrutiny["missing"] == ["independent-scrutineer"]
