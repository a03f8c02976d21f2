"""Graphviz's SVG read once, in one streaming pass (expat), where it is drawn.

The pass gives what the layout check needs (boardmap.render.layout: the boxes and lines
drawn, coordinates that are not numbers, the canvas) and, where asked, the drawing as a
page may hold it inline (`Page`, which boardmap.guide.diagrams places in the guide):

- only the elements and attributes of an allow-list survive (`ELEMENTS`, `ATTRIBUTES`), so
  no script, style sheet, event handler, foreign content, image or animation can; an
  element not on the list goes with everything inside it;
- a link survives only to an id in the drawing or, decided when the page places it, to a
  section of that page; a `url(...)` survives only to an id in the drawing;
- every id is made ready for the page's prefix, so that several drawings (and the page's
  own `board-<id>` anchors) never share one;
- with `key`, the key (legend) is taken out of the drawing, with the lines of its title
  that the page's caption says, and the drawing is cropped to what is left (the page shows
  the key in words); what the key listed is kept, in order.

The copy is written as xml.etree.ElementTree would write the cleaned tree, so a page is the
same, byte for byte, whether its drawing comes from this pass at render time or from a file
on disk read again (`read` on its bytes).
"""

from __future__ import annotations

import bisect
import math
import re
import xml.parsers.expat
from collections.abc import Callable

from boardmap.render import svgfast
from boardmap.render.svgfacts import Facts as Facts
from boardmap.render.svgfacts import NotSvg as NotSvg
from boardmap.render.svgfacts import suspect
from boardmap.render.svgkey import Child, crop, take_key
from boardmap.render.svgpage import (
    ELEMENTS,
    ESCAPED,
    LINK,
    PLAIN,
    PREFIX,
    SVG_NS,
    XLINK_NS,
    Link,
    Page,
    attrib,
    attribute,
    cdata,
    element,
    names,
    points,
)

_SVG = SVG_NS + " "
_SHAPES = frozenset({"polygon", "polyline", "path"})
# Attributes other than coordinates as the copy writes them, by (name, value): a drawing
# repeats a few fills, strokes and fonts hundreds of times. Cleared when it grows large.
_SAID: dict[tuple[str, str], str] = {}
_SAID_MOST = 4096

# Attributes that hold coordinates or sizes in Graphviz's SVG (the layout check's).
_GEOMETRY = names(
    """
    points d x y cx cy rx ry width height viewBox transform x1 x2 y1 y2
    """
)
_LAYOUT_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\bnan\b|\binf\b", re.IGNORECASE)


def read(
    svg: bytes,
    *,
    page: bool = False,
    key: bool = False,
    description: Callable[[], str] | None = None,
) -> tuple[Facts, Page | None]:
    """Read an SVG document once: its Facts and, with `page`, its Page (with `key`, the key
    taken out and the drawing cropped). `description` gives the <title> and <desc> where the
    drawing has none. Raises NotSvg where the bytes are not a well-formed SVG document
    (entity declarations are refused, as defusedxml refuses them)."""
    doubtful = suspect(svg)
    # The quick way where the drawing is in Graphviz's shape (for the facts alone it reads
    # only what they need: 0.13 s against this pass's 0.16 s for a build's 217 drawings).
    if not doubtful:
        quick = _read_quick(svg, page=page, key=key)
        if quick is not None:
            return quick
    reader = _Reader(page=page, key=key, suspect=doubtful, refs=b"&" in svg)
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.EntityDeclHandler = _no_entities
    try:
        parser.Parse(svg, True)
    except xml.parsers.expat.ExpatError as exc:
        raise NotSvg(str(exc)) from None
    if reader.root != _SVG + "svg":
        raise NotSvg("its outermost element is not an SVG <svg>")
    facts = Facts(*reader.size, frozenset(reader.node_titles), reader.edges, reader.non_finite)
    return facts, (reader.finish(description or (lambda: "")) if page else None)


def _read_quick(svg: bytes, *, page: bool, key: bool) -> tuple[Facts, Page | None] | None:
    """`read` the quick way (boardmap.render.svgfast), where the drawing is in Graphviz's
    shape; None where it is not. The bytes are parsed once first, without handlers, so that
    what is not well-formed is refused as the pass refuses it."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.EntityDeclHandler = _no_entities
    try:
        parser.Parse(svg, True)
    except xml.parsers.expat.ExpatError as exc:
        raise NotSvg(str(exc)) from None
    found = svgfast.gather(svg, page=page, key=key)
    if found is None:
        return None
    facts = Facts(*found.size, frozenset(found.node_titles), found.edges, 0)
    if not page:
        return facts, None
    reader = _Reader(page=True, key=key, suspect=False)
    reader.out, reader.links, reader.link_at = found.out, found.links, found.link_at
    reader.root_attrs, reader.ids, reader.xlink = found.root_attrs, found.ids, found.xlink
    reader.graph, reader.graph_transform, reader.graph_end = (
        found.graph,
        found.graph_transform,
        found.graph_end,
    )
    reader.found, reader.root_title = found.found, found.root_title
    reader.root_open = _Open("svg", True)
    reader.root_open.started = True
    return facts, reader.finish(lambda: "")


def _no_entities(*_: object) -> None:
    raise xml.parsers.expat.ExpatError("entity declarations are not allowed")


def _float(value: str, default: float = 0.0) -> float:
    try:
        return float(value)
    except ValueError:
        return default


_XLINK_TITLE = f"{XLINK_NS} title"
_SVG_LEN = len(_SVG)


# -- the pass -------------------------------------------------------------------------------


class _Open:
    """An element open in the pass."""

    __slots__ = ("graph", "kept", "local", "node", "started", "text", "text_at")

    def __init__(self, local: str, kept: bool) -> None:
        self.local = local
        self.kept = kept
        self.started = False  # its start tag's '>' is written: it has content
        self.graph = False  # the drawing's graph, the root's first <g>
        self.node = False  # a box, <g class="node">, whose first <title> is not yet read
        self.text: list[str] | None = None  # its text, where it is wanted
        self.text_at: tuple[float, float, float, str] | None = None  # a <text>'s place


class _Reader:
    """The pass's handlers and what they gather."""

    def __init__(self, *, page: bool, key: bool, suspect: bool, refs: bool = True) -> None:
        self.page = page
        self.key = key
        self.suspect = suspect  # a coordinate may not be a number
        # The document has references (&...;). Without any, an attribute's value can hold
        # none of the characters the copy escapes but a literal '>' or, single-quoted, '"'
        # (XML makes literal tabs and line breaks in a value spaces): two quick tests
        # instead of a search for each of a drawing's hundreds of coordinates.
        self.refs = refs
        self.root: str | None = None
        # The facts.
        self.size = (0.0, 0.0)
        self.node_titles: list[str] = []
        self.edges = 0
        self.non_finite = 0
        # The page's copy.
        self.stack: list[_Open] = []
        self.skipping = 0  # depth inside an element not on the allow-list
        self.drop_tail = False  # just after an element left out: its tail goes with it
        self.out: list[str] = []
        self.links: list[Link] = []
        self.link_at: list[int] = []  # the piece of the copy each link is in
        self.root_attrs: dict[str, str] = {}
        self.root_open: _Open | None = None
        self.ids: list[str] = []
        self.xlink = 0  # xlink attributes written (links aside)
        self.graph: list[Child] | None = None  # the graph's children, once it is open
        self.graph_transform = ""
        self.graph_end = 0
        self.child: Child | None = None  # the graph's child being read
        self.first_polygon = True
        self.children = 0  # the root's element children kept
        self.marks: list[int] = []  # where the first two begin in self.out
        self.found: dict[str, list[str]] = {}  # <title>/<desc> among them: [id, text]
        self.root_title: str | None = None  # the text of the root's first <title>

    # -- events --------------------------------------------------------------------------------

    def start(self, name: str, attrs: dict[str, str]) -> None:
        stack = self.stack
        parent = stack[-1] if stack else None
        local = name[_SVG_LEN:] if name.startswith(_SVG) else ""
        if self.suspect:
            self._non_finite(attrs)
        element = _Open(local, not self.skipping and local in ELEMENTS)
        if parent is None:
            self.root = name
            box = attrs.get("viewBox", "").split()
            if len(box) == 4:
                self.size = (_float(box[2]), _float(box[3]))
        elif parent.node and local == "title":
            element.text = []  # the box's name, for the layout check
        elif local == "g":
            kind = attrs.get("class")
            if kind == "node":
                element.node = True
            elif kind == "edge":
                self.edges += 1
        stack.append(element)
        if not self.page:
            return
        if not element.kept:
            self.skipping += 1
            return
        self.drop_tail = False
        out = self.out
        if parent is None:
            self.root_open = element
            self.root_attrs = attrs
            out.append("")  # the root's start tag, written at the end
            return
        if not parent.started:
            parent.started = True
            out.append(">")
        depth = len(stack) - 1
        missing_id = None
        child = self.child
        if depth == 1:  # a child of the root
            self.children += 1
            if self.children <= 2:
                self.marks.append(len(out))
                if local in ("title", "desc"):
                    element.text = []
                    given = attrs.get("id")
                    self.found[local] = [given or local, ""]
                    missing_id = None if given else local
            if local == "title" and self.root_title is None:
                element.text = []
            if local == "g" and self.graph is None:
                element.graph = True
                self.graph = []
                self.graph_transform = attrs.get("transform", "")
        elif parent.graph:
            assert self.graph is not None
            child = self.child = Child(local, len(out))
            self.graph.append(child)
            if local == "polygon" and self.first_polygon:
                child.background = True
                self.first_polygon = False
            if local == "text":
                element.text = []
        elif depth == 3 and local == "title" and child and child.title is None and stack[1].graph:
            element.text = []
            child.title = ""  # the first, filled in at its end
        tag = ["<", local]
        links = self.links
        for attr, value in attrs.items():
            if attr == "id":
                if missing_id:
                    value, missing_id = missing_id, None
                self.ids.append(value)
                if child is not None:
                    child.ids.append(value)
            elif attr == _XLINK_TITLE:
                self.xlink += 1
                if child is not None:
                    child.xlink += 1
            if attr in PLAIN and "(" not in value:  # the most, written as they are
                if attr in _GEOMETRY:
                    escaped = ESCAPED(value) if self.refs else ">" in value or '"' in value
                    tag.append(f' {attr}="{attrib(value) if escaped else value}"')
                else:  # paint and text attributes: a few values, over and over
                    said = _SAID.get((attr, value))
                    if said is None:
                        said = _SAID[attr, value] = f' {attr}="{attrib(value)}"'
                        if len(_SAID) > _SAID_MOST:
                            _SAID.clear()
                    tag.append(said)
                continue
            said = attribute(attr, value, links)
            if said is not None:
                tag.append(said)
        if missing_id:
            tag.append(f' id="{PREFIX}{missing_id}"')
        self.link_at += [len(out)] * (len(links) - len(self.link_at))
        out.append("".join(tag))
        if self.key and child is not None:
            if local in _SHAPES:  # measured at the end, only where the drawing is cropped
                if not (child.background and local == "polygon"):
                    child.shapes.append(attrs.get("d" if local == "path" else "points", ""))
            elif local == "ellipse" or local == "text":
                self._extent(local, attrs, element, child)

    def end(self, name: str) -> None:
        element = self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        text = "".join(element.text) if element.text is not None else None
        if parent is not None and parent.node and text is not None and element.local == "title":
            parent.node = False
            self.node_titles.append(text)
        if not self.page:
            return
        if not element.kept:
            self.skipping -= 1
            self.drop_tail = self.skipping == 0
            return
        self.drop_tail = False
        out = self.out
        if parent is None:
            out.append("</svg>" if element.started else "")
            return
        out.append(f"</{element.local}>" if element.started else " />")
        if element.graph:
            self.graph_end = len(out) - 1
            self.child = None
        if text is None:
            return
        depth = len(self.stack)
        if depth == 1:
            found = self.found.get(element.local)
            if found is not None:
                found[1] = text
            if element.local == "title" and self.root_title is None:
                self.root_title = text
            return
        child = self.child
        if child is None:
            return
        if depth == 2 and element.local == "text":
            child.text = text
        elif depth == 3 and element.local == "title" and child.title == "":
            child.title = text
        if element.text_at is not None and text:
            child.add_text(*element.text_at, text)

    def data(self, text: str) -> None:
        element = self.stack[-1]
        if element.text is not None and not self.skipping:
            element.text.append(text)
        if not self.page or self.skipping or self.drop_tail:
            return
        if not element.started:
            element.started = True
            self.out.append(">")
        self.out.append(cdata(text))

    # -- what is read ----------------------------------------------------------------------------

    def _non_finite(self, attrs: dict[str, str]) -> None:
        for name, value in attrs.items():
            if name in _GEOMETRY:
                for number in _LAYOUT_NUMBER.findall(value):
                    if not math.isfinite(float(number)):
                        self.non_finite += 1

    def _extent(self, local: str, attrs: dict[str, str], element: _Open, child: Child) -> None:
        """What an element of the graph adds to the drawing's extent (for the crop)."""
        if local == "ellipse":
            child.add_ellipse(*(_float(attrs.get(name, "0")) for name in ("cx", "cy", "rx", "ry")))
        elif local == "text":
            size = _float(attrs.get("font-size", "14"), 14.0)
            x, y = _float(attrs.get("x", "0")), _float(attrs.get("y", "0"))
            element.text_at = (x, y, size, attrs.get("text-anchor", "start"))
            if element.text is None:
                element.text = []

    # -- the end ---------------------------------------------------------------------------------

    def finish(self, description: Callable[[], str]) -> Page:
        """The Page: the key taken out (with `key`), the drawing cropped, the <title> and
        <desc> added where missing, the root's start tag written."""
        out = self.out
        children = self.graph or []
        key, drop = take_key(children, self.root_title) if self.key else ([], [])
        ids = set(self.ids)
        xlink = self.xlink
        kept, links = out, self.links
        dropped = set(drop)
        if drop:
            ends = [c.begin for c in children[1:]] + [self.graph_end]
            gone = [(c.begin, ends[n]) for n, c in enumerate(children) if c in dropped]
            kept, last = [], 0
            for begin, end in gone:
                kept += out[last:begin]
                last = end
            kept += out[last:]
            # The pieces taken out are in order and apart: a link is in the last that
            # begins at or before its piece, or in none.
            begins = [begin for begin, _ in gone]
            links = [
                link
                for link, at in zip(self.links, self.link_at, strict=True)
                if (n := bisect.bisect_right(begins, at) - 1) < 0 or at >= gone[n][1]
            ]
            xlink -= sum(c.xlink for c in drop)
            ids = {i for c in children if c not in dropped for i in c.ids} | (
                ids - {i for c in drop for i in c.ids}
            )
        attrs = {k: v for k, v in self.root_attrs.items() if k != "style"}  # not on the list
        if key:
            crop(attrs, [c for c in children if c not in dropped and not c.background], self.graph_transform)
        title, desc = self._title_and_desc(kept, description)
        attrs["role"] = "img"
        attrs["aria-labelledby"] = f"{title[0]} {desc[0]}"
        attrs["focusable"] = "false"
        width = points(attrs.get("width"))
        if width:
            attrs["style"] = f"width:{round(width)}px"
        head = []
        root_links: list[Link] = []
        for name, value in attrs.items():
            said = f' style="{value}"' if name == "style" else attribute(name, value, root_links)
            if said is not None:
                head.append(said)
                if name == "id":
                    ids.add(value)
                elif name == _XLINK_TITLE:
                    xlink += 1
        root = self.root_open
        assert root is not None
        if not root.started:  # an empty drawing: its title and description go inside it
            head.append(">")
        declared = f'<svg xmlns="{SVG_NS}"' + (f' xmlns:xlink="{XLINK_NS}"' if xlink else "")
        text = declared + "".join(head) + "".join(kept)
        pieces = text.split(LINK)
        every = [*root_links, *links]
        assert len(every) == len(pieces) - 1
        return Page(
            tuple(pieces),
            tuple(Link(link.name, link.target, link.target in ids) for link in every),
            bool(xlink),
            " ".join(title[1].split()),
            " ".join(desc[1].split()),
            tuple(key),
        )

    def _title_and_desc(self, out: list[str], description: Callable[[], str]) -> tuple[list[str], list[str]]:
        """The ids (before the prefix) and texts of the drawing's <title> and <desc> among
        its first two elements; either, where missing, is added there (its text the
        drawing's description)."""
        title, desc = self.found.get("title"), self.found.get("desc")
        end = len(out) - 1  # the root's end tag
        if title is None:
            title = ["title", description()]
            at = self.marks[0] if self.marks else end
            desc_added = ["desc", title[1]] if desc is None else None
            out[at:at] = [element("title", title[1]), element("desc", title[1]) if desc_added else ""]
            desc = desc_added or desc
            assert desc is not None
        elif desc is None:
            desc = ["desc", description()]
            at = self.marks[1] if len(self.marks) > 1 else end
            out[at:at] = [element("desc", desc[1])]
        return title, desc
