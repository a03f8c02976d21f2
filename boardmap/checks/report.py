"""A check's result as text for people, JSON for tools, and SARIF 2.1.0 for code scanning.

Each renderer is a generator of lines (or returns plain data) in a fixed order, so output
is the same byte for byte for the same map.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from boardmap.checks.engine import SEVERITIES, CheckResult, Finding, Rule, catalogue
from boardmap.errors import Problem
from boardmap.load import WORKBOOK_SUFFIXES
from boardmap.messages import one_line
from boardmap.model import GovernanceMap
from boardmap.say import findings as say
from boardmap.say.grammar import long_date
from boardmap.say.vocab import role_name

WIDTH = 88
HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Information"}
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Load errors, for SARIF output of a map that did not load.
LOAD_RULES = {
    "yaml-syntax": "the file is not valid YAML, or uses a feature a map may not use",
    "schema": "a field is missing, misspelt, of the wrong kind, or has a bad value",
    "unknown-board": "an id that names no board in the map",
    "duplicate-id": "two boards, routes or themes with the same id",
}
BOARDS_SHOWN = 6


def _board_names(gmap: GovernanceMap, ids: Sequence[str]) -> str:
    return say.board_list([gmap.name_of(i) for i in ids[:BOARDS_SHOWN]], len(ids))


def _wrapped(text: str, indent: str = "  ") -> list[str]:
    return _wrapper(indent).wrap(text)


@cache
def _wrapper(indent: str) -> textwrap.TextWrapper:
    """One wrapper for each indent, made once (textwrap.wrap makes one for every call)."""
    return textwrap.TextWrapper(
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _finding_lines(gmap: GovernanceMap, finding: Finding, fix: str | None) -> Iterator[str]:
    if finding.column is not None:  # about one value: one line, as a compiler says it
        yield one_line(f"{finding.file}:{finding.line}:{finding.column}: {finding.rule}: {finding.message}")
        if finding.accepted:
            until = f" (until {long_date(finding.until)})" if finding.until else ""
            yield from _wrapped(one_line(f"Accepted: {finding.accepted.strip()}{until}"))
        if fix:
            yield from _wrapped(f"How to fix: {fix}")
        yield ""  # a blank line after each finding, as after the longer form below
        return
    head = f"{finding.file}:{finding.line}: {finding.rule}"
    if finding.boards:
        head += f": {_board_names(gmap, finding.boards)}"
    yield one_line(head)
    yield from _wrapped(one_line(finding.message))
    for line in _accepted_for(finding):
        yield from _wrapped(one_line(line))
    if finding.accepted:
        until = f" (until {long_date(finding.until)})" if finding.until else ""
        yield from _wrapped(one_line(f"Accepted: {finding.accepted.strip()}{until}"))
    if fix:
        yield from _wrapped(f"How to fix: {fix}")
    yield ""


def _accepted_for(finding: Finding) -> Iterator[str]:
    """The missing bodies that accepted entries set aside, one line for each reason."""
    by_reason: dict[tuple[str, dt.date | None], list[str]] = {}
    for item, reason, until in finding.accepted_missing:
        by_reason.setdefault((reason, until), []).append(role_name(item))
    for (reason, until), bodies in by_reason.items():
        yield say.accepted_for(bodies, reason, until)


def summary_line(gmap: GovernanceMap, result: CheckResult) -> str:
    size = (len(gmap.boards), len(gmap.links))
    open_ = (result.count("error"), result.count("warning"), result.count("info"))
    return say.summary(gmap.area, gmap.as_of, size, open_, len(result.accepted))


def text_lines(gmap: GovernanceMap, result: CheckResult, explain: bool = False) -> Iterator[str]:
    """The findings grouped by severity, then the accepted ones, then a summary line."""
    rules = catalogue()
    for severity in SEVERITIES:
        group = [f for f in result.open if f.severity == severity]
        if not group:
            continue
        yield f"{HEADINGS[severity]} ({len(group)})"
        yield ""
        for finding in group:
            fix = rules[finding.rule].fix if explain and finding.rule in rules else None
            yield from _finding_lines(gmap, finding, fix)
    if result.accepted:
        yield f"Accepted ({len(result.accepted)})"
        yield ""
        for finding in result.accepted:
            yield from _finding_lines(gmap, finding, None)
    # How boardmap read what the map does not mark: statutory roles, councils' tiers (issue 14).
    for heading, read in (
        ("Statutory roles read from the map:", result.inferred),
        ("Councils' tiers read from the map:", result.tiers_read),
    ):
        if explain and read:
            yield heading
            yield ""
            for _, sentence in read:
                yield from _wrapped(one_line(sentence))
            yield ""
    if not result.open:
        yield "No open governance gaps."
    yield summary_line(gmap, result)


def as_json(gmap: GovernanceMap, result: CheckResult) -> dict[str, Any]:
    """{"errors": [], "findings": [...], "accepted": [...], "summary": {...}}"""
    return {
        "errors": [],
        "findings": [f.as_json() for f in result.open],
        "accepted": [f.as_json() for f in result.accepted],
        "summary": {
            "loaded": True,
            "errors": 0,
            "findings": len(result.open),
            "by_severity": {s: result.count(s) for s in SEVERITIES},
            "accepted": len(result.accepted),
            "area": gmap.area,
            "as_of": gmap.as_of.isoformat(),
            "boards": len(gmap.boards),
            "links": len(gmap.links),
        },
    }


# -- SARIF ---------------------------------------------------------------------------------


def artifact_uri(file: str) -> str:
    """A file name as a SARIF URI (RFC 3986): relative paths with forward slashes, absolute
    as file:, each percent-encoded, so a name holding a space, '#', '%' or '?' still names
    its file rather than a fragment or a query."""
    path: PurePath = PureWindowsPath(file) if "\\" in file else PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary[:1].upper() + rule.summary[1:] + "."},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": rule.fix},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "properties": {"severity": rule.severity_text},
    }


def _sheet_of(file: str) -> tuple[str, str | None]:
    """A finding in a workbook names its file as 'book.xlsx:sheet': the workbook, and the
    sheet (None for any other file)."""
    book, colon, sheet = file.rpartition(":")
    if colon and book.lower().endswith(WORKBOOK_SUFFIXES) and sheet and not set(sheet) & set("/\\"):
        return book, sheet
    return file, None


def _location(file: str, line: int, column: int | None = None, cell: str | None = None) -> dict[str, Any]:
    book, sheet = _sheet_of(file)
    if sheet is not None:
        # A workbook is not text: its artifact is the .xlsx file, and the place a logical
        # one, the cell or the sheet and row as `boardmap check` writes them ('links!C7',
        # 'links:7'), since a SARIF region's lines would count the lines of a zip file.
        place = f"{sheet}!{cell}" if cell else f"{sheet}:{line}"
        return {
            "physicalLocation": {"artifactLocation": {"uri": artifact_uri(book)}},
            "logicalLocations": [{"name": place, "fullyQualifiedName": place, "kind": "element"}],
        }
    if column is not None:
        return {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(file)},
                "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
            }
        }
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(file)},
            "region": {"startLine": max(line, 1)},
        }
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding.file, finding.line, finding.column)],
        "properties": {"boards": list(finding.boards)},
    }
    if finding.source:
        result["properties"]["source"] = finding.source
    # The statutory finding's facts, as in the JSON (docs/commands.md).
    for key, value in (
        ("requirement", finding.requirement),
        ("missing", list(finding.missing)),
        ("area", finding.area),
    ):
        if value:
            result["properties"][key] = value
    if finding.accepted:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.accepted.strip()}]
    return result


def _run(rules: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    from boardmap.version import __version__

    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "boardmap",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def as_sarif(result: CheckResult) -> dict[str, Any]:
    """SARIF 2.1.0: every rule of the catalogue, then each finding (accepted ones carry a
    suppression with their reason, so code-scanning tools show them as dismissed)."""
    rules = list(catalogue().values())
    index = {r.id: i for i, r in enumerate(rules)}
    results = [_result(f, index) for f in [*result.open, *result.accepted]]
    return _run([_rule_descriptor(r) for r in rules], results)


def problems_sarif(problems: Sequence[Problem]) -> dict[str, Any]:
    """A map that did not load, as SARIF: each problem an error at its line and column."""
    used = sorted({p.rule for p in problems})
    rules = [
        {
            "id": rule_id,
            "shortDescription": {"text": LOAD_RULES.get(rule_id, rule_id)},
            "fullDescription": {"text": LOAD_RULES.get(rule_id, rule_id)},
            "help": {"text": "Fix the map at the place shown and run `boardmap check` again."},
            "defaultConfiguration": {"level": "error"},
        }
        for rule_id in used
    ]
    index = {r: i for i, r in enumerate(used)}
    results = []
    for p in problems:
        location = _location(p.file, p.line, p.column, p.cell)
        results.append(
            {
                "ruleId": p.rule,
                "ruleIndex": index[p.rule],
                "level": "error",
                "message": {"text": p.message},
                "locations": [location],
            }
        )
    return _run(rules, results)


# -- the catalogue --------------------------------------------------------------------------


def catalogue_lines() -> Iterator[str]:
    """`boardmap rules`: each rule's id, severity and what it finds."""
    rules = list(catalogue().values())
    width = max(len(r.id) for r in rules)
    sev_width = max(len(r.severity_text) for r in rules)
    for r in rules:
        yield f"{r.id:<{width}}  {r.severity_text:<{sev_width}}  {r.summary}"


def explain_lines(rule: Rule) -> Iterator[str]:
    """`boardmap explain RULE`: one rule in full, with the pack entries it checks."""
    yield f"{rule.id} ({rule.severity_text})"
    yield ""
    yield from _wrapped(rule.summary[:1].upper() + rule.summary[1:] + ".", "")
    yield ""
    yield from _wrapped(rule.explanation, "")
    yield ""
    yield from _wrapped(f"How to fix: {rule.fix}", "")
    entries = list(_pack_entries(rule.id))
    if entries:
        yield ""
        yield "Statutory requirements checked:"
        for line in entries:
            yield from textwrap.wrap(
                line, WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False
            )


def _pack_entries(rule_id: str) -> Iterator[str]:
    from boardmap.checks.packs import available_packs, load_pack

    section = {
        "missing-statutory-link": "links",
        "missing-statutory-member": "members",
        "statutory-independence": "independence",
        "statutory-duty-not-shown": "links",
        "missing-statutory-body": "bodies",
    }.get(rule_id)
    if section is None:
        return
    for name in available_packs():
        pack = load_pack(name)
        for entry in getattr(pack, section):
            level = entry.severity
            yield f"{name} {entry.id} ({level}): {entry.cited}"
