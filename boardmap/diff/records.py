"""What changed between two maps, as records: a change, its fields before and after, and
the findings that appear or go; and the report they make (text, Markdown, JSON).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from boardmap import words

if TYPE_CHECKING:
    from boardmap.checks.engine import Finding

Status = Literal["added", "removed", "changed"]
Kind = Literal["map", "board", "link", "route", "theme", "agreement"]
LinkKey = tuple[str, str, str, int]

# The groups of a report, in the order a reader meets them.
GROUPS: tuple[tuple[str, Kind, Status | None], ...] = (
    ("The map", "map", None),
    ("Boards added", "board", "added"),
    ("Boards removed", "board", "removed"),
    ("Boards changed", "board", "changed"),
    ("Links added", "link", "added"),
    ("Links removed", "link", "removed"),
    ("Links changed", "link", "changed"),
    ("Escalation routes", "route", None),
    ("Shared priorities (themes)", "theme", None),
    ("Agreements between boards", "agreement", None),
)
# A finding that appears is a new gap; one that goes because its board left the map is not
# a gap resolved, and is said apart (issue 14).
FINDING_GROUPS = (
    ("New gaps", "appeared"),
    ("Findings no longer raised", "resolved"),
    ("Findings gone with a removed board", "removed"),
)
BOARD_FIELDS = (
    "name",
    "short",
    "kind",
    "purpose",
    "chair",
    "independent_chair",
    "members",
    "statutory_role",
    "basis",
    "meets",
    "areas",
    "top",
    "since",
    "until",
    "url",
)
LINK_FIELDS = ("says", "what", "cadence", "basis", "review_by", "since", "until")


@dataclass(frozen=True)
class FieldChange:
    """One field of a board, link, route or theme, before and after."""

    field: str
    old: Any
    new: Any

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": _plain(self.old), "new": _plain(self.new)}


@dataclass(frozen=True)
class Change:
    """A board, link, route, theme or map-wide setting that was added, removed or changed."""

    kind: Kind
    status: Status
    key: tuple[str | int, ...]
    name: str
    sentences: tuple[str, ...]
    fields: tuple[FieldChange, ...] = ()

    def as_json(self) -> dict[str, Any]:
        names = {
            "board": ("id",),
            "route": ("id",),
            "theme": ("id",),
            "agreement": ("id",),
            "map": ("field",),
            "link": ("from", "to", "type", "occurrence"),
        }[self.kind]
        # Data only: the sentences are for people (text and Markdown), made by boardmap.say.
        data: dict[str, Any] = {
            "kind": self.kind,
            "status": self.status,
            "key": dict(zip(names, self.key, strict=True)),
        }
        if self.kind != "link":  # a link is named by its key; its 'name' is a sentence
            data["name"] = self.name
        data["fields"] = [f.as_json() for f in self.fields]
        return data


@dataclass(frozen=True)
class FindingChange:
    """A finding of the checks that one map raises and the other does not."""

    status: Literal["appeared", "resolved", "removed"]
    finding: Finding
    sentence: str

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, **self.finding.as_json()}


@dataclass(frozen=True)
class MapDiff:
    """Everything that differs between two maps, in a deterministic order."""

    area: str
    old_label: str
    new_label: str
    old_as_of: dt.date
    new_as_of: dt.date
    changes: tuple[Change, ...]
    findings: tuple[FindingChange, ...] = ()

    def of(self, kind: Kind, status: Status | None = None) -> list[Change]:
        return [c for c in self.changes if c.kind == kind and status in (None, c.status)]

    @property
    def empty(self) -> bool:
        return not self.changes and not self.findings

    def groups(self) -> list[tuple[str, list[str]]]:
        """(heading, sentences) for every group with something in it."""
        result: list[tuple[str, list[str]]] = []
        for title, kind, status in GROUPS:
            lines = [s for c in self.of(kind, status) for s in c.sentences]
            if lines:
                result.append((title, lines))
        for title, finding_status in FINDING_GROUPS:
            lines = [f.sentence for f in self.findings if f.status == finding_status]
            if lines:
                result.append((title, lines))
        return result

    def summary(self) -> str:
        """One line of counts: '1 board added, 2 changed; 3 links added.'"""
        parts = ["the map's settings changed"] if self.of("map") else []
        nouns: tuple[tuple[Kind, str, str], ...] = (
            ("board", "board", "boards"),
            ("link", "link", "links"),
            ("route", "escalation route", "escalation routes"),
            ("theme", "shared priority", "shared priorities"),
            ("agreement", "agreement", "agreements"),
        )
        for kind, one, many in nouns:
            said: list[str] = []
            for status in ("added", "removed", "changed"):
                n = len(self.of(kind, status))
                if n:
                    noun = "" if said else f" {one if n == 1 else many}"
                    said.append(f"{n}{noun} {status}")
            if said:
                parts.append(", ".join(said))
        new = sum(f.status == "appeared" for f in self.findings)
        gone = sum(f.status == "resolved" for f in self.findings)
        removed = sum(f.status == "removed" for f in self.findings)
        if new:
            parts.append(f"{new} new gap{'s' if new != 1 else ''}")
        if gone:
            parts.append(f"{gone} finding{'s' if gone != 1 else ''} resolved")
        if removed:
            parts.append(f"{removed} finding{'s' if removed != 1 else ''} gone with a removed board")
        return words.sentence("; ".join(parts)) if parts else "No changes."

    def _intro(self) -> tuple[str, str]:
        title = f"Changes to the map of {self.area}'s boards"
        if self.empty:
            return title, f"Nothing changed from {self._sides()}."
        return title, f"From {self._sides()}. In short: {self.summary()}"

    def _sides(self) -> str:
        old_date, new_date = words.long_date(self.old_as_of), words.long_date(self.new_as_of)
        if old_date in self.old_label and new_date in self.new_label:
            return f"{self.old_label} to {self.new_label}"
        if old_date == new_date:
            return f"{self.old_label} to {self.new_label} (both as of {old_date})"
        return f"{self.old_label} (as of {old_date}) to {self.new_label} (as of {new_date})"

    def to_text(self) -> str:
        title, intro = self._intro()
        lines = [title, "", intro]
        for heading, sentences in self.groups():
            lines += ["", heading]
            lines += [f"  - {s}" for s in sentences]
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        title, intro = self._intro()
        lines = [f"## {_md(title)}", "", _md(intro)]
        for heading, sentences in self.groups():
            lines += ["", f"### {_md(heading)}", ""]
            lines += [f"- {_md(s)}" for s in sentences]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        summary: dict[str, dict[str, int]] = {}
        for kind in ("board", "link", "route", "theme", "agreement"):
            summary[kind + "s"] = {s: len(self.of(kind, s)) for s in ("added", "removed", "changed")}
        summary["findings"] = {
            s: sum(f.status == s for f in self.findings) for s in ("appeared", "resolved", "removed")
        }
        return {
            "area": self.area,
            "old": {"label": self.old_label, "as_of": self.old_as_of.isoformat()},
            "new": {"label": self.new_label, "as_of": self.new_as_of.isoformat()},
            "summary": summary,
            "changes": [c.as_json() for c in self.changes],
            "findings": [f.as_json() for f in self.findings],
        }


# -- output helpers ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def _md(text: str) -> str:
    """Text that Markdown shows as written (a board called *Board* stays with its stars)."""
    return text.translate(_MD_SPECIAL)
