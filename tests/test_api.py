"""The documented library API: one function per stage, each usable without the CLI."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from boardmap import api
from tests.conftest import ROOT

ISLINGTON = ROOT / "examples" / "islington-hwbb-iscb.yaml"


def test_every_stage_through_the_api(tmp_path: Path) -> None:
    gmap = api.load(ISLINGTON)
    graph = api.graph(gmap)
    assert isinstance(graph, nx.MultiDiGraph) and "hwbb" in graph

    result = api.check(gmap)
    assert not result.fails() and result.accepted

    written = api.render(gmap, tmp_path / "d", views=["overview"])
    assert [p.name for p in written if p.suffix == ".svg"] == ["overview.svg"]
    assert (tmp_path / "d" / "overview.svg").read_text().lstrip().startswith("<")

    page = api.guide(gmap, tmp_path / "g")
    assert 'id="board-hwbb"' in page.html
    assert (tmp_path / "g" / "guide.html").read_text(encoding="utf-8") == page.html

    assert "flowchart TD" in api.export(gmap, "mermaid")
    assert "Nothing changed from the map as of 10 October 2013" in api.diff(gmap, ISLINGTON).to_text()

    boards = tmp_path / "boards.csv"
    links = tmp_path / "links.csv"
    boards.write_text(
        "id,name,kind\nhwbb,Health and Wellbeing Board,statutory-board\n"
        "lscb,Safeguarding Children Board,statutory-board\n"
    )
    links.write_text("from,to,type\nlscb,hwbb,challenges\n")
    text = api.import_tables([boards, links], area="Testshire")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    assert [b.id for b in api.load(tmp_path / "m.yaml").boards] == ["hwbb", "lscb"]


def test_api_module_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, boardmap.api; heavy = [m for m in ('networkx', 'graphviz', "
        "'wasmtime', 'openpyxl', 'rich') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
