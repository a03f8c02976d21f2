"""Word, the committee paper, PDF and draw.io (issue 16): each read back and checked."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document as ReadWord

from boardmap.checks.engine import check
from boardmap.guide import build_guide
from boardmap.guide import docx as word
from boardmap.guide.doc import Figure, Heading, Section, Table, inline_text, walk
from boardmap.guide.pdf import chromium
from boardmap.load import load, load_text
from boardmap.paper import build_paper
from boardmap.render import view_names
from tests import png
from tests.conftest import EXAMPLES, MINIMAL, ROOT, Result

Cli = Callable[..., Result]
MEDWAY = ROOT / "data" / "boards.yaml"
ISLINGTON = ROOT / "examples" / "islington-hwbb-iscb.yaml"
DOCX_PICTURE = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
needs_chromium = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")


def _paragraphs(data: bytes) -> list[Any]:
    return list(ReadWord(io.BytesIO(data)).paragraphs)


def _headings(data: bytes) -> list[tuple[int, str]]:
    found = []
    for paragraph in _paragraphs(data):
        name = paragraph.style.name
        if name == "Title":
            found.append((0, paragraph.text))
        elif name.startswith("Heading "):
            found.append((int(name.split()[1]), paragraph.text))
    return found


def _all_text(data: bytes) -> str:
    document = ReadWord(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# -- the guide in Word ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def medway_guide() -> tuple[Any, bytes]:
    guide = build_guide(load(MEDWAY))
    return guide, word.render(guide.document)


def test_docx_guide_has_the_guides_headings_in_order(medway_guide: tuple[Any, bytes]) -> None:
    guide, data = medway_guide
    expected = [
        (max(b.level - 1, 1), inline_text(b.text))
        for b in walk(guide.document.sections)
        if isinstance(b, Heading)
    ]
    got = _headings(data)
    assert got[0] == (0, guide.document.title)
    assert [h for h in got[1:] if h[1] != "Contents"] == expected


def test_docx_guide_names_every_board_and_says_every_link(medway_guide: tuple[Any, bytes]) -> None:
    guide, data = medway_guide
    text = _all_text(data)
    gmap = load(MEDWAY)
    for board in gmap.boards:  # every body the guide names, the Word document names
        if board.name in guide.markdown:
            assert board.name in text, board.name
    assert all(b.name in text for b in gmap.boards if b.kind not in ("organisation", "external"))
    # Every sentence of the guide's prose (each link's sentences among them) is in the Word text.
    flat = " ".join(text.split())
    for line in guide.prose.splitlines():
        assert " ".join(line.rstrip(".").split()) in flat, line


def test_docx_guide_has_every_diagram_as_a_picture_with_alt_text(medway_guide: tuple[Any, bytes]) -> None:
    guide, data = medway_guide
    figures = [b for b in walk(guide.document.sections) if isinstance(b, Figure) and b.svg]
    document = ReadWord(io.BytesIO(data))
    pictures = document.inline_shapes
    assert len(pictures) == len(figures) > 0
    alts = [p._inline.docPr.get("descr") for p in pictures]
    assert alts == [f.description or f.title for f in figures]
    assert all(alt for alt in alts)
    for part in document.part.package.image_parts:
        width, height = png.size(part.blob)
        assert width > 100 and height > 50 and png.dark(part.blob) > 200


def test_docx_tables_are_word_tables(medway_guide: tuple[Any, bytes]) -> None:
    guide, data = medway_guide
    tables = [b for b in walk(guide.document.sections) if isinstance(b, Table)]
    document = ReadWord(io.BytesIO(data))
    assert len(document.tables) == len(tables)
    for block, table in zip(tables, document.tables, strict=True):
        assert [c.text for c in table.rows[0].cells] == list(block.head)
        assert len(table.rows) == len(block.rows) + 1


def test_docx_is_byte_stable_with_fixed_dates(medway_guide: tuple[Any, bytes]) -> None:
    _, data = medway_guide
    assert word.render(build_guide(load(MEDWAY)).document) == data
    props = ReadWord(io.BytesIO(data)).core_properties
    assert (props.created.year, props.modified.year) == (2000, 2000)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_docx_cross_references_are_internal_links(medway_guide: tuple[Any, bytes]) -> None:
    """Each part of the guide starts at a Word bookmark, and each mention of it (a board's
    name in a sentence, a table, the contents) is a hyperlink to that bookmark: clickable in
    Word, and in its PDF export."""
    guide, data = medway_guide
    document = ReadWord(io.BytesIO(data))
    marks = {mark.get(f"{W}name"): mark for mark in document.element.body.iter(f"{W}bookmarkStart")}
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name) for name in marks)  # Word's rule
    assert len({mark.get(f"{W}id") for mark in marks.values()}) == len(marks)
    links = [(h.fragment, h.text) for p in document.paragraphs for h in p.hyperlinks]
    links += [
        (h.fragment, h.text)
        for t in document.tables
        for c in t._cells
        for p in c.paragraphs
        for h in p.hyperlinks
    ]
    assert len(links) > 60 and all(fragment in marks for fragment, _ in links)
    # A board's bookmark stands at its heading; its mentions link there.
    heading = next(p for p in document.paragraphs if p._p is marks["board_hwbb"].getparent())
    assert (heading.style.name, heading.text) == ("Heading 2", "Health and Wellbeing Board (HWBB)")
    assert ("board_hwbb", "Health and Wellbeing Board") in links  # in a sentence
    assert ("board_hwbb", "Health and Wellbeing Board (HWBB)") in links  # in the contents
    # Every mention the HTML guide links (outside its diagrams and search index) is linked.
    shown = re.sub(r"(?s)<svg.*?</svg>|<details.*?</details>|<nav.*?</nav>", "", guide.html)
    html_targets = {re.sub(r"[^A-Za-z0-9]", "_", t) for t in re.findall(r'href="#([^"]+)"', shown)}
    assert html_targets - {"main"} <= {fragment for fragment, _ in links}


def test_docx_contacts_are_links_that_leave_the_document() -> None:
    with_concerns = MINIMAL + (
        "concerns:\n  - {concern: I am worried about a child, contact: hwbb, phone: 01234 567890,\n"
        '     email: "help@testshire.gov.uk", web: "https://testshire.gov.uk/help"}\n'
    )
    data = word.render(build_guide(load_text(with_concerns)).document)
    document = ReadWord(io.BytesIO(data))
    leaving = {(h.address, h.text) for p in document.paragraphs for h in p.hyperlinks if h.address}
    assert ("tel:01234567890", "01234 567890") in leaving
    assert ("mailto:help@testshire.gov.uk", "help@testshire.gov.uk") in leaving
    assert ("https://testshire.gov.uk/help", "https://testshire.gov.uk/help") in leaving
    assert "glance.html" not in {address for address, _ in leaving}  # a page beside the guide


def test_guide_format_docx_from_the_command_line(
    cli: Cli, tmp_path: Path, write_map: Callable[..., Path]
) -> None:
    result = cli("guide", str(write_map(MINIMAL)), "--out", str(tmp_path / "g"), "--format", "docx")
    assert result.status == 0, result.err
    assert result.out == f"wrote {tmp_path / 'g' / 'guide.docx'}\n"
    assert _headings((tmp_path / "g" / "guide.docx").read_bytes())[0][0] == 0
    bad = cli("guide", str(write_map(MINIMAL)), "--format", "odt")
    assert bad.status == 2 and "'odt' is not a format the guide is written in" in bad.err


def test_map_text_cannot_break_the_docx(tmp_path: Path) -> None:
    hostile = MINIMAL.replace("Health and Wellbeing Board", "Health <w:p/> & \x07 Board ]]> \u202e")
    guide = build_guide(load_text(hostile))
    data = word.render(guide.document)
    assert "Health <w:p/> & " in _all_text(data)


# -- the committee paper ------------------------------------------------------------------------


def test_report_has_the_sections_of_a_committee_paper_and_every_finding() -> None:
    gmap = load(ISLINGTON)
    result = check(gmap)
    document = build_paper(gmap, result)
    headings = [
        inline_text(b.text) for b in walk(document.sections) if isinstance(b, Heading) and b.level == 2
    ]
    assert headings == [
        "1. Summary",
        "2. Recommendations",
        "3. Background",
        "4. Findings",
        "5. Gaps accepted, with reasons",
        "6. Statutory sources",
    ]
    data = word.render(document)
    text = _all_text(data)
    for finding in result.open:
        assert " ".join(finding.message.split()) in " ".join(text.split()), finding.rule
    for finding in result.accepted:
        assert (finding.accepted or "").split()[0] in text
    assert result.accepted, "the example accepts gaps"
    assert "What to do: " in text
    sources = {f.source for f in [*result.open, *result.accepted] if f.source}
    for source in sources:
        assert source in text


def test_report_orders_findings_by_severity_with_what_to_do() -> None:
    gmap = load(MEDWAY)
    result = check(gmap)
    markdown = __import__("boardmap.guide.markdown", fromlist=["render"]).render(build_paper(gmap, result))
    order = [m.group(1) for m in re.finditer(r"^### (Errors|Warnings|Information)", markdown, re.M)]
    expected = [
        name
        for name, sev in (("Errors", "error"), ("Warnings", "warning"), ("Information", "info"))
        if result.count(sev)
    ]
    assert order == expected
    assert markdown.count("**What to do:** ") == len(result.open)
    assert f"Warnings: gaps that should be closed or explained ({result.count('warning')})" in markdown


def test_the_papers_field_names_are_code_not_backticks() -> None:
    # "Add the missing bodies to `members`" showed its backticks to councillors in Word and HTML.
    from boardmap.guide import html, markdown

    gmap = load_text(
        "boardmap: 1\narea: Testshire\nas_of: 2018-09-01\nrules: [england-2013]\nboards:\n"
        "  - {id: council, name: Testshire Council, kind: organisation, top: true}\n"
        "  - {id: sab, name: Safeguarding Adults Board, kind: statutory-board, statutory_role: sab,"
        " members: [council]}\n"
        "links:\n  - {from: sab, to: council, type: reports-to}\n",
        file="map.yaml",
    )
    paper = build_paper(gmap)
    assert [f for f in check(gmap).open if f.rule == "missing-statutory-member"]
    page = html.render(paper)
    assert (
        "Add the missing bodies to <code>members</code> (and give each its <code>statutory_role</code>)"
        in page
    )
    assert "`" not in page
    assert "Add the missing bodies to `members` (and give each its `statutory_role`)" in markdown.render(
        paper
    )
    assert "`" not in _all_text(word.render(paper))


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_report_command_writes_each_format(fmt: str, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / f"paper.{fmt}"
    result = cli("report", str(MEDWAY), "--format", fmt, "-o", str(out))
    assert (result.status, result.err) == (0, f"wrote {out}\n")
    data = out.read_bytes()
    assert b"Recommendations" in data or fmt == "docx"
    if fmt == "docx":
        assert "1. Summary" in [h for _, h in _headings(data)]


def test_report_of_a_workbook_names_sheets_and_rows(cli: Cli, tmp_path: Path) -> None:
    from boardmap.guide import markdown
    from boardmap.workbook_out import to_workbook

    book = tmp_path / "boards.xlsx"
    book.write_bytes(to_workbook(load(MEDWAY)))
    text = markdown.render(build_paper(load(book)))
    assert "**Found at:** the boards sheet of boards.xlsx, row " in text
    assert ", line " not in text


def test_report_of_a_bad_map_writes_nothing(cli: Cli, tmp_path: Path, write_map: Callable[..., Path]) -> None:
    out = tmp_path / "paper.docx"
    result = cli("report", str(write_map("boardmap: 1\narea: X\nboards: []\n")), "-o", str(out))
    assert result.status == 2 and not out.exists()


# -- PDF ----------------------------------------------------------------------------------------


@needs_chromium
def test_guide_as_pdf_through_chromium(cli: Cli, tmp_path: Path, write_map: Callable[..., Path]) -> None:
    result = cli("guide", str(write_map(MINIMAL)), "--out", str(tmp_path), "--format", "pdf")
    assert result.status == 0, result.err
    data = (tmp_path / "guide.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    assert b"/CreationDate (D:2" not in data  # the time of printing is not written
    assert result.out.splitlines() == [f"wrote {tmp_path / 'guide.pdf'}", f"wrote {tmp_path / 'glance.pdf'}"]


@needs_chromium
def test_the_one_page_summary_as_pdf(cli: Cli, tmp_path: Path) -> None:
    """glance.pdf comes with guide.pdf, as glance.html comes with guide.html: one A4 page,
    whose links into the guide are plain text (a link from a page printed in a temporary
    folder would point into that folder)."""
    result = cli("guide", str(MEDWAY), "--out", str(tmp_path), "--format", "pdf")
    assert result.status == 0, result.err
    sheet = (tmp_path / "glance.pdf").read_bytes()
    assert sheet.startswith(b"%PDF") and sheet.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", sheet)) == 1  # one page
    assert b"/CreationDate (D:2" not in sheet
    assert b"boardmap-pdf-" not in sheet and b"file://" not in sheet
    assert not list(tmp_path.glob(".*tmp*"))  # written atomically: no temporary file left
    again = tmp_path / "again"
    assert cli("guide", str(MEDWAY), "--out", str(again), "--format", "pdf").status == 0
    assert (again / "glance.pdf").read_bytes() == sheet  # the same bytes for the same map


def test_pdf_without_chromium_says_what_to_install(
    cli: Cli, tmp_path: Path, write_map: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from boardmap.guide import pdf

    monkeypatch.setattr(pdf, "chromium", lambda: None)
    result = cli("guide", str(write_map(MINIMAL)), "--out", str(tmp_path / "g"), "--format", "pdf")
    assert result.status == 2
    assert result.err.startswith(
        "boardmap: PDF of the guide needs Chromium, which is not installed: install Chromium"
    )
    assert not (tmp_path / "g").exists()  # neither guide.pdf nor glance.pdf, nor the folder


# -- draw.io ------------------------------------------------------------------------------------


def _drawio(cli: Cli, path: Path, tmp_path: Path) -> ET.Element:
    out = tmp_path / "map.drawio"
    result = cli("export", str(path), "--to", "drawio", "-o", str(out))
    assert result.status == 0, result.err
    return ET.fromstring(out.read_text(encoding="utf-8"))


SVG = "{http://www.w3.org/2000/svg}"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def test_drawio_has_a_page_per_view_with_the_svgs_boxes_and_lines(cli: Cli, tmp_path: Path) -> None:
    from boardmap.render import render_view

    gmap = load(MEDWAY)
    root = _drawio(cli, MEDWAY, tmp_path)
    pages = root.findall("diagram")
    assert [p.get("id") for p in pages] == view_names(gmap)
    for page in pages:
        name = str(page.get("id"))
        svg = ET.fromstring(render_view(gmap, name))
        objects = {o.get("id"): o for o in page.iter("UserObject")}
        cells = {c.get("id"): c for c in page.iter("mxCell") if c.get("id")}
        vertices = [c for c in page.iter("mxCell") if c.get("vertex") == "1"]
        labels = {_norm(o.get("label")) for o in objects.values()} | {_norm(c.get("value")) for c in vertices}
        svg_nodes = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"]
        for node in svg_nodes:  # a vertex for every box, with the box's words
            words = _norm(" ".join(t.text or "" for t in node.iter(f"{SVG}text")))
            assert words in labels, (name, words)
        clusters = [c for c in vertices if re.search(r"-(c\d+|title)$", c.get("id") or "")]
        assert len(vertices) - len(clusters) == len(svg_nodes), name
        for cell in vertices:  # every one placed, with a size
            geometry = cell.find("mxGeometry")
            assert geometry is not None and geometry.get("as") == "geometry"
            assert float(geometry.get("width", 0)) > 0 and float(geometry.get("height", 0)) > 0
            assert float(geometry.get("x", -1)) >= 0 and float(geometry.get("y", -1)) >= 0
        svg_lines = [
            g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge" and g.find(f"{SVG}path") is not None
        ]
        edges = [c for c in page.iter("mxCell") if c.get("edge") == "1"]
        assert len(edges) == len(svg_lines), name  # an edge for every line
        for edge in edges:
            assert edge.get("source") in {*objects, *cells}
            assert edge.get("target") in {*objects, *cells}
            assert edge.find("mxGeometry") is not None


def _svg_graph(svg: ET.Element) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The SVG's boxes (id -> words) and lines (the words of the box at each end)."""
    nodes = {
        str(g.findtext(f"{SVG}title")): _norm(" ".join(t.text or "" for t in g.iter(f"{SVG}text")))
        for g in svg.iter(f"{SVG}g")
        if g.get("class") == "node"
    }
    lines = []
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") == "edge" and g.find(f"{SVG}path") is not None:
            tail, head = str(g.findtext(f"{SVG}title")).split("->")
            lines.append((nodes[tail], nodes[head]))
    return nodes, sorted(lines)


def test_drawio_is_a_correct_mxgraph_model(cli: Cli, tmp_path: Path) -> None:
    """Each page is a well-formed mxGraphModel (diagrams.net's format): the root cells 0 and
    1, every other cell a child of 1 with an id of its own; each line an edge whose source
    and target are the boxes it joins in the SVG; every box and every waypoint on the page;
    labels plain text (never html=1), never markup."""
    from boardmap.render import render_view

    gmap = load(MEDWAY)
    root = _drawio(cli, MEDWAY, tmp_path)
    assert (root.tag, root.get("compressed")) == ("mxfile", "false")
    for page in root.findall("diagram"):
        name = str(page.get("id"))
        model = page.find("mxGraphModel")
        assert model is not None
        width, height = float(model.get("pageWidth", 0)), float(model.get("pageHeight", 0))
        cells = list(model.find("root") or [])
        assert [(c.tag, c.get("id"), c.get("parent")) for c in cells[:2]] == [
            ("mxCell", "0", None),
            ("mxCell", "1", "0"),
        ]
        ids = [c.get("id") for c in cells]
        assert len(ids) == len(set(ids)) and None not in ids, name
        label: dict[str, str] = {}
        for holder in cells[2:]:
            cell = holder if holder.tag == "mxCell" else holder.find("mxCell")
            assert holder.tag in ("mxCell", "UserObject") and cell is not None, name
            assert cell.get("parent") == "1" and "html=1" not in str(cell.get("style")), (
                name,
                holder.get("id"),
            )
            if cell.get("vertex") == "1":
                label[str(holder.get("id"))] = _norm(holder.get("label", cell.get("value")))
                box = cell.find("mxGeometry")
                assert box is not None
                x, y = float(box.get("x", -1)), float(box.get("y", -1))
                assert x >= 0 and x + float(box.get("width", 0)) <= width, (name, holder.get("id"))
                assert y >= 0 and y + float(box.get("height", 0)) <= height, (name, holder.get("id"))
        nodes, svg_lines = _svg_graph(ET.fromstring(render_view(gmap, name)))
        edges = [c for c in cells if c.get("edge") == "1"]
        joined = sorted((label[str(e.get("source"))], label[str(e.get("target"))]) for e in edges)
        assert joined == svg_lines, name  # each line joins the boxes the SVG's line joins
        for edge in edges:
            for point in edge.iter("mxPoint"):
                assert 0 <= float(point.get("x", -1)) <= width and 0 <= float(point.get("y", -1)) <= height
        shapes = {
            label[str(h.get("id"))]: str((h.find("mxCell") or h).get("style"))
            for h in cells[2:]
            if str(h.get("id")) in label
        }
        svg = ET.fromstring(render_view(gmap, name))
        for g in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"):
            words = nodes[str(g.findtext(f"{SVG}title"))]
            if g.find(f"{SVG}ellipse") is not None:  # a role is an ellipse in both
                assert shapes[words].startswith("ellipse;"), (name, words)


def test_drawio_labels_are_escaped(cli: Cli, tmp_path: Path, write_map: Callable[..., Path]) -> None:
    nasty = MINIMAL.replace("Health and Wellbeing Board", 'Health <b>&amp; "Wellbeing" </mxfile>')
    path = write_map(nasty)
    out = tmp_path / "map.drawio"
    assert cli("export", str(path), "--to", "drawio", "-o", str(out)).status == 0
    text = out.read_text(encoding="utf-8")
    assert "</mxfile>" not in text[:-20] and "<b>" not in text
    root = ET.fromstring(text)
    labels = [o.get("label") or "" for o in root.iter("UserObject")] + [
        c.get("value") or "" for c in root.iter("mxCell")
    ]
    assert any('Health <b>&amp; "Wellbeing" </mxfile>' in label for label in labels)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_drawio_is_deterministic(path: Path) -> None:
    from boardmap.drawio import to_drawio

    gmap = load(path)
    first = to_drawio(gmap, ["overview"])
    assert to_drawio(load(path), ["overview"]) == first
    ET.fromstring(first)


def test_sections_are_found(medway_guide: tuple[Any, bytes]) -> None:
    guide, _ = medway_guide
    assert any(isinstance(s, Section) for s in guide.document.sections)


# -- PowerPoint ---------------------------------------------------------------------------------


def test_pptx_has_a_slide_per_view_with_the_boxes_lines_and_labels(cli: Cli, tmp_path: Path) -> None:
    pptx = pytest.importorskip("pptx", reason="python-pptx is not installed (boardmap[pptx])")
    from boardmap.render import render_view

    gmap = load(MEDWAY)
    out = tmp_path / "map.pptx"
    result = cli("export", str(MEDWAY), "--to", "pptx", "-o", str(out))
    assert (result.status, result.err) == (0, f"wrote {out}\n")
    deck = pptx.Presentation(str(out))
    names = view_names(gmap)
    assert len(deck.slides) == len(names)
    for slide, name in zip(deck.slides, names, strict=True):
        svg = ET.fromstring(render_view(gmap, name))
        texts = {_norm(shape.text_frame.text) for shape in slide.shapes if shape.has_text_frame}
        for node in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"):
            words = _norm(" ".join(t.text or "" for t in node.iter(f"{SVG}text")))
            assert words in texts, (name, words)
        lines = [
            s
            for s in slide.shapes
            if s.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.LINE or type(s).__name__ == "Connector"
        ]
        svg_lines = [
            g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge" and g.find(f"{SVG}path") is not None
        ]
        assert len(lines) == len(svg_lines), name
        width, height = deck.slide_width, deck.slide_height
        for shape in slide.shapes:  # everything on the slide
            if type(shape).__name__ != "Connector":
                assert shape.left >= 0 and shape.left + shape.width <= width + 12700, (name, shape.name)
                assert shape.top >= 0 and shape.top + shape.height <= height + 12700, (name, shape.name)
    assert out.read_bytes() == __import__("boardmap.slides", fromlist=["to_pptx"]).to_pptx(gmap)


def _box_at(boxes: list[Any], x: int, y: int, slack: int = 12700 * 4) -> str:
    """The words of the box a line's end lies on (within `slack` EMU of its outline)."""
    near = [
        b
        for b in boxes
        if b.left - slack <= x <= b.left + b.width + slack and b.top - slack <= y <= b.top + b.height + slack
    ]
    assert near, (x, y)
    best = min(near, key=lambda b: abs(b.left + b.width / 2 - x) + abs(b.top + b.height / 2 - y))
    return _norm(best.text_frame.text)


def test_pptx_slides_have_their_heading_a_shape_per_box_and_a_line_per_link(tmp_path: Path) -> None:
    """Each slide: its view's heading as its title, one shape for each box of the SVG (of
    the box's kind), and a connector for each line, from the box it leaves to the box it
    meets (within a few points of each box's outline)."""
    pptx = pytest.importorskip("pptx", reason="python-pptx is not installed (boardmap[pptx])")
    from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE

    from boardmap.render import build_view, render_view
    from boardmap.slides import to_pptx

    gmap = load(MEDWAY)
    deck = pptx.Presentation(io.BytesIO(to_pptx(gmap)))
    for slide, name in zip(deck.slides, view_names(gmap), strict=True):
        shapes = list(slide.shapes)
        assert shapes[0].text_frame.text == build_view(gmap, name).heading
        svg = ET.fromstring(render_view(gmap, name))
        nodes, svg_lines = _svg_graph(svg)
        boxes = [
            s
            for s in shapes
            if s.shape_type in (MSO_SHAPE_TYPE.AUTO_SHAPE, MSO_SHAPE_TYPE.TEXT_BOX)
            and _norm(s.text_frame.text) in set(nodes.values())
        ]
        found = sorted(_norm(s.text_frame.text) for s in boxes)
        assert found == sorted(nodes.values()), name  # one shape a box
        roles = {
            nodes[str(g.findtext(f"{SVG}title"))]
            for g in svg.iter(f"{SVG}g")
            if g.get("class") == "node" and g.find(f"{SVG}ellipse") is not None
        }
        for box in boxes:
            if _norm(box.text_frame.text) in roles:
                assert box.auto_shape_type == MSO_SHAPE.OVAL, (name, box.text_frame.text)

        connectors = [s for s in shapes if type(s).__name__ == "Connector"]
        joined = sorted(
            (_box_at(boxes, c.begin_x, c.begin_y), _box_at(boxes, c.end_x, c.end_y)) for c in connectors
        )
        assert joined == svg_lines, name


def test_pptx_without_python_pptx_says_what_to_install(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pptx", None)  # as if it were not installed
    out = tmp_path / "map.pptx"
    result = cli("export", str(MEDWAY), "--to", "pptx", "-o", str(out))
    assert (result.status, result.err) == (
        2,
        "boardmap: --to pptx needs python-pptx, which is not installed: pip install python-pptx\n",
    )
    assert not out.exists()
