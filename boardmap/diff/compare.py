"""Two maps -> what changed between them, as records (boardmap.diff.records): data only.

Boards are matched by id, or by name where only the id changed; links by (from, to, type)
and their order among links with the same three; escalation routes, themes and agreements
by id. Findings are matched by what they are about, not by how their message words it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from boardmap.checks.engine import check
from boardmap.diff.agreements import agreement_changes
from boardmap.diff.records import (
    BOARD_FIELDS,
    LINK_FIELDS,
    Change,
    Changes,
    FieldChange,
    FindingChange,
    Kind,
    StepChange,
)
from boardmap.graph import LinkKey, link_keys
from boardmap.model import Board, Escalation, GovernanceMap, Link, Theme
from boardmap.names import name_key

if TYPE_CHECKING:
    from boardmap.checks.engine import Finding

_T = TypeVar("_T", Escalation, Theme)


def compare(
    old: GovernanceMap,
    new: GovernanceMap,
    *,
    old_label: str,
    new_label: str,
    findings: bool = True,
    history: bool = False,
    file_names: dict[str, str] | None = None,
) -> Changes:
    """What changed from `old` to `new`, the two sides named by their labels.

    `history=True` compares two dates of one map: there `since` and `until` are how the
    history is written, not changes, so differences in them are not reported.
    `file_names` renames the files findings point at (a git revision read into a temporary
    folder, say) to the names readers know."""
    skip = {"since", "until"} if history else set()
    renames = find_renames(old, new)
    changes: list[Change] = [*_map_changes(old, new)]
    changes += _board_changes(old, new, renames, skip)
    changes += _link_changes(old, new, renames, skip)
    changes += _keyed("route", old.escalations, new.escalations, lambda o, n: _route_change(o, n, renames))
    changes += _keyed("theme", old.themes, new.themes, lambda o, n: _theme_change(o, n, renames))
    if old.agreements or new.agreements:
        changes += agreement_changes(old, new, renames)
    boards: dict[str, Board] = dict(new.by_id)
    for board in old.boards:
        boards.setdefault(renames.get(board.id, board.id), board)
    for board in old.boards:
        boards.setdefault(board.id, board)
    return Changes(
        area=new.area,
        old_label=old_label,
        new_label=new_label,
        old_as_of=old.as_of,
        new_as_of=new.as_of,
        changes=tuple(changes),
        findings=tuple(_finding_changes(old, new, renames, file_names or {})) if findings else (),
        boards=boards,
    )


def find_renames(old: GovernanceMap, new: GovernanceMap) -> dict[str, str]:
    """Old id -> new id for boards whose id changed but whose name did not."""
    gone = {name_key(b.name): b.id for b in old.boards if b.id not in new.by_id}
    renames: dict[str, str] = {}
    for board in new.boards:
        if board.id not in old.by_id:
            old_id = gone.pop(name_key(board.name), None)
            if old_id is not None:
                renames[old_id] = board.id
    return renames


def _ids(ids: list[str], renames: dict[str, str]) -> list[str]:
    return [renames.get(i, i) for i in ids]


# -- the map as a whole ----------------------------------------------------------------------


def _map_changes(old: GovernanceMap, new: GovernanceMap) -> Iterator[Change]:
    for name in ("area", "title", "rules"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield Change("map", "changed", (name,), name, (FieldChange(name, before, after),))


# -- boards -------------------------------------------------------------------------------


def _board_changes(
    old: GovernanceMap, new: GovernanceMap, renames: dict[str, str], skip: set[str]
) -> Iterator[Change]:
    old_by_new_id = {renames.get(b.id, b.id): b for b in old.boards}
    for board in new.boards:
        before = old_by_new_id.get(board.id)
        if before is None:
            yield Change("board", "added", (board.id,), board.name, after=board)
            continue
        fields = tuple(f for f in _board_fields(before, board, renames) if f.field not in skip)
        if fields:
            yield Change("board", "changed", (board.id,), board.name, fields, before=before, after=board)
    for board in old.boards:
        if renames.get(board.id, board.id) not in new.by_id:
            yield Change("board", "removed", (board.id,), board.name, before=board)


def _board_fields(old: Board, new: Board, renames: dict[str, str]) -> Iterator[FieldChange]:
    for name in BOARD_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "chair":
            before, after = _ids(old.chairs, renames), new.chairs
        elif name == "members":
            before = _ids(before, renames)
        if before != after:
            yield FieldChange(name, before, after)


# -- links ---------------------------------------------------------------------------------


def keyed_links(links: list[Link], renames: dict[str, str]) -> dict[LinkKey, Link]:
    """Links by the map's one link key (boardmap.graph.LinkKey: from, to, type and n, the n-th
    link with those three), their ends read through `renames` so two maps' links match."""
    return dict(zip(link_keys(links, renames), links, strict=True))


def _link_changes(
    old: GovernanceMap, new: GovernanceMap, renames: dict[str, str], skip: set[str]
) -> Iterator[Change]:
    before = keyed_links(old.links, renames)
    after = keyed_links(new.links, {})
    for key, link in after.items():
        previous = before.get(key)
        if previous is None:
            yield Change("link", "added", key, "", after=link)
            continue
        fields = tuple(
            FieldChange(f, getattr(previous, f), getattr(link, f))
            for f in LINK_FIELDS
            if f not in skip and getattr(previous, f) != getattr(link, f)
        )
        if fields:
            yield Change("link", "changed", key, "", fields, before=previous, after=link)
    for key, link in before.items():
        if key not in after:
            yield Change("link", "removed", key, "", before=link)


# -- escalation routes and themes ---------------------------------------------------------------


def _keyed(
    kind: Kind, old: list[_T], new: list[_T], compare_two: Callable[[_T, _T], Change | None]
) -> Iterator[Change]:
    """Added (in the new map's order), removed, then changed; matched by id."""
    before = {x.id: x for x in old}
    after = {x.id: x for x in new}
    for item in new:
        if item.id not in before:
            yield Change(kind, "added", (item.id,), item.name, after=item)
    for item in old:
        if item.id not in after:
            yield Change(kind, "removed", (item.id,), item.name, before=item)
    for item in new:
        if item.id in before:
            change = compare_two(before[item.id], item)
            if change:
                yield change


def _changed(
    kind: Kind, old: _T, new: _T, fields: list[FieldChange], steps: tuple[StepChange, ...] = ()
) -> Change | None:
    if not fields:
        return None
    return Change(kind, "changed", (new.id,), new.name, tuple(fields), before=old, after=new, steps=steps)


def _route_change(old: Escalation, new: Escalation, renames: dict[str, str]) -> Change | None:
    fields: list[FieldChange] = []
    if old.name != new.name:
        fields.append(FieldChange("name", old.name, new.name))
    between = _ids(old.between, renames)
    if between != new.between:
        fields.append(FieldChange("between", between, new.between))
    if old.description != new.description:
        fields.append(FieldChange("description", old.description, new.description))
    steps = tuple(_step_changes(old, new, renames))
    if steps:
        fields.append(FieldChange("steps", [s.action for s in old.steps], [s.action for s in new.steps]))
    return _changed("route", old, new, fields, steps=steps)


def _step_changes(old: Escalation, new: Escalation, renames: dict[str, str]) -> Iterator[StepChange]:
    """Steps matched by their words, so that one inserted step is not read as all changed."""
    a = [" ".join(s.action.split()) for s in old.steps]
    b = [" ".join(s.action.split()) for s in new.steps]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                involved = _ids(old.steps[i].involves, renames)
                if involved != new.steps[j].involves:
                    yield StepChange(
                        "involves",
                        j + 1,
                        old_involves=tuple(involved),
                        new_involves=tuple(new.steps[j].involves),
                    )
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(pairs):
            yield StepChange("reworded", j1 + n + 1, a[i1 + n], b[j1 + n])
        for j in range(j1 + pairs, j2):
            yield StepChange("added", j + 1, new=b[j])
        for i in range(i1 + pairs, i2):
            yield StepChange("removed", i + 1, old=a[i])


def _theme_change(old: Theme, new: Theme, renames: dict[str, str]) -> Change | None:
    fields: list[FieldChange] = []
    if old.name != new.name:
        fields.append(FieldChange("name", old.name, new.name))
    lead = renames.get(old.lead, old.lead) if old.lead else None
    if lead != new.lead:
        fields.append(FieldChange("lead", lead, new.lead))
    supports = _ids(old.supports, renames)
    if supports != new.supports:
        fields.append(FieldChange("supports", supports, new.supports))
    if old.description != new.description:
        fields.append(FieldChange("description", old.description, new.description))
    return _changed("theme", old, new, fields)


# -- findings --------------------------------------------------------------------------------

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FindingKey = tuple[Any, ...]


def _finding_key(finding: Finding, renames: dict[str, str]) -> FindingKey:
    """What a finding is about (a theme, a route, links, boards), not how its message words
    it: messages name dates and the boards around a gap, which change when the gap did not.
    A statutory finding is about its pack's requirement too: one board may miss two duties,
    and, serving several areas, one duty in each area (issue 14)."""
    key = _plain_key(finding, renames)
    return (*key, finding.requirement, finding.area) if finding.requirement else key


def _plain_key(finding: Finding, renames: dict[str, str]) -> FindingKey:
    theme, route = getattr(finding, "theme", None), getattr(finding, "route", None)
    if theme or route:
        return (finding.rule, finding.severity, "theme" if theme else "route", theme or route)
    links = tuple(
        sorted((renames.get(a, a), renames.get(b, b), t) for a, b, t in getattr(finding, "links", ()))
    )
    if links:
        return (finding.rule, finding.severity, "links", links)
    if finding.boards:
        return (
            finding.rule,
            finding.severity,
            "boards",
            tuple(sorted(renames.get(b, b) for b in finding.boards)),
        )
    return (finding.rule, finding.severity, "message", " ".join(finding.message.split()))


def _finding_changes(
    old: GovernanceMap, new: GovernanceMap, renames: dict[str, str], file_names: dict[str, str]
) -> Iterator[FindingChange]:
    """New gaps first, then those no longer raised: each resolved (fixed or accepted), or
    gone only because its boards left the map, which is not a gap resolved (issue 14)."""

    def located(f: Finding) -> Finding:
        return replace(f, file=file_names[f.file]) if f.file in file_names else f

    def order(f: Finding) -> tuple[int, str]:
        return (_SEVERITY_ORDER.get(f.severity, 3), f.message)

    before = check(old).open
    result = check(new)
    old_by_key = {_finding_key(f, renames): f for f in before}
    new_keys = {_finding_key(f, {}) for f in result.open}
    accepted_now = {_finding_key(f, {}): f.accepted for f in result.accepted}
    changed: list[FindingChange] = []
    for finding in sorted(result.open, key=order):
        was = old_by_key.get(_finding_key(finding, {}))
        if was is None:
            yield FindingChange("appeared", located(finding))
        elif set(was.missing) != set(finding.missing):
            # The same duty, with other bodies missing: a body left (or joined) the map, and
            # the finding now names more (or fewer) of them; neither new nor resolved.
            changed.append(FindingChange("changed", located(finding), was_missing=was.missing))
    yield from changed
    for finding in sorted(before, key=order):
        key = _finding_key(finding, renames)
        if key in new_keys:
            continue
        reason = accepted_now.get(key)
        gone = tuple(b for b in finding.boards if renames.get(b, b) not in new.by_id)
        if gone and not reason:
            # The board left the map (removed, or ended by its date): nothing was resolved.
            yield FindingChange("removed", located(finding), gone=gone)
        else:
            yield FindingChange("resolved", located(finding), reason=reason)
