"""A workbook is a map: an .xlsx file read straight into a GovernanceMap, wherever a YAML
map is accepted (`check`, `build`, `render`, `guide`, `diff`, `export`, `build --watch`).

The sheets are read once, by `table_read.read_workbook` (where the limits on reading a workbook
live); each row becomes an item of the format's own models, and every problem is placed at
the cell its value came from, as FILE:SHEET!CELL (`boards.xlsx:links!C7: unknown-board:
...`). The checks that need the whole map (duplicate ids, unknown rule packs, accepted
entries naming nothing) are `load`'s own, asked of each sheet as though it were a file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from boardmap import messages
from boardmap.collector import no_gc
from boardmap.errors import MapError, Problem
from boardmap.loader.dates import at_date
from boardmap.model import (
    Accepted,
    Agreement,
    Concern,
    MapFile,
)
from boardmap.origins import Loaded
from boardmap.table_map import assemble
from boardmap.table_read import Row, Table, read_workbook
from boardmap.table_rows import NO_BOARDS, Origin, Reader, cell_message
from boardmap.table_specs import ACCEPTED, AGREEMENTS, CONCERNS, MAP, TYPE_WORDS, model_order, plain_word

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@no_gc()
def load_workbook(path: Path | str, as_of: dt.date | None = None) -> Loaded:
    """The map a workbook holds, as it stands on `as_of` (default: its own as_of, or today).

    Raises MapError with every problem, each at its cell, or UsageError for a file that
    cannot be read as a workbook.
    """
    path = Path(path)
    problems: list[Problem] = []
    tables = read_workbook(path, problems, cells=True)
    reader = Reader(problems)
    boards = tables["boards"]
    if not boards.rows and not problems:
        problems.append(boards.at(1, None, "schema", NO_BOARDS))
    top, glossary = read_sheets(tables, reader)
    if reader.problems:
        raise MapError(reader.problems)
    merged, sheets = assemble(tables, reader, top, glossary)
    first = sheets[tables["map"].where] if "map" in tables else sheets[boards.where]
    # The map's one source is the workbook; the checks place findings through each sheet.
    gmap = merged.map.model_copy(update={"sources": [str(path)]})
    return at_date(Loaded(gmap, gmap, merged.origins, {str(path): first, **sheets}), as_of)


def read_sheets(tables: dict[str, Table], reader: Reader) -> tuple[dict[str, Any], dict[str, str]]:
    """Read every sheet the format has into `reader`'s items (problems into its list), and
    return the 'map' sheet's top-level fields and the glossary. `load_workbook` and
    `boardmap import` both read a workbook through here, so an import keeps every sheet
    that the workbook as a map has (accepted gaps, agreements, concerns, the glossary)."""
    reader.read_boards(tables["boards"])
    for name, method in (
        ("links", reader.read_links),
        ("escalations", reader.read_escalations),
        ("themes", reader.read_themes),
        ("accepted", _read_accepted(reader)),
        ("agreements", _read_agreements(reader)),
        ("concerns", _read_concerns(reader)),
    ):
        if name in tables:
            method(tables[name])
    return _top(tables.get("map"), reader), _glossary(tables.get("glossary"), reader)


def _top(sheet: Table | None, reader: Reader) -> dict[str, Any]:
    """The area, title, date and rule packs, from the 'map' sheet's first row."""
    top: dict[str, Any] = {}
    row = sheet.rows[0] if sheet and sheet.rows else None
    if sheet is None or row is None:
        return top
    for name in MAP.fields:
        value = reader.listed(sheet, row, name) if name in MAP.lists else reader.text(sheet, row, name)
        if value not in (None, []):
            top[name] = value
    if reader.validate(MapFile, {"boardmap": 1, **top}, sheet, [row]):
        return dict(
            MapFile.model_validate({"boardmap": 1, **top}).model_dump(
                include={"area", "title", "as_of", "rules", "urgent"}, exclude_none=True
            )
        )
    return {}


def _glossary(sheet: Table | None, reader: Reader) -> dict[str, str]:
    """Terms and what they mean, one a row."""
    glossary: dict[str, str] = {}
    first: dict[str, int] = {}
    for row in sheet.rows if sheet else []:
        assert sheet is not None
        term, meaning = reader.text(sheet, row, "term"), reader.text(sheet, row, "meaning")
        if term is None or meaning is None:
            reader.problem(
                sheet,
                row,
                "meaning" if term else "term",
                f"this row has no {'meaning' if term else 'term'}; give the term in "
                "the term column and what it means in the meaning column",
            )
            continue
        if term in glossary:
            reader.problem(
                sheet,
                row,
                "term",
                f"the glossary explains {messages._show(term)} "
                f"already, in row {first[term]}; keep one explanation",
            )
            continue
        glossary[term], first[term] = str(meaning), row.number
    return glossary


def _read_accepted(reader: Reader) -> Any:
    def read(table: Table) -> None:
        for row in table.rows:
            data: dict[str, Any] = {}
            for name in (f for f in ACCEPTED.fields if f != "boards" and not f.startswith("link_")):
                value = reader.ref(table, row, name) if name == "board" else reader.text(table, row, name)
                if value is not None:
                    data[name] = value
            boards = reader.refs(table, row, "boards")
            if boards:
                data["boards"] = boards
            ends = {end: reader.ref(table, row, f"link_{end}") for end in ("from", "to")}
            kind = reader.text(table, row, "link_type")
            if any(ends.values()) or kind is not None:
                link: dict[str, Any] = {k: v for k, v in ends.items() if v is not None}
                if kind is not None:
                    link["type"] = TYPE_WORDS.get(plain_word(kind), kind)
                data["link"] = link
            reader._add("accepted", Accepted, model_order(Accepted, data), table, [row])

    return read


# The columns of an agreement's parts: what it covers, and its signatures.
_PARTS = ("covers_", "agreed_")


def _read_agreements(reader: Reader) -> Any:
    """An agreement a row; further rows with no id or name add a signature (agreed_by,
    agreed_on, agreed_ref) or a covered link (covers_from, covers_to, covers_type)."""

    def read(table: Table) -> None:
        current: tuple[dict[str, Any], list[Row], dict[tuple[str, int], Row]] | None = None
        found: list[tuple[dict[str, Any], list[Row], dict[tuple[str, int], Row]]] = []
        for row in table.rows:
            if reader.text(table, row, "id") is not None or reader.text(table, row, "name") is not None:
                current = ({}, [], {})
                found.append(current)
                data = current[0]
                for name in (f for f in AGREEMENTS.fields if f != "between" and not f.startswith(_PARTS)):
                    value = reader.text(table, row, name)
                    if value is not None:
                        data[name] = value
                data["between"] = reader.refs(table, row, "between")
                routes = reader.listed(table, row, "covers_routes")
                if routes:
                    data.setdefault("covers", {})["routes"] = routes
            elif current is None:
                reader.problem(
                    table,
                    row,
                    "name",
                    "this row belongs to no agreement: give the agreement's id and name on its first row",
                )
                continue
            data, rows, parts = current
            rows.append(row)
            signer = reader.ref(table, row, "agreed_by")
            on = reader.text(table, row, "agreed_on")
            ref = reader.text(table, row, "agreed_ref")
            if signer is not None or on is not None or ref is not None:
                agreed = data.setdefault("agreed", [])
                parts[("agreed", len(agreed))] = row
                agreed.append({k: v for k, v in (("by", signer), ("on", on), ("ref", ref)) if v is not None})
            ends = {end: reader.ref(table, row, f"covers_{end}") for end in ("from", "to")}
            kind = reader.text(table, row, "covers_type")
            if any(v is not None for v in ends.values()) or kind is not None:
                links = data.setdefault("covers", {}).setdefault("links", [])
                parts[("covers", len(links))] = row
                link = {k: v for k, v in ends.items() if v is not None}
                if kind is not None:
                    link["type"] = TYPE_WORDS.get(plain_word(kind), kind)
                links.append(link)
        for data, rows, parts in found:
            item = model_order(Agreement, data)
            _check_agreement(reader, table, item, rows, parts)
            reader.items.setdefault("agreements", []).append((item, Origin(table, rows[0], rows, parts)))

    return read


def _check_agreement(
    reader: Reader,
    table: Table,
    item: dict[str, Any],
    rows: list[Row],
    parts: dict[tuple[str, int], Row],
) -> None:
    """Validate an agreement, each error at its cell: a signature's or a covered link's on
    the row that gives it."""
    try:
        Agreement.model_validate(item)
    except ValidationError as exc:
        seen = {(p.file, p.line, p.column) for p in reader.problems}
        for error in exc.errors(include_url=False, include_input=True):
            loc = [str(step) for step in error["loc"]]
            row, name = rows[0], loc[0]
            if loc[0] == "agreed" and len(loc) > 2 and loc[1].isdigit():
                row = parts.get(("agreed", int(loc[1])), row)
                name = f"agreed_{loc[2]}"
            elif loc[:2] == ["covers", "links"] and len(loc) > 3 and loc[2].isdigit():
                row = parts.get(("covers", int(loc[2])), row)
                name = f"covers_{loc[3]}"
            elif loc[0] == "covers":
                name = "covers_routes"
            problem = table.at(row.number, name, "schema", cell_message(error, "agreements", name))
            if (problem.file, problem.line, problem.column) not in seen:
                seen.add((problem.file, problem.line, problem.column))
                reader.problems.append(problem)


def _read_concerns(reader: Reader) -> Any:
    def read(table: Table) -> None:
        for row in table.rows:
            data = {
                name: value
                for name in CONCERNS.fields
                if (value := reader.text(table, row, name)) is not None
            }
            reader._add("concerns", Concern, data, table, [row])

    return read
