"""Acronyms: the common ones built in, the map's own, and spelling each out at first use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from boardmap.model import GovernanceMap

# Acronyms and short names common in English local governance of safeguarding and health.
BUILT_IN: dict[str, str] = {
    "ASC": "adult social care",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "CAN": "Children's Action Network",
    "CCG": "Clinical Commissioning Group",
    "CDOP": "Child Death Overview Panel",
    "CEO": "Chief Executive",
    "CIC": "children in care",
    "CIN": "child in need",
    "CP": "child protection",
    "CQC": "Care Quality Commission",
    "CRC": "Community Rehabilitation Company",
    "CSE": "child sexual exploitation",
    "CSP": "Community Safety Partnership",
    "CSPR": "Child Safeguarding Practice Review",
    "CYP": "children and young people",
    "DASS": "Director of Adult Social Services",
    "DCS": "Director of Children's Services",
    "DfE": "Department for Education",
    "DFE": "Department for Education",
    "DHR": "Domestic Homicide Review",
    "DHSC": "Department of Health and Social Care",
    "DPH": "Director of Public Health",
    "GP": "general practitioner (family doctor)",
    "HMICFRS": "His Majesty's Inspectorate of Constabulary and Fire and Rescue Services",
    "HWB": "Health and Wellbeing Board",
    "HWBB": "Health and Wellbeing Board",
    "ICB": "Integrated Care Board",
    "ICP": "Integrated Care Partnership",
    "ICS": "Integrated Care System",
    "ILACS": "Inspection of Local Authority Children's Services",
    "JHWS": "Joint Health and Wellbeing Strategy",
    "JSNA": "Joint Strategic Needs Assessment",
    "JTAI": "Joint Targeted Area Inspection",
    "LAC": "looked after children (children in care)",
    "LADO": "Local Authority Designated Officer",
    "LCSPR": "Local Child Safeguarding Practice Review",
    "LGA": "Local Government Association",
    "LSAB": "Local Safeguarding Adults Board",
    "LSCB": "Local Safeguarding Children Board",
    "MAPPA": "Multi-Agency Public Protection Arrangements",
    "MARAC": "Multi-Agency Risk Assessment Conference",
    "MASH": "Multi-Agency Safeguarding Hub",
    "MP": "Member of Parliament",
    "NHS": "National Health Service",
    "NHSE": "NHS England",
    "NPS": "National Probation Service",
    "O&S": "Overview and Scrutiny",
    "Ofsted": "Office for Standards in Education, Children's Services and Skills",
    "OSC": "Overview and Scrutiny Committee",
    "PCC": "Police and Crime Commissioner",
    "SAB": "Safeguarding Adults Board",
    "SAR": "Safeguarding Adults Review",
    "SCB": "Safeguarding Children Board",
    "SCR": "Serious Case Review",
    "SEND": "special educational needs and disabilities",
    "UK": "United Kingdom",
    "VCS": "voluntary and community sector",
    "YOS": "Youth Offending Service",
    "YOT": "Youth Offending Team",
}
# So well known that GOV.UK style does not spell them out; still listed in the glossary.
WELL_KNOWN: frozenset[str] = frozenset({"NHS", "UK", "GP", "MP", "Ofsted"})
# A word that looks like an acronym: two or more capitals (with '&'), perhaps a plural 's'.
# An acronym stands alone: not just after a letter, digit, '&', apostrophe or hyphen.
_AFTER = r"(?<![\w&'’-])"
_NOT_AFTER = re.compile(r"[\w&'’-]")
ACRONYM_SHAPE = re.compile(r"(?<![\w&'’])([A-Z][A-Za-z]*[A-Z][A-Z&]*|[A-Z]&[A-Z])s?(?![\w&])")


# Built-in acronyms that name the holder of a statutory role (a board's `statutory_role`).
ROLE_ACRONYMS: dict[str, str] = {
    "DASS": "dass",
    "DCS": "dcs",
    "DPH": "director-public-health",
    "PCC": "pcc",
    "HWB": "hwb",
    "HWBB": "hwb",
    "LSCB": "lscb",
    "SAB": "sab",
    "LSAB": "sab",
    "CSP": "csp",
    "ICB": "icb",
    "CCG": "ccg",
}


def _role_holders(gmap: GovernanceMap) -> dict[str, str]:
    """Built-in acronyms whose meaning this map words otherwise: the one body with that
    statutory role, where its name does not contain the built-in meaning."""
    found: dict[str, str] = {}
    for key, role in ROLE_ACRONYMS.items():
        holders = [b for b in gmap.boards if b.statutory_role == role]
        if len(holders) == 1 and BUILT_IN[key].lower() not in holders[0].name.lower():
            found[key] = holders[0].name
    return found


def is_acronym(text: str) -> bool:
    """'HWBB', 'O&S', 'DfE', 'Ofsted' (built in); not 'Lead Member'."""
    return text in BUILT_IN or bool(ACRONYM_SHAPE.fullmatch(text))


@dataclass
class Glossary:
    """What each acronym stands for (the map's glossary first, then its boards, then the
    built-in list), and which have been spelt out so far as the guide is read in order."""

    meanings: dict[str, str]
    shorts: dict[str, str]  # board id -> its acronym, put after its name at first mention
    introduced: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = None
    _bare: re.Pattern[str] | None = None  # the pattern without its look behind (_found)
    # The texts spell_out has read. Each acronym in them is spelt out or well known since,
    # and `introduced` and `used` only grow, so such a text is as it is from then on: a guide
    # says the same texts again and again (at 1,000 boards, 96,000 texts, 2,900 different).
    _read: set[str] = field(default_factory=set, repr=False, compare=False)

    @classmethod
    def for_map(cls, gmap: GovernanceMap) -> Glossary:
        """The map's own glossary first, then its boards' names for their short forms, then
        the built-in list (where the map names a statutory role's holder otherwise, 'DASS'
        is that holder: 'Director of Adult Social Care')."""
        meanings = dict(BUILT_IN)
        meanings.update(_role_holders(gmap))
        shorts: dict[str, str] = {}
        for board in gmap.boards:
            # A short name that is not an acronym ('Lead Member') is another name, not a
            # short form to spell out: headings show it, the text does not need it.
            if board.short and board.short not in board.name.split() and is_acronym(board.short):
                meanings[board.short] = board.name
                shorts[board.id] = board.short
        meanings.update(gmap.glossary)
        glossary = cls(meanings, shorts)
        glossary._pattern = glossary.pattern()
        return glossary

    def pattern(self) -> re.Pattern[str]:
        keys = sorted(self.meanings, key=lambda k: (-len(k), k))
        alternatives = "|".join(re.escape(k) for k in keys)
        return re.compile(_AFTER + "(" + alternatives + r")(s?)(?![\w&-])")

    def _found(self, text: str) -> Iterator[re.Match[str]]:
        """pattern().finditer(text), found sooner: the pattern without its look behind
        can skip to the acronyms' first letters, where the look behind has the search try
        every place in the text (a 1,000-board guide's 95,000 texts: 0.3 s). A match the
        look behind would refuse is dropped and the search goes on from the next place, as
        the pattern's own search would."""
        if self._pattern is None:
            self._pattern = self.pattern()
        if "" in self.meanings:  # an empty key matches everywhere: the search's own way
            yield from self._pattern.finditer(text)
            return
        bare = self._bare
        if bare is None:
            bare = self._bare = re.compile(self._pattern.pattern[len(_AFTER) :])
        at = 0
        while (match := bare.search(text, at)) is not None:
            start = match.start()
            if start and _NOT_AFTER.match(text, start - 1):
                at = start + 1
                continue
            yield match
            at = match.end()

    def spell_out(self, text: str) -> str:
        """The text with each acronym not yet met spelt out: 'the JSNA' becomes 'the Joint
        Strategic Needs Assessment (JSNA)'. An acronym already in brackets after its
        meaning (or in brackets at all) counts as spelt out by the map's authors."""
        if text in self._read:
            return text
        self._read.add(text)
        if not text or not any(map(str.isupper, text)):
            return text
        pieces: list[str] = []
        last = 0
        if self._pattern is None:
            self._pattern = self.pattern()
        for match in self._found(text):
            key, plural = match.group(1), match.group(2)
            self.used.add(key)
            if key in self.introduced or key in WELL_KNOWN:
                continue
            self.introduced.add(key)
            before, after = text[: match.start()], text[match.end() :]
            if before.endswith("(") and after.startswith(")"):
                continue  # already '<meaning> (KEY)'
            meaning = self.meanings[key]
            pieces.append(text[last : match.start()])
            if not spells_out(key, meaning):
                # A description rather than a spelling-out ('Medway CAN' is the name): after it.
                pieces.append(f"{key}{plural} ({meaning})")
            else:
                if plural and not meaning.endswith("s"):
                    meaning += "s"
                pieces.append(f"{meaning} ({key}{plural})")
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def note(self, text: str) -> None:
        """Read a heading: an acronym in brackets there ('... Board (HWBB)') counts as spelt
        out; nothing in a heading is changed, so headings stay the bodies' names."""
        for match in self._found(text):
            key = match.group(1)
            self.used.add(key)
            if text[: match.start()].endswith("(") and text[match.end() :].startswith(")"):
                self.introduced.add(key)

    def mention(self, short: str) -> bool:
        """A board with this acronym is named in full: True where the acronym should follow
        the name in brackets (its first mention)."""
        self.used.add(short)
        if short in self.introduced:
            return False
        self.introduced.add(short)
        return True

    def entries(self, gmap: GovernanceMap) -> list[tuple[str, str]]:
        """The glossary: the map's boards' acronyms and its own glossary, and the built-in
        acronyms the guide used, in alphabetical order."""
        keys = (
            set(gmap.glossary)
            | {b.short for b in gmap.boards if b.short and is_acronym(b.short)}
            | (self.used & set(BUILT_IN))
        )
        return sorted(((k, self.meanings.get(k, k)) for k in keys), key=lambda e: (e[0].casefold(), e[0]))


# Words an acronym usually skips ('Health and Wellbeing Board' is HWBB, not HAWBB).
_SKIPPED = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to"})


def spells_out(key: str, meaning: str) -> bool:
    """Whether `meaning` spells out the acronym `key` ('Joint Strategic Needs Assessment' for
    JSNA, 'Department for Education' for DfE), rather than describing what it names ('the
    name of Medway's children's partnership' for CAN): it does not name the acronym itself,
    and its first word that an acronym would not skip starts with the acronym's first
    letter. A description goes after the acronym in brackets instead of in its place, so
    that 'Medway CAN' never reads 'Medway the name of ... (CAN)'; either form reads well, so
    a doubtful case is taken as a description."""
    if re.search(r"(?<![\w&])" + re.escape(key) + r"(?![\w&])", meaning):
        return False
    words = [w for w in re.findall(r"[\w’']+", meaning) if w.lower() not in _SKIPPED]
    return bool(words) and words[0][0].lower() == key[0].lower()
