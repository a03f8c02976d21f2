"""The plain language of boardmap: how each link type and board kind is said.

Every reader-facing phrase for a link comes from here, so that the diagrams, the guide, the
diff and the exports all say a link the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from boardmap.model import Board, Link

# Short labels for a line on a diagram: "A --holds to account--> B".
LINK_LABELS: dict[str, str] = {
    "reports-to": "reports to",
    "challenges": "holds to account",
    "escalates-to": "escalates concerns to",
    "consults": "consults",
    "informs": "keeps informed",
    "sub-group-of": "is a sub-group of",
    "attends": "attends meetings of",
}

# Verb phrases with a slot for the other board, for sentences: "{a} holds {b} to account".
LINK_VERBS: dict[str, str] = {
    "reports-to": "reports to {b}",
    "challenges": "holds {b} to account",
    "escalates-to": "takes concerns it cannot resolve to {b}",
    "consults": "asks {b} for its views before deciding",
    "informs": "keeps {b} informed",
    "sub-group-of": "is a sub-group of {b}, working under its direction",
    "attends": "attends meetings of {b}, without a vote",
}

# What each link type means, for legends and glossaries.
LINK_MEANINGS: dict[str, str] = {
    "reports-to": "answers to the other body and sends it reports",
    "challenges": "holds the other body to account, scrutinises or challenges it",
    "escalates-to": "takes concerns it cannot resolve to the other body",
    "consults": "asks the other body for its views before deciding",
    "informs": "shares information, minutes or reports, with no accountability",
    "sub-group-of": "works for the other body, under its direction",
    "attends": "attends the other body's meetings without a vote",
}

KIND_NAMES: dict[str, str] = {
    "statutory-board": "statutory board",
    "partnership": "partnership",
    "committee": "council committee",
    "sub-group": "sub-group",
    "officer-group": "officers' group",
    "role": "role",
    "organisation": "organisation",
    "external": "outside body",
}
KIND_PLURALS: dict[str, str] = {
    "statutory-board": "statutory boards",
    "partnership": "partnerships",
    "committee": "council committees",
    "sub-group": "sub-groups",
    "officer-group": "officers' groups",
    "role": "roles",
    "organisation": "organisations",
    "external": "outside bodies",
}


def count_of(count: int, kind: str) -> str:
    """'1 sub-group', '12 sub-groups', '3 outside bodies'."""
    return f"{count} {KIND_NAMES[kind] if count == 1 else KIND_PLURALS[kind]}"


def link_label(link: Link) -> str:
    """The words on a link's line: the map's own `says` where given, else the type's phrase."""
    return link.says or LINK_LABELS[link.type]



# A name that ends in a letter, a number or a Roman numeral names one of a series ('Board A',
# 'Panel 2', 'Group IV'): it takes no 'the'.
_DESIGNATED = re.compile(r"\s(?:[A-Z]|\d+[A-Za-z]?|[IVX]{1,4})$")


def the(board: Board) -> str:
    """A board's name as it reads inside a sentence: 'the Health and Wellbeing Board',
    but 'Medway Council' and 'Kent Police' (organisations named after a place) as they are."""
    name = board.name
    if name.lower().startswith("the "):
        return "the " + name[4:]
    if _DESIGNATED.search(name) and not _NAME_BREAKS.intersection(name.lower().split()):
        return name  # 'Board A reports to Board B'; but 'the Board for Area C'
    if board.kind in ("organisation", "external") and not any(
        word in name.split() for word in ("Board", "Committee", "Group", "Partnership",
                                          "Department", "Office", "Association", "Trust",
                                          "Groups", "Service", "Services", "Trusts",
                                          "Authority", "Agency", "Commission")
    ):
        return name
    return "the " + name


# -- sentences about links, dates and lists (shared by the diff and the guide) --------------

# How often something passes along a link, said as an adverb ("every year") and as an
# adjective ("a yearly report"). Free-text cadences are used as written.
CADENCE_EVERY: dict[str, str] = {
    "as-needed": "when needed",
    "monthly": "every month",
    "quarterly": "every three months",
    "six-monthly": "every six months",
    "annual": "every year",
    "yearly": "every year",
}
CADENCE_ADJECTIVES: dict[str, str] = {
    "monthly": "monthly",
    "quarterly": "quarterly",
    "six-monthly": "six-monthly",
    "annual": "yearly",
    "yearly": "yearly",
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DETERMINERS = ("a ", "an ", "the ", "its ", "their ", "his ", "her ")


def cadence_phrase(cadence: str) -> str:
    """'every six months' for six-monthly; a free-text cadence as written."""
    return CADENCE_EVERY.get(cadence.strip().lower(), cadence.strip())


def thing_sent(what: str) -> str:
    """What passes along a link as an object: 'its annual report', 'a yearly report'."""
    text = what.strip()
    return text if text.lower().startswith(_DETERMINERS) else f"its {text}"


def link_clause(link: Link, the_b: str) -> str:
    """A link as a verb phrase after its sending board's name, with what passes and how
    often: 'sends the Health and Wellbeing Board a yearly report'."""
    cadence = (link.cadence or "").strip()
    adjective = CADENCE_ADJECTIVES.get(cadence.lower())
    every = f" {cadence_phrase(cadence)}" if cadence and not adjective else ""
    if link.what:
        # "the yearly report" already says how often: do not add "every year" to it.
        said = {cadence.lower(), adjective or "", "annual" if adjective == "yearly" else ""} - {""}
        often = cadence and not any(word in link.what.lower() for word in said)
        sent = thing_sent(link.what) + (f" {cadence_phrase(cadence)}" if often else "")
    elif adjective:
        sent = f"a {adjective} report"
    else:
        sent = ""
    if link.type == "informs" and sent:
        return f"sends {the_b} {sent}"
    if link.type == "reports-to" and sent:
        return f"reports to {the_b} and sends it {sent}"
    base = LINK_VERBS[link.type].format(b=the_b)
    if sent:
        return f"{base}, through {sent}"
    return base + (f",{every}" if every else "")


def long_date(day: dt.date) -> str:
    """A date as GOV.UK writes it: 1 April 2019."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def a_kind(kind: str) -> str:
    """A board kind with its article: 'a statutory board', 'an outside body'."""
    name = KIND_NAMES.get(kind, kind)
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop where none ends it."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] in ".!?" or (text[-1] in "\"”" and text[-2:-1] in (".", "!", "?")):
        return text
    return text + "."


# -- diagrams (boardmap.render) -------------------------------------------------------------

# Lines a diagram draws besides the map's links: chairs, members, themes and route steps.
DIAGRAM_LABELS: dict[str, str] = {
    "chairs": "chairs",
    "member": "is a member of",
    "leads": "leads",
    "supports": "supports",
    "starts": "raises the concern",
    "next": "if not resolved",
    "involves": "takes part",
    "settles": "settled by",
    "links": "links of several kinds",
}
DIAGRAM_MEANINGS: dict[str, str] = {
    "chairs": "chairs the other body's meetings",
    "member": "sends a member to the other body",
    "leads": "leads the shared priority",
    "supports": "helps with the shared priority",
    "starts": "where the route begins",
    "next": "the next step, when the last one did not settle it",
    "involves": "takes part in this step",
    "settles": "makes the final decision",
    "links": "several kinds of link between the bodies in two boxes (point at the line to "
             "see how many of each)",
}
# Titles of the views; every title is followed by the area and the map's date.
DIAGRAM_TITLES: dict[str, str] = {
    "overview": "How the boards relate",
    "reporting": "Who answers to whom",
    "challenge": "Who holds whom to account",
    "themes": "Who leads and who supports each shared priority",
    "board": "{board} and the bodies linked to it",
    "area": "How the boards of {area} relate",
    "escalation": "Where a concern goes: {route}",
}
LEGEND_HEADING = "Key: how to read the lines and boxes"
STEP_LABEL = "Step {n}"
NO_LEAD = "No board leads this"
NO_LINKS = "This map shows no links to or from it"
# A large map's overview draws many bodies as one box (boardmap.render.fold).
FOLDED = "with {things} shown inside"  # things: '3 sub-groups and 1 officers' group'
FOLDED_BOX = "several bodies drawn as one box"  # its entry in the legend
FOLDED_BODIES = "{count} bodies: {things}"  # the last lines of such a box
FOLDED_OTHERS = "{count} other{s}"
FOLDED_SHARED = "Shared by {areas}"  # the bodies that several areas share
FOLDED_OUTSIDE = "Bodies outside the areas"  # those the map gives no area (national bodies)
FOLDED_ELSEWHERE = "Bodies in other areas"  # in an area's diagram: those linked to its bodies
FOLDED_THEMES = "{count} shared priorities"  # several priorities led from one box
FOLDED_UNLED = "{count} that no board leads"
FOLDED_KIND = "{things} linked to no reporting line"
FOLDED_LINE = "{phrase} ({count} link{s})"  # a line standing for several links
FOLDED_MIXED = "{count} links of {kinds} kinds"  # a line standing for links of several kinds
# The note under a folded overview's title: what was folded, and where to see the rest.
FOLD_NOTES: dict[str, str] = {
    "sub-groups": "Folded to fit: sub-groups are drawn inside the bodies they work for",
    "groups": "Folded to fit: sub-groups and officers' groups are drawn inside the bodies they "
              "work for; a line's label counts the links it stands for",
    "top": "Folded to fit: only the top {levels} of who answers to whom, each box holding "
           "the bodies beneath it; a line's label counts the links it stands for",
    "areas": "Folded to fit: one box for each area's bodies, and one for the bodies each set "
             "of areas shares; a line's label counts the links it stands for",
    "regions": "Folded to fit: one box for each group of areas that share bodies (a police "
               "force, a care board), holding all their bodies; a line's label counts the "
               "links it stands for",
    "areas+outside": "Folded to fit: one box for each area's bodies, one for the bodies each "
                     "set of areas shares, and one for the bodies outside the areas; a line's "
                     "label counts the links it stands for",
    "regions+outside": "Folded to fit: one box for each group of areas that share bodies (a "
                       "police force, a care board), holding all their bodies, and one for "
                       "the bodies outside the areas; a line's label counts the links it "
                       "stands for",
}
FOLD_LEVELS = {1: "level", 2: "two levels"}
# The same, said in the overview's description (its alt text).
FOLD_SHORT: dict[str, str] = {
    "sub-groups": "sub-groups inside the bodies they work for",
    "groups": "sub-groups and officers' groups inside the bodies they work for",
    "top": "the top {levels} of who answers to whom",
    "areas": "one for each area and for each set of areas that share bodies",
    "regions": "one for each group of areas that share bodies",
    "areas+outside": "one for each area, for each set of areas that share bodies and for the "
                     "bodies outside the areas",
    "regions+outside": "one for each group of areas that share bodies and one for the bodies "
                       "outside the areas",
}
FOLD_MORE = "Each board's own diagram shows it in full"
# Where a map of several areas is folded, each area has a diagram too (view area-<id>).
FOLD_MORE_AREAS = "Each area and each board has a diagram of its own that shows it in full"
FOLD_HEAD = "Folded to fit: "  # a note that folds no bodies, only priorities or other areas
# What else a folded view draws as one box: in its note, then in its description.
FOLD_EXTRA_NOTES: dict[str, str] = {
    "themes": "the shared priorities led from one box are drawn as one box, which counts them",
    "elsewhere": "the bodies of other areas linked to this area's are drawn as one box",
}
FOLD_EXTRA_SHORT: dict[str, str] = {
    "themes": "the shared priorities led from one box as one box",
    "elsewhere": "the bodies of other areas linked to this area's as one box",
}
# What a view with nothing to draw says instead.
EMPTY_VIEWS: dict[str, str] = {
    "reporting": "No body in this map reports to another",
    "challenge": "No body in this map holds another to account",
    "themes": "This map names no shared priorities",
}


def diagram_place(area: str, day: dt.date) -> str:
    """The line under a diagram's title: 'Medway, 17 June 2014'."""
    return f"{area}, {long_date(day)}"


# What the law calls a body (a board's `statutory_role`), as a sentence says it.
STATUTORY_ROLE_NAMES: dict[str, str] = {
    "hwb": "the Health and Wellbeing Board",
    "lscb": "the Local Safeguarding Children Board",
    "safeguarding-partnership": "the safeguarding partnership for children",
    "independent-scrutineer": "the independent scrutineer of safeguarding arrangements",
    "sab": "the Safeguarding Adults Board",
    "csp": "the Community Safety Partnership",
    "crime-and-disorder-committee": "the crime and disorder committee",
    "overview-and-scrutiny": "an overview and scrutiny committee",
    "health-scrutiny": "the health scrutiny committee",
    "police-and-crime-panel": "the Police and Crime Panel",
    "chief-executive": "the council's Chief Executive",
    "leader": "the Leader of the Council",
    "dcs": "the Director of Children's Services",
    "dass": "the Director of Adult Social Services",
    "director-public-health": "the Director of Public Health",
    "lead-member": "the Lead Member for Children's Services",
    "pcc": "the Police and Crime Commissioner",
    "healthwatch": "the local Healthwatch",
    "ccg": "a clinical commissioning group",
    "icb": "an integrated care board",
    "police": "the police force",
    "probation": "the probation service",
    "local-authority": "the local authority",
    "fire-and-rescue": "the fire and rescue authority",
    "nhs-trust": "an NHS trust",
}
# One-sentence descriptions of diagrams: each SVG's <title>/<desc> and its alt text.
DIAGRAM_DESCRIPTIONS: dict[str, str] = {
    "overview": "How the {count} bodies in {area}'s map relate on {date}: {lines}",
    "overview-lines": "{count} line{s}, of which {kinds}",
    "overview-no-lines": "the map shows no lines between them",
    "overview-isolated": "{count} of them {verb} linked to no other body",
    "overview-folded": "How the {bodies} bodies in {area}'s map relate on {date}, drawn as "
                       "{count} boxes ({fold}): {lines}",
    "board": "{board} in {area} on {date}: {clauses}",
    "board-no-links": "{board} in {area} on {date}: the map shows nothing linked to it",
    "reporting": "Who answers to whom in {area} on {date}: {count} reporting line{s} "
                 "joining {bodies} bodies, with {tops} at the top",
    "reporting-folded": "Who answers to whom in {area} on {date}: {links} reporting lines "
                        "joining {bodies} bodies, drawn as {count} boxes ({fold}): {lines}",
    "challenge-folded": "Who holds whom to account in {area} on {date}: {links} links between "
                        "{bodies} bodies, drawn as {count} boxes ({fold}): {lines}",
    "themes-folded": "Who leads and who supports the {themes} shared priorities in {area} on "
                     "{date}, drawn with {bodies} bodies as {count} boxes ({fold}): {lines}",
    "area": "How the {count} bodies of {name} relate on {date}: {lines}",
    "area-folded": "How the {bodies} bodies of {name} relate on {date}, drawn as {count} boxes "
                   "({fold}): {lines}",
    "folded-inside": "{count} more link{s} join bodies drawn in one box",
    "folded-all-inside": "each of the {count} link{s} joins bodies drawn in one box, so no "
                         "line joins two boxes",
    "folded-apart": "{count} of the boxes {verb} joined by no line to another",
    "overview-related": "{count} {verb} linked to other bodies only through {ways}, which "
                        "this diagram does not draw",
    "challenge": "Who holds whom to account in {area} on {date}: {clauses}",
    "themes": "Who leads and who supports the {count} shared priorit{ies} in {area} on {date}: "
              "{clauses}",
    "theme-led": "{theme}, led by {lead}",
    "theme-unled": "{theme}, which no board leads",
    "theme-supported": "{theme_clause}, supported by {supports}",
    "escalation": "Where a concern goes in {area} on {date}, {route}: {count} step{s}, "
                  "from {between} to {settlers}",
    "empty": "{message} on {date} in {area}",
    "more": "and {count} more",
}
INDEX_TITLE = "Diagrams of {area}'s boards, {date}"
INDEX_NOTE = ("Made by boardmap (`boardmap render` or `boardmap build`) from the map; do not "
              "edit by hand, run it again. "
              "Each diagram's description below is also its alt text.")
INDEX_FILES = "Files:"
APART = "Not linked to any other body in this map"
APART_FOLDED = "Joined by no line to another box"  # in a folded diagram
# The bodies an overview draws apart that are related to others in ways it draws no line
# for (without --with-members, membership): "{ways}" joins RELATED_WAYS with "or".
APART_RELATED = "Linked to other bodies only through {ways}, not drawn here"
RELATED_WAYS: dict[str, str] = {
    "members": "board membership",
    "chairs": "chairing",
    "routes": "an escalation route",
    "themes": "a shared priority",
}
# A chair the map gives as free text ("Independent Chair (Mr ...)"): its box's tooltip.
FREE_CHAIR = "{chair}: chairs {board} (named in the map as text, not as a body of its own)"


# -- the guide (boardmap.guide): a link said in whole sentences ------------------------------

# Headings that group a board's links in its section of the guide, from the board's side:
# (heading, link types, whether the board is the link's sender).
GUIDE_GROUPS: tuple[tuple[str, frozenset[str], bool], ...] = (
    ("Who it answers to", frozenset({"reports-to", "sub-group-of"}), True),
    ("Who answers to it", frozenset({"reports-to", "sub-group-of"}), False),
    ("Who holds it to account", frozenset({"challenges"}), False),
    ("Who it holds to account", frozenset({"challenges"}), True),
    ("Who it consults", frozenset({"consults"}), True),
    ("Who consults it", frozenset({"consults"}), False),
    ("Who it keeps informed", frozenset({"informs"}), True),
    ("Who keeps it informed", frozenset({"informs"}), False),
    ("Where it takes concerns it cannot resolve", frozenset({"escalates-to"}), True),
    ("Who brings it concerns they cannot resolve", frozenset({"escalates-to"}), False),
    ("Whose meetings it attends", frozenset({"attends"}), True),
    ("Who attends its meetings", frozenset({"attends"}), False),
)
# What each kind of body is, said to someone who has never heard of it.
KIND_EXPLAINED: dict[str, str] = {
    "statutory-board": "The law says the area must have this board.",
    "partnership": "It is a partnership: agencies working together on shared aims.",
    "committee": "It is a committee of the council.",
    "sub-group": "It is a sub-group: it does work for another board.",
    "officer-group": "It is a meeting of staff, not of elected councillors.",
    "role": "This is a person's job, not a board.",
    "organisation": "This is an agency that takes part in the boards.",
    "external": "This body sits outside the local arrangements.",
}
GUIDE_WHAT = "This covers {what}."
# A link's `says` that is not a sentence ('Challenge session each March'), as the map's words.
GUIDE_SAYS = "The map describes this link as “{says}”."
# Who a purpose written without its subject ("Plans how ...") is about.
PURPOSE_SUBJECTS: dict[str, str] = {"role": "This person"}
PURPOSE_SUBJECT = "It"
GUIDE_WHEN = "This happens {when}."
# The guide's glossary of the words it uses for links, for readers new to governance.
GUIDE_TERMS: tuple[tuple[str, str], ...] = (
    ("Answers to", "Reports to another body, which can question its work and direct it."),
    ("Holds to account", "Asks another body to explain its work and results, and challenges it "
                         "where they fall short."),
    ("Consults", "Asks another body for its views before deciding."),
    ("Keeps informed", "Shares information, minutes or reports. The other body does not answer "
                       "to it."),
    ("Sub-group", "A smaller group that does work for a board and reports to it."),
    ("Escalates", "Takes a concern it cannot resolve to a more senior body."),
    ("Attends", "Goes to another body's meetings, or sends its chair, but does not vote."),
    ("Escalation route", "The steps to follow when a concern between boards is not resolved."),
    ("Safeguarding", "Protecting children and adults from abuse and neglect."),
)

# Words that start a noun phrase owned by the sender: "its chair attends ...".
_POSSESSIVES = ("its ", "their ")
# Words that end the head of a name: "Director" of "Director of Children's Services".
_NAME_BREAKS = frozenset({"of", "on", "for", "in", "at", "to", "with", "from", "by", "represented"})
_SMALL_WORDS = frozenset({"and", "of", "the", "for", "on", "in", "at", "to", "a", "an", "with",
                          "by", "from", "its", "their", "it", "is", "are", "that", "which", "how"})


def _the_of(board: Board) -> str:
    return the(board)


def _name_patterns(board: Board) -> list[re.Pattern[str]]:
    return _patterns(board.name, board.short)


@functools.lru_cache(maxsize=4096)
def _patterns(full_name: str, short: str | None) -> list[re.Pattern[str]]:
    """How a map's own phrase may name a board, longest first: its full name, its acronym,
    or 'the' with the end of its name's head ('the Board', 'the Safeguarding Children Board',
    'the Director')."""
    name = full_name[4:] if full_name.lower().startswith("the ") else full_name
    found = [re.compile(r"(?:\bthe\s+)?" + re.escape(name) + r"(?![\w-])", re.IGNORECASE)]
    if short and short not in name.split():
        found.append(re.compile(r"(?:\b[Tt]he\s+)?(?<![\w-])" + re.escape(short) + r"(?![\w&-])"))
    # Its initials, where the map gives no short form: 'the SAB' for the Safeguarding Adults
    # Board. Three letters at least: 'CE' or 'FC' could be anything.
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    if not short and len(initials) >= 3 and initials not in name.split():
        found.append(re.compile(r"(?:\b[Tt]he\s+)?(?<![\w-])" + initials + r"(?![\w&-])"))
    head: list[str] = []
    for word in name.split():
        if word.lower() in _NAME_BREAKS and head:
            break
        head.append(word)
    endings = {" ".join(head[i:]) for i in range(len(head)) if head[i].lower() not in _SMALL_WORDS}
    for ending in sorted(endings - {name}, key=lambda e: (-len(e), e)):
        found.append(re.compile(r"\bthe\s+" + re.escape(ending) + r"(?![\w-])", re.IGNORECASE))
    return found


def name_in(phrase: str, board: Board, name: Callable[[Board], str] = _the_of) -> str | None:
    """The phrase with its first mention of `board` replaced by the board's full name, or
    None where the phrase does not mention it."""
    for pattern in _name_patterns(board):
        match = pattern.search(phrase)
        if match:
            return phrase[:match.start()] + name(board) + phrase[match.end():]
    return None


def _plain(text: str) -> str:
    """A map's phrase ready to sit inside a sentence: one line, no full stop at the end, and
    a lower-case first letter unless it starts a name or an acronym."""
    text = " ".join(text.split()).rstrip(" .;")
    if len(text) > 1 and text[0].isupper() and text[1].islower() and text.split()[0] in (
        "Its", "Their", "Holds", "Reports", "Sends", "Keeps", "Consults", "Asks", "Takes",
        "Attends", "Is", "Are", "Has", "Gives", "Checks", "Makes", "Shares", "Passes", "Feeds"):
        text = text[0].lower() + text[1:]
    return text


def _stem(word: str) -> str:
    word = word.lower().strip("'’")
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[A-Za-z’']+", text) if w.lower() not in _SMALL_WORDS}


def _said_already(what: str, says: str) -> bool:
    """Whether `what` mostly repeats the words of `says` (then the guide leaves it out)."""
    words = _content_words(what)
    return bool(words) and len(words & _content_words(says)) * 2 >= len(words)


# Words after a plural noun that starts a phrase: "Officers from ...", "Groups of ...".
_AFTER_NOUNS = frozenset({"who", "from", "of", "that", "which", "in", "on", "with", "and", "for",
                          "at", "whose", "working", "representing"})
# Verbs that often start a purpose ("Checks that ..."), whatever follows them.
_PURPOSE_VERBS = frozenset({
    "advises", "agrees", "brings", "buys", "challenges", "checks", "commissions", "coordinates",
    "decides", "delivers", "develops", "ensures", "gives", "helps", "holds", "improves",
    "inspects", "investigates", "keeps", "leads", "looks", "makes", "manages", "meets",
    "monitors", "oversees", "plans", "promotes", "protects", "provides", "represents",
    "reviews", "runs", "scrutinises", "sets", "shares", "supervises", "supports", "works"})
# Nouns that could count with an article before them: "This covers the annual report".
_COUNTABLE = frozenset({"report", "letter", "review", "inspection", "plan", "strategy", "summary",
                        "update", "copy", "request", "draft", "record", "assessment", "audit",
                        "briefing", "statement", "action", "business", "agenda", "minute"})
_ARTICLES = ("a ", "an ", "the ", "its ", "their ", "his ", "her ", "each ", "every ", "any ",
             "all ", "some ", "this ", "these ", "those ", "one ", "two ", "three ", "four ")


def running_name(board: Board, area: str) -> str:
    """A board's name in the running text of a guide to one area: without the area's name
    where the name starts or ends with it ('Islington Safeguarding Children Board' is 'the
    Safeguarding Children Board' in Islington's guide). People, agencies and outside bodies
    keep their names, and so does a name that would be left as a single word."""
    name = board.name
    if board.kind not in ("statutory-board", "partnership", "committee", "sub-group",
                          "officer-group") or not area.strip():
        return name
    area = " ".join(area.split())
    for prefix in (f"{area} ", f"{area}'s ", f"{area}’s "):
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    for suffix in (f" for {area}", f" for the {area}", f" in {area}", f" of {area}"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if len(name.split()) < 2 or not name[:1].isupper():
        return board.name
    return name


def purpose_sentence(purpose: str, board: Board) -> str:
    """A board's purpose as whole sentences: 'Plans how ...' becomes 'It plans how ...'
    ('This person leads ...' for a role); a purpose with its own subject is as written."""
    text = " ".join(purpose.split())
    first, _, rest = text.partition(" ")
    verb_led = (len(first) > 3 and first.isalpha() and first[0].isupper() and first[1:].islower()
                and first.endswith("s") and not first.endswith("ss") and bool(rest)
                and (first.lower() in _PURPOSE_VERBS
                     or rest.split()[0].lower().strip(",") not in _AFTER_NOUNS))
    if verb_led:
        subject = PURPOSE_SUBJECTS.get(board.kind, PURPOSE_SUBJECT)
        text = f"{subject} {first.lower()} {rest}"
    return sentence(text)


def with_article(what: str) -> str:
    """'annual report on ...' -> 'the annual report on ...'; plurals and mass nouns as written."""
    lowered = what.lower()
    if lowered.startswith(_ARTICLES) or not what[:1].islower():
        return what
    head = re.split(r"\s(?:on|of|for|from|about|to|with|and|including|in|by)\s|,", lowered)[0].split()
    if head and head[-1] in _COUNTABLE:
        return "the " + what
    return what


def when_phrase(cadence: str) -> str:
    """How often, as it ends a sentence: 'every six months', 'when needed', 'at each meeting'."""
    phrase = " ".join(cadence_phrase(cadence).split())
    if phrase.lower().startswith("each "):
        phrase = "at " + phrase
    return phrase


def _plural_name(board: Board) -> bool:
    """Whether a body's name is plural: 'Agencies represented on the Board', but not
    'Schools Forum' (the last word of the name's head decides)."""
    head: list[str] = []
    for word in board.name.split():
        if word.lower() in _NAME_BREAKS | {"represented", "who", "that", "working"} and head:
            break
        head.append(word)
    last = head[-1] if head else ""
    return (len(last) > 3 and last.endswith("s")
            and not last.endswith(("ss", "us", "is", "'s", "’s")) and last[:1].isupper())


# The link types' verbs for a plural sender: 'The Agencies ... keep the Board informed'.
_PLURAL_VERBS = {"reports": "report", "holds": "hold", "takes": "take", "asks": "ask",
                 "keeps": "keep", "is": "are", "attends": "attend"}


def _agreeing(phrase: str, plural: bool) -> str:
    """A verb phrase of LINK_VERBS that agrees with a plural sender."""
    if not plural:
        return phrase
    first, _, rest = phrase.partition(" ")
    rest = rest.replace(" it cannot ", " they cannot ").replace("a sub-group of", "sub-groups of")
    return f"{_PLURAL_VERBS.get(first, first)} {rest}"


@dataclass(frozen=True)
class LinkWords:
    """A link in plain words: what the sender does (a predicate that follows the sender's
    name), the sentences after it, and how often it happens."""

    predicate: str  # 'holds the Islington Health and Wellbeing Board to account on ...'
    possessive: bool  # the predicate follows "<sender>'s": "'s chair attends ..."
    more: tuple[str, ...]  # 'Its chair attends meetings when needed.', 'This covers ...'
    when: str | None  # 'every six months'

    def sentences(self, sender: str) -> list[str]:
        """Every sentence, the first starting with the sender as `sender` names it."""
        joined = f"{sender}'s {self.predicate}" if self.possessive else f"{sender} {self.predicate}"
        said = [sentence(joined), *self.more]
        if self.when:
            said.append(GUIDE_WHEN.format(when=self.when))
        return said

    def cell(self) -> str:
        """The link as a table cell, after a column naming the sender: 'Holds ... This
        happens every year.'"""
        first = f"Its {self.predicate}" if self.possessive else sentence(self.predicate)
        said = [sentence(first), *self.more]
        if self.when:
            said.append(GUIDE_WHEN.format(when=self.when))
        return " ".join(said)


def link_words(link: Link, sender: Board, receiver: Board,
               name: Callable[[Board], str] = _the_of) -> LinkWords:
    """A link said in plain sentences that name both bodies in full. The map's own `says`
    is read first (read_says): a verb phrase that names the receiver is the sentence itself;
    any other verb phrase, or a clause with its own subject, follows the link type's own
    sentence; a phrase that is not a sentence is put to the reader as the map's words:
    'The Islington Safeguarding Children Board holds the Islington Health and Wellbeing Board
    to account on keeping children safe. This covers performance. This happens every six
    months.'"""
    says = _plain(link.says) if link.says else ""
    if says.lower() in (LINK_LABELS[link.type], LINK_VERBS[link.type].format(b="").strip()):
        says = ""  # the map repeats the link type's own words
    base = _agreeing(LINK_VERBS[link.type].format(b=name(receiver)), _plural_name(sender))
    form, text = read_says(says, sender)
    more: list[str] = []
    possessive = False
    predicate: str | None = None
    if form == "verb":
        predicate = name_in(text, receiver, name) or _sent_to(text, link.type, name(receiver))
        if predicate is None:
            predicate = base
            subject = name(sender) if sender.kind == "role" or _plural_name(sender) else "it"
            more.append(sentence(f"{subject} {text}"))
    elif form == "possessive":
        predicate = name_in(text, receiver, name)
        if predicate is not None:
            possessive, predicate = True, predicate.split(" ", 1)[1]
        else:
            predicate = base
            more.append(sentence(text))
    elif form == "clause":
        predicate = base
        more.append(sentence(name_in(text, receiver, name) or text))
    elif form == "preposition" and link.type in _PREPOSITION_TYPES:
        predicate = f"{base} {name_in(text, receiver, name) or text}"
    else:
        predicate = base
        thing = _sent_thing(text, link.type) if form == "thing" and not link.what else None
        if thing:
            more.append(GUIDE_WHAT.format(what=thing))
        elif text:
            more.append(GUIDE_SAYS.format(says=text))
    what = " ".join((link.what or "").split()).rstrip(" .;")
    if what and not _said_already(what, says):
        what = what[0].lower() + what[1:] if what[1:2].islower() else what
        more.append(GUIDE_WHAT.format(what=with_article(what)))
    when = when_phrase(link.cadence) if link.cadence and link.cadence.strip() else None
    if when and (when.lower() in says.lower() or (link.cadence or "").lower() in says.lower()):
        when = None
    return LinkWords(predicate, possessive, tuple(more), when)


# -- reading a link's `says` ---------------------------------------------------------------
#
# A map's `says` is often a verb phrase ("sends its yearly report to the Board"), but
# spreadsheets' Label columns bring noun phrases ("Annual report"), prepositional phrases
# ("via the Leader") and whole clauses ("The SAB consults the HWB on its plan"). Each reads
# differently after a board's name, so `says` is sorted first. Where unsure, it is taken as
# a phrase and quoted, which is always grammatical.

SaysForm = Literal["none", "verb", "possessive", "clause", "preposition", "thing"]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that start what a board does, in their base form. Their '-s' and past forms are made
# from these (_verb_forms); a verb not listed still counts when a determiner follows it.
_VERBS = _word_set("""
    accept act advise agree align allocate answer appoint approve arrange ask assess assure
    attend audit bring brief buy call carry challenge champion chair check circulate collect
    comment commission communicate complete consider consult contribute convene co-operate
    cooperate co-ordinate coordinate copy cover decide delegate deliver develop direct discuss
    endorse engage ensure escalate evaluate examine explain feed flag forward fund gather get
    give govern guide hand hear help hold host identify improve inform inspect invite involve
    investigate issue keep lead liaise link listen look make manage meet monitor note notify
    offer oversee own pass plan play prepare present promote propose protect provide publish
    put question raise receive recommend refer reflect relay report represent request require
    respond return review run scrutinise scrutinize see seek send serve set share sign speak
    submit supervise support take talk tell track update use work write point ratify
    nominate advocate facilitate influence input produce signpost shape steer strengthen
    test train visit vote need want welcome
""")
# Of those, the ones also used as nouns ("Reports and minutes", "Updates for information"):
# they start a verb phrase only when a word that can follow a verb comes next.
_NOUN_TOO = _word_set("""
    audit brief call challenge champion chair check comment commission copy cover feed flag
    forward fund guide hand host issue lead link note offer plan present question report
    request return review set share support track update use work point sign influence input
    visit test train vote need shape welcome
""")
_NOT_AFTER_VERB = frozenset({"and", "or", "of", "for", "from", ",", "&"})
_IRREGULAR_PAST = {
    "bring": "brought", "buy": "bought", "feed": "fed", "get": "got", "give": "gave",
    "hear": "heard", "hold": "held", "keep": "kept", "lead": "led", "make": "made",
    "meet": "met", "put": "put", "run": "ran", "see": "saw", "seek": "sought", "send": "sent",
    "set": "set", "speak": "spoke", "take": "took", "tell": "told", "write": "wrote",
    "plan": "planned", "refer": "referred", "submit": "submitted",
}
# Words that make a clause finite whatever their subject: 'is led by', 'can call', 'must'.
_AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had", "does", "do",
                          "did", "can", "could", "will", "would", "shall", "should", "may",
                          "might", "must"})
# Adverbs that may come before the verb: 'sometimes attends', 'also reports'. Not 'yearly'
# and the like, which more often start a noun phrase ('yearly report').
_ADVERBS = frozenset({"also", "sometimes", "often", "usually", "regularly", "formally",
                      "informally", "jointly", "independently", "directly", "then", "now",
                      "still", "always", "never", "only", "routinely", "occasionally",
                      "normally", "generally", "already", "mainly", "currently"})
# Words after which an unlisted '-s' word is a verb: 'ratifies the plan', 'endorses its ...'.
_OBJECT_STARTS = frozenset({"the", "a", "an", "its", "their", "any", "all", "each", "every",
                            "how", "what", "whether", "that", "this", "these", "those", "it",
                            "them", "his", "her"})
# Words that start a clause's subject: 'The SAB consults ...', 'the partners are ...'.
_SUBJECT_STARTS = frozenset({"the", "a", "an", "this", "these", "that", "those", "each",
                             "every", "all", "both", "our", "it", "they", "he", "she", "we"})
# Prepositions whose phrase may end the link type's own sentence: 'reports to the Full
# Council via the Leader'. Only after verbs that end cleanly (_PREPOSITION_TYPES).
_PREPOSITIONS = frozenset({"via", "through", "on", "about", "at", "in", "under", "for", "by",
                           "using", "during", "as", "with", "within", "after", "before"})
_PREPOSITION_TYPES = frozenset({"reports-to", "challenges", "escalates-to", "informs"})
# What a phrase about something sent may be about: 'Annual report' -> 'This covers the
# annual report'.
_SENT_THINGS = frozenset({"report", "reports", "minutes", "update", "updates", "summary",
                          "plan", "plans", "strategy", "review", "reviews", "briefing",
                          "briefings", "letter", "letters", "statement", "assessment",
                          "papers", "findings", "recommendations", "data", "information"})
# Words that may start such a phrase in a spreadsheet's capitals: 'Annual report'.
_COMMON_FIRST = frozenset({"annual", "yearly", "quarterly", "monthly", "six-monthly", "weekly",
                           "regular", "written", "formal", "joint", "full", "draft", "summary",
                           "performance", "progress", "minutes", "report", "reports", "update",
                           "updates", "briefing", "strategic", "business", "key", "verbal"})
_WORD_CHARS = re.compile(r"[^\w&'’-]+")


def _verb_forms(base: str) -> tuple[str, str]:
    """The '-s' form and the past form of a regular verb: ('reports', 'reported')."""
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base in _IRREGULAR_PAST:
        past = _IRREGULAR_PAST[base]
    elif base.endswith("e"):
        past = base + "d"
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        past = base[:-1] + "ied"
    else:
        past = base + "ed"
    return third, past


def _verb_table() -> tuple[dict[str, str], dict[str, str]]:
    """'-s' form -> base, past form -> base, for every listed verb."""
    thirds: dict[str, str] = {}
    pasts: dict[str, str] = {}
    for base in _VERBS:
        third, past = _verb_forms(base)
        thirds[third] = base
        pasts[past] = base
    return thirds, pasts


_THIRD_FORMS, _PAST_FORMS = _verb_table()


def _tokens(text: str) -> list[str]:
    """The words of a phrase in lower case, a comma kept as a word of its own."""
    return [t for t in _WORD_CHARS.sub(lambda m: " , " if "," in m.group(0) else " ",
                                       text.lower()).split() if t]


def _is_verb(tokens: list[str], at: int, plural: bool) -> bool:
    """Whether tokens[at] is a verb that agrees with a subject (plural or not) before it."""
    word = tokens[at]
    after = tokens[at + 1] if at + 1 < len(tokens) else ","
    if word in _AUXILIARIES:
        return True
    base = _THIRD_FORMS.get(word) if not plural else None
    if base is None and plural and word in _VERBS:
        base = word
    if base is None and word in _PAST_FORMS:
        base = _PAST_FORMS[word]
    if base is not None:
        if base not in _NOUN_TOO or after not in _NOT_AFTER_VERB:
            return True
        # 'questions and challenges the Director' (two verbs), not 'Reports and minutes'.
        return after in ("and", "or") and at + 2 < len(tokens) and _is_verb(tokens, at + 2, plural)
    # An unlisted verb: 'ratifies the plan'.
    return (not plural and len(word) > 3 and word.endswith("s")
            and not word.endswith(("ss", "us", "is", "'s", "’s")) and after in _OBJECT_STARTS)


def _starts_with_verb(tokens: list[str], plural: bool) -> bool:
    at = 0
    while at < len(tokens) - 1 and tokens[at] in _ADVERBS:
        at += 1
    return bool(tokens) and _is_verb(tokens, at, plural)


def _clause_verb(tokens: list[str]) -> int | None:
    """Where the verb of a clause with its own subject is ('the partners are ...' -> 2),
    or None where the words do not read as subject-and-verb."""
    for at in range(1, min(len(tokens), 7)):
        if tokens[at] == ",":
            return None
        plural = tokens[at - 1].endswith("s") and not tokens[at - 1].endswith(("ss", "'s", "’s"))
        if tokens[at] in _AUXILIARIES or (
                tokens[at] not in _PAST_FORMS and _is_verb(tokens, at, plural)):
            return at
    return None


def _names_sender(subject: str, sender: Board) -> bool:
    """Whether a clause's subject is the sending board: 'The SAB', 'the Board', 'It'."""
    subject = subject.strip()
    if subject.lower() in ("it", "they"):
        return True
    return any(p.fullmatch(subject) for p in _name_patterns(sender))


def read_says(says: str, sender: Board) -> tuple[SaysForm, str]:
    """How a link's `says` reads, and the words to use:
    'verb' ('sends its report', also 'The SAB sends its report' when the SAB is the sender,
    given back as 'sends its report'); 'possessive' ('its chair attends ...'); 'clause' (its
    own subject and verb: 'the partners are accountable ...'); 'preposition' ('via the
    Leader'); 'thing' (anything else: 'Annual report', 'Challenge session each March')."""
    text = says.strip()
    if not text:
        return "none", ""
    tokens = _tokens(text)
    if not tokens:
        return "thing", text
    plural = _plural_name(sender)
    if tokens[0] in ("its", "their"):
        return ("possessive", text) if _clause_verb(tokens) is not None else ("thing", text)
    if _starts_with_verb(tokens, plural):
        return "verb", _lower_first(text)
    at = _clause_verb(tokens)
    words = text.split()
    if at is not None and len(words) > at and _tokens(" ".join(words[:at])) == tokens[:at]:
        subject, rest = " ".join(words[:at]), " ".join(words[at:])
        # A subject starts with 'the' or the like, or is a name: 'Kent Police', 'The SAB'.
        # 'Annual reports to the Council' has none: it is a phrase.
        named = all(w[:1].isupper() for w in words[:at]) and tokens[0] not in _COMMON_FIRST
        if tokens[0] in _SUBJECT_STARTS or named:
            if _names_sender(subject, sender) and _starts_with_verb(tokens[at:], plural):
                return "verb", rest
            return "clause", text
    if tokens[0] in _PREPOSITIONS and len(tokens) > 1:
        return "preposition", _lower_first(text)
    return "thing", text


def _lower_first(text: str, only: frozenset[str] | None = None) -> str:
    """'Sends its report' -> 'sends its report'; 'SAB report' as written. With `only`,
    just those words: 'Annual report' -> 'annual report', but 'Ofsted report' as written."""
    first = text.split(" ", 1)[0]
    if (len(first) > 1 and first[0].isupper() and first[1:].islower()
            and first.replace("-", "").isalpha()
            and (only is None or first.lower() in only)):
        return text[0].lower() + text[1:]
    return text


def _sent_thing(text: str, link_type: str) -> str | None:
    """A phrase that names something a board sends ('Annual report, presented by the
    chair'), ready to follow 'This covers'; None where the phrase is not that, or starts
    with a name ('Ofsted report')."""
    if link_type not in _SENDING_TYPES | {"consults"}:
        return None
    text = _lower_first(text, _COMMON_FIRST)
    head = re.split(r"\s(?:on|of|for|from|about|to|with|and|including|in|by)\s|,",
                    text)[0].split()
    if not head or not text[:1].islower() or head[-1].lower() not in _SENT_THINGS:
        return None
    return with_article(text)


# Verbs after which "to <the receiver>" can follow what is sent: "feeds back learning ... to the
# Health and Wellbeing Board".
_SENDING_VERBS = ("feeds back ", "sends ", "reports ", "passes ", "presents ", "brings ")
_SENDING_TYPES = frozenset({"informs", "reports-to", "escalates-to"})


def _sent_to(says: str, link_type: str, the_b: str) -> str | None:
    """A phrase about sending, with the receiver put after what is sent (before the first
    comma): 'feeds back the results of its audits to the Board, with advice ...'. None where
    the phrase is not that simple (it names someone already, or says 'with' or 'within')."""
    if link_type not in _SENDING_TYPES or not says.lower().startswith(_SENDING_VERBS):
        return None
    head, comma, tail = says.partition(",")
    if re.search(r"\b(to|with|within|into)\b", head):
        return None
    return f"{head} to {the_b}{comma}{tail}"


def link_sentences(link: Link, sender: Board, receiver: Board,
                   name: Callable[[Board], str] = _the_of) -> list[str]:
    """The sentences that say a link, naming both bodies in full."""
    return link_words(link, sender, receiver, name).sentences(name(sender))


# -- the diff's diagram: both maps in one picture ---------------------------------------------

# The mark on a board or line that one map has and the other has not (or has changed).
DIFF_MARKS: dict[str, str] = {"added": "new", "removed": "removed", "changed": "changed"}
DIFF_MEANINGS: dict[str, str] = {
    "added": "in the new map only: drawn bold, in green, marked “new”",
    "removed": "in the old map only: drawn dashed, in red, marked “removed”",
    "changed": "in both maps, with something changed: marked “changed”",
    "same": "the same in both maps: drawn thin, in grey",
}
# What changed, in a changed box's mark: '(changed: chair, members)'.
DIFF_FIELDS: dict[str, str] = {
    "name": "name", "short": "short name", "kind": "kind", "purpose": "purpose",
    "chair": "chair", "independent_chair": "chair", "members": "members",
    "statutory_role": "role in law", "basis": "legal basis", "meets": "meetings",
    "areas": "areas", "top": "place at the top", "since": "start date", "until": "end date",
    "url": "web page",
}
DIFF_TITLE = "What changed in the map of {area}'s boards: {old} to {new}"
DIFF_DESCRIPTION = ("Both maps of {area}'s boards in one diagram, from {old} to {new}. {new_count} "
                    "and {removed_count}. Everything else is drawn thin and grey.")
_SMALL_WORDS = frozenset({"and", "of", "on", "upon", "the", "in", "under"})


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
    return " ".join(w if w in _SMALL_WORDS and i else w.capitalize() for i, w in enumerate(parts))
UNLABELLED = ("Too many lines to label: point at a line to read what it says, or open each "
              "board's own diagram")
