"""Findings and running the gap rules over a map."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    """A governance gap in a map that loaded: which rule, how serious, which boards, where."""

    file: str
    line: int
    rule: str
    severity: Severity
    message: str
    boards: tuple[str, ...] = ()
    source: str | None = None  # the Act or guidance a statutory finding rests on
    accepted: str | None = field(default=None, compare=False)  # the reason, where accepted

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "boards": list(self.boards),
            "file": self.file,
            "line": self.line,
        }
        if self.source:
            data["source"] = self.source
        if self.accepted:
            data["accepted"] = self.accepted
        return data


@dataclass(frozen=True)
class Rule:
    """A registered gap rule: a small function over the map and its graph."""

    id: str
    severity: Severity
    summary: str
    explanation: str
    fix: str


RULES: dict[str, Rule] = {}


def run_checks(gmap: object) -> list[Finding]:
    """Every open finding of every registered rule, sorted by file and line."""
    findings: list[Finding] = []
    return sorted(findings)
