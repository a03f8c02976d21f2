"""Statutory rule packs: data files in boardmap/checks/packs/*.yaml.

A pack lists what law and statutory guidance require of boards in England in one era: links
that must exist, members a board must have, and links a board must not have. Boards take
part through their `statutory_role`. Every entry names its source (an Act and section, or
guidance and chapter); its `force` sets the severity of its findings: an Act's *must* is a
warning, statutory guidance's *should* is information.

This module reads and validates the packs and works out the gaps; the rules that report
them are in rules.py.

When the body at the other end of a required link is missing from the map altogether (a
map of children's boards with no Police and Crime Commissioner), the duty is still named
(`unshown_duties`, the statutory-duty-not-shown rule), as information: the map is silent,
not wrong. An entry marked `absent: report`, where the law makes the other body part of the
board's own arrangements (a safeguarding partnership's independent scrutiny), is reported
as a missing link instead. `bodies:` lists what every area must have (`missing_bodies`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from boardmap.errors import BoardmapError
from boardmap.model import BOARD_KINDS, STATUTORY_ROLES, Board, LinkType
from boardmap.say.grammar import a
from boardmap.say.vocab import role_name as role_name

if TYPE_CHECKING:
    from boardmap.checks.engine import Context, LinkKey, Severity

PACK_DIR = Path(__file__).with_name("packs")

# The wording lives in boardmap.say; these names stay for callers (checks.rules).
article = a

# A link of one of these types meets a requirement for the key's type: a body that reports
# to another sends it reports, so it also keeps it informed.
SATISFIES: dict[str, frozenset[str]] = {
    "informs": frozenset({"informs", "reports-to", "sub-group-of"}),
    "reports-to": frozenset({"reports-to", "sub-group-of"}),
}

# Offices through which the council takes part in a board as the local authority.
COUNCIL_OFFICERS = frozenset({"chief-executive", "dcs", "dass"})

FORCE_SEVERITY: dict[str, Severity] = {"act": "warning", "guidance": "info", "power": "info"}


class PackError(BoardmapError):
    """A rule pack shipped with boardmap is broken (a bug in boardmap, not in a map)."""


def _roles(value: str) -> str:
    # "ccg|icb": either role meets the requirement.
    for role in value.split("|"):
        if role not in STATUTORY_ROLES:
            raise ValueError(f"unknown statutory role {role!r}")
    return value


Roles = Annotated[str, AfterValidator(_roles)]


def _kind(value: str) -> str:
    if value not in BOARD_KINDS:
        raise ValueError(f"unknown board kind {value!r}")
    return value


Kind = Annotated[str, AfterValidator(_kind)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    source: str = Field(min_length=1)  # the Act and section, or the guidance and chapter
    # act: an Act's "must"; guidance: statutory guidance's "should"; power: an Act's "may"
    # (a scrutiny committee may review a board; nothing says it must).
    force: Literal["act", "guidance", "power"]
    # text: checked against the wording; recalled: not checked (reported as information).
    confidence: Literal["text", "recalled"]
    since: dt.date | None = None
    until: dt.date | None = None
    note: str | None = None

    @property
    def severity(self) -> Severity:
        return "info" if self.confidence == "recalled" else FORCE_SEVERITY[self.force]

    @property
    def cited(self) -> str:
        """The source as a message cites it; a recalled source says it is unchecked."""
        if self.confidence == "recalled":
            return f"{self.source}, as recalled: not checked against the text"
        return self.source

    def in_force(self, on: dt.date) -> bool:
        return (self.since is None or self.since <= on) and (self.until is None or on < self.until)


class LinkRule(_Entry):
    """A link that must exist between a board with role `board` and bodies with `other`."""

    board: Roles
    # to: the board -> each other body; from: the other body -> the board.
    direction: Literal["to", "from"]
    other: list[Roles] = Field(min_length=1)  # each item required; "a|b" = either role
    type: LinkType
    # each: every such body in the board's area; any: at least one of them.
    need: Literal["each", "any"]
    absent: Literal["skip", "report"] = "skip"
    # The duty in words, with {board} and {other}: "{board} must send {other} its annual report".
    duty: str = Field(min_length=1)
    # What the map lacks, in words, where "this map shows no such link" reads badly.
    lacks: str = "this map shows no such link"


class MemberItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Roles
    name: str | None = None  # how to say it where the roles' names will not do ("a councillor")


class MemberRule(_Entry):
    """Members a board with role `board` must have (among `members` and chairs)."""

    board: Roles
    include: list[Roles | MemberItem] = Field(min_length=1)


class IndependenceRule(_Entry):
    """Links a board with role `board` must not have to bodies of the given kinds."""

    board: Roles
    types: list[LinkType] = Field(min_length=1)
    to_kinds: list[Kind] = Field(min_length=1)
    duty: str = Field(min_length=1)


class ProtocolRule(_Entry):
    """Two statutory roles whose boards should have a written protocol between them (a pack
    may require one; the England packs do not, as no Act or statutory guidance does)."""

    between: list[Roles] = Field(min_length=2, max_length=2)


class RequiredBody(_Entry):
    """A body the law requires of every area (every local authority's area)."""

    role: Roles  # "crime-and-disorder-committee|overview-and-scrutiny": either meets it
    # The duty in words: "every local authority must establish a Safeguarding Adults Board".
    duty: str = Field(min_length=1)
    # The role of the body this one replaced (a safeguarding partnership replaced the LSCB):
    # where that body ended, the finding says when.
    replaces: Roles | None = None


class Pack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    pack: str
    title: str
    description: str
    since: dt.date
    until: dt.date | None = None
    links: list[LinkRule] = Field(default_factory=list)
    members: list[MemberRule] = Field(default_factory=list)
    independence: list[IndependenceRule] = Field(default_factory=list)
    protocols: list[ProtocolRule] = Field(default_factory=list)
    bodies: list[RequiredBody] = Field(default_factory=list)

    def in_force(self, on: dt.date) -> bool:
        return self.since <= on and (self.until is None or on < self.until)

    @property
    def era(self) -> str:
        from boardmap.words import long_date

        end = f" to {long_date(self.until - dt.timedelta(days=1))}" if self.until else " onwards"
        return f"{long_date(self.since)}{end}"

    @property
    def period(self) -> str:
        """The era as a sentence says it: 'from 1 April 2013 to 28 September 2019'."""
        from boardmap.words import long_date

        end = f" to {long_date(self.until - dt.timedelta(days=1))}" if self.until else ""
        return f"from {long_date(self.since)}{end}"


def available_packs() -> list[str]:
    """The names of the packs shipped with boardmap, sorted."""
    return sorted(p.stem for p in PACK_DIR.glob("*.yaml"))


def load_pack_file(path: Path) -> Pack:
    """Read and validate one pack file."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML where present: 10x faster
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        pack = Pack.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise PackError(f"the rule pack {path} is broken: {exc}") from exc
    if pack.pack != path.stem:
        raise PackError(f"the rule pack {path} calls itself {pack.pack!r}; name the file after it")
    ids = [e.id for e in (*pack.links, *pack.members, *pack.independence, *pack.protocols, *pack.bodies)]
    if len(ids) != len(set(ids)):
        raise PackError(f"the rule pack {path} uses an entry id twice")
    return pack


@cache
def load_pack(name: str) -> Pack:
    """A pack shipped with boardmap, by name (england-2013, england-2019)."""
    if name not in available_packs():
        raise PackError(f"no rule pack is called {name!r}; packs: {', '.join(available_packs())}")
    return load_pack_file(PACK_DIR / f"{name}.yaml")


def packs_in_force(ctx: Context) -> list[Pack]:
    """The packs the map asks for whose era covers the map's date."""
    on = ctx.gmap.as_of
    return [p for p in (load_pack(n) for n in ctx.gmap.rules) if p.in_force(on)]


# -- finding the bodies a rule is about -------------------------------------------------------


class _RoleIndex:
    """Boards by role and by area, so that matching a board to the bodies of its own area
    costs the size of the answer, not of the map."""

    def __init__(self, boards: list[Board]) -> None:
        self.by_role: dict[str, list[Board]] = defaultdict(list)
        self.by_role_area: dict[tuple[str, str], list[Board]] = defaultdict(list)
        self.arealess: dict[str, list[Board]] = defaultdict(list)
        for board in boards:
            role = board.statutory_role
            if role is None:
                continue
            self.by_role[role].append(board)
            if board.areas:
                for area in dict.fromkeys(board.areas):
                    self.by_role_area[(role, area)].append(board)
            else:
                self.arealess[role].append(board)

    def near(self, board: Board, roles: str) -> list[Board]:
        """Boards with one of `roles` whose area is the board's (a board with no `areas`
        covers the whole map), the board itself left out, in map order, each once."""
        found: dict[str, Board] = {}
        for role in roles.split("|"):
            if not board.areas:
                pool: list[Board] = self.by_role.get(role, [])
            else:
                pool = list(self.arealess.get(role, []))
                for area in board.areas:
                    pool.extend(self.by_role_area.get((role, area), []))
            for other in pool:
                if other.id != board.id:
                    found.setdefault(other.id, other)
        return list(found.values())


def role_index(ctx: Context) -> _RoleIndex:
    return _RoleIndex(ctx.gmap.boards)


# -- link gaps ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackGap:
    """A required link the map lacks: from `subject` to each of `others` (or the reverse,
    by the entry's direction). `others` is empty where the other body is absent."""

    pack: str
    entry: LinkRule
    subject: Board
    others: tuple[Board, ...]

    @property
    def links(self) -> list[LinkKey]:
        if self.entry.direction == "to":
            return [(self.subject.id, o.id, self.entry.type) for o in self.others]
        return [(o.id, self.subject.id, self.entry.type) for o in self.others]


def _has_link(ctx: Context, a: str, b: str, link_type: str) -> bool:
    found = ctx.pair_types.get((a, b))
    return bool(found and found & SATISFIES.get(link_type, frozenset({link_type})))


def link_gaps(ctx: Context) -> list[PackGap]:
    """Every required link that the map lacks, for the packs in force on its date."""
    gaps: list[PackGap] = []
    on = ctx.gmap.as_of
    index: _RoleIndex | None = None
    for pack in packs_in_force(ctx):
        for entry in pack.links:
            if not entry.in_force(on):
                continue
            for subject in ctx.by_role.get(entry.board, []):
                index = index or role_index(ctx)
                gaps.extend(_entry_gaps(ctx, index, pack.pack, entry, subject))
    return gaps


def _entry_gaps(ctx: Context, index: _RoleIndex, pack: str, entry: LinkRule, subject: Board) -> list[PackGap]:
    gaps: list[PackGap] = []
    for roles in entry.other:
        others = index.near(subject, roles)
        if not others:
            if entry.absent == "report":
                gaps.append(PackGap(pack, entry, subject, ()))
            continue

        def linked(other: Board) -> bool:
            a, b = (subject.id, other.id) if entry.direction == "to" else (other.id, subject.id)
            return _has_link(ctx, a, b, entry.type)

        if entry.need == "any":
            if not any(linked(o) for o in others):
                gaps.append(PackGap(pack, entry, subject, tuple(others)))
        else:
            gaps.extend(PackGap(pack, entry, subject, (o,)) for o in others if not linked(o))
    return gaps


@dataclass(frozen=True)
class UnshownDuty:
    """A required link whose counterparts are not in the map at all: the duty stands, and
    the map cannot show it met. `missing` holds the roles absent, each "a|b" for either."""

    pack: str
    entry: LinkRule
    subject: Board
    missing: tuple[str, ...]


def unshown_duties(ctx: Context) -> list[UnshownDuty]:
    """For each required link, the counterparts the map lacks altogether (an entry marked
    `absent: report` is reported as a missing link instead)."""
    found: list[UnshownDuty] = []
    on = ctx.gmap.as_of
    index: _RoleIndex = ctx.memo("role-index", role_index)
    for pack in packs_in_force(ctx):
        for entry in pack.links:
            if not entry.in_force(on) or entry.absent == "report" or entry.force == "power":
                continue  # reported as a missing link; or a power, which nobody need use
            for subject in ctx.by_role.get(entry.board, []):
                missing = tuple(r for r in entry.other if not index.near(subject, r))
                if missing:
                    found.append(UnshownDuty(pack.pack, entry, subject, missing))
    return found


@dataclass(frozen=True)
class BodyGap:
    """A body the law requires that the map lacks on its date; `ended` is the last such
    body the map holds that has ended, `pending` one that has not yet begun."""

    pack: str
    entry: RequiredBody
    ended: Board | None
    pending: Board | None


def missing_bodies(ctx: Context) -> list[BodyGap]:
    found: list[BodyGap] = []
    on = ctx.gmap.as_of
    for pack in packs_in_force(ctx):
        for entry in pack.bodies:
            if not entry.in_force(on):
                continue
            roles = entry.role.split("|")
            if any(ctx.by_role.get(r) for r in roles):
                continue
            before = [*roles, *(entry.replaces.split("|") if entry.replaces else [])]
            gone = [b for b in ctx.out_of_force.values() if b.statutory_role in before]
            ended = [b for b in gone if b.until is not None and b.until <= on]
            pending = [b for b in gone if b.since is not None and on < b.since]
            last = max(ended, key=lambda b: (b.until, ctx.order.get(b.id, 0))) if ended else None
            first = min(pending, key=lambda b: (b.since, ctx.order.get(b.id, 0))) if pending else None
            found.append(BodyGap(pack.pack, entry, last, first))
    return found


def duty_text(ctx: Context, gap: PackGap) -> str:
    """The duty as a sentence about this map's boards, ending with its source."""
    entry = gap.entry
    if gap.others:
        other = " or ".join(ctx.the(o.id) for o in gap.others)
    else:
        other = " or ".join(article(role_name(r)) for r in entry.other)
    text = entry.duty.format(board=ctx.the(gap.subject.id), other=other)
    return f"{text[:1].upper()}{text[1:]} ({entry.cited})"


def gap_message(ctx: Context, gap: PackGap) -> str:
    duty = duty_text(ctx, gap)
    if gap.others:
        return f"{duty}, but {gap.entry.lacks}."
    roles = [r for item in gap.entry.other for r in item.split("|")]
    marks = " or ".join(f"statutory_role: {r}" for r in roles)
    names = " or ".join(role_name(item) for item in gap.entry.other)
    return f"{duty}, but this map has no {names} (a board marked {marks})."


# -- members -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingMember:
    """One member a board lacks. `ended` and `pending` are members the map lists for the
    board that would meet it but are not in force on the map's date: a clinical
    commissioning group that ended in 2022, say, in a map of 2023."""

    roles: str  # the statutory roles that would meet it: "ccg|icb"
    said: str  # how it is said: "a clinical commissioning group or integrated care board"
    ended: tuple[Board, ...] = ()
    pending: tuple[Board, ...] = ()


@dataclass(frozen=True)
class MemberGap:
    pack: str
    entry: MemberRule
    board: Board
    items: tuple[MissingMember, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """How each missing member is said: "a probation service"."""
        return tuple(item.said for item in self.items)


def member_gaps(ctx: Context) -> list[MemberGap]:
    """Boards whose listed members lack one the law requires. A board with no members
    listed (on any date) is left alone: the map does not record its membership."""
    gaps: list[MemberGap] = []
    on = ctx.gmap.as_of
    for pack in packs_in_force(ctx):
        for entry in pack.members:
            if not entry.in_force(on):
                continue
            for board in ctx.by_role.get(entry.board, []):
                declared = ctx.undated_boards.get(board.id, board)
                if not declared.members:
                    continue
                present = {
                    ctx.by_id[m].statutory_role for m in (*board.members, *board.chairs) if m in ctx.by_id
                }
                # The council's chief officers sit for the council: a partnership whose
                # member is the council's chief executive has the local authority.
                if present & COUNCIL_OFFICERS:
                    present.add("local-authority")
                missing = []
                for item in entry.include:
                    roles = item if isinstance(item, str) else item.role
                    if not present.intersection(roles.split("|")):
                        name = None if isinstance(item, str) else item.name
                        missing.append(_missing(ctx, declared, roles, name or article(role_name(roles))))
                if missing:
                    gaps.append(MemberGap(pack.pack, entry, board, tuple(missing)))
    return gaps


def _missing(ctx: Context, declared: Board, roles: str, said: str) -> MissingMember:
    """A missing member, with the members listed for it that are out of force on the date."""
    wanted = roles.split("|")
    gone = [
        ctx.out_of_force[m]
        for m in dict.fromkeys((*declared.members, *declared.chairs))
        if m in ctx.out_of_force and ctx.out_of_force[m].statutory_role in wanted
    ]
    on = ctx.gmap.as_of
    ended = tuple(b for b in gone if b.until is not None and b.until <= on)
    pending = tuple(b for b in gone if b.since is not None and on < b.since)
    return MissingMember(roles, said, ended, pending)


@cache
def required_member_roles(on: dt.date) -> dict[str, frozenset[str]]:
    """For each statutory role of a board, the roles of the members the law requires it to
    have on a date, from every pack shipped whether or not a map asks for its checks (the
    law applies either way): {"sab": {"local-authority", "ccg", "icb", "police"}, ...}."""
    required: dict[str, set[str]] = defaultdict(set)
    for name in available_packs():
        pack = load_pack(name)
        if not pack.in_force(on):
            continue
        for entry in pack.members:
            if entry.in_force(on):
                for item in entry.include:
                    roles = item if isinstance(item, str) else item.role
                    required[entry.board].update(roles.split("|"))
    return {role: frozenset(found) for role, found in required.items()}


def required_roles(entry: MemberRule, missing: tuple[str, ...]) -> list[str]:
    """The statutory_role values that would meet the missing items, for the fix hint."""
    roles: list[str] = []
    for item in entry.include:
        text = item if isinstance(item, str) else item.role
        name = None if isinstance(item, str) else item.name
        if (name or article(role_name(text))) in missing:
            roles.extend(text.split("|"))
    return roles


# -- independence --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Breach:
    pack: str
    entry: IndependenceRule
    board: Board
    link_from: str
    link_to: str
    link_type: str


def independence_breaches(ctx: Context) -> list[Breach]:
    """Links a board has that its role forbids (an LSCB reporting to the HWB)."""
    found: list[Breach] = []
    on = ctx.gmap.as_of
    for pack in packs_in_force(ctx):
        for entry in pack.independence:
            if not entry.in_force(on):
                continue
            boards = {b.id: b for b in ctx.by_role.get(entry.board, [])}
            if not boards:
                continue
            kinds = set(entry.to_kinds)
            for link_type in entry.types:
                for link in ctx.links_by_type.get(link_type, []):
                    if link.from_ in boards and ctx.by_id[link.to].kind in kinds:
                        found.append(
                            Breach(pack.pack, entry, boards[link.from_], link.from_, link.to, link.type)
                        )
    return found


# -- eras --------------------------------------------------------------------------------------


def out_of_era(ctx: Context) -> list[Pack]:
    """The packs a map asks for when none of them covers the map's date: their rules were
    not checked, which the map's owners should know."""
    asked = [load_pack(n) for n in ctx.gmap.rules]
    if any(p.in_force(ctx.gmap.as_of) for p in asked):
        return []
    return asked
