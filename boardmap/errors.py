"""One root exception, and located problems that point at a place in a map file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a map, at a place in a file.

    Ordered by file, line and column so that reports read top to bottom.
    """

    file: str
    line: int
    column: int
    rule: str
    message: str
    # In a workbook, the cell ('C7'); `file` is then 'FILE:SHEET' and `line` and `column`
    # the cell's row and column numbers.
    cell: str = ""

    def __str__(self) -> str:
        if self.cell:
            return f"{self.file}!{self.cell}: {self.rule}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.rule}: {self.message}"

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }
        if self.cell:
            data["cell"] = self.cell
        return data


class BoardmapError(Exception):
    """The root of every error boardmap raises on purpose; the CLI catches this once."""

    exit_status = 2


class MapError(BoardmapError):
    """A map could not be loaded. Holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(BoardmapError):
    """The command was asked for something it cannot do (a missing file, a bad option)."""


class OutputError(BoardmapError):
    """An output could not be written. `replaced` names the files this run had already
    replaced (each whole); every other file is as it was."""

    def __init__(self, path: Path | str, reason: str, replaced: Sequence[str] = ()) -> None:
        self.path = str(path)
        self.reason = reason
        self.replaced = list(replaced)
        super().__init__(str(self))

    def __str__(self) -> str:
        if not self.replaced:
            return f"cannot write {self.path}: {self.reason} (nothing was changed)"
        shown = ", ".join(self.replaced[:10])
        more = len(self.replaced) - 10
        if more > 0:
            shown += f" and {more} more"
        count = len(self.replaced)
        return (
            f"cannot write {self.path}: {self.reason}. {count} file"
            f"{'s were' if count != 1 else ' was'} already replaced, each whole: {shown}; "
            "every other file is as it was"
        )


class ToolMissing(BoardmapError):
    """An optional tool (Graphviz's dot, a browser) is needed and absent."""


class LayoutWarning(UserWarning):
    """A diagram that Graphviz could not lay out in full was drawn in a simpler form; the
    CLI prints it as 'boardmap: warning: ...'."""
