"""Statutory rule packs as data: the files in boardmap/checks/packs/*.yaml, read and validated.

A pack lists what law and statutory guidance require of boards in England in one era: links
that must exist, members a board must have, links a board must not have, and bodies every
area must have. Boards take part through their `statutory_role`. Every entry names its
source (an Act and section, or guidance and chapter); its `force` sets the severity of its
findings: an Act's *must* is a warning, statutory guidance's *should* is information.

This module holds the packs' schema and loading; the gaps are worked out in packs_links.py,
packs_members.py and packs_bodies.py, and packs.py gathers them for the rules.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from boardmap.checks.shared import Views
from boardmap.errors import BoardmapError
from boardmap.model import BOARD_KINDS, STATUTORY_ROLES, CouncilTier, LinkType
from boardmap.say.grammar import long_date

if TYPE_CHECKING:
    from boardmap.checks.registry import Severity

PACK_DIR = Path(__file__).with_name("packs")

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
    # The other body sitting in the board (a member or chair) meets it: a lead safeguarding
    # partner who sits in the partnership's executive leads it there.
    met_by_member: bool = False
    # One duty owed to all the `other` bodies together, which `duty` names itself (the three
    # lead safeguarding partners): one finding names every one the map does not show linked
    # (`lacks` may say them as {other}), and one every one it does not show at all.
    together: bool = False


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
    # The tiers of council whose areas must have it (None: every council's). In a two-tier
    # area the county has the Health and Wellbeing Board and the districts the Community
    # Safety Partnerships; an area whose councils' tiers the map does not say needs them all.
    tiers: list[CouncilTier] | None = Field(default=None, min_length=1)

    def needed(self, tiers: frozenset[str] | None) -> bool:
        """Whether an area served by councils of these tiers (None: not known) needs it."""
        return self.tiers is None or tiers is None or bool(tiers.intersection(self.tiers))


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
        end = f" to {long_date(self.until - dt.timedelta(days=1))}" if self.until else " onwards"
        return f"{long_date(self.since)}{end}"

    @property
    def period(self) -> str:
        """The era as a sentence says it: 'from 1 April 2013 to 28 September 2019'."""
        end = f" to {long_date(self.until - dt.timedelta(days=1))}" if self.until else ""
        return f"from {long_date(self.since)}{end}"


def available_packs() -> list[str]:
    """The names of the packs shipped with boardmap, sorted."""
    return sorted(p.stem for p in PACK_DIR.glob("*.yaml"))


def load_pack_file(path: Path) -> Pack:
    """Read and validate one pack file."""
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


def packs_in_force(ctx: Views) -> list[Pack]:
    """The packs the map asks for whose era covers the map's date."""
    on = ctx.gmap.as_of
    return [p for p in (load_pack(n) for n in ctx.gmap.rules) if p.in_force(on)]


# -- eras --------------------------------------------------------------------------------------


def out_of_era(ctx: Views) -> list[Pack]:
    """The packs a map asks for when none of them covers the map's date: their rules were
    not checked, which the map's owners should know."""
    asked = [load_pack(n) for n in ctx.gmap.rules]
    if any(p.in_force(ctx.gmap.as_of) for p in asked):
        return []
    return asked
