"""What the law and the rule packs read of the checks' shared views, as a Protocol.

`boardmap.checks.context.Context` builds the views once per run and hands itself to the
law's and the packs' functions; they name it by this Protocol rather than by the class, so
that the context (which calls them) and they (which it calls) do not import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from boardmap.model import Board, GovernanceMap, Link


class Views(Protocol):
    """The map and the views of it that the law and the packs read (built once per run)."""

    gmap: GovernanceMap
    by_id: dict[str, Board]

    @property
    def order(self) -> dict[str, int]: ...

    @property
    def governance(self) -> list[Board]: ...

    @property
    def links_by_type(self) -> dict[str, list[Link]]: ...

    @property
    def pair_types(self) -> dict[tuple[str, str], frozenset[str]]: ...

    @property
    def by_role(self) -> dict[str, list[Board]]: ...

    @property
    def out_of_force(self) -> dict[str, Board]: ...

    @property
    def undated_boards(self) -> dict[str, Board]: ...

    def memo(self, key: str, build: Callable[[Any], Any]) -> Any: ...

    def the(self, board_id: str) -> str: ...
