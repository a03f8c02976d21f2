"""The england-2023 pack's Working Together 2023 and Health and Care Act 2022 duties (issue
14 item 1), on fixtures written from published papers (tests/maps/law/ names them)."""

from __future__ import annotations

from pathlib import Path

from boardmap.checks import packs
from boardmap.checks.engine import CheckResult, check
from boardmap.load import load_text

LAW_MAPS = Path(__file__).parent / "maps" / "law"


def _check(name: str, **changes: str) -> CheckResult:
    text = (LAW_MAPS / name).read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return check(load_text(text, file=name))


def _messages(result: CheckResult, rule: str) -> list[str]:
    return [f.message for f in result.open if f.rule == rule]


def _links(result: CheckResult) -> list[str]:
    """The missing-statutory-link messages without the sentences on inferred roles."""
    return [
        m[: m.index("no such link.") + len("no such link.")]
        for m in _messages(result, "missing-statutory-link")
    ]


ICP = "west-yorkshire-icp-2024.yaml"
EXECUTIVE = "leeds-safeguarding-partners-executive-2024.yaml"


def test_every_2023_entry_names_its_source() -> None:
    pack = packs.load_pack("england-2023")
    ids = {e.id for e in (*pack.links, *pack.members, *pack.bodies)}
    assert {
        "sp-delegated-partners",
        "sp-yearly-report",
        "icp-strategy-needs",
        "icp-strategy-healthwatch",
    } <= ids
    assert all(e.source for e in (*pack.links, *pack.members, *pack.bodies))


def test_the_integrated_care_duties_met_give_nothing() -> None:
    result = _check(ICP)
    assert [f for f in result.open if f.severity != "info"] == []
    assert _messages(result, "missing-statutory-link") == []


def test_the_partnership_must_meet_the_assessed_needs() -> None:
    link = "  - {from: leeds-hwb, to: wy-icp, type: informs, what: the Joint Strategic Needs Assessment}\n"
    result = _check(ICP, **{link: ""})
    assert _links(result) == [
        "The West Yorkshire Integrated Care Partnership must prepare its integrated care strategy "
        "to meet the needs assessed in the Joint Strategic Needs Assessment made through the Leeds "
        "Health and Wellbeing Board, and consider revising it each time it receives a new one "
        "(Local Government and Public Involvement in Health Act 2007, s.116ZB(1) and (6), inserted "
        "by the Health and Care Act 2022), but this map shows no such link."
    ]
    assert [f.severity for f in result.open if f.rule == "missing-statutory-link"] == ["warning"]


def test_the_partnership_must_involve_healthwatch() -> None:
    link = "  - {from: wy-icp, to: healthwatch-leeds, type: consults, what: the integrated care strategy}\n"
    result = _check(ICP, **{link: ""})
    assert _links(result) == [
        "The West Yorkshire Integrated Care Partnership must involve Healthwatch Leeds in preparing "
        "its integrated care strategy (Local Government and Public Involvement in Health Act 2007, "
        "s.116ZB(4)(a), inserted by the Health and Care Act 2022), but this map shows no such link."
    ]


def test_the_integrated_care_board_consults_on_its_plan() -> None:
    link = "  - {from: wy-icb, to: leeds-hwb, type: consults, what: the joint forward plan}\n"
    result = _check(ICP, **{link: ""})
    assert _links(result) == [
        "The NHS West Yorkshire Integrated Care Board must consult the Leeds Health and Wellbeing "
        "Board on whether its joint forward plan takes proper account of the Joint Health and "
        "Wellbeing Strategy (the plan carries the Leeds Health and Wellbeing Board's opinion) and on "
        "the review of that strategy in its annual report (National Health Service Act 2006, "
        "ss.14Z52 and 14Z58, inserted by the Health and Care Act 2022), but this map shows no such "
        "link."
    ]


def test_an_integrated_care_partnership_answers_through_its_members() -> None:
    # The joint committee of the integrated care board and the council (NHS Act 2006,
    # s.116ZA): no warning that it answers to nobody.
    assert _messages(_check(ICP), "no-accountability") == []
    alone = _check(ICP, **{"    members: [wy-icb, leeds-city-council]\n": ""})
    assert [f.severity for f in alone.open if f.rule == "no-accountability"] == ["warning"]


def test_the_delegated_partners_and_the_yearly_report_are_named() -> None:
    result = _check(EXECUTIVE)
    shown = _messages(result, "statutory-duty-not-shown")
    assert (
        "The Leeds Safeguarding Children Partnership Executive should be led, for each lead "
        "safeguarding partner, by the delegated safeguarding partner it appoints, named in the "
        "arrangements (Working Together to Safeguard Children 2023, chapter 2); this map shows "
        "no delegated safeguarding partner, so it cannot show that duty met (statutory_role: "
        "delegated-safeguarding-partner)."
    ) in [m.split(" The Leeds Safeguarding Children Partnership Executive is treated")[0] for m in shown]
    assert (
        "The Leeds Safeguarding Children Partnership Executive should send the Child Safeguarding "
        "Practice Review Panel and the What Works Centre for Children's Social Care a copy of its "
        "yearly report within seven days of publishing it (Working Together to Safeguard Children "
        "2023, chapter 2, as recalled: not checked against the text); this map shows neither, so it "
        "cannot show that duty met (statutory_role: cspr-panel, what-works-centre)."
    ) in [m.split(" The Leeds Safeguarding Children Partnership Executive is treated")[0] for m in shown]
    assert all(f.severity == "info" for f in result.open)


def test_delegated_partners_and_national_bodies_shown_meet_the_duties() -> None:
    extra = (
        "  - {id: dsp-council, name: Director of Children and Families, kind: role,"
        " statutory_role: delegated-safeguarding-partner}\n"
        "  - {id: panel, name: Child Safeguarding Practice Review Panel, kind: external}\n"
        "  - {id: foundations, kind: external,"
        " name: Foundations - What Works Centre for Children & Families}\n"
        "links:\n"
        "  - {from: dsp-council, to: lscp-executive, type: reports-to}\n"
        "  - {from: lscp-executive, to: panel, type: informs, what: the yearly report}\n"
        "  - {from: lscp-executive, to: foundations, type: informs, what: the yearly report}\n"
    )
    result = _check(EXECUTIVE, **{"links:\n": extra})
    shown = _messages(result, "statutory-duty-not-shown")
    assert not [m for m in shown if "delegated" in m or "yearly report" in m]
    assert not [f for f in result.open if f.rule == "missing-statutory-link"]


# -- the three lead safeguarding partners (Working Together 2023, chapter 2) -------------------

LEAD = (
    "The Leeds Safeguarding Children Partnership Executive should be led by the three lead "
    "safeguarding partners: the council's chief executive, the chief executive of the "
    "integrated care board and the chief officer of police (Working Together to Safeguard "
    "Children 2023, chapter 2)"
)
LEAD_PARTNERS = (
    "  - {id: icb-ceo, name: Chief Executive of NHS West Yorkshire Integrated Care Board, kind: role}\n"
    "  - {id: chief-constable, name: Chief Constable of West Yorkshire Police, kind: role}\n"
)
MEMBERS = "    members: [council-chief-executive, icb, west-yorkshire-police]\n"


def _lead(result: CheckResult) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.message) for f in result.open if LEAD in f.message]


def test_the_lead_partners_sitting_in_the_partnership_lead_it() -> None:
    members = "    members: [council-chief-executive, icb-ceo, chief-constable, icb, west-yorkshire-police]\n"
    result = _check(EXECUTIVE, **{"links:\n": LEAD_PARTNERS + "links:\n", MEMBERS: members})
    assert _lead(result) == []
    # Read from their names, and said so.
    assert [b for b, _ in result.inferred if b in {"icb-ceo", "chief-constable"}] == [
        "icb-ceo",
        "chief-constable",
    ]
    assert (
        "The Chief Constable of West Yorkshire Police is treated as the chief officer of police "
        "because its name is 'Chief Constable of West Yorkshire Police'; add `statutory_role: "
        "chief-constable` to confirm."
    ) in [s for _, s in result.inferred]


def test_lead_partners_in_the_map_but_not_leading_are_named_in_one_finding() -> None:
    result = _check(EXECUTIVE, **{"links:\n": LEAD_PARTNERS + "links:\n"})
    [(rule, severity, message)] = _lead(result)
    assert (rule, severity) == ("missing-statutory-link", "info")
    assert message.startswith(
        f"{LEAD}, but this map shows the Chief Executive of NHS West Yorkshire Integrated Care "
        "Board and the Chief Constable of West Yorkshire Police neither sitting in it nor "
        "receiving its reports."
    )
    found = [f for f in result.open if f.rule == "missing-statutory-link" and LEAD in f.message]
    assert found[0].links == (
        ("lscp-executive", "icb-ceo", "reports-to"),
        ("lscp-executive", "chief-constable", "reports-to"),
    )


def test_a_link_to_a_lead_partner_or_a_group_they_sit_in_leads_it() -> None:
    links = (
        LEAD_PARTNERS
        + "  - {id: chiefs, name: Chief Officers' Group, kind: officer-group, members: [chief-constable]}\n"
        + "links:\n"
        + "  - {from: lscp-executive, to: icb-ceo, type: reports-to}\n"
        + "  - {from: lscp-executive, to: chiefs, type: informs}\n"
    )
    result = _check(EXECUTIVE, **{"links:\n": links})
    # The group is told of the partnership's work, but the partnership does not answer to it.
    [(rule, _, message)] = _lead(result)
    assert rule == "missing-statutory-link"
    assert "but this map shows the Chief Constable of West Yorkshire Police neither sitting" in message
    answers = _check(
        EXECUTIVE, **{"links:\n": links.replace("to: chiefs, type: informs", "to: chiefs, type: reports-to")}
    )
    assert _lead(answers) == []


def test_a_group_of_the_three_lead_partners_answers_through_them() -> None:
    # An executive whose members are the three lead partners in person: the partners'
    # own group (no-accountability has nothing to say), not short of a member (each
    # office sits for its body), and led by them.
    members = "    members: [council-chief-executive, icb-ceo, chief-constable]\n"
    result = _check(EXECUTIVE, **{"links:\n": LEAD_PARTNERS + "links:\n", MEMBERS: members})
    assert _lead(result) == []
    assert _messages(result, "no-accountability") == []
    assert _messages(result, "missing-statutory-member") == []


def test_a_map_of_organisations_only_is_told_which_lead_partners_it_does_not_show() -> None:
    # No people at all: information naming the three, never a warning.
    text = {
        MEMBERS: "    members: [leeds-city-council, icb, west-yorkshire-police]\n",
        "  - {id: council-chief-executive, name: Chief Executive of Leeds City Council, kind: role}\n": "",
        "  - {from: council-chief-executive, to: leeds-city-council, type: reports-to}\n": "",
    }
    result = _check(EXECUTIVE, **text)
    [(rule, severity, message)] = _lead(result)
    assert (rule, severity) == ("statutory-duty-not-shown", "info")
    assert message.startswith(
        f"{LEAD}; this map does not show the council's chief executive, the chief executive of the "
        "integrated care board or the chief officer of police, so it cannot show that duty met "
        "(statutory_role: chief-executive, icb-chief-executive, chief-constable)."
    )
    assert [f for f in result.open if f.severity != "info"] == []
