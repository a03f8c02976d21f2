"""A map of Kirklees written from its published papers (tests/maps/law/kirklees-communities-
2025.yaml names them): a Community Safety Partnership known by another name and read from
its basis, and a combined authority's Mayor as the local policing body outside Greater
Manchester. The findings are exactly the gaps in what the papers show, and no other."""

from __future__ import annotations

from pathlib import Path

from boardmap.checks.engine import CheckResult, check
from boardmap.load import load_text

KIRKLEES = Path(__file__).parent / "maps" / "law" / "kirklees-communities-2025.yaml"


def _check(**changes: str) -> CheckResult:
    text = KIRKLEES.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return check(load_text(text, file=KIRKLEES.name))


def _head(message: str) -> str:
    """The message without the sentence on the role read from the basis."""
    return message.split(" The Kirklees Communities Partnership Board is treated as")[0]


def test_kirklees_gives_the_gaps_in_what_it_published_and_no_other() -> None:
    result = _check()
    assert [(f.rule, f.severity, f.requirement, f.missing) for f in result.open] == [
        # The map is of community safety: the area's other statutory boards are not in it.
        ("missing-statutory-body", "info", "england-2023/hwb-required", ("hwb",)),
        ("missing-statutory-body", "info", "england-2023/sab-required", ("sab",)),
        (
            "missing-statutory-body",
            "info",
            "england-2023/safeguarding-arrangements-required",
            ("safeguarding-partnership",),
        ),
        # The papers read show no regard to the Mayor's police and crime plan, and name the
        # health sector among the non-statutory partners.
        ("missing-statutory-link", "warning", "england-2023/csp-regard-pcc", ("pcc",)),
        ("missing-statutory-member", "warning", "england-2023/csp-members", ("icb",)),
    ]
    assert [_head(f.message) for f in result.open[3:]] == [
        "The Kirklees Communities Partnership Board must have regard to the police and crime "
        "objectives of the Mayor of West Yorkshire in its strategy (Crime and Disorder Act 1998, "
        "s.6(1A)), but this map shows no such link.",
        "The Kirklees Communities Partnership Board must have an integrated care board among its "
        "members (Crime and Disorder Act 1998, s.5(1), as amended by the Health and Care Act "
        "2022), but none of the members this map lists is one (statutory_role: icb).",
    ]


def test_a_partnership_of_its_council_and_police_answers_through_them() -> None:
    # The partnership lists the council and the police (with the fire and rescue authority
    # and probation) but not the integrated care board: it answers through the responsible
    # authorities it has (Crime and Disorder Act 1998, s.5), and the one it lacks is the
    # member finding's, not a no-accountability warning as well.
    result = _check()
    assert not [f for f in result.open if f.rule == "no-accountability"]
    # Without the police among its members, the map does not show it answering to both.
    members = "    members: [kirklees-council, wy-police, wy-fire, probation]\n"
    result = _check(**{members: "    members: [kirklees-council, wy-fire, probation]\n"})
    [finding] = [f for f in result.open if f.rule == "no-accountability"]
    assert finding.boards == ("communities-board",)


def test_the_mayor_answers_the_panel() -> None:
    # The Police and Crime Panel challenges the Mayor, who answers it: without that answer
    # the map shows no route for it.
    answer = (
        "  - {from: wy-mayor, to: wy-pcp, type: informs, what: information and responses to the "
        "panel's concerns}\n"
    )
    assert not [f for f in _check().open if f.rule == "challenge-without-response"]
    result = _check(**{answer: ""})
    assert [f.boards for f in result.open if f.rule == "challenge-without-response"] == [
        ("wy-pcp", "wy-mayor")
    ]


def test_the_partnership_is_read_from_its_basis_and_the_commissioner_from_its_office() -> None:
    # The Mayor's role is the map's to say (a mayor's name is not read as one); a map that
    # names the office as commissioners do elsewhere is read without it.
    mayor = "    name: Mayor of West Yorkshire\n    kind: role\n    statutory_role: pcc\n"
    result = _check(**{mayor: "    name: Police and Crime Commissioner for West Yorkshire\n    kind: role\n"})
    [link] = [f for f in result.open if f.rule == "missing-statutory-link"]
    assert (
        "objectives of the Police and Crime Commissioner for West Yorkshire in its strategy" in link.message
    )
    unmarked = _check(**{mayor: "    name: Mayor of West Yorkshire\n    kind: role\n"})
    [duty] = [f for f in unmarked.open if f.rule == "statutory-duty-not-shown"]
    assert duty.missing == ("pcc",)
