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
from boardmap.guide.doc import Code, Document, Heading, Inlines, Items, Para, Section, Strong, Table
from boardmap.model import GovernanceMap
from boardmap.say import paper as say
from boardmap.say.grammar import long_date

FORMATS = ("docx", "md", "html")


def build_paper(gmap: GovernanceMap, result: CheckResult | None = None) -> Document:
    """The committee paper's Document."""
    said = say.WORDING
    result = result if result is not None else check(gmap)
    rules = catalogue()
    date = long_date(gmap.as_of)
    errors, warnings, infos = (result.count(s) for s in ("error", "warning", "info"))
    doc = Document(
        title=said["title"].format(area=gmap.area), lede=said["lede"].format(area=gmap.area, date=date)
    )
    size = (len(gmap.boards), len(gmap.links))
    summary = say.summary(
        gmap.area, gmap.as_of, size, gmap.rules, (errors, warnings, infos), len(result.accepted)
    )
    doc.sections.append(_part("summary", said["summary"], [Para((summary,))]))
    expiring = any(f.until is not None for f in result.accepted)
    recommendations = [
        (text,) for text in say.recommendations(errors, warnings, len(result.accepted), expiring)
    ]
    doc.sections.append(
        _part("recommendations", said["recommendations"], [Items(tuple(recommendations), ordered=True)])
    )
    sources = [Path(source).name for source in gmap.sources]
    background = [Para((text,)) for text in say.background(gmap.area, gmap.as_of, sources)]
    doc.sections.append(_part("background", said["background"], background))
    blocks: list[Section | Heading | Para | Items | Table] = []
    if not result.open:
        blocks.append(Para((said["none_open"],)))
    for severity in SEVERITIES:
        group = [f for f in result.open if f.severity == severity]
        if not group:
            continue
        blocks.append(Heading(3, (f"{say.SEVERITY_HEADINGS[severity]} ({len(group)})",)))
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
        accepted.append(Table((said["accepted_caption"],), say.ACCEPTED_HEAD, rows))
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
    doc.footer = [say.footer(gmap.area, gmap.as_of)]
    return doc


def _part(ident: str, title: str, blocks: Sequence[Section | Heading | Para | Items | Table]) -> Section:
    return Section(ident, (Heading(2, (title,)), *blocks))


def _heading_text(section: Section) -> str:
    first = section.blocks[0]
    assert isinstance(first, Heading)
    return "".join(p if isinstance(p, str) else p.text for p in first.text)


def _names(gmap: GovernanceMap, ids: Sequence[str]) -> str:
    return ", ".join(gmap.name_of(i) for i in ids) or say.WORDING["whole_map"]


def _finding(
    gmap: GovernanceMap, finding: Finding, number: int, severity: str, fix: str, summary: str
) -> list[Heading | Para]:
    said = say.WORDING
    letter = {"error": "E", "warning": "W", "info": "I"}[severity]
    summary = summary[:1].upper() + summary[1:] if summary else finding.rule
    title: Inlines = (f"{letter}{number}. {summary} ({finding.rule})",)
    blocks: list[Heading | Para] = [Heading(4, title), Para(_spans(finding.message))]
    if finding.boards:
        blocks.append(Para((Strong(said["boards"]), " " + _names(gmap, finding.boards))))
    if fix:
        blocks.append(Para((Strong(said["what_to_do"]), " ", *_spans(fix))))
    if finding.source:
        blocks.append(Para((Strong(said["source"]), " " + finding.source)))
    blocks.append(Para((Strong(said["found_at"]), " " + _place(finding)), prose=False))
    return blocks


def _spans(text: str) -> Inlines:
    """A rule's words with their `field` spans as code: a paper in Word or HTML shows
    `members` as code, not with its backticks (text with an odd number of them as written)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return (text,)
    return tuple(Code(part) if n % 2 else part for n, part in enumerate(parts) if part)


def _place(finding: Finding) -> str:
    """Where a finding points: 'boards.yaml, line 42', or in a workbook 'the boards sheet
    of boards.xlsx, row 3'."""
    name = Path(finding.file).name
    book, _, sheet = name.partition(":")
    if sheet and book.lower().endswith((".xlsx", ".xlsm")):
        return say.place(book, finding.line, sheet)
    return say.place(name, finding.line)
