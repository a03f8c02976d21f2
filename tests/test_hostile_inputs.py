"""Issues 20 and 24, the inputs half: hostile and broken workbooks and CSV files are read
in seconds with memory bounded, or refused with a plain message and exit 2; never a hang,
never "internal error". docs/safety.md names each test."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap import table_limits
from boardmap.errors import MapError, UsageError
from boardmap.tables import read_tables

from . import xlsx_parts as xl
from .conftest import Result
from .test_safety import MAX_RSS_MB, run_measured

Cli = Callable[..., Result]

HEAD = ["id", "name", "kind"]
ROWS = [HEAD, ["a", "A board", "committee"], ["b", "B board", "committee"]]
LINKS = xl.sheet_data([["from", "to", "type"], ["a", "b", "reports-to"]])


def _problems(paths: list[Path]) -> list[str]:
    with pytest.raises(MapError) as caught:
        read_tables(paths, area="Testshire")
    return [str(p) for p in caught.value.problems]


def _usage(paths: list[Path]) -> str:
    with pytest.raises(UsageError) as caught:
        read_tables(paths, area="Testshire")
    return str(caught.value)


# -- 20.4: the declared dimension is never trusted ---------------------------------------------


def test_a_far_cell_under_a_huge_dimension_is_read_in_seconds(tmp_path: Path, cli: Cli) -> None:
    far = xl.sheet_data(ROWS) + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = xl.write(
        tmp_path / "far.xlsx",
        {"boards": far, "links": LINKS},
        dimension={"boards": "A1:XFD1048576", "links": "A1:XFD1048576"},
    )
    assert path.stat().st_size < 6000
    started = time.perf_counter()
    result = cli("import", str(path), "--area", "Testshire")
    assert time.perf_counter() - started < 20
    assert result.status == 2
    assert result.err.splitlines()[0] == (
        f"{path}:boards:1048576:16384: schema: this cell is under a column with no heading; "
        "add a heading or clear the cell"
    )


def test_a_stale_dimension_loses_no_row(tmp_path: Path) -> None:
    rows = [*ROWS, ["c", "C board", "committee"]]
    path = xl.write(
        tmp_path / "stale.xlsx",
        {"boards": xl.sheet_data(rows), "links": LINKS},
        dimension={"boards": "A1:C2", "links": "A1:A1"},
    )
    imported = read_tables([path], area="Testshire")
    assert (imported.boards, imported.links) == (3, 1)
    assert "  - id: c\n    name: C board\n" in imported.text


# -- 20.5: limits applied before anything expands ----------------------------------------------


def test_a_shared_string_bomb_is_refused_with_memory_bounded(tmp_path: Path) -> None:
    # One 1 MB string, named by 200 cells: 200 MB of text from a file of a few kilobytes.
    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>b{r}</t></is></c>'
        f'<c r="B{r}" t="s"><v>0</v></c><c r="C{r}" t="inlineStr"><is><t>committee'
        "</t></is></c></row>"
        for r in range(2, 202)
    )
    sheet = xl.sheet_data([HEAD]) + cells
    path = xl.write(tmp_path / "bomb.xlsx", {"boards": sheet}, shared=["x" * 1_048_576])
    assert path.stat().st_size < 20_000
    status, _, err, peak = run_measured("import", str(path), "--area", "T", "-o", str(tmp_path / "map.yaml"))
    assert status == 2
    assert err == (
        f"{path}:boards:65:1: schema: the tables hold more than 64 MB of text by this "
        "row, the most a map may hold: check that this is the right file, or split "
        "the map\n1 problem: no map was written. Fix the cells named and run "
        "`boardmap import` again.\n"
    )
    assert peak < MAX_RSS_MB
    assert not (tmp_path / "map.yaml").exists()


def test_a_part_that_unpacks_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = xl.write(
        tmp_path / "big.xlsx",
        {"boards": xl.sheet_data(ROWS)},
        extra={"xl/media/zeros.bin": bytes(65 * 1024 * 1024)},
    )
    assert path.stat().st_size < 200_000
    assert _usage([path]) == (
        f"{path}: the workbook's part xl/media/zeros.bin unpacks to 65 MB; boardmap reads parts "
        "of up to 64 MB (a sheet of 100,000 boards is smaller): save the tables in a new "
        "workbook, or as CSV files"
    )


def test_a_million_row_csv_is_refused_in_seconds_with_memory_bounded(tmp_path: Path) -> None:
    path = tmp_path / "boards.csv"
    with path.open("w") as out:
        out.write("id,name,kind\n")
        for n in range(1_000_000):
            out.write(f"b{n},Board {n},committee\n")
    started = time.perf_counter()
    status, _, err, peak = run_measured("import", str(path), "--area", "T")
    assert time.perf_counter() - started < 60
    assert status == 2
    assert err.splitlines()[0] == (
        f"{path}:100002:1: schema: the table holds more than 100,000 rows, far beyond any real "
        "map (a national map has some 10,000 boards): split it, or check that this is the "
        "right file"
    )
    assert peak < MAX_RSS_MB


def test_a_csv_of_blank_lines_is_refused_at_excels_last_row(tmp_path: Path) -> None:
    path = tmp_path / "boards.csv"
    path.write_text("id,name,kind\n" + "\n" * 1_100_000)
    assert _problems([path]) == [
        f"{path}:1048577:1: schema: the table goes on past row 1,048,576, more rows than Excel "
        "itself holds: delete the rows below the table"
    ]


def test_a_map_larger_than_the_loader_reads_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import boardmap.tables

    monkeypatch.setattr(boardmap.tables, "MAX_MAP_BYTES", 300)
    path = tmp_path / "boards.csv"
    path.write_text("id,name,kind\n" + "".join(f"b{n},Board {n},committee\n" for n in range(20)))
    assert _usage([path]).startswith("the map made from these tables would be 0 MB of YAML (")


def test_the_limits_the_messages_state_are_the_limits() -> None:
    assert table_limits.MAX_TABLE_BYTES == 64 * 1024 * 1024
    assert table_limits.MAX_TEXT_CHARS == 64 * 1024 * 1024
    assert table_limits.MAX_ITEMS == 100_000


# -- 20.6: a DTD is bad input, not a bug -------------------------------------------------------

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    "prolog", [LAUGHS, EXTERNAL, "<!DOCTYPE worksheet>", "<!-- " + " " * 200_000 + " -->" + EXTERNAL]
)
def test_a_workbook_declaring_a_dtd_is_refused_plainly(tmp_path: Path, cli: Cli, prolog: str) -> None:
    path = xl.write(tmp_path / "dtd.xlsx", {"boards": xl.sheet_data(ROWS)}, shared=["&xxe;"], prolog=prolog)
    result = cli("import", str(path), "--area", "T")
    assert result.status == 2
    assert result.err == (
        f"boardmap: {path}: the workbook's part xl/workbook.xml declares a DTD (<!DOCTYPE or "
        "<!ENTITY), which Excel never writes and which can be made to expand without end or "
        "to read other files; boardmap does not read it: open the workbook in Excel or "
        "LibreOffice and save it again\n"
    )


def test_a_dtd_in_a_utf16_part_is_found(tmp_path: Path) -> None:
    path = xl.write(
        tmp_path / "u16.xlsx",
        {"boards": xl.sheet_data(ROWS)},
        extra={
            "xl/extra.xml": "\ufeff".encode("utf-16-le")
            + (EXTERNAL.replace('1.0"?>', '1.0" encoding="UTF-16"?>') + "<x>&xxe;</x>").encode("utf-16-le")
        },
    )
    assert "xl/extra.xml declares a DTD" in _usage([path])


# -- damaged workbooks: bad input, never "internal error" ---------------------------------------


@pytest.mark.parametrize(
    ("name", "sheet", "shared"),
    [
        ("shared string that is not there", '<row r="1"><c r="A1" t="s"><v>7</v></c></row>', []),
        ("sheet that does not parse", '<row r="1"><c r="A1"', None),
        ("date out of range", '<row r="1"><c r="A1" t="d"><v>99999-99-99</v></c></row>', None),
        ("number that is not", '<row r="1"><c r="A1"><v>twelve</v></c></row>', None),
    ],
)
def test_a_damaged_sheet_is_bad_input(
    tmp_path: Path, cli: Cli, name: str, sheet: str, shared: list[str] | None
) -> None:
    path = xl.write(tmp_path / "bad.xlsx", {"boards": sheet}, shared=shared)
    result = cli("import", str(path), "--area", "T")
    assert result.status == 2, name
    assert "internal error" not in result.err
    assert result.err.startswith(f"boardmap: {path}: not an Excel workbook that boardmap can read (")
    assert result.err.endswith("open it in Excel or LibreOffice and save it as .xlsx\n")


def test_a_workbook_that_is_not_a_zip_is_bad_input(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    result = cli("import", str(path), "--area", "T")
    assert result.status == 2 and "internal error" not in result.err


def test_a_truncated_workbook_is_bad_input(tmp_path: Path, cli: Cli) -> None:
    whole = xl.write(tmp_path / "whole.xlsx", {"boards": xl.sheet_data(ROWS)})
    data = whole.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 30):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(data[:cut])
        result = cli("import", str(path), "--area", "T")
        assert result.status == 2 and "internal error" not in result.err, result.err
    assert zipfile.is_zipfile(whole)


# -- 24.10: CSV in the encodings and separators Excel writes -----------------------------------

BOARDS_CSV = "id,name,kind,members\na,A board,committee,b; c\nb,B board,committee,\nc,Cé board,committee,\n"


def _imported(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "boards.csv"
    path.write_bytes(data)
    return read_tables([path], area="Testshire").text


def test_excel_unicode_text_is_read(tmp_path: Path) -> None:
    # Excel's "Unicode Text": UTF-16 (little-endian, with a BOM), separated by tabs.
    text = BOARDS_CSV.replace(",", "\t").replace("\n", "\r\n")
    expected = _imported(tmp_path, BOARDS_CSV.encode())
    assert _imported(tmp_path, b"\xff\xfe" + text.encode("utf-16-le")) == expected
    assert _imported(tmp_path, b"\xfe\xff" + BOARDS_CSV.encode("utf-16-be")) == expected
    assert "name: Cé board" in expected and "members: [b, c]" in expected


def test_european_excel_csv_separated_by_semicolons_is_read(tmp_path: Path) -> None:
    expected = _imported(tmp_path, BOARDS_CSV.encode())
    text = BOARDS_CSV.replace(",", ";").replace("b; c", '"b; c"')
    assert text.startswith('id;name;kind;members\na;A board;committee;"b; c"\n')
    assert _imported(tmp_path, text.encode("cp1252")) == expected


def test_a_utf16_csv_that_does_not_decode_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "boards.csv"
    path.write_bytes(b"\xff\xfe" + "id,name\n".encode("utf-16-le") + b"\x00\xd8")  # half a pair
    assert _problems([path]) == [
        f"{path}:1:1: schema: this file starts as UTF-16 text but does not decode as UTF-16; "
        "save the sheet again as 'CSV UTF-8 (Comma delimited)'"
    ]


# -- 20.11: the round trip keeps a leading apostrophe -------------------------------------------


@pytest.mark.parametrize("text", ["'+44 is the code", "'quoted'", "''=1", "'=2+2", "'-", "'"])
def test_a_leading_apostrophe_survives_export_then_import(tmp_path: Path, cli: Cli, text: str) -> None:
    import json

    source = tmp_path / "map.yaml"
    source.write_text(
        "boardmap: 1\narea: Testshire\nboards:\n"
        f"  - {{id: a, name: {json.dumps(text + ' board')}, kind: committee, "
        f"purpose: {json.dumps(text)}}}\n"
        "  - {id: b, name: B, kind: committee}\n"
        "links:\n  - {from: a, to: b, type: informs, says: " + json.dumps(text) + "}\n"
    )
    assert cli("export", str(source), "--to", "csv", "-o", str(tmp_path / "kumu")).status == 0
    result = cli(
        "import",
        str(tmp_path / "kumu-elements.csv"),
        str(tmp_path / "kumu-connections.csv"),
        "--area",
        "Testshire",
        "-o",
        str(tmp_path / "back.yaml"),
    )
    assert result.status == 0, result.err
    from boardmap.load import load

    back = load(tmp_path / "back.yaml")
    assert back.board("a").name == text + " board"
    assert back.board("a").purpose == text
    assert back.links[0].says == text


@pytest.mark.parametrize("cell", ["20240101", "2024-W01-1", "2024-001"])
def test_a_date_cell_is_read_only_as_yyyy_mm_dd(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "boards.csv"
    path.write_text(f"id,name,kind,since\na,A board,committee,{cell}\n")
    [problem] = _problems([path])
    assert problem.startswith(f"{path}:2:4: schema: since '{cell}' is not a date: write ")
    assert "YYYY-MM-DD" in problem


def test_reading_tables_stops_after_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_limits, "MAX_SECONDS", 0)
    path = tmp_path / "boards.csv"
    path.write_text("id,name,kind\n" + "".join(f"b{n},B {n},committee\n" for n in range(2000)))
    assert _problems([path]) == [
        f"{path}:1024:1: schema: reading the tables has taken more than 0 minutes by this row, "
        "far longer than a map of boards takes: check that this is the right file"
    ]


def test_a_flood_of_problems_is_cut_short_with_memory_bounded(tmp_path: Path) -> None:
    # 600,000 formulas in a 1.2 MB workbook: each was a problem (509 MB, 26 s, 600,000 lines).
    rows = xl.sheet_data([HEAD]) + "".join(
        f'<row r="{r}">' + "".join(f'<c r="{xl.column(c)}{r}"><f>1</f></c>' for c in range(1, 11)) + "</row>"
        for r in range(2, 60_002)
    )
    path = xl.write(tmp_path / "formulas.xlsx", {"boards": rows})
    status, _, err, peak = run_measured("import", str(path), "--area", "T")
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1002
    assert lines[-2] == (
        f"{path}:boards:102:1: schema: more than 1,000 problems by this row; "
        "boardmap stopped reading here: fix those shown and import the tables "
        "again"
    )
    assert peak < 200
