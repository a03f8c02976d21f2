"""A map -> the guide as a Document (boardmap.guide.doc): what each part says, in order."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import PurePath

from boardmap import agreements, words
from boardmap.checks.engine import Finding
from boardmap.guide import start as first_screen
from boardmap.guide.diagrams import draw, view_names
from boardmap.guide.doc import (
    Anchor,
    Block,
    Code,
    Document,
    Facts,
    Figure,
    Heading,
    Inline,
    Inlines,
    Items,
    Para,
    Ref,
    Section,
    Strong,
    Table,
    clean,
)
from boardmap.guide.find import FindEntry, sorted_entries
from boardmap.guide.glossary import Glossary
from boardmap.model import (
    GOVERNANCE_KINDS,
    LINK_TYPES,
    REPORTING_TYPES,
    Board,
    Escalation,
    GovernanceMap,
    Link,
    Theme,
)
from boardmap.outputs import anchor
from boardmap.say import guide as say

# A board named inside a sentence from boardmap.words: "\x02id\x03", or "\x02=id\x03" where
# the name must not be a link (the board's own section, or a body with no section).
_MARK = re.compile("\x02(=?)([a-z][a-z0-9-]*)\x03")
# The kinds of body that get an entry among "People and outside bodies".
ENTRY_KINDS = frozenset({"role", "external"})
# The annex's order: what must be fixed first.
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Builder:
    """Builds the Document of one map; one instance per guide."""

    def __init__(
        self,
        gmap: GovernanceMap,
        *,
        with_gaps: bool,
        findings: Sequence[Finding] | None,
        drawer: Callable[[GovernanceMap, str, set[str]], Figure] = draw,
    ) -> None:
        self.gmap = gmap
        self.with_gaps = with_gaps
        self.findings = findings
        self.drawer = drawer
        self.boards = [b for b in gmap.boards if b.kind in GOVERNANCE_KINDS]
        self.entries = [b for b in gmap.boards if b.kind in ENTRY_KINDS]
        self.anchors = {f"board-{b.id}" for b in [*self.boards, *self.entries]}
        self.views = set(view_names(gmap))
        self.running = self._running_names()
        # Made once: boards and links with their text cleaned, and how sentences name boards.
        self.clean_boards = {b.id: _cleaned(b) for b in gmap.boards}
        self.clean_links = {id(link): _cleaned_link(link) for link in gmap.links}
        self.phrases = {
            b.id: words.the(b.model_copy(update={"name": self.running[b.id]})) for b in gmap.boards
        }
        self.chaired: dict[str, list[str]] = defaultdict(list)
        self.member_of: dict[str, list[str]] = defaultdict(list)
        for board in gmap.boards:
            for chair in board.chairs:
                self.chaired[chair].append(board.id)
            for member in board.members:
                self.member_of[member].append(board.id)
        self.routes_of: dict[str, list[Escalation]] = defaultdict(list)
        for route in gmap.escalations:
            for board_id in dict.fromkeys(
                [*route.between, *(i for step in route.steps for i in step.involves)]
            ):
                self.routes_of[board_id].append(route)
        self.covering: agreements.Covering | None = None  # made when a table needs it
        self.agreements_said: set[str] = set()
        self._open: list[Finding] | None = None
        self.links_of: dict[str, list[Link]] = defaultdict(list)
        for link in gmap.links:
            self.links_of[link.from_].append(link)
            if link.to != link.from_:
                self.links_of[link.to].append(link)

    # -- naming --------------------------------------------------------------------------

    def _running_names(self) -> dict[str, str]:
        """Each body's name in running text (boardmap.words.running_name), where that name
        stays unambiguous; otherwise its full name."""
        area = clean(self.gmap.area)
        proposed = {b.id: clean(words.running_name(_cleaned(b), area)) for b in self.gmap.boards}
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
        """How boardmap.words names a board in a sentence: 'the' and a mark for the name."""

        def name(board: Board) -> str:
            running = self.running[board.id]
            said = self.phrases[board.id]
            core = running[4:] if running.lower().startswith("the ") else running
            linked = f"board-{board.id}" in self.anchors and board.id != current
            return said.replace(core, f"\x02{'' if linked else '='}{board.id}\x03", 1)

        return name

    def inlines(self, text: str) -> Inlines:
        """Text with marks -> inline parts, each mark a Ref to its board."""
        parts: list[Inline] = []
        last = 0
        for match in _MARK.finditer(text):
            if match.start() > last:
                parts.append(text[last : match.start()])
            board_id = match.group(2)
            parts.append(Ref(board_id, self.running[board_id], link=not match.group(1)))
            last = match.end()
        if last < len(text):
            parts.append(text[last:])
        return tuple(parts)

    def ref(self, board_id: str, current: str | None = None) -> Inlines:
        """A body by id as a name (free text where it is not a board, like a chair's name)."""
        board = self.gmap.by_id.get(board_id)
        if board is None:
            return (clean(board_id),)
        return self.inlines(self.namer(current)(board))

    def names(self, ids: Sequence[str], current: str | None = None) -> Inlines:
        """Several bodies: 'the A, the B and the C'."""
        parts = [self.ref(i, current) for i in ids]
        joined: list[Inline] = []
        for n, part in enumerate(parts):
            if n:
                joined.append(" and " if n == len(parts) - 1 else ", ")
            joined.extend(part)
        return tuple(joined)

    def said(self, text: str, *, capital: bool = True, **names: Inlines) -> Inlines:
        """A sentence of the guide's own with names slotted in: said('{lead} leads.', lead=...)."""
        parts: list[Inline] = []
        for piece in re.split(r"(\{\w+\})", text):
            if piece.startswith("{") and piece[1:-1] in names:
                parts.extend(names[piece[1:-1]])
            elif piece:
                parts.append(piece)
        return _capitalised(tuple(parts)) if capital else tuple(parts)

    def subject(self, board: Board) -> str:
        return words.PURPOSE_SUBJECTS.get(board.kind, words.PURPOSE_SUBJECT)

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
                        steps=(_step_numbers(steps),),
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

    def link_words(self, link: Link, current: str | None) -> words.LinkWords:
        return words.link_words(
            self.clean_links[id(link)],
            self.clean_boards[link.from_],
            self.clean_boards[link.to],
            self.namer(current),
        )

    def link_item(self, link: Link, current: str | None) -> Inlines:
        words_ = self.link_words(link, current)
        sender = self.namer(current)(self.clean_boards[link.from_])
        # The details (what passes, the map's own words) once, in the sender's section.
        said = [words_.first(sender)] if current == link.to else words_.sentences(sender)
        return self.inlines(" ".join(said))

    # -- the parts -----------------------------------------------------------------------

    def document(self) -> Document:
        gmap = self.gmap
        date = words.long_date(gmap.as_of)
        doc = Document(
            title=clean(gmap.title) or say.TITLE.format(area=clean(gmap.area)),
            lede=say.LEDE.format(area=clean(gmap.area), date=date),
        )
        doc.sections.append(self.start())
        if self.boards:
            doc.sections.append(self.board_part())
        if self.entries:
            doc.sections.append(self.entry_part())
        if gmap.escalations:
            doc.sections.append(self.route_part())
        if gmap.links:
            doc.sections.append(self.table_part())
        if self.with_gaps:
            doc.sections.append(self.annex())
        glossary = Glossary.for_map(gmap)
        doc.sections = [spell_out(s, glossary) for s in doc.sections]
        doc.sections.insert(len(doc.sections) - (1 if self.with_gaps else 0), self.glossary_part(glossary))
        doc.contents = self.contents(doc.sections)  # from the headings, which keep the names
        doc.find = self.find_entries(glossary, doc)
        files = sorted({PurePath(s).name for s in gmap.sources}) or ["<map>"]
        doc.footer = [
            say.FOOTER_MADE.format(files=words.join_names([clean(f) for f in files])),
            say.FOOTER_DATE.format(date=date),
        ]
        return doc

    def find_entries(self, glossary: Glossary, doc: Document) -> list[tuple[str, str, str]]:
        """What the search box finds: every board, person and outside body, concern, shared
        priority, escalation route and abbreviation, A to Z, each with where it leads."""
        found: list[FindEntry] = []
        for board in [*self.boards, *self.entries]:
            terms = " ".join(
                filter(
                    None, [clean(board.short), self.running[board.id], words.KIND_NAMES.get(board.kind, "")]
                )
            )
            found.append(FindEntry(_label(board), f"#board-{board.id}", terms))
        for number, concern in enumerate(self.gmap.concerns, 1):
            found.append(FindEntry(clean(concern.concern), f"#concern-{number}", say.START))
        lead = {t.id: self.running.get(t.lead or "", "") for t in self.gmap.themes}
        for theme in self.gmap.themes:
            found.append(FindEntry(clean(theme.name), "#priorities", f"{say.PRIORITIES} {lead[theme.id]}"))
        for route in self.gmap.escalations:
            found.append(FindEntry(clean(route.name), f"#route-{route.id}", say.ROUTES))
        boards_by_short = {clean(b.short) for b in [*self.boards, *self.entries] if b.short}
        for short, meaning in glossary.entries(self.gmap):
            if clean(short) not in boards_by_short:  # a board's is found with the board
                found.append(FindEntry(f"{clean(short)}: {clean(meaning)}", "#glossary", clean(short)))
        return [(e.text, e.href, e.terms) for e in sorted_entries(found)]

    def figure(self, view: str) -> list[Block]:
        if view not in self.views:
            return []
        return [self.drawer(self.gmap, view, self.anchors)]

    def start(self) -> Section:
        return first_screen.start(self)

    def route_item(self, route: Escalation) -> Inlines:
        """A route in the start's list: its name, and whose concerns it settles where the
        name does not say."""
        count = (str(len(route.steps)),)
        named = all(
            words.name_in(clean(route.name), self.gmap.board(b)) is not None
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
        parts: list[Inline] = [Strong(words.sentence(clean(theme.name))), " "]
        if theme.description:
            parts += [words.sentence(clean(theme.description)), " "]
        if theme.lead and theme.lead in self.gmap.by_id:
            parts += [*self.said(say.THEME_LED, lead=self.ref(theme.lead))]
        else:
            parts.append(say.THEME_UNLED)
        if theme.supports:
            template = say.THEME_SUPPORT_ONE if len(theme.supports) == 1 else say.THEME_SUPPORT
            parts += [" ", *self.said(template, supporters=self.names(theme.supports))]
        return tuple(parts)

    def board_part(self) -> Section:
        blocks: list[Block] = [Heading(2, (say.BOARDS,), "boards-heading"), Para((say.BOARDS_INTRO,))]
        blocks += [self.board_section(b) for b in self.boards]
        return Section("boards", tuple(blocks))

    def about(self, board: Board) -> list[Block]:
        """What a board is for, in its own short paragraph."""
        purpose = clean(board.purpose)
        return [Para((words.purpose_sentence(purpose, board) if purpose else say.NO_PURPOSE,))]

    def facts(self, board: Board) -> Facts | None:
        rows: list[tuple[str, Inlines]] = [(say.KIND, (say.KIND_NAME[board.kind],))]
        chairs = self.names(board.chairs, board.id)
        if board.independent_chair and "independent" not in _plain(chairs).lower():
            chairs = (*chairs, f" ({say.INDEPENDENT})") if chairs else (say.INDEPENDENT,)
        if chairs:
            rows.append((say.CHAIR, _capitalised(chairs)))
        if board.members:
            rows.append((say.MEMBERS, _capitalised(self.names(board.members, board.id))))
        if board.meets and clean(board.meets):
            rows.append((say.MEETS, (words.sentence(words.when_phrase(clean(board.meets))),)))
        if board.basis and clean(board.basis):
            rows.append((say.BASIS, (words.sentence(clean(board.basis)),)))
        if board.contact:
            rows.append(first_screen.board_contact(board))
        return Facts(tuple(rows))

    def board_section(self, board: Board) -> Section:
        """A board's section: what it is for, its facts, then its links grouped by direction
        (above it, below it, alongside), each said once; a missing line above it as a fact."""
        blocks: list[Block] = [Heading(3, (_label(board),), anchor(f"board-{board.id}", "heading"))]
        blocks += self.about(board)
        facts = self.facts(board)
        if facts:
            blocks.append(facts)
        links = sorted(self.links_of[board.id], key=lambda link: LINK_TYPES.index(link.type))
        for way, heading in say.DIRECTIONS:
            items = [self.link_item(link, board.id) for link in links if direction(link, board.id) == way]
            if way == "up":
                items = self.missing_above(board) + items
            if items:
                blocks.append(Heading(4, (heading,)))
                blocks.append(Items(tuple(items)))
        routes = self.route_items(board)
        if routes:
            blocks += [Heading(4, (say.ROUTES_GROUP,)), Items(tuple(routes))]
        figure = self.figure(f"board-{board.id}")
        if figure:
            blocks += figure
        return Section(f"board-{board.id}", tuple(blocks), kind="board")

    def missing_above(self, board: Board) -> list[Inlines]:
        """What a board's section must not hide: nobody above it, or nobody holding it to
        account, said as facts, each linked to its finding in the annex where there is one."""
        links = self.links_of[board.id]
        said: list[Inlines] = []
        if board.top:
            said.append((say.TOP,))
        elif not any(direction(link, board.id) == "up" and link.type in REPORTING_TYPES for link in links):
            said.append(self.with_finding((say.NOBODY_OVERSEES,), "no-accountability", board.id))
        if not board.top and not any(link.type == "challenges" and link.to == board.id for link in links):
            finding = self.finding_anchor("unscrutinised", board.id)
            if finding:
                said.append((say.NOBODY_CHALLENGES, " ", Anchor(f"#{finding}", say.SEE_FINDING)))
        return said

    def with_finding(self, text: Inlines, rule: str, board_id: str) -> Inlines:
        finding = self.finding_anchor(rule, board_id)
        return (*text, " ", Anchor(f"#{finding}", say.SEE_FINDING)) if finding else text

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

    def entry_part(self) -> Section:
        """People and outside bodies: one line each, with what they do on the boards."""
        items: list[Inlines] = []
        for board in self.entries:
            line: list[Inline] = [Strong(_label(board)), ": "]
            did = [*self.roles_items(board), *self.entry_links(board)]
            line += [part for n, item in enumerate(did) for part in ((" ",) if n else ()) + item]
            if not did:
                line.append(say.NO_LINKS_PERSON if board.kind == "role" else say.NO_LINKS)
            items.append(tuple(line))
        blocks: list[Block] = [
            Heading(2, (say.OTHERS,), "others-heading"),
            Para((say.OTHERS_INTRO,)),
            Items(tuple(items), ids=tuple(f"board-{b.id}" for b in self.entries), prose=False),
        ]  # a list of names, as a table is
        return Section("others", tuple(blocks))

    def entry_links(self, board: Board) -> list[Inlines]:
        """The bodies a person or outside body is linked to (their sections say how)."""
        others = list(
            dict.fromkeys(
                link.to if link.from_ == board.id else link.from_ for link in self.links_of[board.id]
            )
        )
        routes = [r for r in self.routes_of[board.id]]
        found: list[Inlines] = []
        if others:
            found.append(self.said(say.LINKED_TO, bodies=self.names(others, board.id)))
        if routes:
            found.append(
                self.said(
                    say.IN_ROUTES,
                    routes=_joined([(Anchor(f"#route-{r.id}", clean(r.name)),) for r in routes]),
                )
            )
        return found

    def route_part(self) -> Section:
        blocks: list[Block] = [Heading(2, (say.ROUTES,), "routes-heading"), Para((say.ROUTES_TEXT,))]
        for route in self.gmap.escalations:
            part: list[Block] = [Heading(3, (clean(route.name),), anchor(f"route-{route.id}", "heading"))]
            if route.description and clean(route.description):
                part.append(Para((words.sentence(clean(route.description)),)))
            part.append(Para(self.said(say.ROUTE_BETWEEN, between=self.names(route.between))))
            steps: list[Inlines] = []
            for step in route.steps:
                item: list[Inline] = [words.sentence(clean(step.action))]
                if step.involves:
                    item += [" ", *self.said(say.STEP_INVOLVES, who=self.names(step.involves))]
                steps.append(tuple(item))
            part.append(Items(tuple(steps), ordered=True))
            part += self.figure(f"escalation-{route.id}")
            blocks.append(Section(f"route-{route.id}", tuple(part)))
        return Section("routes", tuple(blocks))

    def table_part(self) -> Section:
        order = {
            b.id: n
            for n, b in enumerate(
                [*self.boards, *(b for b in self.gmap.boards if b.kind not in GOVERNANCE_KINDS)]
            )
        }
        pairs: dict[tuple[str, str], list[Link]] = {}
        for link in self.gmap.links:
            first, second = sorted((link.from_, link.to), key=lambda i: (order[i], i))
            pairs.setdefault((first, second), []).append(link)
        by_owner: dict[str, list[tuple[str, list[Link]]]] = defaultdict(list)
        for (first, second), links in pairs.items():
            owner = first if self.gmap.board(first).kind in GOVERNANCE_KINDS else ""
            by_owner[owner].append((second if owner else first, links))
        blocks: list[Block] = [Heading(2, (say.TABLE,), "table-heading"), Para((say.TABLE_INTRO,))]
        owners = [b.id for b in self.boards if b.id in by_owner] + ([""] if "" in by_owner else [])
        for owner in owners:
            title = _label(self.gmap.board(owner)) if owner else say.TABLE_OTHER
            blocks.append(Heading(3, (title,)))
            for other, links in sorted(by_owner[owner], key=lambda p: (order[p[0]], p[0])):
                blocks.append(self.pair_table(owner, other, links))
                blocks += self.agreement_notes(links)
        return Section("table", tuple(blocks))

    def pair_table(self, owner: str, other: str, links: list[Link]) -> Table:
        first = owner or links[0].from_
        ordered = sorted(links, key=lambda link: link.from_ != first)
        rows: list[tuple[Inlines, ...]] = []
        for link in ordered:
            said = self.link_words(link, None)
            who = Ref(link.from_, self.running[link.from_], link=f"board-{link.from_}" in self.anchors)
            rows.append(((who,), self.inlines(said.row())))
        if owner:
            caption = self.said(say.TABLE_WITH, other=self.ref(other))
        else:
            caption = (*self.ref(first), " and ", *self.ref(other))
        return Table(_capitalised(caption), say.TABLE_HEAD, tuple(rows))

    def agreement_notes(self, links: list[Link]) -> list[Block]:
        """Which agreement sets out these links, and where it stands (issue 15)."""
        if not self.gmap.agreements:
            return []
        if self.covering is None:
            self.covering = agreements.Covering.of(self.gmap)
        notes: list[Block] = []
        for agreement in self.covering.of_links(links):
            again = agreement.id in self.agreements_said
            self.agreements_said.add(agreement.id)
            pair = words.join_names([self.phrases[links[0].from_], self.phrases[links[0].to]])
            notes.append(Para((clean(agreements.sets_out(self.gmap, agreement, again, between=pair)),)))
        return notes

    def glossary_part(self, glossary: Glossary) -> Section:
        entries = glossary.entries(self.gmap)
        blocks: list[Block] = [Heading(2, (say.GLOSSARY,), "glossary-heading")]
        if entries:
            blocks += [
                Heading(3, (say.ACRONYMS,)),
                Para((say.ACRONYMS_INTRO,), prose=False),
                Facts(tuple((clean(k), (clean(v),)) for k, v in entries)),
            ]
        blocks += [
            Heading(3, (say.TERMS,)),
            Facts(tuple((term, (meaning,)) for term, meaning in words.GUIDE_TERMS)),
        ]
        return Section("glossary", tuple(blocks))

    def annex(self) -> Section:
        open_ones = self.open_findings()
        blocks: list[Block] = [
            Heading(2, (say.ANNEX,), "annex-heading"),
            Para((say.ANNEX_INTRO,), prose=False),
        ]
        if not open_ones:
            blocks.append(Para((say.ANNEX_NONE,), prose=False))
        else:
            rows = tuple(
                (
                    (_severity(f),),
                    (clean(f.message),),
                    (
                        say.ANNEX_WHERE.format(file=clean(PurePath(f.file).name), line=f.line),
                        " ",
                        Code(clean(f.rule)),
                    ),
                )
                for f in open_ones
            )
            blocks.append(
                Table(
                    (say.ANNEX,),
                    say.ANNEX_HEAD,
                    rows,
                    ids=tuple(f"finding-{n}" for n in range(1, len(rows) + 1)),
                )
            )
        notes = first_screen.owner_notes(self)
        if notes:
            blocks.append(
                Section(
                    "owners",
                    (
                        Heading(3, (say.OWNERS,), "owners-heading"),
                        Para((say.OWNERS_INTRO,), prose=False),
                        Items(tuple(notes)),
                    ),
                )
            )
        return Section("annex", tuple(blocks))

    def contents(self, sections: list[Section]) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The page's table of contents: each part, and the boards under 'The boards'."""
        found: list[tuple[str, str, list[tuple[str, str]]]] = []
        for section in sections:
            heading = next((b for b in section.blocks if isinstance(b, Heading)), None)
            if heading is None or section.id is None:
                continue
            children = [
                (f"#{s.id}", _heading_text(s))
                for s in section.blocks
                if isinstance(s, Section) and s.id and section.id in ("boards", "others", "routes")
            ]
            found.append((f"#{section.id}", _plain(heading.text), children))
        return found


def direction(link: Link, board_id: str) -> str:
    """Where a link points from a board's side: 'up' (it answers to, is held to account by,
    or takes concerns to the other), 'down' (the reverse) or 'across' (it works with it)."""
    outgoing = link.from_ == board_id
    if link.type in REPORTING_TYPES or link.type == "escalates-to":
        return "up" if outgoing else "down"
    if link.type == "challenges":
        return "down" if outgoing else "up"
    return "across"


def _severity(finding: Finding) -> str:
    """'Must fix' for errors and for any finding about what the law says must happen."""
    if finding.severity == "error" or (
        finding.severity == "warning" and " must " in f" {finding.message.lower()} "
    ):
        return say.SEVERITY["error"]
    return say.SEVERITY.get(finding.severity, finding.severity)


def _joined(parts: list[Inlines]) -> Inlines:
    joined: list[Inline] = []
    for n, part in enumerate(parts):
        if n:
            joined.append(" and " if n == len(parts) - 1 else ", ")
        joined.extend(part)
    return tuple(joined)


def _label(board: Board) -> str:
    """A board's name for headings: with its acronym in brackets, unless the name has it."""
    name, short = clean(board.name), clean(board.short)
    return f"{name} ({short})" if short and short not in name.split() else name


def _step_numbers(steps: list[int]) -> str:
    """'step 2', 'steps 1 and 3', 'steps 1 to 4'."""
    if len(steps) == 1:
        return say.STEP.format(n=steps[0])
    if len(steps) > 2 and steps == list(range(steps[0], steps[-1] + 1)):
        return say.STEP_RANGE.format(first=steps[0], last=steps[-1])
    return say.STEPS.format(numbers=words.join_names([str(n) for n in steps]))


def _plain(parts: Inlines) -> str:
    return "".join(p if isinstance(p, str) else p.text for p in parts)


def _heading_text(section: Section) -> str:
    heading = next((b for b in section.blocks if isinstance(b, Heading)), None)
    return _plain(heading.text) if heading else ""


def _capitalised(parts: Inlines) -> Inlines:
    """Inline parts with the first letter of the first one in capitals ('The' board ...)."""
    if not parts or not isinstance(parts[0], str) or not parts[0]:
        return parts
    first = parts[0]
    return (first[0].upper() + first[1:], *parts[1:])


def _cleaned(board: Board) -> Board:
    """A board whose text is safe for sentences (the name keeps its place in marks)."""
    if board.name == clean(board.name) and (board.short or "") == clean(board.short):
        return board
    return board.model_copy(update={"name": clean(board.name), "short": clean(board.short) or None})


def _cleaned_link(link: Link) -> Link:
    """A link whose phrases are safe for sentences."""
    said = {
        "says": clean(link.says) or None,
        "what": clean(link.what) or None,
        "cadence": clean(link.cadence) or None,
    }
    if all(getattr(link, k) == v for k, v in said.items()):
        return link
    return link.model_copy(update=said)


def spell_out(section: Section, glossary: Glossary) -> Section:
    """Acronyms spelt out at their first use, reading the guide in order."""
    done = _spell_block(section, glossary)
    assert isinstance(done, Section)
    return done


def _spell_inlines(parts: Inlines, glossary: Glossary) -> Inlines:
    done: list[Inline] = []
    for part in parts:
        if isinstance(part, str):
            done.append(glossary.spell_out(part))
        elif isinstance(part, Ref):
            board = glossary_board(glossary, part)
            done.append(Ref(part.board, glossary.spell_out(part.text), part.link))
            if board and glossary.mention(board):
                done.append(f" ({board})")
        elif isinstance(part, Anchor):
            done.append(Anchor(part.href, glossary.spell_out(part.text)))
        elif isinstance(part, Strong):
            done.append(Strong(glossary.spell_out(part.text)))
        else:
            done.append(part)  # a phone number, an address: as written
    return tuple(done)


def glossary_board(glossary: Glossary, ref: Ref) -> str | None:
    """The acronym to put after a board's name at its first mention, if it has one."""
    short = glossary.shorts.get(ref.board)
    return short if short and short not in ref.text.split() else None


def _spell_block(block: Block, glossary: Glossary) -> Block:
    if isinstance(block, Section):
        return Section(block.id, tuple(_spell_block(b, glossary) for b in block.blocks), block.kind)
    if isinstance(block, Heading):
        glossary.note(_plain(block.text))
        return block
    if isinstance(block, Para):
        return Para(_spell_inlines(block.text, glossary), block.prose)
    if isinstance(block, Items):
        return Items(
            tuple(_spell_inlines(i, glossary) for i in block.items), block.ordered, block.ids, block.prose
        )
    if isinstance(block, Facts):
        return Facts(tuple((k, _spell_inlines(v, glossary)) for k, v in block.rows))
    if isinstance(block, Table):
        return Table(
            _spell_inlines(block.caption, glossary),
            block.head,
            tuple(tuple(_spell_inlines(c, glossary) for c in row) for row in block.rows),
            block.ids,
        )
    return dataclasses.replace(block, title=glossary.spell_out(block.title))
