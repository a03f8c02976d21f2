"""`boardmap export --to pptx`: the map's diagrams as PowerPoint slides, a slide for each
view, built from the same Graphviz layout as the draw.io export (drawio.layouts): every box
a shape of its kind and colours with its label, every line a line with its arrowhead and
label, all editable. Needs python-pptx (`pip install python-pptx`, or boardmap[pptx]).

Each diagram is scaled to fit a 16:9 slide below its title. The bytes are the same for the
same map (fixed document dates, fixed dates inside the zip).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from boardmap.drawio import label_text, layouts
from boardmap.errors import ToolMissing
from boardmap.model import GovernanceMap

INSTALL = "pip install python-pptx"
SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5
TITLE_IN = 0.8  # the band at the top for the view's title
MARGIN_IN = 0.3
_FIXED = dt.datetime(2000, 1, 1)
# Graphviz's arrowheads as DrawingML's line ends.
_ENDS = {
    "normal": "triangle",
    "vee": "arrow",
    "empty": "triangle",
    "diamond": "diamond",
    "dot": "oval",
    "odot": "oval",
    "inv": "triangle",
    "tee": "none",
    "none": "none",
}


def to_pptx(gmap: GovernanceMap, views: Iterable[str] | None = None) -> bytes:
    """The .pptx bytes of the map's views (default: every view)."""
    try:
        from pptx import Presentation
        from pptx.util import Inches
    except ImportError:
        raise ToolMissing(f"--to pptx needs python-pptx, which is not installed: {INSTALL}") from None
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    blank = deck.slide_layouts[6]
    for _name, heading, layout in layouts(gmap, views):
        _slide(deck.slides.add_slide(blank), heading, layout)
    props = deck.core_properties
    props.author = props.last_modified_by = "boardmap"
    props.title = f"How {gmap.area}'s boards relate"
    props.created = props.modified = _FIXED
    props.revision = 1
    buffer = io.BytesIO()
    deck.save(buffer)
    from boardmap.workbook_out import fixed_zip

    return fixed_zip(buffer.getvalue())


class _Frame:
    """Graphviz's points (y up) -> the slide's EMUs (y down), scaled to fit."""

    def __init__(self, bb: str) -> None:
        x0, y0, x1, y1 = (float(v) for v in bb.split(","))
        self.x0, self.y1 = x0, y1
        width_in = SLIDE_WIDTH_IN - 2 * MARGIN_IN
        height_in = SLIDE_HEIGHT_IN - TITLE_IN - MARGIN_IN
        self.scale = min(width_in * 72 / max(x1 - x0, 1), height_in * 72 / max(y1 - y0, 1), 1.0)
        self.left = MARGIN_IN * 914400 + (width_in * 72 - (x1 - x0) * self.scale) / 2 * 12700
        self.top = TITLE_IN * 914400

    def point(self, x: float, y: float) -> tuple[int, int]:
        return (
            round(self.left + (x - self.x0) * self.scale * 12700),
            round(self.top + (self.y1 - y) * self.scale * 12700),
        )

    def length(self, points: float) -> int:
        return round(points * self.scale * 12700)

    def font(self, size: Any) -> float:
        return max(float(size or 12) * self.scale, 6.0)


def _slide(slide: Any, heading: str, layout: dict[str, Any]) -> None:
    from pptx.util import Inches, Pt

    title = slide.shapes.add_textbox(
        Inches(MARGIN_IN), Inches(0.15), Inches(SLIDE_WIDTH_IN - 2 * MARGIN_IN), Inches(0.5)
    )
    title.text_frame.text = heading
    title.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    frame = _Frame(str(layout.get("bb", "0,0,1,1")))
    objects = layout.get("objects", [])
    for obj in objects:
        if "nodes" in obj and "bb" in obj:
            _cluster(slide, frame, obj)
    for obj in objects:
        if "nodes" not in obj and "pos" in obj:
            _node(slide, frame, obj)
    for edge in layout.get("edges", []):
        if "invis" not in str(edge.get("style", "")) and edge.get("pos"):
            _edge(slide, frame, edge)


def _colour(value: Any) -> Any:
    from pptx.dml import color

    rgb: Any = color.RGBColor  # python-pptx's constructor is not typed
    text = str(value or "")
    if text.startswith("#") and len(text) >= 7:
        return rgb.from_string(text[1:7].upper())
    return {"white": rgb(0xFF, 0xFF, 0xFF), "black": rgb(0, 0, 0)}.get(text)


def _text(shape: Any, frame: _Frame, text: str, size: Any, *, left: bool = False, top: bool = False) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    body = shape.text_frame
    body.word_wrap = True
    body.margin_left = body.margin_right = body.margin_top = body.margin_bottom = 0
    body.vertical_anchor = MSO_ANCHOR.TOP if top else MSO_ANCHOR.MIDDLE
    for index, line in enumerate(text.split("\n")):
        paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT if left else PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(frame.font(size))
        run.font.color.rgb = _colour("black")


def _line(line: Any, attrs: dict[str, Any], frame: _Frame) -> None:
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    colour = _colour(str(attrs.get("color", "#000000")).split(":")[0])
    if colour is not None:
        line.color.rgb = colour
    line.width = Pt(max(float(attrs.get("penwidth", 1)) * frame.scale, 0.5))
    styles = str(attrs.get("style", "")).split(",")
    if "dashed" in styles:
        line.dash_style = MSO_LINE_DASH_STYLE.DASH
    elif "dotted" in styles:
        line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT


def _cluster(slide: Any, frame: _Frame, obj: dict[str, Any]) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    x0, y0, x1, y1 = (float(v) for v in str(obj["bb"]).split(","))
    left, top = frame.point(x0, y1)
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if "rounded" in str(obj.get("style")) else MSO_SHAPE.RECTANGLE
    shape = slide.shapes.add_shape(kind, left, top, frame.length(x1 - x0), frame.length(y1 - y0))
    shape.fill.background()
    _line(shape.line, obj, frame)
    _text(
        shape,
        frame,
        label_text(obj.get("label")),
        obj.get("fontsize"),
        left=True,
        top=obj.get("labelloc") != "b",
    )
    if kind == MSO_SHAPE.ROUNDED_RECTANGLE:
        shape.adjustments[0] = 0.03


def _node(slide: Any, frame: _Frame, obj: dict[str, Any]) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    x, y = (float(v) for v in str(obj["pos"]).split(",")[:2])
    width, height = float(obj.get("width", 0.75)) * 72, float(obj.get("height", 0.5)) * 72
    left, top = frame.point(x - width / 2, y + height / 2)
    shape_name = str(obj.get("shape", "ellipse"))
    styles = str(obj.get("style", "")).split(",")
    label = label_text(obj.get("label", obj.get("name")))
    size = (frame.length(width), frame.length(height))
    if shape_name in ("plaintext", "plain", "none"):
        box = slide.shapes.add_textbox(left, top, *size)
        _text(box, frame, label, obj.get("fontsize"))
        return
    kind = {
        "ellipse": MSO_SHAPE.OVAL,
        "oval": MSO_SHAPE.OVAL,
        "circle": MSO_SHAPE.OVAL,
        "point": MSO_SHAPE.OVAL,
        "box3d": MSO_SHAPE.CUBE,
        "note": MSO_SHAPE.FOLDED_CORNER,
    }.get(shape_name)
    if kind is None:
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if "rounded" in styles else MSO_SHAPE.RECTANGLE
    shape = slide.shapes.add_shape(kind, left, top, *size)
    fill = _colour(obj.get("fillcolor")) if "filled" in styles else None
    if fill is not None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = fill
    else:
        shape.fill.background()
    _line(shape.line, obj, frame)
    shape.shadow.inherit = False
    _text(shape, frame, label, obj.get("fontsize"))
    if obj.get("tooltip"):
        shape.name = str(obj["tooltip"])[:250]  # shown in PowerPoint's selection pane


def _edge(slide: Any, frame: _Frame, edge: dict[str, Any]) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Emu

    parts = str(edge["pos"]).split()
    ends = {p[0]: p[2:] for p in parts if p.startswith(("e,", "s,"))}
    points = [p for p in parts if not p.startswith(("e,", "s,"))]
    start = ends.get("s", points[0])
    finish = ends.get("e", points[-1])
    (x1, y1), (x2, y2) = (frame.point(*(float(v) for v in p.split(",")[:2])) for p in (start, finish))
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x1), Emu(y1), Emu(x2), Emu(y2))
    _line(line.line, edge, frame)
    head, tail = str(edge.get("arrowhead", "normal")), str(edge.get("arrowtail", "none"))
    if edge.get("dir") == "back":
        head = "none"
    elif edge.get("dir") != "both":
        tail = "none"
    outline = line.line._get_or_add_ln()
    for tag, kind in (("a:headEnd", tail), ("a:tailEnd", head)):
        end = _ENDS.get(kind, "triangle")
        if end != "none":
            from pptx.oxml.ns import qn

            element = outline.makeelement(qn(tag), {"type": end})
            outline.append(element)
    label = label_text(edge.get("label"))
    if label and edge.get("lp"):
        x, y = (float(v) for v in str(edge["lp"]).split(",")[:2])
        width = max(len(line_) for line_ in label.split("\n")) * float(edge.get("fontsize", 10)) * 0.55
        height = (label.count("\n") + 1) * float(edge.get("fontsize", 10)) * 1.25
        left, top = frame.point(x - width / 2, y + height / 2)
        box = slide.shapes.add_textbox(left, top, frame.length(width), frame.length(height))
        _text(box, frame, label, edge.get("fontsize", 10))
