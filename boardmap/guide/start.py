"""The first screen of the guide: where a concern goes, then each board in one line.

It answers a worried reader first, from the map's `urgent` line and `concerns`; then from
its shared priorities and escalation routes. Where the map says nothing, the reader is
told so once, and the gaps annex tells the map's owners how to add it (`owner_notes`).
The words are in boardmap.say.guide; this module only chooses and orders them.
"""

from __future__ import annotations

import re

from boardmap.guide.base import Base
from boardmap.guide.doc import (
    Anchor,
    Block,
    Contact,
    Document,
    Facts,
    Heading,
    Inline,
    Inlines,
    Items,
    Para,
    Section,
    Strong,
    anchors_in,
    clean,
)
from boardmap.model import REPORTING_TYPES, Board, Concern
from boardmap.outputs import anchor
from boardmap.say import guide as say
from boardmap.say.grammar import agree, sentence
from boardmap.say.phrases import purpose_sentence

SHEET_BOARDS = 16  # the most boards the one-page sheet lists
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?:\s+(?=[A-Z])|$)")


def start(b: Base) -> Section:
    """'Where to take a concern': the urgent line, the map's concerns (or, plainly, that it
    has none), its shared priorities and routes, and the boards at a glance."""
    gmap = b.gmap
    urgent = clean(gmap.urgent) or say.URGENT_DEFAULT
    blocks: list[Block] = [
        Heading(2, (say.START,), "start-heading"),
        Para((Strong(sentence(urgent)), " ", say.SAFETY), prose=True),
    ]
    unknown: list[str] = []  # what the map does not say: told once, together
    if gmap.concerns:
        blocks += [concern_section(b, n, c) for n, c in enumerate(gmap.concerns, 1)]
    else:
        unknown.append(say.NO_CONCERNS)
    if not gmap.themes and not gmap.escalations:
        unknown.append(say.NO_ROUTES)
    if unknown:
        blocks.append(Para(unsaid(b, " ".join(unknown))))
    if gmap.themes:
        blocks += [
            Heading(3, (say.PRIORITIES,), "priorities"),
            Para(
                (
                    say.THEMES_INTRO
                    if all(t.lead in gmap.by_id for t in gmap.themes)
                    else say.THEMES_INTRO_UNLED,
                )
            ),
            Items(tuple(b.theme_item(t) for t in gmap.themes)),
        ]
    if gmap.escalations:
        blocks += [
            Heading(3, (say.DISAGREE,), "disagree"),
            Para((say.ROUTES_INTRO,)),
            Items(tuple(b.route_item(r) for r in gmap.escalations)),
        ]
    blocks.append(Para((say.ABOUT_A_BOARD,)))
    if b.boards:
        blocks.append(
            Section(
                "glance",
                (
                    Heading(3, (say.GLANCE,), "glance-heading"),
                    *glance_list(b, b.boards, prose=False),
                    glance_answers(b, b.boards),
                ),
            )
        )
    blocks.append(Para((Contact("glance.html", say.SHEET_LINK),), prose=False))
    if "overview" in b.views:
        blocks.append(Para((say.OVERVIEW_INTRO,)))
        blocks += b.figure("overview")
    return Section("start", tuple(blocks))


def unsaid(b: Base, text: str) -> Inlines:
    """What the map does not say, with a pointer to the annex where the page has one."""
    if b.with_gaps:
        return (text, " ", Anchor("#owners", say.OWNERS_LINK))
    return (text,)


def concern_section(b: Base, number: int, concern: Concern) -> Section:
    blocks: list[Block] = [
        Heading(3, (sentence(clean(concern.concern)).rstrip("."),), anchor(f"concern-{number}", "heading"))
    ]
    if concern.do and clean(concern.do):
        blocks.append(Para((sentence(clean(concern.do)),)))
    rows = contact_rows(b, concern)
    if rows:
        blocks.append(Facts(tuple(rows)))
    return Section(f"concern-{number}", tuple(blocks), kind="concern")


def contact_rows(b: Base, concern: Concern) -> list[tuple[str, Inlines]]:
    """Whom to contact and how: a board (linked to its section) or free text, then phone,
    email and web page; a board's own `contact` where the concern gives no email or page."""
    rows: list[tuple[str, Inlines]] = []
    board = b.gmap.by_id.get(concern.contact or "")
    if board is not None:
        rows.append((say.CONTACT_WHO, _capitalised(b.ref(board.id))))
    elif concern.contact and clean(concern.contact):
        rows.append((say.CONTACT_WHO, (clean(concern.contact),)))
    if concern.phone:
        rows.append((say.CONTACT_PHONE, (phone(concern.phone),)))
    if concern.email:
        rows.append((say.CONTACT_EMAIL, (email(concern.email),)))
    if concern.web:
        rows.append((say.CONTACT_WEB, (Contact(concern.web, concern.web),)))
    if board is not None and board.contact and not (concern.email or concern.web):
        rows.append(board_contact(board))
    return rows


def board_contact(board: Board) -> tuple[str, Inlines]:
    """A board's `contact` as a labelled row: an email address, or its web page."""
    if board.contact and "@" in board.contact and "://" not in board.contact:
        return say.CONTACT_EMAIL, (email(board.contact),)
    return say.CONTACT_WEB, (Contact(board.contact or "", board.contact or ""),)


def phone(number: str) -> Contact:
    digits = re.sub(r"(?i)\s*(ext|extension)\.?.*$", "", number)
    return Contact("tel:" + re.sub(r"[^0-9+]", "", digits), number)


def email(address: str) -> Contact:
    plain = address.removeprefix("mailto:")
    return Contact("mailto:" + plain, plain)


def glance_list(b: Base, boards: list[Board], prose: bool = True) -> list[Block]:
    """The boards in a list, a line each: its name and what it is for (who it answers to
    follows, in `glance_answers`). Where several boards lack a purpose, one sentence after
    the list names them ('The map does not say what the Cabinet and the Corporate
    Management Team are for.'), not the same words on each of their lines."""
    unsaid = [x.id for x in boards if not clean(x.purpose)]
    alone = len(unsaid) < 2
    blocks: list[Block] = [Items(tuple(glance_line(b, x, alone) for x in boards), prose=prose)]
    if not alone:
        said = b.said(say.GLANCE_NO_PURPOSES, who=b.names(unsaid), are=("are",))
        blocks.append(Para(said, prose=False))  # names, like the list above it
    return blocks


def glance_line(b: Base, board: Board, alone: bool) -> Inlines:
    """A board in one line: its name and what it is for; where the map does not say, that
    too, if the board is `alone` in that (see `glance_list`)."""
    name = _capitalised(b.ref(board.id))
    purpose = clean(board.purpose)
    if not purpose:
        return (*name, ": ", say.GLANCE_NO_PURPOSE) if alone else name
    first = _FIRST_SENTENCE.match(purpose)
    said = sentence(first.group(1) if first else purpose)
    return (*name, ": ", said[0].lower() + said[1:] if _verb_led(said, board) else said)


def _capitalised(parts: Inlines) -> Inlines:
    if parts and isinstance(parts[0], str) and parts[0]:
        return (parts[0][0].upper() + parts[0][1:], *parts[1:])
    return parts


def _verb_led(text: str, board: Board) -> bool:
    """'Brings the council ...' (a purpose without its subject, which boardmap.say would
    start with 'It'), not 'Islington's wider ...'."""
    return purpose_sentence(text, board) != sentence(text)


def answers_to(b: Base, board: Board) -> list[str]:
    """The bodies a board reports to (or is a sub-group of), in the map's order, then the
    body it is part of (its `part_of`, or a council committee's council)."""
    found = [
        link.to for link in b.links_of[board.id] if link.from_ == board.id and link.type in REPORTING_TYPES
    ]
    if board.id in b.parents:
        found.append(b.parents[board.id])
    return list(dict.fromkeys(found))


def glance_answers(b: Base, boards: list[Board]) -> Para:
    """Who the boards answer to, each thing said once: the boards that answer to the same
    bodies together ('The A and the B answer to the C.'), then those that answer to no one
    in the map (`top`), then those the map says nothing about."""
    above: dict[tuple[str, ...], list[str]] = {}
    top: list[str] = []
    unknown: list[str] = []
    for board in boards:
        targets = answers_to(b, board)
        if targets:
            above.setdefault(tuple(targets), []).append(board.id)
        else:
            (top if board.top else unknown).append(board.id)
    said = [
        *(_answer(b, say.GLANCE_ANSWERS, ids, to=b.names(list(to))) for to, ids in above.items()),
        *((_answer(b, say.GLANCE_TOP, top),) if top else ()),
        *((_answer(b, say.GLANCE_UNKNOWN, unknown),) if unknown else ()),
    ]
    parts = tuple(part for n, sentence in enumerate(said) for part in ((" ",) if n else ()) + sentence)
    return Para(parts, prose=False)  # names, like the list above it


def _answer(b: Base, text: str, ids: list[str], to: Inlines = ()) -> Inlines:
    return b.said(text, who=b.names(ids), answers=(agree("answers", len(ids)),), to=to)


def owner_notes(b: Base) -> list[Inlines]:
    """For the map's owners, in the annex: what the guide could not tell its readers and
    how to add it to the map."""
    notes: list[Inlines] = []
    if not b.gmap.concerns:
        notes.append((say.ADD_CONCERNS,))
    if not clean(b.gmap.urgent):
        notes.append((say.ADD_URGENT,))
    if not b.gmap.themes and not b.gmap.escalations:
        notes.append((say.ADD_ROUTES,))
    silent = [x.id for x in b.boards if not x.contact]
    if silent:
        notes.append(b.said(say.ADD_CONTACTS, boards=b.names(silent)))
    unknown = [x.id for x in b.boards if not x.top and not answers_to(b, x)]
    if unknown:
        notes.append(b.said(say.ADD_ANSWERS, boards=b.names(unknown)))
    return notes


def sheet(b: Base, guide: Document, guide_file: str) -> Document:
    """The one-page summary to print ('at a glance'): where concerns go, who does what,
    what to do when boards disagree; each name linked into the full guide."""
    gmap = b.gmap
    urgent = clean(gmap.urgent) or say.URGENT_DEFAULT
    concerns: list[Block] = [
        Heading(2, (say.START,), anchor("sheet-concerns", "heading")),
        Para((Strong(sentence(urgent)), " ", say.SAFETY)),
    ]
    if gmap.concerns:
        concerns.append(Items(tuple(concern_line(b, c) for c in gmap.concerns)))
    else:
        concerns.append(Para((say.NO_CONCERNS,)))
    blocks: list[Section] = [Section("sheet-concerns", tuple(concerns))]
    if b.boards:
        # A big map's sheet keeps to its main boards, so that it still fits on one sheet.
        main = (
            b.boards
            if len(b.boards) <= SHEET_BOARDS
            else [x for x in b.boards if x.kind in ("statutory-board", "partnership")][:SHEET_BOARDS]
        )
        listed: list[Block] = [
            Heading(2, (say.SHEET_BOARDS,), anchor("sheet-boards", "heading")),
            # What each board does; who it answers to is in the full guide, to keep one sheet.
            *glance_list(b, main),
        ]
        if len(main) < len(b.boards):
            listed.append(Para((say.SHEET_MORE_BOARDS.format(count=len(b.boards) - len(main)),)))
        blocks.append(Section("sheet-boards", tuple(listed)))
    if gmap.escalations:
        blocks.append(
            Section(
                "sheet-routes",
                (
                    Heading(2, (say.DISAGREE,), anchor("sheet-routes", "heading")),
                    Items(tuple(b.route_item(r) for r in gmap.escalations)),
                ),
            )
        )
    more = (Anchor("#start", say.SHEET_MORE.format(file=guide_file)),)
    blocks.append(Section("sheet-more", (Para(more, prose=False),)))
    anchors = {a for a in anchors_in(guide.sections)} | set(guide.elsewhere)
    return Document(
        title=say.SHEET_TITLE.format(title=guide.title),
        lede=guide.lede,
        sections=blocks,
        footer=guide.footer,
        elsewhere=dict.fromkeys(anchors, guide_file),
    )


def concern_line(b: Base, concern: Concern) -> Inlines:
    """A concern in one line: the worry, what to do, whom to contact and how."""
    parts: list[Inline] = [Strong(sentence(clean(concern.concern)))]
    if concern.do and clean(concern.do):
        parts += [" ", sentence(clean(concern.do))]
    for label, value in contact_rows(b, concern):
        parts += [" ", f"{label}: ", *value, "."]
    return tuple(parts)
