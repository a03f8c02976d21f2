"""The diff's report: its records said in sentences (by boardmap.say.diff) as text for the
terminal and Markdown for a committee paper, and as JSON (fields, not prose) for tools.
The shape of the JSON is documented in docs/commands.md."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from boardmap import escape
from boardmap.diff.records import Change, Changes, FindingChange, Kind, Status
from boardmap.model import Agreement, Board, Escalation, Link, Theme
from boardmap.say import diff as say
from boardmap.say import diff_arrangements as said
from boardmap.say.names import free_name, the


@dataclass(frozen=True)
class MapDiff(Changes):
    """Everything that differs between two maps, with the report made from it."""

    @classmethod
    def of_changes(cls, changes: Changes) -> MapDiff:
        return cls(**{name: getattr(changes, name) for name in changes.__dataclass_fields__})

    def name(self, board_id: str) -> str:
        """'the Health and Wellbeing Board'; free text (a chair's name) as written."""
        board = self.boards.get(board_id)
        return the(board) if board else free_name(board_id)

    def sentences(self, change: Change) -> tuple[str, ...]:
        """What a change says, in the order of its fields."""
        return tuple(_sentences(self, change))

    def finding_sentence(self, found: FindingChange) -> str:
        finding = found.finding
        if found.status == "appeared":
            return say.finding_appeared(finding.severity, finding.message)
        if found.status == "removed":
            return say.finding_gone(finding.severity, finding.message, [self.name(b) for b in found.gone])
        if found.status == "changed":
            now, was = set(finding.missing), set(found.was_missing)
            return say.finding_changed(
                finding.severity,
                finding.message,
                [m for m in finding.missing if m not in was],
                [m for m in found.was_missing if m not in now],
            )
        return say.finding_resolved(finding.severity, finding.message, found.reason)

    def groups(self) -> list[tuple[str, list[str]]]:
        """(heading, sentences) for every group with something in it."""
        result: list[tuple[str, list[str]]] = []
        for kind, status, heading in say.GROUP_HEADINGS:
            lines = [
                s for c in self.of(cast(Kind, kind), cast(Status | None, status)) for s in self.sentences(c)
            ]
            if lines:
                result.append((heading, lines))
        for finding_status, heading in say.FINDING_HEADINGS:
            lines = [self.finding_sentence(f) for f in self.findings if f.status == finding_status]
            if lines:
                result.append((heading, lines))
        return result

    def summary(self) -> str:
        """One line of counts: '1 board added, 2 changed; 3 links added.'"""
        return say.summary(self.counts(), self.finding_counts(), bool(self.of("map")))

    def _intro(self) -> tuple[str, str]:
        sides = say.sides(self.old_label, self.new_label, self.old_as_of, self.new_as_of)
        return say.intro(self.area, sides, None if self.empty else self.summary())

    def to_text(self) -> str:
        return "\n".join(_text(self)) + "\n"

    def to_markdown(self) -> str:
        return "\n".join(_markdown(self)) + "\n"

    def to_json(self) -> dict[str, Any]:
        """Fields, not prose: see docs/commands.md for the shape."""
        summary: dict[str, dict[str, int]] = {kind + "s": n for kind, n in self.counts().items()}
        summary["findings"] = self.finding_counts()
        return {
            "area": self.area,
            "old": {"label": self.old_label, "as_of": self.old_as_of.isoformat()},
            "new": {"label": self.new_label, "as_of": self.new_as_of.isoformat()},
            "summary": summary,
            "changes": [c.as_json() for c in self.changes],
            "findings": [f.as_json() for f in self.findings],
        }


def _text(result: MapDiff) -> Iterator[str]:
    title, intro = result._intro()
    yield from (title, "", intro)
    for heading, sentences in result.groups():
        yield from ("", heading)
        yield from (f"  - {s}" for s in sentences)


def _markdown(result: MapDiff) -> Iterator[str]:
    title, intro = result._intro()
    yield from (f"## {escape.markdown(title)}", "", escape.markdown(intro))
    for heading, sentences in result.groups():
        yield from ("", f"### {escape.markdown(heading)}", "")
        yield from (f"- {escape.markdown(s)}" for s in sentences)


# -- each kind of change, said ---------------------------------------------------------------


def _sentences(result: MapDiff, change: Change) -> Iterator[str]:
    name = result.name
    before, after = change.before, change.after
    if change.kind == "map":
        for f in change.fields:
            yield say.map_change(f.field, f.old, f.new)
    elif change.kind == "board":
        if change.status == "added":
            yield say.board_added(cast(Board, after), result.old_as_of, name)
        elif change.status == "removed":
            yield say.board_removed(cast(Board, before), result.new_as_of)
        else:
            for f in change.fields:
                yield from say.board_changed(
                    cast(Board, before), cast(Board, after), f.field, f.old, f.new, name
                )
    elif change.kind == "link":
        source, target, link_type = str(change.key[0]), str(change.key[1]), str(change.key[2])
        if change.status == "added":
            yield say.link_added(cast(Link, after), source, target, name)
        elif change.status == "removed":
            yield say.link_removed(cast(Link, before), source, target, name)
        else:
            for f in change.fields:
                yield say.link_changed(source, target, link_type, f.field, f.old, f.new, name)
    elif change.kind == "route":
        yield from _route(change, name)
    elif change.kind == "theme":
        yield from _theme(change, name)
    else:
        yield from _agreement(change, name)


def _route(change: Change, name: say.Namer) -> Iterator[str]:
    if change.status == "added":
        yield said.route_added(cast(Escalation, change.after), name)
        return
    if change.status == "removed":
        yield said.route_removed(cast(Escalation, change.before))
        return
    route = cast(Escalation, change.after)
    for f in change.fields:
        if f.field != "steps":
            yield said.route_changed(route, f.field, f.old, f.new, name)
    for step in change.steps:
        involves = (step.old_involves, step.new_involves) if step.what == "involves" else None
        yield said.step_changed(route, step.what, step.number, step.old, step.new, involves, name)


def _theme(change: Change, name: say.Namer) -> Iterator[str]:
    if change.status == "added":
        yield said.theme_added(cast(Theme, change.after), name)
    elif change.status == "removed":
        yield said.theme_removed(cast(Theme, change.before))
    else:
        for f in change.fields:
            yield from said.theme_changed(cast(Theme, change.after), f.field, f.old, f.new, name)


def _agreement(change: Change, name: say.Namer) -> Iterator[str]:
    facts = change.agreement
    assert facts is not None
    if change.status == "added":
        yield said.agreement_added(cast(Agreement, change.after), facts.standing, name)
        return
    if change.status == "removed":
        yield said.agreement_removed(cast(Agreement, change.before), facts.ended_on)
        return
    old, new = cast(Agreement, change.before), cast(Agreement, change.after)
    for f in change.fields:
        if f.field == "agreed":
            for a in facts.approvals:
                yield said.agreement_signed(new, a.by, a.on, a.ref, a.recorded, name)
        else:
            yield said.agreement_changed(
                old, new, f.field, name, covered=facts.covered, lapsed=facts.review_lapsed
            )
