"""`boardmap export --to drawio`: the map's diagrams as one diagrams.net (draw.io) file, a
page for each view, with every box and line where Graphviz laid it out, in the same shapes,
colours and labels, and every one of them editable. diagrams.net also saves as Visio
(.vsdx), so this is the way into Visio too.

The layout is the built-in Graphviz's own (its `json` output, the same layout as the SVG):
no system package is needed. Coordinates are turned from Graphviz's points, with y going
up, into draw.io's, with y going down.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import Any

from boardmap.model import GovernanceMap

# Graphviz's shapes as draw.io styles.
_SHAPES = {
    "box": "rounded=0;",
    "rect": "rounded=0;",
    "rectangle": "rounded=0;",
    "ellipse": "ellipse;",
    "oval": "ellipse;",
    "circle": "ellipse;aspect=fixed;",
    "box3d": "shape=cube;size=6;",
    "component": "shape=component;",
    "note": "shape=note;size=10;",
    "plaintext": "text;",
    "plain": "text;",
    "none": "text;",
    "point": "ellipse;aspect=fixed;fillColor=#000000;",
}
# Graphviz's arrowheads as draw.io's.
_ARROWS = {
    "normal": ("block", 1),
    "vee": ("open", 0),
    "empty": ("block", 0),
    "diamond": ("diamond", 1),
    "dot": ("oval", 1),
    "odot": ("oval", 0),
    "none": ("none", 0),
    "tee": ("dash", 0),
    "inv": ("block", 1),
}
_ESCAPES = re.compile(r"\\([nlrNGETHL])")


def layouts(
    gmap: GovernanceMap, views: Iterable[str] | None = None
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each view's name, heading and Graphviz layout (the built-in Graphviz's json output,
    the layout its SVG has), for the editable formats (draw.io here, PowerPoint in pptx.py)."""
    from boardmap.render import build_view, view_names
    from boardmap.render.dot import to_dot
    from boardmap.render.engines import render_wasm

    for name in list(views) if views is not None else view_names(gmap):
        view = build_view(gmap, name)
        layout = json.loads(render_wasm(to_dot(view), "json", what=f"the diagram '{name}'"))
        yield name, view.heading, layout


def to_drawio(gmap: GovernanceMap, views: Iterable[str] | None = None) -> str:
    """The .drawio XML of the map's views (default: every view), deterministic."""
    root = ET.Element("mxfile", host="boardmap", type="device", compressed="false")
    for name, heading, layout in layouts(gmap, views):
        root.append(_page(name, heading, layout))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode") + "\n"


def _page(name: str, heading: str, layout: dict[str, Any]) -> ET.Element:
    diagram = ET.Element("diagram", id=name, name=heading[:80] or name)
    x0, y0, x1, y1 = (float(v) for v in str(layout.get("bb", "0,0,0,0")).split(","))
    height = y1 - y0
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        dx="0",
        dy="0",
        grid="0",
        gridSize="10",
        guides="1",
        tooltips="1",
        connect="1",
        arrows="1",
        fold="1",
        page="1",
        pageScale="1",
        pageWidth=_n(x1 - x0 + 40),
        pageHeight=_n(height + 40),
        math="0",
        shadow="0",
    )
    cells = ET.SubElement(model, "root")
    ET.SubElement(cells, "mxCell", id="0")
    ET.SubElement(cells, "mxCell", {"id": "1", "parent": "0"})
    objects = layout.get("objects", [])
    label = label_text(layout.get("label"))
    if label and "lp" in layout:
        x, y = _point(layout["lp"], height)
        width = float(layout.get("lwidth", 2)) * 72
        tall = float(layout.get("lheight", 0.4)) * 72
        _vertex(
            cells,
            f"{name}-title",
            label,
            f"text;align=center;verticalAlign=middle;fontSize={layout.get('fontsize', 14)};",
            x - width / 2,
            y - tall / 2,
            width,
            tall,
        )
    ids: dict[int, str] = {}
    for obj in objects:  # boxes round groups first, so that they lie under what they hold
        if "nodes" in obj:
            _cluster(cells, name, obj, height)
    for obj in objects:
        if "nodes" not in obj and "pos" in obj:
            ids[obj["_gvid"]] = f"{name}-n{obj['_gvid']}"
            _node(cells, ids[obj["_gvid"]], obj, height)
    for edge in layout.get("edges", []):
        if "invis" in str(edge.get("style", "")):
            continue
        source, target = ids.get(edge.get("tail", -1)), ids.get(edge.get("head", -1))
        if source is None or target is None:
            continue
        _edge(cells, f"{name}-e{edge['_gvid']}", edge, source, target, height)
    return diagram


def _n(value: float) -> str:
    """A coordinate, rounded to a hundredth and written without a needless '.0'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _point(text: str, height: float) -> tuple[float, float]:
    x, y = (float(v) for v in text.split(",")[:2])
    return x, height - y


def label_text(value: Any) -> str:
    """A Graphviz label as plain text: its escapes (\\n, \\l, \\r) as line breaks."""
    if value is None or value == "\\N":
        return ""
    text = str(value)
    if text.startswith("<") and text.endswith(">"):  # an HTML-like label: its words only
        text = re.sub(r"<br\s*/?>", "\n", text[1:-1], flags=re.I)
        text = re.sub(r"<[^>]+>", "", text)
    return _ESCAPES.sub(lambda m: "\n" if m[1] in "nlr" else "", text).strip("\n")


def _style(attrs: dict[str, Any], base: str) -> str:
    style = base
    styles = str(attrs.get("style", "")).split(",")
    if "rounded" in styles and "rounded=0;" in style:
        style = style.replace("rounded=0;", "rounded=1;")
    if "dashed" in styles:
        style += "dashed=1;"
    if "dotted" in styles:
        style += "dashed=1;dashPattern=1 3;"
    if "filled" in styles and attrs.get("fillcolor"):
        style += f"fillColor={attrs['fillcolor']};"
    elif "fillColor" not in style:
        style += "fillColor=none;" if "text;" not in style else ""
    if attrs.get("color"):
        style += f"strokeColor={attrs['color']};"
    if attrs.get("penwidth"):
        style += f"strokeWidth={attrs['penwidth']};"
    if attrs.get("fontcolor"):
        style += f"fontColor={attrs['fontcolor']};"
    style += f"fontSize={attrs.get('fontsize', 12)};fontFamily=Helvetica;whiteSpace=wrap;html=0;"
    return style


def _vertex(
    cells: ET.Element,
    ident: str,
    value: str,
    style: str,
    x: float,
    y: float,
    width: float,
    height: float,
    tooltip: str | None = None,
) -> None:
    if tooltip:  # draw.io keeps a tooltip on a UserObject round the cell
        holder = ET.SubElement(cells, "UserObject", {"id": ident, "label": value, "tooltip": tooltip})
        cell = ET.SubElement(holder, "mxCell", {"style": style, "vertex": "1", "parent": "1"})
    else:
        cell = ET.SubElement(
            cells, "mxCell", {"id": ident, "value": value, "style": style, "vertex": "1", "parent": "1"}
        )
    ET.SubElement(
        cell,
        "mxGeometry",
        {"x": _n(x), "y": _n(y), "width": _n(width), "height": _n(height), "as": "geometry"},
    )


def _cluster(cells: ET.Element, page: str, obj: dict[str, Any], height: float) -> None:
    if "bb" not in obj:
        return
    x0, y0, x1, y1 = (float(v) for v in str(obj["bb"]).split(","))
    vertical = "bottom" if obj.get("labelloc") == "b" else "top"
    align = {"l": "left", "r": "right"}.get(str(obj.get("labeljust", "")), "center")
    style = _style({**obj, "style": obj.get("style", "")}, "rounded=0;container=0;")
    style += f"verticalAlign={vertical};align={align};spacingLeft=8;"
    if obj.get("bgcolor"):
        style = style.replace("fillColor=none;", f"fillColor={obj['bgcolor']};")
    _vertex(
        cells,
        f"{page}-c{obj['_gvid']}",
        label_text(obj.get("label")),
        style,
        x0,
        height - y1,
        x1 - x0,
        y1 - y0,
    )


def _node(cells: ET.Element, ident: str, obj: dict[str, Any], height: float) -> None:
    x, y = _point(obj["pos"], height)
    width, tall = float(obj.get("width", 0.75)) * 72, float(obj.get("height", 0.5)) * 72
    base = _SHAPES.get(str(obj.get("shape", "ellipse")), "rounded=0;")
    label = label_text(obj.get("label", obj.get("name")))
    if label == "" and obj.get("label") in (None, "\\N"):
        label = str(obj.get("name", ""))
    _vertex(
        cells,
        ident,
        label,
        _style(obj, base),
        x - width / 2,
        y - tall / 2,
        width,
        tall,
        tooltip=str(obj["tooltip"]) if obj.get("tooltip") else None,
    )


def _edge(
    cells: ET.Element, ident: str, edge: dict[str, Any], source: str, target: str, height: float
) -> None:
    head, tail = str(edge.get("arrowhead", "normal")), str(edge.get("arrowtail", "none"))
    if edge.get("dir") == "back":
        head, tail = "none", tail
    elif edge.get("dir") != "both":
        tail = "none"
    end, end_fill = _ARROWS.get(head, ("block", 1))
    start, start_fill = _ARROWS.get(tail, ("none", 0))
    style = (
        f"edgeStyle=none;curved=1;html=0;endArrow={end};endFill={end_fill};"
        f"startArrow={start};startFill={start_fill};"
    )
    styles = str(edge.get("style", "")).split(",")
    if "dashed" in styles:
        style += "dashed=1;"
    if "dotted" in styles:
        style += "dashed=1;dashPattern=1 3;"
    if edge.get("color"):
        style += f"strokeColor={str(edge['color']).split(':')[0]};"
    if edge.get("penwidth"):
        style += f"strokeWidth={edge['penwidth']};"
    style += f"fontSize={edge.get('fontsize', 10)};fontFamily=Helvetica;labelBackgroundColor=#ffffff;"
    cell = ET.SubElement(
        cells,
        "mxCell",
        {
            "id": ident,
            "value": label_text(edge.get("label")),
            "style": style,
            "edge": "1",
            "parent": "1",
            "source": source,
            "target": target,
        },
    )
    geometry = ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
    points = _spline(str(edge.get("pos", "")), height)
    if points:
        array = ET.SubElement(geometry, "Array", {"as": "points"})
        for x, y in points:
            ET.SubElement(array, "mxPoint", x=_n(x), y=_n(y))


def _spline(pos: str, height: float) -> list[tuple[float, float]]:
    """Waypoints along Graphviz's spline: the points its Bézier pieces pass through (every
    third point), without the two ends, which draw.io takes from the boxes."""
    points = [_point(p, height) for p in pos.split() if not p.startswith(("e,", "s,"))]
    return points[3:-1:3] if len(points) > 4 else []
