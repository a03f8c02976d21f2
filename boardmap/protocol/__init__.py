"""`boardmap protocol`: the protocol between two boards, drafted from the map.

draft(gmap, "hwbb", "iscb")           -> Protocol (plain data)
render(protocol, "md" | "html" | "docx") -> bytes
write_protocol(gmap, a, b, fmt, path) -> the path written (atomically)
"""

from __future__ import annotations

import difflib
from pathlib import Path

from boardmap.errors import UsageError
from boardmap.model import GovernanceMap
from boardmap.outputs import write_atomic
from boardmap.protocol.content import Protocol, draft

FORMATS = ("md", "html", "docx")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}

__all__ = ["FORMATS", "Protocol", "check_boards", "draft", "format_for", "render", "write_protocol"]


def check_boards(gmap: GovernanceMap, a: str, b: str) -> None:
    """Raise UsageError (exit status 2) where a board id is unknown, or both are the same."""
    for board_id in (a, b):
        if board_id not in gmap.by_id:
            close = difflib.get_close_matches(board_id, list(gmap.by_id), n=1, cutoff=0.6)
            hint = (
                f"; did you mean '{close[0]}'?"
                if close
                else "; `boardmap render PATH --list` lists the boards' views and ids"
            )
            raise UsageError(f"the map has no board with the id '{board_id}'{hint}")
    if a == b:
        raise UsageError(f"give two different boards: a protocol is between two boards, and both were '{a}'")


def format_for(path: str | None, chosen: str | None) -> str:
    """The format asked for, or the one the output file's name implies (default md)."""
    if chosen:
        return chosen
    if path:
        return SUFFIXES.get(Path(path).suffix.lower(), "md")
    return "md"


def render(protocol: Protocol, fmt: str) -> bytes:
    if fmt == "md":
        from boardmap.protocol.markdown import to_markdown

        return to_markdown(protocol).encode("utf-8")
    if fmt == "html":
        from boardmap.protocol.html import to_html

        return to_html(protocol).encode("utf-8")
    if fmt == "docx":
        from boardmap.protocol.word import to_docx

        return to_docx(protocol)
    raise UsageError(f"'{fmt}' is not a protocol format; choose from {', '.join(FORMATS)}")


def write_protocol(gmap: GovernanceMap, a: str, b: str, fmt: str, path: Path | str) -> Path:
    """Draft the protocol between two boards and write it to `path` atomically."""
    check_boards(gmap, a, b)
    return write_atomic(path, render(draft(gmap, a, b), fmt))
