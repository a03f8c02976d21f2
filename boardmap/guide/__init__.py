"""The "how the boards relate" guide for front-line staff: one self-contained, accessible web
page (guide.html) and the same in Markdown (guide.md).

    from boardmap.guide import build_guide, write_guide
    guide = build_guide(gmap)              # guide.html, guide.markdown, guide.prose
    write_guide(gmap, "diagrams")          # diagrams/guide.html and diagrams/guide.md
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from boardmap.checks.engine import Finding
from boardmap.guide import diagrams, html, markdown, pages
from boardmap.guide import start as first_screen
from boardmap.guide.builder import Builder
from boardmap.guide.diagrams import draw
from boardmap.guide.doc import Document, Figure, Heading, Items, Para, Section, inline_text, walk
from boardmap.guide.glossary import Glossary
from boardmap.guide.spelling import spell_out
from boardmap.model import GovernanceMap
from boardmap.render.svgpage import Page

if TYPE_CHECKING:
    from boardmap.render.views import Labels

__all__ = ["Guide", "Prepared", "build_guide", "finish_guide", "prepare_guide", "write_guide"]

HTML_NAME = "guide.html"
MARKDOWN_NAME = "guide.md"
SHEET_NAME = "glance.html"  # the one-page summary to print


@dataclass(frozen=True)
class Guide:
    document: Document
    html: str
    markdown: str
    sheet: str = ""  # glance.html: where concerns go and who does what, on one A4 sheet
    # A big map's guide: its other pages by file name (guide.html is then the index page).
    pages: dict[str, str] = field(default_factory=dict)
    # The sheet to print as PDF: its links into the guide are plain text, since a PDF made
    # from a temporary page would point them at that page's folder.
    printed_sheet: str = ""

    @property
    def prose(self) -> str:
        """The guide's running text (paragraphs, lists and steps; not headings, tables,
        captions or the glossary), one sentence-ending line per paragraph or item: the
        text its readability is measured on."""
        lines: list[str] = []
        for block in walk(self.document.sections):
            if isinstance(block, Para) and block.prose:
                lines.append(inline_text(block.text))
            elif isinstance(block, Items) and block.prose:
                lines.extend(inline_text(item) for item in block.items)
        # A paragraph that leads into a list ends with a colon: it is a sentence of its own.
        return "\n".join(line if line.endswith((".", "!", "?")) else line + "." for line in lines)


def build_guide(
    gmap: GovernanceMap,
    *,
    with_gaps: bool = False,
    findings: Sequence[Finding] | None = None,
    drawn: Callable[[str], bytes | None] | None = None,
    keep: dict[str, bytes] | None = None,
    annexes: Sequence[Section] = (),
    copies: Callable[[str], Page | None] | None = None,
) -> Guide:
    """The guide of a map. With `with_gaps`, an annex lists the open findings (`findings`,
    or those of boardmap.checks.engine.run_checks where not given). `drawn(file)` may give
    the SVG of a diagram already drawn (e.g. "overview.svg"), so it is not drawn again, and
    `copies(file)` the copy for the page made as it was drawn (boardmap.render.Drawing.page),
    so it is not read again; `keep` receives the SVG of each diagram the guide shows, by
    file name. `annexes` are further parts added at the end (e.g. boardmap.compare's "How
    other areas do it"), each listed in the contents by its first heading."""
    drawer = functools.partial(draw, drawn=drawn, keep=keep, copies=copies)
    builder = Builder(gmap, with_gaps=with_gaps, findings=findings, drawer=drawer)
    return _written(builder, _annexed(builder.document(), annexes))


@dataclass
class Prepared:
    """A guide's document made before its diagrams are drawn (prepare_guide): every figure
    waits for its drawing, with its title already read for the glossary in order."""

    builder: Builder
    document: Document
    waiting: dict[str, tuple[Figure, frozenset[str]]]  # by view: the figure, the anchors
    written: _Pieces | None = None  # its pages, written but for the figures


def prepare_guide(
    gmap: GovernanceMap,
    *,
    with_gaps: bool = False,
    findings: Sequence[Finding] | None = None,
    annexes: Sequence[Section] = (),
    known: dict[str, Labels] | None = None,
) -> Prepared:
    """The guide's document without its drawings, to be finished by finish_guide once they
    are drawn: boardmap build makes it while its workers draw the diagrams. `known` holds
    the views' labels already built (boardmap.render.views.labels: index.md's)."""
    waiting: dict[str, tuple[Figure, frozenset[str]]] = {}

    def wait(gmap: GovernanceMap, view: str, anchors: frozenset[str]) -> Figure:
        figure = diagrams.waiting(gmap, view, known)
        waiting[view] = (figure, frozenset(anchors))
        return figure

    builder = Builder(gmap, with_gaps=with_gaps, findings=findings, drawer=wait)
    document = _annexed(builder.document(), annexes)
    return Prepared(builder, document, waiting, _pieces(builder, document))


def finish_guide(
    prepared: Prepared,
    *,
    drawn: Callable[[str], bytes | None] | None = None,
    copies: Callable[[str], Page | None] | None = None,
) -> Guide | None:
    """The guide of a prepared document, each figure given its drawing (`drawn` and `copies`
    as for build_guide); None where a drawing is not the one the document expected (its
    title differs: it could not be drawn), for build_guide to make the guide afresh."""
    gmap = prepared.builder.gmap
    placed: dict[str, Figure] = {}
    for view, (expected, anchors) in prepared.waiting.items():
        figure = draw(gmap, view, anchors, drawn=drawn, copies=copies)
        if figure.title != expected.title or figure.missing:
            return None
        placed[view] = figure
    made: dict[tuple[str, str], Figure] = {}  # each placed once, for the document and each page

    def place(figure: Figure) -> Figure:
        """A waiting figure given its drawing (its title, spelt out, kept)."""
        drawn = placed.get(figure.view)
        if drawn is None:
            return figure
        key = (figure.view, figure.title)
        if key not in made:
            made[key] = dataclasses.replace(drawn, title=figure.title)
        return made[key]

    document = prepared.document
    document.sections = [_placed(section, place) for section in document.sections]
    return _written(prepared.builder, document, prepared.written, place)


def _placed(section: Section, place: Callable[[Figure], Figure]) -> Section:
    """A section with each figure as `place` gives it; one without figures as it is."""
    blocks = tuple(
        _placed(b, place) if isinstance(b, Section) else place(b) if isinstance(b, Figure) else b
        for b in section.blocks
    )
    if all(a is b for a, b in zip(blocks, section.blocks, strict=True)):
        return section
    return dataclasses.replace(section, blocks=blocks)


def _annexed(document: Document, annexes: Sequence[Section]) -> Document:
    for annex in annexes:
        document.sections.append(annex)
        heading = next((b for b in annex.blocks if isinstance(b, Heading)), None)
        if heading is not None and annex.id:
            document.contents.append((f"#{annex.id}", inline_text(heading.text), []))
    return document


@dataclass
class _Pieces:
    """A guide's pages written but for their figures (html.pieces, markdown.pieces): what
    prepare_guide can write before the diagrams are drawn. The sheets have no figures."""

    html: list[str | Figure]
    markdown: list[str | Figure]
    sheet: str
    printed: str
    pages: dict[str, list[str | Figure]]  # a big map's area pages, by file name


def _pieces(builder: Builder, document: Document) -> _Pieces:
    """The guide's pages from its document, each figure left for `_written` to write: the
    HTML (one page, or an index and a page per area), the Markdown and the one-page sheet."""
    gmap = builder.gmap
    sheet = first_screen.sheet(builder, document, HTML_NAME)
    glossary = Glossary.for_map(gmap)
    sheet.sections = [spell_out(s, glossary) for s in sheet.sections]
    printed = html.render(dataclasses.replace(sheet, elsewhere={}), sheet=True)
    files = pages.area_files(gmap)
    if not files:
        return _Pieces(
            html.pieces(document), markdown.pieces(document), html.render(sheet, sheet=True), printed, {}
        )
    split = pages.split(builder, document, files)
    sheet.elsewhere = {a: split[HTML_NAME].elsewhere.get(a, HTML_NAME) for a in sheet.elsewhere}
    listed = html.AToZ.of(document.find)  # on every page
    return _Pieces(
        html.pieces(split.pop(HTML_NAME), listed=listed),
        markdown.pieces(document),
        html.render(sheet, sheet=True),
        printed,
        {file: html.pieces(page, listed=listed) for file, page in split.items()},
    )


def _written(
    builder: Builder,
    document: Document,
    written: _Pieces | None = None,
    place: Callable[[Figure], Figure] | None = None,
) -> Guide:
    """The guide's pages written from its document (`written`: its pieces, made already),
    each figure as `place` gives it."""
    made = written or _pieces(builder, document)
    return Guide(
        document,
        html.assemble(made.html, place),
        markdown.assemble(made.markdown, place),
        made.sheet,
        {file: html.assemble(page, place) for file, page in made.pages.items()},
        made.printed,
    )


def write_guide(
    gmap: GovernanceMap,
    out_dir: Path | str,
    *,
    with_gaps: bool = False,
    force: bool = False,
    annexes: Sequence[Section] = (),
) -> list[Path]:
    """Write `<out_dir>/guide.html`, `<out_dir>/guide.md`, `<out_dir>/glance.html` (the
    one-page summary) and the SVG file of each diagram guide.md shows as an image (so the
    Markdown guide is whole on its own), each atomically.
    A file of any of these names that boardmap cannot prove it wrote (boardmap.folder) is
    not replaced unless `force`. `annexes` as for build_guide."""
    from boardmap.folder import OutputFolder

    drawings: dict[str, bytes] = {}
    guide = build_guide(gmap, with_gaps=with_gaps, keep=drawings, annexes=annexes)
    out = Path(out_dir)
    files = {
        **dict(sorted(drawings.items())),
        HTML_NAME: guide.html.encode("utf-8"),
        MARKDOWN_NAME: guide.markdown.encode("utf-8"),
        SHEET_NAME: guide.sheet.encode("utf-8"),
        **{name: page.encode("utf-8") for name, page in guide.pages.items()},
    }
    with OutputFolder(out, force=force) as folder:
        folder.refuse_foreign(files)
        folder.intend(files)
        for name, data in files.items():
            folder.write(name, data)
        folder.save()
    return [out / name for name in files]
