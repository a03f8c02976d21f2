"""Accountability as the law sets it (issue 14): whom a body answers to where the map does
not spell it out, so that the checks do not cry wolf over an arrangement the law makes:

- `parents`: the body a board is part of and answers to: its `part_of`, or, for a council
  committee (by kind, or by law: a Health and Wellbeing Board, a scrutiny committee), the
  one council in the map;
- `partner_groups`: groups whose members are the statutory safeguarding partners, which
  answer through those partners (Children Act 2004, s.16E);
- `law_parent`: for a board that answers to nobody in the map, whom the law makes it answer
  to, so that a parent the map simply leaves out is information, not a warning.

Statutory roles read from bases and names are boardmap.checks.roles_read's. Data only: the
rules (rules/, lawrules.py) make the sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from boardmap.checks.roles_read import fold
from boardmap.checks.shared import Views
from boardmap.checks.sitting import sitting as sits_each
from boardmap.model import GOVERNANCE_KINDS, Board

# -- accountability as the law sets it -----------------------------------------------------

# Bodies that the law makes committees of the council (they answer to it).
COMMITTEE_ROLES = frozenset(
    {"hwb", "overview-and-scrutiny", "health-scrutiny", "crime-and-disorder-committee"}
)
# The statutory safeguarding partners, and the offices through which a partner takes part.
PARTNER_ROLES: dict[str, frozenset[str]] = {
    "local-authority": frozenset(
        {"local-authority", "chief-executive", "dcs", "dass", "lead-member", "leader"}
    ),
    "ccg|icb": frozenset({"ccg", "icb", "icb-chief-executive"}),
    "police": frozenset({"police", "chief-constable"}),
}
_PARTNER_ANY = frozenset().union(*PARTNER_ROLES.values())
# Partnerships that the law makes of their partners, and that answer through them.
PARTNERSHIP_ROLES = frozenset({"safeguarding-partnership", "csp"})
# The partners (keys of PARTNER_ROLES) a partnership answers through: the three
# safeguarding partners together (Children Act 2004, s.16E); for a Community Safety
# Partnership, the council and the police, the responsible authorities its law parent
# names (Crime and Disorder Act 1998, s.5). A partnership that lists them but lacks
# another responsible authority (the integrated care board) answers through those it has:
# the one it lacks is missing-statutory-member's finding, not a second one here.
PARTNERS_NEEDED: dict[str, tuple[str, ...]] = {
    "safeguarding-partnership": ("local-authority", "ccg|icb", "police"),
    "csp": ("local-authority", "police"),
}


def councils(ctx: Views) -> list[Board]:
    """The councils in the map: organisations with the role of a local authority, or where
    there are none, a body marked `top` that is called a council (Full Council)."""
    found = [b for b in ctx.by_role.get("local-authority", []) if b.kind != "role"]
    if found:
        return found
    return [b for b in ctx.gmap.boards if b.top and "council" in fold(b.name)]


def is_committee(board: Board) -> bool:
    """A council committee, by kind or in law."""
    return board.kind == "committee" or board.statutory_role in COMMITTEE_ROLES


@dataclass(frozen=True)
class Parent:
    """The body a board is part of: named in `part_of`, or inferred (the map's one council)."""

    board: str
    inferred: bool


def parents(ctx: Views) -> dict[str, Parent]:
    """Each board's parent: its `part_of`, or for a council committee the one council of
    its area (a council with no `areas` covers the whole map)."""
    found: dict[str, Parent] = {}
    council = councils(ctx)
    by_area = _by_area(council)
    for board in ctx.gmap.boards:
        if board.part_of is not None:
            found[board.id] = Parent(board.part_of, False)
            continue
        if board.top or not is_committee(board) or board.kind not in GOVERNANCE_KINDS:
            continue
        near = councils_near(board, council, by_area)
        if len(near) == 1 and near[0].id != board.id:
            found[board.id] = Parent(near[0].id, True)
    return found


def _by_area(council: list[Board]) -> dict[str | None, list[Board]]:
    """Councils by area (None: councils with no `areas`, which cover the whole map)."""
    found: dict[str | None, list[Board]] = {}
    for c in council:
        areas: list[str | None] = list(c.areas) if c.areas else [None]
        for area in areas:
            found.setdefault(area, []).append(c)
    return found


def councils_near(
    board: Board, council: list[Board], by_area: dict[str | None, list[Board]] | None = None
) -> list[Board]:
    """The councils whose area is the board's (every council, where the board has none)."""
    if not board.areas:
        return council
    index = by_area if by_area is not None else _by_area(council)
    near: dict[str, Board] = {c.id: c for c in index.get(None, [])}
    for area in board.areas:
        for c in index.get(area, []):
            near.setdefault(c.id, c)
    return list(near.values())


def partner_groups(ctx: Views) -> set[str]:
    """Groups whose members are the statutory partners (each partner there itself or
    through its officer), which answer through them: a safeguarding partnership (Children
    Act 2004, s.16E) with the council, the NHS body and the police among its members, a
    Community Safety Partnership (Crime and Disorder Act 1998, s.5) with the council and
    the police (PARTNERS_NEEDED), or any group made only of the three; and an integrated
    care partnership with its integrated care board and a council among its members (their
    joint committee)."""
    found: set[str] = set()
    every_partner = tuple(PARTNER_ROLES)
    for board in ctx.governance:
        if board.statutory_role == "icp" and _joint_committee(ctx, board):
            found.add(board.id)
            continue
        parent = law_parent(board)
        if parent is not None and parent.roles == ("chief-executive",):
            continue  # a Safeguarding Adults Board answers to the chief executive, not through its members
        needed = PARTNERS_NEEDED.get(board.statutory_role or "", every_partner)
        seated = (*board.members, *board.chairs)
        if len(seated) < len(needed):
            continue  # too few members to hold the partners
        # Each member with the roles it sits for (an officer also for the organisation it
        # answers to: a chief constable for the police; sitting.py).
        sitting = sits_each(ctx, seated)
        if not sitting:
            continue
        present = frozenset().union(*sitting)
        if not all(present & PARTNER_ROLES[key] for key in needed):
            continue
        if board.statutory_role in PARTNERSHIP_ROLES or all(roles & _PARTNER_ANY for roles in sitting):
            found.add(board.id)
    return found


def _joint_committee(ctx: Views, board: Board) -> bool:
    """An integrated care partnership with its integrated care board and a council among
    its members: the joint committee they set up, which answers through them (National
    Health Service Act 2006, s.116ZA)."""
    roles = {ctx.by_id[m].statutory_role for m in (*board.members, *board.chairs) if m in ctx.by_id}
    return "icb" in roles and bool(roles & PARTNER_ROLES["local-authority"])


@dataclass(frozen=True)
class LawParent:
    """Whom the law makes a body answer to: the roles of that body, said, and the source."""

    roles: tuple[str, ...]
    said: str
    source: str


LAW_PARENTS: dict[str, LawParent] = {
    "committee": LawParent(
        ("local-authority",), "its council, as a committee of it", "Local Government Act 1972, s.102"
    ),
    "hwb": LawParent(
        ("local-authority",),
        "its council, as a committee of it",
        "Health and Social Care Act 2012, s.194(11)",
    ),
    "lscb": LawParent(
        ("chief-executive",),
        "the council's chief executive, who holds its chair to account",
        "Working Together to Safeguard Children 2015, chapter 3",
    ),
    "sab": LawParent(
        ("chief-executive",),
        "the council's chief executive, to whom its chair is accountable",
        "Care and Support Statutory Guidance, chapter 14",
    ),
    "csp": LawParent(
        ("local-authority", "police"),
        "its responsible authorities (the council, the police, "
        "the fire and rescue authority, the probation service and the NHS body), through whom "
        "it is accountable",
        "Crime and Disorder Act 1998, s.5",
    ),
    "icp": LawParent(
        ("icb", "local-authority"),
        "the integrated care board and the councils that set it up as their joint committee",
        "National Health Service Act 2006, s.116ZA",
    ),
    "safeguarding-partnership": LawParent(
        ("local-authority", "ccg", "icb", "police", "icb-chief-executive", "chief-constable"),
        "the safeguarding partners (the council, "
        "the NHS integrated care board and the chief officer of police), through whom it is "
        "accountable",
        "Children Act 2004, s.16E",
    ),
}


def law_parent(board: Board) -> LawParent | None:
    if board.statutory_role in LAW_PARENTS:
        return LAW_PARENTS[board.statutory_role]
    if is_committee(board):
        return LAW_PARENTS["committee"]
    return None
