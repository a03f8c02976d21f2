"""The drawing read once (boardmap.render.svgpass, issues 23 and 18 item 6): the page's copy is
cleaned by an allow-list, made where the drawing is drawn, and is the same as the copy read
again from the file's bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from boardmap.guide.diagrams import draw, inline_svg
from boardmap.load import load
from boardmap.render import render_drawing, svgfacts, svgpass, view_names

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"

HOSTILE = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:svg="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"
     width="300pt" height="100pt" style="background:url(http://evil.example/bg)">
<title>A title</title><desc>A description</desc>
<svg:script>alert(1)</svg:script>
<style>@import url(http://evil.example/s.css);</style>
<g id="graph0" class="graph" onmouseover="alert(2)">
<animate attributeName="href" to="javascript:alert(3)"/>
<set attributeName="onclick" to="alert(4)"/>
<use xlink:href="http://evil.example/sprite.svg#x"/>
<image xlink:href="data:image/png;base64,AAAA"/>
<h:iframe src="http://evil.example/"/>
<foreignObject><h:div>html</h:div></foreignObject>
<a xlink:href="javascript:alert(5)" xlink:title="tip"><text x="1" y="2">js</text></a>
<a href="http://evil.example/"><text x="1" y="2">out</text></a>
<a xlink:href="#graph0"><text x="1" y="2" fill="URL(http://evil.example/c)"
   stroke="u\\72 l(http://evil.example/e)">in</text></a>
<a xlink:href="#board-hwbb"><text x="1" y="2">section</text></a>
<polygon points="0,0 1,1" fill="url(#nowhere)" stroke="url(http://evil.example/p)"
   xml:space="preserve" h:onload="alert(6)" target="_blank"/>
</g>
</svg>"""


def test_only_the_allow_list_survives() -> None:
    markup, title, desc = inline_svg(HOSTILE, "p_", {"board-hwbb"})
    assert (title, desc) == ("A title", "A description")
    root = ET.fromstring(markup)
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert tags == {"svg", "title", "desc", "g", "a", "text", "polygon"}
    for el in root.iter():
        for name, value in el.attrib.items():
            assert not name.rsplit("}", 1)[-1].startswith("on"), name
            assert "evil" not in value and "javascript" not in value, (name, value)
            assert name not in ("style", "target") or el is root, name
    hrefs = [el.get("{http://www.w3.org/1999/xlink}href") for el in root.iter(f"{SVG}a")]
    assert hrefs == [None, None, "#p_graph0", "#board-hwbb"]
    polygon = root.find(f".//{SVG}polygon")
    assert polygon is not None
    assert polygon.attrib == {
        "points": "0,0 1,1",
        "fill": "url(#p_nowhere)",
        "{http://www.w3.org/XML/1998/namespace}space": "preserve",
    }
    assert root.get("style") == "width:300px"  # the page's own, not the drawing's
    for gone in ("alert", "html", "sprite", "base64", "@import"):
        assert gone not in markup


def test_a_link_to_a_section_the_page_lacks_goes() -> None:
    markup, _, _ = inline_svg(HOSTILE, "p_", set())
    assert "board-hwbb" not in markup
    assert 'xlink:href="#p_graph0"' in markup


def test_entity_declarations_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    with pytest.raises(svgpass.NotSvg) as caught:
        svgpass.read(laughs, page=True)
    assert str(caught.value).startswith("a diagram is not valid SVG (entity declarations are not allowed")


def test_what_is_not_svg_is_refused() -> None:
    with pytest.raises(svgpass.NotSvg, match=r"^a diagram is not valid SVG \(unclosed token"):
        svgpass.read(b"<svg")
    with pytest.raises(svgpass.NotSvg) as caught:
        svgpass.read(b"<html><body/></html>", page=True)
    assert str(caught.value) == "a diagram is not valid SVG (its outermost element is not an SVG <svg>)"


def test_a_drawing_without_title_or_description_is_given_them() -> None:
    bare = b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g id="x"/></svg>'
    markup, title, desc = inline_svg(bare, "p_", set(), "Who answers to whom")
    assert (title, desc) == ("Who answers to whom", "Who answers to whom")
    assert markup == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" role="img" '
        'aria-labelledby="p_title p_desc" focusable="false" style="width:10px">'
        '<title id="p_title">Who answers to whom</title><desc id="p_desc">Who answers to whom</desc>'
        '<g id="p_x" /></svg>'
    )


def test_the_copy_made_as_it_is_drawn_is_the_copy_read_from_the_file() -> None:
    """A build hands the guide the copy its workers made; a guide made from files on disk
    reads them: the page is the same either way."""
    gmap = load(ROOT / "data" / "boards.yaml")
    anchors = {f"board-{board.id}" for board in gmap.boards}
    for view in view_names(gmap):
        drawing = render_drawing(gmap, view, "svg", page=True)
        assert drawing.page is not None
        made = draw(gmap, view, anchors, copies=lambda _, page=drawing.page: page)
        read = draw(gmap, view, anchors, drawn=lambda _, data=drawing.data: data)
        assert made == read, view
        assert made.svg is not None and "legend-" not in made.svg
        assert drawing.data == (ROOT / "diagrams" / f"{view}.svg").read_bytes()


def _generated(boards: int) -> str:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return str(generate(boards))


@pytest.mark.parametrize("maker", ["example", "big"])
def test_a_guide_prepared_while_its_diagrams_are_drawn_is_the_guide(maker: str) -> None:
    """boardmap build makes the guide's text while its workers draw (prepare_guide), then
    places the drawings (finish_guide): the pages are those build_guide makes."""
    from boardmap.guide import build_guide, finish_guide, prepare_guide
    from boardmap.load import load_text

    if maker == "example":
        gmap = load(ROOT / "data" / "boards.yaml")
    else:
        gmap = load_text(_generated(150), file="big.yaml")
    drawings = {f"{name}.svg": render_drawing(gmap, name, "svg", page=True) for name in view_names(gmap)}
    prepared = prepare_guide(gmap)
    assert all(figure.svg is None for figure, _ in prepared.waiting.values())
    finished = finish_guide(
        prepared,
        drawn=lambda file: drawings[file].data if file in drawings else None,
        copies=lambda file: drawings[file].page if file in drawings else None,
    )
    whole = build_guide(gmap)
    assert finished is not None
    assert (finished.html, finished.markdown, finished.sheet, finished.pages) == (
        whole.html,
        whole.markdown,
        whole.sheet,
        whole.pages,
    )
    assert maker == "example" or finished.pages


def test_a_prepared_guide_is_not_finished_with_a_drawing_it_did_not_expect() -> None:
    from boardmap.guide import finish_guide, prepare_guide

    gmap = load(ROOT / "data" / "boards.yaml")
    other = b'<svg xmlns="http://www.w3.org/2000/svg"><title>Another</title><desc>d</desc></svg>'
    assert finish_guide(prepare_guide(gmap), drawn=lambda _: other) is None


@pytest.mark.parametrize(
    "maker", ["example", "big", *sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))]
)
def test_a_build_makes_page_copies_of_exactly_the_views_the_guide_shows(maker: str) -> None:
    from boardmap.guide import prepare_guide
    from boardmap.guide.diagrams import shown_views
    from boardmap.load import load_text

    if maker == "example":
        gmap = load(ROOT / "data" / "boards.yaml")
    elif maker == "big":
        gmap = load_text(_generated(150), file="big.yaml")
    else:
        gmap = load(ROOT / "examples" / maker)
    shown = set(prepare_guide(gmap).waiting)
    assert shown == shown_views(gmap) & set(view_names(gmap))


def test_a_coordinate_holding_what_the_copy_escapes_is_escaped_with_or_without_references() -> None:
    # Without any reference in the document, a value can still hold a literal '>' or, in
    # single quotes, '"': the pass's quick test for them must escape them as the search does.
    plain = b"""<svg xmlns="http://www.w3.org/2000/svg"><g><polygon points='0,0 "1,1' x=">2"/></g></svg>"""
    with_ref = plain.replace(b"<g>", b"<g><text>a &amp; b</text>")
    for svg in (plain, with_ref):
        _, copy = svgpass.read(svg, page=True)
        assert copy is not None
        assert '<polygon points="0,0 &quot;1,1" x="&gt;2" />' in copy.markup("p-")


def test_a_graph_moved_by_what_is_not_a_number_is_cropped_as_if_not_moved() -> None:
    # The crop reads the graph's translate() and scale(): '4..5' is no number (it was a
    # ValueError, a traceback, both ways through the drawing).
    svg = b"""<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="100pt" viewBox="0 0 100 100">
<title>t</title><desc>d</desc>
<g id="graph0" class="graph" transform="scale(1..5) translate(4..5 10)">
<g id="node1" class="node"><title>a</title><polygon points="10,10 20,20"/></g>
<g id="node2" class="node"><title>legend-kind-board</title><polygon points="50,50 60,60"/></g>
</g></svg>"""
    _, copy = svgpass.read(svg, page=True, key=True)
    assert copy is not None and copy.key == (("box", "board"),)
    assert 'width="22pt" height="22pt" viewBox="4.00 4.00 22.00 22.00"' in copy.markup("p-")


@pytest.mark.parametrize(
    "text",
    [
        b"nan",
        b"x NaN y",
        b"-inf",
        b"INF,3",
        b"_nan",
        b"information",
        b"finance",
        b"1nan",
        b"nan_",
        b"",
        b"\xc3inf\xc3",
    ],
)
def test_the_quick_look_for_non_numbers_finds_what_the_search_finds(text: bytes) -> None:
    import re

    search = re.compile(rb"\b(?:nan|inf)\b", re.IGNORECASE)
    assert svgfacts.suspect(text) is (search.search(text) is not None)
    assert svgfacts.suspect(b"<svg>" + text + b"</svg>") is (search.search(text) is not None)


def test_a_shape_s_numbers_are_those_the_search_finds() -> None:
    import random

    from boardmap.render import svgkey

    cases = ["M768.37,-319.89C761.94,-328.18 756.37,-337.16", "1,2 3,4", ".5,1", "-.5 2", "5.,3"]
    cases += ["1.2.3", "5-3", "--5", "-", "", "M", "1e5", "00.5,-0.0", "-0,0", "1,,2", "٣,4"]
    chosen = random.Random(23)
    cases += ["".join(chosen.choice("0123456789.-, MCe") for _ in range(12)) for _ in range(5000)]
    for shape in cases:
        found = [repr(n) for n in map(float, svgkey._NUMBER.findall(shape))]
        assert [repr(n) for n in svgkey._numbers(shape)] == found, shape


def test_shapes_read_together_have_the_extent_they_have_read_one_by_one() -> None:
    """svgkey.extent reads Graphviz's shapes all at once: in each shape its numbers at even
    places are x, at odd places y, whatever the shapes beside it ('1,' then '5' is x 1, x 5)."""
    import random

    from boardmap.render import svgkey

    def one_by_one(shapes: list[str]) -> tuple[list[float], list[float]]:
        xs: list[float] = []
        ys: list[float] = []
        for shape in shapes:
            numbers = list(map(float, svgkey._NUMBER.findall(shape)))
            xs += numbers[0::2]
            ys += numbers[1::2]
        return xs, ys

    # Numbers said again (each different one is read once) and one float() cannot read.
    pieces = ["1,2", "3", "4,", ",5", "M6,7", "C8,9", "-1,-2", "10,11", "1,2 1,2", "-0,0", "1.2.3,4"]
    chosen = random.Random(23)
    cases = [["1,", "5"], ["1,2 3", "4,5 6,"], ["1,2", "3,4"]]
    cases += [
        [
            " ".join(chosen.choice(pieces) for _ in range(chosen.randint(1, 3)))
            for _ in range(chosen.randint(1, 3))
        ]
        for _ in range(3000)
    ]
    for shapes in cases:
        xs, ys = svgkey.extent(shapes)
        want_xs, want_ys = one_by_one(shapes)
        assert (min(xs, default=None), max(xs, default=None)) == (
            min(want_xs, default=None),
            max(want_xs, default=None),
        ), shapes
        assert (min(ys, default=None), max(ys, default=None)) == (
            min(want_ys, default=None),
            max(want_ys, default=None),
        ), shapes


def test_a_view_s_heading_worked_out_without_building_it_is_its_view_s() -> None:
    # The guide's waiting figures take their titles from render.views.heading, which works
    # a board's out without building its diagram; a title that differed would send the
    # build's guide back to being made afresh.
    from boardmap.render.views import build_view, heading

    maps = [ROOT / "data" / "boards.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]
    checked = 0
    for path in maps:
        gmap = load(path)
        for name in view_names(gmap):
            assert heading(gmap, name) == build_view(gmap, name).heading, (path.name, name)
            checked += 1
    assert checked > 100
