"""Checking a laid-out diagram before it is written (issue 25).

Graphviz's `dot` does not always fail loudly: for some graphs (a rank group that takes in
boxes inside clusters, for one) it returns SVG whose coordinates are NaN, which draws as an
empty box. Every SVG is checked here: the coordinates are finite numbers, every box and line
the view asked for is in the picture, and the canvas is larger than an empty one.
"""

from __future__ import annotations

from boardmap.render import svgpass
from boardmap.render.views import View

# An empty graph with only its title is this small; any drawn box makes the canvas larger.
_EMPTY_SIZE = 45.0


def problems(svg: bytes, view: View) -> list[str]:
    """What is wrong with the laid-out SVG of `view`, in words (empty when it is sound)."""
    try:
        facts, _ = svgpass.read(svg)
    except svgpass.NotSvg as exc:
        return [f"the SVG is not well-formed XML ({exc.reason})"]
    return problems_in(facts, view)


def problems_in(facts: svgpass.Facts, view: View) -> list[str]:
    """What is wrong with a laid-out drawing of `view`, from what the pass read of it."""
    found: list[str] = []
    if facts.non_finite:
        found.append(f"{facts.non_finite} coordinates are not numbers (NaN or infinite)")
    if not view.empty:
        if facts.width <= _EMPTY_SIZE and facts.height <= _EMPTY_SIZE:
            found.append(f"the picture is empty ({facts.width:g} by {facts.height:g} points)")
        missing = [node.id for node in view.nodes if node.id not in facts.node_titles]
        if missing:
            found.append(
                f"{len(missing)} of its {len(view.nodes)} boxes are missing "
                f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})"
            )
        if facts.edges < len(view.edges):
            found.append(f"{len(view.edges) - facts.edges} of its {len(view.edges)} lines are missing")
    return found
