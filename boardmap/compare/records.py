"""The comparison's records: the matched bodies (`Body`, `Matching`) and what is compared
between them (`Area`, `Interface`, `OneSided`, `Route`, `AgreementRow`, `RuleRow`,
`Comparison`). Plain data, in a module of their own so that matching (`match`), comparing
(`analyse`) and the words (`say`) all import them and none imports another back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from boardmap.model import GovernanceMap

if TYPE_CHECKING:
    from boardmap.checks.engine import CheckResult

Fact = tuple[bool, str]  # (from the first body to the second, what)

# What one body does towards another, as compared: the link types, with a yearly report
# told apart from other information (the statutory bodies' annual reports are what readers
# look for first).
FACTS: tuple[str, ...] = (
    "sub-group-of",
    "reports-to",
    "challenges",
    "annual-report",
    "informs",
    "consults",
    "escalates-to",
    "attends",
)

# Statutory roles that are the same body in different eras: a Local Safeguarding Children
# Board (to 2019) and a safeguarding children partnership (from 2019) do the same job, and
# so do a clinical commissioning group (to June 2022) and an integrated care board.
ROLE_FAMILIES: dict[str, str] = {
    "lscb": "children-safeguarding",
    "safeguarding-partnership": "children-safeguarding",
    "ccg": "nhs-commissioner",
    "icb": "nhs-commissioner",
}

Group = str  # 'statutory' | 'common' | 'other' | 'people'


@dataclass
class Body:
    """One matched body: a row of the comparison."""

    key: str  # 'role:hwb', 'common:executive-group', 'name:body:cabinet', 'same:1', 'only:2:elg'
    group: Group
    label: str  # the body's name in the comparison: 'Health and Wellbeing Board'
    role: str | None = None  # the statutory role (or family) it was matched by
    # For each area (by index), the ids of its boards that are this body, and how matched.
    ids: dict[int, list[str]] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)

    def areas(self) -> list[int]:
        return sorted(i for i, found in self.ids.items() if found)


@dataclass
class Matching:
    bodies: list[Body]
    by_board: list[dict[str, Body]]  # per area: board id -> its matched body

    def common(self, groups: Sequence[Group] = ("statutory", "common", "other")) -> list[Body]:
        """The bodies found in more than one area."""
        return [b for b in self.bodies if b.group in groups and len(b.areas()) > 1]


@dataclass
class Area:
    index: int
    label: str  # 'Islington', or 'Islington (10 October 2013)' where two maps share an area
    path: str
    gmap: GovernanceMap
    result: CheckResult


@dataclass
class Interface:
    """Two matched bodies, and what each area that has both does between them."""

    first: Body
    second: Body
    facts: dict[int, frozenset[Fact]]  # area index -> facts, for areas that have both
    # area index -> the boards (first's, second's) that the links join there
    joined: dict[int, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)

    @property
    def differs(self) -> bool:
        return len(set(self.facts.values())) > 1


@dataclass
class OneSided:
    """A link one area has between a body most areas have and one that others lack: 'In
    Hillingdon the Safeguarding Adults Board reports to the Executive Leadership Group;
    Dorset's map has no executive group'."""

    face: Interface  # facts for the areas that have both bodies
    missing: Body  # the body the other areas lack
    lacking: list[int]  # the areas that have the other body but not this one


@dataclass
class Route:
    area: int
    id: str
    name: str
    between: list[Body]
    steps: int
    settled_by: list[str]  # board ids of the last step's `involves`


@dataclass
class AgreementRow:
    """A written agreement a map records (its `agreements` section)."""

    area: int
    id: str
    name: str
    between: list[Body]
    status: str
    agreed_by: list[tuple[str, str]]  # (board id, ISO date)
    review_by: str | None  # ISO date


@dataclass
class RuleRow:
    rule: str
    severity: str
    open: dict[int, int] = field(default_factory=dict)
    accepted: dict[int, int] = field(default_factory=dict)


@dataclass
class Comparison:
    areas: list[Area]
    matching: Matching
    interfaces: list[Interface]
    one_sided: list[OneSided]
    routes: list[Route]
    agreements: list[AgreementRow]
    findings: list[RuleRow]
    as_of: dt.date | None  # the date every map was seen on (--as-of), if one was given
    law_changes: list[str]  # changes in the law between the maps' dates (keys of LAW_CHANGES)

    @property
    def different_dates(self) -> bool:
        return len({a.gmap.as_of for a in self.areas}) > 1
