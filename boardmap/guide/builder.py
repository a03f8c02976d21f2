"""A map -> the guide as a Document (boardmap.guide.doc): what each part says, in order.

The parts are made by boardmap.guide.parts (after the first screen, which is
boardmap.guide.start), on the shared state of boardmap.guide.base."""

from __future__ import annotations

from pathlib import PurePath

from boardmap.guide import start as first_screen
from boardmap.guide.base import heading_label, plain_text
from boardmap.guide.doc import Document, Heading, Section, clean
from boardmap.guide.find import FindEntry, sorted_entries
from boardmap.guide.glossary import Glossary
from boardmap.guide.parts import Parts
from boardmap.guide.spelling import spell_out
from boardmap.say import guide as say
from boardmap.say.grammar import join, long_date
from boardmap.say.vocab import KIND_NAMES

__all__ = ["Builder", "spell_out"]


class Builder(Parts):
    """Builds the Document of one map; one instance per guide."""

    def document(self) -> Document:
        gmap = self.gmap
        date = long_date(gmap.as_of)
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
        doc.find_hint = say.find_hint(self.find_examples())
        files = sorted({PurePath(s).name for s in gmap.sources}) or ["<map>"]
        doc.footer = [
            say.FOOTER_MADE.format(files=join([clean(f) for f in files])),
            say.FOOTER_DATE.format(date=date),
        ]
        return doc

    def find_entries(self, glossary: Glossary, doc: Document) -> list[tuple[str, str, str]]:
        """What the search box finds: every board, person and outside body, concern, shared
        priority, escalation route and abbreviation, A to Z, each with where it leads."""
        found: list[FindEntry] = []
        for board in [*self.boards, *self.entries]:
            terms = " ".join(
                filter(None, [clean(board.short), self.running[board.id], KIND_NAMES.get(board.kind, "")])
            )
            found.append(FindEntry(heading_label(board), f"#board-{board.id}", terms))
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

    def find_examples(self) -> list[str]:
        """What the hint under the search box offers to look for: the first short form among
        the boards, and 'safeguarding' where a board's name has it (both found by the search)."""
        bodies = [*self.boards, *self.entries]
        shorts = [clean(b.short) for b in bodies if b.short and clean(b.short)]
        topic = [say.FIND_TOPIC] if any(say.FIND_TOPIC in b.name.casefold() for b in bodies) else []
        return shorts[:1] + topic

    def start(self) -> Section:
        return first_screen.start(self)

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
            found.append((f"#{section.id}", plain_text(heading.text), children))
        return found


def _heading_text(section: Section) -> str:
    heading = next((b for b in section.blocks if isinstance(b, Heading)), None)
    return plain_text(heading.text) if heading else ""
