"""Pydantic models of the boardmap format, version 1 (../shared/docs/format.md).

The field names are a fixed contract with the people who write maps. Models are plain on
purpose: validating a national map is most of the cost of `boardmap check`, so the only
custom validator is the one that stops a bare year becoming a date in 1970.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
)

BoardKind = Literal[
    "statutory-board",
    "partnership",
    "committee",
    "sub-group",
    "officer-group",
    "role",
    "organisation",
    "external",
]
LinkType = Literal[
    "reports-to",
    "challenges",
    "escalates-to",
    "consults",
    "informs",
    "sub-group-of",
    "attends",
    "meets-with",
]
StatutoryRole = Literal[
    "hwb",
    "lscb",
    "safeguarding-partnership",
    "independent-scrutineer",
    "delegated-safeguarding-partner",
    "cspr-panel",
    "what-works-centre",
    "sab",
    "csp",
    "crime-and-disorder-committee",
    "overview-and-scrutiny",
    "health-scrutiny",
    "police-and-crime-panel",
    "chief-executive",
    "icb-chief-executive",
    "chief-constable",
    "leader",
    "dcs",
    "dass",
    "director-public-health",
    "lead-member",
    "pcc",
    "healthwatch",
    "ccg",
    "icb",
    "icp",
    "police",
    "probation",
    "local-authority",
    "fire-and-rescue",
    "nhs-trust",
]

# Which tier of local government a council is (a board's `tier`, docs/format.md): in a
# two-tier area the county council and the district councils share the area's duties.
CouncilTier = Literal["county", "district", "unitary", "metropolitan", "london-borough"]

BOARD_KINDS: tuple[str, ...] = get_args(BoardKind)
LINK_TYPES: tuple[str, ...] = get_args(LinkType)
STATUTORY_ROLES: tuple[str, ...] = get_args(StatutoryRole)
COUNCIL_TIERS: tuple[str, ...] = get_args(CouncilTier)
# Kinds that are bodies with governance of their own (the rest are people, agencies, outsiders).
GOVERNANCE_KINDS: frozenset[str] = frozenset(
    {"statutory-board", "partnership", "committee", "sub-group", "officer-group"}
)
# Link types through which a body answers to another.
REPORTING_TYPES: frozenset[str] = frozenset({"reports-to", "sub-group-of"})
# Link types that join two bodies both ways: "A meets with B" says as much as "B meets with
# A" (committees in common: bodies that meet together and stay legally separate).
MUTUAL_TYPES: frozenset[str] = frozenset({"meets-with"})

ID_PATTERN = r"^[a-z][a-z0-9-]{0,63}$"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _no_bare_numbers(value: Any) -> Any:
    if type(value) is str and _ISO_DAY.fullmatch(value):
        return value  # nearly every date: written as YYYY-MM-DD (10,000 at 10,000 boards)
    # Lax pydantic reads 2014 as a Unix timestamp; a map author means a year, so refuse it.
    if (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.strip().isdigit()
    ):
        raise ValueError("write the date in full, as YYYY-MM-DD (for example 2014-06-17)")
    # pydantic also reads a date-time at midnight ('2014-06-17T00:00') as a date: a map's
    # dates are days, written one way.
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("write it as YYYY-MM-DD, a real date (for example 2014-06-17)")
    return value


def _whole_version(value: Any) -> Any:
    # Lax pydantic takes true and 1.0 for the literal 1 (they compare equal); a version is a
    # whole number, so say so rather than read `boardmap: true` as version 1.
    if isinstance(value, bool | float):
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        raise ValueError(f"the format version is the whole number 1, not {shown}: write `boardmap: 1`")
    return value


BoardId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Date = Annotated[dt.date, BeforeValidator(_no_bare_numbers)]
Text = Annotated[str, StringConstraints(min_length=1)]
# A board's name and short form are drawn in a box and head its section of the guide: past
# these lengths the text is a paragraph pasted into the wrong field (the longest real name in
# the examples is 96 characters), and a 12,000-character name made a guide of 200 KB.
NAME_MAX = 200
SHORT_MAX = 40


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("is only spaces: write the name people use for the board")
    return value


Name = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX), AfterValidator(_not_blank)]


def _not_blank_label(value: str) -> str:
    if not value.strip():
        raise ValueError("is only spaces: write it out")
    return value


# The name of a route, a shared priority or an agreement, and the map's area and title:
# headings and titles of the guide, held to a board name's length for the same reason.
Label = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX), AfterValidator(_not_blank_label)]
Short = Annotated[str, StringConstraints(max_length=SHORT_MAX)]

_EMAIL = re.compile(r"(?:mailto:)?[^@\s<>\"'()\[\]]+@[^@\s<>\"'()\[\]]+\.[a-zA-Z]{2,}")
_WEB = re.compile(r"https?://[^\s<>\"'`]+\.[^\s<>\"'`]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{1,30}[0-9](?: (?:ext|extension)\.? ?[0-9]+)?")


def _email(value: Any) -> Any:
    if isinstance(value, str) and not _EMAIL.fullmatch(value.strip()):
        raise ValueError("is not an email address: write it as name@example.gov.uk")
    return value.strip() if isinstance(value, str) else value


def _web(value: Any) -> Any:
    if isinstance(value, str) and not _WEB.fullmatch(value.strip()):
        raise ValueError("is not a web address: write it in full, starting https://")
    return value.strip() if isinstance(value, str) else value


def _phone(value: Any) -> Any:
    if isinstance(value, str) and not _PHONE.fullmatch(value.strip()):
        raise ValueError("is not a phone number: write digits and spaces, such as 01634 334466")
    return value.strip() if isinstance(value, str) else value


def _email_or_web(value: Any) -> Any:
    if isinstance(value, str) and not (_EMAIL.fullmatch(value.strip()) or _WEB.fullmatch(value.strip())):
        raise ValueError(
            "is not an email address or a web address: write name@example.gov.uk "
            "or a page's address starting https://"
        )
    return value.strip() if isinstance(value, str) else value


# The places a link's `says` may name the two bodies: 'is accountable through its chair to {to}'.
SAYS_PLACES = ("to", "from")
_SAYS_PLACE = re.compile(r"\{([A-Za-z_][\w-]*)\}")


def _says(value: Any) -> Any:
    # Only a word in braces is a place: a lone brace, or '{ x }', is the map's own text.
    for match in _SAYS_PLACE.finditer(value if isinstance(value, str) else ""):
        if match.group(1) not in SAYS_PLACES:
            raise ValueError(
                f"names an unknown place {match.group(0)!r}: write {{to}} where the "
                "body the link goes to is named, or {from} for the body it comes "
                "from"
            )
    return value


Says = Annotated[str, AfterValidator(_says)]
Email = Annotated[str, AfterValidator(_email)]
Web = Annotated[str, AfterValidator(_web)]
Phone = Annotated[str, AfterValidator(_phone)]
EmailOrWeb = Annotated[str, AfterValidator(_email_or_web)]


class _Model(BaseModel):
    # Unknown fields are errors: a misspelt field must never pass silently.
    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        populate_by_name=True,
        frozen=True,
    )


class _Located(_Model):
    # An item declared in a map's file: a board, link, route, theme, concern, accepted entry or
    # agreement. Where it was declared is the loader's knowledge, kept beside the map in a side
    # table (boardmap.origins), not in the item.

    def __eq__(self, other: object) -> bool:
        # Equal when the declarations say the same, wherever they were written.
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # lists inside make these unhashable anyway


class Board(_Located):
    id: BoardId
    name: Name
    short: Short | None = None
    kind: BoardKind
    purpose: str | None = None
    basis: str | None = None
    statutory_role: StatutoryRole | None = None
    chair: str | list[str] | None = None
    independent_chair: bool = False
    members: list[str] = Field(default_factory=list)
    meets: str | None = None
    areas: list[str] = Field(default_factory=list)
    top: bool = False
    # The body this one is part of and answers to: a council committee's council.
    part_of: BoardId | None = None
    # A council's tier: which of the area's duties the law gives it (a district council has
    # no Health and Wellbeing Board of its own; its county has).
    tier: CouncilTier | None = None
    since: Date | None = None
    until: Date | None = None
    url: str | None = None
    # How to reach the board: its business manager's email address or its web page.
    contact: EmailOrWeb | None = None

    @property
    def chairs(self) -> list[str]:
        """The chair as a list: co-chairs, one chair, or none."""
        if self.chair is None:
            return []
        return [self.chair] if isinstance(self.chair, str) else list(self.chair)

    @property
    def label(self) -> str:
        """The full name with the acronym in brackets, as readers see it."""
        return f"{self.name} ({self.short})" if self.short else self.name


class Link(_Located):
    from_: BoardId = Field(alias="from")
    to: BoardId
    type: LinkType
    says: Says | None = None
    what: str | None = None
    cadence: str | None = None
    basis: str | None = None
    review_by: Date | None = None
    since: Date | None = None
    until: Date | None = None


class Step(_Model):
    action: Text
    involves: list[str] = Field(default_factory=list)


class Escalation(_Located):
    id: BoardId
    name: Label
    description: str | None = None
    between: list[str] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    since: Date | None = None
    until: Date | None = None


class Theme(_Located):
    id: BoardId
    name: Label
    description: str | None = None
    lead: str | None = None
    supports: list[str] = Field(default_factory=list)
    since: Date | None = None  # a shared priority may run for a plan's years
    until: Date | None = None


class Concern(_Located):
    """Where a front-line worker takes a worry: 'I am worried about a child' -> what to do,
    whom to contact (a board's id or free text) and how (phone, email, web page)."""

    concern: Text
    do: str | None = None
    contact: str | None = None
    phone: Phone | None = None
    email: Email | None = None
    web: Web | None = None


class LinkRef(_Model):
    from_: BoardId = Field(alias="from")
    to: BoardId
    type: LinkType | None = None


class Accepted(_Located):
    rule: Text
    board: str | None = None
    boards: list[str] | None = None
    link: LinkRef | None = None
    theme: str | None = None
    route: str | None = None
    # A finding about a body the map lacks names no board: the entry names the missing
    # body's statutory role instead (and, in a map of several areas, the area).
    role: StatutoryRole | None = None
    area: str | None = None
    reason: Text
    since: Date | None = None  # the acceptance applies from this date ...
    until: Date | None = None  # ... and up to this date; after it the finding returns


AgreementStatus = Literal["draft", "agreed", "withdrawn"]
AGREEMENT_STATUSES: tuple[str, ...] = get_args(AgreementStatus)


class Signature(_Model):
    """One board's agreement to an agreement: which board, on what date, and where it is
    recorded (a minute reference or a web address)."""

    by: BoardId
    on: Date
    ref: str | None = None


class Covers(_Model):
    """What an agreement sets out: links (a type left out means every link of the pair)
    and escalation routes, by id."""

    links: list[LinkRef] = Field(default_factory=list)
    routes: list[BoardId] = Field(default_factory=list)


class Agreement(_Located):
    """A protocol or other written agreement between boards (docs/format.md, Extensions)."""

    id: BoardId
    name: Label
    description: str | None = None
    between: list[BoardId] = Field(min_length=2)
    # None: every link and route among the boards in `between`.
    covers: Covers | None = None
    agreed: list[Signature] = Field(default_factory=list)
    status: AgreementStatus = "agreed"
    review_by: Date | None = None
    url: str | None = None
    since: Date | None = None
    until: Date | None = None


class _Sections(_Model):
    # What a map file and a whole map have alike; they differ in what is required.
    title: Label | None = None
    rules: list[str] = Field(default_factory=list)
    glossary: dict[Text, str] = Field(default_factory=dict)
    boards: list[Board] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    escalations: list[Escalation] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    accepted: list[Accepted] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    # What to do first when someone is in danger ("If someone is in immediate danger, call
    # 999"), then where each kind of concern goes.
    urgent: str | None = None
    concerns: list[Concern] = Field(default_factory=list)


class MapFile(_Sections):
    """One YAML file of a map. In a folder, `area` and `boards` may stand in any one file."""

    boardmap: Annotated[Literal[1], BeforeValidator(_whole_version)]
    area: Label | None = None
    as_of: Date | None = None


class GovernanceMap(_Sections):
    """A whole map, merged from its files and seen on one date (`as_of`)."""

    area: str
    as_of: dt.date
    # The files it came from, in the order they were merged.
    sources: list[str] = Field(default_factory=list)

    # A cache of the boards by id, made on first use (a copy made with a field changed
    # starts without one: see `with_changes`).
    _by_id: dict[str, Board] | None = PrivateAttr(default=None)

    @property
    def by_id(self) -> dict[str, Board]:
        # Read from pydantic's private slot, not as self._by_id: that goes through
        # BaseModel.__getattr__, some 3 µs a read (16,000 reads in a national map's report).
        private = self.__pydantic_private__
        found: dict[str, Board] | None = private.get("_by_id") if private is not None else None
        if found is None:
            found = self._by_id = {b.id: b for b in self.boards}
        return found

    def board(self, board_id: str) -> Board:
        return self.by_id[board_id]

    def name_of(self, board_id: str) -> str:
        """A board's name, or the text itself where it is not a board id (a free-text chair)."""
        board = self.by_id.get(board_id)
        return board.name if board else board_id

    def with_changes(self, **update: Any) -> GovernanceMap:
        """A copy with some fields changed (say, the boards in force on a date), whose boards
        are indexed afresh."""
        copy = self.model_copy(update=update)
        copy._by_id = None
        return copy
