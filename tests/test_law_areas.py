"""Bodies every area must have, area by area, and `accepted:` entries that name a missing
body by its role (issue 14, items 2 and 3). The fixture is written from Kent's and
Medway's published papers (tests/maps/law/kent-medway-sab-2023.yaml names them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardmap.checks.engine import CheckResult, Finding, check
from boardmap.errors import MapError
from boardmap.load import load_text

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


def test_an_accepted_role_accepts_a_duty_not_shown() -> None:
    # The annual report duty names four bodies the map does not show: an entry naming one
    # of them accepts that finding, and only the findings that name it.
    entry = """
  - rule: statutory-duty-not-shown
    role: pcc
    reason: The Police and Crime Commissioner for Kent is mapped with the Community Safety Partnerships.
"""
    result = _check(_text() + entry)
    assert [f.roles for f in result.accepted if f.rule == "statutory-duty-not-shown"] == [
        ("chief-executive", "leader", "pcc", "healthwatch")
    ]
    assert [f.roles for f in result.open if f.rule == "statutory-duty-not-shown"] == [
        ("healthwatch",),
        ("chief-executive",),
    ]


def test_a_misspelt_role_is_a_located_error_with_a_suggestion() -> None:
    text = _text() + ACCEPT_CSP.format(until="2024-03-31").replace("role: csp", "role: cspp")
    with pytest.raises(MapError) as caught:
        _check(text)
    line = text.splitlines().index("    role: cspp") + 1
    message = str(caught.value)
    assert f"kent-medway.yaml:{line}:" in message
    assert "role 'cspp' is not one of:" in message
    assert "did you mean 'csp'?" in message
