"""The words of missing-statutory-member findings where the map holds the members the law
requires but does not list them among the board's (issue 14: a finding names the body the
map holds, so that the fix is plain)."""

from __future__ import annotations

from collections.abc import Sequence

from boardmap.say.grammar import join


def members_held(held: Sequence[str], absent: Sequence[str], roles: Sequence[str]) -> str:
    """The rest of the message where the map holds some of the missing members without
    listing them: 'none of the members this map lists is one: this map holds Kent Police
    (id: kent-police) but does not list it among them, nor does it hold an integrated care
    board (statutory_role: icb).'"""
    it = "it" if len(held) == 1 else "them"
    text = (
        f"none of the members this map lists is one: this map holds {join(list(held))} but "
        f"does not list {it} among them"
    )
    if absent:
        text += f", nor does it hold {join(list(absent), 'or')} (statutory_role: {', '.join(roles)})"
    return f"{text}."


def held_body(board: str, board_id: str) -> str:
    """'Kent Police (id: kent-police)'."""
    return f"{board} (id: {board_id})"
