"""The words of the diagrams: line labels, legends, titles, notes of a folded view, and
each diagram's one-sentence description (its SVG <title>/<desc> and its alt text)."""

from __future__ import annotations

import datetime as dt

from boardmap.say.grammar import long_date

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
FOLDED_OTHERS = "{others}"  # count(n, "other")
FOLDED_SHARED = "Shared by {areas}"  # the bodies that several areas share
FOLDED_OUTSIDE = "Bodies outside the areas"  # those the map gives no area (national bodies)
FOLDED_ELSEWHERE = "Bodies in other areas"  # in an area's diagram: those linked to its bodies
FOLDED_THEMES = "{count} shared priorities"  # several priorities led from one box
FOLDED_UNLED = "{count} that no board leads"
FOLDED_KIND = "{things} linked to no reporting line"
FOLDED_LINE = "{phrase} ({links})"  # a line standing for several links
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


# One-sentence descriptions of diagrams: each SVG's <title>/<desc> and its alt text.
DIAGRAM_DESCRIPTIONS: dict[str, str] = {
    "overview": "How the {count} bodies in {area}'s map relate on {date}: {lines}",
    "overview-lines": "{lines}, of which {kinds}",
    "overview-no-lines": "the map shows no lines between them",
    "overview-isolated": "{count} of them {is_} linked to no other body",
    "overview-folded": "How the {bodies} bodies in {area}'s map relate on {date}, drawn as "
    "{count} boxes ({fold}): {lines}",
    "board": "{board} in {area} on {date}: {clauses}",
    "board-no-links": "{board} in {area} on {date}: the map shows nothing linked to it",
    "reporting": "Who answers to whom in {area} on {date}: {lines} "
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
    "folded-inside": "{links} join bodies drawn in one box",
    "folded-all-inside": "each of the {links} joins bodies drawn in one box, so no line joins two boxes",
    "folded-apart": "{count} of the boxes {is_} joined by no line to another",
    "overview-related": "{count} {is_} linked to other bodies only through {ways}, which "
    "this diagram does not draw",
    "challenge": "Who holds whom to account in {area} on {date}: {clauses}",
    "themes": "Who leads and who supports the {priorities} in {area} on {date}: {clauses}",
    "theme-led": "{theme}, led by {lead}",
    "theme-unled": "{theme}, which no board leads",
    "theme-supported": "{theme_clause}, supported by {supports}",
    "escalation": "Where a concern goes in {area} on {date}, {route}: {steps}, from {between} to {settlers}",
    "empty": "{message} on {date} in {area}",
    "more": "and {count} more",
}
INDEX_TITLE = "Diagrams of {area}'s boards, {date}"
INDEX_NOTE = (
    "Made by boardmap (`boardmap render` or `boardmap build`) from the map; do not "
    "edit by hand, run it again. "
    "Each diagram's description below is also its alt text."
)
INDEX_FILES = "Files:"
APART = "Not linked to any other body in this map"
# The reporting view: boards with no line of accountability, drawn apart; a board at the top
# of a tree that the map does not mark as the top.
APART_REPORTING = "Answer to no one in this map"
ANSWERS_TO_NO_ONE = "answers to no one in this map"
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
    "name": "name",
    "short": "short name",
    "kind": "kind",
    "purpose": "purpose",
    "chair": "chair",
    "independent_chair": "chair",
    "members": "members",
    "statutory_role": "role in law",
    "basis": "legal basis",
    "meets": "meetings",
    "areas": "areas",
    "top": "place at the top",
    "since": "start date",
    "until": "end date",
    "url": "web page",
}
DIFF_TITLE = "What changed in the map of {area}'s boards: {old} to {new}"
DIFF_DESCRIPTION = (
    "Both maps of {area}'s boards in one diagram, from {old} to {new}. {new_count} "
    "and {removed_count}. Everything else is drawn thin and grey."
)
UNLABELLED = "Too many lines to label: point at a line to read what it says, or open each board's own diagram"
