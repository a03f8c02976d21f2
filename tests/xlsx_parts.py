"""Hand-made .xlsx packages, every part written out, so that a test controls each byte a
hostile workbook could hold: the `<dimension>`, the shared strings, a DTD in a part."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def column(n: int) -> str:
    """Column 1 is A, 16,384 is XFD."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_data(rows: Sequence[Sequence[str | None]], first: int = 1) -> str:
    """<sheetData> holding each text as an inline string; None leaves a cell out."""
    out = []
    for r, row in enumerate(rows, first):
        cells = "".join(
            f'<c r="{column(c)}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'
            for c, v in enumerate(row, 1)
            if v is not None
        )
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def write(
    path: Path | IO[bytes],
    sheets: dict[str, str],
    shared: Sequence[str] | None = None,
    dimension: dict[str, str] | None = None,
    prolog: str = "",
    extra: dict[str, bytes] | None = None,
) -> Path | IO[bytes]:
    """A workbook of `sheets` (name -> the rows' XML, as sheet_data makes it), with an
    optional shared-string table, declared dimensions and a prolog before every part's root
    element (where a DTD would stand)."""
    names = list(sheets)
    types = [
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>',
    ]
    rels = []
    for i, _ in enumerate(names, 1):
        types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT}.worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
    if shared is not None:
        types.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    book = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", f'<Types xmlns="{TYPES}">{"".join(types)}</Types>')
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'{prolog}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{book}</sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
        )
        for i, name in enumerate(names, 1):
            dim = f'<dimension ref="{dimension[name]}"/>' if dimension and name in dimension else ""
            z.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'{prolog}<worksheet xmlns="{MAIN}">{dim}<sheetData>{sheets[name]}</sheetData></worksheet>',
            )
        if shared is not None:
            items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared)
            z.writestr(
                "xl/sharedStrings.xml",
                f'{prolog}<sst xmlns="{MAIN}" count="{len(shared)}" '
                f'uniqueCount="{len(shared)}">{items}</sst>',
            )
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path
