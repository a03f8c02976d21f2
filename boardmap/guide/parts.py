"""The guide's parts after its first screen: a section per board, people and outside bodies,
escalation routes, the table of every relationship, the glossary and the annex."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

from boardmap import agreements
from boardmap.checks.engine import Finding
from boardmap.guide import start as first_screen
from boardmap.guide.base import (
    Base,
    capitalised,
    direction,
    heading_label,
    joined,
    plain_text,
)
from boardmap.guide.doc import (
    Anchor,
    Block,
    Code,
    Facts,
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
from boardmap.guide.glossary import Glossary
from boardmap.model import GOVERNANCE_KINDS, LINK_TYPES, REPORTING_TYPES, Board, Link
from boardmap.outputs import anchor
from boardmap.say import guide as say
from boardmap.say.grammar import agree, join, sentence
from boardmap.say.phrases import purpose_sentence, when_phrase
from boardmap.say.vocab import GUIDE_TERMS


class Parts(Base):
    """Makes each part of the guide after the first screen as a Section."""

    def board_part(self) -> Section:
        blocks: list[Block] = [Heading(2, (say.BOARDS,), "boards-heading"), Para((say.BOARDS_INTRO,))]
        unsaid = [b.id for b in self.boards if not clean(b.purpose)]
        if unsaid:  # said once here, not under each board
            blocks.append(
                Para(
                    self.said(say.NO_PURPOSES, boards=self.names(unsaid), does=(agree("does", len(unsaid)),))
                )
            )
        blocks += [self.board_section(b) for b in self.boards]
        return Section("boards", tuple(blocks))

    def about(self, board: Board) -> list[Block]:
        """What a board is for, in its own short paragraph."""
        purpose = clean(board.purpose)
        return [Para((purpose_sentence(purpose, board),))] if purpose else []

    def facts(self, board: Board) -> Facts | None:
        rows: list[tuple[str, Inlines]] = [(say.KIND, (say.KIND_NAME[board.kind],))]
        chairs = self.names(board.chairs, board.id)
        if board.independent_chair and "independent" not in plain_text(chairs).lower():
            chairs = (*chairs, f" ({say.INDEPENDENT})") if chairs else (say.INDEPENDENT,)
        if chairs:
            rows.append((say.CHAIR, capitalised(chairs)))
        if board.members:
            rows.append((say.MEMBERS, capitalised(self.names(board.members, board.id))))
        if board.meets and clean(board.meets):
            rows.append((say.MEETS, (sentence(when_phrase(clean(board.meets))),)))
        if board.basis and clean(board.basis):
            rows.append((say.BASIS, (sentence(clean(board.basis)),)))
        rows += self.missing_above(board)
        if board.contact:
            rows.append(first_screen.board_contact(board))
        return Facts(tuple(rows))

    def board_section(self, board: Board) -> Section:
        """A board's section: what it is for, its facts, then its links grouped by direction
        (above it, below it, alongside), each said once; a missing line above it as a fact."""
        blocks: list[Block] = [Heading(3, (heading_label(board),), anchor(f"board-{board.id}", "heading"))]
        blocks += self.about(board)
        facts = self.facts(board)
        if facts:
            blocks.append(facts)
        links = sorted(self.links_of[board.id], key=lambda link: LINK_TYPES.index(link.type))
        for way, heading in say.DIRECTIONS:
            items = self.link_items([link for link in links if direction(link, board.id) == way], board.id)
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

    def missing_above(self, board: Board) -> list[tuple[str, Inlines]]:
        """What a board's facts must not hide: nobody above it, or nobody holding it to
        account, each linked to its finding in the annex where there is one."""
        links = self.links_of[board.id]
        said: list[tuple[str, Inlines]] = []
        if board.top:
            said.append((say.OVERSEEN_BY, (say.NO_OTHER,)))
        elif board.id in self.parents:
            # The body it is part of oversees it (`part_of`, a council committee's council).
            if not any(direction(link, board.id) == "up" and link.type in REPORTING_TYPES for link in links):
                said.append((say.OVERSEEN_BY, capitalised(self.ref(self.parents[board.id], board.id))))
        elif not any(direction(link, board.id) == "up" and link.type in REPORTING_TYPES for link in links):
            said.append((say.OVERSEEN_BY, self.with_finding((say.NOBODY,), "no-accountability", board.id)))
        if not board.top and not any(link.type == "challenges" and link.to == board.id for link in links):
            finding = self.finding_anchor("unscrutinised", board.id)
            if finding:
                said.append(
                    (say.HELD_TO_ACCOUNT_BY, self.with_finding((say.NOBODY,), "unscrutinised", board.id))
                )
        return said

    def entry_part(self) -> Section:
        """People and outside bodies: one line each, with what they do on the boards."""
        items: list[Inlines] = []
        for board in self.entries:
            line: list[Inline] = [Strong(heading_label(board)), ": "]
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
                    routes=joined([(Anchor(f"#route-{r.id}", clean(r.name)),) for r in routes]),
                )
            )
        return found

    def route_part(self) -> Section:
        blocks: list[Block] = [Heading(2, (say.ROUTES,), "routes-heading"), Para((say.ROUTES_TEXT,))]
        for route in self.gmap.escalations:
            part: list[Block] = [Heading(3, (clean(route.name),), anchor(f"route-{route.id}", "heading"))]
            if route.description and clean(route.description):
                part.append(Para((sentence(clean(route.description)),)))
            part.append(Para(self.said(say.ROUTE_BETWEEN, between=self.names(route.between))))
            steps: list[Inlines] = []
            for step in route.steps:
                item: list[Inline] = [sentence(clean(step.action))]
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
            title = heading_label(self.gmap.board(owner)) if owner else say.TABLE_OTHER
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
            # Between two people or outside bodies: the first link's two ends, in its order.
            caption = (*self.ref(first), " and ", *self.ref(links[0].to))
        return Table(capitalised(caption), say.TABLE_HEAD, tuple(rows))

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
            pair = join([self.phrases[links[0].from_], self.phrases[links[0].to]])
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
            Facts(tuple((term, (meaning,)) for term, meaning in GUIDE_TERMS)),
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


def _severity(finding: Finding) -> str:
    """'Must fix' for errors and for any finding about what the law says must happen."""
    if finding.severity == "error" or (
        finding.severity == "warning" and " must " in f" {finding.message.lower()} "
    ):
        return say.SEVERITY["error"]
    return say.SEVERITY.get(finding.severity, finding.severity)
