"""boardmap: how a place's strategic boards relate, where the gaps are, in plain words.

The library API is boardmap.api (one function per stage); the package re-exports the most
used of it::

    import boardmap
    gmap = boardmap.load("data/boards.yaml")
    graph = boardmap.api.graph(gmap)    # a networkx MultiDiGraph
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
