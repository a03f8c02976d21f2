"""boardmap: how a place's strategic boards relate, where the gaps are, in plain words.

The library API, usable without the command line::

    import boardmap
    gmap = boardmap.load("data/boards.yaml")
    graph = gmap.graph()            # a networkx MultiDiGraph
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# The submodule is loaded here, before the function of the same name is defined below:
# importing a submodule binds its name in this package, and would otherwise replace the
# function `boardmap.export` with the module. It is light (the standard library only).
from boardmap import export as _export_module
from boardmap.errors import BoardmapError, MapError, Problem
from boardmap.load import load, load_text
from boardmap.model import GovernanceMap

__all__ = ["BoardmapError", "GovernanceMap", "MapError", "Problem", "export", "import_tables",
           "load", "load_text"]
__version__ = "0.1.0"


def export(gmap: GovernanceMap, to: str) -> str:
    """The map as text in one of the formats other tools read: "graphml", "gexf", "json"
    (networkx node-link data), "csv" (Kumu's two sheets, each under a heading line),
    "mermaid" or "dot". Raises UsageError for any other format."""
    return _export_module.export(gmap, to)


def import_tables(paths: Sequence[Path | str], area: str | None = None) -> str:
    """The YAML text of a map made from a boards CSV and a links CSV, or from one .xlsx
    workbook (sheets boards, links, and optionally escalations, themes, map).

    Raises MapError with a Problem for every bad cell (file "FILE" or "FILE:SHEET", line =
    row, column = column), or UsageError for a file it cannot read.
    """
    from boardmap.tables import import_tables as run

    return run([Path(p) for p in paths], area)
