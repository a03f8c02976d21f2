"""The guide (or any boardmap.guide.doc Document, such as the gap report) as a Word
document: real headings, lists, tables, and each diagram as a PNG picture with its alt
text, drawn in-process (boardmap.render.raster) so that no system package is needed.

Built from the same Document as the HTML page and the Markdown, so all three say the same
thing in the same order; the bytes are the same for the same map (fixed document dates,
fixed dates inside the zip).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from boardmap.guide import docx_links as links
from boardmap.guide.doc import (
    Anchor,
    Block,
    Code,
    Contact,
    Document,
    Facts,
    Figure,
    Heading,
    Inlines,
    Items,
    Para,
    Ref,
    Section,
    Strong,
    Table,
    inline_text,
)
from boardmap.say import guide as say

# The widest a picture may be on an A4 page with Word's default margins, in inches.
MAX_WIDTH_INCHES = 6.2
MAX_HEIGHT_INCHES = 8.5
_FIXED = dt.datetime(2000, 1, 1)
# Contacts that leave the document: linked in Word. A page beside the guide is named only.
_LEAVES = ("mailto:", "tel:", "https://", "http://")


def render(doc: Document, *, picture: Any = None) -> bytes:
    """The document as .docx bytes. `picture(figure)` gives a figure's PNG (default: its
    SVG rasterised by resvg)."""
    from docx import Document as Word

    word = Word()
    _properties(word, doc.title)
    links.add_style(word)
    writer = _Writer(word, picture or _png, links.bookmark_names(_anchors(doc.sections)))
    word.add_heading(doc.title, 0)
    if doc.lede:
        word.add_paragraph(doc.lede)
    if doc.contents:
        word.add_paragraph(say.CONTENTS, style="Heading 1")
        for href, text, children in doc.contents:
            writer.runs(word.add_paragraph(style="List Bullet"), (Anchor(href, text),))
            for child_href, child in children:
                writer.runs(word.add_paragraph(style="List Bullet 2"), (Anchor(child_href, child),))
    for section in doc.sections:
        writer.block(section)
    for line in doc.footer:
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    from boardmap.workbook_out import fixed_zip

    return fixed_zip(buffer.getvalue())


def _properties(word: Any, title: str) -> None:
    props = word.core_properties
    props.title = title
    props.author = "boardmap"
    props.last_modified_by = "boardmap"
    props.comments = ""
    props.created = props.modified = _FIXED
    props.revision = 1


def _anchors(blocks: Iterable[Block]) -> Iterator[str]:
    """Every anchor of the document, in reading order (where each bookmark stands)."""
    for block in blocks:
        if isinstance(block, Section):
            if block.id:
                yield block.id
            yield from _anchors(block.blocks)
        elif isinstance(block, Heading) and block.id:
            yield block.id
        elif isinstance(block, Items | Table):
            yield from (i for i in block.ids if i)


def _clean(text: str) -> str:
    """Text Word can hold: XML 1.0 forbids most control characters."""
    return "".join(c for c in text if c in "\t\n" or (c >= " " and c not in "\ufffe\uffff"))


class _Writer:
    """Adds blocks to the Word document: a bookmark at the first paragraph of each part
    that has an anchor, and a hyperlink for each mention of a part that has one."""

    def __init__(self, word: Any, draw: Any, names: dict[str, str]) -> None:
        self.word = word
        self.draw = draw
        self.names = names  # anchor -> bookmark name
        self.pending: list[str] = []  # anchors whose bookmark goes on the next paragraph
        self.count = 0

    def mark(self, paragraph: Any, anchors: Iterable[str | None] = ()) -> Any:
        for anchor in [*self.pending, *anchors]:
            if anchor and anchor in self.names:
                self.count += 1
                links.bookmark(paragraph, self.names[anchor], self.count)
        self.pending = []
        return paragraph

    def paragraph(self, style: str | None = None, anchor: str | None = None) -> Any:
        return self.mark(self.word.add_paragraph(style=style), (anchor,))

    def runs(self, paragraph: Any, parts: Inlines) -> None:
        for part in parts:
            if isinstance(part, str):
                paragraph.add_run(_clean(part))
            elif isinstance(part, Strong):
                paragraph.add_run(_clean(part.text)).bold = True
            elif isinstance(part, Code):
                paragraph.add_run(_clean(part.text)).font.name = "Consolas"
            elif isinstance(part, Contact) and part.href.startswith(_LEAVES):
                links.external_link(paragraph, _clean(part.href), _clean(part.text))
            elif isinstance(part, Contact):  # a page beside the guide (glance.html): its name
                paragraph.add_run(_clean(part.text))
            else:
                target = self._target(part)
                if target is None:
                    paragraph.add_run(_clean(part.text))
                else:
                    links.internal_link(paragraph, target, _clean(part.text))

    def _target(self, part: Ref | Anchor) -> str | None:
        """The bookmark a mention links to, where the document has one."""
        if isinstance(part, Ref):
            return self.names.get(f"board-{part.board}") if part.link else None
        return self.names.get(part.href[1:]) if part.href.startswith("#") else None

    def block(self, block: Block) -> None:
        if isinstance(block, Section):
            if block.id:
                self.pending.append(block.id)
            for child in block.blocks:
                self.block(child)
        elif isinstance(block, Heading):
            heading = self.mark(self.word.add_heading("", min(max(block.level - 1, 1), 9)), (block.id,))
            self.runs(heading, block.text)
        elif isinstance(block, Para):
            self.runs(self.paragraph(), block.text)
        elif isinstance(block, Items):
            style = "List Number" if block.ordered else "List Bullet"
            for index, item in enumerate(block.items):
                anchor = block.ids[index] if index < len(block.ids) else None
                self.runs(self.paragraph(style, anchor), item)
        elif isinstance(block, Facts):
            for label, value in block.rows:
                paragraph = self.paragraph()
                paragraph.add_run(_clean(f"{label}: ")).bold = True
                self.runs(paragraph, value)
        elif isinstance(block, Table):
            _table(self, block)
        elif isinstance(block, Figure):
            _figure(self, block)


def _table(writer: _Writer, block: Table) -> None:
    word = writer.word
    caption = writer.paragraph("Caption")
    writer.runs(caption, block.caption)
    table = word.add_table(rows=1, cols=len(block.head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_clean(text)).bold = True
    _repeat_header(table.rows[0])
    for index, row in enumerate(block.rows):
        cells = table.add_row().cells
        anchor = block.ids[index] if index < len(block.ids) else None
        writer.mark(cells[0].paragraphs[0], (anchor,))
        for cell, parts in zip(cells, row, strict=False):
            writer.runs(cell.paragraphs[0], parts)


def _repeat_header(row: Any) -> None:
    """The heading row repeats at the top of each page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _png(figure: Figure) -> bytes | None:
    from boardmap.errors import BoardmapError
    from boardmap.render import raster

    if figure.svg is None or not raster.available():
        return None
    try:
        return raster.svg_to_png(figure.svg.encode("utf-8"), what=f"the diagram '{figure.title}'")
    except BoardmapError:
        return None


def _figure(writer: _Writer, figure: Figure) -> None:
    from docx.shared import Inches

    word = writer.word
    data = writer.draw(figure)
    if data is None:
        reason = figure.missing or "it could not be drawn as a picture"
        writer.paragraph().add_run(say.DIAGRAM_MISSING.format(reason=reason.rstrip(".")))
        return
    width, height = _size(data)
    scale = min(MAX_WIDTH_INCHES / (width / 96), MAX_HEIGHT_INCHES / (height / 96), 1.0)
    shape = (
        writer.paragraph()
        .add_run()
        .add_picture(io.BytesIO(data), width=Inches(width / 96 * scale), height=Inches(height / 96 * scale))
    )
    alt = figure.description or figure.title
    properties = shape._inline.docPr
    properties.set("descr", _clean(alt))
    properties.set("title", _clean(figure.title))
    word.add_paragraph(_clean(figure.title), style="Caption")


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def text_of(parts: Inlines) -> str:
    return inline_text(parts)
