"""The law read from what a map says (issue 14): accountability the law sets up, statutory
roles from `basis` and names, duties whose counterpart the map leaves out, bodies the law
requires of every area, committees in common and dated themes, routes and acceptances."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from boardmap.checks import roles_read
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


@pytest.mark.parametrize(
    ("basis", "kind", "role"),
    [
        ("Children Act 2004, section 13", "statutory-board", "lscb"),
        ("Children Act 2004 s.13", "statutory-board", "lscb"),
        ("Children Act 2004, ss.16E-16K; Working Together 2018", "partnership", "safeguarding-partnership"),
        ("Care Act 2014, section 43 and Schedule 2", "statutory-board", "sab"),
        ("Health and Social Care Act 2012, sections 194 and 195", "committee", "hwb"),
        ("Crime & Disorder Act 1998, ss.5 and 6", "partnership", "csp"),
        ("Police and Justice Act 2006, s.19", "committee", "crime-and-disorder-committee"),
        (
            "National Health Service Act 2006, s.116ZA (inserted by the Health and Care Act 2022)",
            "partnership",
            "icp",
        ),
        ("Police Reform and Social Responsibility Act 2011, section 3", "organisation", "pcc"),
        ("Police Reform and Social Responsibility Act 2011, s.33", "committee", "police-and-crime-panel"),
    ],
)
def test_a_basis_names_the_role(basis: str, kind: str, role: str) -> None:
    assert roles_read.role_from_basis(basis, kind) == role


@pytest.mark.parametrize(
    ("basis", "kind"),
    [
        ("Children Act 2004, section 11", "statutory-board"),  # a duty on agencies, not a board
        ("Crime and Disorder Act 1998, section 17", "partnership"),
        ("Crime and Disorder Act 1998, section 51", "partnership"),  # not section 5
        ("Children Act 2004, section 13", "sub-group"),  # a sub-group cites its board's Act
        ("Protocol between HWBB and ISCB, 2013", "statutory-board"),
    ],
)
def test_a_basis_that_names_no_board_gives_no_role(basis: str, kind: str) -> None:
    assert roles_read.role_from_basis(basis, kind) is None


@pytest.mark.parametrize(
    ("name", "kind", "role"),
    [
        ("Medway Safeguarding Children Board (MSCB)", "statutory-board", "lscb"),
        ("Leeds Safeguarding Children Partnership", "partnership", "safeguarding-partnership"),
        ("Kent and Medway Safeguarding Adults Board", "statutory-board", "sab"),
        ("Health & Wellbeing Board", "committee", "hwb"),
        ("NHS Kent and Medway Integrated Care Board", "organisation", "icb"),
        ("Kent Police", "organisation", "police"),
        ("Medway Council", "organisation", "local-authority"),
        ("Kent Police and Crime Commissioner", "role", "pcc"),
        # The office before the area, as many commissioners and panels write it.
        ("Police and Crime Commissioner for Kent", "role", "pcc"),
        ("Police, Fire and Crime Commissioner for Essex", "role", "pcc"),
        ("Police, Fire and Crime Panel for North Yorkshire", "committee", "police-and-crime-panel"),
        ("Healthwatch Medway", "organisation", "healthwatch"),
        ("Chief Executive", "role", "chief-executive"),
        # The lead safeguarding partners beside the council's (Working Together 2023, ch. 2).
        ("Chief Executive of the ICB", "role", "icb-chief-executive"),
        ("Chief Executive of NHS West Yorkshire Integrated Care Board", "role", "icb-chief-executive"),
        ("Chief Executive, NHS Kent and Medway ICB", "role", "icb-chief-executive"),
        ("ICB Chief Executive", "role", "icb-chief-executive"),
        ("NHS Sussex ICB Chief Executive Officer", "role", "icb-chief-executive"),
        ("Chief Constable", "role", "chief-constable"),
        ("Chief Constable of West Yorkshire Police", "role", "chief-constable"),
        ("West Yorkshire Police Chief Constable", "external", "chief-constable"),
        ("Chief Officer of Police", "role", "chief-constable"),
        ("Commissioner of Police of the Metropolis", "role", "chief-constable"),
        ("Mayor's Office for Policing and Crime (MOPAC)", "organisation", "pcc"),
        ("Executive Mayor of Croydon", "role", "leader"),
        ("City Mayor of Salford", "role", "leader"),
        ("London Assembly Police and Crime Committee", "committee", "police-and-crime-panel"),
        ("London Assembly", "external", "police-and-crime-panel"),
    ],
)
def test_a_well_known_name_names_the_role(name: str, kind: str, role: str) -> None:
    assert roles_read.role_from_name(name, kind) == role


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Safeguarding Children Partnership Executive", "partnership"),
        ("SAB Quality Assurance Sub-group", "sub-group"),
        ("Deputy Chief Constable", "role"),
        ("Assistant Chief Executive", "role"),
        ("Deputy Chief Executive, NHS West Yorkshire Integrated Care Board", "role"),
        ("Chief Constable", "organisation"),
        ("Council for Voluntary Service", "organisation"),
        ("Mayor of London", "role"),  # the body, not its occupant, is the policing body
        ("Mayor of Greater Manchester", "role"),  # a mayor's policing role is the map's to say
        ("Lord Mayor of Salford", "role"),  # a ceremonial mayor leads nothing
        ("Mayor of Croydon", "role"),  # the civic mayor, or the elected one: the map says which
    ],
)
def test_names_of_other_bodies_give_no_role(name: str, kind: str) -> None:
    assert roles_read.role_from_name(name, kind) is None


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
        "confirm."
    )
    assert result.inferred == [
        (
            "tscb",
            "The Testshire Children's Board is treated as the Local Safeguarding Children "
            "Board because its basis is Children Act 2004, section 13; add "
            "`statutory_role: lscb` to confirm.",
        ),
        (
            "ce",
            "The Head of Paid Service is treated as the chief executive because its name is "
            "'Head of Paid Service'; add `statutory_role: chief-executive` to confirm.",
        ),
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
        "is one those rules are about (statutory_role: "
    )
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
    text = COMMITTEES.replace(
        "  - {id: audit, name: Audit Committee, kind: committee}",
        "  - {id: audit, name: Audit Committee, kind: committee, part_of: counsil}",
    )
    with pytest.raises(MapError) as caught:
        load_text(text, file=FILE)
    assert "map.yaml:6:66: unknown-board: no board has the id 'counsil'; did you mean 'council'?" in str(
        caught.value
    )


def test_with_no_council_shown_the_parent_is_information() -> None:
    text = COMMITTEES.replace(
        "  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}\n",
        "",
    )
    result = _check(text)
    findings = _rule(result, "no-accountability")
    assert {f.severity for f in findings} == {"info"}
    [audit] = [f for f in findings if f.boards == ("audit",)]
    assert audit.message == (
        "The Audit Committee answers to its council, as a committee of it (Local Government "
        "Act 1972, s.102), which this map does not show. Add the council (statutory_role: "
        "local-authority) and name it in `part_of`, if the map should show it."
    )


def test_with_two_councils_the_map_must_say_which() -> None:
    text = COMMITTEES.replace("links:", "  - {id: other, name: Otherton Council, kind: organisation}\nlinks:")
    [audit] = [f for f in _rule(_check(text), "no-accountability") if f.boards == ("audit",)]
    assert audit.severity == "info"
    assert "this map shows several councils (Testshire Council and Otherton Council)" in audit.message


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


# -- fixtures written from real councils' papers (tests/maps/law/, sources in each) --------

LAW_MAPS = Path(__file__).parent / "maps" / "law"


def _fixture(name: str, **changes: str) -> CheckResult:
    text = (LAW_MAPS / name).read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return check(load_text(text, file=name))


@pytest.mark.parametrize(
    "name",
    [
        "leeds-sab-2022.yaml",  # a SAB whose chair answers to the Chief Executive
        "islington-hwbb-consults-iscb.yaml",  # a challenged HWB consults the challenger
        "leeds-council-committees-2023.yaml",  # council committees; the HWB's JSNA
    ],
)
def test_arrangements_the_law_sets_up_give_no_warning(name: str) -> None:
    result = _fixture(name)
    assert _warnings(result) == []


def test_a_board_reporting_to_the_chief_executive_is_held_to_account() -> None:
    result = _fixture("leeds-sab-2022.yaml")
    assert result.open == []
    # Without the reports-to link, nobody is shown holding the board to account... but the
    # Scrutiny Board still challenges it: no unscrutinised; the chain stops at the SAB.
    gone = _fixture(
        "leeds-sab-2022.yaml",
        **{
            "  - from: lsab\n    to: chief-executive\n    type: reports-to\n"
            "    says: its independent chair is accountable to the Chief Executive\n": ""
        },
    )
    [finding] = _rule(gone, "no-accountability")
    assert finding.severity == "warning"
    assert (
        "By law it answers to the council's chief executive, to whom its chair is "
        "accountable (Care and Support Statutory Guidance, chapter 14)" in finding.message
    )


def test_a_consultation_is_a_route_for_the_answer() -> None:
    result = _fixture("islington-hwbb-consults-iscb.yaml")
    assert _rule(result, "challenge-without-response") == []
    without = _fixture(
        "islington-hwbb-consults-iscb.yaml",
        **{
            "  - {from: hwbb, to: iscb, type: consults, what: the health and wellbeing strategy "
            "and priorities}\n": ""
        },
    )
    assert [f.boards for f in _rule(without, "challenge-without-response")] == [("iscb", "hwbb")]


def test_the_statutory_partners_executive_answers_through_the_partners() -> None:
    result = _fixture("leeds-safeguarding-partners-executive-2024.yaml")
    assert _rule(result, "no-accountability") == []
    # The council's chief executive sits for the council: no member is missing.
    assert _rule(result, "missing-statutory-member") == []
    # Take the police off, and it is no longer the partners' own group.
    fewer = _fixture(
        "leeds-safeguarding-partners-executive-2024.yaml",
        **{
            "members: [council-chief-executive, icb, west-yorkshire-police]": (
                "members: [council-chief-executive, icb]"
            )
        },
    )
    [member] = _rule(fewer, "missing-statutory-member")
    assert member.message.startswith(
        "The Leeds Safeguarding Children Partnership Executive must have a police force among "
        "its members (Children Act 2004, s.16E, as amended by the Health and Care Act 2022)"
    )


def test_the_health_and_wellbeing_board_is_the_councils_committee() -> None:
    result = _fixture("leeds-council-committees-2023.yaml")
    assert _rule(result, "missing-statutory-link") == []
    assert [f for f in _rule(result, "no-accountability") if "hwb" in f.boards] == []
    # Asked for the 2023 pack, the map is checked, and the HWB's members meet the Act
    # (a councillor aside, which the minutes list by name only).
    checked = _fixture(
        "leeds-council-committees-2023.yaml",
        **{"as_of: 2023-07-20\n": "as_of: 2024-01-20\nrules: [england-2023]\n"},
    )
    # Nothing is asked of the board itself (the ICB's duty to consult it on its plan is
    # the ICB's, and the map does not show it).
    assert [f.boards for f in _rule(checked, "missing-statutory-link") if f.boards[0] == "hwb"] == []
    # What is asked: the ICB's consultation of the board, the SAB's plan and report to
    # Healthwatch, none of which the papers show.
    assert [f.links for f in _rule(checked, "missing-statutory-link")] == [
        (("icb", "hwb", "consults"),),
        (("lsab", "healthwatch", "consults"),),
        (("lsab", "healthwatch", "informs"),),
    ]


def test_the_sab_annual_report_duty_is_named_when_its_recipients_are_not_in_the_map() -> None:
    result = _fixture(
        "leeds-sab-2022.yaml", **{"as_of: 2022-03-01\n": "as_of: 2022-03-01\nrules: [england-2019]\n"}
    )
    [report] = [f for f in _rule(result, "statutory-duty-not-shown") if "annual report" in f.message]
    assert report.severity == "info"
    assert report.source == "Care Act 2014, Schedule 2, paragraph 4"
    assert report.message.startswith(
        "The Leeds Safeguarding Adults Board must send the Leader of the Council, the Police "
        "and Crime Commissioner, the local Healthwatch and the Health and Wellbeing Board its "
        "annual report (Care Act 2014, Schedule 2, paragraph 4); this map shows none of them, "
        "so it cannot show that duty met (statutory_role: leader, pcc, healthwatch, hwb)."
    )
    # The inference is stated in the finding.
    assert report.message.endswith(
        "The Leeds Safeguarding Adults Board is treated as the Safeguarding Adults Board "
        "because its basis is Care Act 2014, section 43; add `statutory_role: sab` to "
        "confirm."
    )
    # Two of the four: "neither".
    two = _fixture(
        "leeds-sab-2022.yaml",
        **{
            "as_of: 2022-03-01\n": "as_of: 2022-03-01\nrules: [england-2019]\n",
            "  - {id: chief-executive,": (
                "  - {id: healthwatch, name: Healthwatch Leeds, kind: organisation}\n"
                "  - {id: hwb, name: Leeds Health and Wellbeing Board, kind: committee, "
                "basis: 'Health and Social Care Act 2012, section 194'}\n"
                "  - {id: chief-executive,"
            ),
            "links:\n": "links:\n  - {from: lsab, to: healthwatch, type: informs}\n"
            "  - {from: lsab, to: healthwatch, type: consults}\n"
            "  - {from: lsab, to: hwb, type: informs}\n",
        },
    )
    [report] = [f for f in _rule(two, "statutory-duty-not-shown") if "annual report" in f.message]
    assert (
        "must send the Leader of the Council and the Police and Crime Commissioner its "
        "annual report" in report.message
    )
    assert (
        "; this map shows neither, so it cannot show that duty met "
        "(statutory_role: leader, pcc)." in report.message
    )


def test_an_ended_statutory_body_leaves_a_gap_with_its_date() -> None:
    result = _fixture("leeds-lscb-ended-2020.yaml")
    [body] = _rule(result, "missing-statutory-body")
    assert body.severity == "warning"
    assert body.boards == ("lscb",)
    assert body.message.startswith(
        "This map has no safeguarding children partnership on 1 June 2020: the Leeds "
        "Safeguarding Children Board ended on 29 September 2019 and nothing in the map takes "
        "its place. The safeguarding partners (the council, the NHS body and the chief "
        "officer of police) must make arrangements to work together to safeguard and "
        "promote the welfare of children in the area (Children Act 2004, s.16E). Add it "
        "(statutory_role: safeguarding-partnership)."
    )
    # Ending the only Safeguarding Adults Board leaves the area with none, and says so.
    ended = _fixture(
        "leeds-lscb-ended-2020.yaml",
        **{
            "    basis: Care Act 2014, section 43\n": (
                "    basis: Care Act 2014, section 43\n    until: 2020-04-01\n"
            )
        },
    )
    sab = [f for f in _rule(ended, "missing-statutory-body") if "Adults" in f.message]
    assert [f.message.split(". ")[0] for f in sab] == [
        "This map has no Safeguarding Adults Board on 1 June 2020: the Leeds Safeguarding "
        "Adults Board ended on 1 April 2020 and nothing in the map takes its place"
    ]


def test_the_diff_calls_the_ended_body_a_new_gap_not_a_resolution() -> None:
    from boardmap.diff import diff_maps

    text = (LAW_MAPS / "leeds-lscb-ended-2020.yaml").read_text(encoding="utf-8")
    old = load_text(text, file="old.yaml")
    new = load_text(
        text.replace(
            "    basis: Care Act 2014, section 43\n",
            "    basis: Care Act 2014, section 43\n    until: 2020-04-01\n",
        ),
        file="new.yaml",
    )
    result = diff_maps(old, new)
    appeared = [
        f for f in result.findings if f.status == "appeared" and f.finding.rule == "missing-statutory-body"
    ]
    assert [result.finding_sentence(f)[:60] for f in appeared] == [
        "Warning: This map has no Safeguarding Adults Board on 1 June"
    ]
    # The SAB's own findings went with it: not counted as resolved.
    assert [f.status for f in result.findings if f.status != "appeared"] == ["removed"] * len(
        [f for f in result.findings if f.status != "appeared"]
    )
    assert "resolved" not in result.summary()


def test_the_2023_pack_checks_the_lead_safeguarding_partners() -> None:
    from boardmap.checks import packs

    pack = packs.load_pack("england-2023")
    assert pack.era == "15 December 2023 onwards"
    assert {e.id for e in pack.bodies} == {
        "hwb-required",
        "safeguarding-arrangements-required",
        "sab-required",
        "csp-required",
        "crime-and-disorder-committee-required",
    }
    text = (LAW_MAPS / "leeds-safeguarding-partners-executive-2024.yaml").read_text(encoding="utf-8")
    lead = (
        "The Leeds Safeguarding Children Partnership Executive should be led by the three lead "
        "safeguarding partners: the council's chief executive, the chief executive of the "
        "integrated care board and the chief officer of police (Working Together to Safeguard "
        "Children 2023, chapter 2)"
    )
    # The council's chief executive sits in the executive and leads it there; the map shows
    # the other two lead partners' organisations, not the lead partners (information).
    [shown] = [f for f in check(load_text(text, file=FILE)).open if lead in f.message]
    assert (shown.rule, shown.severity) == ("statutory-duty-not-shown", "info")
    assert shown.message.startswith(
        f"{lead}; this map does not show the chief executive of the integrated care board or "
        "the chief officer of police, so it cannot show that duty met (statutory_role: "
        "icb-chief-executive, chief-constable)."
    )
    assert shown.missing == ("icb-chief-executive", "chief-constable")
    # The executive without the council's chief executive: the Act's partner is missing (a
    # warning), and the guidance's lead partner does not lead it in this map (information).
    no_ce = text.replace(
        "members: [council-chief-executive, icb, west-yorkshire-police]",
        "members: [icb, west-yorkshire-police]",
    )
    checked = check(load_text(no_ce, file=FILE))
    assert [(f.severity, f.source) for f in _rule(checked, "missing-statutory-member")] == [
        ("warning", "Children Act 2004, s.16E, as amended by the Health and Care Act 2022"),
    ]
    # Without the council among its members it is no longer the partners' own group: it
    # answers to nobody in the map, and that finding names the lead partner the map holds
    # but does not show leading it; the duty not shown names the two it does not hold.
    [answers] = _rule(checked, "no-accountability")
    assert answers.source == "Working Together to Safeguard Children 2023, chapter 2"
    assert (
        f"{lead}, but this map shows the Chief Executive of Leeds City Council neither sitting "
        "in it nor receiving its reports."
    ) in answers.message
    said = "led by the three lead safeguarding partners"
    assert [f.rule for f in checked.open if said in f.message] == [
        "no-accountability",
        "statutory-duty-not-shown",
    ]
    # A partnership whose members are the partner organisations is not short of a member:
    # the map simply does not show the lead partner (information, naming the duty).
    orgs = (
        no_ce.replace(
            "members: [icb, west-yorkshire-police]",
            "members: [leeds-city-council, icb, west-yorkshire-police]",
        )
        .replace(
            "  - {id: council-chief-executive, name: Chief Executive of Leeds City Council, kind: role}\n", ""
        )
        .replace("  - {from: council-chief-executive, to: leeds-city-council, type: reports-to}\n", "")
    )
    checked = check(load_text(orgs, file=FILE))
    assert _rule(checked, "missing-statutory-member") == []
    assert [f.severity for f in _rule(checked, "statutory-duty-not-shown") if said in f.message] == ["info"]
    # The same map dated before the pack's era is told so.
    early = check(load_text(text.replace("as_of: 2024-06-01", "as_of: 2023-06-01"), file=FILE))
    assert [f.rule for f in early.open if f.rule == "rule-pack-era"] == ["rule-pack-era"]


def test_explain_shows_the_2023_sources(cli: object) -> None:
    out = cli("explain", "missing-statutory-body").out  # type: ignore[operator]
    assert "england-2023 sab-required (warning): Care Act 2014, s.43(1)" in out
    out = cli("explain", "missing-statutory-link").out  # type: ignore[operator]
    assert "england-2023 sp-lead-partners (info): Working Together to Safeguard" in out


def test_committees_in_common_are_drawn_and_said_as_such() -> None:
    from boardmap.guide import build_guide  # noqa: F401  (the guide imports cleanly)
    from boardmap.render import dot, to_dot
    from boardmap.say.vocab import LINK_LABELS, LINK_VERBS

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
    gmap = load_text(textwrap.dedent(text), file=FILE)
    drawn = to_dot(gmap, "overview")
    style = dot.LINE_STYLES["meets-with"]
    assert (style.style, style.arrowhead) == ("bold", "none")
    assert 'label="meets in common\\nwith"' in drawn or 'label="meets in common with"' in drawn
    assert "arrowhead=none" in drawn and "style=bold" in drawn
    assert LINK_LABELS["meets-with"] == "meets in common with"
    assert LINK_VERBS["meets-with"].format(b="the ICP") == (
        "meets together with the ICP as committees in common, each body still deciding for itself"
    )


def test_an_integrated_care_partnership_answers_to_those_who_set_it_up() -> None:
    text = """\
    boardmap: 1
    area: Testshire
    as_of: 2023-06-01
    boards:
      - {id: icp, name: Testshire Integrated Care Partnership, kind: partnership}
      - {id: hwb, name: Testshire Health and Wellbeing Board, kind: statutory-board, top: true}
    links:
      - {from: icp, to: hwb, type: informs, what: the integrated care strategy}
    """
    [finding] = _rule(_check(text), "no-accountability")
    assert finding.severity == "info"
    assert finding.message.startswith(
        "The Testshire Integrated Care Partnership answers to the integrated care board and "
        "the councils that set it up as their joint committee (National Health Service Act "
        "2006, s.116ZA), which this map does not show."
    )


def test_a_body_the_map_never_shows_is_information_and_an_ended_one_a_warning() -> None:
    result = _fixture("leeds-lscb-ended-2020.yaml")
    assert [(f.severity, f.boards) for f in _rule(result, "missing-statutory-body")] == [
        ("warning", ("lscb",))
    ]
    never = _fixture(
        "leeds-lscb-ended-2020.yaml",
        **{
            "  - id: lscb\n    name: Leeds Safeguarding Children Board\n    kind: statutory-board\n"
            "    basis: Children Act 2004, section 13\n    until: 2019-09-29\n": "",
            "  - {from: lscb, to: chief-executive, type: reports-to}\n": "",
        },
    )
    [body] = _rule(never, "missing-statutory-body")
    assert (body.severity, body.boards) == ("info", ())
    assert body.message.startswith(
        "This map has no safeguarding children partnership on 1 June 2020. The safeguarding partners"
    )


def test_an_independently_scrutinised_sab_answers_in_its_annual_report() -> None:
    text = """\
    boardmap: 1
    area: Testshire
    as_of: 2023-06-01
    boards:
      - {id: sab, name: Testshire Safeguarding Adults Board, kind: statutory-board, top: true}
      - {id: scrutineer, name: Independent Scrutineer, kind: role, statutory_role: independent-scrutineer}
      - {id: ce, name: Chief Executive of Testshire Council, kind: role}
    links:
      - {from: scrutineer, to: sab, type: challenges}
      - {from: sab, to: ce, type: informs, what: annual report}
    """
    assert _rule(_check(text), "challenge-without-response") == []


# -- one fact, one finding; a duty met through a group (issue 14 item 5) -------------------------


def test_a_sab_not_shown_answering_to_the_chief_executive_is_not_also_unscrutinised() -> None:
    # No link to the Chief Executive and no scrutiny shown: no-accountability says whom the
    # law makes the board answer to; unscrutinised does not say the same fact again.
    result = _fixture(
        "leeds-sab-2022.yaml",
        **{
            "  - from: lsab\n    to: chief-executive\n    type: reports-to\n": "",
            "  - from: scrutiny\n    to: lsab\n    type: challenges\n": (
                "  - from: lsab\n    to: scrutiny\n    type: informs\n"
            ),
            "    says: its independent chair is accountable to the Chief Executive\n": "",
            "    what: the annual report and the strategic plan\n": "",
        },
    )
    assert _rule(result, "unscrutinised") == []
    accountability = _rule(result, "no-accountability")
    assert [(f.severity, f.boards) for f in accountability] == [("warning", ("lsab",))]
    assert "chief executive" in accountability[0].message.lower()


def test_a_report_to_a_group_the_chief_executive_sits_in_reaches_the_chief_executive() -> None:
    # Hillingdon's Safeguarding Adults Board reports to the Executive Leadership Group, whose
    # members include the Chief Executive (examples/hillingdon-2023.yaml cites the sources).
    examples = Path(__file__).parent.parent / "examples"
    text = (examples / "hillingdon-2023.yaml").read_text(encoding="utf-8")
    result = check(load_text(text, file="hillingdon-2023.yaml"))
    assert not [
        f for f in result.open if f.rule == "missing-statutory-link" and "Chief Executive" in f.message
    ]
    elg = "    members: [chief-executive, icb-deputy-chief-nurse, borough-commander]\n"
    assert elg in text
    without = check(
        load_text(
            text.replace(elg, "    members: [icb-deputy-chief-nurse, borough-commander]\n"), file="h.yaml"
        )
    )
    assert [
        f.message for f in without.open if f.rule == "missing-statutory-link" and "annual report" in f.message
    ] == [
        "The Hillingdon Safeguarding Adults Board must send the Chief Executive of Hillingdon Council "
        "its annual report (Care Act 2014, Schedule 2, paragraph 4), but this map shows no such link."
    ]
