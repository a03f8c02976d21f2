"""A map and two boards -> the protocol between them, as plain data (a Protocol of Sections).

The parts follow the protocols councils write by hand (the Islington protocol between its
Health and Wellbeing Board and Safeguarding Children Board, 2013): purpose; each board's role
and legal basis; what each does for the other; what each does with other bodies under the
protocol; the priorities they share; the steps for a concern they cannot resolve; the review;
and a sign-off table. The renderers (markdown, html, word) only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from boardmap import agreements
from boardmap.model import Agreement, Board, Escalation, GovernanceMap, Link
from boardmap.say import grammar, links, phrases
from boardmap.say import names as naming
from boardmap.say import protocol as say


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_heads: bool = False  # the first column names each row (a board)


@dataclass(frozen=True)
class Steps:
    items: tuple[str, ...]
    ordered: bool = True


@dataclass(frozen=True)
class Subheading:
    text: str  # a heading one level below its section's


Block = str | Table | Steps | Subheading  # a str is a paragraph


@dataclass
class Section:
    heading: str
    level: int  # 2 for a part, 3 within one (the title is level 1)
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Protocol:
    title: str
    lede: str
    sections: list[Section]
    footer: str
    # For the Word file's properties: the map's date, and the boards' names.
    as_of: str = ""
    subject: str = ""

    def text(self) -> str:
        """Every word a reader sees, in order (for readability scores and searching)."""
        parts = [self.title, self.lede]
        for section in self.sections:
            parts.append(section.heading)
            for block in section.blocks:
                if isinstance(block, str):
                    parts.append(block)
                elif isinstance(block, Subheading):
                    parts.append(block.text)
                elif isinstance(block, Steps):
                    parts.extend(block.items)
                else:
                    parts.append(block.caption)
                    parts.extend(" ".join(c for c in row if c) for row in block.rows)
        parts.append(self.footer)
        return "\n\n".join(p for p in parts if p)


class _Names:
    """Boards as the protocol names them: the guide's running names ('the Safeguarding
    Children Board' in a map of Islington) where they stay unambiguous."""

    def __init__(self, gmap: GovernanceMap) -> None:
        running = {b.id: naming.running_name(b, gmap.area) for b in gmap.boards}
        taken: dict[str, int] = {}
        for name in running.values():
            taken[name.lower()] = taken.get(name.lower(), 0) + 1
        self.boards = {
            b.id: b.model_copy(update={"name": running[b.id]}) if taken[running[b.id].lower()] == 1 else b
            for b in gmap.boards
        }

    def board(self, board_id: str) -> Board:
        return self.boards[board_id]

    def the(self, board_id: str) -> str:
        return naming.the(self.boards[board_id])

    def The(self, board_id: str) -> str:
        said = self.the(board_id)
        return said[:1].upper() + said[1:]


def find_agreement(gmap: GovernanceMap, a: str, b: str) -> Agreement | None:
    """The agreement between two boards: the first in force, not withdrawn, between both."""
    for agreement in agreements.live(gmap):
        if a in agreement.between and b in agreement.between:
            return agreement
    return None


def draft(gmap: GovernanceMap, a: str, b: str) -> Protocol:
    """The protocol between boards `a` and `b` (ids the map declares), from the map."""
    names = _Names(gmap)
    agreement = find_agreement(gmap, a, b)
    parties = list(dict.fromkeys(agreement.between)) if agreement else [a, b]
    pair = {a, b}
    if agreement is not None:
        covered = agreements.covered_links(gmap, agreement)
        routes = agreements.covered_routes(gmap, agreement)
    else:
        covered = [x for x in gmap.links if {x.from_, x.to} == pair]
        routes = [r for r in gmap.escalations if pair <= set(r.between)]
    between = [x for x in covered if {x.from_, x.to} == pair]
    others = [x for x in covered if {x.from_, x.to} != pair]
    title = agreement.name if agreement else say.TITLE.format(a=names.the(a), b=names.the(b))
    sections = [
        _purpose(names, agreement, a, b, bool(others)),
        _roles(names, parties),
        _for_each_other(names, a, b, between),
    ]
    if others:
        sections.append(_with_others(names, others))
    sections.append(_priorities(gmap, names, a, b))
    sections.append(_escalation(names, routes))
    sections.append(_review(gmap, agreement))
    sections.append(_sign_off(gmap, names, agreement, parties))
    files = sorted({s.replace("\\", "/").rsplit("/", 1)[-1] for s in gmap.sources}) or ["<map>"]
    return Protocol(
        title=grammar.sentence(title).rstrip("."),
        lede=_lede(gmap, agreement),
        sections=sections,
        footer=say.FOOTER.format(files=grammar.join(files), date=grammar.long_date(gmap.as_of)),
        as_of=gmap.as_of.isoformat(),
        subject=grammar.join([gmap.name_of(p) for p in parties]),
    )


def _lede(gmap: GovernanceMap, agreement: Agreement | None) -> str:
    if agreement is None:
        return say.LEDE_DRAFT.format(area=gmap.area)
    return say.LEDE_AGREEMENT.format(standing=agreements.standing(gmap, agreement))


def _purpose(names: _Names, agreement: Agreement | None, a: str, b: str, others: bool) -> Section:
    blocks: list[Block] = [say.PURPOSE.format(a=names.the(a), b=names.the(b))]
    if agreement is not None and agreement.description:
        blocks.append(grammar.sentence(" ".join(agreement.description.split())))
    blocks.append(say.PURPOSE_PARTS.format(others=say.PURPOSE_OTHERS if others else ""))
    if agreement is not None and agreement.url:
        blocks.append(say.PUBLISHED.format(url=agreement.url))
    return Section(say.PURPOSE_HEADING, 2, blocks)


def _roles(names: _Names, parties: list[str]) -> Section:
    section = Section(say.ROLES_HEADING, 2, [])
    for board_id in parties:
        board = names.board(board_id)
        blocks: list[Block] = []
        purpose = " ".join((board.purpose or "").split())
        blocks.append(phrases.purpose_sentence(purpose, board) if purpose else say.NO_PURPOSE)
        if board.basis:
            blocks.append(say.BASIS.format(basis=" ".join(board.basis.split()).rstrip(".")))
        section.blocks.append(Subheading(board.label))
        section.blocks.extend(blocks)
    return section


def _duty(names: _Names, link: Link) -> str:
    """What the sender does, as a sentence that starts with a verb ('Holds ... to account')."""
    bare = link.model_copy(update={"what": None, "cadence": None})
    said = links.link_words(bare, names.board(link.from_), names.board(link.to), naming.the)
    return said.cell()


def _often(link: Link) -> str:
    cadence = (link.cadence or "").strip()
    return grammar.sentence(phrases.when_phrase(cadence)) if cadence else say.NOT_SAID


def _passes(link: Link) -> str:
    what = " ".join((link.what or "").split()).rstrip(" .;")
    return grammar.sentence(what) if what else say.NOT_SAID


def _for_each_other(names: _Names, a: str, b: str, links: list[Link]) -> Section:
    section = Section(say.EACH_OTHER_HEADING, 2, [say.EACH_OTHER_INTRO])
    for sender, receiver in ((a, b), (b, a)):
        own = [x for x in links if x.from_ == sender]
        caption = say.DOES_FOR.format(a=names.the(sender), b=names.the(receiver))
        if own:
            rows = tuple((_duty(names, x), _passes(x), _often(x)) for x in own)
            section.blocks.append(Table(caption, say.DUTY_HEAD, rows))
        else:
            section.blocks.append(Subheading(caption))
            section.blocks.append(say.NOTHING_FOR.format(a=names.the(sender), b=names.the(receiver)))
    return section


def _with_others(names: _Names, links: list[Link]) -> Section:
    rows = tuple((names.board(x.from_).name, _duty(names, x), _passes(x), _often(x)) for x in links)
    return Section(
        say.OTHERS_HEADING,
        2,
        [say.OTHERS_INTRO, Table(say.OTHERS_CAPTION, say.OTHERS_HEAD, rows, row_heads=True)],
    )


def _priorities(gmap: GovernanceMap, names: _Names, a: str, b: str) -> Section:
    items: list[str] = []
    for theme in gmap.themes:
        involved = {theme.lead, *theme.supports}
        if a not in involved or b not in involved:
            continue
        text = grammar.sentence(" ".join(theme.name.split()))
        if theme.lead:
            text += " " + say.LEADS.format(lead=names.The(theme.lead))
        helpers = [s for s in theme.supports if s in names.boards]
        if helpers:
            text += " " + grammar.sentence(
                say.SUPPORTS.format(
                    who=grammar.join([names.the(s) for s in helpers]),
                    verb=grammar.agree("supports", len(helpers)),
                )
            )
        items.append(text)
    blocks: list[Block] = [Steps(tuple(items), ordered=False)] if items else [say.NO_PRIORITIES]
    return Section(say.PRIORITIES_HEADING, 2, blocks)


def _escalation(names: _Names, found: list[Escalation]) -> Section:
    section = Section(say.ESCALATION_HEADING, 2, [])
    if not found:
        section.blocks.append(say.NO_ROUTE)
        return section
    section.blocks.append(say.ESCALATION_INTRO)
    for route in found:
        if len(found) > 1:
            section.blocks.append(Subheading(grammar.sentence(route.name).rstrip(".")))
        steps: list[str] = []
        for step in route.steps:
            steps.append(grammar.sentence(" ".join(step.action.split())))
        section.blocks.append(Steps(tuple(steps)))
    return section


def _review(gmap: GovernanceMap, agreement: Agreement | None) -> Section:
    if agreement is None or agreement.review_by is None:
        text = say.NO_REVIEW
    elif agreement.review_by < gmap.as_of:
        text = say.REVIEW_PAST.format(date=grammar.long_date(agreement.review_by))
    else:
        text = say.REVIEW_BY.format(date=grammar.long_date(agreement.review_by))
    return Section(say.REVIEW_HEADING, 2, [text, say.REVIEW_CHANGES])


def _sign_off(gmap: GovernanceMap, names: _Names, agreement: Agreement | None, parties: list[str]) -> Section:
    signed = agreements.signatures(agreement) if agreement else {}
    rows: list[tuple[str, ...]] = []
    for board_id in parties:
        signature = signed.get(board_id)
        name = gmap.board(board_id).name
        if signature is None:
            rows.append((name, "", ""))
        else:
            rows.append((name, grammar.long_date(signature.on), " ".join((signature.ref or "").split())))
    intro = say.SIGN_OFF_INTRO if any(r[1] for r in rows) else say.SIGN_OFF_NONE
    return Section(
        say.SIGN_OFF_HEADING,
        2,
        [intro, Table(say.SIGN_OFF_CAPTION, say.SIGN_OFF_HEAD, tuple(rows), row_heads=True)],
    )
