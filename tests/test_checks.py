"""The gap rules, the engine and accepted findings: each rule fires on a small map made to
show its gap, with the boards and the place named, and stays silent on a near-identical map
without the gap."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from boardmap.checks.engine import RULES, CheckResult, Finding, catalogue, check, run_checks
from boardmap.checks.rules.overlap import _overlapping_pairs
from boardmap.load import load, load_text
from tests.conftest import EXAMPLES

FILE = "map.yaml"
HEAD = "boardmap: 1\narea: Testshire\nas_of: 2014-06-17\n"

# Boards most maps below share: a role and an organisation that count as accountable.
PEOPLE = """\
  - {id: leader, name: Leader of the Council, kind: role}
  - {id: council, name: Testshire Council, kind: organisation}
"""


def _text(body: str) -> str:
    return HEAD + textwrap.dedent(body)


def _result(body: str) -> CheckResult:
    return check(load_text(_text(body), file=FILE))


def _found(body: str, rule: str) -> list[Finding]:
    found = [f for f in _result(body).open if f.rule == rule]
    assert all(f.file == FILE for f in found)
    return found


def _line(body: str, needle: str) -> int:
    """The line of the first line of the map that contains `needle`."""
    for number, line in enumerate(_text(body).splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the map")


def test_catalogue_has_the_issue_rules_with_their_severities() -> None:
    rules = catalogue()
    expected = {
        "no-accountability": "warning",
        "reporting-cycle": "error",
        "challenge-without-response": "warning",
        "escalation-dead-end": "error",
        "no-escalation-route": "info",
        "unscrutinised": "warning",
        "isolated-board": "warning",
        "theme-without-lead": "warning",
        "shared-chair-conflict": "warning",
        "review-overdue": "warning",
        "membership-overlap": "info",
        "missing-statutory-link": "warning",
        "accepted-expired": "warning",
    }
    for rule_id, severity in expected.items():
        assert rules[rule_id].severity == severity
    assert list(rules)[:11] == list(expected)[:11]
    for rule in rules.values():
        assert rule.summary and rule.explanation and rule.fix
        assert rule.fix.endswith("."), rule.id


# -- no-accountability -----------------------------------------------------------------------

UNACCOUNTABLE = (
    """\
boards:
  - {id: improvement, name: Improvement Board, kind: partnership}
  - {id: task-group, name: Early Help Task Group, kind: sub-group}
  - {id: data-group, name: Data Group, kind: sub-group}
"""
    + PEOPLE
    + """\
links:
  - {from: task-group, to: improvement, type: sub-group-of}
  - {from: data-group, to: task-group, type: reports-to}
  - {from: leader, to: improvement, type: informs}
"""
)


def test_no_accountability_is_reported_where_the_chain_stops() -> None:
    [finding] = _found(UNACCOUNTABLE, "no-accountability")
    assert finding.boards == ("improvement", "task-group", "data-group")
    assert (finding.file, finding.line) == (FILE, _line(UNACCOUNTABLE, "id: improvement"))
    assert finding.severity == "warning"
    assert finding.message == (
        "The Improvement Board does not report to anyone in this map, so it is not clear who "
        "it answers to. That leaves the Early Help Task Group and the Data Group unclear too: "
        "their reporting runs up to the Improvement Board and stops there."
    )


@pytest.mark.parametrize(
    "fix",
    [
        "  - {from: improvement, to: council, type: reports-to}\n",
        "  - {from: improvement, to: leader, type: sub-group-of}\n",
    ],
)
def test_no_accountability_silent_when_the_chain_reaches_someone(fix: str) -> None:
    assert _found(UNACCOUNTABLE + fix, "no-accountability") == []


def test_no_accountability_silent_for_a_board_marked_top() -> None:
    body = UNACCOUNTABLE.replace("kind: partnership}", "kind: partnership, top: true}")
    assert _found(body, "no-accountability") == []


def test_no_accountability_leaves_isolated_boards_to_isolated_board() -> None:
    body = UNACCOUNTABLE.replace(PEOPLE, PEOPLE + "  - {id: lonely, name: Lonely Board, kind: committee}\n")
    rules = [(f.rule, f.boards[0]) for f in _result(body).open if "lonely" in f.boards]
    assert rules == [("isolated-board", "lonely")]


# -- reporting-cycle ---------------------------------------------------------------------------

CYCLE = (
    """\
boards:
  - {id: trust, name: Children's Trust Board, kind: partnership}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: exec, name: Executive Group, kind: officer-group}
"""
    + PEOPLE
    + """\
links:
  - {from: trust, to: hwb, type: reports-to}
  - {from: hwb, to: exec, type: sub-group-of}
  - {from: exec, to: trust, type: reports-to}
  - {from: exec, to: leader, type: reports-to}
"""
)


def test_reporting_cycle_lists_the_boards_in_order_round_the_circle() -> None:
    [finding] = _found(CYCLE, "reporting-cycle")
    assert finding.severity == "error"
    assert finding.boards == ("trust", "hwb", "exec")
    assert (finding.file, finding.line) == (FILE, _line(CYCLE, "from: trust, to: hwb"))
    assert finding.message == (
        "The Children's Trust Board reports to the Health and Wellbeing Board, the Health and "
        "Wellbeing Board is a sub-group of the Executive Group, and the Executive Group "
        "reports to the Children's Trust Board: the line of accountability goes round in a "
        "circle, so none of them is clearly accountable."
    )


def test_reporting_cycle_of_two_with_no_way_out() -> None:
    body = """\
    boards:
      - {id: a, name: Alpha Board, kind: partnership}
      - {id: b, name: Beta Board, kind: partnership}
    links:
      - {from: a, to: b, type: reports-to}
      - {from: b, to: a, type: reports-to}
    """
    [finding] = _found(body, "reporting-cycle")
    assert finding.message == (
        "The Alpha Board reports to the Beta Board, and the Beta Board reports to the Alpha "
        "Board: each answers to the other, so neither is clearly accountable. Nothing in the "
        "circle answers to anyone outside it."
    )
    assert finding.line == _line(body, "from: a, to: b")


def test_no_reporting_cycle_when_one_link_only_informs() -> None:
    body = CYCLE.replace(
        "{from: exec, to: trust, type: reports-to}", "{from: exec, to: trust, type: informs}"
    )
    assert _found(body, "reporting-cycle") == []


# -- challenge-without-response ------------------------------------------------------------------

CHALLENGE = (
    """\
boards:
  - {id: lscb, name: Safeguarding Children Board, kind: statutory-board}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
"""
    + PEOPLE
    + """\
links:
  - {from: lscb, to: hwb, type: challenges}
  - {from: lscb, to: leader, type: reports-to}
  - {from: hwb, to: council, type: reports-to}
"""
)


def test_challenge_without_response() -> None:
    [finding] = _found(CHALLENGE, "challenge-without-response")
    assert finding.boards == ("lscb", "hwb")
    assert finding.line == _line(CHALLENGE, "from: lscb, to: hwb")
    assert finding.message == (
        "The Safeguarding Children Board holds the Health and Wellbeing Board to account, but "
        "the Health and Wellbeing Board does not report to the Safeguarding Children Board, "
        "keep it informed or consult it in this map, so there is no route for its answer."
    )


def test_challenge_with_a_route_for_the_answer() -> None:
    body = CHALLENGE + "  - {from: hwb, to: lscb, type: informs}\n"
    assert _found(body, "challenge-without-response") == []


SCRUTINY = (
    """\
boards:
  - id: sp
    name: Safeguarding Children Partnership
    kind: partnership
    statutory_role: safeguarding-partnership
  - {id: scrutineer, name: Independent Scrutineer, kind: role, statutory_role: independent-scrutineer}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
"""
    + PEOPLE
    + """\
links:
  - {from: scrutineer, to: sp, type: challenges}
  - {from: hwb, to: council, type: reports-to}
"""
)


def test_a_partnership_answers_its_scrutineer_in_its_yearly_report() -> None:
    # The yearly report goes to the HWB: a route for the answer (issue 3 trial).
    body = SCRUTINY + "  - {from: sp, to: hwb, type: informs, what: yearly report}\n"
    assert _found(body, "challenge-without-response") == []
    reporting = SCRUTINY + "  - {from: sp, to: leader, type: reports-to}\n"
    assert _found(reporting, "challenge-without-response") == []


def test_a_partnership_whose_report_goes_nowhere() -> None:
    [finding] = _found(SCRUTINY, "challenge-without-response")
    assert finding.boards == ("scrutineer", "sp")
    assert finding.line == _line(SCRUTINY, "from: scrutineer, to: sp")
    assert finding.message == (
        "The Independent Scrutineer scrutinises the Safeguarding Children Partnership, which "
        "answers in the yearly report it must publish on how effective its arrangements have "
        "been (Children Act 2004, s.16G), but in this map the partnership reports to nobody "
        "and keeps nobody informed, so there is no route for its answer."
    )


def test_a_scrutineer_of_another_board_needs_a_route_back() -> None:
    body = SCRUTINY.replace(
        "{from: scrutineer, to: sp, type: challenges}", "{from: scrutineer, to: hwb, type: challenges}"
    )
    body += "  - {from: hwb, to: leader, type: informs}\n"
    [finding] = _found(body, "challenge-without-response")
    assert finding.message.startswith(
        "The Independent Scrutineer holds the Health and Wellbeing Board to account, but the "
        "Health and Wellbeing Board does not report to the Independent Scrutineer"
    )


# -- escalation ------------------------------------------------------------------------------------

ROUTE = (
    CHALLENGE
    + """\
  - {from: hwb, to: lscb, type: informs}
escalations:
  - id: disagree
    name: When the two boards disagree
    between: [lscb, hwb]
    steps:
      - action: Either chair writes to the other board.
      - action: The two chairs meet.
        involves: [lscb, hwb]
"""
)


def test_escalation_route_that_never_leaves_its_boards() -> None:
    [finding] = _found(ROUTE, "escalation-dead-end")
    assert finding.severity == "error"
    assert finding.boards == ("lscb", "hwb")
    assert finding.line == _line(ROUTE, "- id: disagree")
    assert finding.message == (
        "Every step of the escalation route 'When the two boards disagree' involves only the "
        "Safeguarding Children Board and the Health and Wellbeing Board, whose disagreements "
        "it is meant to settle, so nobody beyond them is named to settle one they cannot "
        "resolve themselves."
    )


def test_escalation_route_with_a_final_step_beyond_its_boards() -> None:
    body = ROUTE + "      - action: A resolution meeting with the Leader.\n        involves: [leader]\n"
    assert _found(body, "escalation-dead-end") == []


def test_escalation_route_that_names_nobody() -> None:
    body = ROUTE.replace("        involves: [lscb, hwb]\n", "")
    [finding] = _found(body, "escalation-dead-end")
    assert finding.message.startswith(
        "No step of the escalation route 'When the two boards "
        "disagree' (for the Safeguarding Children Board and the "
        "Health and Wellbeing Board) says who takes part"
    )


def test_circle_of_escalates_to_links() -> None:
    body = (
        CHALLENGE
        + """\
      - {from: hwb, to: lscb, type: escalates-to}
      - {from: lscb, to: hwb, type: escalates-to}
    """.replace("      - {", "  - {")
    )
    [finding] = _found(body, "escalation-dead-end")
    assert finding.boards == ("lscb", "hwb")
    assert finding.line == _line(body, "from: lscb, to: hwb, type: escalates-to")
    assert finding.message == (
        "Unresolved concerns go round in a circle, from the Safeguarding Children Board to the "
        "Health and Wellbeing Board to the Safeguarding Children Board, so a concern never "
        "reaches anyone who can settle it."
    )
    chain = body.replace(
        "{from: lscb, to: hwb, type: escalates-to}", "{from: hwb, to: leader, type: escalates-to}"
    )
    assert _found(chain, "escalation-dead-end") == []


def test_no_escalation_route_between_two_boards() -> None:
    [finding] = _found(CHALLENGE, "no-escalation-route")
    assert finding.severity == "info"
    assert finding.boards == ("lscb", "hwb")
    assert finding.line == _line(CHALLENGE, "from: lscb, to: hwb")
    assert finding.message == (
        "The Safeguarding Children Board holds the Health and Wellbeing Board to account, but "
        "no escalation route in this map covers the two of them, so it is not clear how a "
        "disagreement between them would be settled."
    )


def test_no_escalation_route_one_finding_per_pair() -> None:
    body = CHALLENGE + "  - {from: hwb, to: lscb, type: challenges}\n"
    assert len(_found(body, "no-escalation-route")) == 1


@pytest.mark.parametrize(
    "role",
    ["overview-and-scrutiny", "health-scrutiny", "crime-and-disorder-committee", "police-and-crime-panel"],
)
def test_scrutiny_by_a_scrutiny_committee_needs_no_escalation_route(role: str) -> None:
    # The constitution settles what follows scrutiny: no route to agree (issue 3 trial).
    body = CHALLENGE.replace(
        "name: Safeguarding Children Board, kind: statutory-board}",
        f"name: Safeguarding Children Board, kind: committee, statutory_role: {role}}}",
    )
    assert _found(body, "no-escalation-route") == []


def test_challenge_of_a_body_that_answers_to_the_challenger_needs_no_route() -> None:
    # The Cabinet reports to Full Council, which holds it to account with the authority
    # it already has.
    body = """\
boards:
  - {id: council-meeting, name: Full Council, kind: committee, top: true}
  - {id: cabinet, name: Cabinet, kind: committee}
  - {id: panel, name: Corporate Parenting Panel, kind: committee}
links:
  - {from: cabinet, to: council-meeting, type: reports-to}
  - {from: panel, to: cabinet, type: reports-to}
  - {from: council-meeting, to: cabinet, type: challenges}
  - {from: council-meeting, to: panel, type: challenges}
"""
    assert _found(body, "no-escalation-route") == []
    # The other way round, the challenger answers to the challenged: a route is needed.
    upward = body.replace(
        "{from: council-meeting, to: panel, type: challenges}",
        "{from: panel, to: council-meeting, type: challenges}",
    )
    [finding] = _found(upward, "no-escalation-route")
    assert finding.boards == ("panel", "council-meeting")


def test_board_to_board_challenge_still_needs_a_route_beside_scrutiny() -> None:
    os_board = (
        "  - {id: os, name: Overview and Scrutiny Committee, kind: committee, "
        "statutory_role: overview-and-scrutiny}\n"
    )
    body = CHALLENGE.replace("links:\n", os_board + "links:\n")
    body += "  - {from: os, to: hwb, type: challenges}\n"
    assert [f.boards for f in _found(body, "no-escalation-route")] == [("lscb", "hwb")]


def test_a_shared_route_or_a_person_challenging_is_no_gap() -> None:
    assert _found(ROUTE, "no-escalation-route") == []
    body = CHALLENGE.replace(
        "{from: lscb, to: hwb, type: challenges}", "{from: leader, to: hwb, type: challenges}"
    )
    assert _found(body, "no-escalation-route") == []


# -- unscrutinised and isolated ----------------------------------------------------------------------


def test_unscrutinised() -> None:
    # A board that reports to someone is held to account by them (issue 14): without its
    # reports-to link, nobody holds the Safeguarding Children Board to account.
    assert _found(CHALLENGE, "unscrutinised") == []
    body = CHALLENGE.replace("  - {from: lscb, to: leader, type: reports-to}\n", "")
    # A Safeguarding Children Board the law makes answer to the chief executive is said once,
    # by no-accountability (issue 14: one fact, one finding).
    assert _found(body, "unscrutinised") == []
    assert [f.boards for f in _found(body, "no-accountability")] == [("lscb",)]
    body = body.replace("name: Safeguarding Children Board", "name: Children's Trust Board")
    [finding] = _found(body, "unscrutinised")
    assert finding.boards == ("lscb",)
    assert finding.line == _line(CHALLENGE, "id: lscb")
    assert finding.message == (
        "Nobody in this map holds the Children's Trust Board to account: no board, "
        "committee or person challenges or scrutinises its work."
    )


def test_scrutinised_and_committees_are_not_reported() -> None:
    body = CHALLENGE + "  - {from: leader, to: lscb, type: challenges}\n"
    assert _found(body, "unscrutinised") == []
    body = CHALLENGE.replace(
        "name: Safeguarding Children Board, kind: statutory-board",
        "name: Safeguarding Children Board, kind: committee",
    )
    assert _found(body, "unscrutinised") == []


def test_isolated_board() -> None:
    cpb = "  - {id: cpb, name: Corporate Parenting Board, kind: committee}\n"
    body = CHALLENGE.replace(PEOPLE, PEOPLE + cpb)
    [finding] = _found(body, "isolated-board")
    assert finding.boards == ("cpb",)
    assert finding.line == _line(body, "id: cpb")
    # A council committee still answers to its council, by law (issue 14).
    assert finding.message == (
        "The Corporate Parenting Board has no links to any other body in this map: it answers "
        "to Testshire Council, as a committee of it, but nobody can see who holds it to account "
        "or how it works with the other boards."
    )
    linked = body + "  - {from: cpb, to: council, type: informs}\n"
    assert _found(linked, "isolated-board") == []
    group = body.replace(
        "name: Corporate Parenting Board, kind: committee",
        "name: Corporate Parenting Board, kind: partnership",
    )
    [finding] = _found(group, "isolated-board")
    assert finding.message == (
        "The Corporate Parenting Board has no links to any other body in this map, so nobody "
        "can see who it answers to, who holds it to account or how it works with the other "
        "boards."
    )


def test_isolated_people_and_organisations_are_not_boards() -> None:
    body = CHALLENGE.replace(PEOPLE, PEOPLE + "  - {id: ofsted, name: Ofsted, kind: external}\n")
    assert _found(body, "isolated-board") == []


# -- themes, chairs, reviews, membership ----------------------------------------------------------------

THEME = (
    CHALLENGE
    + """\
themes:
  - id: early-help
    name: Early help
    supports: [lscb, hwb]
"""
)


def test_theme_without_lead() -> None:
    [finding] = _found(THEME, "theme-without-lead")
    assert finding.boards == ("lscb", "hwb")
    assert finding.theme == "early-help"
    assert finding.line == _line(THEME, "- id: early-help")
    assert finding.message == (
        "No board leads the shared priority 'Early help', so nobody is clearly responsible "
        "for it. The Safeguarding Children Board and the Health and Wellbeing Board support "
        "it, but neither is named as its lead."
    )
    assert _found(THEME + "    lead: lscb\n", "theme-without-lead") == []


def test_theme_with_one_supporter_says_it_supports() -> None:
    body = THEME.replace("supports: [lscb, hwb]", "supports: [hwb]")
    [finding] = _found(body, "theme-without-lead")
    assert finding.message == (
        "No board leads the shared priority 'Early help', so nobody is clearly responsible "
        "for it. The Health and Wellbeing Board supports it, but is not named as its lead."
    )


# The lead board ended with the LSCBs; the theme still names it.
ENDED_LEAD = (
    """\
boards:
  - {id: lscb, name: Local Safeguarding Children Board, kind: statutory-board, until: 2014-01-01}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
"""
    + PEOPLE
    + """\
links:
  - {from: hwb, to: council, type: reports-to}
  - {from: council, to: hwb, type: challenges}
  - {from: hwb, to: council, type: informs}
themes:
  - id: neglect
    name: Neglect
    lead: lscb
    supports: [hwb]
"""
)


def test_theme_whose_lead_has_ended() -> None:
    [finding] = _found(ENDED_LEAD, "theme-without-lead")
    assert (finding.boards, finding.theme, finding.line) == (
        ("hwb",),
        "neglect",
        _line(ENDED_LEAD, "- id: neglect"),
    )
    # Before: "No board leads the shared priority 'Neglect', so nobody is clearly
    # responsible for it. The Health and Wellbeing Board support it, ..."
    assert finding.message == (
        "The shared priority 'Neglect' needs a new lead: its lead, the Local Safeguarding "
        "Children Board, ended on 1 January 2014, so nobody is clearly responsible for it "
        "now. The Health and Wellbeing Board supports it, but is not named as its lead."
    )


def test_theme_whose_lead_has_not_begun() -> None:
    body = ENDED_LEAD.replace("until: 2014-01-01", "since: 2015-04-01")
    [finding] = _found(body, "theme-without-lead")
    assert finding.message.startswith(
        "The lead of the shared priority 'Neglect', the Local Safeguarding Children Board, "
        "begins only on 1 April 2015, so until then nobody is clearly responsible for it."
    )


def test_theme_whose_lead_is_in_force_is_no_gap() -> None:
    assert _found(ENDED_LEAD.replace(", until: 2014-01-01", ""), "theme-without-lead") == []


CHAIRS = CHALLENGE.replace(
    "name: Safeguarding Children Board, kind: statutory-board}",
    "name: Safeguarding Children Board, kind: statutory-board, chair: leader}",
).replace(
    "name: Health and Wellbeing Board, kind: statutory-board}",
    "name: Health and Wellbeing Board, kind: statutory-board, chair: [leader, Dr Rao]}",
)


def test_shared_chair_conflict() -> None:
    [finding] = _found(CHAIRS, "shared-chair-conflict")
    assert finding.boards == ("lscb", "hwb")
    assert finding.line == _line(CHAIRS, "from: lscb, to: hwb")
    assert finding.message == (
        "The Safeguarding Children Board holds the Health and Wellbeing Board to account, but "
        "the Leader of the Council chairs both, so the chair would be challenging their own "
        "board."
    )


def test_shared_chair_by_name_ignores_case_and_spacing() -> None:
    body = CHAIRS.replace("chair: leader}", "chair: dr  RAO}")
    [finding] = _found(body, "shared-chair-conflict")
    assert "but dr  RAO chairs both" in finding.message


def test_a_chair_named_in_words_is_the_role_of_that_name() -> None:
    body = CHAIRS.replace("chair: leader}", "chair: leader of the council}")
    [finding] = _found(body, "shared-chair-conflict")
    assert "but the Leader of the Council chairs both" in finding.message


def test_a_shared_chair_without_challenge_is_fine() -> None:
    body = CHAIRS.replace("{from: lscb, to: hwb, type: challenges}", "{from: lscb, to: hwb, type: informs}")
    assert _found(body, "shared-chair-conflict") == []


def test_review_overdue() -> None:
    body = CHALLENGE.replace(
        "{from: lscb, to: hwb, type: challenges}",
        "{from: lscb, to: hwb, type: challenges, review_by: 2014-03-31}",
    )
    [finding] = _found(body, "review-overdue")
    assert finding.boards == ("lscb", "hwb")
    assert finding.line == _line(body, "review_by")
    assert finding.message == (
        "The arrangement by which the Safeguarding Children Board holds the Health and "
        "Wellbeing Board to account was due for review by 31 March 2014, and that date has "
        "passed (this map describes 17 June 2014)."
    )
    on_time = body.replace("review_by: 2014-03-31", "review_by: 2014-06-17")
    assert _found(on_time, "review-overdue") == []


OVERLAP = """\
boards:
  - {id: a, name: Alpha Board, kind: partnership, members: [m1, m2, m3, m4]}
  - {id: b, name: Beta Board, kind: partnership, members: [m1, m2, m3, m4, m5]}
  - {id: m1, name: One, kind: organisation}
  - {id: m2, name: Two, kind: organisation}
  - {id: m3, name: Three, kind: organisation}
  - {id: m4, name: Four, kind: organisation}
  - {id: m5, name: Five, kind: organisation}
  - {id: m6, name: Six, kind: organisation}
links:
  - {from: a, to: m1, type: reports-to}
  - {from: b, to: m1, type: reports-to}
"""


def test_membership_overlap() -> None:
    [finding] = _found(OVERLAP, "membership-overlap")
    assert finding.severity == "info"
    assert finding.boards == ("a", "b")
    assert finding.line == _line(OVERLAP, "id: a,")
    assert finding.message == (
        "The Alpha Board and the Beta Board share most of their members: 4 of the 5 members "
        "of either sit on both. They are candidates for joint or back-to-back meetings, or a "
        "shared agenda."
    )


def test_membership_overlap_below_the_threshold_or_too_few_members() -> None:
    below = OVERLAP.replace("[m1, m2, m3, m4, m5]", "[m1, m2, m3, m5, m6]")  # 3 of 6
    assert _found(below, "membership-overlap") == []
    tiny = OVERLAP.replace("[m1, m2, m3, m4]", "[m1, m2]").replace("[m1, m2, m3, m4, m5]", "[m1, m2]")
    assert _found(tiny, "membership-overlap") == []


# A safeguarding children partnership and a Safeguarding Adults Board must both have the
# council, the NHS and the police among their members.
PARTNERS = """\
boardmap: 1
area: Testshire
as_of: 2023-10-01
boards:
  - id: scp
    name: Safeguarding Children Partnership
    kind: partnership
    statutory_role: safeguarding-partnership
    members: [council, icb, police]
  - id: sab
    name: Safeguarding Adults Board
    kind: statutory-board
    statutory_role: sab
    members: [council, icb, police]
  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}
  - {id: icb, name: NHS Testshire ICB, kind: organisation, statutory_role: icb}
  - {id: police, name: Testshire Police, kind: organisation, statutory_role: police}
  - {id: schools, name: Schools Forum, kind: external}
  - {id: cvs, name: Testshire CVS, kind: external}
  - {id: fire, name: Fire and Rescue Service, kind: organisation, statutory_role: fire-and-rescue}
  - {id: probation, name: Probation Service, kind: organisation, statutory_role: probation}
links:
  - {from: scp, to: council, type: reports-to}
  - {from: sab, to: council, type: reports-to}
"""


def _overlaps(text: str) -> list[Finding]:
    return [f for f in check(load_text(text, file=FILE)).open if f.rule == "membership-overlap"]


def test_members_the_law_requires_of_both_boards_are_no_overlap() -> None:
    # Before: "... share most of their members: 3 of the 3 members of either sit on both."
    assert _overlaps(PARTNERS) == []
    # Two more members in common are still too few to call the boards a duplication.
    two_more = PARTNERS.replace(
        "members: [council, icb, police]", "members: [council, icb, police, schools, cvs]"
    )
    assert _overlaps(two_more) == []


def test_overlap_beyond_what_the_law_requires() -> None:
    text = PARTNERS.replace(
        "members: [council, icb, police]", "members: [council, icb, police, schools, cvs, fire]", 1
    )
    text = text.replace(
        "members: [council, icb, police]\n",
        "members: [council, icb, police, schools, cvs, fire, probation]\n",
    )
    [finding] = _overlaps(text)
    assert finding.boards == ("scp", "sab")
    assert finding.message == (
        "The Safeguarding Children Partnership and the Safeguarding Adults Board share most of "
        "their members: 3 of the 4 members of either sit on both, leaving aside Testshire "
        "Council, NHS Testshire ICB and Testshire Police, which the law requires of both. "
        "They are candidates for joint or back-to-back meetings, or a shared agenda."
    )


def test_the_same_members_on_boards_without_statutory_roles_still_overlap() -> None:
    # Names that do not say what the law calls the boards (a well-known name would be read
    # as the statutory role, and the members the law requires left out again).
    text = (
        PARTNERS.replace("    statutory_role: safeguarding-partnership\n", "")
        .replace("    statutory_role: sab\n", "")
        .replace("Safeguarding Children Partnership", "Children's Executive")
        .replace("Safeguarding Adults Board", "Adults' Executive")
    )
    [finding] = _overlaps(text)
    assert "3 of the 3 members of either sit on both." in finding.message


def test_overlap_prefix_filter_agrees_with_all_pairs() -> None:
    rng = random.Random(7)
    for _ in range(30):
        universe = [f"m{i}" for i in range(rng.randint(4, 9))]
        sets = {
            f"b{i}": frozenset(rng.sample(universe, rng.randint(3, len(universe))))
            for i in range(rng.randint(2, 25))
        }
        brute = set()
        for x, y in itertools.combinations(sets, 2):
            shared = len(sets[x] & sets[y])
            if shared / len(sets[x] | sets[y]) >= 0.75:
                brute.add(frozenset((x, y)))
        fast = {frozenset((x, y)) for x, y, _, _ in _overlapping_pairs(sets, 0.75)}
        assert fast == brute


def test_cycles_are_the_sets_of_boards_that_reach_each_other() -> None:
    """The index's cycles (networkx) against a brute-force reading: two boards are in one
    circle when each reaches the other."""
    from boardmap.graph import Relation, cycles

    rng = random.Random(3)
    for _ in range(40):
        nodes = [f"n{i}" for i in range(rng.randint(2, 30))]
        edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 45))]
        edges = [(a, b) for a, b in edges if a != b]
        reach = {n: {n} for n in nodes}
        for _ in nodes:  # enough rounds for the longest path
            for a, b in edges:
                reach[a] |= reach[b]
        expected = set()
        for n in nodes:
            together = frozenset(m for m in nodes if m in reach[n] and n in reach[m])
            if len(together) > 1:
                expected.add(together)
        assert {frozenset(c) for c in cycles(Relation(edges))} == expected


# -- accepted findings -------------------------------------------------------------------------------


def test_an_accepted_finding_is_set_aside_with_its_reason() -> None:
    body = UNACCOUNTABLE + textwrap.dedent("""\
    accepted:
      - rule: no-accountability
        board: improvement
        reason: Reports to the Department for Education, outside this map.
        until: 2015-03-31
    """)
    result = _result(body)
    assert [f for f in result.open if f.rule in ("no-accountability", "accepted-expired")] == []
    [accepted] = result.accepted
    assert accepted.rule == "no-accountability"
    assert accepted.accepted == "Reports to the Department for Education, outside this map."
    assert accepted.until == dt.date(2015, 3, 31)
    assert accepted.as_json()["accepted"] == accepted.accepted


def test_an_expired_acceptance_brings_the_finding_back_with_a_warning() -> None:
    body = UNACCOUNTABLE + textwrap.dedent("""\
    accepted:
      - rule: no-accountability
        board: improvement
        reason: Reports to the Department for Education, outside this map.
        until: 2014-03-31
    """)
    result = _result(body)
    assert result.accepted == []
    rules = sorted(f.rule for f in result.open if f.rule != "unscrutinised")
    assert rules == ["accepted-expired", "no-accountability"]
    [expired] = [f for f in result.open if f.rule == "accepted-expired"]
    assert expired.line == _line(body, "- rule: no-accountability")
    assert expired.boards == ("improvement",)
    assert expired.message == (
        "The acceptance of the no-accountability finding about the Improvement Board ran until "
        "31 March 2014, which has passed (this map describes 17 June 2014), so that finding "
        "is open again. Review it: fix the gap, or renew the acceptance with a new date and "
        "reason."
    )


def test_an_expired_acceptance_of_a_gap_since_closed_is_unmatched_not_open_again() -> None:
    # It said "so that finding is open again" of a finding the map no longer raises.
    body = UNACCOUNTABLE + textwrap.dedent("""\
    accepted:
      - rule: isolated-board
        board: improvement
        reason: Not linked yet.
        until: 2014-03-31
    """)
    result = _result(body)
    assert [f.rule for f in result.open if f.rule.startswith("accepted-")] == ["accepted-unmatched"]
    [unmatched] = [f for f in result.open if f.rule == "accepted-unmatched"]
    assert unmatched.message == (
        "This entry accepts the isolated-board finding about the Improvement Board, but there is "
        "no such finding on 17 June 2014: the gap is closed, or the entry names the wrong board "
        "or link. Remove the entry, or correct it."
    )


def test_accepting_by_link_pair_and_theme() -> None:
    body = THEME + textwrap.dedent("""\
    accepted:
      - rule: challenge-without-response
        link: {from: lscb, to: hwb, type: challenges}
        reason: The board answers at a joint meeting.
      - rule: no-escalation-route
        boards: [hwb, lscb]
        reason: A route is being agreed.
      - rule: theme-without-lead
        theme: early-help
        reason: The lead is chosen in July.
    """)
    result = _result(body)
    assert sorted(f.rule for f in result.accepted) == [
        "challenge-without-response",
        "no-escalation-route",
        "theme-without-lead",
    ]
    assert not [f for f in result.open if f.rule.startswith("accepted")]


def test_an_entry_matching_nothing_or_an_unknown_rule() -> None:
    body = CHALLENGE + textwrap.dedent("""\
    accepted:
      - rule: isolated-board
        board: hwb
        reason: Not isolated at all.
      - rule: no-acountability
        board: hwb
        reason: Typo.
    """)
    found = _found(body, "accepted-unmatched")
    assert [f.line for f in found] == [
        _line(body, "- rule: isolated-board"),
        _line(body, "- rule: no-acountability"),
    ]
    assert found[0].message == (
        "This entry accepts the isolated-board finding about the Health and Wellbeing Board, "
        "but there is no such finding on 17 June 2014: the gap is closed, or the entry names "
        "the wrong board or link. Remove the entry, or correct it."
    )
    assert found[1].message.startswith(
        "This accepted entry names the rule 'no-acountability', which boardmap does not have; "
        "did you mean 'no-accountability'? Valid rules: no-accountability, reporting-cycle,"
    )


def test_an_entry_about_a_board_not_in_force_is_not_reported() -> None:
    body = UNACCOUNTABLE.replace("kind: partnership}", "kind: partnership, until: 2014-01-01}")
    body += textwrap.dedent("""\
    accepted:
      - rule: no-accountability
        board: improvement
        reason: Closed in 2014.
    """)
    result = _result(body)
    assert [f for f in result.open if f.rule.startswith("accepted")] == []
    assert result.accepted == []


# -- the engine -------------------------------------------------------------------------------------


def test_findings_are_sorted_and_run_checks_returns_the_open_ones() -> None:
    gmap = load_text(_text(THEME), file=FILE)
    open_findings = run_checks(gmap)
    assert open_findings == sorted(open_findings)
    assert open_findings == check(gmap).open
    assert open_findings == run_checks(load_text(_text(THEME), file=FILE))  # deterministic


def test_json_shape_of_a_finding() -> None:
    [finding] = _found(CHALLENGE, "challenge-without-response")
    assert finding.as_json() == {
        "rule": "challenge-without-response",
        "severity": "warning",
        "message": finding.message,
        "boards": ["lscb", "hwb"],
        "file": FILE,
        "line": _line(CHALLENGE, "from: lscb, to: hwb"),
    }


def test_fails_only_on_errors_unless_strict() -> None:
    assert not _result(CHALLENGE).fails()
    assert _result(CHALLENGE).fails(strict=True)
    assert _result(CYCLE).fails()


def test_every_rule_is_registered_once_with_a_check() -> None:
    assert set(RULES) == set(catalogue())
    assert all(r.check is not None for r in RULES.values())


# -- the command line ----------------------------------------------------------------------------

# (Partnerships, not statutory boards: boards the law names, recognised by their names,
# would also draw the agreement rules' findings, which these tests are not about.)
CLI_MAP = HEAD + textwrap.dedent("""\
    boards:
      - {id: lscb, name: Safeguarding Children Board, kind: partnership, top: true}
      - {id: hwb, name: Health and Wellbeing Board, kind: partnership, top: true}
      - {id: cpb, name: Corporate Parenting Board, kind: committee}
    links:
      - {from: lscb, to: hwb, type: challenges}
      - {from: hwb, to: lscb, type: informs}
      - {from: hwb, to: lscb, type: challenges}
      - {from: lscb, to: hwb, type: informs}
    accepted:
      - rule: no-escalation-route
        boards: [lscb, hwb]
        reason: The protocol is being agreed.
        until: 2014-12-31
    """)


def test_check_text_groups_by_severity_then_accepted(cli: Any, write_map: Any) -> None:
    assert CLI_MAP.splitlines()[6] == "  - {id: cpb, name: Corporate Parenting Board, kind: committee}"
    assert CLI_MAP.splitlines()[8] == "  - {from: lscb, to: hwb, type: challenges}"
    path = write_map(CLI_MAP)
    result = cli("check", str(path))
    assert result.status == 0
    assert result.out == textwrap.dedent(f"""\
        Warnings (1)

        {path}:7: isolated-board: Corporate Parenting Board
          The Corporate Parenting Board has no links to any other body in this map, so nobody
          can see who it answers to, who holds it to account or how it works with the other
          boards.

        Accepted (1)

        {path}:9: no-escalation-route: Safeguarding Children Board, Health and Wellbeing Board
          The Safeguarding Children Board holds the Health and Wellbeing Board to account, but
          no escalation route in this map covers the two of them, so it is not clear how a
          disagreement between them would be settled.
          Accepted: The protocol is being agreed. (until 31 December 2014)

        Testshire, as of 17 June 2014: 3 boards, 4 links.
        Open: 0 errors, 1 warning, 0 information. Accepted: 1.
        """)


def test_check_explain_adds_the_fix_and_strict_fails_on_warnings(cli: Any, write_map: Any) -> None:
    path = write_map(CLI_MAP)
    result = cli("check", str(path), "--explain", "--strict")
    assert result.status == 1
    assert (
        "  How to fix: Add the links the body has (reports-to, informs, challenges...), with a\n"
        "  comment citing where each is stated, or remove the body if it no longer meets.\n"
    ) in result.out


def test_check_as_of_names_the_member_that_ended(cli: Any, write_map: Any) -> None:
    # The trial's command: `boardmap check history.yaml --as-of 2023-01-01`, on a map whose
    # partnership lists a CCG that ended in 2022 and has no ICB yet.
    path = write_map("""\
        boardmap: 1
        area: Testshire
        as_of: 2024-01-01
        rules: [england-2019]
        boards:
          - id: sp
            name: Testshire Safeguarding Children Partnership
            kind: partnership
            statutory_role: safeguarding-partnership
            members: [council, police, ccg]
          - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}
          - {id: police, name: Testshire Police, kind: organisation, statutory_role: police}
          - {id: ccg, name: NHS Testshire CCG, kind: organisation, statutory_role: ccg, until: 2022-07-01}
          - {id: scrutineer, name: Independent Scrutineer, kind: role, statutory_role: independent-scrutineer}
        links:
          - {from: scrutineer, to: sp, type: challenges}
          - {from: sp, to: council, type: reports-to}
        """)
    result = cli("check", str(path), "--as-of", "2023-01-01", "--format", "json")
    # (The map holds only the partnership: the bodies the law requires of every area that
    # it lacks are findings of their own, missing-statutory-body.)
    [finding] = [f for f in json.loads(result.out)["findings"] if f["rule"] != "missing-statutory-body"]
    assert finding["message"] == (
        "The Testshire Safeguarding Children Partnership must have a clinical commissioning "
        "group or integrated care board among its members (Children Act 2004, s.16E), but its "
        "member NHS Testshire CCG ended on 1 July 2022; add the integrated care board that "
        "replaced it (statutory_role: icb) to its members."
    )


def test_check_exits_1_on_an_error(cli: Any, write_map: Any) -> None:
    path = write_map(CYCLE, "cycle.yaml")
    path.write_text(_text(CYCLE), encoding="utf-8")
    result = cli("check", str(path))
    assert result.status == 1
    assert result.out.startswith(
        f"Errors (1)\n\n{path}:11: reporting-cycle: Children's Trust Board, "
        "Health and Wellbeing Board, Executive Group\n"
    )


def test_check_json(cli: Any, write_map: Any) -> None:
    path = write_map(CLI_MAP)
    data = json.loads(cli("check", str(path), "--format", "json").out)
    assert set(data) == {"errors", "findings", "accepted", "summary"}
    assert data["findings"] == [
        {
            "rule": "isolated-board",
            "severity": "warning",
            "message": data["findings"][0]["message"],
            "boards": ["cpb"],
            "file": str(path),
            "line": 7,
        }
    ]
    assert data["accepted"][0]["accepted"] == "The protocol is being agreed."
    assert data["accepted"][0]["until"] == "2014-12-31"
    assert data["summary"]["by_severity"] == {"error": 0, "warning": 1, "info": 0}
    assert data["summary"]["accepted"] == 1
    assert data["summary"]["findings"] == 1


def test_check_sarif(cli: Any, write_map: Any) -> None:
    path = write_map(CLI_MAP)
    sarif = json.loads(cli("check", str(path), "--format", "sarif").out)
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    [run] = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(catalogue())
    for descriptor in rules:
        assert descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"]
    isolated, accepted = run["results"]
    assert isolated["ruleId"] == "isolated-board"
    assert rules[isolated["ruleIndex"]]["id"] == "isolated-board"
    assert isolated["level"] == "warning"
    assert isolated["message"]["text"].startswith("The Corporate Parenting Board has no links")
    assert isolated["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": path.as_uri()}, "region": {"startLine": 7}}}
    ]
    assert accepted["level"] == "note"
    assert accepted["suppressions"] == [
        {"kind": "inSource", "justification": "The protocol is being agreed."}
    ]


def test_check_sarif_for_a_map_that_does_not_load(cli: Any, write_map: Any) -> None:
    path = write_map(
        CLI_MAP.replace("from: hwb, to: lscb, type: informs", "from: hwbb, to: lscb, type: informs")
    )
    result = cli("check", str(path), "--format", "sarif")
    assert result.status == 2
    [run] = json.loads(result.out)["runs"]
    [problem] = run["results"]
    assert problem["ruleId"] == "unknown-board"
    assert problem["level"] == "error"
    assert problem["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 12}


def test_sarif_uri_of_a_relative_path() -> None:
    from boardmap.checks.report import artifact_uri

    assert artifact_uri("data/boards.yaml") == "data/boards.yaml"
    assert artifact_uri("maps\\medway.yaml") == "maps/medway.yaml"


def test_rules_lists_the_catalogue(cli: Any) -> None:
    result = cli("rules")
    assert result.status == 0
    lines = result.out.splitlines()
    assert len(lines) == len(catalogue())
    assert lines[1].split()[:2] == ["reporting-cycle", "error"]
    assert (
        "missing-statutory-link      warning (Act) / info (guidance)  a link that a statutory"
    ) in result.out


def test_explain_one_rule(cli: Any) -> None:
    result = cli("explain", "missing-statutory-link")
    assert result.status == 0
    assert result.out.startswith(
        "missing-statutory-link (warning (Act) / info (guidance))\n\n"
        "A link that a statutory rule pack requires is absent.\n"
    )
    assert "  - england-2019 sp-independent-scrutiny (warning): Children Act 2004, s.16G;" in result.out
    assert "How to fix: Add the link the source requires" in result.out


def test_explain_an_unknown_rule(cli: Any) -> None:
    result = cli("explain", "no-acountability")
    assert result.status == 2
    assert result.out == ""
    assert result.err.startswith(
        "boardmap: no rule has the id 'no-acountability'; did you mean "
        "'no-accountability'? Valid rules: no-accountability, "
        "reporting-cycle, "
    )


# -- the example maps --------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
MEDWAY = ROOT / "data" / "boards.yaml"
EXPECTATIONS = ROOT / "tests" / "medway_expectations.yaml"


def _expectations() -> list[dict[str, Any]]:
    if not EXPECTATIONS.exists():
        return []
    return list(yaml.safe_load(EXPECTATIONS.read_text(encoding="utf-8")) or [])


@pytest.mark.skipif(
    not MEDWAY.exists() or not EXPECTATIONS.exists(),
    reason="data/boards.yaml or tests/medway_expectations.yaml is missing",
)
@pytest.mark.parametrize(
    "expected", _expectations(), ids=lambda e: f"{e['rule']}:{e.get('theme') or ','.join(e['boards'])}"
)
def test_medway_gives_each_finding_the_peer_review_made(expected: dict[str, Any]) -> None:
    findings = run_checks(load(MEDWAY))
    matching = [
        f
        for f in findings
        if f.rule == expected["rule"]
        and (expected.get("theme") is None or f.theme == expected["theme"])
        and set(expected["boards"]) <= set(f.boards)
        and (not expected["boards"] or f.boards[0] == expected["boards"][0])
    ]
    assert matching, f"no open {expected['rule']} finding for {expected['boards']}"
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} (the seed papers) is not beside the repository")
    seed = (SHARED / "seeds" / expected["seed"]).read_text(encoding="utf-8")
    assert expected["quote"] in seed


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_maps_give_no_error_and_no_stale_acceptance(path: Path) -> None:
    result = check(load(path))
    assert [f.message for f in result.open if f.severity == "error"] == []
    assert [f.message for f in result.open if f.rule.startswith("accepted-")] == []


def test_islington_protocol_has_no_error() -> None:
    path = ROOT / "examples" / "islington-hwbb-iscb.yaml"
    if not path.exists():
        pytest.skip("examples/islington-hwbb-iscb.yaml is missing")
    assert not check(load(path)).fails()


def test_readme_shows_the_real_output_on_the_medway_map(cli: Any, monkeypatch: Any) -> None:
    # The worked example moved from the README to docs/gaps.md (issue 19).
    readme = (ROOT / "docs" / "gaps.md").read_text(encoding="utf-8")
    start = readme.find("<!-- boardmap check: data/boards.yaml -->")
    if start < 0 or not MEDWAY.exists():
        pytest.skip("no Medway output in the README, or no data/boards.yaml")
    block = readme[start : readme.index("<!-- end of boardmap check -->", start)]
    shown = block.split("$ boardmap check\n", 1)[1].rsplit("```", 1)[0]
    monkeypatch.chdir(ROOT)
    assert shown == cli("check").out, (
        "the README's output of `boardmap check` on the Medway map is stale: run "
        "`boardmap check` from the repository root and paste its output there"
    )


# -- nothing-in-force --------------------------------------------------------------------------


def test_a_date_on_which_no_board_is_in_force_is_a_warning_not_no_gaps() -> None:
    # An `as_of` typed 2014 for 2024 passed as "No open governance gaps." and an empty guide.
    later = """\
    boards:
      - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board, since: 2020-01-01}
      - {id: sab, name: Safeguarding Adults Board, kind: statutory-board, since: 2015-04-01}
    """
    result = _result(later)
    assert [f.rule for f in result.open] == ["nothing-in-force"]
    [finding] = result.open
    assert (finding.line, finding.severity) == (_line(later, "id: sab"), "warning")
    assert finding.message == (
        "None of this map's 2 boards is in force on 17 June 2014, the date it describes: the "
        "first starts on 1 April 2015. The other checks, the diagrams and the guide have nothing "
        "to show. Check the map's `as_of` (or --as-of), and the boards' `since` and `until`."
    )
    ended = "boards:\n  - {id: lscb, name: LSCB, kind: statutory-board, until: 2014-01-01}\n"
    [gone] = _found(ended, "nothing-in-force")
    assert gone.message.startswith(
        "This map's one board is not in force on 17 June 2014, the date it describes: it ended "
        "on 1 January 2014."
    )
    in_force = later.replace("since: 2015-04-01", "since: 2014-04-01")
    assert _found(in_force, "nothing-in-force") == []


def test_a_finding_is_made_as_a_frozen_dataclass_would_make_it() -> None:
    """Finding's __init__ is written out for speed (boardmap.checks.registry): it takes the
    dataclass's fields, in order, with their defaults, and the finding stays frozen, equal,
    ordered, hashable and replaceable as the dataclass makes it."""
    import dataclasses
    import inspect

    parameters = list(inspect.signature(Finding.__init__).parameters.values())[1:]
    fields = dataclasses.fields(Finding)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]
    assert all(f.default_factory is dataclasses.MISSING for f in fields)
    full = {f.name: f"value of {f.name}" for f in fields}
    assert vars(Finding(**full)) == full
    finding = Finding("map.yaml", 3, "isolated-board", "warning", "m", ("a",), links=(("a", "b", "informs"),))
    assert finding == Finding("map.yaml", 3, "isolated-board", "warning", "m", ("a",))  # links not compared
    assert hash(finding) == hash(Finding("map.yaml", 3, "isolated-board", "warning", "m", ("a",)))
    assert finding < Finding("map.yaml", 4, "isolated-board", "warning", "m")
    assert dataclasses.replace(finding, line=9).line == 9 and dataclasses.replace(finding, line=9).links
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 4  # type: ignore[misc]
