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
from typing import Any

from boardmap.guide.doc import (
    Anchor,
    Block,
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


def render(doc: Document, *, picture: Any = None) -> bytes:
    """The document as .docx bytes. `picture(figure)` gives a figure's PNG (default: its
    SVG rasterised by resvg)."""
    from docx import Document as Word

    word = Word()
    _properties(word, doc.title)
    word.add_heading(doc.title, 0)
    if doc.lede:
        word.add_paragraph(doc.lede)
    if doc.contents:
        word.add_paragraph(say.CONTENTS, style="Heading 1")
        for _, text, children in doc.contents:
            word.add_paragraph(text, style="List Bullet")
            for _, child in children:
                word.add_paragraph(child, style="List Bullet 2")
    draw = picture or _png
    for section in doc.sections:
        _block(word, section, draw)
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


def _runs(paragraph: Any, parts: Inlines) -> None:
    for part in parts:
        if isinstance(part, str):
            paragraph.add_run(_clean(part))
        elif isinstance(part, Strong):
            paragraph.add_run(_clean(part.text)).bold = True
        elif isinstance(part, Ref | Anchor):
            paragraph.add_run(_clean(part.text))


def _clean(text: str) -> str:
    """Text Word can hold: XML 1.0 forbids most control characters."""
    return "".join(c for c in text if c in "\t\n" or (c >= " " and c not in "\ufffe\uffff"))


def _block(word: Any, block: Block, draw: Any) -> None:
    if isinstance(block, Section):
        for child in block.blocks:
            _block(word, child, draw)
    elif isinstance(block, Heading):
        heading = word.add_heading("", min(max(block.level - 1, 1), 9))
        _runs(heading, block.text)
    elif isinstance(block, Para):
        _runs(word.add_paragraph(), block.text)
    elif isinstance(block, Items):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            _runs(word.add_paragraph(style=style), item)
    elif isinstance(block, Facts):
        for label, value in block.rows:
            paragraph = word.add_paragraph()
            paragraph.add_run(_clean(f"{label}: ")).bold = True
            _runs(paragraph, value)
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Figure):
        _figure(word, block, draw)


def _table(word: Any, block: Table) -> None:
    caption = word.add_paragraph(style="Caption")
    _runs(caption, block.caption)
    table = word.add_table(rows=1, cols=len(block.head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_clean(text)).bold = True
    _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, parts in zip(cells, row, strict=False):
            _runs(cell.paragraphs[0], parts)


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


def _figure(word: Any, figure: Figure, draw: Any) -> None:
    from docx.shared import Inches

    data = draw(figure)
    if data is None:
        reason = figure.missing or "it could not be drawn as a picture"
        word.add_paragraph(say.DIAGRAM_MISSING.format(reason=reason.rstrip(".")))
        return
    width, height = _size(data)
    scale = min(MAX_WIDTH_INCHES / (width / 96), MAX_HEIGHT_INCHES / (height / 96), 1.0)
    shape = (
        word.add_paragraph()
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
