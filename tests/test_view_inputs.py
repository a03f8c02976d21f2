"""Each view declares what it reads once (boardmap.render.inputs): its builder draws the links
named there, and the build's fingerprint of the view is a hash of exactly those inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardmap.build.fingerprints import Fingerprints
from boardmap.load import load
from boardmap.model import LINK_TYPES, GovernanceMap
from boardmap.render.inputs import view_inputs
from boardmap.render.views import build_view, view_names

ROOT = Path(__file__).resolve().parent.parent
MAPS = [ROOT / "data" / "boards.yaml", ROOT / "tests" / "maps" / "render" / "full.yaml"]


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_a_view_draws_nothing_it_does_not_declare(path: Path) -> None:
    gmap = load(path)
    for name in view_names(gmap):
        inputs = view_inputs(gmap, name)
        if inputs.whole:
            continue
        view = build_view(gmap, name)
        declared = {(link.from_, link.to, link.type) for link in inputs.drawn(gmap)}
        for edge in view.edges:
            if edge.type in LINK_TYPES and edge.tail in gmap.by_id and edge.head in gmap.by_id:
                assert (edge.tail, edge.head, edge.type) in declared, (name, edge)
        boards = {node.board or node.id for node in view.nodes if (node.board or node.id) in gmap.by_id}
        assert boards <= set(inputs.boards), (name, boards - set(inputs.boards))


def _prints(gmap: GovernanceMap) -> dict[str, str]:
    found = Fingerprints(gmap, settings={})
    return {name: found.view(name, "svg") for name in view_names(gmap)}


def test_a_change_outside_a_views_inputs_leaves_its_fingerprint() -> None:
    gmap = load(MAPS[0])
    before = _prints(gmap)
    links = list(gmap.links)
    n, link = next((n, x) for n, x in enumerate(links) if x.type == "informs")
    links[n] = link.model_copy(update={"what": "a new report"})
    after = _prints(gmap.model_copy(update={"links": links}))
    changed = {name for name in before if before[name] != after[name]}
    reads = {name for name in before if n in view_inputs(gmap, name).links or view_inputs(gmap, name).whole}
    assert changed == reads
    assert f"board-{link.from_}" in changed and f"board-{link.to}" in changed
    assert "reporting" not in changed and "challenge" not in changed


def test_the_board_view_draws_the_links_its_declaration_names() -> None:
    gmap = load(MAPS[0])
    board = next(b for b in gmap.boards if b.kind == "statutory-board")
    inputs = view_inputs(gmap, f"board-{board.id}")
    assert inputs.drawn(gmap) == [x for x in gmap.links if board.id in (x.from_, x.to)]
    assert board.id in inputs.boards and not inputs.whole
    assert view_inputs(gmap, "overview").whole
