"""The guide's diagrams (issue 13, part 3): the key taken out of the drawing and shown by the
page, listing only what the diagram uses; the drawing cropped to what is left; the reporting
view shows the boards that answer to no one."""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET

import pytest

from boardmap.guide import build_guide
from boardmap.guide.diagrams import draw
from boardmap.load import load_text
from boardmap.model import GovernanceMap

pytest.importorskip("graphviz")

MAP = """\
boardmap: 1
area: Testshire
as_of: 2020-01-01
boards:
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: scp, name: Safeguarding Children Partnership, kind: partnership}
  - {id: sub, name: Performance Sub-group, kind: sub-group}
  - {id: csp, name: Community Safety Partnership, kind: partnership}
  - {id: council, name: Full Council, kind: committee, top: true}
  - {id: leader, name: Leader of the Council, kind: role}
links:
  - {from: sub, to: scp, type: sub-group-of}
  - {from: scp, to: hwb, type: informs}
  - {from: hwb, to: council, type: reports-to}
  - {from: leader, to: hwb, type: attends}
"""


def gmap() -> GovernanceMap:
    return load_text(textwrap.dedent(MAP), file="map.yaml")


def viewbox(svg: str) -> list[float]:
    return [float(n) for n in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]


def test_the_key_leaves_the_drawing_and_lists_only_what_it_uses() -> None:
    figure = draw(gmap(), "board-hwb", set())
    assert figure.svg is not None
    assert "legend-" not in figure.svg and "cluster_legend" not in figure.svg
    assert [(e.text, e.line) for e in figure.key] == [
        ("reports to", True),
        ("keeps informed", True),
        ("attends meetings of", True),
        ("statutory board", False),
        ("partnership", False),
        ("council committee", False),
        ("role", False),
    ]
    reports = figure.key[0]
    assert (reports.colour, reports.dash, reports.mark) == ("#000000", "", "normal")
    informs = figure.key[1]
    assert informs.dash == "1,4" and informs.mark == "vee"


def test_the_drawing_is_cropped_to_what_is_left() -> None:
    from boardmap.render import render_view

    whole = render_view(gmap(), "board-hwb", "svg").decode()
    figure = draw(gmap(), "board-hwb", set())
    _, _, width, height = viewbox(whole)
    _, _, cropped_width, cropped_height = viewbox(figure.svg or "")
    assert cropped_height < height * 0.8  # the key took a good part of the height
    assert cropped_width <= width
    root = ET.fromstring(figure.svg or "")
    assert root.get("style") == f"width:{round(cropped_width)}px"
    # Every box is still inside the drawing.
    left, top, w, h = viewbox(figure.svg or "")
    graph = root.find("{http://www.w3.org/2000/svg}g")
    dx, dy = map(float, re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform")).groups())
    for ellipse in root.iter("{http://www.w3.org/2000/svg}ellipse"):
        cx, cy = float(ellipse.get("cx")) + dx, float(ellipse.get("cy")) + dy
        assert left <= cx <= left + w and top <= cy <= top + h


def test_the_page_shows_the_key_in_words_with_small_samples() -> None:
    page = build_guide(gmap()).html
    key = re.search(r'<section id="board-hwb".*?<ul class="key" aria-label="Key">(.*?)</ul>', page, re.S)
    assert key is not None
    items = re.findall(r"<li>(<svg[^>]*aria-hidden=\"true\"[^>]*>.*?</svg>)([^<]+)</li>", key.group(1))
    assert [text for _, text in items] == [
        "reports to",
        "keeps informed",
        "attends meetings of",
        "statutory board",
        "partnership",
        "council committee",
        "role",
    ]
    markdown = build_guide(gmap()).markdown
    assert (
        "Key: reports to, keeps informed, attends meetings of, statutory board, partnership, "
        "council committee, role." in markdown
    )


def test_reporting_view_shows_who_answers_to_no_one() -> None:
    from boardmap.render.views import build_view

    view = build_view(gmap(), "reporting")
    apart = [n.id for n in view.nodes if n.apart]
    assert apart == ["csp"]  # no reporting line at all: drawn apart, not left out
    assert view.apart_label == "Answer to no one in this map"
    notes = {n.id: n.note for n in view.nodes if not n.apart}
    # The root of a tree the map does not mark as the top says so; the top does not.
    assert notes["scp"] == "answers to no one in this map"
    assert notes["council"] is None and notes["hwb"] is None and notes["sub"] is None


def test_a_keys_entries_in_its_order_each_kind_made_once() -> None:
    # key_entries makes each kind of line or box once (drawings share them) and leaves out
    # what boardmap does not draw.
    from boardmap.guide.diagrams import key_entries
    from boardmap.guide.doc import KeyEntry

    keyed = [("line", "reports-to"), ("box", "statutory-board"), ("line", "no-such"), ("box", "committee")]
    first, again = key_entries(keyed), key_entries(list(reversed(keyed)))
    assert [e.text for e in first] == ["reports to", "statutory board", "council committee"]
    assert first[0] == KeyEntry("reports to", True, "#000000", "", 2.0, "normal")
    assert again == tuple(reversed(first)) and again[0] is first[-1]
