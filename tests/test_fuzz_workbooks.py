"""Fuzzing the import of workbooks and CSV files, as tests/test_fuzz.py fuzzes the loader.

A real workbook (every sheet boardmap reads) is mutated in its XML (slices deleted and
repeated, hostile snippets inserted: a DTD, an entity, a far cell, a huge dimension, a
shared string that is not there, a date out of range) and in its zip bytes (bytes changed,
the file cut short); CSV files are mutated as text and bytes. Every run must end in a map,
or in a MapError whose problems name the file, or in a UsageError: the outcomes that the
command line turns into exit 0 or 2. Never any other exception, and never slowly.

400 workbooks and 300 CSV files with a fixed seed; BOARDMAP_FUZZ_EXAMPLES=N runs N of each
with fresh seeds.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from boardmap.errors import MapError, UsageError
from boardmap.tables import read_tables
from tests import xlsx_parts as xl
from tests.test_fuzz import EXTRA

SHEETS = {
    "boards": [
        ["id", "name", "short", "kind", "members", "chair", "since", "top"],
        [
            "hwbb",
            "Health and Wellbeing Board",
            "HWBB",
            "statutory-board",
            "council; police",
            "leader",
            "2013-04-01",
            "yes",
        ],
        [None, "Local Safeguarding Children Board", "LSCB", "Statutory board", None, None, None, None],
        ["leader", "Leader of the Council", None, "role", None, None, None, None],
        ["council", "Testshire Council", None, "organisation", None, None, None, None],
        ["police", "Testshire Police", None, "organisation", None, None, None, None],
    ],
    "links": [
        ["from", "to", "type", "says", "review by"],
        ["LSCB", "hwbb", "challenges", "holds to account", "2015-01-01"],
        ["hwbb", "leader", "reports to", None, None],
    ],
    "escalations": [
        ["id", "name", "between", "action", "involves"],
        ["r1", "Concerns", "lscb; hwbb", "Raise it with the chair", "lscb"],
        [None, None, None, "Take it to the board", "hwbb"],
    ],
    "themes": [["id", "name", "lead", "supports"], ["t1", "Neglect", "lscb", "hwbb"]],
    "map": [["area", "title", "as_of", "rules"], ["Testshire", "Boards", "2014-06-17", None]],
}
# Pieces a damaged or hostile workbook may hold in its XML.
SNIPPETS = [
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    "&a;",
    "&amp;",
    "<!ENTITY",
    "<![CDATA[x]]>",
    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    '<dimension ref="A1:XFD1048576"/>',
    '<c r="A2" t="s"><v>99</v></c>',
    '<c r="B3" t="d"><v>99999-01-01</v></c>',
    '<c r="C3" t="n"><v>1e999</v></c>',
    '<c r="C4" t="b"><v>7</v></c>',
    '<c r="ZZZZ9" t="inlineStr"><is><t>x</t></is></c>',
    '<row r="0">',
    '<row r="-5">',
    '<row r="3">',
    "</row>",
    "</sheetData>",
    "<sheetData>",
    'r="A0"',
    't="e"',
    "\x00",
    "\ufeff",
    "\u202e",
    "\x1b[2J",
    "<",
    ">",
    '"',
    "&",
    "x" * 5000,
    '<sheet name="boards" sheetId="9" r:id="rId9"/>',
    '<sheet name="links" sheetId="1" r:id="rId1"/>',
]
PARTS = [
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet3.xml",
    "xl/sharedStrings.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "_rels/.rels",
]
EXAMPLES = EXTRA or 400


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not EXTRA,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


def _base() -> dict[str, bytes]:
    sheets = {name: xl.sheet_data(rows) for name, rows in SHEETS.items()}
    sheets["boards"] = sheets["boards"].replace(  # one cell through the shared strings
        '<c r="B2" t="inlineStr"><is><t xml:space="preserve">Health and Wellbeing Board</t></is></c>',
        '<c r="B2" t="s"><v>0</v></c>',
    )
    buffer = io.BytesIO()
    xl.write(buffer, sheets, shared=["Health and Wellbeing Board"], dimension={"boards": "A1:H6"})
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as book:
        return {name: book.read(name) for name in book.namelist()}


BASE = _base()


def _pack(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return buffer.getvalue()


@st.composite
def mutated_workbooks(draw: st.DrawFn) -> bytes:
    parts = dict(BASE)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from([p for p in PARTS if p in parts]))
        data = parts[name]
        i = draw(st.integers(0, len(data)))
        j = draw(st.integers(i, min(len(data), i + 200)))
        how = draw(st.sampled_from(["delete", "repeat", "snippet", "bytes", "truncate"]))
        if how == "delete":
            data = data[:i] + data[j:]
        elif how == "repeat":
            data = data[:j] + data[i:j] * draw(st.integers(1, 50)) + data[j:]
        elif how == "snippet":
            data = data[:i] + draw(st.sampled_from(SNIPPETS)).encode("utf-8") + data[i:]
        elif how == "bytes":
            data = data[:i] + draw(st.binary(min_size=1, max_size=8)) + data[j:]
        else:
            data = data[:i]
        parts[name] = data
    raw = _pack(parts)
    if draw(st.integers(0, 7)) == 0:  # now and then, the zip itself damaged
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=16)) + raw[at + 1 :]
    return raw


def _event(what: str) -> None:
    from hypothesis.errors import InvalidArgument

    try:
        event(what)  # --hypothesis-show-statistics shows the mix of outcomes
    except InvalidArgument:  # outside a @given test
        pass


def outcome(paths: list[Path]) -> None:
    """Import as the command does; only a map, a MapError or a UsageError may come of it."""
    started = time.perf_counter()
    try:
        imported = read_tables(paths, area="Testshire")
    except MapError as exc:
        _event(f"problems: {exc.problems[0].rule}")
        for problem in exc.problems:
            assert problem.file.startswith(str(paths[0].parent)), problem
            assert problem.line >= 1 and problem.column >= 1, problem
            assert "\n" not in problem.message and len(problem.message) < 1500, problem
    except UsageError as exc:
        _event("refused")
        assert str(exc) and "Traceback" not in str(exc)
    else:
        _event("imported")
        assert imported.text.startswith("# Imported by `boardmap import`")
    assert time.perf_counter() - started < 20


def test_the_unmutated_workbook_imports(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(_pack(BASE))
    imported = read_tables([path])
    assert (imported.boards, imported.links, imported.escalations, imported.themes) == (5, 2, 1, 1)


@fuzz_settings(EXAMPLES)
@given(raw=mutated_workbooks())
def test_mutated_workbooks_import_or_are_refused_plainly(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(raw)
    outcome([path])


CSV_TEXT = (
    "id,name,short,kind,members,since\n"
    "hwbb,Health and Wellbeing Board,HWBB,statutory-board,council;police,2013-04-01\n"
    ",Local Safeguarding Children Board,LSCB,statutory-board,,\n"
    "council,Testshire Council,,organisation,,\npolice,Testshire Police,,organisation,,\n"
)
CSV_SNIPPETS = [
    '"',
    '""',
    ",",
    ";",
    "\t",
    "\r",
    "\n",
    "\x00",
    "\ufeff",
    "'=1+1",
    "=cmd|' /C calc'!A0",
    "x" * 200_000,
    "\u202e",
    "\x1b]52;c;eA==\x07",
    "2014-13-45",
    "29/09/2019",
]


@st.composite
def mutated_csv(draw: st.DrawFn) -> bytes:
    text = CSV_TEXT
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        how = draw(st.sampled_from(["delete", "snippet", "text", "repeat"]))
        if how == "delete":
            text = text[:i] + text[j:]
        elif how == "snippet":
            text = text[:i] + draw(st.sampled_from(CSV_SNIPPETS)) + text[i:]
        elif how == "text":
            text = text[:i] + draw(st.text(max_size=20)) + text[i:]
        else:
            text = text[:j] + text[i:j] * draw(st.integers(1, 20)) + text[j:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    raw = text.encode(encoding, "replace") if encoding == "cp1252" else text.encode(encoding, "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


@fuzz_settings(EXTRA or 300)
@given(raw=mutated_csv())
def test_mutated_csv_files_import_or_are_refused_plainly(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "boards.csv"
    path.write_bytes(raw)
    outcome([path])


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_each_hostile_snippet_in_a_sheet_is_handled(tmp_path: Path, snippet: str) -> None:
    parts = dict(BASE)
    sheet = parts["xl/worksheets/sheet1.xml"]
    at = sheet.index(b"<row")
    parts["xl/worksheets/sheet1.xml"] = sheet[:at] + snippet.encode("utf-8") + sheet[at:]
    path = tmp_path / "book.xlsx"
    path.write_bytes(_pack(parts))
    outcome([path])
