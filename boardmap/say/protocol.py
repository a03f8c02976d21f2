"""The protocol's own words: headings and the sentences around the map's content.

Short sentences in the active voice, in the manner of the guide (boardmap.say.guide), so
that the draft reads more easily than the protocols councils write by hand.
"""

from __future__ import annotations

TITLE = "Protocol between {a} and {b}"
LEDE_DRAFT = (
    "This is a draft. boardmap made it from the map of {area}'s boards. Both boards should "
    "check it, change what is wrong and agree it."
)
LEDE_AGREEMENT = "Status: {standing}."

PURPOSE_HEADING = "Why we have this protocol"
PURPOSE = "This protocol sets out how {a} and {b} work together."
PURPOSE_PARTS = (
    "It says what each board is for and what each does for the other{others}. It lists the "
    "priorities they share. It says what to do when a concern between them is not resolved, "
    "and when they will review it."
)
PURPOSE_OTHERS = ", and who else they work with"
PUBLISHED = "It is published at {url}."

ROLES_HEADING = "What each board does"
NO_PURPOSE = "The map does not yet say what this board does."
BASIS = "The law behind it: {basis}."

EACH_OTHER_HEADING = "What each board does for the other"
EACH_OTHER_INTRO = "The tables list each duty, what passes between the boards and how often."
DOES_FOR = "What {a} does for {b}"
DUTY_HEAD = ("What it does", "What passes", "How often")
NOTHING_FOR = "The map shows nothing that {a} does for {b}. Agree what it does, and add it to the map."
NOT_SAID = "Not stated."

OTHERS_HEADING = "Who else the boards work with"
OTHERS_INTRO = "This protocol also covers what the boards and others do for each other."
OTHERS_CAPTION = "Other duties under this protocol"
OTHERS_HEAD = ("Who", "What they do", "What passes", "How often")

PRIORITIES_HEADING = "Priorities we share"
LEADS = "{lead} leads this work."
SUPPORTS = "{who} {verb} it."
NO_PRIORITIES = "The map lists no priorities that both boards work on."

ESCALATION_HEADING = "When a concern is not resolved"
ESCALATION_INTRO = (
    "Follow these steps in order. Go to the next step only if the one before did not settle it."
)
NO_ROUTE = (
    "The map does not say how the boards settle a concern they cannot resolve. Agree the "
    "steps and add them to this protocol."
)

REVIEW_HEADING = "Review"
REVIEW_BY = "The boards will review this protocol by {date}."
REVIEW_PAST = "The boards were due to review this protocol by {date}. That date has passed."
NO_REVIEW = "No review date is set. Agree one when you sign this protocol."
REVIEW_CHANGES = "Review it sooner if the law or either board changes."

SIGN_OFF_HEADING = "Sign-off"
SIGN_OFF_INTRO = "Each board records here when it agreed this protocol. A blank row means it has not yet."
SIGN_OFF_NONE = "No board has agreed this protocol yet. Each board records here when it does."
SIGN_OFF_CAPTION = "Who agreed this protocol"
SIGN_OFF_HEAD = ("Board", "Agreed on", "Reference (minute or paper)")

FOOTER = "Made by boardmap from {files}. It shows the map as it was on {date}."
