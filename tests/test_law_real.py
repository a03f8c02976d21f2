"""Maps of real councils the checks had not seen, written from their published papers
(tests/maps/law/real/, each naming its sources): the findings each must give, and no
other (issue 14: no warning the law answers, every statutory duty not shown named)."""

from __future__ import annotations

from pathlib import Path

from boardmap.checks.engine import CheckResult, check
from boardmap.load import load_text

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
        ("no-accountability", "warning", ("safer-devon",)),
        ("unscrutinised", "warning", ("safer-devon",)),
        ("statutory-duty-not-shown", "info", ("pcc",)),
        # Nothing read says how the partnership answers the commissioner.
        ("challenge-without-response", "warning", ("improvement-commissioner", "devon-scp")),
    ]


def test_the_lead_partners_meeting_answers_through_the_partners_it_is_made_of() -> None:
    # Its members are officers: the chief executive, the integrated care board's chief
    # executive and the chief constable, each reporting to the partner organisation.
    result = _check(DEVON)
    assert not [f for f in result.open if "lead-safeguarding-partners" in f.boards]
    cut = "  - {from: chief-constable, to: police, type: reports-to}\n"
    result = _check(DEVON, **{cut: ""})
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
        "but none of the members this map lists is one (statutory_role: police)."
    )
