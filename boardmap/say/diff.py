"""The diff's sentences: what changed between two maps, said from the diff's records.

The diff (boardmap.diff) compares and returns data: which board, link, route, theme or
agreement changed, and each field before and after. The functions here are the only place
that turns those facts into the sentences of `boardmap diff` (text and Markdown) and of the
diagram's tooltips. Bodies are named by a `Namer`, a board id -> 'the Health and Wellbeing
Board', which the diff makes from both maps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from boardmap.model import Board, Link
from boardmap.say import vocab
from boardmap.say.grammar import count, join, long_date, sentence
from boardmap.say.links import _own_words, link_clause
from boardmap.say.names import the
from boardmap.say.phrases import cadence_phrase, thing_sent
from boardmap.say.places import ends_unfinished, fill, has_places

Namer = Callable[[str], str]

# The report's headings, in the order a reader meets them: (kind, status) -> heading.
GROUP_HEADINGS: tuple[tuple[str, str | None, str], ...] = (
    ("map", None, "The map"),
    ("board", "added", "Boards added"),
    ("board", "removed", "Boards removed"),
    ("board", "changed", "Boards changed"),
    ("link", "added", "Links added"),
    ("link", "removed", "Links removed"),
    ("link", "changed", "Links changed"),
    ("route", None, "Escalation routes"),
    ("theme", None, "Shared priorities (themes)"),
    ("agreement", None, "Agreements between boards"),
)
# A finding that appears is a new gap; one that goes because its board left the map is not
# a gap resolved, and is said apart (issue 14).
FINDING_HEADINGS: tuple[tuple[str, str], ...] = (
    ("appeared", "New gaps"),
    ("changed", "Gaps that changed"),
    ("resolved", "Findings no longer raised"),
    ("removed", "Findings gone with a removed board"),
)
# The summary's nouns, by kind of change.
SUMMARY_NOUNS: tuple[tuple[str, str], ...] = (
    ("board", "board"),
    ("link", "link"),
    ("route", "escalation route"),
    ("theme", "shared priority"),
    ("agreement", "agreement"),
)
NO_CHANGES = "No changes."
TITLE = "Changes to the map of {area}'s boards"

SAYS_NOW = "the map’s words for this link are now “{new}”"
SAYS_WAS = " (previously “{old}”)"
SAYS_NEW = " (previously none)"
SAYS_GONE = "the map no longer has words of its own for this link (previously “{old}”)"

# As `boardmap check` names the severities: errors, warnings and information.
_SEVERITY_NOUNS = {"error": "an error", "warning": "a warning", "info": "information"}
_SEVERITY_HEADS = {"error": "Error", "warning": "Warning", "info": "Information"}


# -- the report around the changes ---------------------------------------------------------------


def side_label(day: dt.date) -> str:
    """How a map is named when nothing else names it: 'the map as of 1 April 2019'."""
    return f"the map as of {long_date(day)}"


def path_label(path: object) -> str:
    return f"the map in {path}"


WORKING_COPY = "the map as it stands now"


def revision_label(rev: str, day: dt.date | None, short: str | None) -> str:
    """A map read from git: 'the map as committed on 1 April 2019 (abc1234)'."""
    if day is None or short is None:
        return f"the map at {rev}"
    return f"the map as committed on {long_date(day)} ({short})"


def intro(area: str, sides: str, summary_text: str | None) -> tuple[str, str]:
    """(title, first line) of a report; `summary_text` is None where nothing changed."""
    title = TITLE.format(area=area)
    if summary_text is None:
        return title, f"Nothing changed from {sides}."
    return title, f"From {sides}. In short: {summary_text}"


def sides(old_label: str, new_label: str, old_as_of: dt.date, new_as_of: dt.date) -> str:
    """The two maps compared, with their dates where their labels do not already say them."""
    old_date, new_date = long_date(old_as_of), long_date(new_as_of)
    if old_date in old_label and new_date in new_label:
        return f"{old_label} to {new_label}"
    if old_date == new_date:
        return f"{old_label} to {new_label} (both as of {old_date})"
    return f"{old_label} (as of {old_date}) to {new_label} (as of {new_date})"


def summary(counts: dict[str, dict[str, int]], findings: dict[str, int], map_changed: bool) -> str:
    """One line of counts: '1 board added, 2 changed; 3 links added.'; `counts` is kind ->
    status -> how many, `findings` is status -> how many."""
    parts = ["the map's settings changed"] if map_changed else []
    for kind, noun in SUMMARY_NOUNS:
        said: list[str] = []
        for status in ("added", "removed", "changed"):
            n = counts.get(kind, {}).get(status, 0)
            if n:
                said.append(f"{count(n, noun) if not said else n} {status}")
        if said:
            parts.append(", ".join(said))
    for status, noun, verb in (
        ("appeared", "new gap", ""),
        ("changed", "gap", " changed"),
        ("resolved", "finding", " resolved"),
        ("removed", "finding", " gone with a removed board"),
    ):
        n = findings.get(status, 0)
        if n:
            parts.append(count(n, noun) + verb)
    return sentence("; ".join(parts)) if parts else NO_CHANGES


# -- the map as a whole ----------------------------------------------------------------------


def map_change(field: str, old: Any, new: Any) -> str:
    if field == "area":
        return f"The map now describes {new} (previously {old})."
    if field == "title":
        text = f'The map\'s title is now "{new}"' if new else "The map no longer has a title"
        return sentence(text + (f' (previously "{old}")' if old else ""))
    before = f"the {join(old)} rules" if old else "no rule pack"
    if new:
        return f"The map is now checked against the {join(new)} rules (previously {before})."
    return f"The map is no longer checked against any rule pack (previously {before})."


# -- boards -------------------------------------------------------------------------------


def _the_label(board: Board) -> str:
    return the(board) + (f" ({board.short})" if board.short else "")


def names_of(name: Namer, ids: Sequence[str]) -> str:
    """The bodies named in a list: 'the A, the B and C'."""
    return join([name(i) for i in ids])


def _chairs(chairs: Sequence[str], name: Namer) -> str:
    said = names_of(name, chairs)
    return f"jointly by {said}" if len(chairs) > 1 else f"by {said}"


def quote(text: str) -> str:
    return sentence(f'"{" ".join(text.split())}"')


def _date_or(value: dt.date | None, none: str) -> str:
    return long_date(value) if value is not None else none


def board_added(board: Board, old_as_of: dt.date, name: Namer) -> str:
    text = f"{_the_label(board)} is a new {vocab.KIND_NAMES.get(board.kind, board.kind)}"
    if board.chairs:
        text += f", chaired {_chairs(board.chairs, name)}"
    text = sentence(text)
    if board.since is not None and board.since > old_as_of:
        text += f" It started on {long_date(board.since)}."
    if board.purpose:
        text += f" Its purpose: {quote(board.purpose)}"
    return text


def board_removed(board: Board, new_as_of: dt.date) -> str:
    text = sentence(f"{_the_label(board)} is no longer part of the arrangements")
    if board.until is not None and board.until <= new_as_of:
        text += f" It ended on {long_date(board.until)}."
    return text


def board_changed(old: Board, new: Board, field: str, before: Any, after: Any, name: Namer) -> Iterator[str]:
    """The sentences for one changed field of a board (members can take two)."""
    said = the(new)
    if field == "name":
        if the(old) == said:  # 'Cabinet' -> 'The Cabinet' reads the same in a sentence
            yield sentence(f'{said} is now called "{after}" (previously "{before}")')
        else:
            yield sentence(f"{the(old)} is now called {said}")
    elif field == "short":
        yield sentence(
            f"{said} is now abbreviated to {after}" + (f" (previously {before})" if before else "")
            if after
            else f"{said} no longer has an abbreviation (previously {before})"
        )
    elif field == "kind":
        yield sentence(f"{said} is now {vocab.a_kind(after)} (previously {vocab.a_kind(before)})")
    elif field == "purpose":
        yield _purpose(said, before, after)
    elif field == "chair":
        if after:
            was = f"(previously {_chairs(before, name)})" if before else "(no chair was recorded before)"
            yield sentence(f"{said} is now chaired {_chairs(after, name)} {was}")
        else:
            yield sentence(
                f"{said} no longer has a chair recorded (previously chaired {_chairs(before, name)})"
            )
    elif field == "independent_chair":
        yield sentence(
            f"{said} now has an independent chair" if after else f"{said} no longer has an independent chair"
        )
    elif field == "members":
        yield from _membership(said, before, after, name)
    else:
        yield sentence(_board_field(said, field, before, after))


def _purpose(said: str, before: str | None, after: str | None) -> str:
    if after and before:
        return (
            sentence(f"the purpose of {said} now reads: {quote(after)}")
            + f" It previously read: {quote(before)}"
        )
    if after:
        return sentence(f"{said} now has a stated purpose: {quote(after)}")
    return sentence(f"{said} no longer has a stated purpose") + f" It previously read: {quote(before or '')}"


def _board_field(said: str, field: str, before: Any, after: Any) -> str:
    was = f" (previously {before})" if before else ""
    if field == "statutory_role":
        role = vocab.role_phrase
        now = (
            f"in law, {said} is now {role(after)}"
            if after
            else f"{said} no longer has a statutory role in the map"
        )
        return now + (f" (previously {role(before)})" if before else "")
    if field == "basis":
        now = (
            f"the legal basis of {said} is now {after}"
            if after
            else f"{said} no longer has a legal basis recorded"
        )
        return now + was
    if field == "meets":
        return (
            f"{said} now meets {after}" if after else f"how often {said} meets is no longer recorded"
        ) + was
    if field == "areas":
        none = "no named area"
        return f"{said} now covers {join(after) or none} (previously {join(before) or none})"
    if field == "top":
        return (
            f"{said} is now shown as answering to no other body in this map"
            if after
            else f"{said} is now expected to answer to another body in this map"
        )
    if field in ("since", "until"):
        return f"{said} {_dates(field, before, after)}"
    return f"the web page of {said} is now {after}" if after else f"{said} no longer has a web page recorded"


def _membership(said: str, before: list[str], after: list[str], name: Namer) -> Iterator[str]:
    joined = [m for m in after if m not in before]
    left = [m for m in before if m not in after]
    if joined:
        yield sentence(f"{names_of(name, joined)} now {'sits' if len(joined) == 1 else 'sit'} on {said}")
    if left:
        yield sentence(f"{names_of(name, left)} no longer {'sits' if len(left) == 1 else 'sit'} on {said}")
    if not joined and not left:
        yield sentence(f"the members of {said} are now listed in a different order")


def _dates(field: str, before: dt.date | None, after: dt.date | None) -> str:
    if field == "since":
        return (
            f"is now in force from {long_date(after)} (previously {_date_or(before, 'no start date')})"
            if after
            else f"no longer has a start date (previously {_date_or(before, '')})"
        )
    return (
        f"now ends on {long_date(after)} (previously {_date_or(before, 'no end date')})"
        if after
        else f"no longer has an end date (previously {_date_or(before, '')})"
    )


# -- links ---------------------------------------------------------------------------------


def link_name(source: str, target: str, link_type: str, name: Namer) -> str:
    """'The Health and Wellbeing Board reports to the Leader of the Council' (no full stop)."""
    return sentence(f"{name(source)} " + vocab.LINK_VERBS[link_type].format(b=name(target)))[:-1]


def link_added(link: Link, source: str, target: str, name: Namer) -> str:
    return sentence(f"{name(source)} now {link_clause(link, name(target))} (new)")


def link_removed(link: Link, source: str, target: str, name: Namer) -> str:
    return sentence(f"{name(source)} no longer {link_clause(link, name(target))} (removed)")


def link_changed(
    source: str, target: str, link_type: str, field: str, before: Any, after: Any, name: Namer
) -> str:
    said = link_name(source, target, link_type, name)
    if field == "cadence":
        now = f"now {cadence_phrase(after)}" if after else "how often is no longer recorded"
        was = f"previously {cadence_phrase(before)}" if before else "how often was not recorded before"
        return f"{said}: {now} ({was})."
    if field == "what":
        now = f"it now sends {thing_sent(after)}" if after else "what it sends is no longer recorded"
        was = f"previously {thing_sent(before)}" if before else "nothing was recorded before"
        return f"{said}: {now} ({was})."
    if field == "says":
        return says_changed(said, before, after, link_type, to=name(target), from_=name(source))
    if field == "basis":
        now = f"this now rests on {after}" if after else "no agreement behind this is recorded now"
        return f"{said}: {now}" + (f" (previously {before})." if before else ".")
    if field == "review_by":
        now = f"due for review by {long_date(after)}" if after else "no review date now"
        return f"{said}: {now} (previously {_date_or(before, 'no review date')})."
    return f"{said}: the link {_dates(field, before, after)}."


def quoted_says(says: str | None, link_type: str, *, to: str, from_: str) -> str | None:
    """A `says` as a quotation: its places filled with the bodies' names, and '…' after
    words that stop short; None where there are none, or they are the type's own words."""
    text = " ".join((says or "").split()).rstrip(" .")
    if not text or text.lower() in _own_words(link_type):
        return None
    if has_places(text):
        return fill(text, to=to, from_=from_)
    return text.rstrip(" ,;:") + " …" if ends_unfinished(text) else text


def says_changed(
    said: str, before: str | None, after: str | None, link_type: str, *, to: str, from_: str
) -> str:
    """'<link>: the map’s words for this link are now “...” (previously “...”).'"""
    old = quoted_says(before, link_type, to=to, from_=from_)
    new = quoted_says(after, link_type, to=to, from_=from_)
    if new is None:
        return (
            f"{said}: "
            + (SAYS_GONE.format(old=old) if old else "the map’s words for this link changed only in form")
            + "."
        )
    return f"{said}: {SAYS_NOW.format(new=new)}" + (SAYS_WAS.format(old=old) if old else SAYS_NEW) + "."


# -- findings --------------------------------------------------------------------------------


def finding_appeared(severity: str, message: str) -> str:
    return sentence(f"{_SEVERITY_HEADS.get(severity, severity.capitalize())}: {sentence(message)}")


def finding_resolved(severity: str, message: str, reason: str | None) -> str:
    was = _SEVERITY_NOUNS.get(severity, severity)
    if reason:
        return (
            f"Accepted by the map's owners (was {was}): {sentence(message)} Their reason: {sentence(reason)}"
        )
    return f"No longer raised (was {was}): {sentence(message)}"


def _bodies(roles: Sequence[str]) -> str:
    """Missing bodies by their statutory roles ('a|b' where either would do): 'the Leader of
    the council and the Police and Crime Commissioner'."""
    return join([" or ".join(vocab.role_phrase(r) for r in role.split("|")) for role in roles])


def finding_changed(severity: str, message: str, more: Sequence[str], fewer: Sequence[str]) -> str:
    """A duty both maps miss, with other bodies missing: `more` the new map no longer shows,
    `fewer` it now shows (statutory roles)."""
    head = _SEVERITY_HEADS.get(severity, severity.capitalize())
    parts = []
    if more:
        parts.append(f"this map no longer shows {_bodies(more)}")
    if fewer:
        parts.append(f"{'it' if more else 'this map'} now shows {_bodies(fewer)}")
    return f"{head}, changed: {join(parts)}. {sentence(message)}"


def finding_gone(severity: str, message: str, gone: Sequence[str]) -> str:
    """A finding no longer raised because its boards (named) left the map: not resolved."""
    was = _SEVERITY_NOUNS.get(severity, severity)
    verb = "is" if len(gone) == 1 else "are"
    return sentence(
        f"No longer raised because {join(list(gone))} {verb} no longer in the map, which does not "
        f"resolve it (was {was}): {sentence(message)}"
    )


# -- the diagram of both maps ---------------------------------------------------------------------


def diagram_counts(boards: int, links: int, one: str, many: str) -> str:
    """'1 board and 2 links are new', 'nothing was removed'."""
    parts = [count(n, noun) for n, noun in ((boards, "board"), (links, "link")) if n]
    if not parts:
        return f"nothing {one}"
    return f"{join(parts)} {one if boards + links == 1 else many}"
