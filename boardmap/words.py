"""The plain language of boardmap: how each link type and board kind is said.

Every reader-facing phrase for a link comes from here, so that the diagrams, the guide, the
diff and the exports all say a link the same way.
"""

from __future__ import annotations

import datetime as dt

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


def link_label(link: Link) -> str:
    """The words on a link's line: the map's own `says` where given, else the type's phrase."""
    return link.says or LINK_LABELS[link.type]


def board_label(board: Board) -> str:
    """A board's full name with its acronym in brackets."""
    return board.label


def the(board: Board) -> str:
    """A board's name as it reads inside a sentence: 'the Health and Wellbeing Board',
    but 'Medway Council' and 'Kent Police' (organisations named after a place) as they are."""
    name = board.name
    if name.lower().startswith("the "):
        return "the " + name[4:]
    if board.kind in ("organisation", "external") and not any(
        word in name.split() for word in ("Board", "Committee", "Group", "Partnership",
                                          "Department", "Office", "Association", "Trust")
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
        sent = thing_sent(link.what) + (f" {cadence_phrase(cadence)}" if cadence else "")
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
}
# Titles of the views; every title is followed by the area and the map's date.
DIAGRAM_TITLES: dict[str, str] = {
    "overview": "How the boards relate",
    "reporting": "Who answers to whom",
    "challenge": "Who holds whom to account",
    "themes": "Who leads and who supports each shared priority",
    "board": "{board} and the bodies linked to it",
    "escalation": "Where a concern goes: {route}",
}
LEGEND_HEADING = "Key: how to read the lines and boxes"
STEP_LABEL = "Step {n}"
NO_LEAD = "No board leads this"
FOLDED = "with {n} sub-group{s} shown inside"
# What a view with nothing to draw says instead.
EMPTY_VIEWS: dict[str, str] = {
    "reporting": "No body in this map reports to another",
    "challenge": "No body in this map holds another to account",
    "themes": "This map names no shared priorities",
}


def diagram_heading(title: str, area: str, day: dt.date) -> str:
    """A diagram's title line: 'Who answers to whom, Medway, 17 June 2014'."""
    return f"{title}, {area}, {long_date(day)}"


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
