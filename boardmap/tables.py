"""Spreadsheets -> a map: a boards CSV and a links CSV, or a workbook with sheets `boards`,
`links` and, optionally, `escalations`, `themes` and `map` (`boardmap import`).

Columns are named as the format's fields (`id, name, kind, ...`; `from, to, type, ...`),
or as Kumu names them (`Label, Type, Description`), so the CSV pair that
`boardmap export --to csv` writes comes back in unchanged. Every bad cell is reported in
one run, as FILE[:SHEET]:ROW:COLUMN, and nothing is written until the whole map loads.
The tables are read by boardmap.table_read, their rows made items by boardmap.table_rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardmap.errors import MapError, Problem, UsageError
from boardmap.model import MapFile
from boardmap.table_limits import Budget
from boardmap.table_read import Table, read_csv, read_workbook
from boardmap.table_rows import NO_BOARDS, Origin, Reader
from boardmap.table_specs import BOARDS, LINKS, MAP

# The largest map the loader reads (boardmap.load.MAX_FILE_BYTES): an import that would
# write a larger one is refused, rather than written for `check` to refuse.
MAX_MAP_BYTES = 64 * 1024 * 1024
# What the generated map is called while it is checked, before it has a file of its own.
YAML_NAME = "<import>"


# -- items -> YAML ---------------------------------------------------------------------------


# The YAML is written here rather than by PyYAML: the items have a fixed shape (text,
# dates, yes/no, lists of text, a route's steps), and PyYAML's emitter took most of the
# time of a large import (20 s for 5,000 boards and 25,000 links).

# Text that may stand unquoted: it starts with a letter and holds nothing YAML reads as
# syntax (no ':', '#', quotes, brackets, or a trailing space).
_PLAIN = re.compile(r"[^\W\d_][\w .,'’()/;?+&-]*(?<! )")
# ... and in a flow list, [a, b], no comma either.
_PLAIN_IN_LIST = re.compile(r"[^\W\d_][\w .'’()/;?+&-]*(?<! )")
# Words some YAML reader takes for a boolean or null.
_SPECIAL_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false", "null"})
# The map reader turns even quoted text shaped like a date into a date, so such text is
# written with an explicit !!str tag.
_DATE_LIKE = re.compile(r"\s*\d{4}-\d\d?-\d\d?")


def _scalar(value: Any, in_list: bool = False) -> str:
    """One value as YAML: plain where that is safe, otherwise double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = _PLAIN_IN_LIST if in_list else _PLAIN
    if plain.fullmatch(text) and text.casefold() not in _SPECIAL_WORDS:
        return text
    quoted = '"' + "".join(_escape(c) for c in text) + '"'
    return f"!!str {quoted}" if _DATE_LIKE.match(text) else quoted


def _escape(char: str) -> str:
    if char in ('"', "\\"):
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)  # line breaks, tabs, control and invisible characters, escaped
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _mapping(data: dict[str, Any], indent: str, first: str) -> list[str]:
    """A mapping's lines; `first` goes before the first key ('- ' in a list)."""
    lines = []
    lead = first
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{lead}{key}:")
            for item in value:
                lines += _mapping(item, indent + " " * (len(lead) + 2), "- ")
        elif isinstance(value, list):
            lines.append(f"{indent}{lead}{key}: [{', '.join(_scalar(v, True) for v in value)}]")
        else:
            lines.append(f"{indent}{lead}{key}: {_scalar(value)}")
        lead = " " * len(first)
    return lines


def _comment(text: str) -> str:
    # Names from the file system go into comments: no line break may end the comment.
    return "".join(c if c.isprintable() else "?" for c in text)


_HEADINGS = {
    "boards": "The boards, one entry for each row of",
    "links": "The links between them, one entry for each row of",
    "escalations": "Routes for unresolved concerns, from",
    "themes": "Shared priorities, from",
}


@dataclass
class Placed:
    """Where each generated item stands in the YAML: its first and last line."""

    first: int
    last: int
    origin: Origin
    keys: dict[int, str]  # line -> the field whose key starts there


def _document(
    top: dict[str, Any], top_origin: Origin | None, reader: Reader, sources: list[str]
) -> tuple[str, list[Placed]]:
    """The map's YAML, and where each item of it came from."""
    lines = [
        f"# Imported by `boardmap import` from {_comment(' and '.join(sources))}.",
        "# Check it with `boardmap check`; from now on, edit this file or import the tables again.",
        "# Ids left blank in the tables were made from the boards' names or acronyms.",
    ]
    placed: list[Placed] = []
    _place(lines, _mapping(top, "", ""), top_origin, placed, r"^(\w+):")
    for section in ("boards", "links", "escalations", "themes"):
        items = reader.items.get(section, [])
        if not items:
            continue
        shown = items[0][1].table.shown
        lines += ["", f"# {_HEADINGS[section]} {_comment(shown)}.", f"{section}:"]
        for data, origin in items:
            block = _mapping(data, "  ", "- ")
            _place(lines, block, origin, placed, r"^  (?:- |  )(\w+):")
    return "\n".join(lines) + "\n", placed


def _place(
    lines: list[str], block: list[str], origin: Origin | None, placed: list[Placed], key_pattern: str
) -> None:
    first = len(lines) + 1
    keys = {}
    for offset, line in enumerate(block):
        match = re.match(key_pattern, line)
        if match:
            keys[first + offset] = match[1]
    lines += block
    if origin is not None:
        placed.append(Placed(first, len(lines), origin, keys))


def _locate(problem: Problem, placed: list[Placed], fallback: Table) -> Problem:
    """A problem the loader found in the generated YAML, moved back to its cell, and any
    place in the YAML its message mentions moved back to its row."""

    def row_of(match: re.Match[str]) -> str:
        item = _item_at(int(match[1]), placed)
        return f"{item.origin.table.where}:{item.origin.row.number}" if item else match[0]

    message = re.sub(rf"{re.escape(YAML_NAME)}:(\d+)", row_of, problem.message)
    item = _item_at(problem.line, placed)
    if item is None:
        return fallback.at(1, None, problem.rule, message)
    name = next((item.keys[line] for line in sorted(item.keys, reverse=True) if line <= problem.line), None)
    return item.origin.table.at(item.origin.row.number, name, problem.rule, message)


def _item_at(line: int, placed: list[Placed]) -> Placed | None:
    return next((item for item in placed if item.first <= line <= item.last), None)


# -- the whole import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    text: str
    boards: int
    links: int
    escalations: int
    themes: int


def read_tables(paths: list[Path], area: str | None = None) -> Imported:
    """Read the tables, check every cell, and return the map's YAML text with its counts.

    Raises MapError listing every bad cell, or UsageError for files it cannot read.
    """
    tables, problems = _open(paths)
    reader = Reader(problems)
    if not tables["boards"].rows and not problems:
        problems.append(tables["boards"].at(1, None, "schema", NO_BOARDS))
    reader.read_boards(tables["boards"])
    for name, method in (
        ("links", reader.read_links),
        ("escalations", reader.read_escalations),
        ("themes", reader.read_themes),
    ):
        if name in tables:
            method(tables[name])
    top = _top(tables, area, reader)
    if reader.problems:
        raise MapError(reader.problems)
    sheet = tables.get("map")
    top_origin = Origin(sheet, sheet.rows[0]) if sheet and sheet.rows else None
    text, placed = _document(top, top_origin, reader, [p.name for p in paths])
    size = len(text.encode("utf-8"))
    if size > MAX_MAP_BYTES:
        raise UsageError(
            f"the map made from these tables would be {size / 1_048_576:.0f} MB of "
            f"YAML ({size:,} bytes), and boardmap reads maps of up to "
            f"{MAX_MAP_BYTES / 1_048_576:.0f} MB: import the tables in parts, "
            "and keep the map as a folder of files"
        )
    _check(text, placed, tables["boards"])
    return Imported(
        text, *(len(reader.items.get(s, [])) for s in ("boards", "links", "escalations", "themes"))
    )


def import_tables(paths: list[Path], area: str | None = None) -> str:
    """The YAML text of a map made from a boards CSV and a links CSV, or from a workbook.

    Raises MapError (every bad cell, each as FILE[:SHEET]:ROW:COLUMN) or UsageError.
    """
    return read_tables([Path(p) for p in paths], area).text


def _open(paths: list[Path]) -> tuple[dict[str, Table], list[Problem]]:
    problems: list[Problem] = []
    budget = Budget(problems)  # the limits on rows, cells and text, for every table of the import
    if len(paths) == 1 and paths[0].suffix.lower() in (".xlsx", ".xlsm"):
        return read_workbook(paths[0], problems, budget), problems
    if not paths or len(paths) > 2 or any(p.suffix.lower() != ".csv" for p in paths):
        raise UsageError(
            "give a workbook (.xlsx) with sheets 'boards' and 'links', or a boards "
            "CSV file and a links CSV file, in that order"
        )
    tables = {"boards": read_csv(paths[0], BOARDS, problems, budget)}
    if len(paths) == 2:
        tables["links"] = read_csv(paths[1], LINKS, problems, budget)
    return tables, problems


def _top(tables: dict[str, Table], area: str | None, reader: Reader) -> dict[str, Any]:
    """`boardmap: 1`, the area and, from a `map` sheet, the title, date and rule packs."""
    top: dict[str, Any] = {"boardmap": 1}
    sheet = tables.get("map")
    row = sheet.rows[0] if sheet and sheet.rows else None
    if sheet and row:
        for name in MAP.fields:
            value = reader.listed(sheet, row, name) if name in MAP.lists else reader.text(sheet, row, name)
            if value not in (None, []):
                top[name] = value
        reader.validate(MapFile, {k: v for k, v in top.items()}, sheet, [row])
    if area is not None:
        top["area"] = area
    if not top.get("area"):
        raise UsageError(
            "say which place the map describes: give --area NAME (for example "
            "--area Medway), or fill in the area column of a 'map' sheet"
        )
    order = ("boardmap", "area", "title", "as_of", "rules")
    return {k: top[k] for k in order if k in top}


def _check(text: str, placed: list[Placed], fallback: Table) -> None:
    """Load the generated map as `boardmap check` would; any problem goes back to its cell."""
    from boardmap.load import load_text

    try:
        load_text(text, file=YAML_NAME)
    except MapError as exc:
        raise MapError([_locate(p, placed, fallback) for p in exc.problems]) from None
