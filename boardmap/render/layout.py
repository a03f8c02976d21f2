"""Checking a laid-out diagram before it is written (issue 25).

Graphviz's `dot` does not always fail loudly: for some graphs (a rank group that takes in
boxes inside clusters, for one) it returns SVG whose coordinates are NaN, which draws as an
empty box. Every SVG is checked here: the coordinates are finite numbers, every box and line
the view asked for is in the picture, and the canvas is larger than an empty one.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from boardmap.render.views import View

_SVG = "{http://www.w3.org/2000/svg}"
# Attributes that hold coordinates or sizes in Graphviz's SVG.
_GEOMETRY = (
    "points",
    "d",
    "x",
    "y",
    "cx",
    "cy",
    "rx",
    "ry",
    "width",
    "height",
    "viewBox",
    "transform",
    "x1",
    "x2",
    "y1",
    "y2",
)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\bnan\b|\binf\b", re.IGNORECASE)
# An empty graph with only its title is this small; any drawn box makes the canvas larger.
_EMPTY_SIZE = 45.0


def problems(svg: bytes, view: View) -> list[str]:
    """What is wrong with the laid-out SVG of `view`, in words (empty when it is sound)."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return [f"the SVG is not well-formed XML ({exc})"]
    found: list[str] = []
    bad = _non_finite(root)
    if bad:
        found.append(f"{bad} coordinates are not numbers (NaN or infinite)")
    if not view.empty:
        width, height = _size(root)
        if width <= _EMPTY_SIZE and height <= _EMPTY_SIZE:
            found.append(f"the picture is empty ({width:g} by {height:g} points)")
        titles = {_title(g) for g in root.iter(f"{_SVG}g") if g.get("class") == "node"}
        missing = [node.id for node in view.nodes if node.id not in titles]
        if missing:
            found.append(
                f"{len(missing)} of its {len(view.nodes)} boxes are missing "
                f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})"
            )
        lines = sum(1 for g in root.iter(f"{_SVG}g") if g.get("class") == "edge")
        if lines < len(view.edges):
            found.append(f"{len(view.edges) - lines} of its {len(view.edges)} lines are missing")
    return found


def _title(group: ET.Element) -> str:
    title = group.find(f"{_SVG}title")
    return (title.text or "") if title is not None else ""


def _non_finite(root: ET.Element) -> int:
    count = 0
    for element in root.iter():
        for name in _GEOMETRY:
            value = element.get(name)
            if value is None:
                continue
            for number in _NUMBER.findall(value):
                if not math.isfinite(float(number)):
                    count += 1
    return count


def _size(root: ET.Element) -> tuple[float, float]:
    """The canvas in points, from the viewBox Graphviz writes (width and height carry 'pt')."""
    box = (root.get("viewBox") or "").split()
    if len(box) == 4:
        try:
            return float(box[2]), float(box[3])
        except ValueError:
            return 0.0, 0.0
    return 0.0, 0.0
