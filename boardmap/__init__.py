"""boardmap: how a place's strategic boards relate, where the gaps are, in plain words.

The library API is boardmap.api (one function per stage); the package re-exports the most
used of it::

    import boardmap
    gmap = boardmap.load("data/boards.yaml")
    graph = gmap.graph()            # a networkx MultiDiGraph
"""

from __future__ import annotations

# The submodule is loaded here, before the function of the same name is bound below:
# importing a submodule binds its name in this package, and would otherwise replace the
# function `boardmap.export` with the module. It is light (the standard library only).
from boardmap import export as _export_module  # noqa: F401
from boardmap.api import export, import_tables
from boardmap.errors import BoardmapError, MapError, Problem
from boardmap.load import load, load_text
from boardmap.model import GovernanceMap
from boardmap.version import __version__

<<<<<<< HEAD
__all__ = ["BoardmapError", "GovernanceMap", "MapError", "Problem", "export", "import_tables",
           "load", "load_text"]
__version__ = "0.1.0"
=======
__all__ = [
    "BoardmapError",
    "GovernanceMap",
    "MapError",
    "Problem",
    "__version__",
    "export",
    "import_tables",
    "load",
    "load_text",
]


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
>>>>>>> be9da25 (layering: .importlinter (lint-imports in make lint): each stage imports only the stages below it; loading a map lists the rule packs from their files instead of importing the checks; the version in boardmap/version.py (the checks' SARIF and the build read it without importing the public API); docs: tutorial on keeping the guide current, how-tos on publishing and on the law on a date (issues 18, 19))
