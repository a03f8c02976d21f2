"""One vocabulary: how each link type, kind of body, statutory role and cadence is said.

The diagrams, the guide, the diff, the check messages and the exports all take their words for
a link type or a kind of body from here, so that they say a thing the same way.
"""

from __future__ import annotations

from boardmap.say.grammar import a, plural

# Short labels for a line on a diagram: "A --holds to account--> B".
LINK_LABELS: dict[str, str] = {
    "reports-to": "reports to",
    "challenges": "holds to account",
    "escalates-to": "escalates concerns to",
    "consults": "consults",
    "informs": "keeps informed",
    "sub-group-of": "is a sub-group of",
    "attends": "attends meetings of",
    "meets-with": "meets in common with",
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
    "meets-with": "meets together with {b} as committees in common, each body still deciding for itself",
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
    "meets-with": "meets together with the other body (committees in common); each stays a "
    "separate body and takes its own decisions",
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
KIND_PLURALS: dict[str, str] = {kind: plural(name) for kind, name in KIND_NAMES.items()}


def count_of(count: int, kind: str) -> str:
    """'1 sub-group', '12 sub-groups', '3 outside bodies'."""
    return f"{count} {plural(KIND_NAMES[kind], count)}"


def a_kind(kind: str) -> str:
    """A board kind with its article: 'a statutory board', 'an outside body'."""
    return a(KIND_NAMES.get(kind, kind))


# What the law calls a body (a board's `statutory_role`), without an article. The one table
# of statutory roles: rule packs' messages and the diff both say a role from it.
ROLE_NAMES: dict[str, str] = {
    "hwb": "Health and Wellbeing Board",
    "lscb": "Local Safeguarding Children Board",
    "safeguarding-partnership": "safeguarding children partnership",
    "independent-scrutineer": "independent scrutineer",
    "delegated-safeguarding-partner": "delegated safeguarding partner",
    "cspr-panel": "Child Safeguarding Practice Review Panel",
    "what-works-centre": "What Works Centre for Children's Social Care",
    "sab": "Safeguarding Adults Board",
    "csp": "Community Safety Partnership",
    "crime-and-disorder-committee": "crime and disorder committee",
    "overview-and-scrutiny": "overview and scrutiny committee",
    "health-scrutiny": "health scrutiny committee",
    "police-and-crime-panel": "Police and Crime Panel",
    "chief-executive": "chief executive",
    "icb-chief-executive": "chief executive of the integrated care board",
    "chief-constable": "chief officer of police",
    "leader": "Leader of the Council",
    "dcs": "Director of Children's Services",
    "dass": "Director of Adult Social Services",
    "director-public-health": "Director of Public Health",
    "lead-member": "Lead Member for children's services",
    "pcc": "Police and Crime Commissioner",
    "healthwatch": "local Healthwatch",
    "ccg": "clinical commissioning group",
    "icb": "integrated care board",
    "icp": "integrated care partnership",
    "police": "police force",
    "probation": "probation service",
    "local-authority": "local authority",
    "fire-and-rescue": "fire and rescue authority",
    "nhs-trust": "NHS trust",
}
# A council's `tier`, as a noun with its article.
TIER_NAMES: dict[str, str] = {
    "county": "a county council",
    "district": "a district council",
    "unitary": "a unitary council",
    "metropolitan": "a metropolitan borough council",
    "london-borough": "a London borough council",
}
# Roles an area may have several of: said with 'a'/'an' ('an NHS trust'), the rest with 'the'.
_MANY_ROLES = frozenset(
    {"overview-and-scrutiny", "ccg", "icb", "nhs-trust", "delegated-safeguarding-partner"}
)


def role_name(roles: str) -> str:
    """A role, or roles joined by '|', as a noun: 'clinical commissioning group or
    integrated care board'."""
    return " or ".join(ROLE_NAMES[r] for r in roles.split("|"))


# A role as a sentence names it beside an office of the same name: the three lead
# safeguarding partners are 'the council's chief executive, the chief executive of the
# integrated care board and the chief officer of police'.
_ROLE_NAMES_BESIDE: dict[str, str] = {"chief-executive": "council's chief executive"}


def role_name_beside(roles: str) -> str:
    """A role (or roles joined by '|') as a noun where other offices are named with it."""
    return " or ".join(_ROLE_NAMES_BESIDE.get(r, ROLE_NAMES[r]) for r in roles.split("|"))


def role_phrase(role: str) -> str:
    """A role as a sentence names it: 'the Health and Wellbeing Board', 'an NHS trust'."""
    name = ROLE_NAMES[role]
    return a(name) if role in _MANY_ROLES else f"the {name}"


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
    # Free-text cadences that maps often write, said the same way.
    "annually": "every year",
    "weekly": "every week",
    "fortnightly": "every two weeks",
    "bi-monthly": "every two months",
    "half-yearly": "every six months",
    "twice-yearly": "twice a year",
    "termly": "every school term",
    "as-required": "when needed",
    "ad-hoc": "when needed",
}
CADENCE_ADJECTIVES: dict[str, str] = {
    "monthly": "monthly",
    "quarterly": "quarterly",
    "six-monthly": "six-monthly",
    "annual": "yearly",
    "yearly": "yearly",
}


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
    # Committees in common: the link goes both ways, so it is listed from either end.
    ("Who it meets with (committees in common)", frozenset({"meets-with"}), True),
    ("Who meets with it (committees in common)", frozenset({"meets-with"}), False),
)
# What each kind of body is, said to someone who has never heard of it.
KIND_EXPLAINED: dict[str, str] = {
    "statutory-board": "The law says the area must have this board.",
    "partnership": "It is a partnership: agencies working together on shared aims.",
    "committee": "It is a meeting of councillors.",  # true of the Full Council and the Cabinet too
    "sub-group": "It is a sub-group: it does work for another board.",
    "officer-group": "It is a meeting of staff, not of elected councillors.",
    "role": "This is a person's job, not a board.",
    "organisation": "This is an agency that takes part in the boards.",
    "external": "This body sits outside the local arrangements.",
}
GUIDE_WHAT = "This covers {what}."
# What a link is about, folded into the link type's own sentence where a preposition makes
# it read ("reports to the Full Council on the annual report"), so that a map whose links all
# carry the same `what` does not say "This covers the annual report." under every one.
WHAT_PREPOSITIONS: dict[str, str] = {
    "reports-to": "on",
    "challenges": "on",
    "consults": "on",
    "informs": "about",
}
# A link's `says` that makes no sentence ('Challenge session each March', or one that stops
# at 'to'), quoted after the link type's own words, in the same sentence.
GUIDE_QUOTED = "(the map’s words: “{says}”)"
# The same on a diagram's line: the type's label, then the map's unfinished words.
LABEL_QUOTED = "{label} (“{says} …”)"
# Who a purpose written without its subject ("Plans how ...") is about.
PURPOSE_SUBJECTS: dict[str, str] = {"role": "This person"}
PURPOSE_SUBJECT = "It"
GUIDE_WHEN = "This happens {when}."
# The guide's glossary of the words it uses for links, for readers new to governance.
GUIDE_TERMS: tuple[tuple[str, str], ...] = (
    ("Answers to", "Reports to another body, which can question its work and direct it."),
    (
        "Holds to account",
        "Asks another body to explain its work and results, and challenges it where they fall short.",
    ),
    ("Consults", "Asks another body for its views before deciding."),
    ("Keeps informed", "Shares information, minutes or reports. The other body does not answer to it."),
    ("Sub-group", "A smaller group that does work for a board and reports to it."),
    ("Escalates", "Takes a concern it cannot resolve to a more senior body."),
    ("Attends", "Goes to another body's meetings, or sends its chair, but does not vote."),
    ("Escalation route", "The steps to follow when a concern between boards is not resolved."),
    ("Safeguarding", "Protecting children and adults from abuse and neglect."),
)
