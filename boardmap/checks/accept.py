"""Accepting findings: the `accepted:` entries of a map set findings aside until their date,
and say where an entry has run out or accepts nothing."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from boardmap.checks.context import Context
from boardmap.checks.registry import NARROWING, ORDER, RULES, Finding, Severity
from boardmap.model import Accepted
from boardmap.say.grammar import join as join_names
from boardmap.say.vocab import role_name


@dataclass
class CheckResult:
    """The open findings, and the accepted ones (each with its reason in `.accepted`)."""

    open: list[Finding]
    accepted: list[Finding]
    # How boardmap read statutory roles the map does not mark: (board id, sentence).
    inferred: list[tuple[str, str]] = field(default_factory=list)
    # How boardmap read councils' tiers from their names: (council id, sentence).
    tiers_read: list[tuple[str, str]] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.open if f.severity == severity)

    def fails(self, strict: bool = False) -> bool:
        """Whether `boardmap check` should exit 1: an open error, or (strict) any warning."""
        failing = ("error", "warning") if strict else ("error",)
        return any(f.severity in failing for f in self.open)


def _settle(
    ctx: Context, findings: list[Finding], finish: Callable[[Finding], Finding] | None = None
) -> CheckResult:
    """Set aside the accepted findings. `finish` is applied to a finding narrowed to the
    bodies no entry accepts (the engine adds what it read of the map's roles)."""
    gmap = ctx.gmap
    open_: list[Finding] = []
    accepted: list[Finding] = []
    used: set[int] = set()
    index = _AcceptIndex(gmap.accepted, gmap.as_of)
    for finding in findings:
        found = index.matches(finding)
        if not found:
            open_.append(finding)
            continue
        if finding.missing and all(gmap.accepted[n].role is not None for n in found):
            # Entries that name a missing body's role accept only the bodies they name.
            part = _by_body(ctx, finding, found, used, finish)
            (accepted if part.accepted else open_).append(part)
            continue
        entry_no = found[0]
        used.add(entry_no)
        entry = gmap.accepted[entry_no]
        if _expired(entry, gmap.as_of):
            open_.append(finding)  # its acceptance has run out: the finding returns
        else:
            accepted.append(replace(finding, accepted=entry.reason, until=entry.until))
    open_.extend(_entry_findings(ctx, used))
    return CheckResult(sorted(open_, key=ORDER), sorted(accepted, key=ORDER))


def _by_body(
    ctx: Context,
    finding: Finding,
    found: list[int],
    used: set[int],
    finish: Callable[[Finding], Finding] | None,
) -> Finding:
    """A finding that names several missing bodies, matched by entries that each name one
    body's role: accepted where every body it names is accepted; otherwise open, naming the
    bodies still missing, with the accepted ones in `accepted_missing`. Each body is taken
    by the first entry that names one of its roles; an expired entry's body stays open (and
    accepted-expired says so)."""
    gmap = ctx.gmap
    covered: dict[str, int] = {}
    for item in finding.missing:
        ways = item.split("|")
        first = next((n for n in found if gmap.accepted[n].role in ways), None)
        if first is not None:
            used.add(first)
            if not _expired(gmap.accepted[first], gmap.as_of):
                covered[item] = first
    if not covered:
        return finding
    entries = [gmap.accepted[n] for n in dict.fromkeys(covered.values())]
    if len(covered) == len(finding.missing):
        reason = " ".join(dict.fromkeys(e.reason.strip() for e in entries))
        ends = [e.until for e in entries if e.until is not None]
        return replace(finding, accepted=reason, until=min(ends) if ends else None)
    remaining = tuple(i for i in finding.missing if i not in covered)
    narrow = NARROWING.get(finding.rule)
    narrowed = narrow(ctx, finding, remaining) if narrow is not None else finding
    if finish is not None and narrow is not None:
        narrowed = finish(narrowed)
    set_aside = tuple(
        (item, gmap.accepted[n].reason.strip(), gmap.accepted[n].until) for item, n in covered.items()
    )
    return replace(narrowed, accepted_missing=set_aside)


def _expired(entry: Accepted, on: dt.date) -> bool:
    return entry.until is not None and entry.until < on


def _not_begun(entry: Accepted, on: dt.date) -> bool:
    """An acceptance whose `since` is after the map's date accepts nothing yet."""
    return entry.since is not None and on < entry.since


class _AcceptIndex:
    """`accepted:` entries keyed by what they name, so that matching costs a few lookups per
    finding however many entries a map has."""

    def __init__(self, entries: list[Accepted], on: dt.date) -> None:
        self.entries = entries
        self.by_key: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for number, entry in enumerate(entries):
            if not _not_begun(entry, on):
                self.by_key[self._key(entry)].append(number)
        # The rules some entry names: a finding of any other rule is open without a look
        # at its keys (most of a national map's 4,000 findings; 9 ms -> 3 ms).
        self.rules = {key[0] for key in self.by_key}

    @staticmethod
    def _key(entry: Accepted) -> tuple[object, ...]:
        # Each entry is filed under one thing it names; _matches checks the rest.
        if entry.link is not None:
            return (entry.rule, "link", entry.link.from_, entry.link.to)
        if entry.board is not None:
            return (entry.rule, "board", entry.board)
        if entry.boards is not None:
            return (entry.rule, "boards", frozenset(entry.boards))
        if entry.theme is not None:
            return (entry.rule, "theme", entry.theme)
        if entry.route is not None:
            return (entry.rule, "route", entry.route)
        if entry.role is not None:
            return (entry.rule, "role", entry.role)
        return (entry.rule, "all")

    def matches(self, finding: Finding) -> list[int]:
        """The numbers of the entries that accept the finding, in the map's order."""
        rule = finding.rule
        if rule not in self.rules:
            return []
        keys: list[tuple[object, ...]] = [(rule, "all"), (rule, "boards", frozenset(finding.boards))]
        if finding.boards:
            keys.append((rule, "board", finding.boards[0]))
        keys.extend((rule, "link", a, b) for a, b, _ in finding.links)
        if finding.theme is not None:
            keys.append((rule, "theme", finding.theme))
        if finding.route is not None:
            keys.append((rule, "route", finding.route))
        keys.extend((rule, "role", role) for role in dict.fromkeys(finding.roles))
        found = [n for key in keys for n in self.by_key.get(key, ()) if _matches(self.entries[n], finding)]
        return sorted(set(found))


def _matches(entry: Accepted, finding: Finding) -> bool:
    """An entry accepts a finding of its rule when everything it names fits the finding:
    `board` is the board the finding is about (its first), `boards` the same set of boards,
    `link` one of the finding's links (any type where the entry gives none), `theme` and
    `route` the finding's, `role` one of the roles of the bodies the finding says the map
    lacks, `area` the area that lacks them. An entry that names nothing accepts every
    finding of its rule."""
    if entry.board is not None and (not finding.boards or finding.boards[0] != entry.board):
        return False
    if entry.boards is not None and set(entry.boards) != set(finding.boards):
        return False
    if entry.link is not None:
        ref = entry.link
        if not any(
            a == ref.from_ and b == ref.to and (ref.type is None or t == ref.type)
            for a, b, t in finding.links
        ):
            return False
    if entry.theme is not None and entry.theme != finding.theme:
        return False
    if entry.role is not None and entry.role not in finding.roles:
        return False
    if entry.area is not None and entry.area != finding.area:
        return False
    return entry.route is None or entry.route == finding.route


def describe_entry(ctx: Context, entry: Accepted) -> str:
    """What an accepted entry names, in words: 'the Improvement Board', 'the route ...'."""
    if entry.link is not None:
        return f"the link from {ctx.the(entry.link.from_)} to {ctx.the(entry.link.to)}"
    if entry.board is not None:
        return ctx.the(entry.board)
    if entry.boards:
        return join_names([ctx.the(b) for b in entry.boards])
    if entry.theme is not None:
        return f"the theme '{entry.theme}'"
    if entry.route is not None:
        return f"the escalation route '{entry.route}'"
    place = f" in the area '{entry.area}'" if entry.area is not None else ""
    if entry.role is not None:
        return f"the missing {role_name(entry.role)}{place}"
    return f"what is missing{place}" if place else "every finding of this rule"


def _entry_findings(ctx: Context, used: set[int]) -> Iterator[Finding]:
    """accepted-expired for entries past their date whose finding is raised again;
    accepted-unmatched for entries that accept nothing on the map's date (a mistyped rule
    id, or a gap since closed, whether or not the entry's date has passed)."""
    gmap = ctx.gmap
    for number, entry in enumerate(gmap.accepted):
        if _not_begun(entry, gmap.as_of):
            continue  # it applies from a later date: nothing to say on this one
        named = [b for b in ([entry.board] if entry.board else []) + list(entry.boards or [])]
        if entry.link is not None:
            named += [entry.link.from_, entry.link.to]
        if _expired(entry, gmap.as_of) and number in used:
            # Only a finding still raised is "open again"; an expired entry for a gap since
            # closed is unmatched, below.
            assert entry.until is not None
            what = describe_entry(ctx, entry)
            yield ctx.finding(
                "accepted-expired",
                entry,
                f"The acceptance of the {entry.rule} finding about {what} ran until "
                f"{ctx.date(entry.until)}, which has passed (this map describes "
                f"{ctx.date(gmap.as_of)}), so that finding is open again. Review it: fix the "
                "gap, or renew the acceptance with a new date and reason.",
                named,
            )
            continue
        if number in used:
            continue
        if any(b not in ctx.by_id for b in named) or (
            entry.route is not None and entry.route not in ctx.route_ids
        ):
            continue  # it names a board (or a route) not in force on this date: nothing to say
        if entry.rule not in RULES:
            yield ctx.finding(
                "accepted-unmatched",
                entry,
                f"This accepted entry names the rule '{entry.rule}', which boardmap does not "
                f"have{_did_you_mean(entry.rule)} Valid rules: {', '.join(RULES)}.",
                named,
            )
            continue
        yield ctx.finding(
            "accepted-unmatched",
            entry,
            f"This entry accepts the {entry.rule} finding about {describe_entry(ctx, entry)}, "
            f"but there is no such finding on {ctx.date(gmap.as_of)}: the gap is closed, or "
            "the entry names the wrong board or link. Remove the entry, or correct it.",
            named,
        )


def _did_you_mean(rule_id: str) -> str:
    close = difflib.get_close_matches(rule_id, list(RULES), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else "."
