"""A diagram made compact for the page: its key (legend) taken out of the drawing and its
title left to the caption, the drawing cropped to what is left; the key is then shown by the
page in a few words under the drawing (boardmap.guide.html), listing only what the diagram
uses.

Graphviz lays the key out inside the drawing, where it took a third to a half of many
diagrams and, on a phone, made every label smaller. The SVG is the one boardmap.render
draws (the same file as `boardmap build` writes); only the copy in the page is changed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_TRANSLATE = re.compile(r"translate\(\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)")
_SCALE = re.compile(r"scale\(\s*([\d.]+)(?:[ ,]+([\d.]+))?\s*\)")
# A little room around the drawing, in points.
PAD = 6.0
# Text width is not in the SVG: a generous estimate of Helvetica's average character width.
_CHAR_WIDTH = 0.6


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _title(el: ET.Element) -> str:
    for child in el:
        if _local(child.tag) == "title":
            return child.text or ""
    return ""


def take_key(root: ET.Element) -> tuple[tuple[str, str], ...]:
    """Remove the key from a Graphviz SVG and the lines of its title that the page's
    caption says; crop the drawing. Returns what the key listed, in its order: ('line',
    link type) and ('box', kind of body)."""
    graph = next((el for el in root if _local(el.tag) == "g"), None)
    if graph is None:
        return ()
    key: list[tuple[str, str]] = []
    for child in list(graph):
        if _local(child.tag) != "g":
            continue
        title = _title(child)
        if title == "cluster_legend" or title.startswith("legend-"):
            graph.remove(child)
            if title.startswith("legend-line-") and "->" not in title:
                key.append(("line", title.removeprefix("legend-line-")))
            elif title.startswith("legend-kind-"):
                key.append(("box", title.removeprefix("legend-kind-")))
    if not key:
        return ()  # a drawing without a key is left as it is
    caption = " ".join((_title(root) or "").split())
    for child in list(graph):
        if _local(child.tag) == "text" and child.text and " ".join(child.text.split()) in caption:
            graph.remove(child)
    _crop(root, graph)
    return tuple(key)


def _crop(root: ET.Element, graph: ET.Element) -> None:
    box = _extent(graph)
    if box is None:
        return
    left, top, right, bottom = box
    move = _TRANSLATE.search(graph.get("transform", ""))
    scale = _SCALE.search(graph.get("transform", ""))
    dx, dy = (float(move.group(1)), float(move.group(2))) if move else (0.0, 0.0)
    sx = float(scale.group(1)) if scale else 1.0
    sy = float(scale.group(2) or scale.group(1)) if scale else 1.0
    left, right = left * sx + dx - PAD, right * sx + dx + PAD
    top, bottom = top * sy + dy - PAD, bottom * sy + dy + PAD
    width, height = right - left, bottom - top
    root.set("viewBox", f"{left:.2f} {top:.2f} {width:.2f} {height:.2f}")
    root.set("width", f"{width:.0f}pt")
    root.set("height", f"{height:.0f}pt")


def _extent(graph: ET.Element) -> tuple[float, float, float, float] | None:
    """The smallest box around everything drawn, in the graph's own coordinates (the
    white background polygon, the graph's first, left out)."""
    xs: list[float] = []
    ys: list[float] = []
    background = next((el for el in graph if _local(el.tag) == "polygon"), None)
    for el in graph.iter():
        tag = _local(el.tag)
        if el is background:
            continue
        if tag in ("polygon", "polyline"):
            numbers = [float(n) for n in _NUMBER.findall(el.get("points", ""))]
            xs += numbers[0::2]
            ys += numbers[1::2]
        elif tag == "path":
            numbers = [float(n) for n in _NUMBER.findall(el.get("d", ""))]
            xs += numbers[0::2]
            ys += numbers[1::2]
        elif tag == "ellipse":
            cx, cy = float(el.get("cx", 0)), float(el.get("cy", 0))
            rx, ry = float(el.get("rx", 0)), float(el.get("ry", 0))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
        elif tag == "text" and el.text:
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            size = float(el.get("font-size", 14))
            width = len(el.text) * size * _CHAR_WIDTH
            anchor = el.get("text-anchor", "start")
            start = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
            xs += [start, start + width]
            ys += [y - size, y + size * 0.3]
    if not xs or not ys:
        return None
    return min(xs), min(ys), max(xs), max(ys)
