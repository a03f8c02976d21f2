"""A Protocol as a Word document (.docx) through python-docx.

Headings use Word's own Heading styles, so the navigation pane lists them; tables have a
header row that repeats on each page. The file is deterministic: the same protocol gives the
same bytes. python-docx stamps the core properties with the time of writing and zip entries
with the time of saving, so both are fixed here (to the map's date, and to 1980-01-01).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from boardmap.protocol.content import Protocol, Steps, Subheading, Table

# The zip format's earliest date: what every entry is stamped with.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def to_docx(protocol: Protocol) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc: Any = Document()
    doc.add_heading(protocol.title, level=0)
    doc.add_paragraph(protocol.lede)
    for section in protocol.sections:
        # Word's levels: the title is level 0 (Title style), parts Heading 1, within Heading 2.
        level = section.level - 1
        doc.add_heading(section.heading, level=level)
        for block in section.blocks:
            if isinstance(block, str):
                doc.add_paragraph(block)
            elif isinstance(block, Subheading):
                doc.add_heading(block.text, level=level + 1)
            elif isinstance(block, Steps):
                style = "List Number" if block.ordered else "List Bullet"
                for item in block.items:
                    doc.add_paragraph(item, style=style)
            elif isinstance(block, Table):
                _table(doc, block, OxmlElement, qn)
    doc.add_paragraph(protocol.footer)
    _properties(doc, protocol)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue())


def _table(doc: Any, table: Table, element: Any, qn: Any) -> None:
    if table.caption:
        doc.add_paragraph(table.caption, style="Caption")
    grid = doc.add_table(rows=1, cols=len(table.head))
    grid.style = "Table Grid"
    header = grid.rows[0]
    for cell, text in zip(header.cells, table.head, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    # Repeat the header row on each page, and mark it as the table's header for screen readers.
    props = header._tr.get_or_add_trPr()
    repeat = element("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    props.append(repeat)
    for row in table.rows:
        cells = grid.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = ""
            if text:
                run = cell.paragraphs[0].add_run(text)
                run.bold = table.row_heads and n == 0


def _properties(doc: Any, protocol: Protocol) -> None:
    day = dt.date.fromisoformat(protocol.as_of) if protocol.as_of else dt.date(2000, 1, 1)
    when = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    core = doc.core_properties
    core.title = protocol.title
    core.subject = protocol.subject
    core.author = "boardmap"
    core.last_modified_by = "boardmap"
    core.comments = protocol.footer
    core.language = "en-GB"
    core.revision = 1
    core.created = when
    core.modified = when
    core.last_printed = when


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry stamped with one fixed time, in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
