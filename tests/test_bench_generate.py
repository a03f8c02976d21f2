"""The benchmark's map generator: deterministic, and its maps load as valid format v1."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import networkx as nx
import pytest

import boardmap
from boardmap.model import BOARD_KINDS, LINK_TYPES, REPORTING_TYPES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_same_n_and_seed_give_identical_text(generate: ModuleType) -> None:
    assert generate.generate(300, seed=7) == generate.generate(300, seed=7)
    assert generate.generate(300, seed=7) != generate.generate(300, seed=8)


def test_cli_writes_the_same_bytes_as_the_function(generate: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "map.yaml"
    assert generate.main(["120", "-o", str(out), "--seed", "3"]) == 0
    assert out.read_bytes() == generate.generate(120, seed=3).encode("utf-8")


@pytest.mark.parametrize("n", [1, 8, 50, 400])
def test_map_loads_with_n_boards_and_about_5n_links(generate: ModuleType, tmp_path: Path, n: int) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(generate.generate(n), encoding="utf-8")
    gmap = boardmap.load(path)
    assert boardmap.load(path, as_of=dt.date(2014, 6, 17)).boards  # and on an earlier date
    every = generate.Generator(n, 1)
    every.build()
    assert len(every.boards) == n
    assert len({b.id for b in every.boards}) == n
    if n >= 50:
        assert len(every.links) == 5 * n
        assert gmap.escalations and gmap.themes


def test_large_map_has_every_kind_and_type_and_a_sound_reporting_tree(
    generate: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(generate.generate(1000), encoding="utf-8")
    gmap = boardmap.load(path)
    kinds = Counter(b.kind for b in gmap.boards)
    types = Counter(link.type for link in gmap.links)
    assert set(kinds) == set(BOARD_KINDS)
    assert set(types) == set(LINK_TYPES)
    assert kinds["sub-group"] == max(kinds.values())  # as in real maps, sub-groups outnumber the rest
    reporting = nx.DiGraph((link.from_, link.to) for link in gmap.links if link.type in REPORTING_TYPES)
    escalation = nx.DiGraph(
        (link.from_, link.to) for link in gmap.links if link.type in REPORTING_TYPES | {"escalates-to"}
    )
    assert nx.is_directed_acyclic_graph(reporting)
    assert nx.is_directed_acyclic_graph(escalation)
    governance = [b for b in gmap.boards if b.kind not in ("role", "organisation", "external")]
    accountable = [
        b for b in governance if b.top or (reporting.has_node(b.id) and reporting.out_degree(b.id) > 0)
    ]
    assert 0.9 < len(accountable) / len(governance) < 1.0  # most, but a few gaps for check
    assert 0.9 * 1000 < len(gmap.boards) < 1000  # boards wound up before as_of are history
    assert any(link.review_by for link in gmap.links)
    assert len(gmap.escalations) >= 10 and len(gmap.themes) >= 10
    assert gmap.accepted
