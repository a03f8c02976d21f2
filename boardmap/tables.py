"""Spreadsheets -> a map: a boards CSV and a links CSV, or a workbook with sheets `boards`,
`links` and, optionally, every other sheet the format has (`boardmap import`): a workbook
is read by `workbook.read_sheets`, as `boardmap check book.xlsx` reads it.

Columns are named as the format's fields (`id, name, kind, ...`; `from, to, type, ...`),
or as Kumu names them (`Label, Type, Description`), so the CSV pair that
`boardmap export --to csv` writes comes back in unchanged. Every bad cell is reported in
one run, as FILE[:SHEET]:ROW:COLUMN, and nothing is written until the whole map loads.
The tables are read by boardmap.table_read, their rows made items by boardmap.table_rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardmap.dump import dump_yaml, yaml_entry
from boardmap.errors import MapError, Problem, UsageError
from boardmap.model import GovernanceMap
from boardmap.table_limits import Budget
from boardmap.table_map import assemble
from boardmap.table_read import Table, read_csv, read_workbook
from boardmap.table_rows import NO_BOARDS, Reader
from boardmap.table_specs import BOARDS, LINKS
from boardmap.workbook import read_sheets

# The largest map the loader reads (boardmap.load.MAX_FILE_BYTES): an import that would
# write a larger one is refused, rather than written for `check` to refuse.
MAX_MAP_BYTES = 64 * 1024 * 1024


# -- the map -> YAML -----------------------------------------------------------------------


def _comment(text: str) -> str:
    # Names from the file system go into comments: no line break may end the comment.
    return "".join(c if c.isprintable() else "?" for c in text)


_HEADINGS = {
    "boards": "The boards, one entry for each row of",
    "links": "The links between them, one entry for each row of",
    "escalations": "Routes for unresolved concerns, from",
    "themes": "Shared priorities, from",
    "accepted": "Gaps accepted, with the reason, from",
    "agreements": "Agreements between boards, from",
    "concerns": "Concerns raised, from",
}
# The sections an import writes, in order (as boardmap.load.SECTIONS).
_SECTIONS = tuple(_HEADINGS)


def _document(
    top: dict[str, Any], gmap: GovernanceMap, tables: dict[str, Table], sources: list[str], made_ids: bool
) -> str:
    """The map's YAML, written from its models by dump.py's emitter, each section under a
    comment that names the table it came from (and, where the tables left board ids blank,
    a comment saying where the ids came from)."""
    parts = [
        f"# Imported by `boardmap import` from {_comment(' and '.join(sources))}.\n",
        "# Check it with `boardmap check`; from now on, edit this file or import the tables again.\n",
        *(
            ["# Ids left blank in the tables were made from the boards' names or acronyms.\n"]
            if made_ids
            else []
        ),
        dump_yaml(top),
    ]
    for section in _SECTIONS:
        items = getattr(gmap, section)
        if not items:
            continue
        shown = tables[section].shown if section in tables else ""
        data = [item.model_dump(by_alias=True, exclude_defaults=True, mode="python") for item in items]
        parts += ["\n", f"# {_HEADINGS[section]} {_comment(shown)}.\n", yaml_entry(section, data)]
    return "".join(parts)


# -- the whole import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    text: str
    boards: int
    links: int
    escalations: int
    themes: int
    accepted: int = 0
    agreements: int = 0
    concerns: int = 0


def read_tables(paths: list[Path], area: str | None = None) -> Imported:
    """Read the tables, check every cell, and return the map's YAML text with its counts.

    Raises MapError listing every bad cell, or UsageError for files it cannot read.
    """
    tables, problems = _open(paths)
    reader = Reader(problems)
    if not tables["boards"].rows and not problems:
        problems.append(tables["boards"].at(1, None, "schema", NO_BOARDS))
    # A workbook's every sheet, as `boardmap check book.xlsx` reads it; two CSV files hold
    # only boards and links.
    sheet_top, glossary = read_sheets(tables, reader)
    top = _top(sheet_top, area)
    if reader.problems:
        raise MapError(reader.problems)
    gmap = assemble(tables, reader, top, glossary)[0].map
    if glossary:
        top["glossary"] = glossary
    text = _document(top, gmap, tables, [p.name for p in paths], reader.made_ids > 0)
    size = len(text.encode("utf-8"))
    if size > MAX_MAP_BYTES:
        raise UsageError(
            f"the map made from these tables would be {size / 1_048_576:.0f} MB of "
            f"YAML ({size:,} bytes), and boardmap reads maps of up to "
            f"{MAX_MAP_BYTES / 1_048_576:.0f} MB: import the tables in parts, "
            "and keep the map as a folder of files"
        )
    return Imported(text, *(len(reader.items.get(s, [])) for s in _SECTIONS))


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


def _top(sheet_top: dict[str, Any], area: str | None) -> dict[str, Any]:
    """`boardmap: 1`, the area and, from a `map` sheet, the title, date, rule packs and the
    date from which concerns are urgent."""
    top: dict[str, Any] = {"boardmap": 1, **sheet_top}
    if area is not None:
        top["area"] = area
    if not top.get("area"):
        raise UsageError(
            "say which place the map describes: give --area NAME (for example "
            "--area Medway), or fill in the area column of a 'map' sheet"
        )
    order = ("boardmap", "area", "title", "as_of", "rules", "urgent")
    return {k: top[k] for k in order if k in top}
