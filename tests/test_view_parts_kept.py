"""A board's box and a link's line are made once a map and shared by every view that shows
them (boardmap.render.viewparts, issue 23): never taken for another board or link, even
one of the same id, and drawn the same whichever view asks first."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from boardmap.load import load
from boardmap.render.viewparts import board_node, board_nodes, link_edges, merge_parallel
from boardmap.render.views import build_view, view_names

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "data" / "boards.yaml"


def test_a_box_is_made_once_and_only_for_its_own_board() -> None:
    gmap = load(MAP)
    board = gmap.boards[0]
    first = board_node(gmap, board)
    assert board_node(gmap, board) is first
    [focused, other] = board_nodes(gmap, [board, gmap.boards[1]], focus=board.id, note="a note")
    assert focused.focus and focused.note == "a note" and not first.focus
    assert not other.focus and other.note is None
    assert board_nodes(gmap, [gmap.boards[1]])[0] is other
    assert board_node(gmap, board, note="a note").note == "a note" and not board_node(gmap, board).note
    renamed = board.model_copy(update={"name": "Another Board"})
    other = board_node(gmap, renamed)
    assert other.id == first.id
    assert other.text == renamed.label == "Another Board (HWBB)" != first.text
    assert board_node(gmap, board) is first


def test_a_line_is_made_once_and_only_for_its_own_link() -> None:
    gmap = load(MAP)
    link = gmap.links[0]
    [first] = link_edges(gmap, [link], rank_all=True)
    assert link_edges(gmap, [link], rank_all=True)[0] is first
    reworded = link.model_copy(update={"says": "sends its minutes"})
    other, again = link_edges(gmap, [reworded, link], rank_all=True)
    assert (other.tail, other.head) == (first.tail, first.head)
    assert other.text == "sends its minutes" != first.text
    assert again is first


def test_views_are_the_same_in_any_order() -> None:
    names = view_names(load(MAP))
    forward = load(MAP)
    backward = load(MAP)
    ahead = {name: build_view(forward, name) for name in names}
    behind = {name: build_view(backward, name) for name in reversed(names)}
    assert ahead == behind


def test_a_line_not_parallel_to_another_is_kept_as_it_is() -> None:
    gmap = load(MAP)
    lines = link_edges(gmap, gmap.links, rank_all=True)
    merged = merge_parallel(lines)
    alone = {(e.tail, e.head, e.type) for e in lines}
    assert len(merged) == len(alone)
    twice = merge_parallel([lines[0], lines[0]])
    assert twice == [lines[0]]
    doubled = merge_parallel([lines[0], replace(lines[0], text="other words")])
    assert doubled == [replace(lines[0], also=("other words",))]
