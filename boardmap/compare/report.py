"""The comparison as a document (headings, paragraphs, lists, tables), then as text, Markdown
and JSON. The HTML page (boardmap.compare.html) renders the same document."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from boardmap.compare import say, say_report
from boardmap.compare.records import Comparison


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Items | Table


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]


def document(cmp: Comparison) -> Document:
    areas = cmp.areas
    labels = tuple(a.label for a in areas)
    title = f"How {say.areas_list(list(labels))} compare"
    blocks: list[Block] = [Para(" ".join(say.dates_note(cmp)))]
    blocks += _bodies(cmp, labels)
    blocks += _interfaces(cmp, labels)
    blocks += _routes(cmp)
    blocks += _agreements(cmp)
    blocks += _findings(cmp, labels)
    sources = say.areas_list([f"{a.label} ({a.path})" for a in areas])
    blocks.append(Para(f"Made by boardmap compare from the maps of {sources}."))
    return Document(title, tuple(blocks))


def _bodies(cmp: Comparison, labels: tuple[str, ...]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Which bodies each area has", "bodies")]
    shown = [
        b
        for b in cmp.matching.bodies
        if b.group in ("statutory", "common") or (b.group == "other" and len(b.areas()) > 1)
    ]
    sentences = [say.presence(cmp, b) for b in shown if b.group in ("statutory", "common")]
    if sentences:
        blocks.append(Para(say_report.PRESENCE_NOTE))
        blocks.append(Items(tuple(sentences)))
    blocks.extend(Para(note) for note in say.era_notes(cmp))
    rows = []
    for body in shown:
        how = sorted({say.matched_by(body, i) for i in body.areas()})
        cells = tuple(say.full_names(a, body) or "none" for a in cmp.areas)
        rows.append((body.label, *cells, "; ".join(how)))
    blocks.append(
        Table(
            "Bodies by area (matched by statutory role, then by name; never by id)",
            ("Body", *labels, "Matched by"),
            tuple(rows),
        )
    )
    blocks.append(
        Para(
            "Bodies are matched by their statutory role first, then by a common name "
            "(children's trust, improvement board, executive group, integrated care "
            "partnership, corporate parenting board, multi-agency safeguarding hub), "
            "then by kind and name; never by id. A mapping file (--mapping FILE) can "
            "join bodies the match missed or keep apart ones it joined."
        )
    )
    return blocks


def _interfaces(cmp: Comparison, labels: tuple[str, ...]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "How the bodies work together", "interfaces")]
    differ = [f for f in cmp.interfaces if f.differs]
    same = [f for f in cmp.interfaces if not f.differs]
    if not cmp.interfaces and not cmp.one_sided:
        blocks.append(Para("No two bodies found in more than one area are linked in any of the maps."))
        return blocks
    if differ:
        blocks.append(Para("Where the areas differ:"))
        blocks.append(Items(tuple(say.interface_sentence(cmp, f) for f in differ)))
    if cmp.one_sided:
        blocks.append(Para("Links to bodies that only some areas have:"))
        blocks.append(Items(tuple(say.one_sided_sentence(cmp, o) for o in cmp.one_sided)))
    if same:
        blocks.append(Para("The same in every area that has both bodies:"))
        blocks.append(Items(tuple(say.same_everywhere(cmp, f) for f in same)))
    if cmp.interfaces:
        rows = tuple(
            (f"{f.first.label} and {f.second.label}", *(say.facts_cell(f, a.index) for a in cmp.areas))
            for f in cmp.interfaces
        )
        blocks.append(Table("The links between matched bodies, by area", ("Between", *labels), rows))
    return blocks


def _routes(cmp: Comparison) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Escalation routes", "routes")]
    groups = say_report.route_groups(cmp)
    if groups:
        blocks.append(Items(tuple(say_report.route_sentence(cmp, k, r) for k, r in groups)))
    none = say_report.no_routes(cmp)
    if none:
        blocks.append(Para(none))
    if cmp.routes:
        rows = tuple(
            (
                cmp.areas[r.area].label,
                r.name,
                ", ".join(b.label for b in r.between) or "not matched",
                str(r.steps),
                say_report.settled_by(cmp, r),
            )
            for r in cmp.routes
        )
        blocks.append(
            Table(
                "Escalation routes side by side",
                ("Area", "Route", "Between", "Steps", "Settled last by"),
                rows,
            )
        )
    return blocks


def _agreements(cmp: Comparison) -> list[Block]:
    """The written agreements the maps record (their `agreements` sections), side by side."""
    blocks: list[Block] = [
        Heading(2, "Agreements", "agreements"),
        Items(tuple(say_report.agreements_sentence(cmp, a) for a in cmp.areas)),
    ]
    if cmp.agreements:
        rows = tuple(
            (
                cmp.areas[r.area].label,
                r.name,
                ", ".join(b.label for b in r.between) or "not matched",
                r.status,
                say_report.agreed_by(cmp, r),
                r.review_by or "not given",
            )
            for r in cmp.agreements
        )
        blocks.append(
            Table(
                "Agreements side by side",
                ("Area", "Agreement", "Between", "Status", "Agreed by", "Review by"),
                rows,
            )
        )
    return blocks


def _findings(cmp: Comparison, labels: tuple[str, ...]) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, "Findings by rule", "findings"),
        Para(say_report.FINDINGS_NOTE),
        Items(tuple(say_report.findings_summary(a) for a in cmp.areas)),
    ]
    if cmp.findings:
        rows = tuple(
            (
                f"{row.rule} ({row.severity})",
                *(
                    say_report.finding_cell(row.open.get(a.index, 0), row.accepted.get(a.index, 0))
                    for a in cmp.areas
                ),
            )
            for row in cmp.findings
        )
        blocks.append(Table("Findings per rule per area", ("Rule", *labels), rows))
    return blocks


# -- text and Markdown ----------------------------------------------------------------------


def to_text(doc: Document, width: int = 88) -> str:
    return "\n".join(_text_lines(doc, width)).rstrip("\n") + "\n"


def _text_lines(doc: Document, width: int) -> Iterator[str]:
    yield doc.title
    yield "=" * len(doc.title)
    for block in doc.blocks:
        yield ""
        if isinstance(block, Heading):
            yield block.text
            yield "-" * len(block.text)
        elif isinstance(block, Para):
            yield from textwrap.wrap(block.text, width)
        elif isinstance(block, Items):
            for item in block.items:
                yield from textwrap.wrap(item, width, initial_indent="- ", subsequent_indent="  ")
        else:
            yield from _text_table(block, width)


def _text_table(table: Table, width: int) -> Iterator[str]:
    """A table as records (one per row, a field a line): columns would not fit a terminal."""
    yield table.caption + ":"
    for row in table.rows:
        yield ""
        for n, (name, cell) in enumerate(zip(table.head, row, strict=True)):
            lead = f"  {name}: " if n else ""
            yield from textwrap.wrap(f"{lead}{cell}", width, subsequent_indent="      ") or [""]


def to_markdown(doc: Document) -> str:
    lines = [f"# {_md(doc.title)}"]
    for block in doc.blocks:
        lines.append("")
        if isinstance(block, Heading):
            lines.append(f"{'#' * block.level} {_md(block.text)}")
        elif isinstance(block, Para):
            lines.append(_md(block.text))
        elif isinstance(block, Items):
            lines.extend(f"- {_md(item)}" for item in block.items)
        else:
            lines.append(f"**{_md(block.caption)}**")
            lines.append("")
            lines.append("| " + " | ".join(_cell(h) for h in block.head) + " |")
            lines.append("|" + " --- |" * len(block.head))
            lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    out = text
    for char in ("\\", "*", "_", "[", "]", "<", ">", "#"):
        out = out.replace(char, "\\" + char)
    return out


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|").replace("\n", " ")


# -- JSON -----------------------------------------------------------------------------------


def to_json(cmp: Comparison) -> dict[str, Any]:
    """The comparison's data, without its sentences."""
    areas = cmp.areas
    return {
        "areas": [
            {"label": a.label, "area": a.gmap.area, "file": a.path, "as_of": a.gmap.as_of.isoformat()}
            for a in areas
        ],
        "as_of": cmp.as_of.isoformat() if cmp.as_of else None,
        "different_dates": cmp.different_dates,
        "law_changes_between": cmp.law_changes,
        "bodies": [
            {
                "key": b.key,
                "label": b.label,
                "group": b.group,
                "statutory_role": b.role,
                "in": {
                    areas[i].label: {"boards": ids, "matched_by": b.how.get(i)}
                    for i, ids in sorted(b.ids.items())
                },
            }
            for b in cmp.matching.bodies
            if b.group != "people" or len(b.areas()) > 1
        ],
        "interfaces": [
            {
                "first": f.first.key,
                "second": f.second.key,
                "differs": f.differs,
                "in": {
                    areas[i].label: {
                        "first_to_second": [k for d, k in sorted(fs) if d],
                        "second_to_first": [k for d, k in sorted(fs) if not d],
                    }
                    for i, fs in sorted(f.facts.items())
                },
            }
            for f in cmp.interfaces
        ],
        "routes": [
            {
                "area": areas[r.area].label,
                "id": r.id,
                "name": r.name,
                "between": [b.key for b in r.between],
                "steps": r.steps,
                "settled_last_by": r.settled_by,
            }
            for r in cmp.routes
        ],
        "agreements": [
            {
                "area": areas[r.area].label,
                "id": r.id,
                "name": r.name,
                "between": [b.key for b in r.between],
                "status": r.status,
                "agreed": [{"by": by, "on": on} for by, on in r.agreed_by],
                "review_by": r.review_by,
            }
            for r in cmp.agreements
        ],
        "findings": [
            {
                "rule": row.rule,
                "severity": row.severity,
                "open": {areas[i].label: n for i, n in sorted(row.open.items())},
                "accepted": {areas[i].label: n for i, n in sorted(row.accepted.items())},
            }
            for row in cmp.findings
        ],
    }


def json_text(cmp: Comparison) -> str:
    return json.dumps(to_json(cmp), indent=2, ensure_ascii=False) + "\n"
