"""What every part of the guide shares: the map's bodies, how sentences name them, the
diagrams and the open findings (one Base per guide; boardmap.guide.builder builds on it)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from boardmap import agreements
from boardmap.checks.engine import Finding
from boardmap.checks.overseen import parents_of
from boardmap.graph import index
from boardmap.guide.diagrams import draw, view_names
from boardmap.guide.doc import (
    Anchor,
    Block,
    Figure,
    Inline,
    Inlines,
    Ref,
    Strong,
    clean,
)
from boardmap.model import (
    GOVERNANCE_KINDS,
    REPORTING_TYPES,
    Board,
    Escalation,
    GovernanceMap,
    Link,
    Theme,
)
from boardmap.say import guide as say
from boardmap.say.grammar import agree, join, sentence
from boardmap.say.links import LinkWords, TypeWordsKey, link_words
from boardmap.say.names import name_in, running_name, the_name
from boardmap.say.vocab import PURPOSE_SUBJECT, PURPOSE_SUBJECTS

# A board named inside a sentence from boardmap.say: "\x02id\x03", or "\x02=id\x03" where
# the name must not be a link (the board's own section, or a body with no section).
_MARK = re.compile("\x02(=?)([a-z][a-z0-9-]*)\x03")
# Where say.guide's sentences take names: '{lead} leads.' (Base.said).
_SLOTS = re.compile(r"(\{\w+\})")
# The kinds of body that get an entry among "People and outside bodies".
ENTRY_KINDS = frozenset({"role", "external"})
# The annex's order: what must be fixed first.
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Base:
    """The state of one guide being built, and the ways its parts name bodies and links."""

    def __init__(
        self,
        gmap: GovernanceMap,
        *,
        with_gaps: bool,
        findings: Sequence[Finding] | None,
        drawer: Callable[[GovernanceMap, str, frozenset[str]], Figure] = draw,
    ) -> None:
        self.gmap = gmap
        self.with_gaps = with_gaps
        self.findings = findings
        self.drawer = drawer
        self.boards = [b for b in gmap.boards if b.kind in GOVERNANCE_KINDS]
        self.entries = [b for b in gmap.boards if b.kind in ENTRY_KINDS]
        # Frozen: each figure keeps the anchors its drawing may link to, and frozenset() of a
        # frozenset is that same set, where a copy for each figure grew as boards times
        # figures (4 GB of a 10,000-board build's guide).
        self.anchors = frozenset(f"board-{b.id}" for b in [*self.boards, *self.entries])
        self.views = set(view_names(gmap))
        self.running = self._running_names()
        # Made once: boards and links with their text cleaned, and how sentences name boards.
        self.clean_boards = {b.id: cleaned(b) for b in gmap.boards}
        self.clean_links = {id(link): cleaned_link(link) for link in gmap.links}
        self.phrases = {b.id: the_name(self.running[b.id], b.kind) for b in gmap.boards}
        # Each board's phrase with its mark, linked or not (namer): asked for 30,000 times.
        self.marked: dict[tuple[str, bool], str] = {}
        self.refs: dict[tuple[str, str], Ref] = {}  # the same for inlines (frozen: shared)
        self.named: dict[tuple[str, bool], Inlines] = {}  # and for ref
        self.words: dict[TypeWordsKey, LinkWords] = {}  # links said alike (link_words's kept)
        # Who chairs and sits on what, and each board's links: from the map's one index.
        found = index(gmap)
        self.chaired: dict[str, list[str]] = defaultdict(list, found.chaired)
        self.member_of: dict[str, list[str]] = defaultdict(list, found.member_of)
        self.routes_of: dict[str, list[Escalation]] = defaultdict(list)
        for route in gmap.escalations:
            for board_id in dict.fromkeys(
                [*route.between, *(i for step in route.steps for i in step.involves)]
            ):
                self.routes_of[board_id].append(route)
        self.covering: agreements.Covering | None = None  # made when a table needs it
        self.agreements_said: set[str] = set()
        self._open: list[Finding] | None = None
        self.links_of: dict[str, list[Link]] = defaultdict(
            list, {board_id: found.links_of(board_id) for board_id in found.touching}
        )
        # The body each board is part of, as the checks read it (`part_of`, or a council
        # committee's one council): it oversees the board.
        self.parents: dict[str, str] = parents_of(gmap)

    def _running_names(self) -> dict[str, str]:
        """Each body's name in running text (boardmap.say.names.running_name), where that name
        stays unambiguous; otherwise its full name."""
        area = clean(self.gmap.area)
        proposed = {b.id: clean(running_name(cleaned(b), area)) for b in self.gmap.boards}
        taken: dict[str, int] = defaultdict(int)
        for board in self.gmap.boards:
            taken[proposed[board.id].lower()] += 1
            if proposed[board.id] != clean(board.name):
                taken[clean(board.name).lower()] += 1
        return {
            b.id: name if taken[name.lower()] == 1 else clean(b.name)
            for b, name in ((b, proposed[b.id]) for b in self.gmap.boards)
        }

    def namer(self, current: str | None = None) -> Callable[[Board], str]:
        """How boardmap.say names a board in a sentence: 'the' and a mark for the name."""

        def name(board: Board) -> str:
            linked = board.id != current and f"board-{board.id}" in self.anchors
            said = self.marked.get((board.id, linked))
            if said is None:
                running = self.running[board.id]
                core = running[4:] if running.lower().startswith("the ") else running
                mark = f"\x02{'' if linked else '='}{board.id}\x03"
                said = self.marked[board.id, linked] = self.phrases[board.id].replace(core, mark, 1)
            return said

        return name

    def inlines(self, text: str) -> Inlines:
        """Text with marks -> inline parts, each mark a Ref to its board."""
        if "\x02" not in text:
            return (text,) if text else ()
        # split gives the text before the first mark, then each mark's two groups and the
        # text after it.
        pieces = _MARK.split(text)
        parts: list[Inline] = [pieces[0]] if pieces[0] else []
        for at in range(1, len(pieces), 3):
            unlinked, board_id, after = pieces[at : at + 3]
            ref = self.refs.get((board_id, unlinked))
            if ref is None:
                ref = self.refs[board_id, unlinked] = Ref(board_id, self.running[board_id], link=not unlinked)
            parts.append(ref)
            if after:
                parts.append(after)
        return tuple(parts)

    def ref(self, board_id: str, current: str | None = None) -> Inlines:
        """A body by id as a name (free text where it is not a board, like a chair's name)."""
        board = self.gmap.by_id.get(board_id)
        if board is None:
            return (clean(board_id),)
        linked = board_id != current and f"board-{board_id}" in self.anchors  # as namer's
        said = self.named.get((board_id, linked))
        if said is None:
            said = self.named[board_id, linked] = self.inlines(self.namer(current)(board))
        return said

    def names(self, ids: Sequence[str], current: str | None = None) -> Inlines:
        """Several bodies: 'the A, the B and the C'."""
        return joined([self.ref(i, current) for i in ids])

    def said(self, text: str, *, capital: bool = True, **names: Inlines) -> Inlines:
        """A sentence of the guide's own with names slotted in: said('{lead} leads.', lead=...)."""
        parts: list[Inline] = []
        for piece in _SLOTS.split(text):
            if piece.startswith("{") and piece[1:-1] in names:
                parts.extend(names[piece[1:-1]])
            elif piece:
                parts.append(piece)
        return capitalised(tuple(parts)) if capital else tuple(parts)

    def subject(self, board: Board) -> str:
        return PURPOSE_SUBJECTS.get(board.kind, PURPOSE_SUBJECT)

    def route_items(self, board: Board) -> list[Inlines]:
        """The escalation routes a body takes part in, and at which steps."""
        items: list[Inlines] = []
        for route in self.routes_of[board.id]:
            steps = [n for n, step in enumerate(route.steps, 1) if board.id in step.involves]
            link = (Anchor(f"#route-{route.id}", clean(route.name)),)
            if steps:
                items.append(
                    self.said(
                        say.IN_STEPS,
                        who=(self.subject(board).lower(),),
                        steps=(step_numbers(steps),),
                        route=link,
                    )
                )
            else:
                items.append(self.said(say.IN_ROUTE, route=link, between=self.names(route.between, board.id)))
        return items

    def roles_items(self, board: Board) -> list[Inlines]:
        """What a person or outside body does on the boards: the boards it chairs or sits on."""
        items: list[Inlines] = []
        chaired, member = self.chaired[board.id], self.member_of[board.id]
        who = (self.subject(board),)
        if chaired:
            items.append(self.said(say.CHAIRS_OF, who=who, boards=self.names(chaired, board.id)))
        if member:
            items.append(self.said(say.MEMBER_OF, who=who, boards=self.names(member, board.id)))
        return items

    def link_words(self, link: Link, current: str | None) -> LinkWords:
        return link_words(
            self.clean_links[id(link)],
            self.clean_boards[link.from_],
            self.clean_boards[link.to],
            self.namer(current),
            kept=self.words,
        )

    def link_items(self, links: list[Link], current: str) -> list[Inlines]:
        """Each link as an item, in order; the links by which the board does the same thing
        for several bodies (the same type, what passes and how often, and no words of their
        own) said once, naming them all: 'It keeps the A, the B and the C informed.'"""
        groups: dict[object, list[Link]] = {}
        for link in links:
            alike = link.from_ == current and link.to != current and not link.says
            key = (link.type, link.what, link.cadence) if alike else id(link)
            groups.setdefault(key, []).append(link)
        return [self.link_item(group[0], current, also=group[1:]) for group in groups.values()]

    def link_item(self, link: Link, current: str | None, also: Sequence[Link] = ()) -> Inlines:
        words_ = self.link_words(link, current)
        if also:  # the same link to several bodies: the receiver is all of them
            namer = self.namer(current)
            everyone = [namer(self.clean_boards[x.to]) for x in (link, *also)]

            def name(board: Board) -> str:
                return join(everyone) if board.id == link.to else namer(board)

            boards = self.clean_boards
            clean_link = self.clean_links[id(link)]
            words_ = link_words(clean_link, boards[link.from_], boards[link.to], name, kept=self.words)
        sender = self.namer(current)(self.clean_boards[link.from_])
        # The details (what passes, the map's own words) once, in the sender's section.
        said = [words_.first(sender)] if current == link.to else words_.sentences(sender)
        return self.inlines(" ".join(said))

    def figure(self, view: str) -> list[Block]:
        if view not in self.views:
            return []
        return [self.drawer(self.gmap, view, self.anchors)]

    def route_item(self, route: Escalation) -> Inlines:
        """A route in the start's list: its name, and whose concerns it settles where the
        name does not say."""
        count = (str(len(route.steps)),)
        named = all(
            name_in(clean(route.name), self.gmap.board(b)) is not None
            for b in route.between
            if b in self.gmap.by_id
        )
        if named:
            text = say.ROUTE_STEPS if len(route.steps) > 1 else say.ROUTE_STEPS_ONE
            said = self.said(text, count=count, capital=False)
        else:
            text = say.ROUTE_ITEM if len(route.steps) > 1 else say.ROUTE_ITEM_ONE
            said = self.said(text, between=self.names(route.between), count=count, capital=False)
        return (Anchor(f"#route-{route.id}", clean(route.name)), ": ", *said)

    def theme_item(self, theme: Theme) -> Inlines:
        parts: list[Inline] = [Strong(sentence(clean(theme.name))), " "]
        if theme.description:
            parts += [sentence(clean(theme.description)), " "]
        if theme.lead and theme.lead in self.gmap.by_id:
            parts += [*self.said(say.THEME_LED, lead=self.ref(theme.lead))]
        else:
            parts.append(say.THEME_UNLED)
        if theme.supports:
            works = (agree("works", len(theme.supports)),)
            parts += [" ", *self.said(say.THEME_SUPPORT, supporters=self.names(theme.supports), works=works)]
        return tuple(parts)

    def with_finding(self, text: Inlines, rule: str, board_id: str) -> Inlines:
        finding = self.finding_anchor(rule, board_id)
        return (*text, " (", Anchor(f"#{finding}", say.SEE_FINDING), ")") if finding else text

    def open_findings(self) -> list[Finding]:
        """The open findings the annex lists, worst first (only with the annex)."""
        if not self.with_gaps:
            return []
        if self._open is None:
            findings = self.findings
            if findings is None:
                from boardmap.checks.engine import run_checks

                findings = run_checks(self.gmap)
            # The worst first, then in the map's order: what must be fixed comes before notes.
            self._open = sorted(
                (f for f in findings if f.accepted is None),
                key=lambda f: (_SEVERITY_ORDER.get(f.severity, len(_SEVERITY_ORDER)), f.file, f.line),
            )
        return self._open

    def finding_anchor(self, rule: str, board_id: str) -> str | None:
        for n, finding in enumerate(self.open_findings(), 1):
            if finding.rule == rule and board_id in finding.boards:
                return f"finding-{n}"
        return None


def direction(link: Link, board_id: str) -> str:
    """Where a link points from a board's side: 'up' (it answers to, is held to account by,
    or takes concerns to the other), 'down' (the reverse) or 'across' (it works with it)."""
    outgoing = link.from_ == board_id
    if link.type in REPORTING_TYPES or link.type == "escalates-to":
        return "up" if outgoing else "down"
    if link.type == "challenges":
        return "down" if outgoing else "up"
    return "across"


def joined(parts: list[Inlines]) -> Inlines:
    """Inline runs joined as a list is said: 'A', 'A and B', 'A, B and C'."""
    joined: list[Inline] = []
    for n, part in enumerate(parts):
        if n:
            joined.append(" and " if n == len(parts) - 1 else ", ")
        joined.extend(part)
    return tuple(joined)


def heading_label(board: Board) -> str:
    """A board's name for headings: with its acronym in brackets, unless the name has it."""
    name, short = clean(board.name), clean(board.short)
    return f"{name} ({short})" if short and short not in name.split() else name


def step_numbers(steps: list[int]) -> str:
    """'step 2', 'steps 1 and 3', 'steps 1 to 4'."""
    if len(steps) == 1:
        return say.STEP.format(n=steps[0])
    if len(steps) > 2 and steps == list(range(steps[0], steps[-1] + 1)):
        return say.STEP_RANGE.format(first=steps[0], last=steps[-1])
    return say.STEPS.format(numbers=join([str(n) for n in steps]))


def plain_text(parts: Inlines) -> str:
    return "".join(p if isinstance(p, str) else p.text for p in parts)


def capitalised(parts: Inlines) -> Inlines:
    """Inline parts with the first letter of the first one in capitals ('The' board ...)."""
    if not parts or not isinstance(parts[0], str) or not parts[0]:
        return parts
    first = parts[0]
    return (first[0].upper() + first[1:], *parts[1:])


def cleaned(board: Board) -> Board:
    """A board whose text is safe for sentences (the name keeps its place in marks)."""
    if board.name == clean(board.name) and (board.short or "") == clean(board.short):
        return board
    return board.model_copy(update={"name": clean(board.name), "short": clean(board.short) or None})


def cleaned_link(link: Link) -> Link:
    """A link whose phrases are safe for sentences."""
    said = {
        "says": clean(link.says) or None,
        "what": clean(link.what) or None,
        "cadence": clean(link.cadence) or None,
    }
    if all(getattr(link, k) == v for k, v in said.items()):
        return link
    return link.model_copy(update=said)
