"""The guide's own words: headings and the sentences around the map's content.

Written in the manner of the GOV.UK style guide for front-line staff who have never seen the
boards: short sentences, active voice, no unexplained acronyms. The wording of links
themselves lives in boardmap.words, shared with the diagrams and the diff.
"""

from __future__ import annotations

TITLE = "How the boards in {area} work together"
LEDE = "A guide for front-line staff and partners in {area}. It shows the boards as they were on {date}."
SKIP_LINK = "Skip to main content"
CONTENTS = "Contents"

START = "Start here"
START_TEXT = (
    "This page explains how the strategic boards in {area} relate to each other. "
    "Use it to find out what each board does, who it answers to and where to take a concern."
)
SAFETY = (
    "This guide is about how the boards work. If you are worried about a child or an adult "
    "now, do not wait for a board. Follow your own agency's safeguarding procedures straight away."
)
OVERVIEW_INTRO = "The diagram shows every board and how they link. Select a box to read about that board."

CONCERNS = "Where to take a concern"
THEMES_INTRO = (
    "Each shared priority has a lead board. Take a concern about a priority to the board that "
    "leads it."
)
THEME_LED = "{lead} leads this work."
THEME_UNLED = "No board leads this work yet."
THEME_SUPPORT = "{supporters} also work on it."
THEME_SUPPORT_ONE = "{supporters} also works on it."
NO_THEMES = "The map does not list any shared priorities."
ROUTES_INTRO = (
    "If two boards disagree, or a concern between them is not resolved, follow the steps "
    "for those boards:"
)
ROUTE_ITEM = "for concerns between {between}, in {count} steps."
ROUTE_ITEM_ONE = "for concerns between {between}, in one step."
ROUTE_STEPS = "{count} steps."
ROUTE_STEPS_ONE = "one step."
NO_ROUTES = "The map does not say how boards settle a concern they cannot resolve. Ask your manager."
ABOUT_A_BOARD = (
    "To raise a concern about how a board itself works, go to whoever holds it to account. "
    "Each board's section says who that is."
)

BOARDS = "The boards"
BOARDS_INTRO = (
    "Each section covers one board: what it does, who runs it and how it works with the others."
)
NO_PURPOSE = "The map does not yet say what it does."
CHAIR = "Who chairs it"
MEMBERS = "Who sits on it"
MEETS = "How often it meets"
BASIS = "The law behind it"
INDEPENDENT = "an independent chair"
TOP = "No other body in this map oversees it."
NO_LINKS = "The map shows no links between it and any other body."
NO_LINKS_PERSON = "The map shows no links between this person and any board."
DIAGRAM_ABOUT = "The sentences above describe the same links."
ROUTES_GROUP = "When a concern is not resolved"
IN_STEPS = "{route}: {who} takes part in {steps}."
IN_ROUTE = "{route}: for concerns between {between}."
STEP = "step {n}"
STEPS = "steps {numbers}"
STEP_RANGE = "steps {first} to {last}"
CHAIRS_OF = "{who} chairs {boards}."
MEMBER_OF = "{who} sits on {boards}."

OTHERS = "People and outside bodies"
OTHERS_INTRO = (
    "These are the people and outside bodies the boards work with. They are not boards "
    "themselves."
)

ROUTES = "When a concern is not resolved"
ROUTES_TEXT = (
    "These are the steps to follow when boards disagree or a concern between them is not "
    "resolved. Take the steps in order. Go to the next step only if the one before did not settle it."
)
ROUTE_BETWEEN = "This route is for concerns between {between}."
STEP_INVOLVES = "This step involves {who}."

TABLE = "Who does what, board by board"
TABLE_INTRO = (
    "Each table shows what two bodies do for each other. The first column says who does it."
)
TABLE_WITH = "With {other}"
TABLE_HEAD = ("Who", "What they do")
TABLE_OTHER = "Other links"

GLOSSARY = "Glossary"
ACRONYMS = "Abbreviations"
ACRONYMS_INTRO = "The short forms used in this guide and in its diagrams."
TERMS = "What the words mean"

ANNEX = "Annex: gaps in the arrangements"
ANNEX_INTRO = (
    "This annex is for governance officers. It lists the gaps that boardmap found in the map "
    "and that nobody has accepted."
)
ANNEX_NONE = "boardmap found no open gaps in the map."
ANNEX_HEAD = ("How serious", "What is wrong", "Where in the map")
ANNEX_WHERE = "{file}, line {line} (rule {rule})"
SEVERITY: dict[str, str] = {"error": "Must fix", "warning": "Should fix", "info": "For information"}

FOOTER_MADE = "Made by boardmap from {files}."
FOOTER_DATE = "It shows the map as it was on {date}. Arrangements change: check the date."
DIAGRAM_MISSING = "The diagram could not be drawn: {reason}."
DIAGRAM_FILE = "Diagram: {title}"
DIAGRAM_SCROLL = "A wide diagram scrolls sideways. On a phone, zoom in to read the labels."
