"""Findings, the rule registry, the shared views of a map, and running and accepting findings.

A rule is a small function over a `Context` (the map plus views built once and shared by
every rule: the reporting graph, links by pair, boards by statutory role...). It yields
`Finding`s; `check()` runs every rule, then sets aside the findings the map's owners have
accepted and brings back those whose acceptance has expired.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from boardmap.model import (
    GOVERNANCE_KINDS,
    REPORTING_TYPES,
    Accepted,
    Board,
    GovernanceMap,
    Link,
    Theme,
)
from boardmap.origins import Loaded, located
from boardmap.say.vocab import role_name
from boardmap.source import no_gc
from boardmap.words import long_date, the

if TYPE_CHECKING:
    from boardmap.checks.law import Inference, Parent
    from boardmap.checks.packs import PackGap

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
# (from, to, type): a link a finding is about, present or (for statutory rules) missing.
LinkKey = tuple[str, str, str]


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
    # What the finding is about, so that `accepted:` entries can name it.
    links: tuple[LinkKey, ...] = field(default=(), compare=False)
    theme: str | None = field(default=None, compare=False)
    route: str | None = field(default=None, compare=False)
    # The statutory roles of the bodies the map lacks, and the area that lacks them, where a
    # finding is about a body not in the map (an `accepted:` entry names them by `role`).
    roles: tuple[str, ...] = field(default=(), compare=False)
    area: str | None = field(default=None, compare=False)
    until: dt.date | None = field(default=None, compare=False)  # an acceptance's end date
    # Where a finding is about one value (a link's `says`), its column: 'map.yaml:41:11:'.
    column: int | None = field(default=None, compare=False)

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
        if self.accepted:
            data["accepted"] = self.accepted
            if self.until:
                data["until"] = self.until.isoformat()
        return data


RuleCheck = Callable[["Context"], Iterable[Finding]]


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


def catalogue() -> dict[str, Rule]:
    """Every rule, in catalogue order."""
    import importlib

    from boardmap.checks import lawrules, rules  # noqa: F401  (registers the rules)

    # The agreement rules (issue 15) after them, in their own module.
    importlib.import_module("boardmap.checks.agreements")
    # The rules about the map's own words (issue 12): a `says` cut short, a misspelt cadence.
    importlib.import_module("boardmap.checks.wording")

    return RULES


# -- graphs -------------------------------------------------------------------------------------
# Plain adjacency dicts rather than networkx: the rules need only reachability and cycles, and
# at 10,000 boards importing networkx and building its graphs would cost more than the rules.


@dataclass
class Adjacency:
    """A directed graph as successor and predecessor lists, each edge once, in link order."""

    succ: dict[str, list[str]]
    pred: dict[str, list[str]]

    @classmethod
    def of(cls, edges: Iterable[tuple[str, str]]) -> Adjacency:
        succ: dict[str, list[str]] = defaultdict(list)
        pred: dict[str, list[str]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for edge in edges:
            if edge not in seen:
                seen.add(edge)
                succ[edge[0]].append(edge[1])
                pred[edge[1]].append(edge[0])
        return cls(dict(succ), dict(pred))

    def _not_acyclic(self) -> list[str]:
        """Nodes left after peeling off, again and again, those with no predecessor: every
        node on a cycle is among them. A reporting structure is nearly a tree, so this cheap
        pass usually leaves nothing for Tarjan's algorithm to do."""
        indegree = {node: len(parents) for node, parents in self.pred.items()}
        queue = [node for node in self.succ if node not in indegree]
        while queue:
            node = queue.pop()
            for child in self.succ.get(node, ()):
                indegree[child] -= 1
                if indegree[child] == 0:
                    queue.append(child)
        return [node for node, count in indegree.items() if count > 0]

    def cycles(self) -> Iterator[set[str]]:
        """Each strongly connected set of two or more nodes (iterative Tarjan, linear)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        for root in self._not_acyclic():
            if root in index:
                continue
            index[root] = low[root] = len(index)
            stack.append(root)
            on_stack.add(root)
            work = [(root, iter(self.succ.get(root, ())))]
            while work:
                node, children = work[-1]
                for child in children:
                    if child not in index:
                        index[child] = low[child] = len(index)
                        stack.append(child)
                        on_stack.add(child)
                        work.append((child, iter(self.succ.get(child, ()))))
                        break
                    if child in on_stack:
                        low[node] = min(low[node], index[child])
                else:
                    work.pop()
                    if work:
                        parent = work[-1][0]
                        low[parent] = min(low[parent], low[node])
                    if low[node] == index[node]:
                        component: set[str] = set()
                        while True:
                            member = stack.pop()
                            on_stack.discard(member)
                            component.add(member)
                            if member == node:
                                break
                        if len(component) > 1:
                            yield component


# -- the shared views -----------------------------------------------------------------------


class Context:
    """A map and the views of it that rules share; each view is built once, on first use."""

    def __init__(self, loaded: Loaded | GovernanceMap, inferred: dict[str, Inference] | None = None) -> None:
        # The map and its side table: the undated map, and where each item was declared.
        self.loaded = located(loaded)
        self.gmap = gmap = self.loaded.map
        self.undated = self.loaded.undated
        self.by_id: dict[str, Board] = gmap.by_id
        # Statutory roles read from boards' basis or names (already written into `gmap`).
        self.inferred: dict[str, Inference] = inferred or {}
        self._memo: dict[str, Any] = {}
        self._names: dict[str, str] = {}

    def memo(self, key: str, build: Callable[[Context], Any]) -> Any:
        """A result one rule works out and another reuses (built once per run)."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]

    # -- boards and links --

    @cached_property
    def order(self) -> dict[str, int]:
        """Each board's place in the map: findings list boards in the order they were declared."""
        return {b.id: i for i, b in enumerate(self.gmap.boards)}

    @cached_property
    def governance(self) -> list[Board]:
        """Bodies with governance of their own (boards, partnerships, committees, groups)."""
        return [b for b in self.gmap.boards if b.kind in GOVERNANCE_KINDS]

    @cached_property
    def links_by_type(self) -> dict[str, list[Link]]:
        found: dict[str, list[Link]] = defaultdict(list)
        for link in self.gmap.links:
            found[link.type].append(link)
        return found

    @cached_property
    def pair_types(self) -> dict[tuple[str, str], set[str]]:
        """(from, to) -> the types of the links from one to the other."""
        pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for link in self.gmap.links:
            pairs[(link.from_, link.to)].add(link.type)
        return pairs

    @cached_property
    def linked(self) -> set[str]:
        """Boards with at least one link, in or out (a `part_of` the map states counts)."""
        ends: set[str] = set()
        for link in self.gmap.links:
            ends.add(link.from_)
            ends.add(link.to)
        for board in self.gmap.boards:
            if board.part_of is not None:
                ends.add(board.id)
                ends.add(board.part_of)
        return ends

    @cached_property
    def challenged(self) -> set[str]:
        """Boards that someone holds to account."""
        return {link.to for link in self.links_by_type.get("challenges", [])}

    @cached_property
    def parents(self) -> dict[str, Parent]:
        """The body each board is part of (`part_of`, or a committee's one council)."""
        from boardmap.checks.law import parents

        return parents(self)

    @cached_property
    def reporting(self) -> Adjacency:
        """Who answers to whom: reports-to and sub-group-of links, and each board's part_of."""
        edges = [(x.from_, x.to) for t in REPORTING_TYPES for x in self.links_by_type.get(t, [])]
        edges.extend((board, parent.board) for board, parent in self.parents.items())
        return Adjacency.of(edges)

    @cached_property
    def first_link(self) -> dict[LinkKey, Link]:
        """The first link declared for each (from, to, type)."""
        first: dict[LinkKey, Link] = {}
        for link in self.gmap.links:
            first.setdefault((link.from_, link.to, link.type), link)
        return first

    @cached_property
    def route_ids(self) -> set[str]:
        return {route.id for route in self.gmap.escalations}

    @cached_property
    def by_role(self) -> dict[str, list[Board]]:
        roles: dict[str, list[Board]] = defaultdict(list)
        for board in self.gmap.boards:
            if board.statutory_role:
                roles[board.statutory_role].append(board)
        return roles

    # -- the map's history: what is not in force on its date --

    @cached_property
    def out_of_force(self) -> dict[str, Board]:
        """Boards the map declares that are not in force on its date (ended, or not yet
        begun), by id, as declared. The loader leaves them out of the dated map; rules use
        them to say that a member or a lead has ended rather than that none was named."""
        return {b.id: b for b in self.undated.boards if b.id not in self.by_id}

    @cached_property
    def undated_boards(self) -> dict[str, Board]:
        """Every board as declared, with members and chairs of every date."""
        return self.undated.by_id

    @cached_property
    def undated_themes(self) -> dict[str, Theme]:
        """Every theme as declared, with its lead of every date."""
        return {t.id: t for t in self.undated.themes}

    # -- statutory rule packs, shared by the pack rules and the rules that absorb them --

    @cached_property
    def pack_gaps(self) -> list[PackGap]:
        """Every link a statutory rule pack requires that the map lacks."""
        from boardmap.checks.packs import link_gaps

        return link_gaps(self)

    @cached_property
    def gaps_by_subject(self) -> dict[str, list[PackGap]]:
        found: dict[str, list[PackGap]] = defaultdict(list)
        for gap in self.pack_gaps:
            found[gap.subject.id].append(gap)
        return found

    # -- wording and places --

    def the(self, board_id: str) -> str:
        """'the Health and Wellbeing Board'; free text (a chair's name) as written."""
        said = self._names.get(board_id)
        if said is None:
            board = self.by_id.get(board_id) or self.out_of_force.get(board_id)
            said = self._names[board_id] = the(board) if board else board_id
        return said

    def The(self, board_id: str) -> str:
        """The same, capitalised for the start of a sentence."""
        text = self.the(board_id)
        return text[:1].upper() + text[1:]

    def date(self, day: dt.date) -> str:
        return long_date(day)

    def where(self, item: Any) -> tuple[str, int]:
        return self.loaded.line(item)

    def sorted_ids(self, ids: Iterable[str]) -> list[str]:
        """Board ids in the order the map declares them."""
        order = self.order
        return sorted(ids, key=lambda i: (order.get(i, len(order)), i))

    def finding(
        self,
        rule_id: str,
        item: Any,
        message: str,
        boards: Iterable[str] = (),
        *,
        severity: Severity | None = None,
        links: Iterable[LinkKey] = (),
        theme: str | None = None,
        route: str | None = None,
        source: str | None = None,
    ) -> Finding:
        """A finding of a registered rule, located at the declaration of `item`."""
        file, line = self.where(item)
        return Finding(
            file=file,
            line=line,
            rule=rule_id,
            severity=severity or RULES[rule_id].severity,
            message=message,
            boards=tuple(boards),
            source=source,
            links=tuple(links),
            theme=theme,
            route=route,
        )


# -- running and accepting ------------------------------------------------------------------


@dataclass
class CheckResult:
    """The open findings, and the accepted ones (each with its reason in `.accepted`)."""

    open: list[Finding]
    accepted: list[Finding]
    # How boardmap read statutory roles the map does not mark: (board id, sentence).
    inferred: list[tuple[str, str]] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.open if f.severity == severity)

    def fails(self, strict: bool = False) -> bool:
        """Whether `boardmap check` should exit 1: an open error, or (strict) any warning."""
        failing = ("error", "warning") if strict else ("error",)
        return any(f.severity in failing for f in self.open)


def check(gmap: GovernanceMap | Loaded) -> CheckResult:
    """Run every rule over a map; set aside accepted findings; bring back expired ones.

    Each finding is placed at its declaration through the map's side table: pass what
    `load_located` returned, or a map `load` returned (boardmap.origins.located)."""
    from boardmap.checks import law

    rules = catalogue()
    with no_gc():  # a large map holds millions of objects: collections would cost seconds
        loaded = located(gmap)
        inferred = law.infer_roles(loaded.undated)
        ctx = Context(law.with_roles(loaded, inferred), inferred)
        findings: list[Finding] = []
        for registered in rules.values():
            if registered.check is not None:
                findings.extend(registered.check(ctx))
        if inferred:
            findings = [_with_inference(ctx, f) for f in findings]
        result = _settle(ctx, findings)
        result.inferred = [(b, inference_sentence(ctx, b)) for b in ctx.sorted_ids(inferred)]
        return result


def inference_sentence(ctx: Context, board_id: str) -> str:
    """'The MSCB is treated as the Local Safeguarding Children Board because its basis is
    Children Act 2004, section 13; add `statutory_role: lscb` to confirm.'"""
    from boardmap.say.vocab import ROLE_NAMES

    inference = ctx.inferred[board_id]
    return (
        f"{ctx.The(board_id)} is treated as the {ROLE_NAMES[inference.role]} because "
        f"{inference.why}; add `statutory_role: {inference.role}` to confirm."
    )


def _with_inference(ctx: Context, finding: Finding) -> Finding:
    """A statutory finding about a body whose role was inferred says so, and how to confirm."""
    if finding.source is None:
        return finding
    said = [inference_sentence(ctx, b) for b in dict.fromkeys(finding.boards) if b in ctx.inferred]
    if not said:
        return finding
    return replace(finding, message=" ".join([finding.message, *said]))


def _settle(ctx: Context, findings: list[Finding]) -> CheckResult:
    gmap = ctx.gmap
    open_: list[Finding] = []
    accepted: list[Finding] = []
    used: set[int] = set()
    index = _AcceptIndex(gmap.accepted, gmap.as_of)
    for finding in findings:
        entry_no = index.match(finding)
        if entry_no is None:
            open_.append(finding)
            continue
        used.add(entry_no)
        entry = gmap.accepted[entry_no]
        if _expired(entry, gmap.as_of):
            open_.append(finding)  # its acceptance has run out: the finding returns
        else:
            accepted.append(replace(finding, accepted=entry.reason, until=entry.until))
    open_.extend(_entry_findings(ctx, used))
    return CheckResult(sorted(open_), sorted(accepted))


def run_checks(gmap: GovernanceMap | Loaded) -> list[Finding]:
    """Every open finding of every registered rule, sorted by file and line."""
    return check(gmap).open


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

    def match(self, finding: Finding) -> int | None:
        """The number of the first entry that accepts the finding, or None."""
        rule = finding.rule
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
        return min(found) if found else None


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
        from boardmap.words import join_names

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
    """accepted-expired for entries past their date; accepted-unmatched for entries that
    accept nothing on the map's date (a mistyped rule id, or a gap since closed)."""
    gmap = ctx.gmap
    for number, entry in enumerate(gmap.accepted):
        if _not_begun(entry, gmap.as_of):
            continue  # it applies from a later date: nothing to say on this one
        named = [b for b in ([entry.board] if entry.board else []) + list(entry.boards or [])]
        if entry.link is not None:
            named += [entry.link.from_, entry.link.to]
        if _expired(entry, gmap.as_of):
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
    import difflib

    close = difflib.get_close_matches(rule_id, list(RULES), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else "."
