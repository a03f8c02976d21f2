"""The Office commands' plumbing: `export --to xlsx|drawio`, `guide --format docx|pdf` and
`report`: load the map, make the bytes, write them atomically."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from boardmap.errors import UsageError
from boardmap.guide.doc import Section
from boardmap.load import load
from boardmap.model import GovernanceMap
from boardmap.outputs import write_atomic

SUFFIXES = {"xlsx": ".xlsx", "drawio": ".drawio", "pptx": ".pptx"}
GLANCE_PDF = "glance.pdf"  # the one-page summary ('at a glance'), printed


def export_office(path: Path | str, fmt: str, output: str | None, as_of: dt.date | None = None) -> Path:
    """Write the map at `path` as `fmt` to `output` (required: these are not text)."""
    suffix = SUFFIXES[fmt]
    if output is None:
        raise UsageError(f"--to {fmt} writes a file, not text: give -o NAME{suffix}")
    if not output.lower().endswith(suffix):
        raise UsageError(f"{output}: a {fmt} file's name ends in {suffix}; give -o NAME{suffix}")
    gmap = load(path, as_of=as_of)
    if fmt == "drawio":
        from boardmap.drawio import to_drawio

        return write_atomic(output, to_drawio(gmap))
    if fmt == "pptx":
        from boardmap.slides import to_pptx

        return write_atomic(output, to_pptx(gmap))
    from boardmap.workbook_out import to_workbook

    return write_atomic(output, to_workbook(gmap))


def write_guide_formats(
    gmap: GovernanceMap,
    out_dir: Path | str,
    formats: list[str],
    *,
    with_gaps: bool = False,
    annexes: Sequence[Section] = (),
    force: bool = False,
) -> list[Path]:
    """The guide as Word (docx) and PDF (pdf: guide.pdf and the one-page summary,
    glance.pdf), from the same Document as guide.html. Every
    file is made before any is written, each is written atomically, and a file boardmap did
    not write is not replaced unless `force` (as for the guide's HTML)."""
    from boardmap.folder import OutputFolder
    from boardmap.guide import build_guide
    from boardmap.guide import docx as word

    guide = build_guide(gmap, with_gaps=with_gaps, annexes=annexes)
    out = Path(out_dir)
    made: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "docx":
            made["guide.docx"] = word.render(guide.document)
        elif fmt == "pdf":
            from boardmap.guide.pdf import html_to_pdf

            # As guide.html comes with glance.html, guide.pdf comes with glance.pdf: the
            # one-page summary to print or put on an intranet.
            made["guide.pdf"] = html_to_pdf(guide.html, "the guide")
            made[GLANCE_PDF] = html_to_pdf(guide.printed_sheet, "the one-page summary")
    with OutputFolder(out, force=force) as folder:
        folder.refuse_foreign(made)
        folder.intend(made)
        for name, data in made.items():
            folder.write(name, data)
        folder.save()
    return [out / name for name in made]


def write_report(path: Path | str, fmt: str, output: str | None, as_of: dt.date | None = None) -> Path:
    """The gap report as a committee paper, in `fmt` (docx, md, html or pdf)."""
    from boardmap.guide import docx as word
    from boardmap.guide import html, markdown
    from boardmap.paper import build_paper

    target = output or f"gap-report.{fmt}"
    if not target.lower().endswith(f".{fmt}"):
        raise UsageError(f"{target}: a {fmt} file's name ends in .{fmt}; give -o NAME.{fmt}")
    document = build_paper(load(path, as_of=as_of))
    data: bytes | str
    if fmt == "docx":
        data = word.render(document)
    elif fmt == "md":
        data = markdown.render(document)
    else:
        data = html.render(document)
        if fmt == "pdf":
            from boardmap.guide.pdf import html_to_pdf

            data = html_to_pdf(data, "the gap report")
    return write_atomic(target, data)
