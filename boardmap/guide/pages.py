"""A big map's guide in several pages: an index page (guide.html: where concerns go, the
boards that belong to no one area, people and routes, glossary, annex) and a page for each
area's boards, each page carrying the same search over all of them.

A map of more than MAX_ONE_PAGE bodies, or of several areas and more than MAX_AREAS_ONE_PAGE
bodies, is split; a smaller one stays one page, which is easier to read and to print.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from boardmap.guide.doc import Anchor, Block, Document, Heading, Items, Para, Section, anchors_in
from boardmap.guideplan import MAX_AREAS_ONE_PAGE as MAX_AREAS_ONE_PAGE
from boardmap.guideplan import MAX_ONE_PAGE as MAX_ONE_PAGE
from boardmap.guideplan import area_files as area_files
from boardmap.guideplan import map_areas as map_areas
from boardmap.outputs import anchor
from boardmap.say import guide as say

if TYPE_CHECKING:
    from boardmap.guide.builder import Builder

INDEX = "guide.html"


def split(b: Builder, doc: Document, files: dict[str, str]) -> dict[str, Document]:
    """The index page's document and each area page's, by file name. A board belongs to an
    area's page where it names exactly that one area; the rest stay on the index."""
    from boardmap.say.names import area_name

    home = {
        board.id: files[board.areas[0]]
        for board in b.boards
        if len(board.areas) == 1 and board.areas[0] in files
    }
    pages: dict[str, list[Section]] = {file: [] for file in files.values()}
    index: list[Section] = []
    for section in doc.sections:
        if section.id == "table":
            continue  # every link is said in the boards' own sections
        if section.id != "boards":
            index.append(section)
            continue
        kept: list[Block] = []
        for block in section.blocks:
            if isinstance(block, Section) and block.id and block.id[len("board-") :] in home:
                pages[home[block.id[len("board-") :]]].append(block)
            else:
                kept.append(block)
        listed = tuple(
            (_page_link(files[area], area_name(area, b.gmap.glossary, b.gmap.area)),) for area in files
        )
        index.append(Section("boards", (*kept, Para((say.AREA_PAGES,)), Items(listed))))
    names = {file: area_name(area, b.gmap.glossary, b.gmap.area) for area, file in files.items()}
    documents = {INDEX: dataclasses.replace(doc, sections=index)}
    for file, boards in pages.items():
        heading = Heading(2, (say.AREA_HEADING.format(area=names[file]),), anchor("boards", "heading"))
        documents[file] = dataclasses.replace(
            doc,
            title=say.AREA_TITLE.format(area=names[file], title=doc.title),
            sections=[Section("boards", (heading, *boards))],
        )
    # Each page: its own contents, the list of all pages, and where every other anchor is.
    where = {a: file for file, d in documents.items() for a in anchors_in(d.sections)}
    mine: dict[str, list[str]] = {}
    for a, f in where.items():
        mine.setdefault(f, []).append(a)
    pages_list = [(INDEX, say.INDEX_PAGE), *((f, names[f]) for f in pages)]
    for file, document in documents.items():
        document.contents = b.contents(document.sections)
        # Every anchor but the page's own, in the same order: copied whole and the page's
        # taken out, not filtered one by one (150 pages of 20,000 anchors at 10,000 boards).
        document.elsewhere = dict(where)
        for a in mine.get(file, ()):
            del document.elsewhere[a]
        document.pages = [(f, text) for f, text in pages_list]
        document.current = file
    return documents


def _page_link(file: str, text: str) -> Anchor:
    return Anchor(file, text)
