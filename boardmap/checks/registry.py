"""Findings and the rule registry: what a rule yields, and every rule by its stable id.

A rule is a small function over a `Context` (boardmap.checks.context) that yields
`Finding`s; `rule()` registers it. `boardmap.checks.engine.catalogue()` returns every rule in
catalogue order (the engine imports the rule modules; no rule module imports the engine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
# (from, to, type): a link a finding is about, present or (for statutory rules) missing: the
# `relation` of a boardmap.graph.LinkKey, which names a link that exists by its place too.
LinkKey = tuple[str, str, str]


@dataclass(frozen=True, order=True, init=False)
class Finding:
    """A governance gap in a map that loaded: which rule, how serious, which boards, where.

    Its `__init__` is written out (the fields, in order, with their defaults: checked by
    tests/test_checks.py): a frozen dataclass's own sets each of its 18 fields through
    object.__setattr__, 2.3 us a finding against 0.8 us for one write of the instance's
    dict, and a national map makes 4,900 findings (8 ms)."""

    file: str
    line: int
    rule: str
    severity: Severity
    message: str
    boards: tuple[str, ...] = ()
    source: str | None = None  # the Act or guidance a statutory finding rests on
    accepted: str | None = field(default=None, compare=False)  # the reason, where accepted
    # What the finding is about, so that `accepted:` entries can name it.
    links: tuple[LinkKey, ...] = field(default=(), compare=False)
    theme: str | None = field(default=None, compare=False)
    route: str | None = field(default=None, compare=False)
    # The statutory roles of the bodies the map lacks, and the area that lacks them, where a
    # finding is about a body not in the map (an `accepted:` entry names them by `role`).
    roles: tuple[str, ...] = field(default=(), compare=False)
    area: str | None = field(default=None, compare=False)
    # Each body the map lacks, by its statutory role ("a|b" where either would do), in the
    # order the finding names them: `roles` flattened, kept as the pack writes them for JSON.
    missing: tuple[str, ...] = field(default=(), compare=False)
    # The rule pack's requirement the finding rests on: "england-2023/sab-annual-report".
    requirement: str | None = field(default=None, compare=False)
    # Missing bodies that accepted entries set aside while others stay open: (the body's
    # role as in `missing`, the entry's reason, its `until`), in the order of `missing`.
    accepted_missing: tuple[tuple[str, str, dt.date | None], ...] = field(default=(), compare=False)
    until: dt.date | None = field(default=None, compare=False)  # an acceptance's end date
    # Where a finding is about one value (a link's `says`), its column: 'map.yaml:41:11:'.
    column: int | None = field(default=None, compare=False)

    def __init__(
        self,
        file: str,
        line: int,
        rule: str,
        severity: Severity,
        message: str,
        boards: tuple[str, ...] = (),
        source: str | None = None,
        accepted: str | None = None,
        links: tuple[LinkKey, ...] = (),
        theme: str | None = None,
        route: str | None = None,
        roles: tuple[str, ...] = (),
        area: str | None = None,
        missing: tuple[str, ...] = (),
        requirement: str | None = None,
        accepted_missing: tuple[tuple[str, str, dt.date | None], ...] = (),
        until: dt.date | None = None,
        column: int | None = None,
    ) -> None:
        object.__setattr__(
            self,
            "__dict__",
            {
                "file": file,
                "line": line,
                "rule": rule,
                "severity": severity,
                "message": message,
                "boards": boards,
                "source": source,
                "accepted": accepted,
                "links": links,
                "theme": theme,
                "route": route,
                "roles": roles,
                "area": area,
                "missing": missing,
                "requirement": requirement,
                "accepted_missing": accepted_missing,
                "until": until,
                "column": column,
            },
        )

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "boards": list(self.boards),
            "file": self.file,
            "line": self.line,
        }
        if self.column is not None:
            data["column"] = self.column
        if self.source:
            data["source"] = self.source
        if self.requirement:
            data["requirement"] = self.requirement
        if self.missing:
            data["missing"] = list(self.missing)
        if self.area is not None:
            data["area"] = self.area
        if self.accepted_missing:
            data["accepted_missing"] = [
                {"missing": item, "reason": reason, **({"until": until.isoformat()} if until else {})}
                for item, reason, until in self.accepted_missing
            ]
        if self.accepted:
            data["accepted"] = self.accepted
            if self.until:
                data["until"] = self.until.isoformat()
        return data


# A rule: a function of the checks' Context (boardmap.checks.context), which is not named here so
# that the context, which reads the registry, and the registry do not import each other.


# The findings' order as a sort key: the fields Finding compares, in turn. Sorting by it
# gives the order sorted() gives by Finding's own comparison (4x faster: one tuple for
# each finding, not two for each comparison).
ORDER = attrgetter(*(f.name for f in fields(Finding) if f.compare))


RuleCheck = Callable[[Any], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered gap rule: a small function over the map and its graph."""

    id: str
    severity: Severity
    summary: str
    explanation: str
    fix: str
    check: RuleCheck | None = field(default=None, compare=False, repr=False)
    # How the catalogue states the severity where it varies ("warning (Act) / info (guidance)").
    severity_note: str | None = None

    @property
    def severity_text(self) -> str:
        return self.severity_note or self.severity


RULES: dict[str, Rule] = {}

# A finding that names several missing bodies, some of which `accepted:` entries set aside:
# the rule's function that says the same finding about the rest (the Context, the finding,
# the bodies still missing as in `Finding.missing`). Registered with `narrowing`.
Narrower = Callable[[Any, Finding, tuple[str, ...]], Finding]
NARROWING: dict[str, Narrower] = {}


def narrowing(rule_id: str) -> Callable[[Narrower], Narrower]:
    """Register how a rule says a finding about fewer missing bodies than it first named."""

    def register(func: Narrower) -> Narrower:
        NARROWING[rule_id] = func
        return func

    return register


def rule(
    rule_id: str,
    severity: Severity,
    summary: str,
    explanation: str,
    fix: str,
    severity_note: str | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function under a stable id (the id is a contract: never rename)."""

    def register(func: RuleCheck) -> RuleCheck:
        if rule_id in RULES:
            raise ValueError(f"two rules have the id {rule_id!r}")
        RULES[rule_id] = Rule(rule_id, severity, summary, explanation, fix, func, severity_note)
        return func

    return register
