"""Spreadsheets -> a map: a boards CSV and a links CSV, or a workbook with sheets `boards`,
`links` and, optionally, `escalations`, `themes` and `map`.

Columns are named as the format's fields (`id, name, kind, ...`; `from, to, type, ...`),
or as Kumu names them (`Label, Type, Description`), so the CSV pair that
`boardmap export --to csv` writes comes back in unchanged. Every bad cell is reported in
one run, as FILE[:SHEET]:ROW:COLUMN, and nothing is written until the whole map loads.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from boardmap import messages
from boardmap.errors import MapError, Problem, UsageError
from boardmap.loader.text import load_text_located
from boardmap.model import (
    ID_PATTERN,
    STATUTORY_ROLES,
    Board,
    Escalation,
    Link,
    MapFile,
    Theme,
)
from boardmap.names import name_key
from boardmap.suggest import Suggester
from boardmap.table_limits import MAX_TABLE_BYTES, Budget, bad_workbook, check_package, sheet_rows
from boardmap.words import KIND_NAMES, LINK_LABELS, long_date

# The CSV pair `boardmap export --to csv` writes: Kumu's headings first (ID, Label, Type,
# Description; From, To, Type, Label), then the rest of the format's fields.
ELEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ID", "id"),
    ("Label", "name"),
    ("Type", "kind"),
    ("Description", "purpose"),
    ("Short", "short"),
    ("Statutory role", "statutory_role"),
    ("Chair", "chair"),
    ("Independent chair", "independent_chair"),
    ("Members", "members"),
    ("Meets", "meets"),
    ("Areas", "areas"),
    ("Top", "top"),
    ("Basis", "basis"),
    ("Since", "since"),
    ("Until", "until"),
    ("URL", "url"),
)
# Columns written only where a board uses the field (so that maps without it export as
# before): the body a board is part of.
OPTIONAL_ELEMENT_COLUMNS: tuple[tuple[str, str], ...] = (("Part of", "part_of"),)
CONNECTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("From", "from"),
    ("To", "to"),
    ("Type", "type"),
    ("Label", "says"),
    ("Description", "what"),
    ("Cadence", "cadence"),
    ("Basis", "basis"),
    ("Review by", "review_by"),
    ("Since", "since"),
    ("Until", "until"),
)
# Lists are written with Kumu's separator; both it and ';' are read.
LIST_SEPARATOR = "|"
_LIST_SPLIT = re.compile(r"[;|]")
# A cell a spreadsheet would run as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The largest map the loader reads (boardmap.load.MAX_FILE_BYTES): an import that would
# write a larger one is refused, rather than written for `check` to refuse.
MAX_MAP_BYTES = 64 * 1024 * 1024
_NO_BOARDS = (
    "the boards table lists no boards: under a first row of headings (name, kind, "
    "...), give one row for each board"
)
# What the generated map is called while it is checked, before it has a file of its own.
YAML_NAME = "<import>"


def defuse_cell(text: str) -> str:
    """A leading apostrophe stops Excel and LibreOffice treating a cell as a formula. Text
    that starts with an apostrophe of its own gets one more, so that the import, which
    takes one off, gives it back as it was ('+44 is the code)."""
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def _undo_defuse(text: str) -> str:
    """The apostrophe `defuse_cell` put before a formula character or an apostrophe."""
    return text[1:] if text.startswith("'") and text[1:].startswith((*_FORMULA_START, "'")) else text


@dataclass(frozen=True)
class Spec:
    """What one table holds: its fields, the other names its columns may go by, and which
    fields are lists or required."""

    name: str
    fields: tuple[str, ...]
    required: tuple[str, ...]
    lists: frozenset[str] = frozenset()
    aliases: dict[str, str] = field(default_factory=dict)
    bools: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()


BOARDS = Spec(
    "boards",
    (
        "id",
        "name",
        "short",
        "kind",
        "purpose",
        "basis",
        "statutory_role",
        "chair",
        "independent_chair",
        "members",
        "meets",
        "areas",
        "top",
        "part_of",
        "since",
        "until",
        "url",
        "contact",
    ),
    required=("name", "kind"),
    lists=frozenset({"members", "areas", "chair"}),
    aliases={"label": "name", "type": "kind", "description": "purpose"},
    bools=frozenset({"independent_chair", "top"}),
    dates=frozenset({"since", "until"}),
)
LINKS = Spec(
    "links",
    ("from", "to", "type", "says", "what", "cadence", "basis", "review_by", "since", "until"),
    required=("from", "to", "type"),
    aliases={"label": "says", "description": "what"},
    dates=frozenset({"review_by", "since", "until"}),
)
ESCALATIONS = Spec(
    "escalations",
    ("id", "name", "description", "between", "action", "involves", "since", "until"),
    required=("action",),
    lists=frozenset({"between", "involves"}),
    dates=frozenset({"since", "until"}),
)
THEMES = Spec(
    "themes",
    ("id", "name", "description", "lead", "supports", "since", "until"),
    required=("name",),
    lists=frozenset({"supports"}),
    dates=frozenset({"since", "until"}),
)
MAP = Spec(
    "map",
    ("area", "title", "as_of", "rules", "urgent"),
    required=(),
    lists=frozenset({"rules"}),
    dates=frozenset({"as_of"}),
)
# Read only where a workbook is the map itself (boardmap.workbook), not by `import`.
GLOSSARY = Spec("glossary", ("term", "meaning"), required=("term", "meaning"))
ACCEPTED = Spec(
    "accepted",
    (
        "rule",
        "board",
        "boards",
        "link_from",
        "link_to",
        "link_type",
        "theme",
        "route",
        "role",
        "area",
        "reason",
        "since",
        "until",
    ),
    required=("rule", "reason"),
    lists=frozenset({"boards"}),
    dates=frozenset({"since", "until"}),
)
# An agreement takes a row, and each further signature or covered link a row below it with
# no id or name (as an escalation route's steps do).
AGREEMENTS = Spec(
    "agreements",
    (
        "id",
        "name",
        "description",
        "between",
        "status",
        "review_by",
        "url",
        "since",
        "until",
        "covers_routes",
        "covers_from",
        "covers_to",
        "covers_type",
        "agreed_by",
        "agreed_on",
        "agreed_ref",
    ),
    required=(),
    lists=frozenset({"between", "covers_routes"}),
    dates=frozenset({"review_by", "since", "until", "agreed_on"}),
)
CONCERNS = Spec("concerns", ("concern", "do", "contact", "phone", "email", "web"), required=("concern",))
SPECS = {
    spec.name: spec
    for spec in (BOARDS, LINKS, ESCALATIONS, THEMES, MAP, GLOSSARY, ACCEPTED, AGREEMENTS, CONCERNS)
}


# Plain words a sheet may use for a kind or a link type ("Statutory board", "reports to").
def _word(value: Any) -> Any:
    return re.sub(r"[\s_]+", "-", value.strip().lower()) if isinstance(value, str) else value


_KIND_WORDS = {_word(w): kind for kind, said in KIND_NAMES.items() for w in (kind, said)}
_TYPE_WORDS = {_word(w): kind for kind, said in LINK_LABELS.items() for w in (kind, said)}


# -- reading tables ------------------------------------------------------------------------


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
        text = _undo_defuse(value.strip())
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


# -- tables -> items -----------------------------------------------------------------------


def slug(text: str) -> str:
    """An id from a name: 'Health & Wellbeing Board' -> 'health-wellbeing-board'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if not base:
        base = "board"
    elif not base[0].isalpha():
        base = "b-" + base
    return base[:64].rstrip("-")


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


def _key(text: str) -> str:
    return name_key(str(text))


@dataclass
class Origin:
    table: Table
    row: Row
    # For routes: the row of each step, in order.
    step_rows: list[Row] = field(default_factory=list)


class Boards:
    """The boards read so far, and what each may be called in a link: id, name, name with
    acronym, or acronym."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {}  # a name, folded -> the ids it may mean
        self.shown: dict[str, str] = {}  # a name, folded -> as the table writes it
        self.ids: dict[str, None] = {}  # in table order
        self._options: dict[str, str] | None = None  # what a slip may be for, by folded name
        self._suggest: Suggester | None = None

    def add(self, board_id: str, name: Any, short: Any) -> None:
        self.ids[board_id] = None
        self._options = self._suggest = None
        label = f"{name} ({short})" if name and short else None
        # An id typed in another case ('MSCB' for mscb) means the board, as its name does.
        for alias in dict.fromkeys((board_id, name, short, label)):
            if alias is not None:
                self.names.setdefault(_key(alias), []).append(board_id)
                self.shown.setdefault(_key(alias), str(alias))

    def misfit(self, value: Any) -> bool:
        """Whether a value is the id of a board whose own id cell is wrong (reported there)."""
        return isinstance(value, str) and value in self.ids and not re.fullmatch(ID_PATTERN, value)

    def resolve(self, value: Any, suggest: bool = True) -> tuple[str | None, str | None]:
        """The id a cell means, or None and why not (with a close name where `suggest`:
        that search costs a comparison with every name, so free text that may name no board,
        a chair, is looked up without it)."""
        text = str(value).strip()
        if text in self.ids:
            return text, None
        found = list(dict.fromkeys(self.names.get(_key(text), [])))
        if len(found) == 1:
            return found[0], None
        if not suggest:
            return None, None
        if found:
            return None, (f"{messages._show(text)} could be any of the boards {', '.join(found)}; use the id")
        if self._options is None:  # made once, not for each cell that names no board
            self._options = {board_id: board_id for board_id in self.ids} | self.shown
            self._suggest = Suggester(self._options)
        close = self._suggest.closest(_key(text)) if self._suggest else None
        hint = (
            f"; did you mean '{self._options[close]}'?"
            if close
            else "; add it to the boards, or give a board's id or name"
        )
        return None, f"no board has the id or name {messages._show(text)}{hint}"


@dataclass
class Reader:
    """Turns tables into the dicts of a map file, collecting every problem on the way."""

    problems: list[Problem] = field(default_factory=list)
    boards: Boards = field(default_factory=Boards)
    items: dict[str, list[tuple[dict[str, Any], Origin]]] = field(default_factory=dict)

    def problem(
        self, table: Table, row: Row | int, fieldname: str | None, message: str, rule: str = "schema"
    ) -> None:
        number = row if isinstance(row, int) else row.number
        self.problems.append(table.at(number, fieldname, rule, message))

    # -- cells

    def text(self, table: Table, row: Row, name: str) -> Any:
        value = row.cells.get(name)
        if value is None or name in table.spec.bools:
            return value
        if name in table.spec.dates:
            return _date(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value) if not isinstance(value, str) else value

    def listed(self, table: Table, row: Row, name: str) -> list[str]:
        value = self.text(table, row, name)
        if value is None:
            return []
        return [part.strip() for part in _LIST_SPLIT.split(str(value)) if part.strip()]

    def flag(self, table: Table, row: Row, name: str) -> bool | None:
        value = row.cells.get(name)
        if value is None or isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("yes", "y", "true", "1", "x"):
            return True
        if word in ("no", "n", "false", "0"):
            return False
        self.problem(table, row, name, f"{name} {messages._show(value)} should be yes or no")
        return None

    def refs(self, table: Table, row: Row, name: str) -> list[str]:
        """Board ids for a cell of board ids or names; unknown ones are reported."""
        out = []
        for value in self.listed(table, row, name):
            board_id, why = self.boards.resolve(value)
            if board_id is None:
                self.problem(table, row, name, str(why), "unknown-board")
            else:
                out.append(board_id)
        return out

    def ref(self, table: Table, row: Row, name: str) -> str | None:
        value = self.text(table, row, name)
        if value is None:
            return None
        board_id, why = self.boards.resolve(value)
        if board_id is None:
            self.problem(table, row, name, str(why), "unknown-board")
        return board_id

    def validate(
        self,
        model: type[BaseModel],
        data: dict[str, Any],
        table: Table,
        rows: list[Row],
        skip: Iterable[str] = (),
    ) -> bool:
        """Check one item with the format's own model; report each error at its cell."""
        try:
            model.model_validate(data)
        except ValidationError as exc:
            # One problem a cell: a reference already reported is not also "missing".
            seen = {(p.file, p.line, p.column) for p in self.problems}
            for error in exc.errors(include_url=False, include_input=True):
                loc = tuple(error["loc"])
                name = str(loc[0])
                row = rows[0]
                if name == "steps" and len(loc) > 2 and isinstance(loc[1], int):
                    row, name = rows[min(loc[1], len(rows) - 1)], str(loc[2])
                problem = table.at(row.number, name, "schema", _cell_message(error, table.spec.name, name))
                if name in skip or (problem.file, problem.line, problem.column) in seen:
                    continue
                if name != "id" and self.boards.misfit(error.get("input")):
                    continue  # a board whose bad id is reported on its own row
                seen.add((problem.file, problem.line, problem.column))
                self.problems.append(problem)
            return False
        return True

    # -- items

    def read_boards(self, table: Table) -> None:
        taken: set[str] = set()
        pending: list[tuple[Row, dict[str, Any]]] = []
        for row in table.rows:  # ids given in the table first, so made-up ids avoid them
            given = self.text(table, row, "id")
            if given is not None and re.fullmatch(ID_PATTERN, given):
                if given in taken:
                    self.problem(
                        table,
                        row,
                        "id",
                        f"the board id '{given}' is used by an earlier row; give each board its own id",
                        "duplicate-id",
                    )
                taken.add(given)
        for row in table.rows:
            given = self.text(table, row, "id")
            name, short = self.text(table, row, "name"), self.text(table, row, "short")
            board_id = given if given is not None else _unique(slug(short or name or "board"), taken)
            self.boards.add(board_id, name, short)
            pending.append((row, {"id": board_id}))
        for row, data in pending:
            self._board(table, row, data)

    def _board(self, table: Table, row: Row, data: dict[str, Any]) -> None:
        for name in BOARDS.fields[1:]:
            if name in ("members", "chair"):
                continue
            value = (
                self.flag(table, row, name)
                if name in BOARDS.bools
                else self.listed(table, row, name)
                if name in BOARDS.lists
                else self.text(table, row, name)
            )
            if value not in (None, [], False):
                data[name] = value
        if "kind" in data:
            data["kind"] = _KIND_WORDS.get(_word(data["kind"]), data["kind"])
        if "statutory_role" in data:
            role = _word(data["statutory_role"])
            data["statutory_role"] = role if role in STATUTORY_ROLES else data["statutory_role"]
        members = self.refs(table, row, "members")
        if members:
            data["members"] = members
        chairs = [self.boards.resolve(c, suggest=False)[0] or c for c in self.listed(table, row, "chair")]
        if chairs:
            data["chair"] = chairs[0] if len(chairs) == 1 else chairs
        self._add("boards", Board, {k: data[k] for k in BOARDS.fields if k in data}, table, [row])

    def read_links(self, table: Table) -> None:
        for row in table.rows:
            data: dict[str, Any] = {}
            for name in LINKS.fields:
                value = self.ref(table, row, name) if name in ("from", "to") else self.text(table, row, name)
                if value is not None:
                    data[name] = value
            if "type" in data:
                data["type"] = _TYPE_WORDS.get(_word(data["type"]), data["type"])
                if data.get("says") and _key(data["says"]) == _key(LINK_LABELS.get(data["type"], "")):
                    del data["says"]  # the type's own phrase: leave it to the type
            if data.get("from") and data.get("from") == data.get("to"):
                self.problem(
                    table, row, "to", f"this link goes from '{data['to']}' to itself; a link joins two boards"
                )
            self._add("links", Link, data, table, [row])

    def read_escalations(self, table: Table) -> None:
        routes: dict[str, tuple[dict[str, Any], list[Row]]] = {}
        current: str | None = None
        for row in table.rows:
            route_id, name = self.text(table, row, "id"), self.text(table, row, "name")
            key = route_id or (_key(name) if name else None)
            if key is None:
                if current is None:
                    self.problem(
                        table,
                        row,
                        "name",
                        "this step belongs to no route: give the route's name (or id) on its first row",
                    )
                    continue
                key = current
            current = key
            data, rows = routes.setdefault(key, ({"steps": []}, []))
            rows.append(row)
            for attr in ("id", "name", "description", "since", "until"):
                value = self.text(table, row, attr)
                if value is not None:
                    data.setdefault(attr, value)
            between = data.setdefault("between", [])
            between.extend(b for b in self.refs(table, row, "between") if b not in between)
            step: dict[str, Any] = {}
            action = self.text(table, row, "action")
            if action is not None:
                step["action"] = action
            step["involves"] = self.refs(table, row, "involves")
            data["steps"].append(step)
        taken = {data["id"] for data, _ in routes.values() if "id" in data}
        for data, rows in routes.values():
            if "id" not in data:
                data["id"] = _unique(slug(data.get("name", "route")), taken)
            for step in data["steps"]:
                if not step["involves"]:
                    del step["involves"]
            order = ("id", "name", "description", "between", "steps", "since", "until")
            self._add("escalations", Escalation, {k: data[k] for k in order if k in data}, table, rows)

    def read_themes(self, table: Table) -> None:
        taken = {str(row.cells["id"]) for row in table.rows if "id" in row.cells}
        for row in table.rows:
            data: dict[str, Any] = {}
            for name in ("id", "name", "description", "since", "until"):
                value = self.text(table, row, name)
                if value is not None:
                    data[name] = value
            data.setdefault("id", _unique(slug(data.get("name", "theme")), taken))
            lead = self.ref(table, row, "lead")
            if lead is not None:
                data["lead"] = lead
            supports = self.refs(table, row, "supports")
            if supports:
                data["supports"] = supports
            self._add("themes", Theme, {k: data[k] for k in THEMES.fields if k in data}, table, [row])

    def _add(
        self,
        section: str,
        model: type[BaseModel],
        data: dict[str, Any],
        table: Table,
        rows: list[Row],
        skip: Iterable[str] = (),
    ) -> None:
        skip = set(skip) | {name for name in table.spec.required if name not in table.columns}
        self.validate(model, data, table, rows, skip)
        if section == "boards" or section == "links":
            self._date_order(data, table, rows[0])
        self.items.setdefault(section, []).append((data, Origin(table, rows[0], rows)))

    def _date_order(self, data: dict[str, Any], table: Table, row: Row) -> None:
        since, until = data.get("since"), data.get("until")
        try:
            since = dt.date.fromisoformat(str(since)) if since is not None else None
            until = dt.date.fromisoformat(str(until)) if until is not None else None
        except ValueError:
            return  # already reported as a bad date
        if since and until and until <= since:
            self.problem(table, row, "until", f"until ({until}) must come after since ({since})")


def _date(value: Any) -> Any:
    """A date cell as a date where it is one: an Excel date, or text as YYYY-MM-DD (and
    nothing else: Python also reads 20240101 and 2024-W01-1, which the loader refuses)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, flags=re.ASCII):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# A date as people in the UK write it: 29/09/2019, 29.09.19, 9-3-2019 (day first).
_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\s*")


def _day_first(text: str) -> dt.date | None:
    """The date a UK reader means by '29/09/2019', or None where it is not one."""
    match = _DAY_FIRST.fullmatch(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _cell_message(error: Any, section: str, name: str) -> str:
    given = error.get("input")
    meant = _day_first(given) if isinstance(given, str) and name in SPECS[section].dates else None
    if meant is not None:
        return (
            f"{name} {messages._show(given)} is not a date boardmap can read: dates are "
            f"written YYYY-MM-DD; did you mean {long_date(meant)}? Write it as "
            f"{meant.isoformat()}"
        )
    if error["type"] == "missing":
        return f"this row has no {name}; fill in the {name} column (it is required)"
    if error["type"] == "too_short" and name == "between":
        return "this route names no boards in its between column; name the boards it settles"
    return messages.schema_error(error, (section, 0, *error["loc"]))


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
        problems.append(tables["boards"].at(1, None, "schema", _NO_BOARDS))
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
    try:
        load_text_located(text, file=YAML_NAME)
    except MapError as exc:
        raise MapError([_locate(p, placed, fallback) for p in exc.problems]) from None
