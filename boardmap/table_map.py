"""The items read from tables -> one GovernanceMap, every problem at the cell its value
came from.

The one path from rows to a map, for `boardmap import` (which then writes the map as
YAML) and for a workbook that is the map itself (boardmap.workbook). Each item is checked
by the format's own model as its row is read (boardmap.table_rows); what needs the whole
map (duplicate ids, unknown boards, rule packs, accepted entries naming nothing) is
`load`'s own check, asked of each table as though it were a file: a `Sheet` answers where
a value stands, from the rows each item was read from and the column of each field.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from boardmap.errors import MapError, Problem
from boardmap.loader.merge import merge
from boardmap.model import (
    Accepted,
    Agreement,
    Board,
    Concern,
    Escalation,
    Link,
    MapFile,
    Theme,
)
from boardmap.origins import Loaded, Origins
from boardmap.table_read import Row, Table, cell_name
from boardmap.table_rows import Reader

MODELS: dict[str, type[BaseModel]] = {
    "boards": Board,
    "links": Link,
    "escalations": Escalation,
    "themes": Theme,
    "accepted": Accepted,
    "agreements": Agreement,
    "concerns": Concern,
}
NO_AREA = (
    "the map gives no area: fill in the area column of the 'map' sheet (for example "
    "Medway), under the heading in row 1"
)


class Sheet:
    """One table, asked what `load` asks of a file: its name, and where a value stands."""

    def __init__(self, table: Table, rules: bool = False) -> None:
        self.file = table.where
        self.table = table
        self.items: dict[str, list[list[Row]]] = {}  # section -> each item's rows
        # (section, item, list, index) -> the row of an agreement's signature or covered link
        self.parts: dict[tuple[str, int, str, int], Row] = {}
        self.unvalidated_ids: dict[int, str] = {}
        self.declared_boards = 0
        # checks.rules looks for `rules:` in a file's text to place a finding about packs.
        self.text = "rules:\n" if rules else ""

    def position(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """Row and column of the cell behind a path into the map ('links', 3, 'to')."""
        columns = self.table.columns
        rows = self.table.rows
        if not path or (isinstance(path[0], str) and path[0] not in self.items):
            top = str(path[0]) if path else ""
            return (rows[0].number if rows else 1), columns.get(top, 1)
        section, index = str(path[0]), int(path[1]) if len(path) > 1 else 0
        item_rows = self.items[section][index] if index < len(self.items[section]) else []
        row = item_rows[0].number if item_rows else 1
        field: str | None = str(path[2]) if len(path) > 2 else None
        if section == "escalations" and field == "steps" and len(path) > 3:
            step = int(path[3])
            row = item_rows[min(step, len(item_rows) - 1)].number if item_rows else row
            field = str(path[4]) if len(path) > 4 else "action"
        elif section == "accepted" and field == "link":
            field = f"link_{path[3]}" if len(path) > 3 else "link_from"
        elif section == "agreements" and field in ("agreed", "covers"):
            rest = [str(step) for step in path[3:]]
            if field == "covers" and rest[:1] == ["links"] and len(rest) > 1:
                part = self.parts.get((section, index, "covers", int(rest[1])))
                row = part.number if part else row
                field = f"covers_{rest[2] if len(rest) > 2 else 'from'}"
            elif field == "covers":
                field = "covers_routes"
            else:
                part = self.parts.get((section, index, "agreed", int(rest[0]))) if rest else None
                row = part.number if part else row
                field = f"agreed_{rest[1] if len(rest) > 1 else 'by'}"
        return row, columns.get(field, 1) if field else 1

    def item_line(self, section: str, index: int) -> int:
        return self.position((section, index))[0]


def assemble(
    tables: dict[str, Table], reader: Reader, top: dict[str, Any], glossary: dict[str, str] | None = None
) -> tuple[Loaded, dict[str, Sheet]]:
    """The map the items of `reader` make, with `top` (area, title, date, rule packs) and
    the glossary, checked as a whole; and the sheets that place each item's values.

    Raises MapError, each problem at its cell (as SHEET!CELL where the tables are a
    workbook's that is the map itself, else as row and column)."""
    sheets = {
        table.where: Sheet(table, rules=bool(table.spec.name == "map" and top.get("rules")))
        for table in tables.values()
    }
    sections: dict[str, list[Any]] = {}
    origins = Origins()
    for section, model in MODELS.items():
        for data, origin in reader.items.get(section, []):
            sheet = sheets[origin.table.where]
            index = len(sheet.items.setdefault(section, []))
            sheet.items[section].append(origin.step_rows or [origin.row])
            for (name, number), part_row in origin.parts.items():
                sheet.parts[(section, index, name, number)] = part_row
            item: Any = model.model_validate(data)
            origins.set(item, (sheet.file, (section, index)))
            sections.setdefault(section, []).append(item)
    first = sheets[tables["map"].where] if "map" in tables else sheets[tables["boards"].where]
    if not top.get("area"):
        raise MapError([at(first, 1, 1, "schema", NO_AREA)])
    part = MapFile.model_construct(**{"boardmap": 1, "glossary": glossary or {}, **top, **sections})
    as_files: Any = sheets  # each sheet answers what load asks of a file's Source
    try:
        merged = merge([(as_files[first.file], part)], list(as_files.values()), [], origins)
    except MapError as exc:
        raise MapError([in_cell(p, sheets) for p in exc.problems]) from None
    return merged, sheets


def at(sheet: Sheet, row: int, column: int, rule: str, message: str) -> Problem:
    return in_cell(Problem(sheet.file, row, column, rule, message), {sheet.file: sheet})


def in_cell(problem: Problem, sheets: dict[str, Sheet]) -> Problem:
    """A problem `load` placed at a row and column of a workbook's sheet, named by its cell."""
    sheet = sheets.get(problem.file)
    if sheet is None or problem.cell or not sheet.table.cells:
        return problem
    return replace(problem, cell=cell_name(problem.line, problem.column))
