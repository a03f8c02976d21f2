"""The library API in one place: one function per stage of the pipeline.

    from boardmap.api import load, load_located, graph, check, render, guide, diff, export

This is the one public API module: `boardmap/__init__.py` only re-exports names from here
(`boardmap.load`, `boardmap.export`, ...). Each function is a thin call into the module that
does the work. The heavy stages (checks, drawing, the guide, the diff, spreadsheets) are
imported by the call that needs them, so that `import boardmap` (which every command pays
for, `boardmap check` on every save) stays light: importing them all here would add some
more than 0.5 s to every command's start (measured as CPU time: boardmap/cli/__init__.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from boardmap.errors import BoardmapError, MapError, Problem
from boardmap.export import export as _export
from boardmap.load import load, load_located, load_text
from boardmap.model import GovernanceMap
from boardmap.origins import Loaded
from boardmap.version import __version__

if TYPE_CHECKING:
    import networkx as nx

    from boardmap.checks.engine import CheckResult
    from boardmap.diff import MapDiff
    from boardmap.guide import Guide

__all__ = [
    "BoardmapError",
    "GovernanceMap",
    "Loaded",
    "MapError",
    "Problem",
    "__version__",
    "check",
    "diff",
    "export",
    "graph",
    "guide",
    "import_tables",
    "load",
    "load_located",
    "load_text",
    "render",
]


def graph(gmap: GovernanceMap) -> nx.MultiDiGraph:
    """The map as a networkx MultiDiGraph: boards as nodes, one keyed edge per link."""
    from boardmap.graph import build_graph  # lazy: networkx, 0.09 s of start-up

    return build_graph(gmap)


def check(gmap: GovernanceMap | Loaded) -> CheckResult:
    """The governance gaps: `.open` findings, and `.accepted` ones with their reasons; each
    finding placed at its declaration (a map `load` returned, or what `load_located` did)."""
    from boardmap.checks.engine import check as run  # lazy: the checks, 0.20 s

    return run(gmap)


def render(
    gmap: GovernanceMap,
    out_dir: Path | str = "diagrams",
    formats: Sequence[str] = ("svg",),
    views: Iterable[str] | None = None,
    *,
    force: bool = False,
) -> list[Path]:
    """Draw the diagrams (default: every view) into `out_dir`; returns the files written.
    A file there that boardmap did not write is not replaced unless `force`
    (boardmap.folder.NotOurs; docs/safety.md)."""
    from boardmap.render import render_all  # lazy: drawing, 0.18 s

    return render_all(gmap, out_dir, formats=formats, views=views, force=force)


def guide(
    gmap: GovernanceMap, out_dir: Path | str | None = None, *, with_gaps: bool = False, force: bool = False
) -> Guide:
    """The "how the boards relate" guide (`.html`, `.markdown`); written as guide.html and
    guide.md into `out_dir` when one is given (a file there that boardmap did not write is
    not replaced unless `force`)."""
    from boardmap.guide import build_guide, write_guide  # lazy: the guide, 0.31 s

    if out_dir is not None:
        write_guide(gmap, out_dir, with_gaps=with_gaps, force=force)
    return build_guide(gmap, with_gaps=with_gaps)


def diff(old: GovernanceMap | Path | str, new: GovernanceMap | Path | str) -> MapDiff:
    """What changed between two maps (or map paths): `.to_text()`, `.to_markdown()`,
    `.to_json()`."""
    from boardmap.diff import diff_maps  # lazy: the diff, 0.37 s

    before = old if not isinstance(old, Path | str) else load(old)
    after = new if not isinstance(new, Path | str) else load(new)
    return diff_maps(before, after)


def export(gmap: GovernanceMap, to: str) -> str:
    """The map as graphml, gexf, json, csv, mermaid or dot text."""
    return _export(gmap, to)


def import_tables(paths: Sequence[Path | str], area: str | None = None) -> str:
    """YAML text of a map made from a boards CSV and a links CSV, or one .xlsx workbook."""
    from boardmap.tables import import_tables as run  # lazy: spreadsheets, 0.05 s

    return run([Path(p) for p in paths], area)
