"""A big map's guide in several pages (issue 13, part 5), and the one-page summary to print
(part 6): an index page and a page per area, each under 2 MB, the search covering all."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import html5lib
import pytest

from boardmap.guide import SHEET_NAME, Guide, build_guide, write_guide
from boardmap.load import load, load_text

from .conftest import EXAMPLES, ROOT

XHTML = "{http://www.w3.org/1999/xhtml}"


@cache
def big() -> Guide:
    """A synthetic map of 145 bodies in two areas (bench/generate.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return build_guide(load_text(generate(150), file="big.yaml"), with_gaps=True)


def ids_and_links(page: str) -> tuple[set[str], list[str]]:
    tree = html5lib.HTMLParser(strict=True).parse(page)
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    links = [el.get("href") for el in tree.iter(f"{XHTML}a") if el.get("href")]
    return ids, links


def test_a_big_map_gives_an_index_and_a_page_per_area_each_under_2_mb() -> None:
    guide = big()
    assert sorted(guide.pages) == ["guide-saltford.html", "guide-walby.html"]
    for page in [guide.html, *guide.pages.values()]:
        assert len(page.encode("utf-8")) < 2 * 1024 * 1024
    index_ids, _ = ids_and_links(guide.html)
    assert "start" in index_ids and "board-saltford-hwbb" not in index_ids
    area_ids, _ = ids_and_links(guide.pages["guide-saltford.html"])
    assert "board-saltford-hwbb" in area_ids and "start" not in area_ids


def test_every_board_is_on_exactly_one_page_and_every_link_lands() -> None:
    guide = big()
    pages = {"guide.html": guide.html, **guide.pages}
    ids = {name: ids_and_links(page)[0] for name, page in pages.items()}
    gmap = load_text(_big_text(), file="big.yaml")
    from boardmap.model import GOVERNANCE_KINDS

    for board in gmap.boards:
        if board.kind in GOVERNANCE_KINDS:
            assert sum(f"board-{board.id}" in found for found in ids.values()) == 1, board.id
    for name, page in pages.items():
        for link in ids_and_links(page)[1]:
            if link.startswith(("mailto:", "tel:", "http")) or link == SHEET_NAME:
                continue
            file, _, target = link.partition("#")
            file = file or name
            assert file in pages, link
            assert not target or target in ids[file], (name, link)


def test_the_search_on_every_page_covers_all_pages() -> None:
    guide = big()
    for page in [guide.html, *guide.pages.values()]:
        index = re.search(r'<ul id="find-index">(.*?)</ul>', page, re.S).group(1)
        assert 'href="guide-walby.html#board-walby-hwbb"' in index or 'href="#board-walby-hwbb"' in index
        assert (
            'href="guide-saltford.html#board-saltford-hwbb"' in index
            or 'href="#board-saltford-hwbb"' in index
        )
        assert "Pages of this guide" in page


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_a_small_map_stays_one_page(path: Path) -> None:
    assert build_guide(load(path)).pages == {}


def test_the_sheet_says_where_concerns_go_and_who_does_what(tmp_path: Path) -> None:
    guide = build_guide(load(ROOT / "data" / "boards.yaml"))
    sheet = guide.sheet
    assert (
        "<title>At a glance: How Medway&#x27;s strategic boards worked together in June 2014</title>"
    ) in sheet
    assert "If someone is in immediate danger, call 999." in sheet
    assert 'href="guide.html#board-mscb"' in sheet  # names lead into the full guide
    assert "<script" not in sheet and "<svg" not in sheet
    assert 'href="glance.html"' in guide.html  # the guide points to it
    written = {p.name for p in write_guide(load(ROOT / "data" / "boards.yaml"), tmp_path)}
    assert {"guide.html", "guide.md", "glance.html"} <= written
    assert (tmp_path / "glance.html").read_text(encoding="utf-8") == sheet


def test_a_big_map_sheet_keeps_to_its_main_boards() -> None:
    sheet = big().sheet
    boards = re.search(r'<section id="sheet-boards">(.*?)</section>', sheet, re.S).group(1)
    assert boards.count("<li>") == 16
    assert re.search(r"The guide describes \d+ more boards and groups\.", boards)


def test_write_guide_writes_every_page_of_a_big_map(tmp_path: Path) -> None:
    from boardmap.guide import pages

    gmap = load_text(_big_text(), file="big.yaml")
    written = {p.name for p in write_guide(gmap, tmp_path)}
    assert set(pages.area_files(gmap).values()) | {"guide.html", "glance.html"} <= written


def test_build_writes_every_page_of_a_big_map(tmp_path: Path) -> None:
    from boardmap.build import build

    source = tmp_path / "big.yaml"
    source.write_text(_big_text(), encoding="utf-8")
    build(source, tmp_path / "out", formats=["dot"])
    for name in ["guide.html", "glance.html", "guide-saltford.html", "guide-walby.html"]:
        assert (tmp_path / "out" / name).is_file(), name
    assert (tmp_path / "out" / "guide-walby.html").read_text(
        encoding="utf-8"
    ) == big_guide_without_gaps().pages["guide-walby.html"]


@cache
def big_guide_without_gaps() -> Guide:
    return build_guide(load_text(_big_text(), file="big.yaml"))


@cache
def _big_text() -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return str(generate(150))


def test_every_figure_waiting_for_its_drawing_shares_one_set_of_anchors() -> None:
    """Each figure keeps the anchors its drawing may link to; one set for all of them, not
    a copy each (a copy each grew as boards times figures: 4 GB at 10,000 boards)."""
    from boardmap.guide import prepare_guide

    prepared = prepare_guide(load(ROOT / "data" / "boards.yaml"))
    assert len(prepared.waiting) > 10
    assert len({id(anchors) for _, anchors in prepared.waiting.values()}) == 1


def test_the_a_to_z_made_once_is_written_for_each_page() -> None:
    # html.AToZ escapes each entry once for every page; each page gives its links their
    # page's file (esc of the whole link is esc of its parts).
    from boardmap.guide import html
    from boardmap.guide.doc import Document

    find = [("A & B", "#board-a", 'x"y'), ("C", "other&page.html", ""), ("D", "#board-d", "")]
    listed = html.AToZ.of(find)
    written = {}
    for page, anchors in {"area": {"board-a": "area&1.html"}, "index": {}}.items():
        lines = "\n".join(html._a_to_z(Document("t", "l", find=find), anchors, listed)).splitlines()
        assert lines == "\n".join(html._a_to_z(Document("t", "l", find=list(find)), anchors)).splitlines()
        written[page] = lines[3:-3]
    assert written["area"] == [
        '<li data-terms="x&quot;y"><a href="area&amp;1.html#board-a">A &amp; B</a></li>',
        '<li><a href="other&amp;page.html">C</a></li>',
        '<li><a href="#board-d">D</a></li>',
    ]
    assert written["index"][0] == '<li data-terms="x&quot;y"><a href="#board-a">A &amp; B</a></li>'
    only_pages = [("C", "c.html", ""), ("D", "d.html", "")]
    assert (
        html.AToZ.of(only_pages).written({})
        == '<li><a href="c.html">C</a></li>\n<li><a href="d.html">D</a></li>'
    )
