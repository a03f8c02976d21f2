"""boardmap: how a place's strategic boards relate, where the gaps are, in plain words.

The library API is `boardmap.api` (one function per stage); the package re-exports the most
used of it and defines nothing of its own::

    import boardmap
    gmap = boardmap.load("data/boards.yaml")
    graph = boardmap.api.graph(gmap)            # a networkx MultiDiGraph
"""

from __future__ import annotations

from boardmap.collector import no_gc

# The cyclic collector is paused while boardmap's modules are imported: building the models'
# pydantic schemas makes some hundred thousand objects, all kept, and the collections they
# set off find nothing to free: 8-12 ms of a 170 ms import (time.process_time, best of
# three; bench/floor.py has the collector off from its first line).
# (boardmap.api imports the module boardmap.export before the function of the same name is
# bound here: importing a submodule binds its name in this package, and would otherwise
# replace the function `boardmap.export` with the module.)
with no_gc():
    from boardmap.api import (
        BoardmapError,
        GovernanceMap,
        Loaded,
        MapError,
        Problem,
        __version__,
        export,
        import_tables,
        load,
        load_located,
        load_text,
    )

__all__ = [
    "BoardmapError",
    "GovernanceMap",
    "Loaded",
    "MapError",
    "Problem",
    "__version__",
    "export",
    "import_tables",
    "load",
    "load_located",
    "load_text",
]
