"""Which body in one map is which body in another: matched by statutory role, then by kind
and name, never by id (ids are each council's own), and overridable in a mapping file.

A matched body is a `Body`: one row of the comparison, holding, for each area, the ids of
the boards that are that body there (none where the area does not have it) and how each
was matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from boardmap.compare import say
from boardmap.compare.mapping import Mapping
from boardmap.compare.records import ROLE_FAMILIES, Body, Group, Matching
from boardmap.model import GOVERNANCE_KINDS, Board, GovernanceMap

# Roles that are bodies with meetings of their own (the rest are people and agencies).
STATUTORY_BODIES: tuple[str, ...] = (
    "hwb",
    "children-safeguarding",
    "sab",
    "csp",
    "independent-scrutineer",
    "crime-and-disorder-committee",
    "overview-and-scrutiny",
    "health-scrutiny",
    "police-and-crime-panel",
    "healthwatch",
)
# Common bodies the law does not require, found by their names (or, for an Integrated Care
# Partnership, by the Act named as its basis): (key, pattern, kinds it may be).
COMMON_BODIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("integrated-care-partnership", re.compile(r"integrated care partnership|\bicp\b")),
    ("childrens-trust", re.compile(r"children'?s trust")),
    ("improvement-board", re.compile(r"improvement board")),
    ("executive-group", re.compile(r"\bexecutive\b")),
    ("corporate-parenting", re.compile(r"corporate parenting")),
    ("mash", re.compile(r"multi-agency safeguarding hub|\bmash\b")),
)


def normalise(name: str, area: str) -> str:
    """A name as compared across areas: lower case, '&' as 'and', the area's own words and
    small words left out: 'Islington Safeguarding Children Board' -> 'safeguarding children
    board'."""
    text = name.lower().replace("’", "'").replace("&", " and ")
    drop = {w for w in re.split(r"[^a-z0-9']+", area.lower().replace("&", " and ")) if w}
    drop |= {"the", "of", "for", "and", "a", "an", "in", "on", "s"}
    words = [w.strip("'") for w in re.split(r"[^a-z0-9']+", text)]
    return " ".join(w for w in words if w and w not in drop and w.removesuffix("'s") not in drop)


def _common(board: Board, area: str) -> str | None:
    if board.kind not in GOVERNANCE_KINDS:
        return None
    text = f"{board.name} {board.short or ''}".lower().replace("’", "'")
    for key, pattern in COMMON_BODIES:
        if pattern.search(text):
            return key
    if board.basis and re.search(r"integrated care partnership", board.basis.lower()):
        return "integrated-care-partnership"
    return None


def automatic_key(board: Board, area: str) -> tuple[str, Group, str]:
    """The key a board is matched by, its group, and how it was matched (in words)."""
    if board.statutory_role:
        role = ROLE_FAMILIES.get(board.statutory_role, board.statutory_role)
        group = "statutory" if role in STATUTORY_BODIES else "people"
        return f"role:{role}", group, "statutory role"
    common = _common(board, area)
    if common:
        return f"common:{common}", "common", "name"
    kind = "body" if board.kind in GOVERNANCE_KINDS else "people"
    return (
        f"name:{kind}:{normalise(board.name, area)}",
        "other" if kind == "body" else "people",
        "kind and name",
    )


def match(maps: Sequence[GovernanceMap], mapping: Mapping | None = None) -> Matching:
    """Match the bodies of `maps`: the mapping file's `same` and `apart` first, then by
    statutory role, common name, and kind and name."""
    bodies: dict[str, Body] = {}
    by_board: list[dict[str, Body]] = [{} for _ in maps]
    fixed: dict[tuple[int, str], str] = {}  # (area, board id) -> key set by the mapping file
    labels: dict[str, str] = {}
    if mapping is not None:
        for n, same in enumerate(mapping.same, start=1):
            key = f"same:{n}"
            labels[key] = same.name
            for index, ids in same.bodies.items():
                for board_id in ids:
                    fixed[(index, board_id)] = key
        for index, board_id in mapping.apart:
            fixed[(index, board_id)] = f"only:{index}:{board_id}"
    for index, gmap in enumerate(maps):
        for board in gmap.boards:
            given = fixed.get((index, board.id))
            if given is not None:
                key, group, how = given, _group_of(board), "mapping file"
                if key.startswith("only:"):
                    labels[key] = board.name
            else:
                key, group, how = automatic_key(board, gmap.area)
            body = bodies.get(key)
            if body is None:
                role = key.split(":", 1)[1] if key.startswith("role:") else None
                label = labels.get(key) or say.body_label(key, board, gmap.area)
                body = bodies[key] = Body(key, group, label, role)
            body.ids.setdefault(index, []).append(board.id)
            body.how.setdefault(index, how)
            by_board[index][board.id] = body
    ordered = sorted(bodies.values(), key=_order)
    return Matching(ordered, by_board)


def _group_of(board: Board) -> Group:
    if board.statutory_role:
        role = ROLE_FAMILIES.get(board.statutory_role, board.statutory_role)
        return "statutory" if role in STATUTORY_BODIES else "people"
    return "other" if board.kind in GOVERNANCE_KINDS else "people"


_GROUP_ORDER = {"statutory": 0, "common": 1, "other": 2, "people": 3}


def _order(body: Body) -> tuple[int, int, str]:
    if body.group == "statutory" and body.role in STATUTORY_BODIES:
        return (0, STATUTORY_BODIES.index(body.role), body.label)
    common = [k for k, _ in COMMON_BODIES]
    if body.key.startswith("common:"):
        return (1, common.index(body.key.split(":", 1)[1]), body.label)
    return (_GROUP_ORDER.get(body.group, 4), 0, body.label.lower())
