"""Statutory roles read from what a map says (issue 14): the role of a body that has no
`statutory_role`, from its `basis` (the Act and section) or its well-known name.

Real maps name their statutory bodies in words ("Children Act 2004, section 13", "Safeguarding
Adults Board") more often than with `statutory_role`:

- `infer_roles`: each such body's role, with the reason (`Inference`), for `check --explain`
  and the findings that rest on it;
- `with_roles`: the map with those roles filled in, for the checks.

Data only: boardmap.say.findings says what was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from boardmap.model import GOVERNANCE_KINDS, Board, GovernanceMap
from boardmap.origins import Loaded

# Kinds of body that can be a board the law sets up (not a sub-group or officers' meeting,
# which often cite their parent board's Act as their own basis).
_BOARD_KINDS = frozenset({"statutory-board", "partnership", "committee"})
_ORG_KINDS = frozenset({"organisation", "external", "statutory-board", "partnership"})
_PERSON_KINDS = frozenset({"role", "external"})
_SCRUTINY_KINDS = frozenset({"committee", "statutory-board", "partnership", "external"})

# Acts, as a basis names them (lower case, '&' read as 'and').
_ACTS: dict[str, str] = {
    "children": r"children act 2004",
    "care": r"care act 2014",
    "hsca": r"health and social care act 2012",
    "cda": r"crime and disorder act 1998",
    "pja": r"police and justice act 2006",
    "lga": r"local government act 2000",
    "prsra": r"police reform and social responsibility act 2011",
    "hca": r"health and care act 2022",
    "nhs": r"(?:national health service|nhs) act 2006",
    "lgpih": r"local government and public involvement in health act 2007",
}

# (act, sections, role, kinds): a basis citing one of the sections of the Act (or, where
# sections is empty, the Act alone) makes a body of one of the kinds that role.
_BASIS: tuple[tuple[str, frozenset[str], str, frozenset[str]], ...] = (
    ("children", frozenset({"13", "14", "14a"}), "lscb", _BOARD_KINDS),
    (
        "children",
        frozenset({"16e", "16f", "16g", "16h", "16i", "16j", "16k"}),
        "safeguarding-partnership",
        _BOARD_KINDS,
    ),
    ("care", frozenset({"43", "schedule 2"}), "sab", _BOARD_KINDS),
    ("hsca", frozenset({"194", "195", "196"}), "hwb", _BOARD_KINDS),
    ("cda", frozenset({"5", "6"}), "csp", _BOARD_KINDS),
    ("pja", frozenset({"19"}), "crime-and-disorder-committee", _SCRUTINY_KINDS),
    ("lga", frozenset({"9f", "21"}), "overview-and-scrutiny", _SCRUTINY_KINDS),
    # s.3: the Mayor's Office for Policing and Crime, London's elected local policing body;
    # s.33: the London Assembly discharges the police and crime panel's functions there.
    ("prsra", frozenset({"1", "3"}), "pcc", _PERSON_KINDS | _ORG_KINDS),
    ("prsra", frozenset({"28", "33"}), "police-and-crime-panel", _SCRUTINY_KINDS),
    ("nhs", frozenset({"14z25"}), "icb", _ORG_KINDS),
    ("nhs", frozenset({"116za"}), "icp", _BOARD_KINDS),
    ("lgpih", frozenset({"221", "222"}), "healthwatch", _ORG_KINDS),
)

# Well-known names. A pattern must match the whole name, after an optional place name, and
# before an optional acronym in brackets: "Medway Safeguarding Children Board (MSCB)".
_PLACE = r"^(?:[\w'’.,&-]+\s+){0,5}?"
_NAMES: tuple[tuple[str, str, frozenset[str]], ...] = (
    (r"health and well-?being board", "hwb", _BOARD_KINDS),
    (r"(?:local )?safeguarding children'?s? board|children'?s? safeguarding board", "lscb", _BOARD_KINDS),
    (
        r"(?:local )?safeguarding children'?s? partnership|children'?s? safeguarding partnership"
        r"|safeguarding partnership for children",
        "safeguarding-partnership",
        _BOARD_KINDS,
    ),
    (
        r"safeguarding adults'? board|adults'? safeguarding board|adult safeguarding board",
        "sab",
        _BOARD_KINDS,
    ),
    (r"community safety partnership", "csp", _BOARD_KINDS),
    (
        r"crime and disorder (?:scrutiny |overview and scrutiny )?committee",
        "crime-and-disorder-committee",
        _SCRUTINY_KINDS,
    ),
    (r"integrated care partnership", "icp", _BOARD_KINDS),
    (r"(?:nhs )?integrated care board", "icb", _ORG_KINDS),
    (r"delegated safeguarding partner", "delegated-safeguarding-partner", frozenset({"role"})),
    (r"(?:the )?child safeguarding practice review panel", "cspr-panel", _ORG_KINDS),
    (
        r"what works (?:centre )?for children'?s? social care"
        r"|(?:foundations\W+)?what works centre for children (?:and|&) families",
        "what-works-centre",
        _ORG_KINDS,
    ),
    (r"(?:nhs )?clinical commissioning group", "ccg", _ORG_KINDS),
    # The office before its area as well as after it: "Police and Crime Commissioner for
    # West Yorkshire" as the West Yorkshire Combined Authority writes it, "Police, Fire and
    # Crime Commissioner for Essex" (a commissioner who is also the fire authority).
    (
        r"police,? (?:fire )?and crime commissioner(?: for (?:the )?[\w ,'&-]+)?"
        r"|(?:the )?mayor'?s office for policing and crime",
        "pcc",
        _PERSON_KINDS | _ORG_KINDS,
    ),
    (
        r"police,? (?:fire )?and crime panel(?: for (?:the )?[\w ,'&-]+)?"
        r"|london assembly(?: police and crime committee)?",
        "police-and-crime-panel",
        _SCRUTINY_KINDS,
    ),
    (r"(?:local )?healthwatch|healthwatch [\w ]+", "healthwatch", _ORG_KINDS),
    # The lead safeguarding partners beside the council's chief executive (Working Together
    # 2023, chapter 2): before the council's, whose pattern would take "ICB Chief Executive".
    (
        r"(?:nhs )?(?:icb|integrated care board) chief executive(?: officer)?"
        r"|chief executive(?: officer)?(?: of|,| -| for)? (?:the )?(?:nhs )?[\w ,'&-]*"
        r"(?:integrated care board|icb)",
        "icb-chief-executive",
        _PERSON_KINDS,
    ),
    (
        r"chief constable(?: of (?:the )?[\w ,'&-]+)?|chief officer of police"
        r"|commissioner of (?:the )?police of the metropolis|metropolitan police commissioner"
        r"|commissioner of (?:the )?city of london police|city of london police commissioner",
        "chief-constable",
        _PERSON_KINDS,
    ),
    (
        r"chief executive(?: of (?:the )?[\w ]*council)?|head of paid service",
        "chief-executive",
        frozenset({"role"}),
    ),
    # An elected mayor leads a mayoral council's executive ("Executive Mayor of Croydon", "City
    # Mayor of Salford"); a ceremonial or Lord Mayor, or a combined authority's mayor, does not.
    (
        r"(?:council )?leader|leader of (?:the )?[\w ]*council|(?:executive|city) mayor(?: of [\w ]+)?",
        "leader",
        frozenset({"role"}),
    ),
    (r"director of children'?s? services", "dcs", frozenset({"role"})),
    (r"director of adult(?:s'?)? (?:social )?services", "dass", frozenset({"role"})),
    (r"director of public health", "director-public-health", frozenset({"role"})),
    (
        r"(?:lead|cabinet|portfolio) (?:member|holder) for children(?:'s)?[\w ,']*",
        "lead-member",
        frozenset({"role"}),
    ),
    (
        r"(?:borough |county |district |city |metropolitan borough )?council"
        r"|(?:royal |london )?borough of [\w ]+",
        "local-authority",
        frozenset({"organisation"}),
    ),
    (r"police|constabulary|police (?:service|force)", "police", frozenset({"organisation"})),
    (r"probation(?: service)?", "probation", frozenset({"organisation"})),
    (r"fire and rescue(?: service| authority)?", "fire-and-rescue", frozenset({"organisation"})),
    (r"nhs (?:foundation )?trust", "nhs-trust", frozenset({"organisation"})),
)
# A name pattern between the place name and the acronym: see _name_pattern.
_AFTER_NAME = r"(?:\s*\([^()]*\))?$"
# Names that look like a role's but belong to another body's officer.
_NOT_THE_COUNCILS = re.compile(r"\b(?:nhs|icb|integrated care|trust|police|ccg|voluntary)\b")
_COUNCIL_ROLES = frozenset(
    {"chief-executive", "leader", "dcs", "dass", "director-public-health", "lead-member", "local-authority"}
)
# A deputy or an assistant is not the office itself: "Deputy Chief Constable" is not the
# chief officer of police, nor "Assistant Chief Executive" the head of paid service.
_NOT_THE_CHIEF = re.compile(r"\b(?:deputy|assistant|vice)\b")
_CHIEF_ROLES = frozenset({"chief-executive", "icb-chief-executive", "chief-constable"})
# The roles of bodies of which an area has one: a name matching one of these is not read as
# a second where the map already marks one with `statutory_role`.
_ONE_PER_AREA = frozenset(
    {"hwb", "lscb", "safeguarding-partnership", "sab", "csp", "crime-and-disorder-committee", "icp"}
)

# A section as a basis cites it: "section 13", "s.16E", "ss.5 and 6", "sections 194-196".
_SECTIONS = re.compile(r"\b(?:sections?|ss?\.|ss|sec\.)\s*(\d+[a-z]*(?:\s*(?:,|and|&|-|–|to)\s*\d+[a-z]*)*)")
_SCHEDULE = re.compile(r"\b(?:schedule|sch\.?)\s*(\d+)")


@dataclass(frozen=True)
class Inference:
    """A statutory role boardmap read from a board's basis or name."""

    role: str
    why: str  # "its basis is Children Act 2004, section 13"


def fold(text: str) -> str:
    """A name or basis as compared: casefolded, '&' as 'and', one space for any run."""
    # split() and strip() take the whitespace \s matches (str.isspace): a run of it as one space.
    return " ".join(text.replace("&", "and").replace("’", "'").casefold().split())


def _sections(text: str) -> set[str]:
    found: set[str] = set()
    for match in _SECTIONS.finditer(text):
        numbers = re.findall(r"\d+[a-z]*", match.group(1))
        found.update(numbers)
        # A range of plain numbers ("194-196") covers those between.
        ranged = re.fullmatch(r"(\d+)\s*(?:-|–|to)\s*(\d+)", match.group(1).strip())
        if ranged and int(ranged.group(2)) - int(ranged.group(1)) < 50:
            found.update(str(n) for n in range(int(ranged.group(1)), int(ranged.group(2)) + 1))
    found.update(f"schedule {n}" for n in _SCHEDULE.findall(text))
    return found


def role_from_basis(basis: str, kind: str) -> str | None:
    """The statutory role a basis gives a body of this kind, or None."""
    text = fold(basis)
    sections: set[str] | None = None
    for act, wanted, role, kinds in _BASIS:
        if kind not in kinds or not re.search(_ACTS[act], text):
            continue
        if sections is None:
            sections = _sections(text)
        if sections & wanted:
            return role
    return None


# The name patterns that can apply to each kind of body, in order.
_NAMES_BY_KIND: dict[str, tuple[tuple[str, str], ...]] = {
    kind: tuple((pattern, role) for pattern, role, kinds in _NAMES if kind in kinds)
    for kind in {k for _, _, kinds in _NAMES for k in kinds}
}


# The patterns are compiled when first used, not at import: compiling them all is some 5 ms
# of every command's start, and most maps need a few.
@cache
def _name_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(_PLACE + f"(?:{pattern})" + _AFTER_NAME)


@cache
def _any_name(kind: str) -> re.Pattern[str]:
    """One pattern that matches where any of the kind's name patterns does: most names
    match none, and one test rules them out (a quarter of the time of testing each)."""
    return re.compile(
        _PLACE + "(?:" + "|".join(f"(?:{p})" for p, _ in _NAMES_BY_KIND[kind]) + ")" + _AFTER_NAME
    )


def role_from_name(name: str, kind: str) -> str | None:
    """The statutory role a well-known name gives a body of this kind, or None."""
    patterns = _NAMES_BY_KIND.get(kind)
    if not patterns:
        return None
    text = fold(name)
    if not _any_name(kind).match(text):
        return None
    for pattern, role in patterns:
        if _name_pattern(pattern).match(text):
            if role in _COUNCIL_ROLES and _NOT_THE_COUNCILS.search(text):
                return None
            if role in _CHIEF_ROLES and _NOT_THE_CHIEF.search(text):
                return None
            return role
    return None


# The kinds of body whose role is read from a basis or a name (today, every kind), made once.
_READ_KINDS = frozenset({*GOVERNANCE_KINDS, "role", "organisation", "external"})


def infer_roles(undated: GovernanceMap) -> dict[str, Inference]:
    """For each board without a `statutory_role`, the role its basis or name gives it (every
    board of every date: the undated map)."""
    boards = undated.boards
    marked: dict[str, list[Board]] = {}
    for board in boards:
        if board.statutory_role:
            marked.setdefault(board.statutory_role, []).append(board)
    found: dict[str, Inference] = {}
    for board in boards:
        if board.statutory_role or board.kind not in _READ_KINDS:
            continue
        role = role_from_basis(board.basis, board.kind) if board.basis else None
        if role is not None:
            found[board.id] = Inference(role, f"its basis is {board.basis.strip()}" if board.basis else "")
            continue
        role = role_from_name(board.name, board.kind)
        if role is None or (role in _ONE_PER_AREA and _shares_area(board, marked.get(role, []))):
            continue
        found[board.id] = Inference(role, f"its name is '{board.name}'")
    return found


def _shares_area(board: Board, others: list[Board]) -> bool:
    return any(not board.areas or not other.areas or set(board.areas) & set(other.areas) for other in others)


def with_roles(loaded: Loaded, inferred: dict[str, Inference]) -> Loaded:
    """The map with each inferred role written in, as if its author had marked it (the whole
    undated map too, so that ended bodies are known by their roles); each board copied stands
    where its original stands."""
    if not inferred:
        return loaded
    origins = loaded.origins.derived()

    def fill(part: GovernanceMap) -> GovernanceMap:
        boards = []
        for board in part.boards:
            if board.id in inferred:
                copy = board.model_copy(update={"statutory_role": inferred[board.id].role})
                origins.copied(copy, board)
                board = copy
            boards.append(board)
        return part.with_changes(boards=boards)

    undated = fill(loaded.undated) if loaded.undated is not loaded.map else None
    gmap = fill(loaded.map)
    return loaded.replace(gmap, undated if undated is not None else gmap, origins)
