"""boardmap: how a place's strategic boards relate, where the gaps are, in plain words.

The library API, usable without the command line::

    import boardmap
    gmap = boardmap.load("data/boards.yaml")
    graph = gmap.graph()            # a networkx MultiDiGraph
"""

from __future__ import annotations

from boardmap.errors import BoardmapError, MapError, Problem
from boardmap.load import load, load_text
from boardmap.model import GovernanceMap

__all__ = ["BoardmapError", "GovernanceMap", "MapError", "Problem", "load", "load_text"]
__version__ = "0.1.0"
