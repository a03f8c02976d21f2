"""The library API in one place: one function per stage of the pipeline.

    from boardmap.api import load, graph, check, render, guide, diff, export, import_tables

Each is a thin call into the module that does the work, imported only when used, so that
`import boardmap.api` stays as light as `import boardmap`. (They live here rather than on
the package itself because `boardmap.render`, `boardmap.guide` and `boardmap.diff` are
modules: a function of the same name on the package would be replaced by the module the
first time it is imported.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from boardmap.load import load as _load

if TYPE_CHECKING:
    import networkx as nx

    from boardmap.checks.engine import CheckResult
    from boardmap.diff import MapDiff
    from boardmap.guide import Guide
    from boardmap.model import GovernanceMap

__all__ = ["check", "diff", "export", "graph", "guide", "import_tables", "load", "render"]


def load(path: Path | str, as_of: dt.date | None = None) -> GovernanceMap:
    """A map file or folder as it stands on `as_of`; raises MapError listing every problem."""
    return _load(path, as_of=as_of)


def graph(gmap: GovernanceMap) -> nx.MultiDiGraph:
    """The map as a networkx MultiDiGraph: boards as nodes, one keyed edge per link."""
    from boardmap.graph import build_graph  # networkx loads on first use, as the calls below

    return build_graph(gmap)


def check(gmap: GovernanceMap) -> CheckResult:
    """The governance gaps: `.open` findings, and `.accepted` ones with their reasons."""
    from boardmap.checks.engine import check as run

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
    from boardmap.render import render_all

    return render_all(gmap, out_dir, formats=formats, views=views, force=force)


def guide(
    gmap: GovernanceMap, out_dir: Path | str | None = None, *, with_gaps: bool = False, force: bool = False
) -> Guide:
    """The "how the boards relate" guide (`.html`, `.markdown`); written as guide.html and
    guide.md into `out_dir` when one is given (a file there that boardmap did not write is
    not replaced unless `force`)."""
    from boardmap.guide import build_guide, write_guide

    if out_dir is not None:
        write_guide(gmap, out_dir, with_gaps=with_gaps, force=force)
    return build_guide(gmap, with_gaps=with_gaps)


def diff(old: GovernanceMap | Path | str, new: GovernanceMap | Path | str) -> MapDiff:
    """What changed between two maps (or map paths): `.to_text()`, `.to_markdown()`,
    `.to_json()`."""
    from boardmap.diff import diff_maps

    before = old if not isinstance(old, Path | str) else _load(old)
    after = new if not isinstance(new, Path | str) else _load(new)
    return diff_maps(before, after)


def export(gmap: GovernanceMap, to: str) -> str:
    """The map as graphml, gexf, json, csv, mermaid or dot text."""
    from boardmap.export import export as run

    return run(gmap, to)


def import_tables(paths: Sequence[Path | str], area: str | None = None) -> str:
    """YAML text of a map made from a boards CSV and a links CSV, or one .xlsx workbook."""
    from boardmap.tables import import_tables as run

    return run([Path(p) for p in paths], area)
