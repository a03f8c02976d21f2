"""How a body is named inside a sentence: 'the Health and Wellbeing Board' but 'Medway
Council'; a board's name in one area's guide; finding a board's name in a map's phrase."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from boardmap.model import Board
from boardmap.say.grammar import a

# A name that ends in a letter, a number or a Roman numeral names one of a series ('Board A',
# 'Panel 2', 'Group IV'): it takes no 'the'.
_DESIGNATED = re.compile(r"\s(?:[A-Z]|\d+[A-Za-z]?|[IVX]{1,4})$")


def the(board: Board) -> str:
    """A board's name as it reads inside a sentence: 'the Health and Wellbeing Board',
    but 'Medway Council' and 'Kent Police' (organisations named after a place) as they are,
    and 'the Local Healthwatch organisation' (a name with a common noun in it)."""
    return the_name(board.name, board.kind)


@functools.lru_cache(maxsize=1 << 16)  # each board is named in every diagram that shows it
def the_name(name: str, kind: str) -> str:
    """the() of a body of this name and kind."""
    if name.lower().startswith("the "):
        return "the " + name[4:]
    if _DESIGNATED.search(name) and not _NAME_BREAKS.intersection(name.lower().split()):
        return name  # 'Board A reports to Board B'; but 'the Board for Area C'
    if name.split()[0] in _TITLES:
        return "the " + name  # an office, not a body's own name: 'the Secretary of State for ...'
    if _OF_PLACE.match(name):
        return "the " + name  # 'the London Borough of Croydon', 'the Council of the Isles of Scilly'
    if _place_council(name):
        return name  # 'reports to Medway Council', but 'the Full Council'
    if (
        kind in ("organisation", "external")
        and not any(word in name.split() for word in _BODY_WORDS)
        and not _described(name)
    ):
        return name
    return "the " + name


# Words that make an organisation's name a description of a body: 'the Home Office'.
_BODY_WORDS = frozenset(
    {
        "Board",
        "Committee",
        "Group",
        "Partnership",
        "Department",
        "Office",
        "Association",
        "Assembly",
        "Trust",
        "Groups",
        "Service",
        "Services",
        "Trusts",
        "Authority",
        "Agency",
        "Commission",
        "Forum",
        "Panel",
        "Network",
        "Team",
        "Unit",
        "Organisation",
        "Executive",
    }
)
# The first words of an office's title, which takes 'the' whoever holds it.
_TITLES = frozenset(
    {"Secretary", "Minister", "Commissioner", "Mayor", "Chair", "Chief", "Director", "Leader"}
)
# Councils named as "the <kind> of <place>", which take 'the' though they are a place's.
_OF_PLACE = re.compile(r"^(?:Royal |London |Metropolitan )?(?:Borough|City|County|District|Council) of ")
# Words before 'Council' that make it a kind of council, not a place's: 'the Full Council'.
_COUNCIL_KINDS = frozenset(
    {
        "full",
        "youth",
        "young",
        "children's",
        "children’s",
        "executive",
        "advisory",
        "business",
        "community",
        "joint",
        "local",
        "schools",
        "patient",
        "pupil",
        "student",
        "people's",
        "people’s",
        "care",
        "health",
        "safeguarding",
        "partnership",
        "the",
        "a",
        "this",
        "our",
        "parish",
        "town",
        "county",
        "city",
        "borough",
        "district",
    }
)
_COUNCIL = re.compile(
    r"(?:\s(?:County|Borough|City|District|Metropolitan Borough|Town))?"
    r"\sCouncil$"
)


def _place_council(name: str) -> bool:
    """Whether a name is a place's council, which takes no 'the': 'Medway Council', 'Kent
    County Council' (but not 'Full Council' or 'Youth Council')."""
    match = _COUNCIL.search(name)
    if not match or match.start() == 0:
        return False
    before = name[: match.start()].split()
    return (
        all(w[:1].isupper() for w in before)
        and before[0].lower() not in _COUNCIL_KINDS
        and before[-1].lower() not in _COUNCIL_KINDS
    )


def _described(name: str) -> bool:
    """Whether a name holds a common noun ('Local Healthwatch organisation'), so that it
    describes a body rather than naming it, and takes 'the'."""
    return any(w.isalpha() and w.islower() and w not in SMALL_WORDS for w in name.split())


# Words that end the head of a name: "Director" of "Director of Children's Services".
_NAME_BREAKS = frozenset({"of", "on", "for", "in", "at", "to", "with", "from", "by", "represented"})
SMALL_WORDS = frozenset(
    {
        "and",
        "of",
        "the",
        "for",
        "on",
        "in",
        "at",
        "to",
        "a",
        "an",
        "with",
        "by",
        "from",
        "its",
        "their",
        "it",
        "is",
        "are",
        "that",
        "which",
        "how",
    }
)

# Words left out of the place name made from an area id: 'Hammersmith and Fulham'.
_AREA_SMALL_WORDS = frozenset({"and", "of", "on", "upon", "the", "in", "under"})


class _Naming(NamedTuple):
    """One way a phrase may name a board: a pattern (not yet compiled) and the text any
    match of it holds; `folded` is that text in lower case where the pattern ignores case
    and the text is ASCII, else None."""

    source: str
    flags: int
    literal: str
    folded: str | None


def _naming(source: str, literal: str, flags: int = 0) -> _Naming:
    folded = literal.lower() if flags & re.IGNORECASE and literal.isascii() else None
    return _Naming(source, flags, literal, folded)


@functools.lru_cache(maxsize=1 << 16)  # one entry a board
def _namings(full_name: str, short: str | None) -> tuple[_Naming, ...]:
    """How a map's own phrase may name a board, longest first: its full name, its acronym,
    or 'the' with the end of its name's head ('the Board', 'the Safeguarding Children Board',
    'the Director')."""
    name = full_name[4:] if full_name.lower().startswith("the ") else full_name
    found = [_naming(r"(?:\bthe\s+)?" + re.escape(name) + r"(?![\w-])", name, re.IGNORECASE)]
    if short and short not in name.split():
        found.append(_naming(r"(?:\b[Tt]he\s+)?(?<![\w-])" + re.escape(short) + r"(?![\w&-])", short))
    # Its initials, where the map gives no short form: 'the SAB' for the Safeguarding Adults
    # Board. Three letters at least: 'CE' or 'FC' could be anything.
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    if not short and len(initials) >= 3 and initials not in name.split():
        found.append(_naming(r"(?:\b[Tt]he\s+)?(?<![\w-])" + initials + r"(?![\w&-])", initials))
    head: list[str] = []
    for word in name.split():
        if word.lower() in _NAME_BREAKS and head:
            break
        head.append(word)
    endings = {" ".join(head[i:]) for i in range(len(head)) if head[i].lower() not in SMALL_WORDS}
    for ending in sorted(endings - {name}, key=lambda e: (-len(e), e)):
        found.append(_naming(r"\bthe\s+" + re.escape(ending) + r"(?![\w-])", ending, re.IGNORECASE))
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    # Shared by every board ('the Board' is many boards' pattern); re's own cache holds 512.
    return re.compile(source, flags)


def patterns_naming(phrase: str, full_name: str, short: str | None) -> Iterator[re.Pattern[str]]:
    """The patterns by which `phrase` may name a board of this name and short name
    (_namings), in order, leaving out those that cannot match it: a pattern matches only
    where its text is in the phrase, so only those are compiled (compiling every board's
    cost a 1,000-board guide 0.1 s)."""
    lowered = phrase.lower() if phrase.isascii() else None
    for naming in _namings(full_name, short):
        if naming.flags & re.IGNORECASE:
            # IGNORECASE takes some non-ASCII letters for ASCII ones ('ſ' for 's', the Kelvin
            # sign for 'k'): only between ASCII texts does lower() decide.
            if lowered is not None and naming.folded is not None and naming.folded not in lowered:
                continue
        elif naming.literal not in phrase:
            continue
        yield _compiled(naming.source, naming.flags)


def name_in(phrase: str, board: Board, name: Callable[[Board], str] = the) -> str | None:
    """The phrase with its first mention of `board` replaced by the board's full name, or
    None where the phrase does not mention it."""
    found = _first_mention(phrase, board.name, board.short)
    if found is None:
        return None
    return phrase[: found[0]] + name(board) + phrase[found[1] :]


# A guide reads each link's phrase each time it says it: as many entries as a big map has
# links with words of their own (a 10,000-board map has 50,000 links).
@functools.lru_cache(maxsize=1 << 16)
def _first_mention(phrase: str, full_name: str, short: str | None) -> tuple[int, int] | None:
    for pattern in patterns_naming(phrase, full_name, short):
        match = pattern.search(phrase)
        if match:
            return match.span()
    return None


def running_name(board: Board, area: str) -> str:
    """A board's name in the running text of a guide to one area: without the area's name
    where the name starts or ends with it ('Islington Safeguarding Children Board' is 'the
    Safeguarding Children Board' in Islington's guide). People, agencies and outside bodies
    keep their names, and so does a name that would be left as a single word."""
    name = board.name
    if (
        board.kind not in ("statutory-board", "partnership", "committee", "sub-group", "officer-group")
        or not area.strip()
    ):
        return name
    area = " ".join(area.split())
    for prefix in (f"{area} ", f"{area}'s ", f"{area}’s "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    for suffix in (f" for {area}", f" for the {area}", f" in {area}", f" of {area}"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if len(name.split()) < 2 or not name[:1].isupper():
        return board.name
    return name


# Words that end a name's head for plural_name.
_HEAD_BREAKS = _NAME_BREAKS | {"represented", "who", "that", "working"}


def plural_name(board: Board) -> bool:
    """Whether a body's name is plural: 'Agencies represented on the Board', but not
    'Schools Forum' (the last word of the name's head decides)."""
    return plural_named(board.name)


@functools.lru_cache(maxsize=1 << 16)  # one entry a board
def plural_named(name: str) -> bool:
    """plural_name of a body of this name (asked for each link, each time it is said)."""
    head: list[str] = []
    for word in name.split():
        if word.lower() in _HEAD_BREAKS and head:
            break
        head.append(word)
    last = head[-1] if head else ""
    return (
        len(last) > 3
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "'s", "’s"))
        and last[:1].isupper()
    )


def area_name(area: str, glossary: dict[str, str] | None = None, place: str = "") -> str:
    """An area as readers know it: the glossary's name for it; else, for an id such as
    'hammersmith-fulham', the words as the map's own `area` writes them ('Hammersmith &
    Fulham'), or the id written out ('Hammersmith Fulham')."""
    if glossary and area in glossary:
        return glossary[area]
    if area != area.lower() or " " in area:
        return area
    parts = [p for p in re.split(r"[-_]+", area) if p]
    pattern = r"\b" + r"\W+(?:(?:and|&)\W+)?".join(map(re.escape, parts)) + r"\b"
    found = re.search(pattern, place, flags=re.IGNORECASE)
    if found:
        return found.group(0)
    return " ".join(w if w in _AREA_SMALL_WORDS and i else w.capitalize() for i, w in enumerate(parts))


# The words of an office held by one person: 'the Mayor of Medway', 'the Independent Chair'.
_OFFICES = frozenset(
    {
        "mayor",
        "director",
        "chief",
        "leader",
        "head",
        "chair",
        "chairman",
        "chairperson",
        "co-chair",
        "vice-chair",
        "commissioner",
        "executive",
        "officer",
        "manager",
        "deputy",
        "assistant",
        "president",
        "secretary",
        "minister",
        "constable",
        "governor",
        "scrutineer",
        "coordinator",
        "lead",
        "member",
        "portfolio",
        "holder",
    }
)
_HONORIFICS = frozenset(
    {
        "cllr",
        "cllr.",
        "councillor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "professor",
        "prof",
        "rev",
        "revd",
    }
)


def free_name(text: str) -> str:
    """A body or person the map names only as text (a chair): an office takes 'the' ('the
    Mayor of Medway', 'the Independent Chair (Jane Smith)'); a person's name is as written."""
    text = " ".join(text.split())
    words = text.split()
    if (
        not words
        or words[0].lower() in ("the", "a", "an", "its", "their")
        or words[0].lower().rstrip(".") in _HONORIFICS
    ):
        return text
    head: list[str] = []
    for word in words:
        if word.lower() in _NAME_BREAKS or word.startswith("("):
            break
        head.append(word)
    if not head or any("'" in w or "’" in w for w in head) or head[-1].lower() not in _OFFICES:
        return text
    if all(w[:1].isupper() for w in head):
        return "the " + text  # a title: 'the Mayor of Medway'
    # An office written in sentence case describes the person rather than naming the post:
    # 'Independent chair' reads 'chaired by an independent chair', never 'by Independent chair'.
    first = words[0] if words[0].isupper() else words[0][:1].lower() + words[0][1:]
    return a(" ".join([first, *words[1:]]))
