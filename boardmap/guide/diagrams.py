"""Diagrams for the guide: drawn by boardmap.render, then made safe to put inside the page.

The page must load nothing from the network and run nothing, whatever a map says, so each
SVG is parsed and rebuilt: scripts, foreign content, event handlers and links that leave
the page are dropped, and every id is prefixed so that several diagrams (and the page's own
`board-<id>` anchors) never share an id.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection

from boardmap import words
from boardmap.errors import BoardmapError
from boardmap.guide.doc import Figure, KeyEntry
from boardmap.guide.key import take_key
from boardmap.model import GovernanceMap
from boardmap.outputs import anchor, safe_name

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Elements that could run code, load something, or hide HTML inside the drawing.
_DROPPED = frozenset(
    {
        "script",
        "foreignObject",
        "iframe",
        "object",
        "embed",
        "image",
        "style",
        "use",
        "link",
        "meta",
        "animate",
        "animateMotion",
        "animateTransform",
        "set",
        "handler",
        "audio",
        "video",
        "canvas",
    }
)
_URL = re.compile(r"url\(\s*['\"]?#([^)'\"]+)['\"]?\s*\)")

Renderer = Callable[[GovernanceMap, str], bytes]


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def view_names(gmap: GovernanceMap) -> list[str]:
    """The views boardmap.render can draw for this map (none where it cannot be imported)."""
    try:
        from boardmap.render.views import view_names as names
    except ImportError:
        return []
    return names(gmap)


def draw(
    gmap: GovernanceMap,
    view: str,
    anchors: Collection[str],
    drawn: Callable[[str], bytes | None] | None = None,
    keep: dict[str, bytes] | None = None,
) -> Figure:
    """A view drawn as inline SVG for the page. `drawn` may give the SVG of a file already
    drawn (boardmap build's, the same bytes as render_view's), so it is not drawn twice;
    `keep`, where given, receives each SVG file drawn (by file name), so that the Markdown
    guide's images can be written beside it. Where it cannot be drawn (a renderer is
    missing), the figure says why instead of failing the whole guide."""
    file = f"{safe_name(view)}.svg"
    try:
        from boardmap.render import describe, render_view
    except ImportError:
        return Figure(view, None, view, "", file, "boardmap's diagram renderer is not installed")
    try:
        description = describe(gmap, view)
        data = (drawn(file) if drawn else None) or render_view(gmap, view, "svg")
    except BoardmapError as exc:
        return Figure(view, None, view, "", file, str(exc))
    keyed: list[tuple[str, str]] = []
    svg, title, desc = inline_svg(data, anchor(safe_name(view), "svg-"), anchors, description, key=keyed)
    if keep is not None:
        keep[file] = data
    return Figure(view, svg, title, desc or description, file, key=key_entries(keyed))


_DASHES = {"dotted": "1,4", "dashed": "6,3"}


def key_entries(keyed: list[tuple[str, str]]) -> tuple[KeyEntry, ...]:
    """What a diagram's key listed, with how boardmap.render draws each entry."""
    from boardmap.render.dot import BOX_STYLES, LINE_STYLES, STEP_KIND_NAMES

    entries: list[KeyEntry] = []
    for what, kind in keyed:
        if what == "line" and kind in LINE_STYLES:
            line = LINE_STYLES[kind]
            text = words.LINK_LABELS.get(kind) or words.DIAGRAM_LABELS.get(kind, kind)
            width = 3.0 if line.style == "bold" else max(1.0, float(line.penwidth))
            entries.append(
                KeyEntry(text, True, line.color, _DASHES.get(line.style, ""), width, line.arrowhead)
            )
        elif what == "box" and kind in BOX_STYLES:
            box = BOX_STYLES[kind]
            text = STEP_KIND_NAMES.get(kind) or words.KIND_NAMES.get(kind, kind)
            shape = "ellipse" if box.shape == "ellipse" else ("rounded" if "rounded" in box.style else "box")
            entries.append(
                KeyEntry(
                    text,
                    False,
                    "#000000",
                    "6,3" if "dashed" in box.style else "",
                    float(box.penwidth),
                    shape,
                    box.fill,
                )
            )
    return tuple(entries)


def inline_svg(
    data: bytes,
    prefix: str,
    anchors: Collection[str],
    description: str = "",
    *,
    key: list[tuple[str, str]] | None = None,
) -> tuple[str, str, str]:
    """An SVG document made safe to put inside the page: (markup, title, description).
    `anchors` are the ids of the page's own sections that links may point to. Given a
    `key` list, the drawing's key is taken out (boardmap.guide.key) and what it listed is
    added to the list, for the page to show under the drawing."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise BoardmapError(f"a diagram is not valid SVG ({exc})") from exc
    if _local(root.tag) != "svg":
        raise BoardmapError("a diagram is not SVG")
    _drop_dangerous(root)
    if key is not None:
        key.extend(take_key(root))
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for el in root.iter():
        _clean_attributes(el, prefix, ids, anchors)
    title_el, desc_el = _title_and_desc(root, prefix, description)
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_el.get('id')} {desc_el.get('id')}")
    root.set("focusable", "false")
    width = _points(root.get("width"))
    if width:
        # One CSS pixel per point (three quarters of full size) keeps 10-point labels legible;
        # the page lets a wider diagram scroll sideways inside its frame.
        root.set("style", f"width:{round(width)}px")
    markup = ET.tostring(root, encoding="unicode")
    return markup, " ".join((title_el.text or "").split()), " ".join((desc_el.text or "").split())


def _points(length: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+)\s*(pt)?\s*", length or "")
    try:
        return float(match.group(1)) if match else None
    except ValueError:
        return None


def _drop_dangerous(root: ET.Element) -> None:
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or _local(child.tag) in _DROPPED:
                parent.remove(child)


def _clean_attributes(el: ET.Element, prefix: str, ids: set[str | None], anchors: Collection[str]) -> None:
    for attr in list(el.attrib):
        name, value = _local(attr).lower(), el.attrib[attr]
        if name.startswith("on") or name == "target":
            del el.attrib[attr]
        elif name == "id":
            el.attrib[attr] = prefix + value
        elif name == "href":
            target = value[1:] if value.startswith("#") else None
            if target is not None and target in anchors:
                continue  # a board's section of the guide
            if target is not None and target in ids:
                el.attrib[attr] = f"#{prefix}{target}"
            else:
                del el.attrib[attr]  # off the page, or to a section the page does not have
        elif name in ("aria-labelledby", "aria-describedby"):
            el.attrib[attr] = " ".join(prefix + part for part in value.split())
        elif "url(" in value:
            clean = _URL.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
            if "url(" in _URL.sub("", clean):
                del el.attrib[attr]
            else:
                el.attrib[attr] = clean


def _title_and_desc(root: ET.Element, prefix: str, description: str) -> tuple[ET.Element, ET.Element]:
    """The SVG's own <title> and <desc> (first inside it), added where missing."""
    found: dict[str, ET.Element] = {}
    for child in list(root)[:2]:
        if _local(child.tag) in ("title", "desc"):
            found[_local(child.tag)] = child
    if "title" not in found:
        found["title"] = ET.Element(f"{{{SVG_NS}}}title")
        found["title"].text = description
        root.insert(0, found["title"])
    if "desc" not in found:
        found["desc"] = ET.Element(f"{{{SVG_NS}}}desc")
        found["desc"].text = description
        root.insert(1, found["desc"])
    for kind, el in found.items():
        if not el.get("id"):
            el.set("id", f"{prefix}{kind}")
    return found["title"], found["desc"]
