"""What changed between two maps, as typed records: data only, no sentences.

A `Change` is a board, link, escalation route, shared priority, agreement or map-wide
setting that was added, removed or changed, with the item before and after and each changed
field's old and new value; a `FindingChange` is a finding of the checks that one map raises
and the other does not. boardmap.diff.output says them; `as_json` gives them to tools.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from boardmap.graph import LinkKey as LinkKey  # the one link key, re-exported for the diff
from boardmap.model import Agreement, Board, Escalation, Link, Theme

if TYPE_CHECKING:
    from boardmap.checks.engine import Finding

Status = Literal["added", "removed", "changed"]
Kind = Literal["map", "board", "link", "route", "theme", "agreement"]
Item = Board | Link | Escalation | Theme | Agreement

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
# How each kind's key is named in JSON.
KEY_NAMES: dict[str, tuple[str, ...]] = {
    "board": ("id",),
    "route": ("id",),
    "theme": ("id",),
    "agreement": ("id",),
    "map": ("field",),
    "link": ("from", "to", "type", "occurrence"),
}


def plain(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO text, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass(frozen=True)
class FieldChange:
    """One field of a board, link, route, theme or agreement, before and after."""

    field: str
    old: Any
    new: Any

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": plain(self.old), "new": plain(self.new)}


@dataclass(frozen=True)
class StepChange:
    """One step of an escalation route: its boards changed ('involves'), its words changed
    ('reworded'), or the step 'added' or 'removed'. `number` counts from 1: the new step's
    place, or the old one's for a removed step."""

    what: Literal["involves", "reworded", "added", "removed"]
    number: int
    old: str | None = None
    new: str | None = None
    old_involves: tuple[str, ...] = ()
    new_involves: tuple[str, ...] = ()


@dataclass(frozen=True)
class Approval:
    """A board's approval of an agreement that is newly recorded (`recorded`) or no longer."""

    by: str
    on: dt.date
    ref: str | None
    recorded: bool


@dataclass(frozen=True)
class AgreementFacts:
    """What the sentences about an agreement need beyond its fields: where a new agreement
    stands (agreements.standing's clause), the day a removed one ended, approvals recorded or
    no longer, how many links it now sets out, and whether its review date passed."""

    standing: str = ""
    ended_on: dt.date | None = None
    approvals: tuple[Approval, ...] = ()
    covered: int = 0
    review_lapsed: bool = False


@dataclass(frozen=True)
class Change:
    """A board, link, route, theme, agreement or map-wide setting added, removed or changed.

    `before` and `after` are the item in the old and the new map (None where it is not in
    one); `fields` the fields that changed, ids already read through the board renames."""

    kind: Kind
    status: Status
    key: tuple[str | int, ...]
    name: str
    fields: tuple[FieldChange, ...] = ()
    before: Item | None = None
    after: Item | None = None
    steps: tuple[StepChange, ...] = ()
    agreement: AgreementFacts | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "status": self.status,
            "key": dict(zip(KEY_NAMES[self.kind], self.key, strict=True)),
        }
        if self.kind != "link":  # a link is named by its key
            data["name"] = self.name
        data["fields"] = [f.as_json() for f in self.fields]
        return data


# The order a report gives findings in: new gaps, changed ones, then those no longer raised.
FINDING_STATUSES = ("appeared", "changed", "resolved", "removed")


@dataclass(frozen=True)
class FindingChange:
    """A finding of the checks that one map raises and the other does not: 'appeared' (a new
    gap), 'resolved' (fixed, or accepted with `reason`), or 'removed' (gone only because the
    boards in `gone` left the map, which resolves nothing); or one both raise whose missing
    bodies differ, 'changed' (`was_missing` holds the old map's; `finding` is the new one)."""

    status: Literal["appeared", "resolved", "removed", "changed"]
    finding: Finding
    reason: str | None = None
    gone: tuple[str, ...] = ()
    was_missing: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        data = {"status": self.status, **self.finding.as_json()}
        if self.status == "changed":
            data["was_missing"] = list(self.was_missing)
        return data


@dataclass(frozen=True)
class Changes:
    """Everything that differs between two maps, in a deterministic order. `boards` holds
    every board of either map by id (the new map's first, then the old map's under their
    new ids, then under their old ones), to name the bodies a change mentions."""

    area: str
    old_label: str
    new_label: str
    old_as_of: dt.date
    new_as_of: dt.date
    changes: tuple[Change, ...]
    findings: tuple[FindingChange, ...] = ()
    boards: Mapping[str, Board] = field(default_factory=dict, compare=False, repr=False)

    def of(self, kind: Kind, status: Status | None = None) -> list[Change]:
        return [c for c in self.changes if c.kind == kind and status in (None, c.status)]

    @property
    def empty(self) -> bool:
        return not self.changes and not self.findings

    def counts(self) -> dict[str, dict[str, int]]:
        """kind -> status -> how many changes."""
        return {
            kind: {s: len(self.of(kind, s)) for s in ("added", "removed", "changed")}
            for kind in ("board", "link", "route", "theme", "agreement")
        }

    def finding_counts(self) -> dict[str, int]:
        return {s: sum(f.status == s for f in self.findings) for s in FINDING_STATUSES}
