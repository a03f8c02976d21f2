"""Whom each board answers to as part of another body, for the words outside the checks.

The checks take a board to answer to the body it is part of: its `part_of`, or, for a
council committee (by kind, or a Health and Wellbeing Board or scrutiny committee, which
the law makes committees of the council), the one council in its area (law.parents). The
guide says who oversees each board; it asks here, so that it never says "Nobody in this
map" of a committee the checks know answers to its council (issue 14).
"""

from __future__ import annotations

from boardmap.checks import law, roles_read
from boardmap.checks.context import Context
from boardmap.model import GovernanceMap


def parents_of(gmap: GovernanceMap) -> dict[str, str]:
    """Each board's parent by id: its `part_of`, or the one council of a council committee,
    reading statutory roles from bases and names as the checks do."""
    inferred = roles_read.infer_roles(gmap)
    if inferred:
        boards = [
            b.model_copy(update={"statutory_role": inferred[b.id].role}) if b.id in inferred else b
            for b in gmap.boards
        ]
        gmap = gmap.model_copy(update={"boards": boards})
    return {board: parent.board for board, parent in law.parents(Context(gmap)).items()}
