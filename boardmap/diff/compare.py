"""Two maps -> what changed between them: boards, links, routes, themes, settings, findings.

Boards are matched by id, or by name where only the id changed (readers never see ids);
links by (from, to, type) and their order among links with the same three; escalation
routes and themes by id.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from boardmap import words
from boardmap.diff.agreements import agreement_changes
from boardmap.diff.records import (
    BOARD_FIELDS,
    LINK_FIELDS,
    Change,
    FieldChange,
    FindingChange,
    LinkKey,
    MapDiff,
    Status,
)
from boardmap.model import Board, Escalation, GovernanceMap, Link, Theme
from boardmap.names import name_key
from boardmap.say import vocab
from boardmap.say.diff import says_changed
from boardmap.say.names import free_name

if TYPE_CHECKING:
    from boardmap.checks.engine import Finding


def diff_maps(
    old: GovernanceMap,
    new: GovernanceMap,
    *,
    old_label: str | None = None,
    new_label: str | None = None,
    findings: bool = True,
    history: bool = False,
    file_names: dict[str, str] | None = None,
) -> MapDiff:
    """What changed from `old` to `new`: boards, links, routes, themes, settings, findings.

    `history=True` compares two dates of one map: there `since` and `until` are how the
    history is written, not changes, so differences in them are not reported.
    `file_names` renames the files findings point at (a git revision read into a temporary
    folder, say) to the names readers know.
    """
    skip = {"since", "until"} if history else set()
    renames = _renames(old, new)
    names = _Names(old, new, renames)
    changes: list[Change] = []
    changes += _map_changes(old, new)
    changes += _board_changes(old, new, renames, names, skip)
    changes += _link_changes(old, new, renames, names, skip)
    changes += _keyed_changes(
        old.escalations,
        new.escalations,
        lambda r: r.id,
        lambda o, n, s: _route_change(o, n, s, names, renames),
    )
    changes += _keyed_changes(
        old.themes, new.themes, lambda t: t.id, lambda o, n, s: _theme_change(o, n, s, names, renames)
    )
    if old.agreements or new.agreements:
        changes += agreement_changes(old, new, names.the, renames)
    return MapDiff(
        area=new.area,
        old_label=old_label or f"the map as of {words.long_date(old.as_of)}",
        new_label=new_label or f"the map as of {words.long_date(new.as_of)}",
        old_as_of=old.as_of,
        new_as_of=new.as_of,
        changes=tuple(changes),
        findings=tuple(_finding_changes(old, new, renames, file_names or {})) if findings else (),
    )


# -- names ---------------------------------------------------------------------------------


class _Names:
    """Board names as sentences say them, looked up in the new map, then the old."""

    def __init__(self, old: GovernanceMap, new: GovernanceMap, renames: dict[str, str]) -> None:
        self.new = new.by_id
        self.old = {renames.get(k, k): v for k, v in old.by_id.items()}
        self.old_raw = old.by_id

    def board(self, board_id: str) -> Board | None:
        return self.new.get(board_id) or self.old.get(board_id) or self.old_raw.get(board_id)

    def the(self, board_id: str) -> str:
        """'the Health and Wellbeing Board'; free text (a chair's name) as written."""
        board = self.board(board_id)
        return words.the(board) if board else free_name(board_id)

    def the_all(self, ids: list[str]) -> str:
        return words.join_names([self.the(i) for i in ids])


def _the_label(board: Board) -> str:
    return words.the(board) + (f" ({board.short})" if board.short else "")


def _renames(old: GovernanceMap, new: GovernanceMap) -> dict[str, str]:
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
    if old.area != new.area:
        yield _map_change(
            "area", old.area, new.area, f"The map now describes {new.area} (previously {old.area})."
        )
    if old.title != new.title:
        text = f'The map\'s title is now "{new.title}"' if new.title else "The map no longer has a title"
        yield _map_change(
            "title",
            old.title,
            new.title,
            words.sentence(text + (f' (previously "{old.title}")' if old.title else "")),
        )
    if old.rules != new.rules:
        before = f"the {words.join_names(old.rules)} rules" if old.rules else "no rule pack"
        text = (
            f"The map is now checked against the {words.join_names(new.rules)} rules (previously {before})."
            if new.rules
            else f"The map is no longer checked against any rule pack (previously {before})."
        )
        yield _map_change("rules", old.rules, new.rules, text)


def _map_change(field: str, old: Any, new: Any, text: str) -> Change:
    return Change("map", "changed", (field,), field, (text,), (FieldChange(field, old, new),))


# -- boards -------------------------------------------------------------------------------


def _board_changes(
    old: GovernanceMap, new: GovernanceMap, renames: dict[str, str], names: _Names, skip: set[str]
) -> Iterator[Change]:
    old_by_new_id = {renames.get(b.id, b.id): b for b in old.boards}
    for board in new.boards:
        before = old_by_new_id.get(board.id)
        if before is None:
            yield Change("board", "added", (board.id,), board.name, (_board_added(board, old.as_of, names),))
            continue
        fields = tuple(f for f in _board_fields(before, board, renames) if f.field not in skip)
        if fields:
            sentences = tuple(s for f in fields for s in _board_sentences(before, board, f, names))
            yield Change("board", "changed", (board.id,), board.name, sentences, fields)
    for board in old.boards:
        if renames.get(board.id, board.id) not in new.by_id:
            yield Change("board", "removed", (board.id,), board.name, (_board_removed(board, new.as_of),))


def _board_added(board: Board, old_as_of: dt.date, names: _Names) -> str:
    text = f"{_the_label(board)} is a new {words.KIND_NAMES.get(board.kind, board.kind)}"
    if board.chairs:
        text += f", chaired {_chairs(board.chairs, names)}"
    text = words.sentence(text)
    if board.since is not None and board.since > old_as_of:
        text += f" It started on {words.long_date(board.since)}."
    if board.purpose:
        text += f" Its purpose: {_quote(board.purpose)}"
    return text


def _board_removed(board: Board, new_as_of: dt.date) -> str:
    text = words.sentence(f"{_the_label(board)} is no longer part of the arrangements")
    if board.until is not None and board.until <= new_as_of:
        text += f" It ended on {words.long_date(board.until)}."
    return text


def _board_fields(old: Board, new: Board, renames: dict[str, str]) -> Iterator[FieldChange]:
    for name in BOARD_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "chair":
            before, after = _ids(old.chairs, renames), new.chairs
        elif name == "members":
            before = _ids(before, renames)
        if before != after:
            yield FieldChange(name, before, after)


def _chairs(chairs: list[str], names: _Names) -> str:
    said = names.the_all(chairs)
    return f"jointly by {said}" if len(chairs) > 1 else f"by {said}"


def _quote(text: str) -> str:
    return words.sentence(f'"{" ".join(text.split())}"')


def _date_or(value: dt.date | None, none: str) -> str:
    return words.long_date(value) if value is not None else none


def _board_sentences(old: Board, new: Board, change: FieldChange, names: _Names) -> Iterator[str]:
    the = words.the(new)
    before, after = change.old, change.new
    field = change.field
    if field == "name":
        yield words.sentence(f"{words.the(old)} is now called {the}")
    elif field == "short":
        yield words.sentence(
            f"{the} is now abbreviated to {after}" + (f" (previously {before})" if before else "")
            if after
            else f"{the} no longer has an abbreviation (previously {before})"
        )
    elif field == "kind":
        yield words.sentence(f"{the} is now {words.a_kind(after)} (previously {words.a_kind(before)})")
    elif field == "purpose":
        if after and before:
            yield (
                words.sentence(f"the purpose of {the} now reads: {_quote(after)}")
                + f" It previously read: {_quote(before)}"
            )
        elif after:
            yield words.sentence(f"{the} now has a stated purpose: {_quote(after)}")
        else:
            yield words.sentence(f"{the} no longer has a stated purpose") + (
                f" It previously read: {_quote(before)}"
            )
    elif field == "chair":
        if after:
            yield words.sentence(
                f"{the} is now chaired {_chairs(after, names)} "
                + (f"(previously {_chairs(before, names)})" if before else "(no chair was recorded before)")
            )
        else:
            yield words.sentence(
                f"{the} no longer has a chair recorded (previously chaired {_chairs(before, names)})"
            )
    elif field == "independent_chair":
        yield words.sentence(
            f"{the} now has an independent chair" if after else f"{the} no longer has an independent chair"
        )
    elif field == "members":
        yield from _membership(the, before, after, names)
    elif field == "statutory_role":
        role = vocab.role_phrase
        yield words.sentence(
            (
                f"in law, {the} is now {role(after)}"
                if after
                else f"{the} no longer has a statutory role in the map"
            )
            + (f" (previously {role(before)})" if before else "")
        )
    elif field == "basis":
        yield words.sentence(
            (
                f"the legal basis of {the} is now {after}"
                if after
                else f"{the} no longer has a legal basis recorded"
            )
            + (f" (previously {before})" if before else "")
        )
    elif field == "meets":
        yield words.sentence(
            (f"{the} now meets {after}" if after else f"how often {the} meets is no longer recorded")
            + (f" (previously {before})" if before else "")
        )
    elif field == "areas":
        yield words.sentence(
            f"{the} now covers {words.join_names(after) or 'no named area'} "
            f"(previously {words.join_names(before) or 'no named area'})"
        )
    elif field == "top":
        yield words.sentence(
            f"{the} is now shown as answering to no other body in this map"
            if after
            else f"{the} is now expected to answer to another body in this map"
        )
    elif field in ("since", "until"):
        yield words.sentence(f"{the} {_dates_sentence(field, before, after)}")
    elif field == "url":
        yield words.sentence(
            f"the web page of {the} is now {after}" if after else f"{the} no longer has a web page recorded"
        )


def _membership(the: str, before: list[str], after: list[str], names: _Names) -> Iterator[str]:
    joined = [m for m in after if m not in before]
    left = [m for m in before if m not in after]
    if joined:
        verb = "sits" if len(joined) == 1 else "sit"
        yield words.sentence(f"{names.the_all(joined)} now {verb} on {the}")
    if left:
        verb = "sits" if len(left) == 1 else "sit"
        yield words.sentence(f"{names.the_all(left)} no longer {verb} on {the}")
    if not joined and not left:
        yield words.sentence(f"the members of {the} are now listed in a different order")


def _dates_sentence(field: str, before: dt.date | None, after: dt.date | None) -> str:
    if field == "since":
        return (
            f"is now in force from {words.long_date(after)} (previously {_date_or(before, 'no start date')})"
            if after
            else f"no longer has a start date (previously {_date_or(before, '')})"
        )
    return (
        f"now ends on {words.long_date(after)} (previously {_date_or(before, 'no end date')})"
        if after
        else f"no longer has an end date (previously {_date_or(before, '')})"
    )


# -- links ---------------------------------------------------------------------------------


def _keyed_links(links: list[Link], renames: dict[str, str]) -> dict[LinkKey, Link]:
    """Links by (from, to, type, n): the n-th link with those three, as graph.edge_key numbers them."""
    seen: dict[tuple[str, str, str], int] = {}
    keyed: dict[LinkKey, Link] = {}
    for link in links:
        triple = (renames.get(link.from_, link.from_), renames.get(link.to, link.to), link.type)
        seen[triple] = seen.get(triple, 0) + 1
        keyed[(*triple, seen[triple])] = link
    return keyed


def _link_changes(
    old: GovernanceMap, new: GovernanceMap, renames: dict[str, str], names: _Names, skip: set[str]
) -> Iterator[Change]:
    before = _keyed_links(old.links, renames)
    after = _keyed_links(new.links, {})
    for key, link in after.items():
        previous = before.get(key)
        if previous is None:
            yield Change(
                "link",
                "added",
                key,
                _link_name(key, names),
                (
                    words.sentence(
                        f"{names.the(key[0])} now {words.link_clause(link, names.the(key[1]))} (new)"
                    ),
                ),
            )
            continue
        fields = tuple(
            FieldChange(f, getattr(previous, f), getattr(link, f))
            for f in LINK_FIELDS
            if f not in skip and getattr(previous, f) != getattr(link, f)
        )
        if fields:
            yield Change(
                "link",
                "changed",
                key,
                _link_name(key, names),
                tuple(_link_sentence(key, f, names) for f in fields),
                fields,
            )
    for key, link in before.items():
        if key not in after:
            yield Change(
                "link",
                "removed",
                key,
                _link_name(key, names),
                (
                    words.sentence(
                        f"{names.the(key[0])} no longer "
                        f"{words.link_clause(link, names.the(key[1]))} (removed)"
                    ),
                ),
            )


def _link_name(key: LinkKey, names: _Names) -> str:
    return words.sentence(f"{names.the(key[0])} " + words.LINK_VERBS[key[2]].format(b=names.the(key[1])))[:-1]


def _link_sentence(key: LinkKey, change: FieldChange, names: _Names) -> str:
    said = _link_name(key, names)
    before, after = change.old, change.new
    if change.field == "cadence":
        now = f"now {words.cadence_phrase(after)}" if after else "how often is no longer recorded"
        was = f"previously {words.cadence_phrase(before)}" if before else "how often was not recorded before"
        return f"{said}: {now} ({was})."
    if change.field == "what":
        now = f"it now sends {words.thing_sent(after)}" if after else "what it sends is no longer recorded"
        was = f"previously {words.thing_sent(before)}" if before else "nothing was recorded before"
        return f"{said}: {now} ({was})."
    if change.field == "says":
        return says_changed(said, before, after, key[2], to=names.the(key[1]), from_=names.the(key[0]))
    if change.field == "basis":
        now = f"this now rests on {after}" if after else "no agreement behind this is recorded now"
        return f"{said}: {now}" + (f" (previously {before})." if before else ".")
    if change.field == "review_by":
        now = f"due for review by {words.long_date(after)}" if after else "no review date now"
        return f"{said}: {now} (previously {_date_or(before, 'no review date')})."
    return f"{said}: the link {_dates_sentence(change.field, before, after)}."


# -- escalation routes and themes ---------------------------------------------------------------


def _keyed_changes(
    old: list[Any],
    new: list[Any],
    key: Callable[[Any], str],
    compare: Callable[[Any, Any, Status], Change | None],
) -> Iterator[Change]:
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    for item in new:
        if key(item) not in before:
            change = compare(None, item, "added")
            if change:
                yield change
    for item in old:
        if key(item) not in after:
            change = compare(item, None, "removed")
            if change:
                yield change
    for item in new:
        if key(item) in before:
            change = compare(before[key(item)], item, "changed")
            if change:
                yield change


def _route_change(
    old: Escalation | None, new: Escalation | None, status: Status, names: _Names, renames: dict[str, str]
) -> Change | None:
    if new is not None and old is None:
        steps = len(new.steps)
        text = (
            f'There is a new escalation route, "{new.name}", for concerns between '
            f"{names.the_all(new.between)}, in {steps} step{'s' if steps != 1 else ''}."
        )
        return Change("route", "added", (new.id,), new.name, (text,))
    if old is not None and new is None:
        return Change(
            "route",
            "removed",
            (old.id,),
            old.name,
            (f'The escalation route "{old.name}" is no longer in the map.',),
        )
    assert old is not None and new is not None
    fields: list[FieldChange] = []
    sentences: list[str] = []
    quoted = f'"{new.name}"'
    if old.name != new.name:
        fields.append(FieldChange("name", old.name, new.name))
        sentences.append(f'The escalation route "{old.name}" is now called {quoted}.')
    between = _ids(old.between, renames)
    if between != new.between:
        fields.append(FieldChange("between", between, new.between))
        sentences.append(
            f"The escalation route {quoted} now settles concerns between "
            f"{names.the_all(new.between)} (previously {names.the_all(between)})."
        )
    if old.description != new.description:
        fields.append(FieldChange("description", old.description, new.description))
        sentences.append(
            f"The description of the escalation route {quoted} now reads: {_quote(new.description)}"
            if new.description
            else f"The escalation route {quoted} no longer has a description."
        )
    step_sentences = list(_step_sentences(old, new, quoted, names, renames))
    if step_sentences:
        fields.append(FieldChange("steps", [s.action for s in old.steps], [s.action for s in new.steps]))
        sentences += step_sentences
    if not fields:
        return None
    return Change("route", "changed", (new.id,), new.name, tuple(sentences), tuple(fields))


def _step_sentences(
    old: Escalation, new: Escalation, quoted: str, names: _Names, renames: dict[str, str]
) -> Iterator[str]:
    """Steps matched by their words, so that one inserted step is not read as all changed."""
    a = [" ".join(s.action.split()) for s in old.steps]
    b = [" ".join(s.action.split()) for s in new.steps]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                involved = _ids(old.steps[i].involves, renames)
                if involved != new.steps[j].involves:
                    yield (
                        f"Step {j + 1} of {quoted} now involves "
                        f"{names.the_all(new.steps[j].involves) or 'no named board'} "
                        f"(previously {names.the_all(involved) or 'no named board'})."
                    )
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(pairs):
            yield (
                f"Step {j1 + n + 1} of {quoted} now reads: {_quote(b[j1 + n])} "
                f"It previously read: {_quote(a[i1 + n])}"
            )
        for j in range(j1 + pairs, j2):
            yield f"{quoted} has a new step {j + 1}: {_quote(b[j])}"
        for i in range(i1 + pairs, i2):
            yield f"Step {i + 1} of {quoted} has been removed. It read: {_quote(a[i])}"


def _theme_change(
    old: Theme | None, new: Theme | None, status: Status, names: _Names, renames: dict[str, str]
) -> Change | None:
    if new is not None and old is None:
        text = f'There is a new shared priority, "{new.name}"'
        text += f", led by {names.the(new.lead)}" if new.lead else ", with no lead board yet"
        if new.supports:
            text += f" and supported by {names.the_all(new.supports)}"
        return Change("theme", "added", (new.id,), new.name, (text + ".",))
    if old is not None and new is None:
        return Change(
            "theme",
            "removed",
            (old.id,),
            old.name,
            (f'The shared priority "{old.name}" is no longer in the map.',),
        )
    assert old is not None and new is not None
    quoted = f'"{new.name}"'
    fields: list[FieldChange] = []
    sentences: list[str] = []
    if old.name != new.name:
        fields.append(FieldChange("name", old.name, new.name))
        sentences.append(f'The shared priority "{old.name}" is now called {quoted}.')
    lead = renames.get(old.lead, old.lead) if old.lead else None
    if lead != new.lead:
        fields.append(FieldChange("lead", lead, new.lead))
        if new.lead:
            was = f"previously {names.the(lead)}" if lead else "it had no lead board before"
            sentences.append(
                words.sentence(f"{names.the(new.lead)} now leads the shared priority {quoted} ({was})")
            )
        else:
            sentences.append(
                f"The shared priority {quoted} no longer has a lead board "
                f"(previously {names.the(lead or '')})."
            )
    supports = _ids(old.supports, renames)
    if supports != new.supports:
        fields.append(FieldChange("supports", supports, new.supports))
        joined = [s for s in new.supports if s not in supports]
        left = [s for s in supports if s not in new.supports]
        if joined:
            verb = "supports" if len(joined) == 1 else "support"
            sentences.append(
                words.sentence(f"{names.the_all(joined)} now {verb} the shared priority {quoted}")
            )
        if left:
            verb = "supports" if len(left) == 1 else "support"
            sentences.append(
                words.sentence(f"{names.the_all(left)} no longer {verb} the shared priority {quoted}")
            )
    if old.description != new.description:
        fields.append(FieldChange("description", old.description, new.description))
        sentences.append(
            f"The description of the shared priority {quoted} now reads: {_quote(new.description)}"
            if new.description
            else f"The shared priority {quoted} no longer has a description."
        )
    if not fields:
        return None
    return Change("theme", "changed", (new.id,), new.name, tuple(sentences), tuple(fields))


# -- findings --------------------------------------------------------------------------------


# As `boardmap check` names the severities: errors, warnings and information.
_SEVERITY_NOUNS = {"error": "an error", "warning": "a warning", "info": "information"}
_SEVERITY_HEADS = {"error": "Error", "warning": "Warning", "info": "Information"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FindingKey = tuple[Any, ...]


def _finding_key(finding: Finding, renames: dict[str, str]) -> FindingKey:
    """What a finding is about (a theme, a route, links, boards), not how its message words
    it: messages name dates and the boards around a gap, which change when the gap did not."""
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
    from boardmap.checks.engine import check

    def located(f: Finding) -> Finding:
        return replace(f, file=file_names[f.file]) if f.file in file_names else f

    def order(f: Finding) -> tuple[int, str]:
        return (_SEVERITY_ORDER.get(f.severity, 3), f.message)

    before = check(old).open
    result = check(new)
    old_keys = {_finding_key(f, renames) for f in before}
    new_keys = {_finding_key(f, {}) for f in result.open}
    accepted_now = {_finding_key(f, {}): f.accepted for f in result.accepted}
    for finding in sorted(result.open, key=order):
        if _finding_key(finding, {}) not in old_keys:
            yield FindingChange(
                "appeared",
                located(finding),
                words.sentence(
                    f"{_SEVERITY_HEADS.get(finding.severity, finding.severity.capitalize())}: "
                    f"{words.sentence(finding.message)}"
                ),
            )
    for finding in sorted(before, key=order):
        key = _finding_key(finding, renames)
        if key in new_keys:
            continue
        was = _SEVERITY_NOUNS.get(finding.severity, finding.severity)
        reason = accepted_now.get(key)
        gone = [b for b in finding.boards if renames.get(b, b) not in new.by_id]
        if gone and not reason:
            # The board left the map (removed, or ended by its date): nothing was resolved.
            names = words.join_names([words.the(old.by_id[b]) if b in old.by_id else b for b in gone])
            verb = "is" if len(gone) == 1 else "are"
            yield FindingChange(
                "removed",
                located(finding),
                words.sentence(
                    f"No longer raised because {names} {verb} no longer in the map, which does not "
                    f"resolve it (was {was}): {words.sentence(finding.message)}"
                ),
            )
            continue
        text = (
            f"Accepted by the map's owners (was {was}): {words.sentence(finding.message)} "
            f"Their reason: {words.sentence(reason)}"
            if reason
            else f"No longer raised (was {was}): {words.sentence(finding.message)}"
        )
        yield FindingChange("resolved", located(finding), text)
