"""The law read from what a map says (issue 14): accountability the law sets up, statutory
roles from `basis` and names, duties whose counterpart the map leaves out, bodies the law
requires of every area, committees in common and dated themes, routes and acceptances."""

from __future__ import annotations

import textwrap

import pytest

from boardmap.checks import law
from boardmap.checks.engine import CheckResult, Finding, check
from boardmap.errors import MapError
from boardmap.load import load_text

FILE = "map.yaml"


def _check(text: str, as_of: str | None = None) -> CheckResult:
    import datetime as dt

    on = dt.date.fromisoformat(as_of) if as_of else None
    return check(load_text(textwrap.dedent(text), file=FILE, as_of=on))


def _rule(result: CheckResult, rule_id: str) -> list[Finding]:
    return [f for f in result.open if f.rule == rule_id]


def _warnings(result: CheckResult) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in result.open if f.severity != "info"]


# -- reading the law from basis and names ---------------------------------------------------


@pytest.mark.parametrize(("basis", "kind", "role"), [
    ("Children Act 2004, section 13", "statutory-board", "lscb"),
    ("Children Act 2004 s.13", "statutory-board", "lscb"),
    ("Children Act 2004, ss.16E-16K; Working Together 2018", "partnership",
     "safeguarding-partnership"),
    ("Care Act 2014, section 43 and Schedule 2", "statutory-board", "sab"),
    ("Health and Social Care Act 2012, sections 194 and 195", "committee", "hwb"),
    ("Crime & Disorder Act 1998, ss.5 and 6", "partnership", "csp"),
    ("Police and Justice Act 2006, s.19", "committee", "crime-and-disorder-committee"),
    ("National Health Service Act 2006, s.116ZA (inserted by the Health and Care Act 2022)",
     "partnership", "icp"),
])
def test_a_basis_names_the_role(basis: str, kind: str, role: str) -> None:
    assert law.role_from_basis(basis, kind) == role


@pytest.mark.parametrize(("basis", "kind"), [
    ("Children Act 2004, section 11", "statutory-board"),  # a duty on agencies, not a board
    ("Crime and Disorder Act 1998, section 17", "partnership"),
    ("Crime and Disorder Act 1998, section 51", "partnership"),  # not section 5
    ("Children Act 2004, section 13", "sub-group"),  # a sub-group cites its board's Act
    ("Protocol between HWBB and ISCB, 2013", "statutory-board"),
])
def test_a_basis_that_names_no_board_gives_no_role(basis: str, kind: str) -> None:
    assert law.role_from_basis(basis, kind) is None


@pytest.mark.parametrize(("name", "kind", "role"), [
    ("Medway Safeguarding Children Board (MSCB)", "statutory-board", "lscb"),
    ("Leeds Safeguarding Children Partnership", "partnership", "safeguarding-partnership"),
    ("Kent and Medway Safeguarding Adults Board", "statutory-board", "sab"),
    ("Health & Wellbeing Board", "committee", "hwb"),
    ("NHS Kent and Medway Integrated Care Board", "organisation", "icb"),
    ("Kent Police", "organisation", "police"),
    ("Medway Council", "organisation", "local-authority"),
    ("Kent Police and Crime Commissioner", "role", "pcc"),
    ("Healthwatch Medway", "organisation", "healthwatch"),
    ("Chief Executive", "role", "chief-executive"),
])
def test_a_well_known_name_names_the_role(name: str, kind: str, role: str) -> None:
    assert law.role_from_name(name, kind) == role


@pytest.mark.parametrize(("name", "kind"), [
    ("Safeguarding Children Partnership Executive", "partnership"),
    ("SAB Quality Assurance Sub-group", "sub-group"),
    ("Chief Executive of the ICB", "role"),
    ("Council for Voluntary Service", "organisation"),
])
def test_names_of_other_bodies_give_no_role(name: str, kind: str) -> None:
    assert law.role_from_name(name, kind) is None


BASIS_ONLY = """\
boardmap: 1
area: Testshire
as_of: 2016-06-01
rules: [england-2013]
boards:
  - id: tscb
    name: Testshire Children's Board
    kind: statutory-board
    basis: Children Act 2004, section 13
    members: [council, police]
  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}
  - {id: police, name: Testshire Constabulary, kind: organisation, statutory_role: police}
  - {id: ce, name: Head of Paid Service, kind: role}
links:
  - {from: tscb, to: ce, type: reports-to}
"""


def test_the_inference_is_stated_in_the_finding_and_in_explain() -> None:
    result = _check(BASIS_ONLY)
    [member] = _rule(result, "missing-statutory-member")
    assert member.message.endswith(
        "The Testshire Children's Board is treated as the Local Safeguarding Children Board "
        "because its basis is Children Act 2004, section 13; add `statutory_role: lscb` to "
        "confirm.")
    assert result.inferred == [
        ("tscb", "The Testshire Children's Board is treated as the Local Safeguarding Children "
                 "Board because its basis is Children Act 2004, section 13; add "
                 "`statutory_role: lscb` to confirm."),
        ("ce", "The Head of Paid Service is treated as the chief executive because its name is "
               "'Head of Paid Service'; add `statutory_role: chief-executive` to confirm."),
    ]
    # The pack's requirements of an LSCB are checked: it reports to the chief executive.
    assert not [f for f in _rule(result, "missing-statutory-link") if "ce" in f.boards]


def test_check_explain_lists_the_inferences(cli: object, write_map: object) -> None:
    path = write_map(BASIS_ONLY)  # type: ignore[operator]
    out = cli("check", str(path), "--explain").out  # type: ignore[operator]
    assert "Statutory roles read from the map:" in out
    assert "  The Testshire Children's Board is treated as the Local Safeguarding" in out


def test_rule_packs_that_match_nothing_say_so() -> None:
    text = """\
    boardmap: 1
    area: Testshire
    as_of: 2021-06-01
    rules: [england-2019]
    boards:
      - {id: exec, name: Children's Executive, kind: partnership, top: true}
    """
    result = _check(text)
    [finding] = _rule(result, "rule-pack-matched-nothing")
    assert finding.message.startswith(
        "This map asks to be checked against the england-2019 rules, but none of its bodies "
        "is one those rules are about (statutory_role: ")
    assert finding.line == 4
    assert _rule(result, "missing-statutory-body") == []  # said once, by the finding above


# -- accountability as the law sets it --------------------------------------------------------

COMMITTEES = """\
boardmap: 1
area: Testshire
as_of: 2021-06-01
boards:
  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}
  - {id: audit, name: Audit Committee, kind: committee}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: panel, name: Corporate Parenting Panel, kind: committee}
links:
  - {from: audit, to: hwb, type: informs}
  - {from: panel, to: hwb, type: informs}
  - {from: hwb, to: panel, type: informs}
"""


def test_committees_answer_to_the_one_council() -> None:
    result = _check(COMMITTEES)
    assert _rule(result, "no-accountability") == []
    assert _rule(result, "unscrutinised") == []


def test_part_of_names_the_parent_and_is_checked() -> None:
    text = COMMITTEES.replace("  - {id: audit, name: Audit Committee, kind: committee}",
                              "  - {id: audit, name: Audit Committee, kind: committee, "
                              "part_of: counsil}")
    with pytest.raises(MapError) as caught:
        load_text(text, file=FILE)
    assert "map.yaml:6:66: unknown-board: no board has the id 'counsil'; did you mean " \
           "'council'?" in str(caught.value)


def test_with_no_council_shown_the_parent_is_information() -> None:
    text = COMMITTEES.replace(
        "  - {id: council, name: Testshire Council, kind: organisation, "
        "statutory_role: local-authority}\n", "")
    result = _check(text)
    findings = _rule(result, "no-accountability")
    assert {f.severity for f in findings} == {"info"}
    [audit] = [f for f in findings if f.boards == ("audit",)]
    assert audit.message == (
        "The Audit Committee answers to its council, as a committee of it (Local Government "
        "Act 1972, s.102), which this map does not show. Add the council (statutory_role: "
        "local-authority) and name it in `part_of`, if the map should show it.")


def test_with_two_councils_the_map_must_say_which() -> None:
    text = COMMITTEES.replace(
        "links:", "  - {id: other, name: Otherton Council, kind: organisation}\nlinks:")
    [audit] = [f for f in _rule(_check(text), "no-accountability") if f.boards == ("audit",)]
    assert audit.severity == "info"
    assert "this map shows several councils (Testshire Council and Otherton Council)" in \
        audit.message


# -- the false alarms of issue 14 (fixtures from real councils' papers) ----------------------


# -- format extensions --------------------------------------------------------------------------


def test_dated_themes_routes_and_acceptances() -> None:
    text = """\
    boardmap: 1
    area: Testshire
    as_of: 2021-06-01
    boards:
      - {id: a, name: A Board, kind: committee, top: true}
      - {id: b, name: B Board, kind: committee, top: true}
    links:
      - {from: a, to: b, type: challenges}
      - {from: b, to: a, type: informs}
    escalations:
      - id: old-route
        name: The old route
        between: [a, b]
        until: 2020-04-01
        steps: [{action: Write., involves: [a, b]}]
    themes:
      - {id: plan, name: The 2022-2025 plan, supports: [a], since: 2022-04-01}
    accepted:
      - rule: no-escalation-route
        boards: [a, b]
        reason: A route is being agreed.
        since: 2021-09-01
    """
    result = _check(text)
    # The route has ended, the theme not begun, and the acceptance applies only later.
    assert [f.rule for f in result.open] == ["no-escalation-route"]
    later = _check(text, "2022-06-01")
    assert [f.rule for f in later.open] == ["theme-without-lead"]
    assert [f.rule for f in later.accepted] == ["no-escalation-route"]
    earlier = _check(text, "2019-06-01")
    assert [f.rule for f in earlier.open] == ["escalation-dead-end"]


def test_an_until_before_since_on_a_theme_is_refused() -> None:
    text = textwrap.dedent("""\
    boardmap: 1
    area: Testshire
    boards:
      - {id: a, name: A Board, kind: partnership, top: true}
    themes:
      - {id: plan, name: Plan, lead: a, since: 2022-04-01, until: 2021-04-01}
    """)
    with pytest.raises(MapError) as caught:
        load_text(text, file=FILE)
    assert "map.yaml:6:" in str(caught.value)
    assert "until (2021-04-01) must come after since (2022-04-01)" in str(caught.value)


def test_committees_in_common_are_a_link_that_joins_without_accountability() -> None:
    text = """\
    boardmap: 1
    area: Testshire
    as_of: 2023-06-01
    boards:
      - {id: hwb, name: Testshire Health and Wellbeing Board, kind: statutory-board, top: true}
      - {id: icp, name: Testshire Integrated Care Partnership, kind: partnership, top: true}
    links:
      - {from: hwb, to: icp, type: meets-with}
    """
    result = _check(text)
    assert _rule(result, "isolated-board") == []
    assert _rule(result, "reporting-cycle") == []
