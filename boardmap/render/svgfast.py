"""The quick way through boardmap.render.svgpass for Graphviz's own SVG (issue 23).

svgpass reads a drawing element by element, in Python: a 1,000-board build's 894 drawings
hold 270,000 elements. Graphviz writes
its SVG in one narrow shape (one tag a line, attributes always `name="value"`, a node's or
edge's <g> at the top of the graph with its <title> first), so what the pass gathers can be
found over the whole text at once, by regular expressions and string methods that run in C.

The quick way is taken only where the text is shown to be in that shape (by one regular
expression over the text below the root, `_BODY`, and a few looks after it), and everything
it gathers is what the pass would: `gather` returns None for anything else (an element or
attribute outside the quick set, a reference that svgpass writes otherwise, a quotation mark
in text, an attribute over two lines, a tab or line break in a value, a url() in any case or
a backslash, a <g> nested other than as Graphviz nests it, two elements where a child of the
graph should be ...) and svgpass reads that drawing element by element. For the 1,000-board
build's 677 drawings as a page holds them, the quick way takes about 1.25 s of CPU where the
pass took 1.9 s (what is left is mostly reading the coordinates for the crop, the passes that
write the copy, and expat's own parse, kept so that what is not well-formed is refused as
before); for the facts alone it reads only the boxes' names and the lines. The allow-list stays svgpass's:
every tag and attribute name is checked against it first. That the two ways give the same
Facts and the same Page, byte for byte, is tested on every drawing of every example map and
of generated maps (tests/test_svgfast.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from boardmap.render.svgkey import Child
from boardmap.render.svgpage import LINK, PLAIN, SVG_NS, XLINK_NS, Link

# Elements the quick way handles: Graphviz's own. (svgpass's list has a few more.)
TAGS = frozenset({"g", "title", "desc", "a", "polygon", "polyline", "path", "ellipse", "text"})
# Attributes the quick way handles below the root: those svgpass writes as they are (PLAIN;
# no url() is let through), ids, Graphviz's links and tooltips, and `target`, which both ways
# leave out.
ATTRIBUTES = PLAIN | {"id", "xlink:href", "xlink:title", "xml:space", "target"}

# The prolog Graphviz writes, and the root's start tag: its attributes, name="value" each.
_HEAD = re.compile(
    r'(?:<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>\n)?'
    r'(?:<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1\.1//EN"\n "http://www\.w3\.org/Graphics/SVG/1\.1/DTD/svg11\.dtd">\n)?'
    r'<svg((?:\s+[A-Za-z][\w:.-]*="[^"<>&\t\n]*")*)>'
)
# A url() in any case, as a browser reads it (looked for at each '(', ten times quicker
# than a search ignoring case).
_URL_LIKE = re.compile(r"\((?<=[uU][rR][lL]\()")
# The start and end tags of <g>, to see that a child of the graph is one element.
_G_TAG = re.compile(r"<(/?)g[ >]")
_ROOT_ATTRIBUTE = re.compile(r'([A-Za-z][\w:.-]*)="([^"]*)"')


def _alternatives(names: frozenset[str], commonest: str) -> str:
    """Names as a pattern's alternatives, Graphviz's commonest first (tried in order)."""
    first = [name for name in commonest.split() if name in names]
    return "|".join(re.escape(name) for name in [*first, *sorted(names - set(first))])


# The drawing's text below the root, in Graphviz's shape: tags of TAGS, each attribute of
# ATTRIBUTES written ' name="value"' one space apart, a line break only after a tag, no tab,
# and no '<', '>' or '"' in a value or in text, nor '=' at a value's end (' id="' and the
# like are then found only where an attribute starts). One pass, in C, where counts of each
# character and a look at each kind of tag took three times as long.
_BODY = re.compile(
    r"\n?(?>(?><(?:/(?:{tags})|(?:{tags})(?> (?:{attributes})=\"[^\"<>\n\t]*+(?<!=)\")*+/?)>\n?)"
    r"|[^<>\"\n\t]++)*+".format(
        tags=_alternatives(TAGS, "text g title path polygon ellipse a polyline"),
        attributes=_alternatives(
            ATTRIBUTES,
            "fill stroke xml:space text-anchor x y font-family font-size id class points"
            " stroke-width d xlink:title stroke-dasharray xlink:href",
        ),
    )
)
_REFERENCE = re.compile(r"&[^;<>\s]*;?")
# References written as they are; a character reference is replaced by its character, as
# svgpass writes it, but for those it escapes (or, '"', escapes in a value only) and '=' (a
# value ending in one, before its '"', would look like the start of an attribute). Any other
# reference leaves the quick way.
_KEPT_REFERENCES = frozenset({"&gt;", "&lt;", "&amp;"})
_NUMBERED = re.compile(r"&#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}));")
_KEPT_CHARACTERS = frozenset('&<>"=\t\n\r')
# The drawing's first two children, its <title> and <desc> with their ids, then its graph.
_LABELS = re.compile('\n<title id="\0([^"]+)">([^<]*)</title>\n<desc id="\0([^"]+)">([^<]*)</desc>\n')
_GRAPH = re.compile('<g id="\0?[^"]*" class="graph"(?: transform="([^"]*)")?>\n')
# The graph's children before its first <g>: its title, background, caption lines.
_LEADING = re.compile(r"<(title|polygon|polyline|path|ellipse|text)\b[^>]*?(?: />|>([^<]*)</\1>)\n?")
# A child <g> of the graph: a node, an edge or a cluster, with its title.
_CHILD = re.compile('<g id="\0?[^"]*" class="(node|edge|cluster)">\n<title>([^<]*)</title>')
_IDS = re.compile(' id="\0([^"]*)"')
_HREF = re.compile(r' xlink:href="([^"]*)"')
_TARGET = re.compile(r' target="[^"]*"')
# A link, with the `target` Graphviz writes after it (and its tooltip), both ways leave out.
_LINKED = re.compile(r' xlink:href="[^"]*"((?: xlink:title="[^"]*")?)(?: target="_top")?')
_EMPTY = re.compile(r"(<([a-z]+)\b[^>]*)></\2>")  # an element without content
# What the crop needs, in the attribute order Graphviz writes.
_SHAPE = re.compile(r'<(?:polygon|polyline)\b[^>]*? points="([^"]*)"|<path\b[^>]*? d="([^"]*)"')
# A line of text as Graphviz writes it; _TEXT reads one written otherwise.
_GRAPHVIZ_TEXT = re.compile(
    r'<text xml:space="preserve" text-anchor="(\w+)" x="([^"]*)" y="([^"]*)" font-family="[^"]*" '
    r'font-size="([^"]*)"[^>]*(?:>([^<]*)</text>|/>)'
)
# Each attribute looked for ahead, in any order; one that is missing is read as "" (svgpass
# takes its default: 0, or 14 for a font size; "start" for the anchor). A pattern ' name="'
# finds only an attribute: a value ending in ' name=' would have made one '="' too many.
_ELLIPSE = re.compile("<ellipse" + "".join(f'(?=(?:[^>]* {a}="([^"]*)")?)' for a in ("cx", "cy", "rx", "ry")))
_TEXT = re.compile(
    "<text"
    + "".join(f'(?=(?:[^>]* {a}="([^"]*)")?)' for a in ("text-anchor", "x", "y", "font-size"))
    + "[^>]*?(?: />|>([^<]*)</text>)"
)


def _characters(text: str, references: dict[str, str]) -> str:
    """Text with these references replaced by their characters."""
    if "&" in text:
        for reference, character in references.items():
            text = text.replace(reference, character)
    return text


def _plain(value: str) -> str:
    """A value as the parser reads it (the references kept in the text undone)."""
    if "&" not in value:
        return value
    return value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@dataclass
class Gathered:
    """What svgpass's pass gathers from a drawing (see its _Reader for each field)."""

    size: tuple[float, float]
    node_titles: list[str]
    edges: int
    out: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    link_at: list[int] = field(default_factory=list)
    root_attrs: dict[str, str] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    xlink: int = 0
    graph: list[Child] = field(default_factory=list)
    graph_transform: str = ""
    graph_end: int = 0
    found: dict[str, list[str]] = field(default_factory=dict)
    root_title: str | None = None


def gather(svg: bytes, *, page: bool, key: bool) -> Gathered | None:
    """What svgpass would gather from `svg` (already parsed once by expat, so well-formed,
    without entity declarations, and with nothing that could be a coordinate that is not a
    number), or None where it is not in Graphviz's shape."""
    if b"\r" in svg or b"url(" in svg:
        return None
    try:
        text = svg.decode("utf-8")
    except UnicodeDecodeError:
        return None
    head = _HEAD.match(text)
    if head is None or not text.endswith(("</svg>", "</svg>\n")):
        return None
    body = text[head.end() : text.rindex("</svg>")]
    if _BODY.fullmatch(body) is None:
        return None
    references: dict[str, str] = {}  # each reference replaced, with its character
    if "&" in body:
        for reference in set(_REFERENCE.findall(body)) - _KEPT_REFERENCES:
            number = _NUMBERED.fullmatch(reference)
            if number is None:
                return None
            character = chr(int(number.group(1)) if number.group(1) else int(number.group(2), 16))
            if character in _KEPT_CHARACTERS:
                return None
            references[reference] = character
    if page:  # the copy holds the characters; the facts need them only in the boxes' names
        for reference, character in references.items():
            body = body.replace(reference, character)
        references = {}
        if "\\" in body or _URL_LIKE.search(body) is not None:
            return None  # a url() written otherwise, or with a CSS escape: svgpass decides
    root = _root(head.group(1))
    if root is None:
        return None
    box = root.get("viewBox", "").split()
    try:
        size = (float(box[2]), float(box[3])) if len(box) == 4 else (0.0, 0.0)
    except ValueError:
        return None
    hrefs = _HREF.findall(body) if page else []
    if any(not href.startswith("#") for href in hrefs):
        return None
    graph = _GRAPH.search(body)
    graph_close = body.rfind("</g>")
    if graph is None or body[graph_close:].strip() != "</g>":
        return None
    children = list(_CHILD.finditer(body, graph.end(), graph_close))
    if len(children) != body.count(' class="') - 1:  # every classed <g> but the graph
        return None
    titles = [_plain(_characters(child.group(2), references)) for child in children]
    nodes = [title for child, title in zip(children, titles, strict=True) if child.group(1) == "node"]
    edges = sum(1 for child in children if child.group(1) == "edge")
    gathered = Gathered(size, nodes, edges)
    if not page:
        return gathered
    # The copy: ids ready for the prefix, links marked, `target` left out, empty elements
    # closed as ElementTree closes them.
    body = _LINKED.sub(LINK + r"\1", body.replace(' id="', ' id="\0').replace("/>", " />"))
    if ' target="' in body:
        body = _TARGET.sub("", body)
    if "></" in body:
        body = _EMPTY.sub(r"\1 />", body)
    labels = _LABELS.match(body)
    graph = _GRAPH.search(body)
    if labels is None or graph is None or graph.start() != labels.end():
        return None  # svgpass adds a <title> and <desc> where they are missing
    gathered.ids = [_plain(i) for i in _IDS.findall(body)]
    if len(set(gathered.ids)) != len(gathered.ids):
        return None  # which of two copies of an id stays is svgpass's to decide
    gathered.links = [Link("xlink:href", _plain(href[1:])) for href in hrefs]
    gathered.root_attrs = root
    gathered.xlink = body.count(' xlink:title="')
    title_id, title, desc_id, desc = labels.groups()
    gathered.found = {"title": [_plain(title_id), _plain(title)], "desc": [_plain(desc_id), _plain(desc)]}
    gathered.root_title = _plain(title)
    gathered.graph_transform = _plain(graph.group(1) or "")
    children = list(_CHILD.finditer(body, graph.end(), body.rfind("</g>")))
    return gathered if _pieces(gathered, body, graph.end(), children, titles, key) else None


def _root(attributes: str) -> dict[str, str] | None:
    """The root's attributes as the parser gives them (namespace declarations aside), or
    None where one is in a namespace or a declaration is not the SVG or XLink one."""
    root: dict[str, str] = {}
    svg = False  # the SVG namespace declared: else the root is no SVG <svg> (svgpass refuses it)
    for name, value in _ROOT_ATTRIBUTE.findall(attributes):
        if name == "xmlns":
            if value != SVG_NS:
                return None
            svg = True
        elif name == "xmlns:xlink":
            if value != XLINK_NS:
                return None
        elif ":" in name or name in root:
            return None
        else:
            root[name] = _plain(value)
    return root if svg else None


def _pieces(
    gathered: Gathered, body: str, start: int, children: list[re.Match[str]], titles: list[str], key: bool
) -> bool:
    """The copy in pieces as svgpass makes them, the graph's children with what the key and
    the crop need of them; False where the graph is not in Graphviz's shape."""
    first = children[0].start() if children else body.rfind("</g>")
    out = gathered.out
    out += ["", ">" + body[:start]]
    graph = gathered.graph
    # The children before the first <g>, one by one: the first polygon is the background.
    at, background = start, True
    for match in _LEADING.finditer(body, start, first):
        if match.start() != at:
            return False
        at = match.end()
        local = match.group(1)
        child = Child(local, len(out))
        piece = match.group(0)
        if local == "polygon" and background:
            child.background, background = True, False
        elif local == "text":
            child.text = _plain(match.group(2) or "")
        child.ids = [_plain(i) for i in _IDS.findall(piece)]
        child.xlink = piece.count(' xlink:title="')
        if not _measure(child, piece):
            return False
        graph.append(child)
        out.append(piece)
    if at != first:
        return False
    leading = len(graph)
    # The <g> children: the key's one by one, the others in runs between them. Each is
    # looked at in place (count, find and endswith within it), not copied: a build's
    # drawings have 38,000 children, most of them in runs, copied once each as a whole.
    close = body.rfind("</g>")
    ends = [child.start() for child in children[1:]] + [close]
    run = -1  # where the run being read begins
    runs: list[Child] = []
    for match, end, title in zip(children, ends, titles, strict=True):
        begin = match.start()
        closes = body.count("</g>", begin, end)
        if body.count("<g", begin, end) != closes or not _ends_g(body, begin, end):
            return False
        if closes > 1 and not _one(body, begin, end, closes):
            return False
        if title == "cluster_legend" or title.startswith("legend-"):
            if run >= 0:
                runs.append(_run(graph, out, body[run:begin]))
                run = -1
            piece = body[begin:end]
            child = Child("g", len(out))
            child.title = title
            child.ids = [_plain(i) for i in _IDS.findall(piece)]
            child.xlink = piece.count(' xlink:title="')
            graph.append(child)
            out.append(piece)
        elif run < 0:
            run = begin
    if run >= 0:
        runs.append(_run(graph, out, body[run:close]))
    gathered.graph_end = len(out)
    out += ["</g>", body[close + 4 :] + "</svg>"]
    if key and runs and len(runs) < len(graph) - leading:
        # The key is taken out: what is left is measured for the crop, all in the first run
        # (the crop takes the smallest box around every child kept).
        if not _measure_all(runs[0], "".join(out[child.begin] for child in runs)):
            return False
    gathered.link_at = [n for n, piece in enumerate(out) for _ in range(piece.count(LINK))]
    return True


def _ends_g(body: str, begin: int, end: int) -> bool:
    """body[begin:end] ends with a </g>, but for line breaks."""
    if body.endswith(("</g>\n", "</g>"), begin, end):  # as Graphviz writes it
        return True
    return body[begin:end].rstrip("\n").endswith("</g>")


def _one(body: str, begin: int, end: int, closes: int) -> bool:
    """body[begin:end], which starts with a <g>, ends with a </g> and has `closes` of them,
    is that one element, not several beside one another (each of which svgpass reads as a
    child of the graph)."""
    if closes == 2:  # a node and its link's <g>, as Graphviz writes them
        return body.find("<g", begin + 2, end) < body.find("</g>", begin, end)
    piece = body[begin:end]
    depth = 0
    for match in _G_TAG.finditer(piece):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end() == len(piece.rstrip("\n"))
    return False


def _run(graph: list[Child], out: list[str], run: str) -> Child:
    """Children of the graph that are not the key's, as one: its ids are not listed (each
    id is the drawing's once, so what the key takes out is all finish needs)."""
    child = Child("g", len(out))
    graph.append(child)
    out.append(run)
    return child


def _measure(child: Child, piece: str) -> bool:
    """A leading child's extent (svgpass's _extent and shapes); False as _measure_all."""
    if child.local in ("polygon", "polyline", "path") and not child.background:
        match = _SHAPE.match(piece)
        child.shapes.append((match.group(1) or match.group(2) or "") if match else "")
    elif child.local in ("ellipse", "text"):
        return _measure_all(child, piece)
    return True


def _measure_all(child: Child, piece: str) -> bool:
    """What a run of children adds to the extent: their shapes, ellipses and lines of text.
    False where an ellipse or a text is not written as Graphviz writes it, or a number of
    theirs cannot be read (svgpass reads it as its default)."""
    try:
        if piece.count("<ellipse") or child.local == "ellipse":
            ellipses = _ELLIPSE.findall(piece)
            if len(ellipses) != piece.count("<ellipse"):
                return False
            for found in ellipses:
                child.add_ellipse(*(float(number or 0) for number in found))
        texts = _GRAPHVIZ_TEXT.findall(piece)
        if len(texts) != piece.count("<text"):
            texts = _TEXT.findall(piece)
            if len(texts) != piece.count("<text"):
                return False
        for anchor, x, y, size, words in texts:
            if words:
                child.add_text(
                    float(x or 0), float(y or 0), float(size or 14), anchor or "start", _plain(words)
                )
    except ValueError:
        return False
    if child.local == "g":
        child.shapes += [points or d for points, d in _SHAPE.findall(piece)]
    return True
