"""The plain language of boardmap: how each link type and board kind is said.

Every reader-facing phrase for a link comes from here, so that the diagrams, the guide, the
diff and the exports all say a link the same way.
"""

from __future__ import annotations

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
