"""Diagrams for the guide: drawn by boardmap.render, placed in the page as inline SVG.

The page must load nothing from the network and run nothing, whatever a map says. Each
drawing is cleaned once, where it is drawn, in one streaming pass with an allow-list of
elements and attributes (boardmap.render.svgpass): scripts, foreign content, event
handlers, style sheets and links that leave the page do not survive, the key is taken out
(the page shows it in words) and every id is made ready for a prefix, so that several
diagrams (and the page's own `board-<id>` anchors) never share an id. A build hands the
guide the copies its workers made; a drawing from disk is read once here the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from boardmap.errors import BoardmapError
from boardmap.escape import plain
from boardmap.guide.doc import Figure, KeyEntry
from boardmap.guideplan import shown_views as shown_views
from boardmap.model import GovernanceMap
from boardmap.outputs import anchor, safe_name
from boardmap.render import svgpage, svgpass
from boardmap.say.diagrams import DIAGRAM_LABELS
from boardmap.say.vocab import KIND_NAMES, LINK_LABELS

if TYPE_CHECKING:
    from boardmap.render.views import Labels


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
    copies: Callable[[str], svgpage.Page | None] | None = None,
) -> Figure:
    """A view drawn as inline SVG for the page. `copies` may give the page's copy of a file
    already drawn (boardmap build's workers make it as they draw), and `drawn` its SVG (the
    same bytes as render_view's), so it is neither drawn nor read again; `keep`, where
    given, receives each SVG file drawn (by file name), so that the Markdown guide's images
    can be written beside it. Where it cannot be drawn (a renderer is missing), the figure
    says why instead of failing the whole guide."""
    file = f"{safe_name(view)}.svg"
    try:
        from boardmap.render import describe, render_drawing
    except ImportError:
        return Figure(view, None, view, "", file, "boardmap's diagram renderer is not installed")
    try:
        copy = copies(file) if copies else None
        data = drawn(file) if drawn else None
        if data is None:
            drawing = render_drawing(gmap, view, "svg", page=True)
            data, copy = drawing.data, drawing.page
        if copy is None:
            _, copy = svgpass.read(data, page=True, key=True, description=lambda: describe(gmap, view))
        assert copy is not None
        desc = copy.desc or describe(gmap, view)
    except BoardmapError as exc:
        if isinstance(exc, svgpass.NotSvg):
            raise
        return Figure(view, None, view, "", file, str(exc))
    if keep is not None:
        keep[file] = data
    svg = copy.markup(anchor(safe_name(view), "svg-"), anchors)
    return Figure(view, svg, copy.title, desc, file, key=key_entries(copy.key))


def waiting(gmap: GovernanceMap, view: str, known: dict[str, Labels] | None = None) -> Figure:
    """A view's figure before it is drawn: its title (as its drawing will say it), no
    drawing yet (boardmap.guide.finish_guide places it, with the drawing's description).
    `known` holds views' labels already known; any other view's heading is worked out
    without building its diagram (boardmap.render.views.heading)."""
    from boardmap.render.views import heading

    said = known.get(view) if known else None
    title = said.heading if said is not None else heading(gmap, view)
    description = said.description if said is not None else ""
    return Figure(view, None, plain(title), plain(description), f"{safe_name(view)}.svg")


_DASHES = {"dotted": "1,4", "dashed": "6,3"}


def key_entries(keyed: Collection[tuple[str, str]]) -> tuple[KeyEntry, ...]:
    """What a diagram's key listed, with how boardmap.render draws each entry."""
    entries = (_key_entry(what, kind) for what, kind in keyed)
    return tuple(entry for entry in entries if entry is not None)


@functools.lru_cache(maxsize=1024)  # a map's 677 keys list 8,000 entries of a few dozen kinds
def _key_entry(what: str, kind: str) -> KeyEntry | None:
    from boardmap.render.dot import BOX_STYLES, LINE_STYLES, STEP_KIND_NAMES

    if what == "line" and kind in LINE_STYLES:
        line = LINE_STYLES[kind]
        text = LINK_LABELS.get(kind) or DIAGRAM_LABELS.get(kind, kind)
        width = 3.0 if line.style == "bold" else max(1.0, float(line.penwidth))
        return KeyEntry(text, True, line.color, _DASHES.get(line.style, ""), width, line.arrowhead)
    if what == "box" and kind in BOX_STYLES:
        box = BOX_STYLES[kind]
        text = STEP_KIND_NAMES.get(kind) or KIND_NAMES.get(kind, kind)
        shape = "ellipse" if box.shape == "ellipse" else ("rounded" if "rounded" in box.style else "box")
        return KeyEntry(
            text,
            False,
            "#000000",
            "6,3" if "dashed" in box.style else "",
            float(box.penwidth),
            shape,
            box.fill,
        )
    return None


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
    `key` list, the drawing's key is taken out and what it listed is added to the list,
    for the page to show under the drawing."""
    _, copy = svgpass.read(data, page=True, key=key is not None, description=lambda: description)
    assert copy is not None
    if key is not None:
        key.extend(copy.key)
    return copy.markup(prefix, anchors), copy.title, copy.desc
