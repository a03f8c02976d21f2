"""No circles in boardmap's imports (issue 18).

Every import from one boardmap module to another, found by grimp (the import graph that
import-linter itself reads), whether it stands at the top of the module, inside a function,
or under `if TYPE_CHECKING:` (an import made only for the type checker never runs, but two
modules that name each other's types are still one design in two places); networkx finds
the cycles. The layering contract in `.importlinter` keeps the stages in order; this test
keeps the modules inside each stage from importing each other round in a circle.
"""

from __future__ import annotations

import grimp
import networkx as nx


def _imports() -> nx.DiGraph:
    found = grimp.build_graph("boardmap", exclude_type_checking_imports=False, cache_dir=None)
    graph = nx.DiGraph()
    for module in found.modules:
        graph.add_node(module)
        for imported in found.find_modules_directly_imported_by(module):
            graph.add_edge(module, imported)
    return graph


def _circles(graph: nx.DiGraph) -> list[str]:
    """Each group of modules that import each other round a circle, with one such circle."""
    found = []
    for group in nx.strongly_connected_components(graph):
        if len(group) < 2:
            continue
        circle = next(nx.simple_cycles(graph.subgraph(group)))
        found.append(f"{', '.join(sorted(group))}: for example {' -> '.join([*circle, circle[0]])}")
    return sorted(found)


def test_no_module_imports_itself_round_a_circle() -> None:
    assert _circles(_imports()) == []


def test_a_circle_is_found_and_named() -> None:
    graph = nx.DiGraph(
        [("boardmap.a", "boardmap.b"), ("boardmap.b", "boardmap.a"), ("boardmap.b", "boardmap.c")]
    )
    [circle] = _circles(graph)
    assert circle in (
        "boardmap.a, boardmap.b: for example boardmap.a -> boardmap.b -> boardmap.a",
        "boardmap.a, boardmap.b: for example boardmap.b -> boardmap.a -> boardmap.b",
    )


def test_the_graph_holds_imports_inside_functions_and_for_the_type_checker() -> None:
    graph = _imports()
    # boardmap.load imports the workbook reader inside load_located (for start-up time).
    assert graph.has_edge("boardmap.load", "boardmap.workbook")
    # boardmap.compare.say names the comparison's records only for the type checker.
    assert graph.has_edge("boardmap.compare.say", "boardmap.compare.records")
