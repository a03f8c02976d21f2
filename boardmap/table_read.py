"""Reading tables: a CSV file (whatever encoding and separator a spreadsheet program saved
it in) or the sheets of an .xlsx workbook, into rows of cells under known columns.

What a spreadsheet may hold that a map cannot is refused at its cell, never guessed at:
a formula, merged cells, a hidden sheet boardmap reads, a cell under no heading, an unknown
column. The limits of boardmap.table_limits come first.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardmap import messages
from boardmap.errors import Problem, UsageError
from boardmap.table_limits import MAX_TABLE_BYTES, Budget, bad_workbook, check_package, sheet_rows
from boardmap.table_specs import SPECS, Spec, undo_defuse


@dataclass
class Row:
    number: int  # the row as a spreadsheet shows it: the heading is row 1
    cells: dict[str, Any]  # field -> value, blank cells left out


@dataclass
class Table:
    where: str  # 'boards.csv', or 'book.xlsx:links'
    spec: Spec
    columns: dict[str, int]  # field -> column number, from 1
    rows: list[Row]
    shown: str = ""  # the file's name (and sheet) without its folder, for comments
    cells: bool = False  # place problems as SHEET!CELL (a workbook that is the map itself)

    def at(self, row: int, fieldname: str | None, rule: str, message: str) -> Problem:
        column = self.columns.get(fieldname, 1) if fieldname else 1
        return Problem(self.where, row, column, rule, message, cell_name(row, column) if self.cells else "")


def cell_name(row: int, column: int) -> str:
    """A cell as a spreadsheet names it: row 7 of column 3 is 'C7'."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _norm_header(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _table(
    where: str,
    shown: str,
    spec: Spec,
    raw: Iterable[Iterable[Any]],
    problems: list[Problem],
    by_cell: bool = False,
) -> Table:
    """Headings in the first row name the fields; each later non-blank row is one item."""
    table = Table(where, spec, {}, [], shown, by_cell)
    rows = iter(raw)
    header = list(next(rows, []))
    for index, heading in enumerate(header, start=1):
        if heading is None or str(heading).strip() == "":
            continue
        text = str(heading).strip()
        name = _norm_header(text)
        name = spec.aliases.get(name, name)
        if name not in spec.fields:
            close = difflib.get_close_matches(name, spec.fields, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                _at(
                    table,
                    1,
                    index,
                    "schema",
                    f"unknown column {messages._show(text)} in the {spec.name} "
                    f"table; {hint}the columns are: {', '.join(spec.fields)}",
                )
            )
        elif name in table.columns:
            problems.append(
                _at(
                    table,
                    1,
                    index,
                    "schema",
                    f"two columns give the {name} (columns {table.columns[name]} and {index}); keep one",
                )
            )
        else:
            table.columns[name] = index
    for name in spec.required:
        if name not in table.columns and header:
            problems.append(
                _at(
                    table,
                    1,
                    1,
                    "schema",
                    f"the {spec.name} table has no '{name}' column; add a "
                    f"column headed '{name}' (it is required)",
                )
            )
    fields = {index: name for name, index in table.columns.items()}
    for number, values in enumerate(rows, start=2):
        cells: dict[str, Any] = {}
        for index, value in enumerate(values, start=1):
            value = _clean(value, fields.get(index) in _PARAGRAPH_FIELDS)
            if value is None:
                continue
            if index in fields:
                cells[fields[index]] = value
            elif index > len(header) or header[index - 1] in (None, ""):
                problems.append(
                    _at(
                        table,
                        number,
                        index,
                        "schema",
                        "this cell is under a column with no heading; add a heading or clear the cell",
                    )
                )
        if cells:
            table.rows.append(Row(number, cells))
    return table


def _at(table: Table, row: int, column: int, rule: str, message: str) -> Problem:
    return Problem(table.where, row, column, rule, message, cell_name(row, column) if table.cells else "")


# Free text whose final line break is part of the value: a YAML block (`purpose: |`) ends
# with one, `boardmap export --to csv` keeps it in the cell, and so the import keeps it, for
# a round trip that gives back the same bytes.
_PARAGRAPH_FIELDS = frozenset({"purpose", "description", "action", "what"})


def _clean(value: Any, keep_breaks: bool = False) -> Any:
    """A cell's value: text stripped (but for the line breaks that end a paragraph field),
    blank as None, whole numbers without '.0'."""
    if isinstance(value, str):
        text = undo_defuse(value.strip())
        if text and keep_breaks:
            text += "".join(c for c in value[len(value.rstrip()) :] if c in "\r\n")
        return text or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def read_csv(path: Path, spec: Spec, problems: list[Problem], budget: Budget | None = None) -> Table:
    """A CSV file saved by Excel, LibreOffice or Google Sheets: UTF-8 (with or without a
    BOM), Windows-1252 as Excel's plain 'CSV' saves it, or UTF-16 as its 'Unicode Text'
    saves it; separated by commas, by semicolons (Excel where a comma is the decimal
    point) or by tabs ('Unicode Text'), whichever splits the first row into headings."""
    raw = _read_bytes(path)
    where = str(path)
    text = _decode(raw, where, problems)
    if text is None:
        return Table(where, spec, {}, [], path.name)
    if "\x00" in text:
        problems.append(
            Problem(
                where,
                1,
                1,
                "schema",
                "this is not a CSV text file (it holds NUL characters); save the sheet as CSV",
            )
        )
        return Table(where, spec, {}, [], path.name)
    rows = _csv_rows(text, _separator(text, spec), where, problems)
    return _table(where, path.name, spec, (budget or Budget(problems)).rows(where, rows), problems)


def _decode(raw: bytes, where: str, problems: list[Problem]) -> str | None:
    """Bytes to text: UTF-16 where a BOM or every other byte being zero says so (Excel's
    'Unicode Text'), else UTF-8, else Windows-1252."""
    encoding = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # the BOM says which end comes first
    elif len(raw) >= 4 and raw[1] == raw[3] == 0 and raw[0] and raw[2]:
        encoding = "utf-16-le"
    elif len(raw) >= 4 and raw[0] == raw[2] == 0 and raw[1] and raw[3]:
        encoding = "utf-16-be"
    if encoding:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    where,
                    1,
                    1,
                    "schema",
                    "this file starts as UTF-16 text "
                    "but does not decode as UTF-16; save the sheet again as "
                    "'CSV UTF-8 (Comma delimited)'",
                )
            )
            return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _separator(text: str, spec: Spec) -> str:
    """The separator that splits the first row into the most headings the table knows."""
    first = text[: text.find("\n") if "\n" in text else len(text)][:10_000]

    def known(separator: str) -> int:
        try:
            header = next(csv.reader([first], delimiter=separator), [])
        except csv.Error:
            return 0
        names = (_norm_header(h) for h in header)
        return sum(1 for n in names if spec.aliases.get(n, n) in spec.fields)

    best = max((",", ";", "\t"), key=known)  # max keeps the first of equals: ','
    return best if known(best) > 1 else ","


def _csv_rows(text: str, separator: str, where: str, problems: list[Problem]) -> Iterator[list[str]]:
    """The rows of a CSV text, one at a time; a row the csv module cannot read ends the
    table with a problem at that row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(
                Problem(
                    where, number + 1, 1, "schema", f"this is not a CSV table ({exc}); save the sheet as CSV"
                )
            )
            return
        number += 1
        yield row


def _read_bytes(path: Path) -> bytes:
    try:
        if not path.is_file() and path.exists():
            # A pipe would block for ever, and /dev/zero fill the memory: its size is no guide.
            raise UsageError(f"{path}: not a regular file; give the path of a CSV or .xlsx file")
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise UsageError(f"{path}: the file is larger than 64 MB; a table of boards is not")
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file; give the path of a CSV or .xlsx file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc


def read_workbook(
    path: Path, problems: list[Problem], budget: Budget | None = None, cells: bool = False
) -> dict[str, Table]:
    """The sheets of an .xlsx workbook that boardmap reads, by name (case does not matter).

    The one place a workbook is read, for `import` and for a workbook that is the map
    itself (`cells`: problems named SHEET!CELL). What a spreadsheet may hold that a map
    cannot is refused at its cell, never guessed at: a formula (its value depends on the
    spreadsheet program), cells merged across a table (one value for several rows or
    columns), and a hidden sheet of a kind boardmap reads (what readers of the workbook
    cannot see would be in the map).

    The limits of boardmap.table_limits come first: the package is checked (sizes, no DTD)
    before openpyxl reads it, each sheet is read by the rows it holds whatever its
    `<dimension>` says, and rows, cells and text are counted as they are read."""
    from openpyxl import load_workbook

    _read_bytes(path)  # the same size limit and messages as a CSV
    check_package(path)
    budget = budget or Budget(problems)
    try:
        book = load_workbook(path, read_only=True, data_only=False)  # formulas as formulas
        names = list(book.sheetnames)
    except MemoryError:
        raise UsageError(f"{path}: the workbook is too large to read in the memory there is") from None
    except Exception as exc:  # openpyxl on a file a hostile hand controls: bad input
        raise bad_workbook(path, f"{type(exc).__name__}: {messages.clip(str(exc), 120)}") from None
    try:
        tables: dict[str, Table] = {}
        for sheet_name in names:
            key = sheet_name.strip().lower()
            where = f"{path}:{sheet_name}"
            if key in SPECS:
                sheet = book[sheet_name]
                if getattr(sheet, "sheet_state", "visible") != "visible":
                    problems.append(
                        _cell_problem(
                            where,
                            1,
                            1,
                            cells,
                            "schema",
                            (
                                f"the sheet {messages._show(sheet_name)} is hidden, and boardmap reads "
                                "it: unhide it (right-click a sheet tab, Unhide) so that readers see "
                                "what the map holds, or delete it"
                            ),
                        )
                    )
                    continue
                rows = budget.rows(where, _sheet_values(sheet, path, where, cells, problems))
                tables[key] = _table(
                    where, f"the {sheet_name} sheet of {path.name}", SPECS[key], rows, problems, by_cell=cells
                )
                _merged_cells(book, sheet, path, where, cells, problems)
            else:
                close = difflib.get_close_matches(key, list(SPECS), n=1, cutoff=0.75)
                if close:
                    problems.append(
                        _cell_problem(
                            where,
                            1,
                            1,
                            cells,
                            "schema",
                            f"boardmap does not read a sheet called "
                            f"{messages._show(sheet_name)}; did you mean "
                            f"'{close[0]}'? Rename the sheet",
                        )
                    )
    finally:
        book.close()
    if "boards" not in tables:
        raise UsageError(
            f"{path}: the workbook has no sheet called 'boards' (its sheets: "
            f"{', '.join(names)}); name the sheet of boards 'boards' and the "
            "sheet of links 'links'"
        )
    return tables


def _cell_problem(where: str, row: int, column: int, cells: bool, rule: str, message: str) -> Problem:
    return Problem(where, row, column, rule, message, cell_name(row, column) if cells else "")


def _sheet_values(
    sheet: Any, path: Path, where: str, cells: bool, problems: list[Problem]
) -> Iterator[list[Any]]:
    """A sheet's rows of values, read as table_limits.sheet_rows reads them (whatever the
    sheet's `<dimension>` says); a formula is reported at its cell and read as blank."""
    for number, row in enumerate(sheet_rows(sheet, path, values_only=False), start=1):
        values: list[Any] = []
        for column, cell in enumerate(row, start=1):
            if getattr(cell, "data_type", None) == "f":
                problems.append(
                    _cell_problem(
                        where,
                        number,
                        column,
                        cells,
                        "schema",
                        f"this cell holds a formula ({messages._show(str(cell.value))}); boardmap "
                        "reads typed values only: copy the cell and paste it back as a value "
                        "(Paste Special, Values)",
                    )
                )
                values.append(None)
            else:
                values.append(getattr(cell, "value", None))
        yield values


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _merged_cells(
    book: Any, sheet: Any, path: Path, where: str, cells: bool, problems: list[Problem]
) -> None:
    """Merged cells hold one value for several cells, which a table of items cannot mean.
    openpyxl's read-only sheets do not list them, so they are found in the sheet's XML
    (read in pieces, within check_package's limit on a part's size: the list stands after
    the rows)."""
    from openpyxl.utils import column_index_from_string

    part = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if part is None or archive is None:
        return
    tail = b""
    try:
        stream = archive.open(part)
    except (KeyError, OSError, ValueError, RuntimeError) as exc:
        raise bad_workbook(path, f"{type(exc).__name__}: {exc}") from None
    with stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            for match in _MERGE.finditer(text):
                first, last = (
                    f"{match[1].decode()}{match[2].decode()}",
                    f"{match[3].decode()}{match[4].decode()}",
                )
                problems.append(
                    _cell_problem(
                        where,
                        int(match[2]),
                        column_index_from_string(match[1].decode()),
                        cells,
                        "schema",
                        f"cells {first} to {last} are merged; boardmap reads one value a "
                        "cell: unmerge them (Merge & Center, Unmerge Cells) and fill in each cell",
                    )
                )
            cut = text.rfind(b"<")
            tail = text[cut:] if cut > len(text) - 512 else b""
