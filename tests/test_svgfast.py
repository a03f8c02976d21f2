"""The quick way through the drawing (boardmap.render.svgfast, issue 23): wherever it is
taken it gathers what the element-by-element pass gathers, byte for byte; wherever the text is
not in Graphviz's shape it is not taken, and the pass reads the drawing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from boardmap.load import load
from boardmap.render import Drawing, render_drawing, svgfast, svgpass, view_names
from boardmap.render.svgpage import ATTRIBUTES, ELEMENTS, NAMESPACED, SVG_NS

ROOT = Path(__file__).resolve().parent.parent
MAPS = [ROOT / "data" / "boards.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]


def _slow(svg: bytes, *, page: bool) -> tuple[svgpass.Facts, svgpass.Page | None]:
    """The element-by-element pass alone."""
    quick = svgpass._read_quick
    svgpass._read_quick = lambda *_, **__: None  # type: ignore[assignment]
    try:
        return svgpass.read(svg, page=page, key=True, description=lambda: "described")
    finally:
        svgpass._read_quick = quick  # type: ignore[assignment]


def _read(svg: bytes, *, page: bool) -> tuple[svgpass.Facts, svgpass.Page | None]:
    return svgpass.read(svg, page=page, key=True, description=lambda: "described")


def _drawings() -> list[bytes]:
    """Every view of the example maps, drawn as the build draws them."""
    drawn: list[bytes] = []
    for path in MAPS:
        gmap = load(path)
        for name in view_names(gmap):
            drawing: Drawing = render_drawing(gmap, name, "svg")
            drawn.append(drawing.data)
    return drawn


@pytest.fixture(scope="module")
def drawings() -> list[bytes]:
    return _drawings()


def test_every_example_drawing_is_read_the_same_both_ways(drawings: list[bytes]) -> None:
    quick = 0
    for svg in drawings:
        for page in (False, True):
            assert _read(svg, page=page) == _slow(svg, page=page)
        quick += svgfast.gather(svg, page=True, key=True) is not None
    # Not a test of nothing: Graphviz's drawings take the quick way (all of them, here).
    assert len(drawings) > 60
    assert quick == len(drawings)


def test_the_page_copy_is_the_one_inlined(drawings: list[bytes]) -> None:
    """The markup a page holds, with a prefix and a section to link to, is the same."""
    for svg in drawings[:20]:
        fast, slow = _read(svg, page=True)[1], _slow(svg, page=True)[1]
        assert fast is not None and slow is not None
        anchors = {link.target for link in slow.links}
        assert fast.markup("d1-", anchors) == slow.markup("d1-", anchors)


# Each change makes a drawing that is not in Graphviz's shape, or is in it in a way the quick
# way must read right: either way both ways give the same.
CHANGES = {
    "comment": (r"(<g id=\"node1\")", r"<!-- a comment -->\1"),
    "style attribute": (r"<g id=\"node1\" class=\"node\"", r'<g id="node1" class="node" style="fill:red"'),
    "single quotes": (r"<g id=\"node1\" class=\"node\"", r"<g id='node1' class=\"node\""),
    "two spaces": (r"<g id=\"node1\" class=\"node\"", r'<g id="node1"  class="node"'),
    "attribute over two lines": (r"<g id=\"node1\" class=\"node\"", '<g id="node1"\nclass="node"'),
    "quotation mark in text": (r"(<text[^>]*>)([^<]*)</text>", r'\1"\2"</text>'),
    "&quot; in text": (r"(<text[^>]*>)([^<]*)</text>", r"\1&quot;\2&quot;</text>"),
    "> in text": (r"(<text[^>]*>)([^<]*)</text>", r"\1a &gt; b > c\2</text>"),
    "other reference": (r"(<text[^>]*>)([^<]*)</text>", r"\1&#160;\2&#x2014;</text>"),
    "value ending in id=": (r"xlink:title=\"([^\"]*)\"", r'xlink:title="\1 id="'),
    "unknown element": (r"(<g id=\"node1\")", r"<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\"/>\1"),
    "script": (r"(<g id=\"node1\")", r"<script>alert(1)</script>\1"),
    "event handler": (r"<g id=\"node1\" class=\"node\"", r'<g id="node1" class="node" onclick="alert(1)"'),
    "link out of the drawing": (r"xlink:href=\"#[^\"]*\"", r'xlink:href="https://example.org/"'),
    "url()": (r"fill=\"([^\"]*)\"", r'fill="url(#g)"'),
    "duplicate id": (r"<g id=\"node2\"", r'<g id="node1"'),
    "text after the nodes": (r"</g>\n</svg>", '<text x="1" y="2">after</text>\n</g>\n</svg>'),
    "nested node": (
        r"(<g id=\"node1\" class=\"node\">\n<title>[^<]*</title>)",
        r'\1<g id="n9" class="node"><title>x</title></g>',
    ),
    "empty text": (r"(<text[^>]*>)([^<]*)</text>", r"\1</text>"),
    "text attributes in another order": (
        r"<text xml:space=\"preserve\" text-anchor=\"(\w+)\" x=\"([^\"]*)\"",
        r'<text x="\2" xml:space="preserve" text-anchor="\1"',
    ),
    "no title or description": (r"<title id=[^>]*>[^<]*</title>\n<desc id=[^>]*>[^<]*</desc>\n", ""),
    "not a number": (r"points=\"([^\"]*)\"", r'points="nan,1 \1"'),
    "a shape with a lone number": (r"points=\"([^\"]*)\"", r'points="\1 7"'),
    "a number with a leading point": (r"points=\"(-?\d+)\.?\d*,", r'points=".5,'),
    # svgpass reads a number it cannot read as its default (0, or 14 for a font size); a
    # line of text above the graph that the caption does not say is measured for the crop.
    "a line's font size not a number": (
        r"(<text[^>]*font-size=\")18.00(\">)([^<]*)</text>",
        r"\g<1>1&#32;8.00\2a line\3</text>",
    ),
    "a line's place not a number": (r"(<text[^>]*) x=\"([^\"]*)\"([^>]*>)", r'\1 x=".5\2"\3a line'),
    # Quotation marks in text, paired with '=' so that they count as values do: what lies
    # between them is no value, and must be read.
    "quotation marks in text around a script": (
        r"(<g id=\"node1\" class=\"node\">\n<title>[^<]*)</title>",
        r'\1="</title>\n<script>alert(1)</script>\n<desc>"</desc>',
    ),
    "an id in text": (r"(<text[^>]*>)([^<]*)</text>", r'\1\2 id=""</text>'),
    "a link in text": (r"(<text[^>]*>)([^<]*)</text>", r'\1\2 xlink:href="#graph0"</text>'),
    # XML reads a tab or line break in a value as a space.
    "tab in a value": (r"stroke=\"([^\"]*)\"", 'stroke="\\1\t"'),
    "line break in a value": (r"xlink:title=\"([^\"]*)\"", 'xlink:title="\\1\nmore"'),
    "tab in the root's value": (r"<svg width=", '<svg class="a\tb" width='),
    "empty id of the title": (r"<title id=\"[^\"]*\">", '<title id="">'),
    "empty id of the description": (r"<desc id=\"[^\"]*\">", '<desc id="">'),
    "url() by a reference": (r"stroke=\"[^\"]*\"", 'stroke="ur&#108;(https://evil.example/p#x)"'),
    # A browser reads url() in any case, and with CSS escapes (u\72 l is url).
    "url() in capitals": (r"stroke=\"[^\"]*\"", 'stroke="URL(https://evil.example/p#x)"'),
    "url() escaped": (r"stroke=\"[^\"]*\"", r'stroke="u\\72 l(https://evil.example/p#x)"'),
    # The facts alone read references only in the boxes' names: each as the copy reads it.
    "references in a box's name": (
        r"(<g id=\"node1\" class=\"node\">\n<title>)",
        r"\1caf&#233;&#x2D;&amp;x",
    ),
    # A link's target, which both ways leave out, other than Graphviz's, or before the link;
    # a link without its tooltip.
    "another target": (r' target="_top"', ' target="_blank"'),
    "the target first": (r'<a xlink:href="([^"]*)"', r'<a target="_top" xlink:href="\1"'),
    "a link without its tooltip": (r'(<a xlink:href="[^"]*") xlink:title="[^"]*"', r"\1"),
    # Written otherwise than Graphviz writes it, though well-formed.
    "'>' in a value": (r"xlink:title=\"([^\"]*)\"", r'xlink:title="\1 > 2"'),
    "space before a tag's end": (r"<g id=\"node1\" class=\"node\">", '<g id="node1" class="node" >'),
    "space in an end tag": (r"</text>", "</text >"),
    "two line breaks": (r"</g>\n<g id=\"node1\"", '</g>\n\n<g id="node1"'),
    "tab in text": (r"(<text[^>]*>)([^<]*)</text>", "\\1\\2\t</text>"),
    # The graph's children beside one another, not one inside another: each is its own.
    "text between the graph's children": (
        r"(\n<g id=\"edge1\" class=\"edge\">)",
        r'\n<text x="1" y="2">a line</text>\n<g id="z1"><title>z</title></g>\1',
    ),
    "a key's box beside a node": (
        r"(\n<g id=\"node1\" class=\"node\">)",
        r'\n<g id="z1">\n<title>legend-kind-board</title>\n<text x="1" y="2">z</text>\n</g>\1',
    ),
    "a group after the graph": (
        r"</g>\n</svg>",
        '</g>\n<g id="z1"><g id="z2"><title>z</title></g></g>\n</svg>',
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_drawing_changed_is_read_the_same_both_ways(drawings: list[bytes], change: str) -> None:
    pattern, replacement = CHANGES[change]
    changed = 0
    for svg in drawings:
        text = svg.decode()
        new = re.sub(pattern, replacement, text, count=1)
        if new == text:
            continue
        changed += 1
        data = new.encode()
        for page in (False, True):
            try:
                expected = _slow(data, page=page)
            except svgpass.NotSvg:
                with pytest.raises(svgpass.NotSvg):
                    _read(data, page=page)
                continue
            assert _read(data, page=page) == expected, change
    assert changed > 0, f"the change {change!r} applies to no drawing"


def _allowed(markup: str) -> None:
    """The page's copy holds only the allow-list, its links only to ids."""
    root = ET.fromstring(markup)
    for element in root.iter():
        namespace, _, local = element.tag[1:].partition("}")
        assert namespace == SVG_NS and local in ELEMENTS, element.tag
        for name, value in element.attrib.items():
            uri, _, attr = name[1:].partition("}") if name.startswith("{") else ("", "", name)
            assert (uri, attr) in NAMESPACED if uri else attr in ATTRIBUTES | {"style"}, name
            assert "url(" not in value.lower().replace("url(#", "") and "\\" not in value, (name, value)
            if attr == "href":
                assert value.startswith("#"), value


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_drawing_changed_keeps_only_the_allow_list(drawings: list[bytes], change: str) -> None:
    pattern, replacement = CHANGES[change]
    for svg in drawings[:12]:
        data = re.sub(pattern, replacement, svg.decode(), count=1).encode()
        try:
            page = _read(data, page=True)[1]
        except svgpass.NotSvg:
            continue
        assert page is not None
        _allowed(page.markup("d1-", {"graph0"}))


def test_the_quick_way_is_not_taken_for_what_graphviz_does_not_write(drawings: list[bytes]) -> None:
    svg = next(d for d in drawings if b'<g id="node1"' in d and b"xlink:title" in d)
    assert svgfast.gather(svg, page=True, key=True) is not None
    for change in (
        "comment",
        "style attribute",
        "single quotes",
        "script",
        "event handler",
        "url()",
        "quotation marks in text around a script",
        "tab in a value",
        "url() by a reference",
        "url() in capitals",
        "url() escaped",
        "'>' in a value",
        "space before a tag's end",
        "two line breaks",
    ):
        pattern, replacement = CHANGES[change]
        changed = re.sub(pattern, replacement, svg.decode(), count=1).encode()
        assert changed != svg
        assert svgfast.gather(changed, page=True, key=True) is None, change


# A box of the key with a link inside it, in a <g> of its own as Graphviz writes a node's link.
_KEY_BOX = r"(<g id=\"node\d+\" class=\"node\">\n<title>legend&#45;kind&#45;[^<]*</title>\n)"
_LINK_IN_KEY = (
    r'\1<g id="a_z"><a xlink:href="#graph0" xlink:title="z">\n<text x="1" y="2">z</text>\n</a>\n</g>\n'
)


def test_a_link_in_the_key_goes_with_it(drawings: list[bytes]) -> None:
    """The quick way reads a child of the graph with a <g> inside as one, and leaves out a
    link inside what the key takes out, as the pass does."""
    changed = 0
    for svg in drawings:
        text = svg.decode()
        new = re.sub(_KEY_BOX, _LINK_IN_KEY, text, count=1)
        if new == text:
            continue
        changed += 1
        data = new.encode()
        assert svgfast.gather(data, page=True, key=True) is not None
        fast, slow = _read(data, page=True)[1], _slow(data, page=True)[1]
        assert fast == slow
        before = _read(svg, page=True)[1]
        assert fast is not None and before is not None
        assert fast.links == before.links  # the link went with the key's box
        assert "graph0" not in {link.target for link in fast.links}
    assert changed > 0
