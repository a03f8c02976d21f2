"""Maps of real councils the checks had not seen, written from their published papers
(tests/maps/law/real/, each naming its sources): the findings each must give, and no
other (issue 14: no warning the law answers, every statutory duty not shown named)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardmap.checks.engine import CheckResult, check
from boardmap.load import load_text

from .sentence_lint import problems, sentences

REAL = Path(__file__).parent / "maps" / "law" / "real"


def _check(name: str, **changes: str) -> CheckResult:
    text = (REAL / name).read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return check(load_text(text, file=name))


def _found(result: CheckResult) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, f.severity, tuple(f.boards)) for f in result.open]


def _message(result: CheckResult, rule: str, *boards: str) -> str:
    [message] = [f.message for f in result.open if f.rule == rule and tuple(f.boards) == boards]
    return message


DEVON = "devon-2025.yaml"


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.yaml")))
def test_every_finding_on_a_real_map_is_whole_sentences(name: str) -> None:
    """Each finding's message, as `boardmap check` prints it (the guide, diagrams and diff
    of these maps are linted by test_sentences.py)."""
    result = check(load_text((REAL / name).read_text(encoding="utf-8"), file=name))
    texts = [f.message for f in (*result.open, *result.accepted)]
    assert texts
    found = [f"{p}: {said}" for text in texts for said in sentences(text) for p in problems(said)]
    assert found == []


def test_devon_gives_the_gaps_in_what_it_published_and_no_other() -> None:
    assert _found(_check(DEVON)) == [
        # The integrated care board's duty to consult the board on its joint forward plan
        # is not in the papers read.
        ("missing-statutory-link", "warning", ("devon-icb", "hwb")),
        ("statutory-duty-not-shown", "info", ("devon-scp",)),
        # The adults partnership's annual report goes to the Cabinet, the Health and
        # Wellbeing Board and scrutiny in the papers; the Act also names these.
        ("missing-statutory-link", "warning", ("tdsap", "healthwatch")),
        ("missing-statutory-link", "warning", ("tdsap", "healthwatch")),
        ("missing-statutory-link", "warning", ("tdsap", "chief-executive")),
        ("missing-statutory-link", "warning", ("tdsap", "pcc")),
        ("no-accountability", "warning", ("tdsap",)),
        ("statutory-duty-not-shown", "info", ("tdsap",)),
        ("missing-statutory-link", "info", ("hwb",)),
        # The map lists only Healthwatch among the board's members.
        ("missing-statutory-member", "warning", ("hwb",)),
        ("statutory-duty-not-shown", "info", ("hwb",)),
        # The county strategy group answers through its responsible authorities; the
        # papers read show no link of it (neither its agreement sent to the commissioner
        # nor its scrutiny), only who sits on it.
        ("isolated-board", "warning", ("safer-devon",)),
        ("statutory-duty-not-shown", "info", ("pcc",)),
        # Nothing read says how the partnership answers the commissioner.
        ("challenge-without-response", "warning", ("improvement-commissioner", "devon-scp")),
    ]


def test_the_county_strategy_group_answers_through_its_responsible_authorities() -> None:
    result = _check(DEVON)
    assert not [f for f in result.open if f.rule == "no-accountability" and "safer-devon" in f.boards]
    assert _message(result, "isolated-board", "safer-devon").startswith(
        "The Safer Devon Partnership has no links to any other body in this map: it answers "
        "through its members, the statutory partners, but nobody can see who holds it to account "
        "or how it works with the other boards. The Safer Devon Partnership must have regard to "
        "the police and crime objectives of the Devon and Cornwall Police and Crime Commissioner "
        "in its strategy (Crime and Disorder Act 1998, s.6(1A)). The Safer Devon Partnership must "
        "have its work reviewed and scrutinised by the council's crime and disorder committee, at "
        "least once a year (Police and Justice Act 2006, s.19)."
    )
    # Without its members it is a partnership like any other, whose parent nobody can see.
    members = "    members: [devon-county-council, police, fire, probation, devon-icb, sdd-csp]\n"
    result = _check(DEVON, **{members: ""})
    assert _message(result, "isolated-board", "safer-devon").startswith(
        "The Safer Devon Partnership has no links to any other body in this map, so nobody can see "
        "who it answers to"
    )


def test_the_lead_partners_meeting_answers_through_the_partners_it_is_made_of() -> None:
    # Its members are officers: the chief executive, the integrated care board's chief
    # executive and the chief constable (lead safeguarding partners by their roles).
    result = _check(DEVON)
    assert not [f for f in result.open if "lead-safeguarding-partners" in f.boards]
    # The ICB's chief executive, unmarked, sits for the ICB through the link to it; without
    # either, the meeting holds no NHS partner and nobody is seen above it.
    unmarked = ", statutory_role: icb-chief-executive}"
    cut = "  - {from: icb-chief-executive, to: devon-icb, type: reports-to}\n"
    assert not [f for f in _check(DEVON, **{unmarked: "}"}).open if "lead-safeguarding-partners" in f.boards]
    result = _check(DEVON, **{unmarked: "}", cut: ""})
    assert _message(result, "no-accountability", "lead-safeguarding-partners", "devon-scp").startswith(
        "The Devon Lead Safeguarding Partners does not report to anyone in this map"
    )


def test_delegated_partners_sit_for_the_partners_that_appointed_them() -> None:
    # The partnership's members are the three delegated safeguarding partners; each
    # answers to its lead partner, who reports to the partner organisation.
    assert not [
        f for f in _check(DEVON).open if f.rule == "missing-statutory-member" and "devon-scp" in f.boards
    ]
    cut = "  - {from: dsp-police, to: chief-constable, type: reports-to}\n"
    result = _check(DEVON, **{cut: ""})
    assert _message(result, "missing-statutory-member", "devon-scp").startswith(
        "The Devon Safeguarding Children Partnership Executive must have a police force among "
        "its members (Children Act 2004, s.16E, as amended by the Health and Care Act 2022), "
        "but none of the members this map lists is one: this map holds Devon and Cornwall Police "
        "(id: police) but does not list it among them."
    )


CROYDON = "croydon-2024.yaml"


def test_croydon_gives_the_gaps_in_what_it_published_and_no_other() -> None:
    assert _found(_check(CROYDON)) == [
        # Working Together 2023: the papers read show neither the lead nor the delegated
        # partners, and the yearly report's copies are recalled, not read.
        ("missing-statutory-link", "info", ("cscp",)),
        ("statutory-duty-not-shown", "info", ("cscp",)),
        ("statutory-duty-not-shown", "info", ("cscp",)),
        ("statutory-duty-not-shown", "info", ("cscp",)),
        ("missing-statutory-link", "warning", ("sw-london-icb", "hwb")),
        # The adults board's annual report goes to the Mayor in Cabinet (so to the Mayor,
        # who chairs it); the Act also names the chief executive, the board and the local
        # policing body, which in London is the Mayor's Office for Policing and Crime.
        ("missing-statutory-link", "warning", ("csab", "chief-executive")),
        ("missing-statutory-link", "warning", ("csab", "hwb")),
        ("missing-statutory-link", "warning", ("csab", "mopac")),
        ("no-accountability", "warning", ("csab",)),
        ("statutory-duty-not-shown", "info", ("csab",)),
        ("statutory-duty-not-shown", "info", ("csab",)),
        ("isolated-board", "warning", ("hwb",)),
        ("statutory-duty-not-shown", "info", ("hwb",)),
        ("missing-statutory-link", "warning", ("safer-croydon", "mopac")),
        # No paper read names the fire and rescue authority among the partnership's.
        ("missing-statutory-member", "warning", ("safer-croydon",)),
        ("no-escalation-route", "info", ("cyp-scrutiny", "cscp")),
    ]


def test_a_council_committee_with_no_links_still_answers_to_its_council() -> None:
    assert _message(_check(CROYDON), "isolated-board", "hwb") == (
        "The Croydon Health & Wellbeing Board has no links to any other body in this map: it "
        "answers to the London Borough of Croydon, as a committee of it, but nobody can see who "
        "holds it to account or how it works with the other boards."
    )


def test_londons_policing_body_and_its_scrutiny_are_read_from_their_names() -> None:
    # Police Reform and Social Responsibility Act 2011, s.3 (the Mayor's Office for
    # Policing and Crime) and s.33 (the London Assembly discharges the panel's functions).
    result = _check(CROYDON)
    assert not [f for f in result.open if f.requirement == "england-2023/pcp-scrutinises-pcc"]
    cut = (
        "  - {from: london-assembly, to: mopac, type: challenges, what: the police and crime plan "
        "and the exercise of its functions}\n"
    )
    [finding] = [
        f for f in _check(CROYDON, **{cut: ""}).open if f.requirement == "england-2023/pcp-scrutinises-pcc"
    ]
    assert finding.message == (
        "The Mayor's Office for Policing and Crime must be scrutinised by the London Assembly, "
        "which reviews the police and crime plan and the annual report (Police Reform and Social "
        "Responsibility Act 2011, ss.12 and 28; in London, s.33), but this map shows no such "
        "link. The Mayor's Office for Policing and Crime is treated as the "
        "Police and Crime Commissioner because its name is 'Mayor's Office for Policing and "
        "Crime'; add `statutory_role: pcc` to confirm."
    )


def test_the_local_policing_body_in_london_is_named_as_the_map_names_it() -> None:
    assert _message(_check(CROYDON), "missing-statutory-link", "safer-croydon", "mopac").startswith(
        "The Safer Croydon Partnership must have regard to the police and crime objectives of the "
        "Mayor's Office for Policing and Crime in its strategy (Crime and Disorder Act 1998, "
        "s.6(1A)), but this map shows no such link."
    )


SALFORD = "salford-2025.yaml"


def test_salford_gives_the_gaps_in_what_it_published_and_no_other() -> None:
    assert _found(_check(SALFORD)) == [
        # Salford's children partnership, Community Safety Partnership and scrutiny are
        # not in the map: the papers read say nothing of them in 2024/25.
        ("missing-statutory-body", "info", ()),
        ("missing-statutory-body", "info", ()),
        ("missing-statutory-body", "info", ()),
        ("missing-statutory-link", "warning", ("nhs-gm", "hwb")),
        # The annual report goes to the Health and Wellbeing Board in the papers read; the
        # Act also names the City Mayor and the local policing body, the Mayor of Greater
        # Manchester.
        ("missing-statutory-link", "warning", ("ssab", "city-mayor")),
        ("missing-statutory-link", "warning", ("ssab", "gm-mayor")),
        # Whom the board answers to is said once, as information: the map has no chief
        # executive (not also "unscrutinised", and not "answers through its members").
        ("no-accountability", "info", ("ssab",)),
        ("statutory-duty-not-shown", "info", ("ssab",)),
        ("statutory-duty-not-shown", "info", ("ssab",)),
        ("statutory-duty-not-shown", "info", ("hwb",)),
    ]


def test_an_organisation_sits_for_the_organisation_it_is_part_of() -> None:
    # The board's members are the council's adult social care and the Salford locality of
    # the integrated care board, each `part_of` its organisation, and the police.
    assert not [f for f in _check(SALFORD).open if f.rule == "missing-statutory-member"]
    result = _check(SALFORD, **{"    part_of: nhs-gm\n": ""})
    assert _message(result, "missing-statutory-member", "ssab").startswith(
        "The Salford Safeguarding Adults Board must have an integrated care board among its members"
    )


def test_an_organisation_does_not_sit_for_one_it_only_reports_to() -> None:
    # Reporting to the council does not make a body the council (a commissioned service).
    result = _check(
        SALFORD,
        **{
            "    part_of: salford-council\n": "",
            "links:\n": "links:\n  - {from: adult-social-care, to: salford-council, type: reports-to}\n",
        },
    )
    assert _message(result, "missing-statutory-member", "ssab").startswith(
        "The Salford Safeguarding Adults Board must have a local authority among its members"
    )


def test_delegated_partners_sitting_in_the_partnership_lead_it() -> None:
    # Devon's partnership executive is the delegated safeguarding partners' meeting: the
    # delegates lead it by sitting in it, whether or not the map draws them answering to it.
    dsp_links = {
        f"  - {{from: {dsp}, to: devon-scp, type: reports-to}}\n": ""
        for dsp in ("dsp-council", "dsp-icb", "dsp-police")
    }
    result = _check(DEVON, **dsp_links)
    assert not [f for f in result.open if f.requirement == "england-2023/sp-delegated-partners"]
    members = "    members: [dsp-council, dsp-icb, dsp-police]\n"
    result = _check(DEVON, **dsp_links, **{members: ""})
    [finding] = [f for f in result.open if f.requirement == "england-2023/sp-delegated-partners"]
    assert finding.message.startswith(
        "The Devon Safeguarding Children Partnership Executive should be led, for each lead "
        "safeguarding partner, by the delegated safeguarding partner it appoints, named in the "
        "arrangements (Working Together to Safeguard Children 2023, chapter 2), but this map "
        "shows no delegated safeguarding partner sitting in it or answering to it."
    )
