"""The guide's own words: headings and the sentences around the map's content.

Written in the manner of the GOV.UK style guide for front-line staff who have never seen the
boards: short sentences, active voice, no unexplained acronyms. The wording of links
themselves lives in boardmap.say.links, shared with the diagrams and the diff.
"""

from __future__ import annotations

from boardmap.say.grammar import join

TITLE = "How the boards in {area} work together"
LEDE = "A guide for front-line staff and partners in {area}. It shows the boards as they were on {date}."
SKIP_LINK = "Skip to main content"
FIND_LABEL = "Find a board, person, topic or short form"
FIND_ENTER = "Press Enter to go to the first match."
FIND_TOPIC = "safeguarding"  # a word offered in the hint where a board's name has it
FIND_NONE = "No matches"
FIND_ONE = "1 match"
FIND_MANY = "{count} matches"
FIND_RESULTS = "Matches"
A_TO_Z = "A to Z"
A_TO_Z_SUMMARY = "A to Z of boards, people and topics"
CONTENTS = "Contents"

START = "Where to take a concern"
URGENT_DEFAULT = "If someone is in immediate danger, call 999."
SAFETY = (
    "Worried about a child or an adult? Follow your own agency's safeguarding procedures "
    "straight away. Do not wait for a board."
)
OVERVIEW_INTRO = "The diagram shows every board and how they link. Select a box to read about that board."
NO_CONCERNS = (
    "This page cannot tell you where to report a worry about a child or an adult. The map "
    "does not say. Ask your manager or your agency's safeguarding lead."
)
NO_ROUTES = "The map does not list shared priorities. It does not say how boards settle a disagreement."
OWNERS_LINK = "How to add this to the map."
CONTACT_WHO = "Contact"
CONTACT_PHONE = "Phone"
CONTACT_EMAIL = "Email"
CONTACT_WEB = "Web page"

PRIORITIES = "Shared priorities"
THEMES_INTRO = (
    "Each shared priority has a lead board. Take a concern about a priority to the board that leads it."
)
# Where a priority has no lead board: the intro must not promise one.
THEMES_INTRO_UNLED = "Take a concern about a priority to the board that leads it, where the map names one."
THEME_LED = "{lead} leads this work."
THEME_UNLED = "No board leads this work yet."
THEME_SUPPORT = "{supporters} also {works} on it."  # {works}: works or work, as say.grammar.agree
DISAGREE = "When boards disagree"
ROUTES_INTRO = (
    "If two boards disagree, or a concern between them is not resolved, follow the steps for those boards:"
)
ROUTE_ITEM = "for concerns between {between}, in {count} steps."
ROUTE_ITEM_ONE = "for concerns between {between}, in one step."
ROUTE_STEPS = "{count} steps."
ROUTE_STEPS_ONE = "one step."
GLANCE = "The boards at a glance"
AREA_PAGES = "The boards of each area are on a page of their own:"
AREA_HEADING = "The boards in {area}"
AREA_TITLE = "{area}: {title}"
INDEX_PAGE = "Start: where to take a concern"
PAGES = "Pages of this guide"
SHEET_TITLE = "At a glance: {title}"
SHEET_BOARDS = "Who does what"
SHEET_MORE_BOARDS = "The guide describes {count} more boards and groups."
SHEET_MORE = "The full guide ({file}) says how each board works with the others."
SHEET_LINK = "A one-page summary to print: at a glance"
# Who the boards at a glance answer to, said once after the list, the boards grouped by the
# bodies above them; {answers} is 'answers' or 'answer' as the boards are one or more.
GLANCE_ANSWERS = "{who} {answers} to {to}."
GLANCE_TOP = "{who} {answers} to no other body in this map."
GLANCE_UNKNOWN = "The map does not say who {who} {answers} to."
# A board whose purpose the map does not give: after its name and a colon where it is the
# only one; where several are, once after the list (not once a line).
GLANCE_NO_PURPOSE = "the map does not say what it is for."
GLANCE_NO_PURPOSES = "The map does not say what {who} {are} for."
ABOUT_A_BOARD = (
    "To raise a concern about how a board itself works, go to whoever holds it to account. "
    "Each board's section says who that is."
)

BOARDS = "The boards"
BOARDS_INTRO = (
    "Each section covers one board: what it does, who runs it and how it works with the others. "
    "Its links come in three groups: who it answers to, who answers to it, and who it works with."
)
# Said once, after the introduction to the boards; {does} is 'does' or 'do'.
NO_PURPOSES = "The map does not yet say what {boards} {does}."
CHAIR = "Who chairs it"
MEMBERS = "Who sits on it"
MEETS = "How often it meets"
BASIS = "The law behind it"
INDEPENDENT = "an independent chair"
KIND = "What it is"
KIND_NAME: dict[str, str] = {
    "statutory-board": "A board the law requires",
    "partnership": "A partnership of agencies",
    "committee": "A council committee",
    "sub-group": "A sub-group of another board",
    "officer-group": "A meeting of staff",
    "role": "A person's job",
    "organisation": "An agency",
    "external": "An outside body",
}
# A board's links, grouped by direction: (direction, heading).
DIRECTIONS: tuple[tuple[str, str], ...] = (
    ("up", "Who it answers to"),
    ("down", "Who answers to it"),
    ("across", "Who it works with"),
)
# A missing line above a board, as a fact among its facts (a label and a value, not a
# sentence said again under every board), linked to its gap where the annex has one.
OVERSEEN_BY = "Who oversees it"
HELD_TO_ACCOUNT_BY = "Who holds it to account"
NOBODY = "Nobody in this map"
NO_OTHER = "No other body in this map"
SEE_FINDING = "see the gap"
LINKED_TO = "Linked to {bodies}."
IN_ROUTES = "Takes part in {routes}."
NO_LINKS = "The map shows no links between it and any other body."
NO_LINKS_PERSON = "The map shows no links between this person and any board."
ROUTES_GROUP = "When a concern is not resolved"
IN_STEPS = "{route}: {who} takes part in {steps}."
IN_ROUTE = "{route}: for concerns between {between}."
STEP = "step {n}"
STEPS = "steps {numbers}"
STEP_RANGE = "steps {first} to {last}"
CHAIRS_OF = "{who} chairs {boards}."
MEMBER_OF = "{who} sits on {boards}."

OTHERS = "People and outside bodies"
OTHERS_INTRO = "The boards work with these people and outside bodies, which are not boards themselves."

ROUTES = "When a concern is not resolved"
ROUTES_TEXT = (
    "These are the steps to follow when boards disagree or a concern between them is not "
    "resolved. Take the steps in order. Go to the next step only if the one before did not settle it."
)
ROUTE_BETWEEN = "This route is for concerns between {between}."
STEP_INVOLVES = "This step involves {who}."

TABLE = "Who does what, board by board"
TABLE_INTRO = "Each table shows what two bodies do for each other. The first column says who does it."
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
ANNEX_NONE = "The checks found no open gaps in the map."
ANNEX_HEAD = ("How serious", "What is wrong", "Where in the map")
ANNEX_WHERE = "{file}, line {line}, rule"
OWNERS = "What the guide could not tell its readers"
OWNERS_INTRO = "Add these to the map and build the guide again."
ADD_CONCERNS = (
    "Where a worry about a child, an adult or a family goes. Add a concerns list: each entry "
    "names the concern, what to do and whom to contact, with a phone number, email address "
    "or web page (docs/format.md, “Concerns and contacts”)."
)
ADD_URGENT = (
    "What to do in an emergency. The guide says “If someone is in immediate danger, call "
    "999.” Add an urgent line to say more, such as the out-of-hours number."
)
ADD_ROUTES = (
    "Which board leads each shared priority, and how boards settle a disagreement. Add "
    "themes with a lead board, and escalation routes."
)
ADD_CONTACTS = (
    "How to reach these boards: {boards}. Add a contact to each: the business manager's "
    "email address or the board's web page."
)
ADD_ANSWERS = (
    "Who these boards answer to: {boards}. Add a reports-to link, or top: true where a "
    "body answers to no one in this map."
)
SEVERITY: dict[str, str] = {"error": "Must fix", "warning": "Should fix", "info": "For information"}

FOOTER_MADE = "Made by boardmap from {files}."
FOOTER_DATE = "It shows the map as it was on {date}. Arrangements change: check the date."
DIAGRAM_MISSING = "The diagram could not be drawn: {reason}."
DIAGRAM_FILE = "Diagram: {title}"
DIAGRAM_SCROLL = "A wide diagram scrolls sideways inside its frame."
DIAGRAM_KEY = "Key"


def find_hint(examples: list[str]) -> str:
    """The line under the search box: what this guide's own search finds, then how to go.
    'For example HWBB or safeguarding. Press Enter to go to the first match.'"""
    if not examples:
        return FIND_ENTER
    return f"For example {join(examples, conj='or')}. {FIND_ENTER}"
