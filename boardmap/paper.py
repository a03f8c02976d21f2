"""`boardmap report`: the gap report as a committee paper, in the usual shape of an English
council report: summary, recommendations, background, the findings by severity with what
to do about each, the accepted findings with their reasons and expiry, and the statutory
sources. One Document (boardmap.guide.doc), written as Word, Markdown or HTML by the
guide's own renderers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from boardmap.checks.engine import SEVERITIES, CheckResult, Finding, catalogue, check
from boardmap.guide.doc import Document, Heading, Inlines, Items, Para, Section, Strong, Table
from boardmap.model import GovernanceMap
from boardmap.say.grammar import count, join, long_date

FORMATS = ("docx", "md", "html")


def wording() -> dict[str, str]:
    """The paper's fixed English, in one place (for the wording layer to take over)."""
    return {
        "title": "Governance of {area}'s strategic boards: gaps in how they relate",
        "lede": "Report to the committee on the map of {area}'s boards as it stands on {date}.",
        "summary": "1. Summary",
        "recommendations": "2. Recommendations",
        "background": "3. Background",
        "findings": "4. Findings",
        "accepted": "5. Gaps accepted, with reasons",
        "sources": "6. Statutory sources",
        "none_open": "The map shows no open governance gap.",
        "none_accepted": "No gap has been accepted.",
        "none_sources": "No finding rests on a statutory source.",
        "what_to_do": "What to do:",
        "boards": "Boards:",
        "found_at": "Found at:",
        "source": "Source:",
    }


_SEVERITY = {
    "error": "Errors: gaps that must be closed",
    "warning": "Warnings: gaps that should be closed or explained",
    "info": "Information: points to note",
}


def build_paper(gmap: GovernanceMap, result: CheckResult | None = None) -> Document:
    """The committee paper's Document."""
    said = wording()
    result = result if result is not None else check(gmap)
    rules = catalogue()
    date = long_date(gmap.as_of)
    errors, warnings, infos = (result.count(s) for s in ("error", "warning", "info"))
    doc = Document(
        title=said["title"].format(area=gmap.area), lede=said["lede"].format(area=gmap.area, date=date)
    )
    summary = (
        f"The map of {gmap.area}'s governance as it stands on {date} holds "
        f"{count(len(gmap.boards), 'board')} and {count(len(gmap.links), 'link')} "
        f"between them. Checked against the rules of good governance"
        f"{' and the statutory rule packs ' + join(list(gmap.rules)) if gmap.rules else ''}"
        f", it shows {count(errors, 'error')}, {count(warnings, 'warning')} and "
        f"{count(infos, 'point')} of information still open, and "
        f"{count(len(result.accepted), 'gap')} accepted "
        "with reasons."
    )
    doc.sections.append(_part("summary", said["summary"], [Para((summary,))]))
    recommendations = [("That the committee notes the governance gaps set out in section 4.",)]
    if errors:
        recommendations.append(
            (
                f"That the committee asks officers to close the "
                f"{count(errors, 'error')} in section 4 and report back.",
            )
        )
    if warnings:
        recommendations.append(
            (
                f"That the committee agrees, for each of the "
                f"{count(warnings, 'warning')}, either the action in section 4 "
                "or a reason to accept the gap.",
            )
        )
    expiring = [f for f in result.accepted if f.until is not None]
    if result.accepted:
        recommendations.append(
            (
                f"That the committee reviews the {count(len(result.accepted), 'gap')} "
                "accepted in section 5"
                + (", and renews or ends each acceptance before it expires." if expiring else "."),
            )
        )
    doc.sections.append(
        _part("recommendations", said["recommendations"], [Items(tuple(recommendations), ordered=True)])
    )
    background = [
        Para(
            (
                f"boardmap reads the map of {gmap.area}'s strategic boards, committees and "
                "partnerships, and the links between them (who reports to whom, who holds whom "
                "to account, who keeps whom informed), and checks it for gaps: bodies that "
                "answer to no one, statutory duties with no link to carry them, routes for "
                "concerns that lead nowhere.",
            )
        ),
        Para(
            (
                f"The map describes {gmap.area} on {date}. It came from "
                f"{', '.join(Path(s).name for s in gmap.sources) or 'one file'}.",
            )
        ),
    ]
    doc.sections.append(_part("background", said["background"], background))
    blocks: list[Section | Heading | Para | Items | Table] = []
    if not result.open:
        blocks.append(Para((said["none_open"],)))
    for severity in SEVERITIES:
        group = [f for f in result.open if f.severity == severity]
        if not group:
            continue
        blocks.append(Heading(3, (f"{_SEVERITY[severity]} ({len(group)})",)))
        for number, finding in enumerate(group, 1):
            known = rules.get(finding.rule)
            blocks.append(
                Section(
                    None,
                    tuple(
                        _finding(
                            gmap,
                            finding,
                            number,
                            severity,
                            known.fix if known else "",
                            known.summary if known else "",
                        )
                    ),
                    "entry",
                )
            )
    doc.sections.append(_part("findings", said["findings"], blocks))
    accepted: list[Heading | Para | Table] = []
    if result.accepted:
        rows = tuple(
            (
                (f.rule,),
                (_names(gmap, f.boards),),
                ((f.accepted or "").strip(),),
                (long_date(f.until) if f.until else "no end date",),
            )
            for f in result.accepted
        )
        accepted.append(Table(("Accepted gaps",), ("Gap", "Boards", "Reason", "Accepted until"), rows))
    else:
        accepted.append(Para((said["none_accepted"],)))
    doc.sections.append(_part("accepted", said["accepted"], accepted))
    sources = sorted({f.source for f in [*result.open, *result.accepted] if f.source})
    doc.sections.append(
        _part(
            "sources",
            said["sources"],
            [Items(tuple((s,) for s in sources))] if sources else [Para((said["none_sources"],))],
        )
    )
    doc.contents = [(f"#{s.id}", _heading_text(s), []) for s in doc.sections if s.id]
    doc.footer = [f"Made by boardmap from the map of {gmap.area} as it stands on {date}."]
    return doc


def _part(ident: str, title: str, blocks: Sequence[Section | Heading | Para | Items | Table]) -> Section:
    return Section(ident, (Heading(2, (title,)), *blocks))


def _heading_text(section: Section) -> str:
    first = section.blocks[0]
    assert isinstance(first, Heading)
    return "".join(p if isinstance(p, str) else p.text for p in first.text)


def _names(gmap: GovernanceMap, ids: Sequence[str]) -> str:
    return ", ".join(gmap.name_of(i) for i in ids) or "the map as a whole"


def _finding(
    gmap: GovernanceMap, finding: Finding, number: int, severity: str, fix: str, summary: str
) -> list[Heading | Para]:
    said = wording()
    letter = {"error": "E", "warning": "W", "info": "I"}[severity]
    summary = summary[:1].upper() + summary[1:] if summary else finding.rule
    title: Inlines = (f"{letter}{number}. {summary} ({finding.rule})",)
    blocks: list[Heading | Para] = [Heading(4, title), Para((finding.message,))]
    if finding.boards:
        blocks.append(Para((Strong(said["boards"]), " " + _names(gmap, finding.boards))))
    if fix:
        blocks.append(Para((Strong(said["what_to_do"]), " " + fix)))
    if finding.source:
        blocks.append(Para((Strong(said["source"]), " " + finding.source)))
    blocks.append(Para((Strong(said["found_at"]), " " + _place(finding)), prose=False))
    return blocks


def _place(finding: Finding) -> str:
    """Where a finding points: 'boards.yaml, line 42', or in a workbook 'the boards sheet
    of boards.xlsx, row 3'."""
    name = Path(finding.file).name
    book, _, sheet = name.partition(":")
    if sheet and book.lower().endswith((".xlsx", ".xlsm")):
        return f"the {sheet} sheet of {book}, row {finding.line}"
    return f"{name}, line {finding.line}"
