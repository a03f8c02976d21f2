"""A drawing as a page may hold it inline: what may stay of an SVG (the allow-list), how
what stays is written (as xml.etree.ElementTree writes it), and the Page that the guide
places with its own prefix for ids and its own sections for links. The streaming pass that
makes a Page is boardmap.render.svgpass."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def names(text: str) -> frozenset[str]:
    """Names written one after another, as a set."""
    return frozenset(text.split())


# What a drawing may hold: Graphviz's own elements, and the few shapes and paint servers
# like them that could appear in an SVG drawn elsewhere. Nothing that runs, loads, animates
# or embeds (script, style, foreignObject, image, use, animate, iframe ...).
ELEMENTS = names(
    """
    svg g title desc a polygon polyline path ellipse circle rect line text tspan defs
    linearGradient radialGradient stop
    """
)
# Attributes without a namespace that may stay: geometry, paint, text and accessibility.
# Links (href) are kept only to ids and sections (see Link); `style` is
# not kept (CSS can load things), nor any event handler or `target`.
ATTRIBUTES = names(
    """
    id class transform points d x y x1 y1 x2 y2 cx cy r rx ry fx fy width height viewBox
    preserveAspectRatio fill fill-opacity fill-rule stroke stroke-width stroke-dasharray
    stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit opacity font-family
    font-size font-weight font-style text-anchor text-decoration dominant-baseline
    baseline-shift offset stop-color stop-opacity gradientUnits gradientTransform role
    aria-label aria-labelledby aria-describedby focusable href
    """
)
# Attributes in a namespace that may stay, as (namespace, name): the link and its tooltip,
# and how a text's white space is kept.
NAMESPACED = frozenset({(XLINK_NS, "href"), (XLINK_NS, "title"), (XML_NS, "space")})
PREFIXES = {XLINK_NS: "xlink", XML_NS: "xml"}

_URL = re.compile(r"url\(\s*['\"]?#([^)'\"]+)['\"]?\s*\)")
# A url() as a browser reads it, in any case (a CSS escape, such as u\72 l, is refused
# wherever a value holds a '(': no function is written without one).
_URL_LIKE = re.compile(r"\((?<=[uU][rR][lL]\()")
_POINTS = re.compile(r"\s*([0-9.]+)\s*(pt)?\s*")

# In the copy as it is written, two characters that no XML document can hold stand for
# where the page's prefix goes and where a link's attribute goes (decided by `markup`).
PREFIX = "\0"
LINK = "\x01"


@dataclass(frozen=True)
class Link:
    """A link to `#target`, decided when the page is placed: kept as it is to a section of
    the page, to the drawing's own id with the prefix, else left out."""

    name: str  # the attribute's name as written: 'xlink:href' or 'href'
    target: str
    in_drawing: bool = False

    def attribute(self, prefix: str, anchors: Collection[str]) -> str:
        if self.target in anchors:
            return f' {self.name}="#{attrib(self.target)}"'
        if self.in_drawing:
            return f' {self.name}="#{prefix}{attrib(self.target)}"'
        return ""


@dataclass(frozen=True)
class Page:
    """A drawing cleaned for a page (see the module's docstring), its ids waiting for the
    page's prefix and its links to sections for the page's anchors (`markup`)."""

    parts: tuple[str, ...]  # PREFIX where the prefix goes; a link between two
    links: tuple[Link, ...]
    xlink: bool  # the xlink namespace is declared whatever the links
    title: str  # the drawing's <title> and <desc>, as one line each
    desc: str
    key: tuple[tuple[str, str], ...] = ()  # ('line', link type) and ('box', kind of body)

    def markup(self, prefix: str, anchors: Collection[str] = ()) -> str:
        """The drawing's SVG for the page, every id prefixed with `prefix`; a link to a
        section of the page (an id in `anchors`) kept as it is."""
        prefix = attrib(prefix)
        said = [link.attribute(prefix, anchors) for link in self.links]
        out = [self.parts[0].replace(PREFIX, prefix)]
        if not self.xlink and any(a.startswith(" xlink:") for a in said):
            out[0] = out[0].replace(_NO_XLINK, _WITH_XLINK, 1)
        for link, part in zip(said, self.parts[1:], strict=True):
            out.append(link)
            out.append(part.replace(PREFIX, prefix))
        return "".join(out)


_NO_XLINK = f'<svg xmlns="{SVG_NS}"'
_WITH_XLINK = f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"'


def cdata(text: str) -> str:
    """Text escaped as ElementTree writes an element's text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def attrib(text: str) -> str:
    """Text escaped as ElementTree writes an attribute's value."""
    text = cdata(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def points(length: str | None) -> float | None:
    """A length in points ('612pt' or '612'), or None."""
    match = _POINTS.fullmatch(length or "")
    try:
        return float(match.group(1)) if match else None
    except ValueError:
        return None


def attribute(name: str, value: str, links: list[Link]) -> str | None:
    """An attribute of the allow-list, cleaned, as the copy writes it (a link's place
    marked, its link added to `links`); None where it goes."""
    if name in PLAIN:
        if "(" not in value:
            return f' {name}="{attrib(value)}"'
    elif " " in name:
        uri, _, local = name.partition(" ")
        if (uri, local) not in NAMESPACED:
            return None
        name = f"{PREFIXES[uri]}:{local}"
        if local == "href":
            return link(name, value, links)
        return f' {name}="{attrib(value)}"'
    elif name == "id":
        return f' id="{PREFIX}{attrib(value)}"'
    elif name == "href":
        return link(name, value, links)
    elif name in ("aria-labelledby", "aria-describedby"):
        return f' {name}="' + " ".join(PREFIX + attrib(part) for part in value.split()) + '"'
    else:
        return None
    if "\\" in value or _URL_LIKE.search(_URL.sub("", value)):
        return None  # a reference that leaves the drawing, or may: a CSS escape
    said = [f' {name}="']
    last = 0
    for match in _URL.finditer(value):
        said += [attrib(value[last : match.start()]), "url(#", PREFIX, attrib(match.group(1)), ")"]
        last = match.end()
    return "".join([*said, attrib(value[last:]), '"'])


def link(name: str, value: str, links: list[Link]) -> str | None:
    """A link to a place in the page, decided when it is placed; anything else leaves it."""
    if not value.startswith("#"):
        return None
    links.append(Link(name, value[1:]))
    return LINK


# Attributes written as they are (but for a value with a '(', which may be a url(): one must
# stay in the drawing).
PLAIN = ATTRIBUTES - {"id", "href", "aria-labelledby", "aria-describedby"}
ESCAPED = re.compile('[&<>"\r\n\t]').search  # a value that must be escaped


def element(local: str, text: str) -> str:
    """A <title> or <desc> added to a drawing."""
    return f'<{local} id="{PREFIX}{local}"' + (f">{cdata(text)}</{local}>" if text else " />")
